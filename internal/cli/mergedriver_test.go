package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// TestMergeDriverGolden runs the driver as git does, on copies: a clean
// merge (theirs' reordering and edit, both sides' additions) and one with a
// conflict inside a record.
func TestMergeDriverGolden(t *testing.T) {
	src := filepath.Join("testdata", "merge-driver")
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	tests := []struct {
		name         string
		ours, theirs string
		code         int
	}{
		{"clean", strings.Replace(read("ours.toml"), "publisher = \"Наука\" # ours\n", "", 1), read("theirs.toml"), 0},
		{"conflict", read("ours.toml"), read("theirs.toml"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range map[string]string{"base.toml": read("base.toml"), "ours.toml": tt.ours, "theirs.toml": tt.theirs} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, stdout, stderr := runCite(t, "", "merge-driver", filepath.Join(dir, "base.toml"), filepath.Join(dir, "ours.toml"), filepath.Join(dir, "theirs.toml"), "refs/lib.toml")
			merged, _ := os.ReadFile(filepath.Join(dir, "ours.toml"))
			out := fmt.Sprintf("$ cite merge-driver BASE OURS THEIRS refs/lib.toml\nexit %d\n--- stdout\n%s--- stderr\n%s--- OURS after\n%s", code, stdout, stderr, merged)
			testkit.Golden(t, filepath.Join("testdata", "merge-driver", tt.name+".golden"), []byte(strings.ReplaceAll(out, dir, "DIR")))
			if code != tt.code {
				t.Errorf("exit %d; want %d: %s", code, tt.code, stderr)
			}
		})
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[[reference]\n"), 0o644)
	good := filepath.Join(src, "base.toml")
	code, _, stderr := runCite(t, "", "merge-driver", good, bad, good)
	if code != ExitUsage || !strings.Contains(stderr, "git checkout --merge") {
		t.Errorf("merge-driver on bad TOML = %d, %q", code, stderr)
	}
	if data, _ := os.ReadFile(bad); string(data) != "[[reference]\n" {
		t.Error("merge-driver changed OURS although it could not merge")
	}
	if code, _, _ := runCite(t, "", "merge-driver", good, good); code != ExitUsage {
		t.Errorf("merge-driver with two files = %d; want 2", code)
	}
}
