package bibtex

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
)

// TestDecodeGolden decodes each testdata/decode/*.bib and compares the
// syntax errors or the diagnostics and the TOML the entries become with
// <name>.golden.
func TestDecodeGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "decode", "*.bib"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/decode/*.bib: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(path)
			var b bytes.Buffer
			lib, diags, err := Decode(name, data)
			if err != nil {
				fmt.Fprintf(&b, "error:\n%v\n", err)
			} else {
				b.WriteString("diagnostics:\n")
				for _, d := range diags {
					fmt.Fprintln(&b, d)
				}
				b.WriteString("toml:\n")
				if err := store.Encode(&b, lib.Entries, nil); err != nil {
					t.Fatal(err)
				}
			}
			testkit.Golden(t, strings.TrimSuffix(path, ".bib")+".golden", b.Bytes())
		})
	}
}

// FuzzDecode: no input makes Decode panic; whatever decodes without error
// encodes in both dialects, and encoding is stable after one round trip.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"@article{a, title = {The {DNA} story}, author = {Doe, J. and others}, year = 2001, month = mar}",
		"@string{kp = \"K\"}\n@article(a, journal = kp # \" (Almaty)\")",
		"@book{Жигалов1993, author = {Жигалов, К.В.}, title = {Первый}, date = {1993}}",
		"@misc{a, url = {https://medium.com/@user}, howpublished = {\\url{https://medium.com/@user}}}",
		"@comment{x}\n% y\nfree text\n@preamble{\"\\newcommand{\\noop}[1]{}\"}",
		"@article{a, title = {A $x$ \\emph{b} \\'e --- ``q''}, author = {family=Gogh, given=Vincent, prefix=van, useprefix=true}}",
		"@misc{a, howpublished = {\x15}}",
		"@misc{a(b), title = {\x00\xff}}",
		"@string{m = {ab}}\n@string{n = m # m}\n@misc{x, note = n # n}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var (
			lib *bib.Library
			err error
		)
		// Allocations are bounded by a multiple of the input, plus what
		// the macro limits let expansions produce.
		testkit.AllocBudget(t, "Decode", len(data), 2048, 4*DefaultMaxMacros+16<<20, func() {
			lib, _, err = Decode("fuzz.bib", data)
		})
		if err != nil {
			return
		}
		// Output is bounded by a multiple of the input (macros aside,
		// which Limits bound).
		var toml bytes.Buffer
		if err := store.Encode(&toml, lib.Entries, nil); err != nil {
			t.Fatalf("store.Encode: %v", err)
		}
		if toml.Len() > 64*len(data)+DefaultMaxMacros+1024 {
			t.Fatalf("%d bytes of input became %d bytes of TOML", len(data), toml.Len())
		}
		for _, d := range []Dialect{BibLaTeX, BibTeX} {
			var first bytes.Buffer
			if err := Encode(&first, lib.Entries, Options{Dialect: d}); err != nil {
				// One rule for text on the way in: what import accepts,
				// export can write.
				t.Fatalf("%v: Decode accepted what Encode refuses: %v", d, err)
			}
			back, _, err := Decode("fuzz.bib", first.Bytes())
			if err != nil {
				t.Fatalf("%v: our own output does not parse: %v\n%s", d, err, first.String())
			}
			var second bytes.Buffer
			if err := Encode(&second, back.Entries, Options{Dialect: d}); err != nil {
				t.Fatalf("%v: second Encode: %v", d, err)
			}
			var third bytes.Buffer
			again, _, _ := Decode("fuzz.bib", second.Bytes())
			if err := Encode(&third, again.Entries, Options{Dialect: d}); err != nil || third.String() != second.String() {
				t.Fatalf("%v: export → import → export is not stable:\n%s\n---\n%s", d, second.String(), third.String())
			}
		}
	})
}

// TestTextRule: what import accepts, export can write. A control character
// or an invalid byte skips its entry (with file:line:col), or with FixText
// is replaced and reported; the entry then exports.
func TestTextRule(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		pos      string
	}{
		{"control character", "@misc{a, howpublished = {\x15}}\n", "t.bib:1:26"},
		{"NUL", "@misc{a,\n title = {x\x00y}}\n", "t.bib:2:12"},
		{"invalid UTF-8", "@misc{a,\n title = {Caf\xe9}}\n", "t.bib:2:14"},
		{"latin-1 ÿ", "@misc{a,\n title = {\xff}}\n", "t.bib:2:11"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := DecodeWith("t.bib", []byte(tt.in), ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Library.Entries) != 0 || len(res.Skipped) != 1 {
				t.Fatalf("entries %d, skipped %v; want the entry skipped", len(res.Library.Entries), res.Skipped)
			}
			if d := res.Diagnostics[0]; d.Code != CodeBadText || d.Pos.String() != tt.pos {
				t.Errorf("diagnostic %v; want bad-text at %s", d, tt.pos)
			}
			fixed, err := DecodeWith("t.bib", []byte(tt.in), ReadOptions{FixText: true})
			if err != nil || len(fixed.Library.Entries) != 1 || len(fixed.Skipped) != 0 {
				t.Fatalf("--fix-text: %v %+v", err, fixed)
			}
			found := false
			for _, d := range fixed.Diagnostics {
				found = found || (d.Code == CodeFixedText && d.Pos.String() == tt.pos)
			}
			if !found {
				t.Errorf("--fix-text diagnostics %v; want fixed-text at %s", fixed.Diagnostics, tt.pos)
			}
			var b bytes.Buffer
			if err := Encode(&b, fixed.Library.Entries, Options{}); err != nil {
				t.Errorf("the fixed entry does not export: %v", err)
			}
			for _, e := range fixed.Library.Entries {
				for _, v := range e.Fields() {
					if strings.ContainsAny(v, "\x00\x15") {
						t.Errorf("a control character survived: %q", v)
					}
				}
			}
		})
	}
}
