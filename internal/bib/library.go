package bib

import "fmt"

// Library is an ordered collection of entries and claims. The order of
// Entries is the order in which they were read; numeric citation markers
// such as "[3]" refer to it.
type Library struct {
	Entries []*Entry
	Claims  []*Claim
	Files   []string
	index   map[string]int
	indexed int // len(Entries) when index was built
}

// Add appends e. It returns an error if an entry with the same id exists;
// the library is then unchanged.
func (l *Library) Add(e *Entry) error {
	l.ensureIndex()
	if i, ok := l.index[e.ID]; ok {
		return fmt.Errorf("duplicate id %q (first defined at %s)", e.ID, l.Entries[i].Pos)
	}
	l.index[e.ID] = len(l.Entries)
	l.Entries = append(l.Entries, e)
	l.indexed = len(l.Entries)
	return nil
}

// Lookup returns the entry with the given id.
func (l *Library) Lookup(id string) (*Entry, bool) {
	l.ensureIndex()
	i, ok := l.index[id]
	if !ok {
		return nil, false
	}
	return l.Entries[i], true
}

// Number returns the 1-based position of the entry id in the library, or 0.
func (l *Library) Number(id string) int {
	l.ensureIndex()
	if i, ok := l.index[id]; ok {
		return i + 1
	}
	return 0
}

// ensureIndex rebuilds the id index when Entries changed behind its back.
// When ids repeat, the first entry wins.
func (l *Library) ensureIndex() {
	if l.index != nil && l.indexed == len(l.Entries) {
		return
	}
	l.index = make(map[string]int, len(l.Entries))
	for i, e := range l.Entries {
		if _, dup := l.index[e.ID]; !dup {
			l.index[e.ID] = i
		}
	}
	l.indexed = len(l.Entries)
}
