package cli

import (
	ucli "github.com/urfave/cli/v2"

	"github.com/cite-project/cite/internal/csl"
)

// cslBudgetFlag is the global --csl-budget flag: the CSL evaluation
// budget per item (element evaluations one rendering of one item may
// take), which bounds the work of a style whose macros fan out.
func cslBudgetFlag() ucli.Flag {
	return &ucli.IntFlag{
		Name:    "csl-budget",
		Value:   csl.DefaultEvalBudget,
		EnvVars: []string{"CITE_CSL_BUDGET"},
		Usage:   "how many CSL element evaluations rendering one reference may take before the style is refused",
	}
}

// cslBudget returns the --csl-budget value (0 for the default).
func cslBudget(c *ucli.Context) int {
	if n := c.Int("csl-budget"); n > 0 {
		return n
	}
	return 0
}
