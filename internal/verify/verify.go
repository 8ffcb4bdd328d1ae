package verify

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
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
)

// Code is a finding code with a one-line explanation, for help texts.
type Code struct {
	Code        string
	Explanation string
}

// Codes lists every finding code with its explanation.
func Codes() []Code {
	return []Code{
		{CodeUnresolvedMarker, "a marker names a number, key or author–year that is not in the library"},
		{CodeUncitedReference, "a reference that no marker in the manuscript cites (without a manuscript: that no claim names)"},
		{CodeClaimWithoutSource, "a claim that is not an evaluation has no source"},
		{CodeUnknownSource, "a claim's source names a reference id that is not in the library"},
		{CodeClaimNotFound, "a claim's excerpt is not in the manuscript; the message suggests the closest passage"},
		{CodeMarkerMismatch, "no marker for a claim's source stands in the claim's sentence or paragraph"},
		{CodeQuoteWithoutLocator, "a quotation's marker gives no page or paragraph"},
		{CodeCitationNeeded, "a quotation, or a sentence stating figures or dates, with no citation marker"},
		{CodeNumberingOrder, "a numeric marker is first cited before a lower number: number references by first citation"},
	}
}

// Manuscript is the text to verify. Name is how positions print it.
type Manuscript struct {
	Name string
	Text string
}

// Options tunes Run.
type Options struct {
	// FormatReference formats an entry for the HTML page (an APA or GOST
	// bibliography entry, say). When nil, a plain "Author. Title. Year."
	// summary is used.
	FormatReference func(*bib.Entry) string
}

// Result is the outcome of Run. Its JSON form is cite verify's contract:
// {"markers": [...], "claims": [...], "findings": [...]}.
type Result struct {
	Markers  []Marker      `json:"markers"`
	Claims   []ClaimResult `json:"claims"`
	Findings []Finding     `json:"findings"`

	lib       *bib.Library
	claimList []*bib.Claim // lib.Claims without nil ones; r.Claims[i] is claimList[i]
	ms        *Manuscript
	doc       *doc
	opts      Options
	spans     []claimSpan // where each found claim is, by index of Claims
	nums      map[string]int
	titles    map[string]bool
}

// ClaimResult is what Run found out about one claim of the library.
// Problems lists the codes of the findings about it.
type ClaimResult struct {
	ID       string         `json:"id"`
	Kind     string         `json:"kind"`
	Excerpt  string         `json:"excerpt"`
	Found    bool           `json:"found"`
	Line     int            `json:"line"`
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
// and Ref name the claim and the reference concerned, when any.
type Finding struct {
	Code    string `json:"code"`
	Line    int    `json:"line"`
	Excerpt string `json:"excerpt"`
	Claim   string `json:"claim"`
	Ref     string `json:"ref"`
	Message string `json:"message"`

	// Pos is where the finding is: the manuscript line, or for a finding
	// about the library alone the claim's or reference's file and line.
	Pos bib.Pos `json:"-"`
	// start and end are the manuscript byte span; end is 0 when none.
	start, end int
}

// claimSpan is the manuscript span of a found claim.
type claimSpan struct {
	start, end int
	found      bool
}

// HasProblems reports whether any finding was made.
func (r *Result) HasProblems() bool { return len(r.Findings) > 0 }

// Run verifies the claims of lib and, when ms is not nil, the manuscript's
// markers, quotations and statements against lib. It never fails: every
// problem is a Finding.
func Run(lib *bib.Library, ms *Manuscript, opts Options) *Result {
	if lib == nil {
		lib = &bib.Library{}
	}
	r := &Result{Markers: []Marker{}, Claims: []ClaimResult{}, Findings: []Finding{}, lib: lib, ms: ms, opts: opts}
	for _, c := range lib.Claims {
		if c != nil {
			r.claimList = append(r.claimList, c)
		}
	}
	r.nums = make(map[string]int, len(lib.Entries))
	for i, e := range lib.Entries {
		if _, dup := r.nums[e.ID]; !dup {
			r.nums[e.ID] = i + 1
		}
	}
	if ms != nil {
		res := newResolver(lib)
		r.doc = analyse(ms.Text, res.resolve)
		r.Markers = r.doc.markers
		r.unresolved()
		r.numbering()
	}
	r.uncited()
	r.claims()
	if ms != nil {
		r.quotations()
		r.statements()
	}
	r.finish()
	return r
}

// add records a finding at the manuscript span [start, end), or about the
// library at pos when end is 0.
func (r *Result) add(f Finding, start, end int, pos bib.Pos) {
	f.start, f.end = start, end
	if end > 0 && r.doc != nil {
		f.Line = r.doc.line(start)
		f.Pos = bib.Pos{File: r.ms.Name, Line: f.Line}
		if f.Excerpt == "" {
			f.Excerpt = clip(r.doc.text[start:end])
		}
	} else {
		f.Pos = pos
	}
	r.Findings = append(r.Findings, f)
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

// label returns "[n]" for a reference in the library, else its id.
func (r *Result) label(id string) string {
	if n := r.nums[id]; n > 0 {
		return fmt.Sprintf("[%d] %s", n, id)
	}
	return id
}

// unresolved reports each cite of a marker that names no reference.
func (r *Result) unresolved() {
	for _, m := range r.Markers {
		for _, c := range m.Cites {
			if c.Ref != "" {
				continue
			}
			var msg string
			switch m.Form {
			case Numeric:
				msg = fmt.Sprintf("marker %s cites reference %d, but the library has %d", m.Text, c.Number, len(r.lib.Entries))
			case AuthorDate:
				msg = fmt.Sprintf("marker %s: no reference by %s from %s in the library", m.Text, c.Author, c.Year)
			default:
				msg = fmt.Sprintf("marker %s cites %q, which is not in the library%s", m.Text, c.Key, r.didYouMean(c.Key))
			}
			r.add(Finding{Code: CodeUnresolvedMarker, Ref: c.Key, Excerpt: m.Text, Message: msg}, m.Start, m.End, bib.Pos{})
		}
	}
}

// didYouMean suggests the library id closest to key, if it is close.
func (r *Result) didYouMean(key string) string {
	best, bestD := "", 3
	for _, e := range r.lib.Entries {
		if d := editDistance(strings.ToLower(key), strings.ToLower(e.ID)); d < bestD {
			best, bestD = e.ID, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d, _, _ := sellers(ra, rb)
	// sellers lets b's ends go free; add the unmatched length back so that
	// a short key is not "close" to every long id containing it.
	return d + abs(len(rb)-len(ra))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// numbering reports numeric markers that cite a number for the first time
// while a lower number that the manuscript cites later has not been cited
// yet: numbers must follow the order of first citation.
func (r *Result) numbering() {
	cited := map[int]bool{}
	for _, m := range r.Markers {
		for _, c := range m.Cites {
			if m.Form == Numeric && c.Ref != "" {
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
		if m.Form != Numeric {
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
					m.Start, m.End, bib.Pos{})
			}
			for next < len(order) && seen[order[next]] {
				next++
			}
		}
	}
}

// uncited reports references that no marker cites or, without a
// manuscript, that no claim names.
func (r *Result) uncited() {
	byMarker := map[string]bool{}
	for _, m := range r.Markers {
		for _, id := range m.Refs {
			byMarker[id] = true
		}
	}
	byClaim := map[string][]string{}
	for _, c := range r.claimList {
		for _, s := range c.Sources {
			byClaim[s.Ref] = append(byClaim[s.Ref], c.ID)
		}
	}
	for _, e := range r.lib.Entries {
		claims := byClaim[e.ID]
		var msg string
		switch {
		case r.ms != nil && !byMarker[e.ID] && len(claims) > 0:
			who := "claim " + claims[0] + " names it as its source"
			if len(claims) > 1 {
				who = "claims " + strings.Join(claims, ", ") + " name it as their source"
			}
			msg = fmt.Sprintf("reference %s is never cited in %s, though %s", r.label(e.ID), r.ms.Name, who)
		case r.ms != nil && !byMarker[e.ID]:
			msg = fmt.Sprintf("reference %s is never cited in %s, and no claim names it: cite it or remove it", r.label(e.ID), r.ms.Name)
		case r.ms == nil && len(claims) == 0:
			msg = fmt.Sprintf("reference %s backs no claim (give --manuscript to look for its markers)", r.label(e.ID))
		default:
			continue
		}
		r.add(Finding{Code: CodeUncitedReference, Ref: e.ID, Message: msg}, 0, 0, e.PosOf("id"))
	}
}

// finish sorts the findings, manuscript lines first, and copies their
// codes into the claims' problems.
func (r *Result) finish() {
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		if (a.end > 0) != (b.end > 0) {
			return a.end > 0
		}
		if a.end > 0 && a.start != b.start {
			return a.start < b.start
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
	})
	index := map[string]int{}
	for i, c := range r.Claims {
		if _, dup := index[c.ID]; !dup {
			index[c.ID] = i
		}
	}
	for _, f := range r.Findings {
		i, ok := index[f.Claim]
		if !ok || f.Claim == "" {
			continue
		}
		if !contains(r.Claims[i].Problems, f.Code) {
			r.Claims[i].Problems = append(r.Claims[i].Problems, f.Code)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
