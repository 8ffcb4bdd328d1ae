package verify

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
)

// maxOccurrences bounds how many occurrences of one excerpt are examined.
const maxOccurrences = 32

// minSimilarity is the least similarity for a closest passage to be
// suggested when an excerpt is not found.
const minSimilarity = 0.5

// claims checks each claim of the library: its sources exist, it has one
// unless it is an evaluation, and, with manuscripts, its excerpt is in one
// of them with a marker for each source in the same sentence or paragraph.
func (r *Result) claims() {
	r.spans = make([]claimSpan, len(r.claimList))
	for i, c := range r.claimList {
		cr := ClaimResult{ID: c.ID, Kind: c.Kind, Excerpt: c.Excerpt, Sources: []SourceResult{}, Problems: []string{}}
		for _, s := range c.Sources {
			cr.Sources = append(cr.Sources, SourceResult{Ref: s.Ref, Locator: s.Locator, Label: s.Label, Support: s.Support})
		}
		r.Claims = append(r.Claims, cr)
		if len(r.docs) > 0 {
			r.locate(i, c)
		}
		r.claimSources(i, c)
	}
}

// normOf returns the normal form of manuscript di's prose, markers left
// out, building it on first use.
func (r *Result) normOf(di int) *normText {
	dc := r.docs[di]
	if dc.norm == nil {
		spans := make([]manuscript.Span, len(dc.d.Markers))
		for k, m := range dc.d.Markers {
			spans[k] = m.Span
		}
		dc.norm = normalise(dc.d.Prose(), spans)
	}
	return dc.norm
}

// locate finds claim i in the manuscripts and checks the markers near it,
// or reports it missing with the closest passage.
func (r *Result) locate(i int, c *bib.Claim) {
	at := c.PosOf("excerpt")
	if strings.TrimSpace(c.Excerpt) == "" {
		r.add(Finding{Code: CodeClaimNotFound, Claim: c.ID,
			Message: fmt.Sprintf("claim %s has no excerpt to find it by (%s): copy a short passage of the manuscript into excerpt", c.ID, at)}, -1, 0, 0, at)
		return
	}
	exDoc := manuscript.Parse("", c.Excerpt, manuscript.Text, manuscript.Options{})
	spans := make([]manuscript.Span, len(exDoc.Markers))
	for k, m := range exDoc.Markers {
		spans[k] = m.Span
	}
	ex := normalise(c.Excerpt, spans)
	for di := range r.docs {
		matches := r.normOf(di).findAll(ex, maxOccurrences)
		if len(matches) == 0 {
			continue
		}
		best, missing := matches[0], r.unmarked(di, c, matches[0])
		for _, m := range matches[1:] {
			if len(missing) == 0 {
				break
			}
			if miss := r.unmarked(di, c, m); len(miss) < len(missing) {
				best, missing = m, miss
			}
		}
		r.spans[i] = claimSpan{doc: di, start: best.start, end: best.end, found: true}
		r.Claims[i].Found = true
		r.Claims[i].Line = r.docs[di].d.Line(best.start)
		if len(r.docs) > 1 {
			r.Claims[i].File = r.docs[di].ms.Name
		}
		for _, s := range missing {
			r.add(Finding{Code: CodeMarkerMismatch, Claim: c.ID, Ref: s.Ref, Message: r.mismatch(di, c, s, best)}, di, best.start, best.end, bib.Pos{})
		}
		return
	}
	r.notFound(c, ex)
}

// notFound reports a claim whose excerpt is in no manuscript, with the
// closest passage when one is alike enough.
func (r *Result) notFound(c *bib.Claim, ex *normText) {
	at := c.PosOf("excerpt")
	msg := fmt.Sprintf("claim %s: its excerpt (%s) is not in %s", c.ID, at, r.names())
	pattern := []rune(strings.Join(splitEllipsis(ex.str), " "))
	if len(pattern) > 2000 {
		pattern = pattern[:2000]
	}
	bestDoc := -1
	var best nearest
	for di, dc := range r.docs {
		norm := r.normOf(di)
		if dc.idx == nil {
			dc.idx = newTrigramIndex(norm.runes)
		}
		if near, ok := norm.closest(dc.idx, pattern); ok && near.end > near.start && (bestDoc < 0 || near.similarity > best.similarity) {
			best, bestDoc = near, di
		}
	}
	if bestDoc >= 0 && best.similarity >= minSimilarity {
		d := r.docs[bestDoc].d
		s, e := r.normOf(bestDoc).span(best.start, best.end)
		s, e = widenToWords(d.Text, s, e)
		where := fmt.Sprintf("line %d", d.Line(s))
		if len(r.docs) > 1 {
			where = fmt.Sprintf("%s:%d", d.Name, d.Line(s))
		}
		msg += fmt.Sprintf("; the closest passage, at %s (%.0f%% alike), reads %q: copy the excerpt from it", where, 100*best.similarity, clip(d.Text[s:e]))
		r.add(Finding{Code: CodeClaimNotFound, Claim: c.ID, Message: msg}, bestDoc, s, e, bib.Pos{})
		return
	}
	msg += ", nor any passage like it"
	r.add(Finding{Code: CodeClaimNotFound, Claim: c.ID, Excerpt: clip(c.Excerpt), Message: msg}, -1, 0, 0, at)
}

// widenToWords extends the byte span [s, e) of t to whole words.
func widenToWords(t string, s, e int) (int, int) {
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

// near returns the markers of manuscript di that cite the passage [s, e)
// closely: those in its sentences and at the end of the quotations it is
// part of; and the markers of its paragraphs.
func (r *Result) near(di, s, e int) (close, para []int) {
	d := r.docs[di].d
	for _, si := range d.SentencesIn(s, e) {
		close = appendNew(close, d.MarkersIn(d.Sentences[si].Start, d.Sentences[si].End)...)
	}
	for _, qi := range d.QuotesIn(s, e) {
		close = appendNew(close, d.Quotes[qi].Markers...)
	}
	for _, pi := range d.ParagraphsIn(s, e) {
		para = appendNew(para, d.MarkersIn(d.Paragraphs[pi].Start, d.Paragraphs[pi].End)...)
	}
	return close, para
}

// appendNew appends to list the xs it does not hold yet.
func appendNew(list []int, xs ...int) []int {
	if len(list)+len(xs) <= 16 {
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
	seen := make(map[int]bool, len(list)+len(xs))
	for _, y := range list {
		seen[y] = true
	}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			list = append(list, x)
		}
	}
	return list
}

// cites reports whether any of the markers ks of manuscript di cites ref.
func (r *Result) cites(di int, ks []int, ref string) bool {
	for _, k := range ks {
		if contains(r.marker(r.docs[di], k).Refs, ref) {
			return true
		}
	}
	return false
}

// unmarked returns the sources of c (known to the library) that no marker
// cites near the occurrence m. When the claim's sentence carries markers,
// one of them must cite the source; otherwise one in its paragraph must.
func (r *Result) unmarked(di int, c *bib.Claim, m match) []bib.Source {
	close, para := r.near(di, m.start, m.end)
	var out []bib.Source
	for _, s := range c.Sources {
		e, ok := r.resolve(s.Ref)
		if !ok {
			continue // reported as unknown-source
		}
		if len(close) > 0 && r.cites(di, close, e.ID) || len(close) == 0 && r.cites(di, para, e.ID) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// markerList formats the markers ks of a manuscript as "[2], [4]", each
// text once and at most four of them.
func (r *Result) markerList(dc *doc, ks []int) string {
	var parts []string
	seen := map[string]bool{}
	more := 0
	for _, k := range ks {
		t := r.marker(dc, k).Text
		if seen[t] {
			continue
		}
		seen[t] = true
		if len(parts) < 4 {
			parts = append(parts, clip(t))
		} else {
			more++
		}
	}
	if more > 0 {
		return strings.Join(parts, ", ") + fmt.Sprintf(" and %d more", more)
	}
	return strings.Join(parts, ", ")
}

// mismatch explains why source s of claim c has no marker near m.
func (r *Result) mismatch(di int, c *bib.Claim, s bib.Source, m match) string {
	want := r.label(s.Ref)
	dc := r.docs[di]
	if dc.d.InReferences(m.start) {
		return fmt.Sprintf("claim %s names %s as its source, but its excerpt is only after the body of the text (in the reference list)", c.ID, want)
	}
	close, para := r.near(di, m.start, m.end)
	switch {
	case len(close) > 0:
		return fmt.Sprintf("claim %s names %s as its source, but its sentence cites %s", c.ID, want, r.markerList(dc, close))
	case len(para) > 0:
		return fmt.Sprintf("claim %s names %s as its source, but its sentence has no marker and its paragraph cites only %s", c.ID, want, r.markerList(dc, para))
	}
	return fmt.Sprintf("claim %s names %s as its source, but no marker stands in its sentence or paragraph", c.ID, want)
}

// claimSources reports the unknown sources of claim i and a missing source.
func (r *Result) claimSources(i int, c *bib.Claim) {
	sp := r.spans[i]
	for _, s := range c.Sources {
		if _, ok := r.resolve(s.Ref); ok {
			continue
		}
		pos := s.Pos
		if pos.Line == 0 {
			pos = c.PosOf("sources")
		}
		msg := fmt.Sprintf("claim %s names source %q (%s), which is not in the library%s", c.ID, s.Ref, pos, r.didYouMean(s.Ref))
		r.addAtClaim(Finding{Code: CodeUnknownSource, Claim: c.ID, Ref: s.Ref, Message: msg}, sp, pos)
	}
	if c.Kind == bib.ClaimEvaluation {
		return
	}
	if len(c.Sources) > 0 {
		r.weakSupport(c, sp)
		return
	}
	at := c.PosOf("id")
	msg := fmt.Sprintf("claim %s (%s) has no source (%s): add sources = [{ ref = \"…\", locator = \"…\", support = \"direct\" }], or make it kind = \"evaluation\" if it is the author's own judgement", c.ID, kindName(c.Kind), at)
	if sp.found {
		close, para := r.near(sp.doc, sp.start, sp.end)
		switch {
		case len(close) > 0:
			msg += "; its sentence cites " + r.markerList(r.docs[sp.doc], close)
		case len(para) > 0:
			msg += "; its paragraph cites " + r.markerList(r.docs[sp.doc], para) + " in another sentence"
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
		r.add(f, sp.doc, sp.start, sp.end, bib.Pos{})
		return
	}
	r.add(f, -1, 0, 0, pos)
}

func kindName(k string) string {
	if k == "" {
		return "no kind"
	}
	return k
}

// claimAt returns the id of the first claim (in library order) found in
// [s, e) of manuscript di, or "". The found claims' spans are sorted once
// per manuscript, so a lookup costs the claims that overlap, not all.
func (r *Result) claimAt(di, s, e int) string {
	dc := r.docs[di]
	if dc.claimSpans == nil {
		dc.claimSpans = []int{}
		for i, sp := range r.spans {
			if sp.found && sp.doc == di {
				dc.claimSpans = append(dc.claimSpans, i)
			}
		}
		sort.SliceStable(dc.claimSpans, func(a, b int) bool { return r.spans[dc.claimSpans[a]].start < r.spans[dc.claimSpans[b]].start })
		dc.maxClaimLen = 0
		for _, i := range dc.claimSpans {
			dc.maxClaimLen = max(dc.maxClaimLen, r.spans[i].end-r.spans[i].start)
		}
	}
	cs := dc.claimSpans
	// the claims that start before e and after s minus the longest claim
	k := sort.Search(len(cs), func(k int) bool { return r.spans[cs[k]].start >= s-dc.maxClaimLen })
	best := -1
	for ; k < len(cs) && r.spans[cs[k]].start < e; k++ {
		if sp := r.spans[cs[k]]; s < sp.end && (best < 0 || cs[k] < best) {
			best = cs[k]
		}
	}
	if best < 0 {
		return ""
	}
	return r.Claims[best].ID
}

// weakSupport reports a claim whose every source supports it only
// indirectly (indirect-support) or only at second hand
// (secondary-support).
func (r *Result) weakSupport(c *bib.Claim, sp claimSpan) {
	indirect, secondary := 0, 0
	for _, s := range c.Sources {
		switch s.Support {
		case bib.SupportIndirect:
			indirect++
		case bib.SupportSecondary:
			secondary++
		default:
			return // a direct source, or one not said
		}
	}
	at := c.PosOf("sources")
	where := ""
	if at.Line > 0 {
		where = ", " + at.String()
	}
	if secondary == len(c.Sources) {
		msg := fmt.Sprintf("claim %s rests only on sources that report another source (support = \"secondary\"%s): cite the original work as well, or say \"as cited in\" (APA 7 §8.6)", c.ID, where)
		r.addAtClaim(Finding{Code: CodeSecondarySupport, Claim: c.ID, Ref: c.Sources[0].Ref, Message: msg}, sp, at)
		return
	}
	also := ""
	if secondary > 0 {
		also = ` or "secondary"`
	}
	msg := fmt.Sprintf("claim %s rests only on sources that imply it or state part of it (support = \"indirect\"%s%s): find a source that states it, or word the claim as your inference", c.ID, also, where)
	r.addAtClaim(Finding{Code: CodeIndirectSupport, Claim: c.ID, Ref: c.Sources[0].Ref, Message: msg}, sp, at)
}
