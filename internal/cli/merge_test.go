package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// copyDir copies the files of src into a new temporary directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(src, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot returns the library files of dir, for goldens.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "=== %s\n%s", filepath.Base(f), data)
	}
	return b.String()
}

// runInCopy runs cite on a fresh copy of the library in src and compares
// exit code, streams and the files afterwards with testdata/<golden>.
func runInCopy(t *testing.T, src, golden string, code int, args ...string) string {
	t.Helper()
	dir := copyDir(t, src)
	full := append([]string{"--library", dir}, args...)
	got, stdout, stderr := runCite(t, "", full...)
	out := fmt.Sprintf("$ cite --library LIB %s\nexit %d\n--- stdout\n%s--- stderr\n%s--- files\n%s",
		strings.Join(args, " "), got, stdout, stderr, snapshot(t, dir))
	testkit.Golden(t, filepath.Join("testdata", golden+".golden"), []byte(strings.ReplaceAll(out, dir, "LIB")))
	if got != code {
		t.Errorf("cite %v: exit %d; want %d\n%s", args, got, code, stderr)
	}
	return dir
}

func TestMergeGolden(t *testing.T) {
	lib := filepath.Join("testdata", "merge", "lib")
	tests := []struct {
		name string
		code int
		args []string
	}{
		{"same-file", 0, []string{"merge", "zhigalov1993", "zhigalov1993a"}},
		{"prefer", 0, []string{"merge", "zhigalov1993", "zhigalov1993a", "--prefer", "zhigalov1993a"}},
		{"three-files", 0, []string{"merge", "zhigalov1993", "zhigalov1993a", "zhigalov-k1993"}},
		{"dry-run", 0, []string{"merge", "--dry-run", "zhigalov1993", "zhigalov-k1993"}},
		{"unknown-keep", 2, []string{"merge", "zhigalov1939", "zhigalov1993a"}},
		{"unknown-drop", 2, []string{"merge", "zhigalov1993", "nobody"}},
		{"same-id", 2, []string{"merge", "zhigalov1993", "zhigalov1993"}},
		{"prefer-not-a-drop", 2, []string{"merge", "zhigalov1993", "zhigalov1993a", "--prefer", "vais2012"}},
		{"one-id", 2, []string{"merge", "zhigalov1993"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runInCopy(t, lib, filepath.Join("merge", tt.name), tt.code, tt.args...)
		})
	}
}

// TestMergeKeepsOldKeysWorking: after a merge, cite check is clean of the
// duplicate, a manuscript citing the dropped id verifies, an alias is
// refused as KEEP, and export writes ids = {…}.
func TestMergeKeepsOldKeysWorking(t *testing.T) {
	dir := copyDir(t, filepath.Join("testdata", "merge", "lib"))
	_, before, _ := runCite(t, "", "--library", dir, "check")
	if !strings.Contains(before, "`cite merge zhigalov1993 zhigalov-k1993`") {
		t.Fatalf("check does not print the merge command for the duplicate:\n%s", before)
	}
	if code, _, stderr := runCite(t, "", "--library", dir, "merge", "zhigalov1993", "zhigalov1993a", "zhigalov-k1993"); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	_, after, _ := runCite(t, "", "--library", dir, "check")
	if strings.Contains(after, "[duplicate]") || strings.Contains(after, "duplicate-id") {
		t.Errorf("check after the merge still reports duplicates:\n%s", after)
	}
	ms := filepath.Join(t.TempDir(), "old.md")
	text := "He wrote of a reasonable balance between Europe and Asia [@zhigalov1993a, p. 9], and of a nuclear lesson [@vais2012].\n"
	if err := os.WriteFile(ms, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCite(t, "", "--library", dir, "verify", "--manuscript", ms, "--format", "json")
	if strings.Contains(out, `"resolved": false`) || strings.Contains(out, "unresolved-marker") || strings.Contains(out, "unknown-source") {
		t.Errorf("verify after merge (exit %d) does not resolve the old key:\n%s\n%s", code, out, stderr)
	}
	code, _, stderr = runCite(t, "", "--library", dir, "merge", "zhigalov1993a", "vais2012")
	if code != ExitUsage || !strings.Contains(stderr, `"zhigalov1993a" is an alias of zhigalov1993`) {
		t.Errorf("merge with an alias as KEEP = %d, %q", code, stderr)
	}
	_, bib, _ := runCite(t, "", "--library", dir, "export", "--to", "biblatex")
	if !strings.Contains(bib, "ids") || !strings.Contains(bib, "{zhigalov1993a, zhigalov-k1993}") {
		t.Errorf("export does not write the aliases as ids:\n%s", bib)
	}
}
