package bibtex

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
)

// corpus returns the path of a file of ../shared/corpus, or skips.
func corpus(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(testkit.ModuleRoot(t), "..", "shared", "corpus", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus file %s is absent (it lives in ../shared/corpus beside the repository); skipping", p)
	}
	return p
}

func encode(t *testing.T, entries []*bib.Entry, d Dialect) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, entries, Options{Dialect: d}); err != nil {
		t.Fatalf("Encode(%v): %v", d, err)
	}
	return b.Bytes()
}

func decode(t *testing.T, name string, data []byte) *bib.Library {
	t.Helper()
	lib, diags, err := Decode(name, data)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	if bib.HasErrors(diags) {
		t.Fatalf("Decode(%s): %v", name, diags)
	}
	return lib
}

// TestRefsRoundTrip: TOML → BibLaTeX → TOML gives refs/ back exactly, the
// exports match their golden files, and export → import → export is
// byte-identical in both dialects.
func TestRefsRoundTrip(t *testing.T) {
	refs := filepath.Join(testkit.ModuleRoot(t), "refs", "references.toml")
	lib, diags, err := store.Load(refs)
	if err != nil || bib.HasErrors(diags) {
		t.Fatalf("store.Load(%s): %v %v", refs, err, diags)
	}
	for _, d := range []Dialect{BibLaTeX, BibTeX} {
		t.Run(d.String(), func(t *testing.T) {
			out := encode(t, lib.Entries, d)
			testkit.Golden(t, filepath.Join("testdata", "refs."+d.String()+".golden"), out)
			back := decode(t, "refs.bib", out)
			if d == BibLaTeX {
				var want, got bytes.Buffer
				if err := store.Encode(&want, lib.Entries, nil); err != nil {
					t.Fatal(err)
				}
				if err := store.Encode(&got, back.Entries, nil); err != nil {
					t.Fatal(err)
				}
				if want.String() != got.String() {
					t.Errorf("TOML → BibLaTeX → TOML changed refs/:\n--- want\n%s\n--- got\n%s", want.String(), got.String())
				}
				for i, e := range lib.Entries {
					if !e.Equal(back.Entries[i]) {
						t.Errorf("entry %s: %+v; want %+v", e.ID, back.Entries[i].Strip(), e.Strip())
					}
				}
			}
			if again := encode(t, back.Entries, d); !bytes.Equal(again, out) {
				t.Errorf("export → import → export is not byte-identical:\n--- first\n%s\n--- second\n%s", out, again)
			}
		})
	}
}

// TestCorpusRoundTrip imports every entry of the two real corpora, checks
// that no field is lost, writes per-field counts of what was mapped onto a
// CSL variable and what was kept verbatim in extra, and checks that
// export → import → export is byte-identical and that a BibLaTeX round
// trip gives the same entries.
func TestCorpusRoundTrip(t *testing.T) {
	for _, name := range []string{"biblatex-examples.bib", "xampl.bib"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(corpus(t, name))
			if err != nil {
				t.Fatal(err)
			}
			lib, diags, err := Decode(name, data)
			if err != nil || bib.HasErrors(diags) {
				t.Fatalf("Decode(%s): %v %v", name, err, diags)
			}
			f, err := Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			counts := countFields(t, f, nil, lib, diags)
			// What import writes to TOML reads back as the same entries.
			var toml bytes.Buffer
			if err := store.Encode(&toml, lib.Entries, nil); err != nil {
				t.Fatal(err)
			}
			fromTOML, tdiags, err := store.Decode(name+".toml", toml.Bytes())
			if err != nil || len(tdiags) > 0 {
				t.Fatalf("the imported TOML does not load cleanly: %v %v", err, tdiags)
			}
			for i, e := range lib.Entries {
				if !e.Equal(fromTOML.Entries[i]) {
					t.Errorf("entry %s changed through TOML:\n%+v\nwant\n%+v", e.ID, fromTOML.Entries[i].Strip(), e.Strip())
				}
			}
			testkit.Golden(t, filepath.Join("testdata", "corpus", name+".counts.golden"), counts)
			dialectRoundTrips(t, lib.Entries)
		})
	}
}

// countFields returns a table: for each .bib field, how many times it
// occurs, how many values went to a CSL variable, how many were kept
// verbatim in extra (alone, when the field has no variable, or next to
// the variable, when its LaTeX has no exact plain form), and how many
// were skipped with their entry (for an entry broken by a syntax error,
// the fields read before the error). It fails the test for any value that
// went nowhere.
func countFields(t *testing.T, f *File, parseErr error, lib *bib.Library, diags []bib.Diagnostic) []byte {
	t.Helper()
	type count struct{ total, mapped, extra, skipped int }
	counts := map[string]*count{}
	get := func(name string) *count {
		c := counts[name]
		if c == nil {
			c = &count{}
			counts[name] = c
		}
		return c
	}
	codes := map[bib.Pos]string{}
	for _, d := range diags {
		if _, seen := codes[d.Pos]; !seen || d.Severity == bib.Warning {
			codes[d.Pos] = d.Code
		}
	}
	byPos := map[bib.Pos]*bib.Entry{}
	for _, e := range lib.Entries {
		byPos[e.Pos] = e
	}
	skippedEntries := 0
	if el, ok := parseErr.(ErrorList); ok {
		for _, se := range el {
			skippedEntries++
			if se.Partial != nil {
				for _, fl := range se.Partial.Fields {
					c := get(fl.Name)
					c.total++
					c.skipped++
				}
			}
		}
	}
	for _, it := range f.Items {
		if it.Kind != EntryItem {
			continue
		}
		e := byPos[it.Pos]
		if e == nil {
			skippedEntries++
		}
		for _, fl := range it.Entry.Fields {
			c := get(fl.Name)
			c.total++
			if e == nil {
				c.skipped++
				continue
			}
			switch code := codes[fl.Pos]; {
			case fl.Name == "crossref":
				c.extra++ // kept as it is; Decode also copies the parent's fields
			case code == CodeUnmapped || code == CodeBadDate || code == CodeDuplicateField:
				c.extra++
			case code == CodeKeptLaTeX || code == CodeKeptOriginal || code == CodeDerived:
				c.extra++
				c.mapped++
			default:
				c.mapped++
				if !mapped(e, fl.Name) && code != CodeMoved && code != CodeJoinedField {
					t.Errorf("%s: field %s of %s was lost", fl.Pos, fl.Name, e.ID)
				}
			}
		}
	}
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "%d entries imported, %d skipped\n%-16s %6s %6s %6s %7s\n", len(lib.Entries), skippedEntries, "field", "total", "mapped", "extra", "skipped")
	for _, n := range names {
		c := counts[n]
		fmt.Fprintf(&b, "%-16s %6d %6d %6d %7d\n", n, c.total, c.mapped, c.extra, c.skipped)
	}
	return []byte(b.String())
}

// mapped reports whether the entry has a value for a .bib field that
// Decode reported nothing about: a CSL variable, or a field it reads
// itself (year, month, entrysubtype, crossref, howpublished with a URL).
func mapped(e *bib.Entry, name string) bool {
	has := func(v string) bool {
		isName := e.Names(v) != nil
		_, isDate := e.Date(v)
		return e.Get(v) != "" || isName || isDate
	}
	switch name {
	case "year", "month":
		return has("issued")
	case "entrysubtype":
		return true
	case "crossref":
		return e.Extra["crossref"] != ""
	case "ids":
		return len(e.Aliases) > 0
	case "howpublished":
		if has("URL") {
			return true
		}
	}
	for _, row := range fields {
		if row.bib == name && has(row.csl) {
			return true
		}
	}
	if v, ok := genericVar(name); ok && has(v) {
		return true
	}
	return false
}

// dialectRoundTrips checks, in both dialects, that export → import gives
// the same number of entries (in BibLaTeX, the same entries) and that
// export → import → export is byte-identical.
func dialectRoundTrips(t *testing.T, entries []*bib.Entry) {
	t.Helper()
	for _, d := range []Dialect{BibLaTeX, BibTeX} {
		out := encode(t, entries, d)
		back := decode(t, "again.bib", out)
		if len(back.Entries) != len(entries) {
			t.Fatalf("%v: %d entries after the round trip; want %d", d, len(back.Entries), len(entries))
		}
		if d == BibLaTeX {
			for i, e := range entries {
				if !e.Equal(back.Entries[i]) {
					t.Errorf("%v: entry %s changed:\n%+v\nwant\n%+v", d, e.ID, back.Entries[i].Strip(), e.Strip())
				}
			}
		}
		if again := encode(t, back.Entries, d); !bytes.Equal(again, out) {
			t.Errorf("%v: export → import → export is not byte-identical:\n%s", d, testkit.Diff(string(out), string(again)))
		}
	}
}
