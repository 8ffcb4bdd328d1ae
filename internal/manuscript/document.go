package manuscript

import (
	"sort"
	"strings"
)

// Span is a byte range [Start, End) of a Document's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether offset off lies in the span.
func (s Span) Contains(off int) bool { return s.Start <= off && off < s.End }

// Document is a manuscript read by Parse. Every offset is a byte offset
// into Text; every list is sorted by offset and its spans do not overlap.
type Document struct {
	// Name is how positions print the manuscript (a file name, "<stdin>").
	Name string
	// Text is the manuscript as given.
	Text string
	// Format is the markup Text was read as.
	Format Format

	// Regions are the spans that are not prose: front matter, code, maths,
	// comments, markup. Markers are prose, wherever they stand.
	Regions []Region
	// Markers are the citation markers, in order. A narrative author–date
	// marker ("Smith (2012)") that Options.KeepNarrative refused is not
	// among them.
	Markers []Marker
	// Quotes are the outermost quotations in prose paragraphs.
	Quotes []Quote
	// Paragraphs are the blocks of prose, headings included.
	Paragraphs []Paragraph
	// Sentences are the sentences of the body's prose paragraphs (not of
	// headings or of the reference list).
	Sentences []Sentence
	// Headings are the section titles the markup declares (Markdown "#",
	// LaTeX \section, HTML <h1>) or, in plain text, short title-like lines.
	Headings []Heading
	// References is the manuscript's own reference list, or nil.
	References *ReferenceList
	// Nocite are the requests to list references without citing them:
	// YAML front matter "nocite", LaTeX \nocite{…}.
	Nocite []Nocite
	// Placeholders mark where a generated bibliography goes: a pandoc
	// "::: {#refs}" div, <div id="refs">, a line holding only
	// "{{bibliography}}", LaTeX \printbibliography or \bibliography{…}.
	Placeholders []Placeholder
	// Footnotes are the Markdown footnote definitions ("[^1]: …").
	Footnotes []Footnote

	prose string // Text with every non-prose byte a space; see Prose
	lines lineIndex
}

// RegionKind says what a non-prose region holds.
type RegionKind int

// The kinds of non-prose region.
const (
	FrontMatter RegionKind = iota // YAML front matter; a LaTeX preamble
	Code                          // code blocks and spans, verbatim, listings
	Math                          // inline and display maths, maths environments
	Comment                       // LaTeX % comments, HTML comments
	Markup                        // commands, tags, attributes, URLs, labels, tables
)

// String returns the kind's name.
func (k RegionKind) String() string {
	return [...]string{"front-matter", "code", "math", "comment", "markup"}[k]
}

// Region is a span that is not prose.
type Region struct {
	Span
	Kind RegionKind
}

// Quote is a quotation: the span includes its quotation marks (or the
// \enquote command and its braces). An unclosed quotation runs to the end
// of its paragraph.
type Quote struct {
	Span
	Closed bool
	// Words counts the runs of letters inside.
	Words int
	// Paragraph indexes Document.Paragraphs.
	Paragraph int
	// Markers index Document.Markers: the markers that cite the quotation,
	// at its end ("…peoples [2].»", "…southward” [1].") or, when none is
	// there, earlier in its sentence ("Smith (2012, p. 14) wrote “…”").
	Markers []int
}

// Paragraph is a block of prose or a heading.
type Paragraph struct {
	Span
	Heading bool
	// References marks a paragraph of the manuscript's reference list.
	References bool
	// Note marks a footnote definition.
	Note bool
}

// Sentence is a sentence of a body paragraph.
type Sentence struct {
	Span
	// Paragraph indexes Document.Paragraphs.
	Paragraph int
}

// Heading is a section title. Span covers its markup ("## Method",
// "\section*{Method}"); Title is its text.
type Heading struct {
	Span
	Level int
	Title string
}

// ReferenceList is the manuscript's own list of references: a
// thebibliography environment, or the entries under a heading such as
// "References", "Bibliography" or "Список литературы".
type ReferenceList struct {
	// Span covers the list, its heading included.
	Span
	// Heading is the title of the list, "" for thebibliography without a
	// heading.
	Heading string
	// Numbered reports whether the entries are numbered ("1.", "[1]",
	// \bibitem).
	Numbered bool
	// Entries are the list's entries in order.
	Entries []ReferenceEntry
}

// ReferenceEntry is one entry of a reference list.
type ReferenceEntry struct {
	// Span covers the whole entry, its number or \bibitem included.
	Span
	// Number is the entry's number as written ("3." is 3) or, for a
	// \bibitem without a label, its place; 0 when unnumbered.
	Number int
	// Key is the \bibitem key; Label its optional [label].
	Key, Label string
	// Text is the entry's prose, markup removed and spaces collapsed.
	Text string
}

// Nocite is a request to list references without citing them in the
// text. All is set for "*" ("\nocite{*}", "nocite: '@*'").
type Nocite struct {
	Span
	Keys []string
	All  bool
}

// PlaceholderKind says how a bibliography placeholder is written.
type PlaceholderKind int

// The kinds of bibliography placeholder.
const (
	PandocDiv    PlaceholderKind = iota // ::: {#refs} … :::
	HTMLDiv                             // <div id="refs"> … </div>
	TemplateTag                         // a line holding only {{bibliography}}
	LaTeXCommand                        // \printbibliography, \bibliography{…}
)

// Placeholder marks where a generated bibliography goes. Span covers the
// placeholder's whole text (the div with its content, the line).
type Placeholder struct {
	Span
	Kind PlaceholderKind
}

// Footnote is a Markdown footnote definition "[^label]: text".
type Footnote struct {
	// Span covers the whole definition; Body its text.
	Span
	Label string
	Body  Span
}

// Options tunes Parse.
type Options struct {
	// KeepNarrative decides whether a narrative author–date marker
	// ("Smith (2012)", "Smith's (2012)") is a citation. Such markers are
	// often prose ("Minister (1994)"), so a caller that can resolve them
	// against a library keeps only those that resolve. Nil keeps them all.
	KeepNarrative func(*Marker) bool
}

// Prose returns Text with every byte outside prose (the Regions, markup
// delimiters such as braces and tildes) replaced by a space; line breaks
// are kept, and quotation delimiters that are not quotation marks (“,
// <<, \enquote{) are written as the bytes 0x01 (open) and 0x02 (close).
// It has Text's length, so its offsets are Text's.
func (d *Document) Prose() string { return d.prose }

// Position returns the 1-based line and column (in characters) of byte
// offset off. It costs O(log lines) and a bounded scan, whatever the
// length of the line.
func (d *Document) Position(off int) (line, column int) {
	return d.lines.position(d.Text, off)
}

// Line returns the 1-based line of byte offset off.
func (d *Document) Line(off int) int { return d.lines.line(off) }

// LineCount returns the number of lines of Text.
func (d *Document) LineCount() int { return len(d.lines.starts) }

// LineSpan returns the span of line n (1-based) without its line break.
func (d *Document) LineSpan(n int) Span {
	s := d.lines.starts[n-1]
	e := len(d.Text)
	if n < len(d.lines.starts) {
		e = d.lines.starts[n] - 1
	}
	if e > s && d.Text[e-1] == '\r' {
		e--
	}
	return Span{s, e}
}

// InReferences reports whether off lies in the manuscript's reference
// list.
func (d *Document) InReferences(off int) bool {
	return d.References != nil && d.References.Contains(off)
}

// MarkersIn returns the indexes of the markers that start in [s, e).
func (d *Document) MarkersIn(s, e int) []int {
	var out []int
	for k := d.MarkerAt(s); k < len(d.Markers) && d.Markers[k].Start < e; k++ {
		out = append(out, k)
	}
	return out
}

// MarkerAt returns the index of the first marker that starts at or after
// off (len(Markers) when none does).
func (d *Document) MarkerAt(off int) int {
	return sort.Search(len(d.Markers), func(i int) bool { return d.Markers[i].Start >= off })
}

// SentencesIn returns the indexes of the sentences that overlap [s, e).
func (d *Document) SentencesIn(s, e int) []int {
	var out []int
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > s })
	for ; i < len(d.Sentences) && d.Sentences[i].Start < e; i++ {
		out = append(out, i)
	}
	return out
}

// ParagraphsIn returns the indexes of the paragraphs that overlap [s, e).
func (d *Document) ParagraphsIn(s, e int) []int {
	var out []int
	i := sort.Search(len(d.Paragraphs), func(i int) bool { return d.Paragraphs[i].End > s })
	for ; i < len(d.Paragraphs) && d.Paragraphs[i].Start < e; i++ {
		out = append(out, i)
	}
	return out
}

// QuotesIn returns the indexes of the quotations that overlap [s, e).
func (d *Document) QuotesIn(s, e int) []int {
	var out []int
	i := sort.Search(len(d.Quotes), func(i int) bool { return d.Quotes[i].End > s })
	for ; i < len(d.Quotes) && d.Quotes[i].Start < e; i++ {
		out = append(out, i)
	}
	return out
}

// ProseText returns the prose of [s, e) as a reader sees it: markup
// removed, quotation delimiters written as quotation marks, white space
// collapsed.
func (d *Document) ProseText(s, e int) string {
	p := quoteMarks.Replace(d.prose[s:e])
	return strings.Join(strings.Fields(p), " ")
}

// quoteMarks turns the quotation marks prose keeps as \x01 and \x02
// back into “ and ”; built once, since building a Replacer costs more
// than most of its uses.
var quoteMarks = strings.NewReplacer("\x01", "“", "\x02", "”")

// Parse reads text, named name, as a manuscript in format f.
func Parse(name, text string, f Format, opts Options) *Document {
	d := &Document{Name: name, Text: text, Format: f, lines: newLineIndex(text)}
	s := newScan(d, opts)
	switch f {
	case Markdown:
		s.markdown()
	case LaTeX:
		s.latex()
	case HTML:
		s.html()
	default:
		s.plain()
	}
	s.finish()
	return d
}

// lineIndex finds lines and columns: starts holds the offset of each
// line's start, and runes the number of characters before every
// checkpoint-th byte, so that a column costs at most checkpoint steps.
type lineIndex struct {
	starts []int
	runes  []int
}

const checkpoint = 256

func newLineIndex(text string) lineIndex {
	li := lineIndex{starts: []int{0}, runes: make([]int, 0, len(text)/checkpoint+1)}
	n := 0
	for i := 0; i < len(text); i++ {
		if i%checkpoint == 0 {
			li.runes = append(li.runes, n)
		}
		c := text[i]
		if c&0xC0 != 0x80 {
			n++
		}
		if c == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	li.runes = append(li.runes, n)
	return li
}

// runeIndex returns the number of characters in text[:off].
func (li lineIndex) runeIndex(text string, off int) int {
	k := off / checkpoint
	if k >= len(li.runes) {
		k = len(li.runes) - 1
	}
	n := li.runes[k]
	for i := k * checkpoint; i < off && i < len(text); i++ {
		if text[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

func (li lineIndex) line(off int) int {
	return sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off })
}

func (li lineIndex) position(text string, off int) (int, int) {
	if off < 0 {
		off = 0
	}
	if off > len(text) {
		off = len(text)
	}
	l := li.line(off)
	return l, li.runeIndex(text, off) - li.runeIndex(text, li.starts[l-1]) + 1
}
