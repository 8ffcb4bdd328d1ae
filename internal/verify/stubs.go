package verify

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
)

// SuggestClaims returns a [[claim]] stub for every sentence flagged as
// needing a citation (citation-needed, citation-suggested,
// quote-without-locator) that no claim of the library covers yet: its id
// made from its first words, its kind guessed, its excerpt the sentence
// verbatim (as prose), and the sentence's markers as its sources, ready to
// complete and paste into refs/claims.toml.
func (r *Result) SuggestClaims() []*bib.Claim {
	taken := map[string]bool{}
	for _, c := range r.claimList {
		taken[c.ID] = true
	}
	var out []*bib.Claim
	done := map[[3]int]bool{}
	for _, f := range r.Findings {
		if !f.inManuscript() || f.Claim != "" || f.kind == "" {
			continue
		}
		dc := r.docs[f.doc]
		d := dc.d
		si := d.SentencesIn(f.Start, max(f.End, f.Start+1))
		start, end := f.Start, f.End
		if len(si) > 0 {
			start, end = min(start, d.Sentences[si[0]].Start), max(end, d.Sentences[si[len(si)-1]].End)
		}
		key := [3]int{f.doc, start, end}
		if done[key] {
			continue
		}
		done[key] = true
		sentence := d.ProseText(start, end)
		c := &bib.Claim{ID: stubID(sentence, taken), Kind: f.kind, Statement: sentence, Excerpt: sentence,
			Note: fmt.Sprintf("suggested by cite verify (%s at %s:%d); check the kind, write the statement in your words, add the sources", f.Code, dc.ms.Name, f.Line)}
		for _, k := range d.MarkersIn(start, end) {
			for _, mc := range r.marker(dc, k).Cites {
				if mc.Ref == "" {
					continue
				}
				c.Sources = append(c.Sources, bib.Source{Ref: mc.Ref, Locator: mc.Locator, Label: mc.Label, Support: bib.SupportDirect})
			}
		}
		out = append(out, c)
	}
	return out
}

// stubID makes a claim id of the first four words of s ("almost-from-
// independence-kazakhstans"), unique among taken.
func stubID(s string, taken map[string]bool) string {
	var words []string
	s = strings.NewReplacer("’", "", "'", "").Replace(strings.ToLower(s))
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(words) == 4 {
			break
		}
		words = append(words, w)
	}
	id := strings.Join(words, "-")
	if id == "" {
		id = "claim"
	}
	base := id
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	taken[id] = true
	return id
}
