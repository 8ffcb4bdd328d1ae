package eval

import (
	"fmt"
	"strings"
)

// DefaultBudget is the default CSL evaluation budget: the number of
// element evaluations one rendering of one item may take. The official
// styles and the test-suite fixtures take at most 187 (chicago-author-date,
// apa); a style whose macros call each other in a fan-out (each calling
// the next twice) would take billions.
const DefaultBudget = 100_000

// BudgetError reports a rendering stopped because it exceeded the
// evaluation budget.
type BudgetError struct {
	// Item is the item being rendered.
	Item string
	// Macro is the macro called from the layout that was being expanded,
	// Line its line in the style; Chain lists the macros it was calling
	// down to the innermost one (at most a few).
	Macro string
	Line  int
	Chain []string
	// Budget is the limit that was exceeded.
	Budget int
}

func (e *BudgetError) Error() string {
	where := "the layout"
	if e.Macro != "" {
		where = fmt.Sprintf("macro %q", e.Macro)
		if e.Line > 0 {
			where = fmt.Sprintf("line %d: macro %q", e.Line, e.Macro)
		}
		if len(e.Chain) > 0 {
			q := make([]string, len(e.Chain))
			for i, m := range e.Chain {
				q[i] = m
				if m != "…" {
					q[i] = fmt.Sprintf("%q", m)
				}
			}
			where += " (calling " + strings.Join(q, " → ") + ")"
		}
	}
	return fmt.Sprintf("%s needs more than %d element evaluations to render item %q, the CSL evaluation budget; "+
		"a style whose macros call each other over and over never finishes. If the style is meant to be this large, "+
		"raise the budget with --csl-budget N or CITE_CSL_BUDGET=N", where, e.Budget, e.Item)
}

// spend counts one element evaluation of the ctx's rendering and reports
// whether the rendering may go on. Once the budget is exceeded, the run
// records a BudgetError and every later rendering of the run stops at
// once.
func (c *ctx) spend() bool {
	c.evals++
	if c.evals <= c.r.e.budget && c.r.budgetErr == nil {
		return true // small enough to be inlined at every element
	}
	return c.overspent()
}

// overspent is spend once the rendering is over budget or the run
// stopped: it records the BudgetError and reports false.
func (c *ctx) overspent() bool {
	if c.r.budgetErr != nil {
		return false
	}
	e := &BudgetError{Item: c.it.ID, Budget: c.r.e.budget}
	if len(c.macros) > 0 {
		e.Macro = c.macros[0]
		if m := c.r.e.st.Macros[e.Macro]; m != nil {
			e.Line = m.Line
		}
		chain := c.macros[1:]
		if len(chain) > 6 {
			chain = append(append([]string(nil), chain[:3]...), append([]string{"…"}, chain[len(chain)-2:]...)...)
		}
		e.Chain = chain
	}
	c.r.budgetErr = e
	return false
}
