package testkit

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDiff(t *testing.T) {
	got := Diff("a\nb\nc", "a\nB\nc\nd")
	want := "line 2:\n- b\n+ B\nline 4:\n- \n+ d\n"
	if got != want {
		t.Errorf("Diff = %q; want %q", got, want)
	}
	if d := Diff("same", "same"); d != "" {
		t.Errorf("Diff of equal texts = %q; want empty", d)
	}
}

func TestModuleRoot(t *testing.T) {
	root := ModuleRoot(t)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Errorf("ModuleRoot = %s, which has no go.mod", root)
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "testkit", "testkit.go")); err != nil {
		t.Errorf("ModuleRoot = %s; want the directory that holds internal/testkit", root)
	}
}

func TestGoldenMatches(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	Golden(t, path, []byte("hello\n")) // must not fail
}
