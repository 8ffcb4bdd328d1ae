package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// TestExportGolden exports refs/ in each format and checks usage errors.
func TestExportGolden(t *testing.T) {
	refs := filepath.Join("..", "..", "refs")
	runGolden(t, "export", []cliCase{
		{"refs-biblatex", []string{"--library", refs, "export", "--to", "biblatex"}, 0},
		{"refs-bibtex", []string{"--library", refs, "export", "--to", "bibtex"}, 0},
		{"refs-csl-json", []string{"--library", refs, "export", "--to", "csl-json"}, 0},
		{"no-to", []string{"--library", refs, "export"}, 2},
		{"refs-ris", []string{"--library", refs, "export", "--to", "ris"}, 0},
		{"bad-to", []string{"--library", refs, "export", "--to", "endnote"}, 2},
		{"broken-library", []string{"--library", filepath.Join("testdata", "check", "duplicate-id.toml"), "export", "--to", "bibtex"}, 1},
	})
}

// TestImportGolden imports to standard output and checks refused input.
func TestImportGolden(t *testing.T) {
	dir := filepath.Join("testdata", "import")
	runGolden(t, "import", []cliCase{
		{"small-bib", []string{"import", filepath.Join(dir, "small.bib")}, 0},
		{"small-bib-verbose", []string{"import", filepath.Join(dir, "small.bib"), "--verbose"}, 0},
		{"small-json", []string{"import", filepath.Join(dir, "small.json")}, 0},
		{"errors", []string{"import", filepath.Join(dir, "errors.bib")}, 1},
		{"syntax", []string{"import", filepath.Join(dir, "syntax.bib")}, 2},
		{"unknown-extension", []string{"import", filepath.Join(dir, "small.txt")}, 2},
		{"missing", []string{"import", filepath.Join(dir, "missing.bib")}, 2},
		{"no-file", []string{"import"}, 2},
		{"bad-policy", []string{"import", filepath.Join(dir, "small.bib"), "--on-duplicate", "merge"}, 2},
		{"ris", []string{"import", filepath.Join("..", "ris", "testdata", "corpus", "jour.ris")}, 0},
		{"tolerant", []string{"import", filepath.Join(dir, "tolerant.bib")}, 1},
		{"strict", []string{"import", filepath.Join(dir, "tolerant.bib"), "--strict"}, 1},
		{"fix-text", []string{"import", filepath.Join(dir, "tolerant.bib"), "--fix-text"}, 1},
		{"cp1251-detected", []string{"import", filepath.Join(dir, "ru-cp1251.bib")}, 0},
		{"koi8r-detected", []string{"import", filepath.Join(dir, "ru-koi8r.bib")}, 0},
		{"koi8r-given", []string{"import", filepath.Join(dir, "ru-koi8r.bib"), "--encoding", "koi8-r"}, 0},
		{"bad-encoding", []string{"import", filepath.Join(dir, "ru-koi8r.bib"), "--encoding", "ebcdic"}, 2},
		{"macro-bomb", []string{"import", filepath.Join(dir, "bomb.bib")}, 2},
		{"macro-bomb-raised", []string{"import", filepath.Join(dir, "bomb.bib"), "--max-value-size", "2MiB", "--max-macro-expansion", "3MiB"}, 2},
		{"bad-size", []string{"import", filepath.Join(dir, "bomb.bib"), "--max-value-size", "lots"}, 2},
		{"bad-dates", []string{"import", filepath.Join(dir, "bad-dates.bib"), "--verbose"}, 0},
	})
}

// TestImportInto adds to a library file: a new file, duplicates refused
// with the file untouched, then skip, rename and replace.
func TestImportInto(t *testing.T) {
	tmp := t.TempDir()
	into := filepath.Join(tmp, "lib.toml")
	src := filepath.Join("testdata", "import", "small.bib")
	run := func(code int, args ...string) string {
		t.Helper()
		got, stdout, stderr := runCite(t, "", args...)
		if got != code {
			t.Fatalf("cite %s: exit %d; want %d\n%s%s", strings.Join(args, " "), got, code, stdout, stderr)
		}
		return strings.ReplaceAll(stderr, tmp, "$TMP")
	}
	read := func() string {
		t.Helper()
		b, err := os.ReadFile(into)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if err := os.WriteFile(into, []byte("# my library\n\n[[reference]]\nid = \"other\"\ntype = \"book\"\ntitle = \"Kept\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	log.WriteString(run(0, "import", src, "--into", into))
	first := read()
	if !strings.HasPrefix(first, "# my library\n") || !strings.Contains(first, "id = \"knuth1984\"") {
		t.Errorf("after import the file is:\n%s", first)
	}
	log.WriteString(run(1, "import", src, "--into", into))
	if read() != first {
		t.Errorf("a refused import changed the file")
	}
	log.WriteString(run(2, "import", filepath.Join("testdata", "import", "syntax.bib"), "--into", into))
	if read() != first {
		t.Errorf("a failed import changed the file")
	}
	log.WriteString(run(0, "import", src, "--into", into, "--on-duplicate", "skip"))
	if read() != first {
		t.Errorf("import --on-duplicate skip changed the file")
	}
	log.WriteString(run(0, "import", src, "--into="+into, "--on-duplicate=rename"))
	if !strings.Contains(read(), "id = \"knuth1984-2\"") {
		t.Errorf("import --on-duplicate rename: no knuth1984-2 in\n%s", read())
	}
	log.WriteString(run(0, "import", "--on-duplicate", "replace", "--into", into, src))
	if n := strings.Count(read(), "id = \"knuth1984\""); n != 1 {
		t.Errorf("import --on-duplicate replace: knuth1984 appears %d times", n)
	}
	testkit.Golden(t, filepath.Join("testdata", "import", "into.golden"), []byte(log.String()))
}

// TestExportImportExport: through the commands, export → import → export
// gives the same bytes in each format.
func TestExportImportExport(t *testing.T) {
	refs := filepath.Join("..", "..", "refs")
	tmp := t.TempDir()
	for _, to := range []string{"biblatex", "bibtex", "csl-json"} {
		t.Run(to, func(t *testing.T) {
			ext := ".bib"
			if to == "csl-json" {
				ext = ".json"
			}
			first := filepath.Join(tmp, to+"-1"+ext)
			lib := filepath.Join(tmp, to+".toml")
			second := filepath.Join(tmp, to+"-2"+ext)
			for _, args := range [][]string{
				{"--library", refs, "export", "--to", to, "-o", first},
				{"import", first, "--into", lib},
				{"--library", lib, "export", "--to", to, "-o", second},
			} {
				if code, stdout, stderr := runCite(t, "", args...); code != 0 {
					t.Fatalf("cite %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
				}
			}
			a, _ := os.ReadFile(first)
			b, _ := os.ReadFile(second)
			if !bytes.Equal(a, b) {
				t.Errorf("export → import → export differs:\n%s\n---\n%s", a, b)
			}
			fmt.Fprint(os.Stderr, "")
		})
	}
}
