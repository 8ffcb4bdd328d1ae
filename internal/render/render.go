// Package render turns a manuscript's citation markers into formatted
// citations and adds its bibliography: it reads a manuscript.Document
// (the one manuscript model that verify reads too), resolves each cite
// against a library, renders every citation of the document in one run
// of the CSL engine (through cite.Formatter.Process: numbering by first
// citation, disambiguation across the document, positions for note
// styles), and writes the document back with only the marker spans, the
// manuscript's own reference list and the bibliography placeholder
// replaced. Every other byte is copied unchanged, unless the output is
// HTML made from text or Markdown, which is converted as a whole.
//
// The package does no I/O.
package render

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/manuscript/resolve"
)

// CodeUnresolved is the code of a marker that names a work the library
// lacks; the marker is left as written.
const CodeUnresolved = "unresolved-marker"

// CodeUnknownNocite is the code of a nocite key the library lacks.
const CodeUnknownNocite = "unknown-nocite"

// Problem is something the author must fix, at a place in the manuscript.
type Problem struct {
	File         string
	Line, Column int
	Code         string
	Message      string
}

// String returns "file:line:col: code: message".
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", p.File, p.Line, p.Column, p.Code, p.Message)
}

// Options configures Render.
type Options struct {
	// To is the output format: output.Text, output.Markdown or
	// output.HTML. It must be the Formatter's format. Zero means the
	// document's own format.
	To output.Format
}

// Result is a rendered manuscript.
type Result struct {
	// Text is the whole output document.
	Text string
	// Problems lists the unresolved markers and nocite keys; each is left
	// as written.
	Problems []Problem
	// Warnings holds the engine's warnings.
	Warnings []string
	// Citations is the number of markers rendered, Entries the number of
	// bibliography entries.
	Citations, Entries int
	// Cites lists each rendered marker with its replacement, in order.
	Cites []Cite
	// Bibliography holds the entries, rendered, in the style's order.
	Bibliography []string
}

// Cite is one marker and what replaced it.
type Cite struct {
	Line, Column int
	Marker       string
	// Text is the citation (for a note style, the note's text).
	Text string
}

// OwnFormat returns the output format that keeps a document's markup.
func OwnFormat(f manuscript.Format) output.Format {
	switch f {
	case manuscript.Markdown:
		return output.Markdown
	case manuscript.HTML:
		return output.HTML
	}
	return output.Text
}

// piece replaces the span [start, end) of the source with content
// (already in the output format). A block piece is a block of its own:
// the bibliography, the notes.
type piece struct {
	start, end int
	content    string
	block      bool
}

// Render renders doc's citations and bibliography with f, whose output
// format must be opts.To. Markers whose every cite resolves are replaced;
// the others stay as written and are reported. Only an unusable
// document (LaTeX, which 'cite bbl' serves) is an error.
func Render(doc *manuscript.Document, lib *bib.Library, f *cite.Formatter, opts Options) (*Result, error) {
	if doc.Format == manuscript.LaTeX {
		return nil, fmt.Errorf("%s is LaTeX: keep its \\cite commands and run 'cite bbl' on its .aux file instead", doc.Name)
	}
	to := opts.To
	if to == "" {
		to = OwnFormat(doc.Format)
	}
	info := f.Info()
	j := &job{doc: doc, lib: lib, f: f, to: to, cites: resolve.New(lib).Cites(doc, resolve.ByOwnList),
		note: info.Class == "note", numeric: info.Numeric(), res: &Result{}}
	j.collect()
	nocite := j.nocite()
	r, err := f.Process(lib, j.cits, nocite)
	if err != nil {
		return nil, err
	}
	j.res.Warnings = r.Warnings
	j.res.Entries = len(r.Entries)
	for _, e := range r.Entries {
		j.res.Bibliography = append(j.res.Bibliography, f.Render(e))
	}
	pieces := j.citationPieces(r)
	pieces = append(pieces, j.bibliographyPieces(r)...)
	if j.note && len(j.notes) > 0 {
		pieces = append(pieces, piece{start: j.notesAt(), end: j.notesAt(), content: j.notesBlock(), block: true})
	}
	sort.SliceStable(pieces, func(a, b int) bool { return pieces[a].start < pieces[b].start })
	j.res.Text = j.assemble(pieces)
	return j.res, nil
}

// job is one Render call.
type job struct {
	doc     *manuscript.Document
	lib     *bib.Library
	f       *cite.Formatter
	to      output.Format
	cites   *resolve.Cites
	note    bool // a note style: citations go to footnotes
	numeric bool
	res     *Result

	cits    []cite.Citation
	markers []rendered
	notes   []string // note texts, filled by citationPieces
}

// rendered is a marker to replace: its citation, and for an
// author-in-text marker in an in-text style the author-only citation.
type rendered struct {
	m          *manuscript.Marker
	cit        int // index in cits
	authorOnly int // index in cits, or -1
	inNote     bool
}

// collect resolves every marker and builds the document's citations, in
// order. Author-only citations go after all the others, so that they do
// not change the positions (ibid, subsequent) of the real ones.
func (j *job) collect() {
	var authorOnly []cite.Citation
	noteIndex := 0
	for i := range j.doc.Markers {
		m := &j.doc.Markers[i]
		if m.Form == manuscript.FootnoteMarker || m.Form == manuscript.LaTeXMarker || j.inOwnList(m.Start) {
			continue
		}
		refs, ok := j.refs(m)
		if !ok {
			continue
		}
		inNote := m.Note || j.inFootnote(m.Start)
		rm := rendered{m: m, authorOnly: -1, inNote: inNote}
		c := cite.Citation{Refs: refs}
		if j.note {
			noteIndex++
			c.NoteIndex = noteIndex
		}
		if narrative(m) && !j.note {
			ao := cite.Citation{}
			for _, r := range refs {
				ao.Refs = append(ao.Refs, cite.Ref{ID: r.ID, AuthorOnly: true})
			}
			rm.authorOnly = len(authorOnly)
			authorOnly = append(authorOnly, ao)
			for k := range c.Refs {
				c.Refs[k].SuppressAuthor = true
			}
		}
		rm.cit = len(j.cits)
		j.cits = append(j.cits, c)
		j.markers = append(j.markers, rm)
	}
	base := len(j.cits)
	j.cits = append(j.cits, authorOnly...)
	for k := range j.markers {
		if j.markers[k].authorOnly >= 0 {
			j.markers[k].authorOnly += base
		}
	}
	j.res.Citations = len(j.markers)
}

// KeepNarrative returns the manuscript.Options filter that keeps a
// narrative author–date marker ("Smith (2012)") only when every cite
// resolves in lib: "Minister (1994)" is prose, not a citation (see
// resolve.Resolver.KeepNarrative).
func KeepNarrative(lib *bib.Library) func(*manuscript.Marker) bool {
	return resolve.New(lib).KeepNarrative
}

// narrative reports whether the author's name is part of the sentence.
func narrative(m *manuscript.Marker) bool {
	if !m.Narrative {
		return false
	}
	for _, c := range m.Cites {
		if !c.AuthorInText {
			return false
		}
	}
	return len(m.Cites) > 0
}

// refs resolves a marker's cites; it reports the marker as a problem and
// returns false when any cite does not resolve.
func (j *job) refs(m *manuscript.Marker) ([]cite.Ref, bool) {
	refs := make([]cite.Ref, 0, len(m.Cites))
	var missing, hints []string
	for k := range m.Cites {
		c := &m.Cites[k]
		match := j.cites.Resolve(m, c)
		e := match.Entry
		if e == nil {
			missing = append(missing, c.Key)
			if o := match.OtherYear; o != nil {
				hints = append(hints, fmt.Sprintf("the library's only work by %s, %s, is from %d", c.Author, o.ID, o.Year()))
			}
			continue
		}
		r := cite.Ref{ID: e.ID, Locator: c.Locator, Label: c.Label, Prefix: spacedPrefix(c.Prefix), Suffix: spacedSuffix(c.Suffix), SuppressAuthor: c.SuppressAuthor}
		if c.Volume != "" {
			r = j.volumeRef(r, c)
		}
		if r.Locator == "" && match.Page != "" {
			r.Locator, r.Label = match.Page, "page"
		}
		if k == 0 && m.Prefix != "" {
			r.Prefix = spacedPrefix(m.Prefix) + r.Prefix
		}
		if k == len(m.Cites)-1 && m.Suffix != "" {
			r.Suffix += spacedSuffix(m.Suffix)
		}
		refs = append(refs, r)
	}
	if len(missing) > 0 || len(refs) == 0 {
		what := "names no reference in the library"
		if len(missing) > 0 {
			what = fmt.Sprintf("%s: no reference %s in the library", m.Text, strings.Join(quote(missing), ", "))
			if j.cites.OwnList() != nil && m.Form == manuscript.NumericMarker {
				what += " (numbers refer to the manuscript's own reference list, whose entries are matched with the library by authors, year and title)"
			}
			if len(hints) > 0 {
				what += " (" + strings.Join(hints, "; ") + ")"
			}
		}
		j.res.Problems = append(j.res.Problems, Problem{File: j.doc.Name, Line: m.Line, Column: m.Column, Code: CodeUnresolved, Message: what})
		return nil, false
	}
	return refs, true
}

// volumeRef carries a volume-and-page locator ("[4, т. 2, с. 15]"): CSL
// has one locator per cite, so the volume is the locator and the page
// follows in the suffix with the label of the style's language.
func (j *job) volumeRef(r cite.Ref, c *manuscript.Cite) cite.Ref {
	page := r.Locator
	r.Label, r.Locator = "volume", c.Volume
	if page != "" {
		r.Suffix = joinAffix(", "+pageLabel(j.f.Lang())+" "+page, r.Suffix)
	}
	return r
}

// pageLabel is the short page term of a language.
func pageLabel(lang string) string {
	switch base, _, _ := strings.Cut(strings.ToLower(lang), "-"); base {
	case "ru", "uk", "be", "bg":
		return "с."
	case "kk":
		return "б."
	case "de":
		return "S."
	}
	return "p."
}

// spacedPrefix ends a cite's prefix with a space ("see " before the
// author), as pandoc does; spacedSuffix starts a suffix with one unless
// it starts with punctuation (", emphasis added").
func spacedPrefix(s string) string {
	if s == "" || strings.HasSuffix(s, " ") {
		return s
	}
	return s + " "
}

func spacedSuffix(s string) string {
	if s == "" || strings.HasPrefix(s, " ") || strings.ContainsAny(s[:1], ",.;:") {
		return s
	}
	return " " + s
}

func joinAffix(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

func quote(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

func (j *job) inOwnList(off int) bool {
	refs := j.doc.References
	return refs != nil && len(refs.Entries) > 0 && refs.Entries[0].Start <= off && off < refs.Entries[len(refs.Entries)-1].End
}

func (j *job) inFootnote(off int) bool {
	for _, fn := range j.doc.Footnotes {
		if fn.Body.Contains(off) {
			return true
		}
	}
	return false
}

// nocite returns the keys to list without citing: the front matter's
// nocite and \nocite ("*" is every entry). Unknown keys are problems.
func (j *job) nocite() []string {
	var keys []string
	for _, n := range j.doc.Nocite {
		if n.All {
			for _, e := range j.lib.Entries {
				keys = append(keys, e.ID)
			}
			continue
		}
		for _, k := range n.Keys {
			if _, ok := j.lib.Resolve(k); !ok {
				line, col := j.doc.Position(n.Start)
				j.res.Problems = append(j.res.Problems, Problem{File: j.doc.Name, Line: line, Column: col, Code: CodeUnknownNocite,
					Message: fmt.Sprintf("nocite names %q, which is not in the library", k)})
				continue
			}
			keys = append(keys, k)
		}
	}
	return keys
}

// citationPieces returns the replacement of each rendered marker.
func (j *job) citationPieces(r *cite.Rendered) []piece {
	var out []piece
	for _, rm := range j.markers {
		text := j.f.Render(r.Citations[rm.cit])
		if rm.authorOnly >= 0 {
			if a := j.f.Render(r.Citations[rm.authorOnly]); a != "" {
				text = a + " " + text
			}
		}
		if text == "" {
			continue // the style prints nothing: keep the marker
		}
		j.res.Cites = append(j.res.Cites, Cite{Line: rm.m.Line, Column: rm.m.Column, Marker: rm.m.Text, Text: text})
		if j.note && !rm.inNote {
			j.notes = append(j.notes, sentence(text))
			text = j.noteRef(len(j.notes))
		} else if !j.numeric && gluedBefore(j.doc.Text, rm.m.Start) {
			text = " " + text
		}
		out = append(out, piece{start: rm.m.Start, end: rm.m.End, content: text})
	}
	return out
}

// gluedBefore reports whether the marker at off follows a letter, a
// digit or a closing mark without a space ("Kazakhstan[4]"); an
// author–date citation then needs one.
func gluedBefore(text string, off int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:off])
	return off > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".,;:)»”’\"'", r))
}

// sentence makes a note's text a sentence: capitalised first letter and
// a final period, as note styles print notes (CSL 1.0.2, "Notes").
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		s = string(unicode.ToUpper(r)) + s[n:]
	}
	if t := strings.TrimRight(s, " "); t != "" && !strings.ContainsAny(t[len(t)-1:], ".!?") {
		s = t + "."
	}
	return s
}
