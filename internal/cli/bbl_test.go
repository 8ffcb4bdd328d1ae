package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBBLGolden(t *testing.T) {
	refs := filepath.Join("..", "..", "refs")
	dir := filepath.Join("testdata", "bbl")
	runGolden(t, "bbl", []cliCase{
		// \bibliographystyle{ugost2008} picks gost-2008; two unknown keys,
		// one in the child .aux, each named with its line: exit 1.
		{"essay", []string{"--library", refs, "bbl", filepath.ToSlash(filepath.Join(dir, "essay.aux")), "-o", "-"}, 1},
		{"essay-apa", []string{"--library", refs, "bbl", "--style", "apa", "-o", "-", filepath.ToSlash(filepath.Join(dir, "essay"))}, 1},
		{"biblatex", []string{"--library", refs, "bbl", filepath.ToSlash(filepath.Join(dir, "biblatex.aux"))}, 2},
		{"missing", []string{"--library", refs, "bbl", filepath.ToSlash(filepath.Join(dir, "nothing.aux"))}, 2},
	})
}

// TestBBLDatabases checks that without --library the .bib files of
// \bibdata are read, and that the .bbl goes next to the .aux.
func TestBBLDatabases(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("paper.aux", "\\citation{knuth}\n\\bibstyle{plain}\n\\bibdata{lib}\n")
	write("lib.bib", "@book{knuth, author = {Donald E. Knuth}, title = {The {\\TeX}book}, publisher = {Addison-Wesley}, year = 1984}\n")
	code, _, stderr := runCite(t, "", "bbl", filepath.Join(dir, "paper"))
	if code != 2 || !strings.Contains(stderr, `\bibliographystyle{plain}, which cite does not know`) {
		t.Errorf("unknown \\bibstyle: exit %d, stderr %q; want 2 and a message naming it", code, stderr)
	}
	code, _, stderr = runCite(t, "", "bbl", filepath.Join(dir, "paper.aux"), "--style", "gost")
	if code != 0 {
		t.Fatalf("cite bbl: exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(filepath.Join(dir, "paper.bbl"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "\\bibitem{knuth}\nKnuth, D. E. The TeXbook / D. E. Knuth. -- Addison-Wesley, 1984."; !strings.Contains(string(got), want) {
		t.Errorf("paper.bbl =\n%s\nwant it to contain\n%s", got, want)
	}
}
