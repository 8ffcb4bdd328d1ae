package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// TestVerifyRealManuscripts verifies the two real manuscripts of
// ../shared/corpus/real against their own .bib files, imported as a new
// user would (issue 12). Each finding was judged by hand:
//   - the Russian thesis (its six chapters and characteristic.tex, which
//     \nocite's the author's publications, with its three .bib files):
//     18 markers, all resolved, no finding;
//   - the JOSS paper: 8 markers, all resolved, one citation-suggested, real
//     ("…has been used mostly by the robotics community." states a fact
//     about a field that its paragraph's [@Billard2008] may back).
func TestVerifyRealManuscripts(t *testing.T) {
	real := filepath.Join(testkit.ModuleRoot(t), "..", "shared", "corpus", "real")
	if _, err := os.Stat(real); err != nil {
		t.Skipf("%s is absent; skipping", real)
	}
	importInto := func(lib string, bibs ...string) {
		t.Helper()
		for _, b := range bibs {
			if code, _, stderr := runCite(t, "", "import", b, "--into", filepath.Join(lib, strings.TrimSuffix(filepath.Base(b), ".bib")+".toml")); code != 0 {
				t.Fatalf("import %s: exit %d\n%s", b, code, stderr)
			}
		}
	}
	thesis := filepath.Join(real, "russian-phd-template")
	thesisLib := t.TempDir()
	importInto(thesisLib, filepath.Join(thesis, "biblio", "author.bib"), filepath.Join(thesis, "biblio", "external.bib"), filepath.Join(thesis, "biblio", "registered.bib"))
	chapters, _ := filepath.Glob(filepath.Join(thesis, "Dissertation", "*.tex"))
	args := append([]string{"--library", thesisLib, "verify", "-m"}, append(chapters, filepath.Join(thesis, "common", "characteristic.tex"))...)
	code, out, stderr := runCite(t, "", args...)
	if want := "18 markers (18 resolved), 0 claims (0 found): no problems"; code != 0 || !strings.Contains(out, want) {
		t.Errorf("thesis: exit %d, want 0 and %q:\n%s%s", code, want, out, stderr)
	}

	joss := filepath.Join(real, "gmr-joss-paper")
	jossLib := t.TempDir()
	importInto(jossLib, filepath.Join(joss, "paper.bib"))
	code, out, stderr = runCite(t, "", "--library", jossLib, "verify", "-m", filepath.Join(joss, "paper.md"))
	if want := "8 markers (8 resolved), 0 claims (0 found): 1 finding (1 citation-suggested)"; code != 1 || !strings.Contains(out, want) ||
		!strings.Contains(out, "paper.md:59: citation-suggested:") {
		t.Errorf("JOSS paper: exit %d, want 1, %q and the finding at line 59:\n%s%s", code, want, out, stderr)
	}
}
