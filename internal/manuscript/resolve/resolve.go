package resolve

import (
	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
)

// Resolver finds the records of one library that manuscripts name.
type Resolver struct {
	lib *bib.Library
	// byAuthor indexes the records by the folded names an author–date
	// citation may use for them; built on the first author–date cite.
	byAuthor map[string][]*bib.Entry
	// list indexes the records by the words of their titles and authors;
	// built on the first reference list.
	list *listIndex
}

// New returns a resolver over lib (an empty library when lib is nil).
func New(lib *bib.Library) *Resolver {
	if lib == nil {
		lib = &bib.Library{}
	}
	return &Resolver{lib: lib}
}

// Library returns the library r resolves against.
func (r *Resolver) Library() *bib.Library { return r.lib }

// Key returns the record a citation key names: its id or one of its
// aliases, so that a manuscript citing a merged duplicate's old id still
// resolves.
func (r *Resolver) Key(key string) (*bib.Entry, bool) { return r.lib.Resolve(key) }

// Number returns the library's n-th record (1-based).
func (r *Resolver) Number(n int) (*bib.Entry, bool) {
	if n < 1 || n > len(r.lib.Entries) {
		return nil, false
	}
	return r.lib.Entries[n-1], true
}

// Numbering says what the number of a numeric or superscript cite refers
// to.
type Numbering int

const (
	// ByLibrary reads [n] as the library's n-th record, whatever the
	// manuscript's own list says. verify reads numbers so, and reports
	// each entry of the manuscript's list that is not the library's record
	// of its number (list-mismatch).
	ByLibrary Numbering = iota
	// ByOwnList reads [n] as the record that entry n of the manuscript's
	// own numbered reference list is (see Resolver.List), when the
	// manuscript has such a list, and as the library's n-th record
	// otherwise. render reads numbers so: it replaces that list, so the
	// reader's [n] is the list's n.
	ByOwnList
)

// Cites resolves the cites of one manuscript.
type Cites struct {
	r   *Resolver
	own *List
}

// Cites returns the resolver of the cites of d, its numbers read as n
// says.
func (r *Resolver) Cites(d *manuscript.Document, n Numbering) *Cites {
	cs := &Cites{r: r}
	if n == ByOwnList && d != nil {
		if rl := d.References; rl != nil && rl.Numbered && len(rl.Entries) > 0 {
			cs.own = r.List(rl)
		}
	}
	return cs
}

// OwnList returns the manuscript's reference list that numbers are read
// through, or nil when they are the library's.
func (cs *Cites) OwnList() *List { return cs.own }

// Match is the record a cite names.
type Match struct {
	// Entry is the record, or nil when the library has none.
	Entry *bib.Entry
	// OtherYear is set, for an author–date cite without Entry, to the
	// author's only work in the library, whose year is not the cite's:
	// most likely the work meant, with its year written wrong.
	OtherYear *bib.Entry
	// Page is, for a number read through the manuscript's own list, the
	// page that list's entry gives as the cited one ("… – С. 9."). GOST R
	// 7.0.5-2008 (8.1, 8.3) lets an end-of-text reference carry the page
	// of the cited passage, which the citation must carry once the list
	// is replaced.
	Page string
}

// Resolve returns the record that cite c of marker m names. A footnote
// reference ("[^1]") names none itself: the markers in its footnote do.
func (cs *Cites) Resolve(m *manuscript.Marker, c *manuscript.Cite) Match {
	switch m.Form {
	case manuscript.FootnoteMarker:
		return Match{}
	case manuscript.NumericMarker, manuscript.SuperscriptMarker:
		if cs.own != nil {
			return Match{Entry: cs.own.Record(c.Number), Page: cs.own.Page(c.Number)}
		}
		e, _ := cs.r.Number(c.Number)
		return Match{Entry: e}
	case manuscript.AuthorDateMarker:
		names := authorsWritten(c)
		if e := cs.r.authorYear(c.Author, names, c.Year); e != nil {
			return Match{Entry: e}
		}
		if works := cs.r.Works(c.Author); len(works) == 1 {
			return Match{OtherYear: works[0]}
		}
		return Match{}
	}
	e, _ := cs.r.Key(c.Key)
	return Match{Entry: e}
}

// KeepNarrative reports whether a narrative author–date marker ("Smith
// (2012)") is a citation: when every work it names is in the library.
// "Minister (1994)" is prose. It is the manuscript.Options.KeepNarrative
// of a caller that resolves against r's library.
func (r *Resolver) KeepNarrative(m *manuscript.Marker) bool {
	for k := range m.Cites {
		c := &m.Cites[k]
		if r.authorYear(c.Author, authorsWritten(c), c.Year) == nil {
			return false
		}
	}
	return len(m.Cites) > 0
}
