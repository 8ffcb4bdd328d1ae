package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var known = Known{
	CheckStyles:  []string{"apa", "gost"},
	FormatStyles: []string{"apa", "gost", "gost-2008"},
	Schemes:      []string{"bgn", "iso9", "gost-b", "lc", "lc-ascii"},
}

func TestParse(t *testing.T) {
	c, err := Parse("lib/cite.toml", []byte("# what this library targets\nstyles = [\"gost\"]\nromanize = \"iso9\"\n\n[format]\nstyle = \"gost\"\n"), known)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Styles, ",") != "gost" || c.Romanize != "iso9" || c.FormatStyle != "gost" {
		t.Errorf("Parse = %+v", c)
	}
	c, err = Parse("lib/cite.toml", []byte("[format]\nstyle = \"styles/journal.csl\"\n"), known)
	if err != nil || c.FormatStyle != filepath.Join("lib", "styles", "journal.csl") {
		t.Errorf("a .csl file is taken relative to cite.toml: %+v, %v", c, err)
	}
}

// TestParseErrors: every problem is an error with file:line, all of them
// at once, in line order.
func TestParseErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"syntax", "styles = [\"gost\"\n", "cite.toml:1: expected a comma"},
		{"unknown key", "style = \"gost\"\n", `cite.toml:1: unknown key "style" in cite.toml; the keys are styles, romanize, format`},
		{"unknown style", "\nstyles = [\"mla\"]\n", `cite.toml:2: styles: "mla" is not a style cite check knows; use apa or gost`},
		{"not a list", "styles = \"gost\"\n", "cite.toml:1: styles must be a list of the styles the library targets"},
		{"twice", "styles = [\"gost\", \"gost\"]\n", `cite.toml:1: styles names "gost" twice`},
		{"scheme", "romanize = \"pinyin\"\n", `cite.toml:1: romanize must be one of "bgn", "iso9"`},
		{"format style", "[format]\nstyle = \"chicago\"\n", `cite.toml:2: [format] style "chicago" is not a style cite knows`},
		{"format key", "[format]\nlocale = \"ru\"\n", `cite.toml:2: unknown key "locale" in [format]; the keys are style`},
		{"format not a table", "format = \"gost\"\n", "cite.toml:1: format must be a table"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("cite.toml", []byte(tt.in), known)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) = %v; want an error containing %q", tt.in, err, tt.want)
			}
		})
	}
	_, err := Parse("cite.toml", []byte("romanize = \"x\"\nstyles = [\"mla\"]\nextra = 1\n"), known)
	e, ok := err.(*Error)
	if !ok || len(e.Problems) != 3 || !strings.HasPrefix(e.Problems[0], "cite.toml:1:") || !strings.HasPrefix(e.Problems[2], "cite.toml:3:") {
		t.Errorf("all problems in line order: %v", err)
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	refs := filepath.Join(dir, "refs")
	if err := os.Mkdir(refs, 0o755); err != nil {
		t.Fatal(err)
	}
	lib := filepath.Join(refs, "a.toml")
	if err := os.WriteFile(lib, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(refs); got != "" {
		t.Errorf("Find without a cite.toml = %q", got)
	}
	beside := filepath.Join(dir, FileName)
	if err := os.WriteFile(beside, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(refs); got != beside {
		t.Errorf("Find(refs/) = %q; want the cite.toml beside refs/", got)
	}
	inside := filepath.Join(refs, FileName)
	if err := os.WriteFile(inside, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(refs); got != inside {
		t.Errorf("Find(refs/) = %q; want the one inside refs/", got)
	}
	if got := Find(lib); got != inside {
		t.Errorf("Find(refs/a.toml) = %q; want the one beside the file", got)
	}
}
