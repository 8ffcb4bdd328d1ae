package gen_test

import (
	"reflect"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/gen"
)

func TestLibraryIsReproducible(t *testing.T) {
	a, b := gen.Library(500, 7), gen.Library(500, 7)
	if len(a.Entries) != len(b.Entries) {
		t.Fatalf("Library(500, 7) has %d then %d entries", len(a.Entries), len(b.Entries))
	}
	for i := range a.Entries {
		if !reflect.DeepEqual(a.Entries[i], b.Entries[i]) {
			t.Fatalf("Library(500, 7) entry %d differs between runs: %+v vs %+v", i, a.Entries[i], b.Entries[i])
		}
	}
	if !reflect.DeepEqual(a.Claims, b.Claims) {
		t.Errorf("Library(500, 7) claims differ between runs")
	}
	c := gen.Library(500, 8)
	if reflect.DeepEqual(a.Entries[0], c.Entries[0]) && reflect.DeepEqual(a.Entries[1], c.Entries[1]) {
		t.Errorf("Library(500, 7) and Library(500, 8) start alike; want the seed to matter")
	}
}

func TestLibraryShape(t *testing.T) {
	const n = 3000
	lib := gen.Library(n, 1)
	if len(lib.Entries) < n || len(lib.Entries) > n+n/20 {
		t.Errorf("Library(%d, 1) has %d entries; want %d plus about 1%% duplicates", n, len(lib.Entries), n)
	}
	if got, want := len(lib.Claims), n/10; got != want {
		t.Errorf("Library(%d, 1) has %d claims; want %d", n, got, want)
	}
	ids := map[string]bool{}
	types := map[string]int{}
	langs := map[string]int{}
	for _, e := range lib.Entries {
		if ids[e.ID] {
			t.Errorf("id %q repeats", e.ID)
		}
		ids[e.ID] = true
		if !bib.IsType(e.Type) {
			t.Errorf("%s has type %q, which is not a CSL type", e.ID, e.Type)
		}
		if e.Pos.File == "" || e.Pos.Line == 0 || e.PosOf("id").Line <= e.Pos.Line {
			t.Errorf("%s has position %v and id at %v; want a file:line for both", e.ID, e.Pos, e.PosOf("id"))
		}
		for k := range e.Fields() {
			if bib.VariableKind(k) == bib.Unknown {
				t.Errorf("%s has field %q, which is not a CSL variable", e.ID, k)
			}
			if e.FieldPos(k).Line == 0 {
				t.Errorf("%s has no position for %q", e.ID, k)
			}
		}
		for _, d := range e.AllDates() {
			if _, err := bib.ParseDate(d.String()); err != nil {
				t.Errorf("%s has date %v, which does not parse back: %v", e.ID, d, err)
			}
		}
		types[e.Type]++
		langs[e.Get("language")]++
	}
	if len(types) < 8 {
		t.Errorf("Library(%d, 1) has types %v; want the common CSL types", n, types)
	}
	for _, l := range []string{"ru", "kk", "en"} {
		if langs[l] < n/10 {
			t.Errorf("Library(%d, 1) has %d entries in %q; want a fair share", n, langs[l], l)
		}
	}
	if len(lib.Files) != (n+gen.EntriesPerFile-1)/gen.EntriesPerFile {
		t.Errorf("Library(%d, 1).Files = %v; want one per %d entries", n, lib.Files, gen.EntriesPerFile)
	}
}

func TestLibraryLookup(t *testing.T) {
	lib := gen.Library(100, 3)
	for _, c := range lib.Claims {
		for _, s := range c.Sources {
			if _, ok := lib.Lookup(s.Ref); !ok && s.Ref[len(s.Ref)-1] != 'x' {
				t.Errorf("claim %s cites %q, which is not in the library", c.ID, s.Ref)
			}
		}
	}
}
