package verify

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/manuscript/resolve"
)

// The finding codes. They are part of cite verify's JSON contract: never
// rename one.
const (
	CodeUnresolvedMarker    = "unresolved-marker"
	CodeUncitedReference    = "uncited-reference"
	CodeClaimWithoutSource  = "claim-without-source"
	CodeUnknownSource       = "unknown-source"
	CodeClaimNotFound       = "claim-not-found"
	CodeMarkerMismatch      = "marker-mismatch"
	CodeQuoteWithoutLocator = "quote-without-locator"
	CodeCitationNeeded      = "citation-needed"
	CodeNumberingOrder      = "numbering-order"
	CodeIndirectSupport     = "indirect-support"
	CodeSecondarySupport    = "secondary-support"
)

// ParseSeverity reads a --min-severity value: "warning" or "error".
func ParseSeverity(s string) (bib.Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "warning", "warn", "all":
		return bib.Warning, nil
	case "error":
		return bib.Error, nil
	}
	return bib.Warning, fmt.Errorf("unknown severity %q: use warning or error", s)
}

// Code is a finding code with its severity and a one-line explanation,
// for help texts.
type Code struct {
	Code        string
	Severity    bib.Severity
	Explanation string
}

// Codes lists every finding code with its explanation.
func Codes() []Code {
	return []Code{
		{CodeUnresolvedMarker, bib.Error, "a marker names a number, key or author–year that is not in the library"},
		{CodeUncitedReference, bib.Warning, "a reference that no marker in the manuscript cites (without a manuscript: that no claim names)"},
		{CodeClaimWithoutSource, bib.Error, "a claim that is not an evaluation has no source"},
		{CodeUnknownSource, bib.Error, "a claim's source names a reference id that is not in the library"},
		{CodeClaimNotFound, bib.Error, "a claim's excerpt is not in the manuscript; the message suggests the closest passage"},
		{CodeMarkerMismatch, bib.Error, "no marker for a claim's source stands in the claim's sentence or paragraph"},
		{CodeQuoteWithoutLocator, bib.Error, "a quotation's marker gives no page or paragraph"},
		{CodeCitationNeeded, bib.Error, "a quotation, or a sentence stating figures or dates, with no citation marker"},
		{CodeCitationSuggested, bib.Warning, "a sentence that reads as a claim wanting a source (an attribution, an appeal to consensus, a superlative, a quantity in words) with no citation marker"},
		{CodeListMismatch, bib.Error, "an entry of the manuscript's own reference list is not the library's record of its number (or of its \\bibitem key): the text cites the wrong works"},
		{CodeListUnmatched, bib.Warning, "an entry of the manuscript's own reference list matches no reference of the library"},
		{CodeYearMismatch, bib.Error, "a marker's or a list entry's year differs from its record's ([@hanks2012] for a 2009 work)"},
		{CodeDuplicateSource, bib.Warning, "two entries of the manuscript's own reference list are one work"},
		{CodeIndirectSupport, bib.Warning, "a claim whose every source supports it only indirectly (support = \"indirect\")"},
		{CodeSecondarySupport, bib.Warning, "a claim whose every source only reports another source (support = \"secondary\"): cite the original"},
		{CodeNumberingOrder, bib.Error, "a numeric marker is first cited before a lower number: number references by first citation"},
	}
}

// severityOf returns the severity of a finding code.
func severityOf(code string) bib.Severity {
	if s, ok := severities[code]; ok {
		return s
	}
	return bib.Error
}

// severities maps each code to its severity.
var severities = func() map[string]bib.Severity {
	m := map[string]bib.Severity{}
	for _, c := range Codes() {
		m[c.Code] = c.Severity
	}
	return m
}()

// Manuscript is a text to verify. Name is how positions print it; Format
// is its markup (see manuscript.Detect).
type Manuscript struct {
	Name   string
	Text   string
	Format manuscript.Format
}

// Options tunes Run.
type Options struct {
	// FormatReference formats an entry for the HTML page (an APA or GOST
	// bibliography entry, say). When nil, a plain "Author. Title. Year."
	// summary is used.
	FormatReference func(*bib.Entry) string
	// MinSeverity drops the findings below it.
	MinSeverity bib.Severity
}

// Result is the outcome of Run. Its JSON form is cite verify's contract:
// {"markers": [...], "claims": [...], "findings": [...]}.
type Result struct {
	Markers  []Marker      `json:"markers"`
	Claims   []ClaimResult `json:"claims"`
	Findings []Finding     `json:"findings"`

	lib       *bib.Library
	claimList []*bib.Claim // lib.Claims without nil ones; r.Claims[i] is claimList[i]
	docs      []*doc
	opts      Options
	spans     []claimSpan // where each found claim is, by index of Claims
	// sources indexes the claims' sources, resolved once scanned is set
	// (see scanLibrary).
	sources map[string]*sourceRef
	scanned bool
	// uncitedFindings are uncited's findings until finish merges them.
	uncitedFindings []Finding
	titles          map[string]bool
	res             *resolve.Resolver
	ids             *idIndex // for suggestions, built on the first unknown key
}

// doc is one manuscript and what Run made of it.
type doc struct {
	ms *Manuscript
	d  *manuscript.Document
	// first is the index in Result.Markers of the document's first
	// marker; markers[k] of the document is Result.Markers[first+k].
	first, count int
	norm         *normText
	idx          *trigramIndex
	// checkable counts, per paragraph, the statements that want a source.
	checkable []int
	// hints caches paragraphHint by paragraph.
	hints map[int]string
	// claimSpans indexes Result.spans: the claims found in this
	// manuscript, by start; maxClaimLen is the longest one's length.
	claimSpans  []int
	maxClaimLen int
	// own and noClaim say, per heading, whether its section is the
	// author's own work or states no claims (see sectionKinds).
	own, noClaim []bool
	// named caches, per sentence index, whether the sentence names its
	// source (namedSource), so that a long sentence with many quotations
	// is searched once, not once per quotation.
	named map[int]bool
}

// marker returns the document's k-th marker.
func (r *Result) marker(dc *doc, k int) *Marker { return &r.Markers[dc.first+k] }

// ClaimResult is what Run found out about one claim of the library.
// Problems lists the codes of the findings about it.
type ClaimResult struct {
	ID       string         `json:"id"`
	Kind     string         `json:"kind"`
	Excerpt  string         `json:"excerpt"`
	Found    bool           `json:"found"`
	Line     int            `json:"line"`
	File     string         `json:"file,omitempty"`
	Sources  []SourceResult `json:"sources"`
	Problems []string       `json:"problems"`
}

// SourceResult is one source of a claim, as the library gives it.
type SourceResult struct {
	Ref     string `json:"ref"`
	Locator string `json:"locator"`
	Label   string `json:"label"`
	Support string `json:"support"`
}

// Finding is one problem. Line is the manuscript line it is about (0 when
// it is about the library alone); Excerpt quotes the manuscript there (for
// claim-not-found, the closest passage, when one is alike enough); Claim
// and Ref name the claim and the reference concerned, when any. Sentence
// is the whole sentence the finding is in; Column, Start and End locate
// it exactly (Start and End are byte offsets into File).
type Finding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Excerpt  string `json:"excerpt"`
	Sentence string `json:"sentence"`
	Claim    string `json:"claim"`
	Ref      string `json:"ref"`
	Message  string `json:"message"`

	// Pos is where the finding is: the manuscript line, or for a finding
	// about the library alone the claim's or reference's file and line.
	Pos bib.Pos `json:"-"`
	// doc indexes the manuscripts; -1 for a finding about the library.
	doc int
	// kind guesses the kind of claim a flagged sentence makes.
	kind string
}

// inManuscript reports whether the finding is about a manuscript span.
func (f Finding) inManuscript() bool { return f.doc >= 0 }

// claimSpan is the manuscript span of a found claim.
type claimSpan struct {
	doc        int
	start, end int
	found      bool
}

// HasProblems reports whether any finding was made.
func (r *Result) HasProblems() bool { return len(r.Findings) > 0 }

// Run verifies the claims of lib and, when ms is not nil, the manuscript's
// markers, quotations and statements against lib. It never fails: every
// problem is a Finding.
func Run(lib *bib.Library, ms *Manuscript, opts Options) *Result {
	if ms == nil {
		return RunAll(lib, nil, opts)
	}
	return RunAll(lib, []*Manuscript{ms}, opts)
}

// RunAll verifies the claims of lib against several manuscripts read as
// one work (the chapter files of a thesis): a reference is uncited when
// none of them cites it, and a claim is found in any of them.
func RunAll(lib *bib.Library, mss []*Manuscript, opts Options) *Result {
	if lib == nil {
		lib = &bib.Library{}
	}
	r := &Result{Markers: []Marker{}, Claims: []ClaimResult{}, Findings: []Finding{}, lib: lib, opts: opts}
	for _, c := range lib.Claims {
		if c != nil {
			r.claimList = append(r.claimList, c)
		}
	}
	r.indexSources()
	r.res = resolve.New(lib)
	docs := make([]*manuscript.Document, len(mss))
	total := 0
	for i, ms := range mss {
		if ms == nil {
			continue
		}
		docs[i] = manuscript.Parse(ms.Name, ms.Text, ms.Format, manuscript.Options{KeepNarrative: r.res.KeepNarrative})
		total += len(docs[i].Markers)
	}
	r.Markers = make([]Marker, 0, total)
	for i, ms := range mss {
		if ms == nil {
			continue
		}
		d := docs[i]
		dc := &doc{ms: ms, d: d, first: len(r.Markers), checkable: make([]int, len(d.Paragraphs))}
		cs := r.res.Cites(d, resolve.ByLibrary)
		for k := range d.Markers {
			r.Markers = append(r.Markers, resolveMarker(cs, d, k, len(r.docs)))
		}
		dc.count = len(d.Markers)
		r.docs = append(r.docs, dc)
		r.resolveNotes(dc)
	}
	if len(r.docs) > 0 {
		r.unresolved()
		r.numbering()
		r.nocite()
		r.markerYears()
		r.referenceLists()
	}
	r.uncited()
	r.claims()
	r.ids = nil // no check after these suggests ids: let a large library's index go
	for di := range r.docs {
		r.quotations(di)
		r.statements(di)
	}
	r.finish()
	return r
}

// add records a finding at the span [start, end) of manuscript di, or,
// when di is -1, about the library at pos, unless its severity is below
// the minimum.
func (r *Result) add(f Finding, di, start, end int, pos bib.Pos) {
	sev := severityOf(f.Code)
	if sev < r.opts.MinSeverity {
		return
	}
	f.doc = di
	f.Severity = sev.String()
	if di >= 0 {
		dc := r.docs[di]
		f.Start, f.End = start, end
		f.File = dc.ms.Name
		if f.Excerpt == "" {
			f.Excerpt = clip(dc.d.Text[start:end])
		}
		f.Sentence = sentenceAt(dc.d, start, end)
	} else {
		f.Pos = pos
	}
	r.Findings = append(r.Findings, f)
}

// sentenceAt returns the sentences the span [start, end) lies in, as
// prose; for a span outside any sentence, the span itself.
//
// A sentence longer than sentenceWindow on either side of the finding (a
// manuscript on one line without full stops, say) is cut to that window,
// so that each finding costs what its surroundings cost, not what the
// whole line does: otherwise a 1 MB one-line manuscript takes quadratic
// time and memory, and every finding carries the whole line.
func sentenceAt(d *manuscript.Document, start, end int) string {
	from, to := start, end
	if si := d.SentencesIn(start, max(end, start+1)); len(si) > 0 {
		first, last := d.Sentences[si[0]], d.Sentences[si[len(si)-1]]
		from, to = min(first.Start, start), max(last.End, end)
	}
	cutFrom, cutTo := from < start-sentenceWindow, to > end+sentenceWindow
	if cutFrom {
		from = wordStart(d.Prose(), start-sentenceWindow)
	}
	if cutTo {
		to = wordEnd(d.Prose(), end+sentenceWindow)
	}
	s := d.ProseText(from, to)
	if cutFrom {
		s = "…" + s
	}
	if cutTo {
		s += "…"
	}
	return s
}

// sentenceWindow is how much of a sentence sentenceAt keeps on each side
// of a finding.
const sentenceWindow = 600

// wordStart moves i forward to the start of a word (and of a character).
func wordStart(p string, i int) int {
	for i < len(p) && p[i] != ' ' && p[i] != '\n' {
		i++
	}
	for i < len(p) && !utf8.RuneStart(p[i]) {
		i++
	}
	return i
}

// wordEnd moves i back to the end of a word (and of a character).
func wordEnd(p string, i int) int {
	i = min(i, len(p))
	for i > 0 && p[i-1] != ' ' && p[i-1] != '\n' {
		i--
	}
	return i
}

// clip shortens s to one line of at most 120 characters.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= 120 {
		return s
	}
	rs := []rune(s)
	cut := 119
	for k := cut; k > 90; k-- {
		if rs[k] == ' ' {
			cut = k
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,;:") + "…"
}

// label returns "[n] id" for a reference in the library, else its id.
func (r *Result) label(id string) string {
	if n := r.num(id); n > 0 {
		return string(appendLabel(nil, n, id))
	}
	return id
}

// appendLabel appends "[n] id" to b.
func appendLabel(b []byte, n int, id string) []byte {
	return append(append(strconv.AppendInt(append(b, '['), int64(n), 10), "] "...), id...)
}

// names returns how messages name the manuscripts: "essay.txt", or "the
// 7 manuscripts".
func (r *Result) names() string {
	if len(r.docs) == 1 {
		return r.docs[0].ms.Name
	}
	return fmt.Sprintf("the %d manuscripts", len(r.docs))
}

// unresolved reports each cite of a marker that names no reference.
func (r *Result) unresolved() {
	for i := range r.Markers {
		m := &r.Markers[i]
		for _, c := range m.Cites {
			if c.Ref != "" || m.form == manuscript.FootnoteMarker && m.Resolved {
				continue
			}
			var msg string
			switch m.form {
			case manuscript.NumericMarker, manuscript.SuperscriptMarker:
				msg = fmt.Sprintf("marker %s cites reference %d, but the library has %d", m.Text, c.Number, len(r.lib.Entries))
			case manuscript.AuthorDateMarker:
				msg = fmt.Sprintf("marker %s: no reference by %s from %s in the library", m.Text, c.Author, c.Year)
			case manuscript.FootnoteMarker:
				msg = fmt.Sprintf("footnote %s has no definition ([^%s]: …) in the manuscript", m.Text, c.Key)
			default:
				msg = fmt.Sprintf("marker %s cites %q, which is not in the library%s", clip(m.Text), c.Key, r.didYouMean(c.Key))
			}
			r.add(Finding{Code: CodeUnresolvedMarker, Ref: c.Key, Excerpt: clip(m.Text), Message: msg}, m.doc, m.Start, m.End, bib.Pos{})
		}
	}
}

// nocite reports the keys of \nocite and YAML nocite that are not in the
// library.
func (r *Result) nocite() {
	for di, dc := range r.docs {
		for _, n := range dc.d.Nocite {
			for _, k := range n.Keys {
				if _, ok := r.lib.Resolve(k); ok {
					continue
				}
				msg := fmt.Sprintf("nocite names %q, which is not in the library%s", k, r.didYouMean(k))
				r.add(Finding{Code: CodeUnresolvedMarker, Ref: k, Message: msg}, di, n.Start, n.End, bib.Pos{})
			}
		}
	}
}

// numbering reports numeric markers that cite a number for the first time
// while a lower number that the manuscript cites later has not been cited
// yet: numbers must follow the order of first citation.
func (r *Result) numbering() {
	cited := map[int]bool{}
	for _, m := range r.Markers {
		for _, c := range m.Cites {
			if m.numeric() && c.Ref != "" {
				cited[c.Number] = true
			}
		}
	}
	var order []int
	for n := range cited {
		order = append(order, n)
	}
	sort.Ints(order)
	seen := map[int]bool{}
	next := 0 // index in order of the lowest number not cited yet
	for _, m := range r.Markers {
		if !m.numeric() {
			continue
		}
		for _, c := range m.Cites {
			if c.Ref == "" || seen[c.Number] {
				continue
			}
			seen[c.Number] = true
			if c.Number != order[next] {
				r.add(Finding{Code: CodeNumberingOrder, Ref: c.Ref, Excerpt: m.Text,
					Message: fmt.Sprintf("[%d] is cited for the first time before [%d]; number the references in the order of their first citation", c.Number, order[next])},
					m.doc, m.Start, m.End, bib.Pos{})
			}
			for next < len(order) && seen[order[next]] {
				next++
			}
		}
	}
}

// uncited reports references that no marker or nocite cites or, without a
// manuscript, that no claim names; and, reading the library for it,
// resolves the claims' sources (see scanLibrary), which it does also when
// it reports nothing. Its findings go to r.uncitedFindings, in library
// order, which finish merges into the others.
func (r *Result) uncited() {
	hasMS := len(r.docs) > 0
	report := severityOf(CodeUncitedReference) >= r.opts.MinSeverity
	byMarker := map[string]bool{}
	for _, m := range r.Markers {
		for _, id := range m.Refs {
			byMarker[id] = true
		}
	}
	for _, dc := range r.docs {
		for _, n := range dc.d.Nocite {
			report = report && !n.All
			for _, k := range n.Keys {
				if e, ok := r.lib.Resolve(k); ok {
					byMarker[e.ID] = true
				}
			}
		}
	}
	if !report {
		r.scanLibrary(nil)
		return
	}
	severity := severityOf(CodeUncitedReference).String()
	var label []byte
	r.scanLibrary(func(i, first int, e *bib.Entry, named *sourceRef) {
		if hasMS && byMarker[e.ID] || !hasMS && named != nil {
			return
		}
		if r.uncitedFindings == nil {
			// room for every entry left: without a manuscript a large
			// library has a finding for nearly every reference
			r.uncitedFindings = make([]Finding, 0, len(r.lib.Entries)-i)
		}
		label = appendLabel(label[:0], first+1, e.ID)
		var msg string
		switch {
		case !hasMS:
			msg = "reference " + string(label) + " backs no claim (give --manuscript to look for its markers)"
		case named != nil:
			claims := named.claims
			who := "claim " + claims[0] + " names it as its source"
			if len(claims) > 1 {
				who = "claims " + strings.Join(claims, ", ") + " name it as their source"
			}
			msg = fmt.Sprintf("reference %s is never cited in %s, though %s", label, r.names(), who)
		default:
			msg = fmt.Sprintf("reference %s is never cited in %s, and no claim names it: cite it or remove it", label, r.names())
		}
		r.uncitedFindings = append(r.uncitedFindings, Finding{Code: CodeUncitedReference, Severity: severity, Ref: e.ID,
			Message: msg, Pos: e.PosOf("id"), doc: -1})
	})
}

// finish sorts the findings (see sortFindings), sets their positions,
// and copies their codes into the claims' problems.
func (r *Result) finish() {
	r.Findings = sortFindings(r.Findings, r.uncitedFindings)
	r.uncitedFindings = nil
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.inManuscript() {
			f.Line, f.Column = r.docs[f.doc].d.Position(f.Start)
			f.Pos = bib.Pos{File: f.File, Line: f.Line}
		}
	}
	index := map[string]int{}
	for i, c := range r.Claims {
		if _, dup := index[c.ID]; !dup {
			index[c.ID] = i
		}
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Claim == "" {
			continue
		}
		i, ok := index[f.Claim]
		if !ok {
			continue
		}
		if !contains(r.Claims[i].Problems, f.Code) {
			r.Claims[i].Problems = append(r.Claims[i].Problems, f.Code)
		}
	}
}

// sortFindings returns the findings in the order of the report: those
// in a manuscript first, by manuscript and start; then by file, line, code
// and message; findings equal in all that in the order they were made.
// The uncited-reference findings, one per reference of a large library,
// come apart and in library order, which is file and line order: they are
// merged into the others (no finding of another code ties with them)
// rather than sorted with them, and sorted only if they are not in order.
func sortFindings(others, uncited []Finding) []Finding {
	sortStable(others)
	if len(uncited) == 0 {
		return others
	}
	sortStable(uncited)
	m, n := len(uncited), len(others)
	if cap(uncited)-m < n {
		uncited = slices.Grow(uncited, n)
	}
	// Merged from the back into the room after the uncited findings, so
	// that the 100,000 of a large library are not copied to a new list.
	all := uncited[:m+n]
	for i, j, k := m-1, n-1, m+n-1; j >= 0; k-- {
		if i >= 0 && findingLess(&others[j], &all[i]) {
			all[k] = all[i]
			i--
		} else {
			all[k] = others[j]
			j--
		}
	}
	return all
}

// sortStable sorts fs stably by findingLess, unless they are in order.
func sortStable(fs []Finding) {
	for i := 1; i < len(fs); i++ {
		if findingLess(&fs[i], &fs[i-1]) {
			sort.SliceStable(fs, func(i, j int) bool { return findingLess(&fs[i], &fs[j]) })
			return
		}
	}
}

// findingLess orders the findings of the report.
func findingLess(a, b *Finding) bool {
	if a.inManuscript() != b.inManuscript() {
		return a.inManuscript()
	}
	if a.inManuscript() {
		if a.doc != b.doc {
			return a.doc < b.doc
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
	}
	if a.Pos.File != b.Pos.File {
		return a.Pos.File < b.Pos.File
	}
	if a.Pos.Line != b.Pos.Line {
		return a.Pos.Line < b.Pos.Line
	}
	if a.Code != b.Code {
		return a.Code < b.Code
	}
	return a.Message < b.Message
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
