package bibtex

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	nbib "github.com/nickng/bibtex"
)

// These tests reproduce each defect of github.com/nickng/bibtex v1.4.0 that
// issue 5 lists, and show how this package handles the same input. They
// are why Parse is our own reader and the library is kept for its value
// and entry model only (see doc.go).

// nickParse runs the library's parser.
func nickParse(s string) (*nbib.BibTex, error) { return nbib.Parse(strings.NewReader(s)) }

// decodeOne decodes s and returns its entries and diagnostics, failing the
// test on a syntax error.
func decodeOne(t *testing.T, s string) (*bib.Library, []bib.Diagnostic) {
	t.Helper()
	lib, diags, err := Decode("test.bib", []byte(s))
	if err != nil {
		t.Fatalf("Decode(%q): %v", s, err)
	}
	return lib, diags
}

func hasDiag(diags []bib.Diagnostic, sev bib.Severity, code string) bool {
	for _, d := range diags {
		if d.Severity == sev && d.Code == code {
			return true
		}
	}
	return false
}

// TestNickngFatalOnMacro: an undefined or upper-case macro (month = Mar)
// ends the whole process through log.Fatalf. The library is run in a child
// process, which must die; our Decode reads Mar as March and reports an
// undefined macro as an error with file:line:field.
func TestNickngFatalOnMacro(t *testing.T) {
	const input = "@article{a, title = {T}, month = Mar, year = 2001}\n"
	if os.Getenv("CITE_NICKNG_FATAL") == "1" {
		nickParse(input)
		os.Exit(0) // not reached with v1.4.0
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNickngFatalOnMacro$")
	cmd.Env = append(os.Environ(), "CITE_NICKNG_FATAL=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if err == nil || !strings.Contains(stderr.String(), "unknown string variable: Mar") {
		t.Errorf("nickng/bibtex on month = Mar: err = %v, stderr %q; want the process to exit through log.Fatalf", err, stderr.String())
	}

	lib, diags := decodeOne(t, input)
	if d, _ := lib.Entries[0].Date("issued"); d.Start != (bib.DatePart{Year: 2001, Month: 3}) {
		t.Errorf("Decode: issued = %v; want 2001-03", d)
	}
	if len(diags) != 0 {
		t.Errorf("Decode: diagnostics %v; want none", diags)
	}
	_, diags = decodeOne(t, "@article{a,\n  journal = jnl,\n}\n")
	want := "test.bib:2:13: error: a: journal: macro \"jnl\""
	if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), want) {
		t.Errorf("Decode with an undefined macro: %v; want one diagnostic starting %q", diags, want)
	}
}

// TestNickngSharedState: the parser keeps its state in package variables.
// After a file that ends inside a value, a valid file no longer parses;
// run in parallel, parses return each other's results. Our Parse keeps no
// state between calls.
func TestNickngSharedState(t *testing.T) {
	const valid = "@article{b, title = {x}}\n"
	t.Cleanup(func() { nickParse(",") }) // a comma resets the library's parseField
	if _, err := nickParse(valid); err != nil {
		t.Fatalf("nickng/bibtex on a valid file: %v", err)
	}
	nickParse("@article{a, title = ")
	if _, err := nickParse(valid); err == nil {
		t.Errorf("nickng/bibtex after a truncated file: a valid file parsed; want the leaked state to break it")
	}
	nickParse(",")

	if _, err := Parse("a.bib", []byte("@article{a, title = ")); err == nil {
		t.Errorf("Parse of a truncated file: no error")
	}
	if _, err := Parse("b.bib", []byte(valid)); err != nil {
		t.Errorf("Parse after a truncated file: %v", err)
	}
}

// TestNickngDropsData: concatenation, %-comments, byte-order marks,
// braces in quoted values, duplicate fields, @preamble braces and
// @comment all lose data without an error.
func TestNickngDropsData(t *testing.T) {
	tests := []struct {
		name  string
		input string
		// nick checks the library's result; it returns "" when the defect
		// shows, or what happened instead.
		nick func(*nbib.BibTex, error) string
		// ours checks Decode's result the same way.
		ours func(*bib.Library, []bib.Diagnostic) string
	}{
		{
			name:  "concatenation keeps only its first part",
			input: "@string{kp = \"Kazakhstanskaya pravda\"}\n@article{a, journal = kp # \" (Almaty)\"}\n",
			nick:  fieldIs("journal", "Kazakhstanskaya pravda"),
			ours:  varIs("container-title", "Kazakhstanskaya pravda (Almaty)"),
		},
		{
			name:  "a % comment line gives zero entries",
			input: "% exported by a reference manager\n@article{a, title = {x}}\n",
			nick:  entriesAre(0),
			ours: func(l *bib.Library, ds []bib.Diagnostic) string {
				if len(l.Entries) != 1 || !hasDiag(ds, bib.Warning, CodeNotImported) {
					return "want one entry and a not-imported warning for the comment"
				}
				return ""
			},
		},
		{
			name:  "a byte-order mark gives zero entries",
			input: "\uFEFF@article{a, title = {x}}\n",
			nick:  entriesAre(0),
			ours:  varIs("title", "x"),
		},
		{
			name:  "braces in a quoted value are dropped",
			input: "@article{a, title = \"The {DNA} story\"}\n",
			nick:  fieldIs("title", "The DNA story"),
			ours: func(l *bib.Library, ds []bib.Diagnostic) string {
				// The braces protect DNA, which Encode protects again.
				var b bytes.Buffer
				if err := Encode(&b, l.Entries, Options{}); err != nil || !strings.Contains(b.String(), "The {DNA} story") {
					return "want the title written back as The {DNA} story, got " + b.String()
				}
				return varIs("title", "The DNA story")(l, ds)
			},
		},
		{
			name:  "a duplicate field overwrites the first",
			input: "@article{a, title = {first}, title = {second}}\n",
			nick:  fieldIs("title", "second"),
			ours: func(l *bib.Library, ds []bib.Diagnostic) string {
				if !hasDiag(ds, bib.Warning, CodeDuplicateField) {
					return "want a duplicate-field warning"
				}
				if len(l.Entries) != 1 || l.Entries[0].Extra["title-2"] != "second" {
					return "want the second title kept in extra as title-2"
				}
				return varIs("title", "first")(l, ds)
			},
		},
		{
			name:  "@preamble loses its inner braces",
			input: "@preamble{\"\\newcommand{\\noop}[1]{}\"}\n@article{a, title = {x}}\n",
			nick: func(b *nbib.BibTex, err error) string {
				if err != nil || len(b.Preambles) != 1 || b.Preambles[0].String() != `\newcommand\noop[1]` {
					return "preamble kept its braces"
				}
				return ""
			},
			ours: func(l *bib.Library, ds []bib.Diagnostic) string {
				for _, d := range ds {
					if d.Code == CodeNotImported && strings.Contains(d.Message, `\newcommand{\noop}[1]{}`) {
						return ""
					}
				}
				return "want a not-imported warning quoting the whole preamble"
			},
		},
		{
			name:  "@comment is dropped",
			input: "@comment{jabref-meta: databaseType:biblatex;}\n@article{a, title = {x}}\n",
			nick: func(b *nbib.BibTex, err error) string {
				if err != nil || len(b.Entries) != 1 {
					return "the file did not parse"
				}
				return "" // the library has no place for comments at all
			},
			ours: func(l *bib.Library, ds []bib.Diagnostic) string {
				f, err := Parse("c.bib", []byte("@comment{jabref-meta: databaseType:biblatex;}\n"))
				if err != nil || len(f.Items) != 1 || f.Items[0].Text != "jabref-meta: databaseType:biblatex;" {
					return "Parse did not keep the comment"
				}
				if !hasDiag(ds, bib.Warning, CodeNotImported) {
					return "want a not-imported warning"
				}
				return ""
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if msg := tt.nick(nickParse(tt.input)); msg != "" {
				t.Errorf("nickng/bibtex: defect not reproduced: %s", msg)
			}
			lib, diags := decodeOne(t, tt.input)
			if msg := tt.ours(lib, diags); msg != "" {
				t.Errorf("Decode: %s; diagnostics %v", msg, diags)
			}
		})
	}
}

func fieldIs(field, want string) func(*nbib.BibTex, error) string {
	return func(b *nbib.BibTex, err error) string {
		if err != nil || len(b.Entries) != 1 {
			return "no entry"
		}
		if got := b.Entries[0].Fields[field].String(); got != want {
			return field + " = " + got
		}
		return ""
	}
}

func entriesAre(n int) func(*nbib.BibTex, error) string {
	return func(b *nbib.BibTex, err error) string {
		if err != nil || len(b.Entries) != n {
			return "entries or error differ"
		}
		return ""
	}
}

func varIs(v, want string) func(*bib.Library, []bib.Diagnostic) string {
	return func(l *bib.Library, ds []bib.Diagnostic) string {
		if len(l.Entries) != 1 {
			return "want one entry"
		}
		if got := l.Entries[0].Get(v); got != want {
			return v + " = " + got + ", want " + want
		}
		return ""
	}
}

// TestNickngRefusesValidInput: "@" in values and comments, non-ASCII keys,
// parentheses and free text are valid BibTeX that the library refuses.
func TestNickngRefusesValidInput(t *testing.T) {
	tests := []struct{ name, input, key, field, want string }{
		{"@ in a braced value", "@misc{a, url = {https://medium.com/@user}}\n", "a", "URL", "https://medium.com/@user"},
		{"e-mail address", "@misc{a, note = {write to me@example.org}}\n", "a", "note", "write to me@example.org"},
		{"@ in @comment", "@comment{mail me@example.org}\n@misc{a, title = {x}}\n", "a", "title", "x"},
		{"Cyrillic key", "@book{Жигалов1993, title = {x}}\n", "Жигалов1993", "title", "x"},
		{"Kazakh key", "@book{Қазақстан2016, title = {x}}\n", "Қазақстан2016", "title", "x"},
		{"Latin key with ł", "@book{Łukasiewicz1951, title = {x}}\n", "Łukasiewicz1951", "title", "x"},
		{"parentheses", "@article(a, title = {x})\n", "a", "title", "x"},
		{"@string with parentheses", "@string(kp = \"K\")\n@article{a, journal = kp}\n", "a", "container-title", "K"},
		{"free text", "Some free text.\n@article{a, title = {x}}\n", "a", "title", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := nickParse(tt.input); err == nil {
				t.Errorf("nickng/bibtex accepted %q; want the defect (an error)", tt.input)
			}
			nickParse(",")
			lib, _ := decodeOne(t, tt.input)
			if len(lib.Entries) != 1 || lib.Entries[0].ID != tt.key || lib.Entries[0].Get(tt.field) != tt.want {
				t.Errorf("Decode(%q): entries %v; want %s with %s = %q", tt.input, lib.Entries, tt.key, tt.field, tt.want)
			}
		})
	}
}

// TestNickngOutput: PrettyString writes Go escapes, String() prints fields
// in random order, NewBibEntry strips spaces from keys. Encode writes
// BibTeX, in a fixed order, and refuses a key it cannot write.
func TestNickngOutput(t *testing.T) {
	e := nbib.NewBibEntry("article", "my key")
	if e.CiteName != "mykey" {
		t.Errorf("NewBibEntry key = %q; want the defect (mykey)", e.CiteName)
	}
	e.AddField("title", nbib.NewBibConst("a\u00a0b"))
	e.AddField("journal", nbib.NewBibConst(`Revue Eccl\'esiastique`))
	pretty := e.PrettyString()
	if !strings.Contains(pretty, `a\u00a0b`) || !strings.Contains(pretty, `Eccl\\'esiastique`) {
		t.Errorf("PrettyString = %q; want the defect (Go escapes)", pretty)
	}
	for _, f := range []string{"author", "year", "volume", "number", "pages", "note", "publisher", "url"} {
		e.AddField(f, nbib.NewBibConst(f))
	}
	orders := map[string]bool{}
	for i := 0; i < 50; i++ {
		orders[e.String()] = true
	}
	if len(orders) < 2 {
		t.Errorf("String() printed one order in 50 calls; want the defect (random order)")
	}

	ours := bib.NewEntry("k", "article-journal")
	ours.Set("title", "a\u00a0b")
	ours.Set("container-title", "Revue Ecclésiastique")
	for _, f := range []string{"volume", "issue", "page", "note", "publisher", "URL"} {
		ours.Set(f, "1")
	}
	var first string
	for i := 0; i < 20; i++ {
		var b bytes.Buffer
		if err := Encode(&b, []*bib.Entry{ours}, Options{Dialect: BibTeX}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b.String()
		} else if b.String() != first {
			t.Fatalf("Encode is not deterministic:\n%s\n%s", first, b.String())
		}
	}
	if !strings.Contains(first, "= {a~b},") || !strings.Contains(first, `Eccl{\'{e}}siastique`) {
		t.Errorf("Encode = %s; want a~b and Eccl{\\'{e}}siastique", first)
	}
	bad := bib.NewEntry("my key", "book")
	if err := Encode(&bytes.Buffer{}, []*bib.Entry{bad}, Options{}); err == nil || !strings.Contains(err.Error(), `"my key"`) {
		t.Errorf("Encode with key %q: err = %v; want an error naming it", bad.ID, err)
	}
}
