package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportReplaceInPlace is the regression test for --on-duplicate
// replace rewriting the whole file in canonical form and dropping unknown
// tables, other references' unknown keys, claims' layout, the replaced
// record's extra fields and comments with only "its comments were not
// kept" to say so. Now only the replaced record's text changes, and what
// it had that the new one lacks is listed, or kept with --keep-extra.
func TestImportReplaceInPlace(t *testing.T) {
	const before = "# my library\n[meta]\nowner = \"me\"\n\n[[reference]]\nid = \"other\"\ntype = \"book\"\ntitle = \"Kept\"\nmystery = 1   # unknown, must survive\n\n"
	const record = "[[reference]]\nid = \"knuth1984\"   # my copy\ntype = \"book\"\ntitle = \"The TeXbook\"\nnote = \"signed copy\"\n\n[reference.extra]\nshelf = \"B-12\"\n"
	const after = "\n# claims\n[[claim]]\nid = \"c\"\nkind = \"fact\"\nstatement = \"s\"\nexcerpt = \"e\"\n\n[[claim.sources]]\nref = \"knuth1984\"\n"
	src := filepath.Join("testdata", "import", "small.bib")
	for _, keep := range []bool{false, true} {
		lib := filepath.Join(t.TempDir(), "lib.toml")
		if err := os.WriteFile(lib, []byte(before+record+after), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"import", src, "--into", lib, "--on-duplicate", "replace"}
		if keep {
			args = append(args, "--keep-extra")
		}
		code, _, stderr := runCite(t, "", args...)
		if code != ExitOK {
			t.Fatalf("cite %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
		}
		data, _ := os.ReadFile(lib)
		got := string(data)
		core, _, _ := strings.Cut(got, "\n# Imported from") // vais2012 is new: appended after the file
		if !strings.HasPrefix(core, before) || !strings.HasSuffix(core, after) {
			t.Errorf("keep=%v: bytes outside the replaced record changed:\n%s", keep, got)
		}
		for _, want := range []string{"field note", "extra field shelf", `comment "# my copy"`} {
			if !strings.Contains(stderr, want) {
				t.Errorf("keep=%v: the summary does not mention %s:\n%s", keep, want, stderr)
			}
		}
		head := "dropped with the replaced references"
		if keep {
			head = "kept from the replaced references (--keep-extra)"
		}
		if !strings.Contains(stderr, head) {
			t.Errorf("keep=%v: summary lacks %q:\n%s", keep, head, stderr)
		}
		if has := strings.Contains(got, "signed copy") && strings.Contains(got, "B-12") && strings.Contains(got, "# my copy"); has != keep {
			t.Errorf("keep=%v: the old record's note, extra field and comment are in the file: %v\n%s", keep, has, got)
		}
		if !strings.Contains(got, "Computers & Typesetting") {
			t.Errorf("keep=%v: the new record is not in the file:\n%s", keep, got)
		}
	}
}
