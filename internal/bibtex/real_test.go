package bibtex

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/charset"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/testkit"
	"golang.org/x/text/encoding/charmap"
)

// realFiles are the authors' .bib files of ../shared/corpus/real, as found
// in public repositories, defects included, with what their import must
// give: the number of entries imported and skipped.
var realFiles = []struct {
	path              string
	imported, skipped int
}{
	{"real/gmr-joss-paper/paper.bib", 8, 0},
	{"real/russian-phd-template/biblio/author.bib", 18, 0},
	{"real/russian-phd-template/biblio/external.bib", 52, 0},
	{"real/russian-phd-template/biblio/registered.bib", 2, 0},
	{"real/zotero-better-bibtex/language-1921.biblatex.bib", 86, 0},
	// 23 entries have a publisher whose braces do not balance
	// ({Taylor {{\&} Francis}): each is skipped and named.
	{"real/zotero-better-bibtex/library-1296.bib", 3702, 23},
}

func decodeReal(t *testing.T, path string) (*bib.Import, *File, error) {
	t.Helper()
	data, err := os.ReadFile(corpus(t, path))
	if err != nil {
		t.Fatal(err)
	}
	enc := charset.Detect(data).Encoding
	text := charset.Decode(data, enc)
	name := filepath.Base(path)
	res, err := DecodeWith(name, text, ReadOptions{Encoding: enc})
	if err != nil {
		t.Fatalf("DecodeWith(%s): %v", name, err)
	}
	f, perr := Parse(name, text)
	return res, f, perr
}

// TestRealFiles imports every real file tolerantly, checks the entries
// imported and skipped, writes per-field counts (mapped, kept in extra,
// skipped) to testdata/real/*.counts.golden, and checks that the TOML
// reads back as the same entries and that export → import → export is
// byte-identical in both dialects.
func TestRealFiles(t *testing.T) {
	for _, rf := range realFiles {
		t.Run(filepath.Base(rf.path), func(t *testing.T) {
			res, f, perr := decodeReal(t, rf.path)
			lib := res.Library
			if len(lib.Entries) != rf.imported || len(res.Skipped) != rf.skipped {
				t.Errorf("imported %d, skipped %d; want %d and %d", len(lib.Entries), len(res.Skipped), rf.imported, rf.skipped)
			}
			errs := 0
			for _, d := range res.Diagnostics {
				if d.Severity == bib.Error {
					errs++
					if d.Ref == "" || d.Pos.Line == 0 || d.Pos.Col == 0 {
						t.Errorf("an error does not name its entry with file:line:col: %v", d)
					}
				}
			}
			if errs < len(res.Skipped) {
				t.Errorf("%d skipped entries but %d errors", len(res.Skipped), errs)
			}
			counts := countFields(t, f, perr, lib, res.Diagnostics)
			testkit.Golden(t, filepath.Join("testdata", "real", filepath.Base(rf.path)+".counts.golden"), counts)
			var toml bytes.Buffer
			if err := store.Encode(&toml, lib.Entries, nil); err != nil {
				t.Fatal(err)
			}
			fromTOML, tdiags, err := store.Decode("real.toml", toml.Bytes())
			if err != nil || bib.HasErrors(tdiags) {
				t.Fatalf("the imported TOML does not load cleanly: %v %v", err, tdiags)
			}
			for i, e := range lib.Entries {
				if !e.Equal(fromTOML.Entries[i]) {
					t.Errorf("entry %s changed through TOML:\n%+v\nwant\n%+v", e.ID, fromTOML.Entries[i].Strip(), e.Strip())
				}
			}
			dialectRoundTrips(t, lib.Entries)
		})
	}
}

// TestRealSemantics checks the meaning of fields of the real files, as the
// exporters that wrote them mean it.
func TestRealSemantics(t *testing.T) {
	byID := func(t *testing.T, path string) map[string]*bib.Entry {
		res, _, _ := decodeReal(t, path)
		m := map[string]*bib.Entry{}
		for _, e := range res.Library.Entries {
			m[e.ID] = e
		}
		return m
	}
	ext := byID(t, "real/russian-phd-template/biblio/external.bib")
	tests := []struct {
		id, field, want string
	}{
		// biblatex-gost: type = {phdautoref} with science and specialitycode.
		{"Sirotko2", "genre", "специальность 14.00.33 : автореферат диссертации на соискание ученой степени кандидата медицинских наук"},
		{"Lukina2", "genre", "специальность 10.01.01 : автореферат диссертации на соискание ученой степени кандидата филологических наук"},
		// biblatex-gost's media: what GOST's content/media type says.
		{"Sirotko2", "media-type", "text"},
		{"Encyclopedia2", "media-type", "eresource"},
		{"Nasirova2", "media-type", "eresource"},
		// "Режим доступа: URL" in note becomes the URL; the note goes.
		{"Nasirova2", "URL", "http://vestnik.fa.ru/4(28)2003/4.html"},
		{"Nasirova2", "note", ""},
		// Standard types.
		{"Phdthesis", "genre", "Doctoral dissertation"},
		{"Mastersthesis", "genre", "Master's thesis"},
		{"Manual", "publisher", "The organization"},
		{"Techreport", "number", "2"},
		{"Techreport", "publisher", "The institution that published"},
		{"Misc", "publisher", "How it was published"},
		// Six keywords fields (a ScienceDirect export) are one list.
		{"Gosele1999161", "keyword", "Wafer bonding, Fusion bonding, Pressure sensors, Interface reactions, Hydrophilic bonding, Hydrophobic bonding"},
		{"medvedev2006jelektronnye", "accessed", "2015-01-19"},
		// The URL's underscores are escaped for classic BibTeX (\_); a
		// URL holds no backslash.
		{"medvedev2006jelektronnye", "URL", "http://www.kit-e.ru/articles/elcomp/2006_12_124.php"},
	}
	for _, tt := range tests {
		e := ext[tt.id]
		if e == nil {
			t.Errorf("%s was not imported", tt.id)
			continue
		}
		got := e.Get(tt.field)
		if d, ok := e.Date(tt.field); ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("%s.%s = %q; want %q", tt.id, tt.field, got, tt.want)
		}
	}
	// Better BibTeX: {{…}} is case protection, not LaTeX kept in extra.
	bbt := byID(t, "real/zotero-better-bibtex/library-1296.bib")
	e := bbt["Abawi:2004ks"]
	if want := `Accuracy in <span class="nocase">Optical Tracking</span> with <span class="nocase">Fiducial Markers</span>: <span class="nocase">An Accuracy Function</span> for ARToolKit`; e.Get("title") != want {
		t.Errorf("Abawi:2004ks title = %q; want %q", e.Get("title"), want)
	}
	if _, kept := e.Extra["title"]; kept {
		t.Errorf("Abawi:2004ks keeps its title's LaTeX in extra: %q", e.Extra["title"])
	}
	keptLaTeX, titles := 0, 0
	for _, e := range bbt {
		if e.Get("title") != "" {
			titles++
		}
		if _, ok := e.Extra["title"]; ok {
			keptLaTeX++
		}
	}
	if keptLaTeX*100 > titles {
		t.Errorf("%d of %d titles keep LaTeX in extra; want under 1%%", keptLaTeX, titles)
	}
	lang := byID(t, "real/zotero-better-bibtex/language-1921.biblatex.bib")
	counts := map[string]int{}
	for _, e := range lang {
		counts[e.Get("language")]++
	}
	if counts["de-CH-1996"] != 34 || counts["de-AT"] != 25 || counts["de"] != 26 || counts["en"] != 1 {
		t.Errorf("langid → BCP 47: %v", counts)
	}
}

// TestDateTime: Better BibTeX's dates with a time give the date, and the
// time stays in extra, from which export writes it back.
func TestDateTime(t *testing.T) {
	in := "@online{a,\n  title = {Page},\n  date = {2016-04-07T10:33},\n  urldate = {2019-01-31T14:14:12Z},\n}\n"
	lib, diags, err := Decode("t.bib", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	e := lib.Entries[0]
	if d, _ := e.Date("issued"); d.String() != "2016-04-07" {
		t.Errorf("issued = %v", d)
	}
	if d, _ := e.Date("accessed"); d.String() != "2019-01-31" {
		t.Errorf("accessed = %v", d)
	}
	if e.Extra["date"] != "2016-04-07T10:33" || e.Extra["urldate"] != "2019-01-31T14:14:12Z" {
		t.Errorf("extra = %v", e.Extra)
	}
	if !hasDiag(diags, bib.Warning, CodeKeptOriginal) {
		t.Errorf("no kept-original warning: %v", diags)
	}
	out := encode(t, lib.Entries, BibLaTeX)
	if !strings.Contains(string(out), "date    = {2016-04-07T10:33}") {
		t.Errorf("export lost the time:\n%s", out)
	}
	if again := encode(t, decode(t, "again.bib", out).Entries, BibLaTeX); !bytes.Equal(again, out) {
		t.Errorf("not stable:\n%s\n%s", out, again)
	}
}

// TestLegacyEncodings: Windows-1251 and KOI8-R copies of the Russian
// thesis's .bib files (made in the test, as iconv would make them) are
// detected and import to the same TOML as the UTF-8 originals.
func TestLegacyEncodings(t *testing.T) {
	files := []string{"real/russian-phd-template/biblio/author.bib", "real/russian-phd-template/biblio/registered.bib"}
	for _, path := range files {
		data, err := os.ReadFile(corpus(t, path))
		if err != nil {
			t.Fatal(err)
		}
		want := importTOML(t, data)
		for _, cm := range []*charmap.Charmap{charmap.Windows1251, charmap.KOI8R} {
			t.Run(filepath.Base(path)+"/"+cm.String(), func(t *testing.T) {
				legacy, err := cm.NewEncoder().Bytes(data)
				if err != nil {
					// registered.bib has "№", which KOI8-R lacks: iconv
					// could not make this copy either.
					t.Skipf("the file has a character %v cannot hold (%v); no such copy can exist", cm, err)
				}
				if bytes.Equal(legacy, data) {
					t.Fatal("the copy is the same bytes as the original")
				}
				det := charset.Detect(legacy)
				if det.Encoding.IsUTF8() {
					t.Fatalf("Detect = %v (%s); want %v", det.Encoding, det.How, cm)
				}
				if got := importTOML(t, legacy); got != want {
					t.Errorf("the %v copy imports differently:\n%s", cm, testkit.Diff(want, got))
				}
			})
		}
	}
}

// importTOML imports a .bib (its encoding detected) and returns the TOML.
func importTOML(t *testing.T, data []byte) string {
	t.Helper()
	lib, diags, err := Decode("t.bib", data)
	if err != nil || bib.HasErrors(diags) {
		t.Fatalf("Decode: %v %v", err, diags)
	}
	var b bytes.Buffer
	if err := store.Encode(&b, lib.Entries, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
