package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFmtGolden(t *testing.T) {
	messy := filepath.Join("..", "tomlfmt", "testdata", "comments.toml")
	canonical := filepath.Join("..", "..", "refs", "claims.toml")
	runGolden(t, "fmt", []cliCase{
		{"print", []string{"fmt", messy}, 0},
		{"check-messy", []string{"fmt", "--check", messy, canonical}, 1},
		{"check-clean", []string{"fmt", "--check", canonical}, 0},
		// The library that ships with cite is formatted.
		{"check-refs", []string{"--no-cache", "fmt", "--check", filepath.Join("..", "..", "refs")}, 0},
		{"list", []string{"fmt", "-l", messy, canonical}, 0},
		{"unknown-key", []string{"fmt", "--check", filepath.Join("testdata", "fmt", "unknown-key.toml")}, 2},
		{"syntax", []string{"fmt", filepath.Join("testdata", "fmt", "syntax.toml")}, 2},
		{"check-and-write", []string{"fmt", "--check", "-w", canonical}, 2},
		{"missing", []string{"fmt", filepath.Join("testdata", "fmt", "missing.toml")}, 2},
	})
}

// TestFmtWrite: -w rewrites only the files that change, and the result is
// what fmt prints; a second run has nothing to do.
func TestFmtWrite(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "tomlfmt", "testdata", "comments.toml"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "tomlfmt", "testdata", "comments.golden"))
	if err != nil {
		t.Fatal(err)
	}
	clean := "[[reference]]\nid = \"a\"\ntype = \"book\"\n"
	messy := filepath.Join(dir, "messy.toml")
	tidy := filepath.Join(dir, "sub", "tidy.toml")
	if err := os.MkdirAll(filepath.Dir(tidy), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(messy, src, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tidy, []byte(clean), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(tidy)
	code, out, stderr := runCite(t, "", "--library", dir, "fmt", "-l", "-w")
	if code != 0 || strings.TrimSpace(out) != messy {
		t.Fatalf("fmt -l -w = %d, %q, %q; want 0 and %s listed", code, out, stderr, messy)
	}
	got, _ := os.ReadFile(messy)
	if string(got) != string(want) {
		t.Errorf("fmt -w wrote:\n%s\nwant the tomlfmt golden", got)
	}
	if info, _ := os.Stat(messy); info.Mode().Perm() != 0o640 {
		t.Errorf("fmt -w changed the mode to %v", info.Mode().Perm())
	}
	if after, _ := os.Stat(tidy); !after.ModTime().Equal(before.ModTime()) {
		t.Error("fmt -w rewrote a file that was already formatted")
	}
	if code, out, _ := runCite(t, "", "--library", dir, "fmt", "--check"); code != 0 || out != "" {
		t.Errorf("fmt --check after -w = %d, %q; want 0 and nothing listed", code, out)
	}
}

// TestFmtRemembersCanonicalFiles: fmt --check remembers the files it found
// canonical (in CITE_CACHE_DIR) and does not format them again while their
// contents stay the same; a change of contents, even one that keeps the
// size and the modification time, is seen; --no-cache remembers nothing.
func TestFmtRemembersCanonicalFiles(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	t.Setenv("CITE_CACHE_DIR", cache)
	clean := "[[reference]]\nid = \"a\"\ntype = \"book\"\ntitle = \"Alpha\"\n"
	tidy := filepath.Join(dir, "tidy.toml")
	if err := os.WriteFile(tidy, []byte(clean), 0o644); err != nil {
		t.Fatal(err)
	}
	check := func(want int, args ...string) string {
		t.Helper()
		code, out, stderr := runCite(t, "", append(args, "fmt", "--check", tidy)...)
		if code != want {
			t.Fatalf("fmt --check %v = %d (%s); want %d", args, code, stderr, want)
		}
		return out
	}
	check(0, "--no-cache")
	if m, _ := filepath.Glob(filepath.Join(cache, "fmt-*")); len(m) != 0 {
		t.Fatalf("--no-cache wrote %v", m)
	}
	check(0)
	m, _ := filepath.Glob(filepath.Join(cache, "fmt-*"))
	if len(m) != 1 {
		t.Fatalf("cache files %v; want one fmt cache", m)
	}
	first, _ := os.Stat(m[0])
	check(0) // known: nothing new to write
	if again, _ := os.Stat(m[0]); !again.ModTime().Equal(first.ModTime()) {
		t.Errorf("a run with nothing new rewrote the cache")
	}
	// Same size, same modification time, different (not canonical) text.
	info, _ := os.Stat(tidy)
	messy := strings.Replace(clean, `title = "Alpha"`, `title="Alpha"  `, 1)
	if len(messy) != len(clean) {
		t.Fatalf("test setup: %d and %d bytes", len(messy), len(clean))
	}
	if err := os.WriteFile(tidy, []byte(messy), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(tidy, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if out := check(1); strings.TrimSpace(out) != tidy {
		t.Errorf("fmt --check after a same-size change listed %q; want %s", out, tidy)
	}
}
