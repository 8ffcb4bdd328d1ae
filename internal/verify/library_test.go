package verify

import (
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

// TestScanLibraryIsLibraryIndex checks scanLibrary's one pass against the
// library's own index on random libraries with repeated ids, aliases that
// repeat, that name an id, and empty ids: each claim's source resolves to
// the entry bib.Library.Resolve gives, each entry's first entry is the
// one bib.Library.Number numbers, and an entry is named by a source
// exactly when a source's ref is its id.
func TestScanLibraryIsLibraryIndex(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	key := func() string { return fmt.Sprintf("k%d", rng.Intn(30)) }
	for round := 0; round < 500; round++ {
		lib := &bib.Library{}
		for n := rng.Intn(40); n > 0; n-- {
			e := &bib.Entry{ID: key()}
			if rng.Intn(15) == 0 {
				e.ID = ""
			}
			for a := rng.Intn(3); a > 0 && rng.Intn(3) == 0; a-- {
				e.Aliases = append(e.Aliases, key())
			}
			lib.Entries = append(lib.Entries, e)
		}
		c := &bib.Claim{ID: "c"}
		for n := rng.Intn(30); n > 0; n-- {
			ref := key()
			if rng.Intn(20) == 0 {
				ref = ""
			}
			c.Sources = append(c.Sources, bib.Source{Ref: ref})
		}
		r := &Result{lib: lib, claimList: []*bib.Claim{c}}
		r.indexSources()
		r.scanLibrary(func(i, first int, e *bib.Entry, named *sourceRef) {
			if want := lib.Number(e.ID) - 1; first != want {
				t.Fatalf("round %d: entry %d (%q): first %d; want %d", round, i, e.ID, first, want)
			}
			want := slices.ContainsFunc(c.Sources, func(s bib.Source) bool { return s.Ref == e.ID })
			if (named != nil) != want {
				t.Fatalf("round %d: entry %d (%q): named %v; want %v", round, i, e.ID, named != nil, want)
			}
		})
		for _, s := range c.Sources {
			got, gok := r.resolve(s.Ref)
			want, wok := lib.Resolve(s.Ref)
			if got != want || gok != wok {
				t.Fatalf("round %d: resolve(%q) = %v, %v; want %v, %v", round, s.Ref, got, gok, want, wok)
			}
		}
	}
}

// TestSortFindingsIsStableSort compares sortFindings with one stable
// sort of all the findings in the order they were made (those before the
// uncited references, those, those after), on random findings in and out
// of order.
func TestSortFindingsIsStableSort(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	codes := []string{CodeUnknownSource, CodeClaimWithoutSource, CodeIndirectSupport, CodeCitationNeeded}
	finding := func(code string) Finding {
		f := Finding{Code: code, Message: fmt.Sprint(rng.Intn(3)), doc: -1,
			Pos: bib.Pos{File: fmt.Sprintf("f%d.toml", rng.Intn(3)), Line: rng.Intn(6)}}
		if code != CodeUncitedReference && rng.Intn(3) == 0 {
			f.doc, f.Start, f.Pos = rng.Intn(2), rng.Intn(10), bib.Pos{}
		}
		f.Ref = fmt.Sprint(rng.Int()) // tells equal findings apart
		return f
	}
	for round := 0; round < 2000; round++ {
		var before, unc, after []Finding
		for n := rng.Intn(8); n > 0; n-- {
			before = append(before, finding(codes[rng.Intn(len(codes))]))
		}
		for n := rng.Intn(12); n > 0; n-- {
			unc = append(unc, finding(CodeUncitedReference))
		}
		if rng.Intn(2) == 0 { // in library order, as a library is read
			sort.SliceStable(unc, func(i, j int) bool { return findingLess(&unc[i], &unc[j]) })
		}
		for n := rng.Intn(8); n > 0; n-- {
			after = append(after, finding(codes[rng.Intn(len(codes))]))
		}
		want := slices.Concat(before, unc, after)
		sort.SliceStable(want, func(i, j int) bool { return findingLess(&want[i], &want[j]) })
		room := make([]Finding, len(unc), len(unc)+rng.Intn(20)) // merged in place when there is room
		copy(room, unc)
		got := sortFindings(slices.Concat(before, after), room)
		if !slices.EqualFunc(got, want, func(a, b Finding) bool { return a.Ref == b.Ref }) {
			t.Fatalf("round %d: sortFindings differs from a stable sort:\n got %v\nwant %v", round, got, want)
		}
	}
}
