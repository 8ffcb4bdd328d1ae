package manuscript

import (
	"sort"
	"strings"
)

// scan is the state of Parse: the format scanners fill in the prose mask,
// the regions and what the markup declares; finish derives the rest.
type scan struct {
	d    *Document
	text string
	mask []byte
	opts Options

	regions      []Region
	breaks       []int // offsets where a paragraph ends and another begins
	headings     []Heading
	markers      []Marker // markers the format scanner found itself
	quotes       []Quote  // block quotations the markup declares
	refList      *ReferenceList
	nocite       []Nocite
	placeholders []Placeholder
	footnotes    []Footnote
	forms        forms
	// items are where list items start (LaTeX \item and \bibitem, HTML
	// <li> and <p>), for cutting a reference list into entries.
	items []int
	// listFrom is where a reference list's entries start, after its
	// heading line, when that heading is not a Heading.
	listFrom int
	// guessHeadings makes short title-like lines headings (plain text).
	guessHeadings bool
	// listAfterColon joins a bulleted list to the paragraph whose last
	// line ends with a colon (plain text, Markdown).
	listAfterColon bool
}

func newScan(d *Document, opts Options) *scan {
	return &scan{d: d, text: d.Text, mask: []byte(d.Text), opts: opts}
}

// blank marks text[from:to] as not prose: the mask gets spaces there,
// line breaks kept.
func (s *scan) blank(from, to int, kind RegionKind) {
	if from < 0 {
		from = 0
	}
	if to > len(s.mask) {
		to = len(s.mask)
	}
	if from >= to {
		return
	}
	for i := from; i < to; i++ {
		if s.mask[i] != '\n' {
			s.mask[i] = ' '
		}
	}
	if n := len(s.regions); n > 0 && s.regions[n-1].Kind == kind && s.regions[n-1].End >= from && s.regions[n-1].Start <= from {
		s.regions[n-1].End = max(s.regions[n-1].End, to)
		return
	}
	s.regions = append(s.regions, Region{Span{from, to}, kind})
}

// hide blanks text[from:to] in the mask without recording a region: a
// markup delimiter inside prose (a brace, a tilde).
func (s *scan) hide(from, to int) {
	for i := from; i < to && i < len(s.mask); i++ {
		if s.mask[i] != '\n' {
			s.mask[i] = ' '
		}
	}
}

// trimMask returns [a, b) without the mask's white space at either end.
func (s *scan) trimMask(a, b int) (int, int) {
	for a < b && isSpaceByte(s.mask[a]) {
		a++
	}
	for b > a && isSpaceByte(s.mask[b-1]) {
		b--
	}
	return a, b
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// cut ends a paragraph at off.
func (s *scan) cut(off int) { s.breaks = append(s.breaks, off) }

// finish derives paragraphs, the reference list, markers, quotations and
// sentences from what the format scanner found, and fills in the Document.
func (s *scan) finish() {
	d := s.d
	s.normaliseRegions()
	d.prose = string(s.mask)
	sort.Slice(s.headings, func(i, j int) bool { return s.headings[i].Start < s.headings[j].Start })
	s.paragraphs()
	if s.guessHeadings {
		s.guessTitleLines()
	}
	d.Headings = s.headings
	if s.refList == nil {
		s.findReferenceList()
	}
	d.References = s.refList
	if rl := d.References; rl != nil {
		for i := range d.Paragraphs {
			p := &d.Paragraphs[i]
			if rl.Start <= p.Start && p.End <= rl.End {
				p.References = true
			}
		}
		if len(rl.Entries) == 0 {
			s.referenceEntries()
		}
		for i := range rl.Entries {
			if rl.Entries[i].Text == "" {
				s.entryText(&rl.Entries[i])
			}
		}
	}
	s.findMarkers()
	s.findQuotes()
	for i, p := range d.Paragraphs {
		if p.Heading || p.References {
			continue
		}
		s.sentences(i)
	}
	for i := range d.Quotes {
		s.attach(&d.Quotes[i])
	}
	s.normaliseRegions() // crossref labels were blanked
	d.Regions = s.regions
	d.Nocite = s.nocite
	d.Placeholders = s.placeholders
	d.Footnotes = s.footnotes
	if d.Markers == nil {
		d.Markers = []Marker{}
	}
}

// normaliseRegions sorts the regions and merges overlapping ones.
func (s *scan) normaliseRegions() {
	rs := s.regions
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Start < rs[j].Start })
	out := rs[:0]
	for _, r := range rs {
		if n := len(out); n > 0 && r.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, r.End)
			continue
		}
		if n := len(out); n > 0 && r.Start == out[n-1].End && r.Kind == out[n-1].Kind {
			out[n-1].End = r.End
			continue
		}
		out = append(out, r)
	}
	s.regions = out
}

// findMarkers runs the generic marker scan over the prose outside the
// reference list, merges the format scanner's markers, drops the
// narrative markers the caller refuses, and sets each marker's text and
// position.
func (s *scan) findMarkers() {
	d := s.d
	sort.Slice(s.markers, func(i, j int) bool { return s.markers[i].Start < s.markers[j].Start })
	found := make([]Marker, 0, markerCandidates(d.prose, s.forms))
	crossref := func(a, b int) { s.blank(a, b, Markup) }
	prose := d.prose
	if rl := d.References; rl != nil {
		found = markerScan(prose, 0, rl.Start, s.forms, s.markers, found, crossref)
		found = markerScan(prose, rl.End, len(prose), s.forms, s.markers, found, crossref)
	} else {
		found = markerScan(prose, 0, len(prose), s.forms, s.markers, found, crossref)
	}
	all := found
	if len(s.markers) > 0 {
		all = mergeMarkers(found, s.markers)
	}
	out := all[:0]
	end := 0
	for _, m := range all {
		if m.Start < end {
			continue
		}
		if m.Form == AuthorDateMarker && m.Narrative && s.opts.KeepNarrative != nil && !s.opts.KeepNarrative(&m) {
			continue
		}
		m.Text = d.Text[m.Start:m.End]
		m.Line, m.Column = d.Position(m.Start)
		out = append(out, m)
		end = m.End
	}
	d.Markers = out
	d.prose = string(s.mask) // crossref labels were blanked
}

// refHeading is a heading that opens a reference list.
var refHeadingWords = []string{
	"references", "reference list", "bibliography", "works cited", "literature cited", "literature",
	"cited literature", "sources", "notes", "list of references", "references and notes", "sources and literature",
	"список литературы", "список использованной литературы", "список использованных источников",
	"список источников", "список источников и литературы", "литература", "источники", "библиография",
	"библиографический список", "использованная литература", "использованные источники",
	"источники и литература", "список цитированной литературы", "цитированная литература",
	"пайдаланылған әдебиеттер", "пайдаланылған әдебиеттер тізімі", "әдебиеттер", "әдебиеттер тізімі",
	"literaturverzeichnis", "bibliographie", "références", "bibliografía", "referencias",
}

// isRefHeading reports whether a heading's title names a reference list:
// "References", "5. Bibliography", "Список литературы:".
func isRefHeading(title string) bool {
	t := strings.ToLower(strings.Join(strings.Fields(title), " "))
	t = strings.TrimLeft(t, "0123456789.) ")
	t = strings.TrimRight(t, ": .")
	t = strings.ReplaceAll(t, "ё", "е")
	for _, w := range refHeadingWords {
		if t == w {
			return true
		}
	}
	return false
}

// markerCandidates estimates how many markers the generic scan may find:
// the bytes that can open one, at most one per 16 bytes of text.
func markerCandidates(prose string, f forms) int {
	n := 0
	for i := 0; i < len(prose); i++ {
		switch prose[i] {
		case '[', '(', '@', '\\':
			n++
		}
	}
	return min(n, len(prose)/16+1)
}

// mergeMarkers merges two lists of markers sorted by start.
func mergeMarkers(a, b []Marker) []Marker {
	out := make([]Marker, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].Start < a[0].Start {
			out = append(out, b[0])
			b = b[1:]
		} else {
			out = append(out, a[0])
			a = a[1:]
		}
	}
	return append(append(out, a...), b...)
}
