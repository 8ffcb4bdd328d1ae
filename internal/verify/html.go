package verify

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cite-project/cite/internal/bib"
)

//go:embed page.html.tmpl
var pageSource string

// page is parsed on first use: parsing it costs every command a
// millisecond at start-up.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(pageSource))
})

// WriteHTML writes r as one self-contained HTML page: the manuscript with
// its markers, claims and problems highlighted, each linked to its
// reference (formatted by Options.FormatReference) and to the findings;
// then the findings, the claims and the references. All text, the
// manuscript's and the library's, is escaped by html/template; the page
// loads nothing and runs no script.
func (r *Result) WriteHTML(w io.Writer) error {
	return page().Execute(w, r.view())
}

// The view model of the page; the template reads only these.
type (
	htmlPage struct {
		Title      string
		Summary    string
		Manuscript bool
		Docs       []htmlDoc
		Findings   []htmlFinding
		Claims     []htmlClaim
		Refs       []htmlRef
	}
	htmlDoc struct {
		Name     string
		Coverage []htmlCoverage
		Lines    []htmlLine
	}
	htmlLine struct {
		N    int
		ID   string
		Back bool // the reference list
		Segs []htmlSeg
	}
	htmlSeg struct {
		ID, Text, Class, Href, Title string
		Flags                        []htmlFlag
	}
	htmlFlag struct {
		N           int
		Code, Title string
	}
	htmlFinding struct {
		N                      int
		Code, Message, Excerpt string
		Where                  string
		Line                   int
		LineHref               string
		Claim, ClaimHref       string
		Ref, RefHref           string
	}
	htmlClaim struct {
		N                                    int
		ID, Kind, Statement, Excerpt, Status string
		Note                                 string
		Found                                bool
		Line                                 int
		LineHref                             string
		Sources                              []htmlSource
		Problems                             []htmlFlag
	}
	htmlSource struct {
		Ref, Href, Formatted, Locator, Label, Support string
	}
	htmlRef struct {
		N             int
		ID, Formatted string
		CitedAt       []htmlLink
		Claims        []htmlLink
		Problems      []htmlFlag
	}
	htmlLink     struct{ Text, Href string }
	htmlCoverage struct {
		Line               int
		Href               string
		Markers, Checkable int
		Words              int
	}
)

// lineID returns the anchor of line n of manuscript di: "L12" when there
// is one manuscript, "L2-12" when there are several.
func (r *Result) lineID(di, n int) string {
	if len(r.docs) <= 1 {
		return fmt.Sprintf("L%d", n)
	}
	return fmt.Sprintf("L%d-%d", di+1, n)
}

func (r *Result) view() htmlPage {
	p := htmlPage{Title: "cite verify", Summary: r.Summary(), Manuscript: len(r.docs) > 0}
	if len(r.docs) > 0 {
		p.Title = "cite verify: " + r.names()
	}
	claimN := map[string]int{}
	for i, c := range r.Claims {
		if _, dup := claimN[c.ID]; !dup {
			claimN[c.ID] = i + 1
		}
	}
	// The flags of each claim (the findings about it) and of each
	// reference (those about it and no claim), in the order of the
	// findings, gathered in one pass: a library of 100,000 has as many
	// cards and nearly as many findings.
	claimFlags, refFlags := map[string][]htmlFlag{}, map[string][]htmlFlag{}
	for i, f := range r.Findings {
		fl := htmlFlag{N: i + 1, Code: f.Code, Title: f.Code + ": " + f.Message}
		claimFlags[f.Claim] = append(claimFlags[f.Claim], fl)
		if f.Claim == "" {
			refFlags[f.Ref] = append(refFlags[f.Ref], fl)
		}
	}
	for i, f := range r.Findings {
		hf := htmlFinding{N: i + 1, Code: f.Code, Message: f.Message, Excerpt: f.Excerpt, Where: f.Pos.String(), Claim: f.Claim, Ref: f.Ref}
		if f.inManuscript() {
			hf.Line, hf.LineHref = f.Line, "#"+r.lineID(f.doc, f.Line)
			hf.Where = fmt.Sprintf("line %d", f.Line)
			if len(r.docs) > 1 {
				hf.Where = f.Pos.String()
			}
		}
		if n := claimN[f.Claim]; n > 0 {
			hf.ClaimHref = fmt.Sprintf("#claim-%d", n)
		}
		if n := r.num(f.Ref); n > 0 {
			hf.RefHref = fmt.Sprintf("#ref-%d", n)
		}
		p.Findings = append(p.Findings, hf)
	}
	for i, c := range r.Claims {
		lc := r.claimList[i]
		hc := htmlClaim{N: i + 1, ID: c.ID, Kind: c.Kind, Statement: lc.Statement, Excerpt: c.Excerpt,
			Status: lc.Status, Note: lc.Note, Found: c.Found, Line: c.Line}
		if c.Found {
			hc.LineHref = "#" + r.lineID(r.spans[i].doc, c.Line)
		}
		for _, s := range c.Sources {
			hs := htmlSource{Ref: s.Ref, Locator: s.Locator, Label: labelOr(s.Label), Support: s.Support}
			if e, ok := r.resolve(s.Ref); ok {
				hs.Href = fmt.Sprintf("#ref-%d", r.num(e.ID))
				hs.Formatted = r.format(e)
			}
			hc.Sources = append(hc.Sources, hs)
		}
		hc.Problems = claimFlags[c.ID]
		p.Claims = append(p.Claims, hc)
	}
	type at struct{ doc, line int }
	cited := map[string][]at{}
	for _, m := range r.Markers {
		for _, id := range m.Refs {
			if l := cited[id]; len(l) == 0 || l[len(l)-1] != (at{m.doc, m.Line}) {
				cited[id] = append(l, at{m.doc, m.Line})
			}
		}
	}
	// the claims that name each ref as a source, in library order, each
	// once
	backs := map[string][]htmlLink{}
	for ci, c := range r.claimList {
		for si, s := range c.Sources {
			if !slices.ContainsFunc(c.Sources[:si], func(t bib.Source) bool { return t.Ref == s.Ref }) {
				backs[s.Ref] = append(backs[s.Ref], htmlLink{Text: c.ID, Href: fmt.Sprintf("#claim-%d", ci+1)})
			}
		}
	}
	for i, e := range r.lib.Entries {
		hr := htmlRef{N: i + 1, ID: e.ID, Formatted: r.format(e)}
		for _, a := range cited[e.ID] {
			text := fmt.Sprintf("line %d", a.line)
			if len(r.docs) > 1 {
				text = fmt.Sprintf("%s:%d", r.docs[a.doc].ms.Name, a.line)
			}
			hr.CitedAt = append(hr.CitedAt, htmlLink{Text: text, Href: "#" + r.lineID(a.doc, a.line)})
		}
		hr.Claims = backs[e.ID]
		hr.Problems = refFlags[e.ID]
		p.Refs = append(p.Refs, hr)
	}
	for di, dc := range r.docs {
		hd := htmlDoc{Name: dc.ms.Name, Lines: r.lines(di, claimN)}
		for _, c := range r.Coverage(di) {
			if c.Markers == 0 && c.Checkable > 0 {
				hd.Coverage = append(hd.Coverage, htmlCoverage{Line: c.Line, Href: "#" + r.lineID(di, c.Line), Checkable: c.Checkable, Words: c.Words})
			}
		}
		p.Docs = append(p.Docs, hd)
	}
	return p
}

// format formats e with Options.FormatReference, or as a plain summary.
func (r *Result) format(e *bib.Entry) string {
	if r.opts.FormatReference != nil {
		if s := r.opts.FormatReference(e); s != "" {
			return s
		}
	}
	return PlainReference(e)
}

// PlainReference returns a plain "Authors. Title. Year." account of e, the
// fallback when no reference formatter is given.
func PlainReference(e *bib.Entry) string {
	var names []string
	for _, n := range e.Names("author") {
		names = append(names, n.String())
	}
	if len(names) == 0 {
		for _, n := range e.Names("editor") {
			names = append(names, n.String()+" (ed.)")
		}
	}
	title := e.Get("title")
	if title == "" {
		title = e.Get("container-title")
	}
	var parts []string
	if len(names) > 0 {
		parts = append(parts, strings.Join(names, "; "))
	}
	if title != "" {
		parts = append(parts, title)
	}
	if y := e.Year(); y != 0 {
		parts = append(parts, fmt.Sprint(y))
	} else {
		parts = append(parts, "n.d.")
	}
	for i, s := range parts {
		parts[i] = strings.TrimRight(s, ".") + "."
	}
	return strings.Join(parts, " ")
}

// annotation is a highlighted span of the manuscript.
type annotation struct {
	start, end int
	class      string
	href       string
	title      string
	rank       int // the link of the highest rank wins: cite > claim > finding
	flag       *htmlFlag
	id         string // an anchor on the first segment
}

// lines cuts manuscript di into lines of segments, each with the
// classes, link and title of the annotations that cover it, and the
// findings' flags after the segment where each ends.
func (r *Result) lines(di int, claimN map[string]int) []htmlLine {
	dc := r.docs[di]
	d := dc.d
	var anns []annotation
	for k := 0; k < dc.count; k++ {
		m := *r.marker(dc, k)
		class := "marker"
		if !m.Resolved {
			class += " unresolved"
		}
		anns = append(anns, annotation{start: m.Start, end: m.End, class: class, title: markerTitle(r, m), id: fmt.Sprintf("m-%d", dc.first+k+1)})
		for _, c := range m.Cites {
			if n := r.num(c.Ref); n > 0 {
				anns = append(anns, annotation{start: c.Start, end: c.End, class: "cite", href: fmt.Sprintf("#ref-%d", n), rank: 3})
			}
		}
	}
	for i, sp := range r.spans {
		if sp.found && sp.doc == di {
			anns = append(anns, annotation{start: sp.start, end: sp.end, class: "claim",
				href: fmt.Sprintf("#claim-%d", i+1), title: "claim " + r.Claims[i].ID + ": " + r.claimList[i].Statement, rank: 2})
		}
	}
	for i, f := range r.Findings {
		if f.inManuscript() && f.doc == di {
			fl := &htmlFlag{N: i + 1, Code: f.Code, Title: f.Code + ": " + f.Message}
			anns = append(anns, annotation{start: f.Start, end: f.End, class: "problem " + f.Code,
				href: fmt.Sprintf("#f-%d", i+1), title: fl.Title, rank: 1, flag: fl})
		}
	}
	sort.SliceStable(anns, func(i, j int) bool { return anns[i].start < anns[j].start })
	var (
		out    []htmlLine
		active []annotation // annotations that may reach into the current line
		next   int          // anns[next:] start after the lines seen so far
	)
	for n := 1; n <= d.LineCount(); n++ {
		sp := d.LineSpan(n)
		ls, le := sp.Start, sp.End
		kept := active[:0]
		for _, a := range active {
			if a.end >= ls {
				kept = append(kept, a)
			}
		}
		active = kept
		for next < len(anns) && anns[next].start <= le {
			active = append(active, anns[next])
			next++
		}
		out = append(out, htmlLine{N: n, ID: r.lineID(di, n), Back: d.InReferences(ls), Segs: segments(d.Text, ls, le, active)})
	}
	return out
}

// segments cuts text[ls:le] at every annotation boundary.
func segments(text string, ls, le int, anns []annotation) []htmlSeg {
	cuts := []int{ls, le}
	var here []annotation
	for _, a := range anns {
		if a.start < le && a.end > ls || a.end == le && a.flag != nil && a.start <= le {
			here = append(here, a)
			cuts = append(cuts, max(ls, a.start), min(le, a.end))
		}
	}
	sort.Ints(cuts)
	var segs []htmlSeg
	for i := 0; i+1 < len(cuts); i++ {
		s, e := cuts[i], cuts[i+1]
		if s == e {
			continue
		}
		seg := htmlSeg{Text: text[s:e]}
		rank := 0
		var classes, titles []string
		for _, a := range here {
			if a.start <= s && e <= a.end {
				classes = append(classes, a.class)
				if a.title != "" {
					titles = append(titles, a.title)
				}
				if a.href != "" && a.rank > rank {
					seg.Href, rank = a.href, a.rank
				}
			}
			if a.id != "" && a.start == s && seg.ID == "" {
				seg.ID = a.id
			}
			if a.flag != nil && a.end == e {
				seg.Flags = append(seg.Flags, *a.flag)
			}
		}
		sort.Slice(seg.Flags, func(i, j int) bool { return seg.Flags[i].N < seg.Flags[j].N })
		seg.Class = strings.Join(classes, " ")
		seg.Title = strings.Join(titles, "\n")
		segs = append(segs, seg)
	}
	return segs
}

// markerTitle says what a marker cites, for its tooltip.
func markerTitle(r *Result, m Marker) string {
	var parts []string
	for _, c := range m.Cites {
		s := c.Key
		if c.Ref != "" {
			s = r.label(c.Ref)
		} else {
			s += " (not in the library)"
		}
		if c.Locator != "" {
			s += ", " + c.Label + " " + c.Locator
		}
		parts = append(parts, s)
	}
	return m.Form + " marker: " + strings.Join(parts, "; ")
}
