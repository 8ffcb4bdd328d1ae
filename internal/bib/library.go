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
	aliases map[string]int
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
	for _, a := range e.Aliases {
		if _, taken := l.aliases[a]; !taken {
			l.aliases[a] = len(l.Entries)
		}
	}
	l.Entries = append(l.Entries, e)
	l.indexed = len(l.Entries)
	return nil
}

// Lookup returns the entry whose id is exactly id. Use Resolve for keys
// that come from manuscripts or claims, which may name a former id.
func (l *Library) Lookup(id string) (*Entry, bool) {
	l.ensureIndex()
	i, ok := l.index[id]
	if !ok {
		return nil, false
	}
	return l.Entries[i], true
}

// Resolve returns the entry a citation key names: the entry with that id,
// or else the entry that lists key among its Aliases (a duplicate merged
// into it). Manuscript markers, claim sources and id selections resolve
// through it, so that old manuscripts' [@drop] and \cite{drop} still find
// the merged entry.
func (l *Library) Resolve(key string) (*Entry, bool) {
	l.ensureIndex()
	if i, ok := l.index[key]; ok {
		return l.Entries[i], true
	}
	if i, ok := l.aliases[key]; ok {
		return l.Entries[i], true
	}
	return nil, false
}

// Taken reports whether key is the id or an alias of an entry, so that a
// new entry must not use it.
func (l *Library) Taken(key string) bool {
	_, ok := l.Resolve(key)
	return ok
}

// Number returns the 1-based position of the entry id (or of the entry an
// alias names) in the library, or 0.
func (l *Library) Number(id string) int {
	l.ensureIndex()
	if i, ok := l.index[id]; ok {
		return i + 1
	}
	if i, ok := l.aliases[id]; ok {
		return i + 1
	}
	return 0
}

// Reindex rebuilds the lookup indexes. Call it after changing the ids or
// aliases of entries in place; appending or removing entries is noticed
// without it.
func (l *Library) Reindex() { l.index = nil }

// ensureIndex rebuilds the id index when Entries changed behind its back.
// When ids repeat, the first entry wins; an alias never hides an id.
func (l *Library) ensureIndex() {
	if l.index != nil && l.indexed == len(l.Entries) {
		return
	}
	l.index = make(map[string]int, len(l.Entries))
	l.aliases = map[string]int{}
	for i, e := range l.Entries {
		if _, dup := l.index[e.ID]; !dup {
			l.index[e.ID] = i
		}
		for _, a := range e.Aliases {
			if _, dup := l.aliases[a]; !dup {
				l.aliases[a] = i
			}
		}
	}
	l.indexed = len(l.Entries)
}
