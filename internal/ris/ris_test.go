package ris

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/testkit"
)

func encode(t *testing.T, entries []*bib.Entry) ([]byte, []bib.Diagnostic) {
	t.Helper()
	var b bytes.Buffer
	var warns []bib.Diagnostic
	if err := Encode(&b, entries, Options{Warn: func(d bib.Diagnostic) { warns = append(warns, d) }}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), warns
}

// TestCorpus: each hand-written record of testdata/corpus (one per RIS
// type of the issue, written from the RIS specification) imports without
// an error to the TOML in its golden file, and RIS → TOML → RIS gives the
// file back byte for byte.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.ris"))
	if err != nil || len(files) < 12 {
		t.Fatalf("want a record file for each of the 12 types; found %d (%v)", len(files), err)
	}
	types := map[string]bool{}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := DecodeWith(filepath.Base(path), data, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diagnostics {
				if d.Severity == bib.Error || d.Code == CodeUnmapped && d.Field != "L1" {
					t.Errorf("diagnostic: %v", d)
				}
			}
			if len(res.Library.Entries) != 1 {
				t.Fatalf("%d entries; want 1", len(res.Library.Entries))
			}
			types[strings.Fields(string(data))[2]] = true
			var toml bytes.Buffer
			if err := store.Encode(&toml, res.Library.Entries, nil); err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, strings.TrimSuffix(path, ".ris")+".golden", toml.Bytes())
			// RIS → TOML → RIS.
			back, _, err := store.Decode("back.toml", toml.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			out, warns := encode(t, back.Entries)
			if !bytes.Equal(out, data) {
				t.Errorf("RIS → TOML → RIS differs:\n%s", testkit.Diff(string(data), string(out)))
			}
			if len(warns) > 0 {
				t.Errorf("export warnings: %v", warns)
			}
		})
	}
	for _, ty := range []string{"JOUR", "BOOK", "CHAP", "THES", "RPRT", "ELEC", "NEWS", "CONF", "GEN", "STAT", "BILL", "CASE"} {
		if !types[ty] {
			t.Errorf("no record of type %s in testdata/corpus", ty)
		}
	}
}

// TestForms reads what other writers write: the older date forms, Y1 and
// JF, a byte-order mark and CRLF line ends, wrapped values, a missing ER,
// records without ID, mixed SN, unknown and repeated tags.
func TestForms(t *testing.T) {
	in := "\uFEFFTY  - EJOUR\r\nA1  - Doe, Jane\r\nT1  - A wrapped\r\n  long title\r\nJF  - Journal of Tests\r\nJA  - J. Tests\r\nY1  - 2012///\r\nSN  - 1234-5679 978-3-16-148410-0\r\nXY  - custom value\r\nTI  - Second title\r\nY2  - 2024/03/01/10:15:00\r\nER  - \r\n\r\n" +
		"TY  - BOOK\nAU  - Doe, Jane\nTI  - Another\nPY  - 2012/03/27/Spring\nLA  - English\n" +
		"TY  - UNKNOWN\nTI  - Not closed\n"
	res, err := DecodeWith("forms.ris", []byte(in), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Library.Entries) != 3 {
		t.Fatalf("%d entries; want 3: %v", len(res.Library.Entries), res.Diagnostics)
	}
	a, b, c := res.Library.Entries[0], res.Library.Entries[1], res.Library.Entries[2]
	checks := []struct{ got, want string }{
		{a.ID, "doe2012"}, {a.Type, "article-journal"}, {a.Extra["TY"], "EJOUR"},
		{a.Get("title"), "A wrapped long title"}, {a.Get("container-title"), "Journal of Tests"},
		{a.Get("container-title-short"), "J. Tests"}, {a.DateString("issued"), "2012"},
		{a.Get("ISSN"), "1234-5679"}, {a.Extra["XY"], "custom value"}, {a.Extra["TI"], "Second title"},
		{a.DateString("accessed"), "2024-03-01"}, {a.Extra["Y2"], "2024/03/01/10:15:00"},
		{b.ID, "doe2012a"}, {b.DateString("issued"), "2012-03-27"}, {b.Extra["PY"], "2012/03/27/Spring"},
		{b.Get("language"), "en"}, {b.Extra["LA"], "English"},
		{c.Type, "document"}, {c.Extra["TY"], "UNKNOWN"},
	}
	for i, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("check %d: %q; want %q", i, ch.got, ch.want)
		}
	}
	// SN with an ISSN and an ISBN in one value, separated by a space.
	if a.Get("ISBN") != "978-3-16-148410-0" {
		t.Errorf("ISBN = %q", a.Get("ISBN"))
	}
	// What Decode kept, Encode writes back, and the result is stable.
	out, _ := encode(t, res.Library.Entries)
	again, err := DecodeWith("again.ris", out, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range res.Library.Entries {
		if !e.Equal(again.Library.Entries[i]) {
			t.Errorf("entry %s changed:\n%+v\nwant\n%+v", e.ID, again.Library.Entries[i].Strip(), e.Strip())
		}
	}
	if out2, _ := encode(t, again.Library.Entries); !bytes.Equal(out, out2) {
		t.Errorf("export → import → export differs:\n%s", testkit.Diff(string(out), string(out2)))
	}
	for _, want := range []string{"TY  - EJOUR", "LA  - English", "PY  - 2012/03/27/Spring", "XY  - custom value", "Y2  - 2024/03/01/10:15:00"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
}

// TestTolerant: a record with a control character or an invalid byte is
// skipped with file:line:col, a repeated ID skips the later record, and
// the rest is imported; a file without TY is not RIS.
func TestTolerant(t *testing.T) {
	in := "TY  - JOUR\nID  - a\nTI  - Fine\nER  - \n\nTY  - JOUR\nID  - b\nTI  - Bad \x15 char\nER  - \n\nTY  - JOUR\nID  - a\nTI  - Same ID\nER  - \n\nTY  - JOUR\nID  - c\nTI  - Caf\xe9\nER  - \n"
	res, err := DecodeWith("t.ris", []byte(in), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Library.Entries) != 1 || len(res.Skipped) != 3 {
		t.Fatalf("imported %d, skipped %v", len(res.Library.Entries), res.Skipped)
	}
	var pos []string
	for _, d := range res.Diagnostics {
		if d.Severity == bib.Error {
			pos = append(pos, d.Pos.String())
		}
	}
	if got := strings.Join(pos, " "); got != "t.ris:8:11 t.ris:12:7 t.ris:18:10" {
		t.Errorf("errors at %s", got)
	}
	fixed, err := DecodeWith("t.ris", []byte(in), ReadOptions{FixText: true})
	if err != nil || len(fixed.Library.Entries) != 3 {
		t.Fatalf("--fix-text: %v, %d entries", err, len(fixed.Library.Entries))
	}
	if _, err := DecodeWith("x.ris", []byte("not a RIS file\n"), ReadOptions{}); err == nil {
		t.Error("a file without TY decoded")
	}
}

// TestImpossibleDates: a date no calendar has (a month 13, 29 February of
// a common year) is not read as a date, which CSL-JSON would turn into a
// season or refuse; it is kept as written, with a warning at its line.
func TestImpossibleDates(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bib.Date
	}{
		{"2020-13", bib.Date{Literal: "2020-13"}},
		{"2019-02-29", bib.Date{Literal: "2019-02-29"}},
		{"2019/02/29/", bib.Date{Literal: "2019/02/29/"}},
		{"2020/13/01/", bib.Date{Literal: "2020/13/01/"}},
		{"2020/02/29/", bib.Date{Start: bib.DatePart{Year: 2020, Month: 2, Day: 29}}},
		{"2001-21", bib.Date{Season: 1, Start: bib.DatePart{Year: 2001}}},
	} {
		res, err := DecodeWith("d.ris", []byte("TY  - BOOK\nID  - a\nDA  - "+tt.in+"\nER  - \n"), ReadOptions{})
		if err != nil || len(res.Library.Entries) != 1 {
			t.Fatalf("DA %s: %v, %+v", tt.in, err, res)
		}
		got, _ := res.Library.Entries[0].Date("issued")
		got.Pos = bib.Pos{}
		if got != tt.want {
			t.Errorf("DA %s read as %+v; want %+v", tt.in, got, tt.want)
		}
		warned := false
		for _, d := range res.Diagnostics {
			warned = warned || (d.Code == CodeBadDate && d.Pos.Line == 3)
		}
		if warned != (tt.want.Literal != "") {
			t.Errorf("DA %s: diagnostics %v", tt.in, res.Diagnostics)
		}
	}
}

// TestEncodeWarns: what RIS cannot hold is reported, not dropped silently.
func TestEncodeWarns(t *testing.T) {
	e := bib.NewEntry("x", "book")
	e.Set("title", `The <span class="nocase">DNA</span> book`)
	e.Set("title-translit", "Kniga")
	e.AddName("author", bib.Name{Family: "Жигалов", Given: "К.", Alt: map[string]string{"family-translit": "Zhigalov"}})
	e.Extra = map[string]string{"date-added": "2017"}
	out, warns := encode(t, []*bib.Entry{e})
	if !strings.Contains(string(out), "TI  - The DNA book") {
		t.Errorf("title: %s", out)
	}
	fields := map[string]bool{}
	for _, w := range warns {
		fields[w.Field] = true
	}
	for _, f := range []string{"title", "title-translit", "author", "extra.date-added"} {
		if !fields[f] {
			t.Errorf("no warning for %s: %v", f, warns)
		}
	}
}

// FuzzDecode: no input panics, and what decodes encodes and reads back.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"TY  - JOUR\nAU  - Doe, J.\nPY  - 2012///\nER  - \n", "TY  - BOOK\nSP  - 10\nEP  - 20\nTY  - GEN\n", "TY  - X\n\x00\nER  -"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var (
			res *bib.Import
			err error
		)
		testkit.AllocBudget(t, "DecodeWith", len(data), 1024, 4<<20, func() { res, err = DecodeWith("f.ris", data, ReadOptions{}) })
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := Encode(&b, res.Library.Entries, Options{}); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		testkit.OutputBudget(t, "Encode", len(data), b.Len(), 64, 1024)
		if len(res.Library.Entries) == 0 {
			return
		}
		back, err := DecodeWith("f2.ris", b.Bytes(), ReadOptions{})
		if err != nil || bib.HasErrors(back.Diagnostics) {
			t.Fatalf("our output does not read back: %v %v\n%s", err, back, b.String())
		}
		var second, third bytes.Buffer
		if err := Encode(&second, back.Library.Entries, Options{}); err != nil {
			t.Fatal(err)
		}
		again, _ := DecodeWith("f3.ris", second.Bytes(), ReadOptions{})
		if err := Encode(&third, again.Library.Entries, Options{}); err != nil || second.String() != third.String() {
			t.Fatalf("export → import → export is not stable:\n%s\n---\n%s", second.String(), third.String())
		}
	})
}

// TestRealFiles: every real .bib file, exported as RIS, reads back and
// exports again byte for byte (what RIS cannot hold is reported on the
// first export, and then stays out).
func TestRealFiles(t *testing.T) {
	for _, f := range []string{
		"real/gmr-joss-paper/paper.bib", "real/russian-phd-template/biblio/author.bib",
		"real/russian-phd-template/biblio/external.bib", "real/russian-phd-template/biblio/registered.bib",
		"real/zotero-better-bibtex/language-1921.biblatex.bib", "real/zotero-better-bibtex/library-1296.bib",
	} {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(testkit.Shared(t, "corpus", f))
			if err != nil {
				t.Fatal(err)
			}
			lib, _, err := bibtex.Decode(f, data)
			if err != nil {
				t.Fatal(err)
			}
			first, _ := encode(t, lib.Entries)
			back, diags, err := Decode("again.ris", first)
			if err != nil || bib.HasErrors(diags) {
				t.Fatalf("our RIS does not read back: %v %v", err, diags)
			}
			if len(back.Entries) != len(lib.Entries) {
				t.Fatalf("%d records read back; want %d", len(back.Entries), len(lib.Entries))
			}
			if again, _ := encode(t, back.Entries); !bytes.Equal(again, first) {
				t.Errorf("export → import → export is not byte-identical:\n%s", testkit.Diff(string(first), string(again)))
			}
		})
	}
}
