package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// verifyData is the folder of the verify command's test inputs.
var verifyData = filepath.Join("testdata", "verify")

func TestVerifyGolden(t *testing.T) {
	lib := filepath.Join(verifyData, "library.toml")
	ms := filepath.Join(verifyData, "manuscript.txt")
	runGolden(t, "verify", []cliCase{
		{"text", []string{"--library", lib, "verify", "--manuscript", ms}, 1},
		{"json", []string{"--library", lib, "verify", "--manuscript", ms, "--format", "json"}, 1},
		{"html", []string{"--library", lib, "verify", "-m", ms, "--format", "html"}, 1},
		{"no-manuscript", []string{"--library", lib, "verify"}, 1},
		{"clean", []string{"--library", filepath.Join(verifyData, "clean.toml"), "verify", "-m", filepath.Join(verifyData, "clean.txt")}, 0},
		{"bad-format", []string{"--library", lib, "verify", "-m", ms, "--format", "xml"}, 2},
		{"no-such-manuscript", []string{"--library", lib, "verify", "-m", filepath.Join(verifyData, "missing.txt")}, 2},
		{"not-utf8", []string{"--library", lib, "verify", "-m", filepath.Join(verifyData, "latin1.txt")}, 2},
		{"stray-argument", []string{"--library", lib, "verify", ms}, 2},
		{"unknown-style", []string{"--library", lib, "verify", "-m", ms, "--style", "chicago-nonexistent"}, 2},
		{"min-severity-error", []string{"--library", lib, "verify", "-m", ms, "--min-severity", "error"}, 1},
		{"bad-min-severity", []string{"--library", lib, "verify", "-m", ms, "--min-severity", "fatal"}, 2},
		{"bad-from", []string{"--library", lib, "verify", "-m", ms, "--from", "docx"}, 2},
		{"from-markdown", []string{"--library", lib, "verify", "-m", ms, "--from", "markdown"}, 1},
		{"several-files", []string{"--library", lib, "verify", "-m", filepath.Join(verifyData, "chapter1.tex"), filepath.Join(verifyData, "chapter2.md")}, 1},
		{"suggest-claims", []string{"--library", lib, "verify", "-m", ms, "--suggest-claims"}, 1},
		{"suggest-claims-no-manuscript", []string{"--library", lib, "verify", "--suggest-claims"}, 2},
		{"option-after-files", []string{"--library", lib, "verify", "-m", ms, filepath.Join(verifyData, "chapter2.md"), "--format", "json"}, 2},
	})
}

// TestVerifyEssay runs cite verify on refs/ and the seed essay, as the
// README does; it skips when the essay (in ../shared) is absent. The
// findings are those of internal/verify's TestEssay, checked by hand.
func TestVerifyEssay(t *testing.T) {
	essay := filepath.Join("..", "..", "..", "shared", "seed", "000_0e6108aa741f98bb.txt")
	if _, err := os.Stat(essay); err != nil {
		t.Skipf("the essay is not available (%v): skipping", err)
	}
	refs := filepath.Join("..", "..", "refs")
	runGolden(t, "verify", []cliCase{
		{"essay-text", []string{"--library", refs, "verify", "--manuscript", essay}, 1},
		{"essay-json", []string{"--library", refs, "verify", "--manuscript", essay, "--format", "json"}, 1},
	})
}

func TestVerifyStdin(t *testing.T) {
	lib := filepath.Join(verifyData, "clean.toml")
	code, stdout, stderr := runCite(t, "As the atlas shows, the steppe is wide [1, p. 12].\n", "--library", lib, "verify", "-m", "-")
	if code != 0 {
		t.Fatalf("cite verify -m - = exit %d; want 0\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "no problems") {
		t.Errorf("cite verify -m - printed %q; want a summary with no problems", stdout)
	}
}

// TestVerifyStyle checks that --style formats the references of the page.
func TestVerifyStyle(t *testing.T) {
	lib := filepath.Join(verifyData, "library.toml")
	ms := filepath.Join(verifyData, "manuscript.txt")
	for _, tt := range []struct{ style, want string }{
		{"gost", "Иванов, И. И. Воспоминания"},
		{"apa", "Ivanov, I. I. (1993)"},
	} {
		code, stdout, stderr := runCite(t, "", "--library", lib, "verify", "-m", ms, "--format", "html", "--style", tt.style)
		if code != 1 {
			t.Errorf("cite verify --style %s = exit %d; want 1\nstderr: %s", tt.style, code, stderr)
		}
		if !strings.Contains(stdout, tt.want) {
			t.Errorf("cite verify --style %s: the page lacks %q", tt.style, tt.want)
		}
	}
}
