package bibtex

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"

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
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lib, _, err := Decode("fuzz.bib", data)
		if err != nil {
			return
		}
		for _, d := range []Dialect{BibLaTeX, BibTeX} {
			var first bytes.Buffer
			if err := Encode(&first, lib.Entries, Options{Dialect: d}); err != nil {
				return // ids that cannot be keys, control characters: refused with an error
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
