package verify

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
)

// maxOccurrences bounds how many occurrences of one excerpt are examined.
const maxOccurrences = 32

// minSimilarity is the least similarity for a closest passage to be
// suggested when an excerpt is not found.
const minSimilarity = 0.5

// claims checks each claim of the library: its sources exist, it has one
// unless it is an evaluation, and, with a manuscript, its excerpt is there
// with a marker for each source in the same sentence or paragraph.
func (r *Result) claims() {
	var (
		norm *normText
		idx  trigramIndex
	)
	if r.doc != nil {
		norm = normalise(r.doc.text, r.doc.markers)
	}
	r.spans = make([]claimSpan, len(r.claimList))
	for i, c := range r.claimList {
		cr := ClaimResult{ID: c.ID, Kind: c.Kind, Excerpt: c.Excerpt, Sources: []SourceResult{}, Problems: []string{}}
		for _, s := range c.Sources {
			cr.Sources = append(cr.Sources, SourceResult{Ref: s.Ref, Locator: s.Locator, Label: s.Label, Support: s.Support})
		}
		r.Claims = append(r.Claims, cr)
		if norm != nil {
			r.locate(i, c, norm, &idx)
		}
		r.claimSources(i, c)
	}
}

// locate finds claim i in the manuscript and checks the markers near it,
// or reports it missing with the closest passage.
func (r *Result) locate(i int, c *bib.Claim, norm *normText, idx *trigramIndex) {
	at := c.PosOf("excerpt")
	if strings.TrimSpace(c.Excerpt) == "" {
		r.add(Finding{Code: CodeClaimNotFound, Claim: c.ID,
			Message: fmt.Sprintf("claim %s has no excerpt to find it by (%s): copy a short passage of the manuscript into excerpt", c.ID, at)}, 0, 0, at)
		return
	}
	ex := normalise(c.Excerpt, ParseMarkers(c.Excerpt))
	matches := norm.findAll(ex, maxOccurrences)
	if len(matches) == 0 {
		r.notFound(c, norm, idx, ex)
		return
	}
	best, missing := matches[0], r.unmarked(c, matches[0])
	for _, m := range matches[1:] {
		if len(missing) == 0 {
			break
		}
		if miss := r.unmarked(c, m); len(miss) < len(missing) {
			best, missing = m, miss
		}
	}
	r.spans[i] = claimSpan{start: best.start, end: best.end, found: true}
	r.Claims[i].Found = true
	r.Claims[i].Line = r.doc.line(best.start)
	for _, s := range missing {
		r.add(Finding{Code: CodeMarkerMismatch, Claim: c.ID, Ref: s.Ref, Message: r.mismatch(c, s, best)}, best.start, best.end, bib.Pos{})
	}
}

// notFound reports a claim whose excerpt is not in the manuscript, with the
// closest passage when one is alike enough.
func (r *Result) notFound(c *bib.Claim, norm *normText, idx *trigramIndex, ex *normText) {
	at := c.PosOf("excerpt")
	msg := fmt.Sprintf("claim %s: its excerpt (%s) is not in %s", c.ID, at, r.ms.Name)
	pattern := []rune(strings.Join(splitEllipsis(ex.str), " "))
	if len(pattern) > 2000 {
		pattern = pattern[:2000]
	}
	if *idx == nil {
		*idx = newTrigramIndex(norm.runes)
	}
	if near, ok := norm.closest(*idx, pattern); ok && near.similarity >= minSimilarity && near.end > near.start {
		s, e := norm.span(near.start, near.end)
		s, e = r.widenToWords(s, e)
		msg += fmt.Sprintf("; the closest passage, at line %d (%.0f%% alike), reads %q: copy the excerpt from it", r.doc.line(s), 100*near.similarity, clip(r.doc.text[s:e]))
		r.add(Finding{Code: CodeClaimNotFound, Claim: c.ID, Message: msg}, s, e, bib.Pos{})
		return
	}
	msg += ", nor any passage like it"
	r.add(Finding{Code: CodeClaimNotFound, Claim: c.ID, Excerpt: clip(c.Excerpt), Message: msg}, 0, 0, at)
}

// widenToWords extends the byte span [s, e) to whole words.
func (r *Result) widenToWords(s, e int) (int, int) {
	t := r.doc.text
	for s > 0 {
		p, size := utf8.DecodeLastRuneInString(t[:s])
		if !unicode.IsLetter(p) && !unicode.IsDigit(p) {
			break
		}
		s -= size
	}
	for e < len(t) {
		n, size := utf8.DecodeRuneInString(t[e:])
		if !unicode.IsLetter(n) && !unicode.IsDigit(n) {
			break
		}
		e += size
	}
	return s, e
}

// near returns the markers that cite the passage [s, e) closely: those in
// its sentences and at the end of the quotations it is part of; and the
// markers of its paragraphs.
func (r *Result) near(s, e int) (close, para []int) {
	d := r.doc
	for _, si := range d.sentencesIn(s, e) {
		close = appendNew(close, d.markersIn(d.sents[si].start, d.sents[si].end)...)
	}
	for _, q := range d.quotes {
		if q.start < e && s < q.end {
			close = appendNew(close, q.markers...)
		}
	}
	for _, pi := range d.parasIn(s, e) {
		para = appendNew(para, d.markersIn(d.paras[pi].start, d.paras[pi].end)...)
	}
	return close, para
}

func appendNew(list []int, xs ...int) []int {
	for _, x := range xs {
		found := false
		for _, y := range list {
			if y == x {
				found = true
				break
			}
		}
		if !found {
			list = append(list, x)
		}
	}
	return list
}

// cites reports whether any of the markers ks cites ref.
func (r *Result) cites(ks []int, ref string) bool {
	for _, k := range ks {
		if contains(r.doc.markers[k].Refs, ref) {
			return true
		}
	}
	return false
}

// unmarked returns the sources of c (known to the library) that no marker
// cites near the occurrence m. When the claim's sentence carries markers,
// one of them must cite the source; otherwise one in its paragraph must.
func (r *Result) unmarked(c *bib.Claim, m match) []bib.Source {
	close, para := r.near(m.start, m.end)
	var out []bib.Source
	for _, s := range c.Sources {
		e, ok := r.lib.Resolve(s.Ref)
		if !ok {
			continue // reported as unknown-source
		}
		if len(close) > 0 && r.cites(close, e.ID) || len(close) == 0 && r.cites(para, e.ID) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// markerList formats the markers ks as "[2], [4]", each text once and at
// most four of them.
func (r *Result) markerList(ks []int) string {
	var parts []string
	for _, k := range ks {
		if t := r.doc.markers[k].Text; !contains(parts, t) {
			parts = append(parts, t)
		}
	}
	if len(parts) > 4 {
		return strings.Join(parts[:4], ", ") + fmt.Sprintf(" and %d more", len(parts)-4)
	}
	return strings.Join(parts, ", ")
}

// mismatch explains why source s of claim c has no marker near m.
func (r *Result) mismatch(c *bib.Claim, s bib.Source, m match) string {
	want := r.label(s.Ref)
	if m.start >= r.doc.body {
		return fmt.Sprintf("claim %s names %s as its source, but its excerpt is only after the body of the text (in the reference list)", c.ID, want)
	}
	close, para := r.near(m.start, m.end)
	switch {
	case len(close) > 0:
		return fmt.Sprintf("claim %s names %s as its source, but its sentence cites %s", c.ID, want, r.markerList(close))
	case len(para) > 0:
		return fmt.Sprintf("claim %s names %s as its source, but its sentence has no marker and its paragraph cites only %s", c.ID, want, r.markerList(para))
	}
	return fmt.Sprintf("claim %s names %s as its source, but no marker stands in its sentence or paragraph", c.ID, want)
}

// claimSources reports the unknown sources of claim i and a missing source.
func (r *Result) claimSources(i int, c *bib.Claim) {
	sp := r.spans[i]
	for _, s := range c.Sources {
		if _, ok := r.lib.Resolve(s.Ref); ok {
			continue
		}
		pos := s.Pos
		if pos.Line == 0 {
			pos = c.PosOf("sources")
		}
		msg := fmt.Sprintf("claim %s names source %q (%s), which is not in the library%s", c.ID, s.Ref, pos, r.didYouMean(s.Ref))
		r.addAtClaim(Finding{Code: CodeUnknownSource, Claim: c.ID, Ref: s.Ref, Message: msg}, sp, pos)
	}
	if len(c.Sources) > 0 || c.Kind == bib.ClaimEvaluation {
		return
	}
	at := c.PosOf("id")
	msg := fmt.Sprintf("claim %s (%s) has no source (%s): add sources = [{ ref = \"…\", locator = \"…\", support = \"direct\" }], or make it kind = \"evaluation\" if it is the author's own judgement", c.ID, kindName(c.Kind), at)
	if sp.found {
		close, para := r.near(sp.start, sp.end)
		switch {
		case len(close) > 0:
			msg += "; its sentence cites " + r.markerList(close)
		case len(para) > 0:
			msg += "; its paragraph cites " + r.markerList(para) + " in another sentence"
		default:
			msg += "; the manuscript cites nothing in its paragraph either"
		}
	}
	r.addAtClaim(Finding{Code: CodeClaimWithoutSource, Claim: c.ID, Message: msg}, sp, at)
}

// addAtClaim adds a finding at the claim's place in the manuscript when it
// was found, else at pos in the library.
func (r *Result) addAtClaim(f Finding, sp claimSpan, pos bib.Pos) {
	if sp.found {
		r.add(f, sp.start, sp.end, bib.Pos{})
		return
	}
	r.add(f, 0, 0, pos)
}

func kindName(k string) string {
	if k == "" {
		return "no kind"
	}
	return k
}

// claimAt returns the id of the first claim found in [s, e), or "".
func (r *Result) claimAt(s, e int) string {
	for i, sp := range r.spans {
		if sp.found && sp.start < e && s < sp.end {
			return r.Claims[i].ID
		}
	}
	return ""
}
