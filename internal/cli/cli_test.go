package cli

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/testkit"
)

// testNow is the fixed "today" of every CLI test, so that access-date checks
// do not change with the calendar.
var testNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// runCite runs cite in-process and returns its exit code and streams.
func runCite(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, now: func() time.Time { return testNow }}
	code = e.run(context.Background(), append([]string{"cite"}, args...))
	return code, out.String(), errb.String()
}

// cliCase is one end-to-end run of cite compared with a golden file.
type cliCase struct {
	name string
	args []string
	code int
}

// runGolden runs each case and compares "exit code, stdout, stderr" with
// testdata/<dir>/<name>.golden.
func runGolden(t *testing.T, dir string, cases []cliCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCite(t, "", tc.args...)
			got := fmt.Sprintf("$ cite %s\nexit %d\n--- stdout\n%s--- stderr\n%s", strings.Join(tc.args, " "), code, stdout, stderr)
			testkit.Golden(t, filepath.Join("testdata", dir, tc.name+".golden"), []byte(got))
			if code != tc.code {
				t.Errorf("cite %s: exit code %d; want %d\nstderr: %s", strings.Join(tc.args, " "), code, tc.code, stderr)
			}
		})
	}
}

func TestCheckGolden(t *testing.T) {
	refs := filepath.Join("..", "..", "refs")
	cases := []cliCase{
		{"refs-text", []string{"--library", refs, "check"}, 1},
		{"refs-json", []string{"--library", refs, "check", "--format", "json"}, 1},
		{"refs-apa", []string{"--library", refs, "check", "--style", "apa"}, 1},
		{"refs-gost", []string{"--library", refs, "check", "--style", "gost"}, 1},
	}
	files, err := filepath.Glob(filepath.Join("testdata", "check", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".toml")
		code := 1
		switch {
		case strings.HasPrefix(name, "clean"):
			code = 0
		case strings.HasPrefix(name, "syntax"):
			code = 2
		}
		cases = append(cases,
			cliCase{name, []string{"--library", filepath.ToSlash(f), "check"}, code},
			cliCase{name + "-json", []string{"--library", filepath.ToSlash(f), "check", "--format", "json"}, code})
	}
	runGolden(t, "check", cases)
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"check", "--style", "mla"}, `--style must be one of apa, gost, all, not "mla"`},
		{[]string{"check", "--format", "xml"}, `--format must be one of text, json`},
		{[]string{"check", "--no-such-flag"}, "flag provided but not defined"},
		{[]string{"check", "extra-arg"}, "check takes no arguments"},
		{[]string{"list", "--format", "csv"}, `--format must be one of table, json`},
		{[]string{"--library", "does/not/exist", "check"}, "open library"},
		{[]string{"--library", "", "list"}, "--library is empty"},
	}
	for _, tt := range tests {
		code, _, stderr := runCite(t, "", tt.args...)
		if code != ExitUsage {
			t.Errorf("cite %v: exit %d; want %d", tt.args, code, ExitUsage)
		}
		if !strings.Contains(stderr, tt.want) {
			t.Errorf("cite %v: stderr %q; want it to contain %q", tt.args, stderr, tt.want)
		}
		if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
			t.Errorf("cite %v printed a stack trace:\n%s", tt.args, stderr)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := runCite(t, "", "--version")
	if code != 0 || !strings.HasPrefix(out, "cite version ") {
		t.Errorf("cite --version = %d, %q; want 0 and 'cite version …'", code, out)
	}
	for _, cmd := range (&env{}).commands() {
		code, out, _ := runCite(t, "", cmd.Name, "--help")
		if code != 0 {
			t.Errorf("cite %s --help: exit %d", cmd.Name, code)
		}
		if !strings.Contains(out, "Example") {
			t.Errorf("cite %s --help shows no example:\n%s", cmd.Name, out)
		}
	}
}

func TestCheckEnvLibrary(t *testing.T) {
	t.Setenv("CITE_LIBRARY", filepath.Join("testdata", "check", "clean.toml"))
	code, out, stderr := runCite(t, "", "check")
	if code != 0 || out != "" {
		t.Errorf("CITE_LIBRARY=clean.toml cite check = %d, %q, %q; want 0 and no findings", code, out, stderr)
	}
}

func TestListGolden(t *testing.T) {
	refs := filepath.Join("..", "..", "refs", "references.toml")
	runGolden(t, "list", []cliCase{
		{"refs-table", []string{"--library", refs, "list"}, 0},
		{"refs-json", []string{"--library", refs, "list", "--format", "json"}, 0},
	})
}

// TestConfig: cite.toml says which styles cite check applies and which
// style cite format uses; a cite.toml with problems names each with its
// line (exit 2).
func TestConfig(t *testing.T) {
	gost := filepath.Join("testdata", "config", "gost")
	bad := filepath.Join("testdata", "config", "bad")
	runGolden(t, "config", []cliCase{
		// GOST only: no APA requirement of an English title translation.
		{"check-gost", []string{"--library", gost, "check"}, 0},
		// --style still wins over cite.toml.
		{"check-style-apa", []string{"--library", gost, "check", "--style", "apa"}, 1},
		// Without --style, format uses [format] style.
		{"format-default-style", []string{"--library", gost, "format"}, 0},
		{"check-bad", []string{"--library", bad, "check"}, 2},
		{"format-bad", []string{"--library", bad, "format"}, 2},
	})
}
