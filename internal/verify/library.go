package verify

import (
	"hash/maphash"

	"github.com/cite-project/cite/internal/bib"
)

// sourceRef is a reference id that claims name as a source: the entry it
// resolves to, as bib.Library.Resolve resolves it (the first entry with
// that id, else the first that lists it among its aliases), and the
// claims that name it, once per source.
type sourceRef struct {
	byID, byAlias int // indexes in the library's entries, or -1
	claims        []string
}

// entry returns the index of the entry ref resolves to, or -1.
func (s *sourceRef) entry() int {
	if s.byID >= 0 {
		return s.byID
	}
	return s.byAlias
}

// indexSources collects the refs that the claims name as sources.
func (r *Result) indexSources() {
	r.sources = map[string]*sourceRef{}
	for _, c := range r.claimList {
		for _, s := range c.Sources {
			sr := r.sources[s.Ref]
			if sr == nil {
				sr = &sourceRef{byID: -1, byAlias: -1}
				r.sources[s.Ref] = sr
			}
			sr.claims = append(sr.claims, c.ID)
		}
	}
}

// resolve returns the entry that key names, as bib.Library.Resolve: the
// claims' sources through the index that scanLibrary completes, without
// an index of the whole library.
func (r *Result) resolve(key string) (*bib.Entry, bool) {
	if sr, ok := r.sources[key]; ok && r.scanned {
		if i := sr.entry(); i >= 0 {
			return r.lib.Entries[i], true
		}
		return nil, false
	}
	return r.lib.Resolve(key)
}

// num returns the 1-based position of the first entry whose id is id, or
// 0 (an alias has none).
func (r *Result) num(id string) int {
	if n := r.lib.Number(id); n > 0 && r.lib.Entries[n-1].ID == id {
		return n
	}
	return 0
}

// scanLibrary reads the library's entries once, in order: it resolves the
// claims' sources (see resolve), and passes each entry, with the index of
// the first entry that has its id (its number is that plus one) and the
// claims' source that names its id, to visit (when not nil). A library of
// 100,000 references is thus read once, with no map of all its ids.
func (r *Result) scanLibrary(visit func(i, first int, e *bib.Entry, named *sourceRef)) {
	entries := r.lib.Entries
	seen := newFirstIDs(len(entries))
	for i, e := range entries {
		first := seen.add(entries, i)
		named := r.sources[e.ID]
		if named != nil && named.byID < 0 {
			named.byID = first
		}
		for _, a := range e.Aliases {
			if sr := r.sources[a]; sr != nil && sr.byAlias < 0 {
				sr.byAlias = i
			}
		}
		if visit != nil {
			visit(i, first, e, named)
		}
	}
	r.scanned = true
}

// firstIDs finds the entries whose id an earlier entry has, in one pass
// in library order: an open-addressing table of the ids seen, each slot
// holding 32 bits of the id's hash and 1 + the index of its first entry,
// so that no string is stored and the table stays small (2 MiB for
// 100,000 ids).
type firstIDs struct {
	slots []uint64
	seed  maphash.Seed
}

func newFirstIDs(n int) *firstIDs {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &firstIDs{slots: make([]uint64, size), seed: maphash.MakeSeed()}
}

// add records entries[i] and returns the index of the first entry with its
// id: i itself when no earlier entry has it. Entries must be added in
// order.
func (f *firstIDs) add(entries []*bib.Entry, i int) int {
	id := entries[i].ID
	h := maphash.String(f.seed, id)
	tag := h >> 32 << 32
	mask := uint64(len(f.slots) - 1)
	for j := h & mask; ; j = (j + 1) & mask {
		s := f.slots[j]
		if s == 0 {
			f.slots[j] = tag | uint64(i+1)
			return i
		}
		if s&^(1<<32-1) == tag {
			if k := int(uint32(s)) - 1; entries[k].ID == id {
				return k
			}
		}
	}
}
