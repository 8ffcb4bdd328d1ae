package csl_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLocal runs the project's own fixtures in testdata/local (the
// test-suite format) with the locales embedded in package styles.
func TestLocal(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "local", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/local")
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := parseFixture(name, data)
			got, err := runSafely(f, nil)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.TrimSpace(f.Sections["RESULT"]); strings.TrimSpace(got) != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
