package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRenderGolden(t *testing.T) {
	refs := filepath.Join("..", "..", "refs")
	dir := filepath.Join("testdata", "render")
	file := func(name string) string { return filepath.ToSlash(filepath.Join(dir, name)) }
	runGolden(t, "render", []cliCase{
		{"numeric-apa", []string{"--library", refs, "render", file("numeric.txt"), "--style", "apa"}, 0},
		{"numeric-gost", []string{"--library", refs, "render", file("numeric.txt"), "--style", "gost"}, 0},
		{"numeric-html", []string{"--library", refs, "render", "--style", "apa", "--to", "html", file("numeric.txt")}, 0},
		{"unresolved", []string{"--library", refs, "render", file("unresolved.md"), "--style", "apa"}, 1},
		{"no-style", []string{"--library", refs, "render", file("numeric.txt")}, 2},
		{"latex", []string{"--library", refs, "render", "--style", "apa", "paper.tex"}, 2},
		{"missing", []string{"--library", refs, "render", "--style", "apa", file("nothing.md")}, 2},
		{"bad-to", []string{"--library", refs, "render", "--style", "apa", "--to", "rtf", file("numeric.txt")}, 2},
	})
}

// TestRenderOutputOnlyWhenResolved checks that -o is written atomically
// when every marker resolves, and not at all otherwise.
func TestRenderOutputOnlyWhenResolved(t *testing.T) {
	refs := filepath.Join("..", "..", "refs")
	out := filepath.Join(t.TempDir(), "out.md")
	code, _, stderr := runCite(t, "", "--library", refs, "render", filepath.Join("testdata", "render", "unresolved.md"), "--style", "apa", "-o", out)
	if code != 1 || !strings.Contains(stderr, "was not written") {
		t.Errorf("unresolved with -o: exit %d, stderr %q; want 1 and a note that nothing was written", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s exists after a failed render", out)
	}
	code, _, stderr = runCite(t, "", "--library", refs, "render", filepath.Join("testdata", "render", "numeric.txt"), "--style", "gost", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if data, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(data), "Known [1, с. 9] and Kazakhstan[2]; both [1; 2].") {
		t.Errorf("%s = %q, %v", out, data, err)
	}
}
