package verify

import (
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/translit"
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

// resolver matches the cites of markers with the entries of a library.
type resolver struct {
	lib      *bib.Library
	byAuthor map[string][]*bib.Entry // built on the first author–date cite
	byLen    map[int][]idForm        // ids by length, built on the first suggestion
}

// idForm is an id as suggestions compare it: lower case, with its
// character signature.
type idForm struct {
	id    string
	lower []rune
	sig   uint64
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

func newResolver(lib *bib.Library) *resolver { return &resolver{lib: lib} }

// authors returns the index of entries by the names an author–date
// citation may use.
func (rs *resolver) authors() map[string][]*bib.Entry {
	if rs.byAuthor != nil {
		return rs.byAuthor
	}
	rs.byAuthor = map[string][]*bib.Entry{}
	for _, e := range rs.lib.Entries {
		for _, k := range authorKeys(e) {
			list := rs.byAuthor[k]
			if len(list) == 0 || list[len(list)-1] != e {
				rs.byAuthor[k] = append(list, e)
			}
		}
	}
	return rs.byAuthor
}

// idsByLength returns the ids whose lower-case length is n, grouped by
// length, built on first use.
func (rs *resolver) idsByLength(n int) []idForm {
	if rs.byLen == nil {
		rs.byLen = map[int][]idForm{}
		for _, e := range rs.lib.Entries {
			l := []rune(strings.ToLower(e.ID))
			rs.byLen[len(l)] = append(rs.byLen[len(l)], idForm{id: e.ID, lower: l, sig: charSig(l)})
		}
	}
	return rs.byLen[n]
}

// romanizations are the schemes whose forms of a Cyrillic name an
// author–date citation may use: "(Zhigalov, 1993)" for Жигалов.
var romanizations = []translit.Scheme{translit.BGN, translit.GOSTB, translit.LC, translit.ISO9}

// authorKeys returns the normalised names an author–date citation may use
// for e: the first author's (or editor's) family name or institution, in
// every script the entry records and romanised by the usual schemes; for a
// work without one, its title or container title.
func authorKeys(e *bib.Entry) []string {
	var keys []string
	add := func(s string) {
		if s = normName(s); s == "" {
			return
		}
		keys = append(keys, s)
		if translit.IsCyrillic(s) {
			for _, sc := range romanizations {
				keys = append(keys, normName(translit.Romanize(s, sc, e.Get("language"))))
			}
		}
	}
	for _, v := range []string{"author", "editor", "translator"} {
		ns := e.Names(v)
		if len(ns) == 0 {
			continue
		}
		n := ns[0]
		add(n.Family)
		if n.Given != "" && n.Family != "" {
			add(n.Given + " " + n.Family) // "R Core Team", read by BibTeX as given "R Core", family "Team"
		}
		if n.NonDroppingParticle != "" {
			add(n.NonDroppingParticle + " " + n.Family)
		}
		add(n.Literal)
		for _, k := range []string{"family-translit", "family-translated", "literal-translit", "literal-translated"} {
			add(n.Alt[k])
		}
		return keys
	}
	for _, f := range []string{"title", "title-translit", "title-translated", "container-title", "container-title-translit"} {
		add(e.Get(f))
	}
	return keys
}

func normName(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.ReplaceAll(strings.ReplaceAll(s, "ё", "е"), "’", "'")
}

// keepNarrative keeps a narrative author–date marker only when it
// resolves: "Minister (1994)" is prose, not a citation.
func (rs *resolver) keepNarrative(m *manuscript.Marker) bool {
	for _, c := range m.Cites {
		if rs.authorYear(c.Author, c.Year) == "" {
			return false
		}
	}
	return true
}

// resolve turns marker k of d, in manuscript di, into a resolved Marker.
// Footnote references are resolved later, by resolveNotes.
func (rs *resolver) resolve(d *manuscript.Document, k, di int) Marker {
	mm := &d.Markers[k]
	m := Marker{File: d.Name, Line: mm.Line, Column: mm.Column, Start: mm.Start, End: mm.End, Text: mm.Text,
		Form: mm.Form.String(), Refs: []string{}, Resolved: len(mm.Cites) > 0, Cites: []Cite{}, form: mm.Form, doc: di}
	for _, mc := range mm.Cites {
		c := Cite{Key: mc.Key, Locator: mc.Locator, Label: mc.Label, Volume: mc.Volume, Number: mc.Number,
			Author: mc.Author, Year: mc.Year, Start: mc.Start, End: mc.End}
		switch mm.Form {
		case manuscript.NumericMarker, manuscript.SuperscriptMarker:
			if c.Number >= 1 && c.Number <= len(rs.lib.Entries) {
				c.Ref = rs.lib.Entries[c.Number-1].ID
			}
		case manuscript.AuthorDateMarker:
			c.Ref = rs.authorYear(c.Author, c.Year)
			if list := rs.authors()[normName(c.Author)]; c.Ref == "" && len(list) == 1 {
				c.Ref = list[0].ID // the author's one work, of another year: a year-mismatch
			}
		case manuscript.FootnoteMarker:
		default:
			if e, ok := rs.lib.Resolve(c.Key); ok {
				c.Ref = e.ID
			}
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

// authorYear finds the entry by author from year ("2012", "2012b", "n.d.").
// A suffix letter picks among the author's works of that year in library
// order; without one, the first is taken.
func (rs *resolver) authorYear(author, year string) string {
	list := rs.authors()[normName(author)]
	if len(list) == 0 {
		// "J Hijmans": an initial or a given name before the family name
		if k := strings.LastIndexByte(strings.TrimSpace(author), ' '); k > 0 {
			list = rs.authors()[normName(author[k+1:])]
		}
	}
	want, suffix := 0, -1
	if y := strings.TrimRight(year, "abcdefghijklmnopqrstuvwxyz"); len(y) == 4 {
		want, _ = strconv.Atoi(y)
		if len(y) < len(year) {
			suffix = int(year[len(y)] - 'a')
		}
	}
	var match []*bib.Entry
	for _, e := range list {
		if e.Year() == want {
			match = append(match, e)
		}
	}
	switch {
	case len(match) == 0:
		return ""
	case suffix >= 0 && suffix < len(match):
		return match[suffix].ID
	case suffix >= 0:
		return ""
	}
	return match[0].ID
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
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
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
