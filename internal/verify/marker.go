package verify

import (
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/manuscript/resolve"
)

// Marker is one citation marker of a manuscript, resolved against the
// library. Line, Text, Refs and Resolved are its JSON contract; Refs lists
// the ids of the references it resolves to, in the order written, and
// Resolved is false when any work it names is unknown.
type Marker struct {
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Text     string   `json:"text"`
	Form     string   `json:"form"`
	Refs     []string `json:"refs"`
	Resolved bool     `json:"resolved"`
	Cites    []Cite   `json:"cites"`

	form manuscript.Form
	doc  int
}

// Cite is one work a marker names, with the reference it resolves to (Ref
// is "" when none).
type Cite struct {
	Key     string `json:"key"`
	Ref     string `json:"ref"`
	Locator string `json:"locator,omitempty"`
	Label   string `json:"label,omitempty"`
	Volume  string `json:"volume,omitempty"`

	Number       int    `json:"-"`
	Author, Year string `json:"-"`
	Start, End   int    `json:"-"`
}

// Pinpoint reports whether the cite gives a page, paragraph or similar
// locator, precise enough for a quotation.
func (c Cite) Pinpoint() bool {
	return manuscript.Cite{Label: c.Label, Locator: c.Locator}.Pinpoint()
}

// numeric reports whether the marker cites by number.
func (m Marker) numeric() bool {
	return m.form == manuscript.NumericMarker || m.form == manuscript.SuperscriptMarker
}

// idIndex holds the library's ids by length, for suggesting the id a
// mistyped key meant (see didYouMean); built on the first suggestion.
type idIndex struct {
	lib   *bib.Library
	byLen map[int]idGroup
}

// idGroup holds the ids of one length: their forms, and beside them
// their character signatures, which the search reads first and which
// are thus kept together (a search reads every signature of a length).
type idGroup struct {
	forms []idForm
	sigs  []uint64 // sigs[i] is charSig(forms[i].lower)
}

// idForm is an id as suggestions compare it: lower case.
type idForm struct {
	id    string
	lower []rune
}

// charSig returns a 64-bit set of the characters of s (hashed), so that
// popcount(a^b) bounds their edit distance from below: one edit changes at
// most two bits.
func charSig(s []rune) uint64 {
	var sig uint64
	for _, r := range s {
		sig |= 1 << (uint32(r) * 2654435761 >> 26)
	}
	return sig
}

// idsByLength returns the ids whose lower-case length is n, grouped by
// length, built on first use.
func (ix *idIndex) idsByLength(n int) idGroup {
	if ix.byLen == nil {
		ix.build()
	}
	return ix.byLen[n]
}

// build groups the library's ids by length: each length's list made at
// its size, and every id's runes in one array (a library of 100,000
// makes as many).
func (ix *idIndex) build() {
	lowers := make([]string, len(ix.lib.Entries))
	counts := map[int]int{}
	total := 0
	for i, e := range ix.lib.Entries {
		lowers[i] = strings.ToLower(e.ID) // the id itself when it has no capital
		n := utf8.RuneCountInString(lowers[i])
		counts[n]++
		total += n
	}
	ix.byLen = make(map[int]idGroup, len(counts))
	for n, c := range counts {
		ix.byLen[n] = idGroup{forms: make([]idForm, 0, c), sigs: make([]uint64, 0, c)}
	}
	all := make([]rune, 0, total)
	for i, e := range ix.lib.Entries {
		start := len(all)
		for _, r := range lowers[i] {
			all = append(all, r)
		}
		l := all[start:len(all):len(all)]
		g := ix.byLen[len(l)]
		g.forms = append(g.forms, idForm{id: e.ID, lower: l})
		g.sigs = append(g.sigs, charSig(l))
		ix.byLen[len(l)] = g
	}
}

// resolveMarker turns marker k of d, in manuscript di, into a resolved
// Marker, through cs. Numbers are the library's records (resolve.ByLibrary):
// the manuscript's own list is compared with the library apart (see
// referenceLists). An author–date cite of the author's only work, of
// another year, resolves to that work, and markerYears reports the year.
// Footnote references are resolved later, by resolveNotes.
func resolveMarker(cs *resolve.Cites, d *manuscript.Document, k, di int) Marker {
	mm := &d.Markers[k]
	m := Marker{File: d.Name, Line: mm.Line, Column: mm.Column, Start: mm.Start, End: mm.End, Text: mm.Text,
		Form: mm.Form.String(), Refs: []string{}, Resolved: len(mm.Cites) > 0, Cites: []Cite{}, form: mm.Form, doc: di}
	for i := range mm.Cites {
		mc := &mm.Cites[i]
		c := Cite{Key: mc.Key, Locator: mc.Locator, Label: mc.Label, Volume: mc.Volume, Number: mc.Number,
			Author: mc.Author, Year: mc.Year, Start: mc.Start, End: mc.End}
		match := cs.Resolve(mm, mc)
		if e := match.Entry; e != nil {
			c.Ref = e.ID
		} else if e := match.OtherYear; e != nil {
			c.Ref = e.ID
		}
		m.Cites = append(m.Cites, c)
		if c.Ref == "" {
			m.Resolved = false
			continue
		}
		if !contains(m.Refs, c.Ref) {
			m.Refs = append(m.Refs, c.Ref)
		}
	}
	return m
}

// resolveNotes resolves the footnote references of document dc through
// their definitions: a reference cites what the markers in its footnote
// cite, and is unresolved when the footnote has no definition. A footnote
// without markers is a note, resolved but citing nothing.
func (r *Result) resolveNotes(dc *doc) {
	d := dc.d
	for k := 0; k < dc.count; k++ {
		m := r.marker(dc, k)
		if m.form != manuscript.FootnoteMarker {
			continue
		}
		m.Resolved = false
		for _, f := range d.Footnotes {
			if f.Label != m.Cites[0].Key {
				continue
			}
			m.Resolved = true
			for _, j := range d.MarkersIn(f.Body.Start, f.Body.End) {
				inner := r.marker(dc, j)
				for _, id := range inner.Refs {
					if !contains(m.Refs, id) {
						m.Refs = append(m.Refs, id)
					}
				}
			}
			break
		}
	}
}

// boundedDistance returns the Levenshtein distance between a and b, or
// limit+1 as soon as it must exceed limit: when the lengths differ by
// more, or every cell of a row's band (the cells within limit of the
// diagonal, the only ones that can stay within it) does.
func boundedDistance(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	inf := limit + 1
	// Two rows of the table; on the stack for the ids of most libraries
	// (the function runs for every candidate id of every unknown key).
	var prevBuf, curBuf [48]int
	prev, cur := prevBuf[:0], curBuf[:0]
	if len(b)+1 <= len(prevBuf) {
		prev, cur = prevBuf[:len(b)+1], curBuf[:len(b)+1]
	} else {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = min(j, inf)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[lo-1] = inf
		if lo == 1 {
			cur[0] = min(i, inf)
		}
		best := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if j <= i-1+limit && prev[j]+1 < v {
				v = prev[j] + 1
			}
			if cur[j-1]+1 < v {
				v = cur[j-1] + 1
			}
			cur[j] = min(v, inf)
			best = min(best, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = inf
		}
		if best > limit {
			return inf
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], inf)
}
