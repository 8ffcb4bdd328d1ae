package verify

import (
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
