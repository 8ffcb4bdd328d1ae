package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"

	"github.com/cite-project/cite/internal/check"
)

// TestREADMERules keeps the README's table of check rules in step with the
// code: every rule, with its code, severity and explanation. Run with
// -update to regenerate the table.
func TestREADMERules(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- rules:begin", "<!-- rules:end -->"
	readme := string(data)
	i := strings.Index(readme, begin)
	j := strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q … %q markers", begin, end)
	}
	i += strings.Index(readme[i:], "\n") + 1
	var b strings.Builder
	b.WriteString("| code | severity | rule |\n|---|---|---|\n")
	for _, r := range append(loadRules(), check.Rules()...) {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.Code, r.Severity, strings.ReplaceAll(r.Explanation, "|", `\|`))
	}
	table := b.String()
	if readme[i:j] == table {
		return
	}
	if testkit.Updating() {
		if err := os.WriteFile(path, []byte(readme[:i]+table+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's rule table is out of date; run go test ./internal/cli -run TestREADMERules -update")
}
