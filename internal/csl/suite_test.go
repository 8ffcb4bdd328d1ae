package csl_test

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cite-project/cite/internal/csl/eval"
)

var updatePass = flag.Bool("update-pass", false, "rewrite testdata/suite-pass.txt from this run")

const passFile = "testdata/suite-pass.txt"

// skipReason returns why a fixture cannot run, or "".
func skipReason(f fixture) string {
	for _, s := range []string{"BIBENTRIES", "BIBSECTION"} {
		if _, ok := f.Sections[s]; ok {
			return "uses " + s + " (not supported by the runner)"
		}
	}
	if _, ok := f.Sections["INPUT"]; !ok {
		return "no INPUT section"
	}
	if strings.TrimSpace(f.Sections["VERSION"]) == "1.1-experimental" {
		return "CSL 1.1-experimental"
	}
	return ""
}

func readPassList(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(passFile)
	if err != nil {
		if os.IsNotExist(err) {
			return map[string]bool{}
		}
		t.Fatal(err)
	}
	pass := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		pass[line] = true
	}
	return pass
}

// TestSuite runs the official CSL processor test-suite fixtures
// (../shared/csl/test-suite/processor-tests/humans, top level) and checks
// the results against testdata/suite-pass.txt in both directions.
func TestSuite(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/csl not found; the CSL test-suite is not available")
	}
	dir := filepath.Join(shared, "csl", "test-suite", "processor-tests", "humans")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("no fixtures in %s", dir)
	}
	locales := fileLocales(filepath.Join(shared, "csl", "locales"))
	pass := readPassList(t)
	var mu sync.Mutex
	passed := map[string]bool{}
	executed := map[string]bool{}
	var nPass, nFail, nSkip int
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := parseFixture(name, data)
			mu.Lock()
			executed[name] = true
			mu.Unlock()
			if r := skipReason(f); r != "" {
				mu.Lock()
				nSkip++
				mu.Unlock()
				t.Skip(r)
			}
			got, err := runSafely(f, locales)
			want := strings.TrimSpace(f.Sections["RESULT"])
			ok := err == nil && strings.TrimSpace(got) == want
			mu.Lock()
			if ok {
				nPass++
				passed[name] = true
			} else {
				nFail++
			}
			mu.Unlock()
			switch {
			case ok && !pass[name] && !*updatePass:
				t.Errorf("passes but is not in %s (run with -update-pass)", passFile)
			case !ok && pass[name] && !*updatePass:
				if err != nil {
					t.Errorf("listed as passing but fails: %v", err)
				} else {
					t.Errorf("listed as passing but fails:\n got: %s\nwant: %s", got, want)
				}
			case !ok && testing.Verbose():
				if err != nil {
					t.Logf("fails (expected): %v", err)
				} else {
					t.Logf("fails (expected):\n got: %s\nwant: %s", got, want)
				}
			}
		})
	}
	if testing.Verbose() {
		fmt.Printf("csl test-suite: %d passed, %d failed, %d skipped of %d\n", nPass, nFail, nSkip, len(files))
	}
	if *updatePass {
		names := make([]string, 0, len(passed))
		for n := range passed {
			names = append(names, n)
		}
		sort.Strings(names)
		// Keep the entries of fixtures not run this time (filtered out
		// with -run).
		for n := range pass {
			if !executed[n] {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		names = uniq(names)
		body := "# Test-suite fixtures that pass; maintained by go test -run TestSuite -update-pass.\n" + strings.Join(names, "\n") + "\n"
		if err := os.WriteFile(passFile, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func uniq(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// TestSuiteParallel runs every test-suite fixture with the engine's
// renderings spread over goroutines from the second item on, one per
// chunk, and checks that each renders exactly what the sequential run
// does: parallel sorting, disambiguation and bibliography rendering
// change speed, not output. So must the disambiguation shortcuts
// (eval.SetShortcuts): each fixture is run without them too.
func TestSuiteParallel(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/csl not found; the CSL test-suite is not available")
	}
	files, err := filepath.Glob(filepath.Join(shared, "csl", "test-suite", "processor-tests", "humans", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skip("no test-suite fixtures")
	}
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	locales := fileLocales(filepath.Join(shared, "csl", "locales"))
	compared := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f := parseFixture(strings.TrimSuffix(filepath.Base(path), ".txt"), data)
		if skipReason(f) != "" {
			continue
		}
		want, wantErr := runSafely(f, locales)
		restore := eval.SetParallelism(2, 1)
		got, gotErr := runSafely(f, locales)
		restore()
		if got != want || (wantErr == nil) != (gotErr == nil) {
			t.Errorf("%s: parallel run differs\n got: %q (%v)\nwant: %q (%v)", f.Name, got, gotErr, want, wantErr)
		}
		restore = eval.SetShortcuts(false)
		got, gotErr = runSafely(f, locales)
		restore()
		if got != want || (wantErr == nil) != (gotErr == nil) {
			t.Errorf("%s: run without shortcuts differs\n got: %q (%v)\nwant: %q (%v)", f.Name, got, gotErr, want, wantErr)
		}
		compared++
	}
	t.Logf("%d fixtures render alike in parallel and without disambiguation shortcuts", compared)
}

// runSafely runs a fixture, turning a panic into an error so that one
// broken case does not stop the suite.
func runSafely(f fixture, locales func(string) ([]byte, bool)) (got string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return f.run(locales)
}

// TestFixtureFile runs the test-suite fixture named by $CSL_FIXTURE (any
// path) and prints its output next to the expected one, for working on a
// variant of a fixture without adding it to the suite.
func TestFixtureFile(t *testing.T) {
	path := os.Getenv("CSL_FIXTURE")
	if path == "" {
		t.Skip("set CSL_FIXTURE to a fixture file")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/csl not found")
	}
	f := parseFixture(filepath.Base(path), data)
	got, err := runSafely(f, fileLocales(filepath.Join(shared, "csl", "locales")))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(f.Sections["RESULT"])
	if strings.TrimSpace(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
