package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cite-project/cite/styles"
)

func TestStylesGolden(t *testing.T) {
	runGolden(t, "styles", []cliCase{
		{"list", []string{"styles"}, 0},
		{"unknown", []string{"styles", "show", "nope"}, 2},
		{"no-name", []string{"styles", "show"}, 2},
		{"bad-subcommand", []string{"styles", "bogus"}, 2},
	})
}

// TestStylesShow checks that show prints the embedded file byte for byte,
// and that --portable (after the name, too) and -o write the portable form.
func TestStylesShow(t *testing.T) {
	for _, name := range styles.Names() {
		want, err := styles.Style(name)
		if err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCite(t, "", "styles", "show", name)
		if code != 0 || stdout != string(want) {
			t.Errorf("cite styles show %s: exit %d, %d bytes (stderr %q); want the %d bytes of the style", name, code, len(stdout), stderr, len(want))
		}
		out := filepath.Join(t.TempDir(), name+".csl")
		if code, _, stderr := runCite(t, "", "styles", "show", name, "--portable", "-o", out); code != 0 {
			t.Fatalf("cite styles show %s --portable -o: exit %d: %s", name, code, stderr)
		}
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(styles.Portable(want)) {
			t.Errorf("cite styles show %s --portable -o wrote something else than styles.Portable", name)
		}
	}
}
