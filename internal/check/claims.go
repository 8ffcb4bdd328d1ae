package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cite-project/cite/internal/bib"
)

// locatorLabels are the CSL 1.0.2 locator terms (Appendix II, "Locators").
var locatorLabels = []string{
	"act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation",
	"equation", "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph",
	"part", "rule", "scene", "section", "sub-verbo", "supplement", "table", "timestamp",
	"title-locator", "verse", "volume",
}

// claims checks the claims of the library: ids, kinds, excerpts and the
// sources that back each claim. References that no claim cites are not
// reported here; that is cite verify's job.
func (c *checker) claims() {
	seen := make(map[string]*bib.Claim, len(c.lib.Claims))
	for _, cl := range c.lib.Claims {
		if cl == nil {
			continue
		}
		c.claim(cl, seen)
	}
}

func (c *checker) claim(cl *bib.Claim, seen map[string]*bib.Claim) {
	at := func(field string) bib.Pos { return cl.PosOf(field) }
	if isBlank(cl.ID) {
		c.reportAt(at("id"), "", "id", CodeClaimNoID, `claim has no id: add id = "..."`)
	} else if first, dup := seen[cl.ID]; dup {
		c.reportAt(at("id"), cl.ID, "id", CodeClaimDuplicateID, fmt.Sprintf("claim id %q is already used at %s: give each claim its own id", cl.ID, first.PosOf("id")))
	} else {
		seen[cl.ID] = cl
	}
	kinds := strings.Join(bib.ClaimKinds, ", ")
	switch {
	case isBlank(cl.Kind):
		c.reportAt(at("kind"), cl.ID, "kind", CodeClaimBadKind, "claim has no kind: add kind = \"...\", one of "+kinds)
	case !slices.Contains(bib.ClaimKinds, cl.Kind):
		c.reportAt(at("kind"), cl.ID, "kind", CodeClaimBadKind, fmt.Sprintf("claim kind %q is unknown: use one of %s", cl.Kind, kinds))
	}
	if isBlank(cl.Excerpt) {
		c.reportAt(at("excerpt"), cl.ID, "excerpt", CodeClaimEmptyExcerpt, `claim has no excerpt: add excerpt = "..." with a short passage copied from the manuscript`)
	}
	if len(cl.Sources) == 0 && cl.Kind != bib.ClaimEvaluation {
		c.reportAt(at("sources"), cl.ID, "sources", CodeClaimNoSource, `claim has no sources: add sources = [{ ref = "...", locator = "..." }], or make it kind = "evaluation" if it is the author's own judgement`)
	}
	located := false
	for i, s := range cl.Sources {
		pos := s.Pos
		if pos.Line == 0 {
			pos = at("sources")
		}
		field := fmt.Sprintf("sources[%d]", i+1)
		switch {
		case isBlank(s.Ref):
			c.reportAt(pos, cl.ID, field, CodeClaimUnknownRef, fmt.Sprintf("source %d names no reference: add ref = \"...\" with a reference id", i+1))
		default:
			if _, ok := c.lib.Resolve(s.Ref); !ok {
				c.reportAt(pos, cl.ID, field, CodeClaimUnknownRef, fmt.Sprintf("source %d cites %q, which is not in the library: fix the id or add the reference", i+1, s.Ref))
			}
		}
		if s.Support != "" && !slices.Contains(bib.SupportKinds, s.Support) {
			c.reportAt(pos, cl.ID, field, CodeClaimBadSupport, fmt.Sprintf("source %d has support %q: use one of %s", i+1, s.Support, strings.Join(bib.SupportKinds, ", ")))
		}
		if s.Label != "" && !slices.Contains(locatorLabels, s.Label) {
			c.reportAt(pos, cl.ID, field, CodeClaimBadLabel, fmt.Sprintf("source %d has the locator label %q, which is not a CSL locator term: use page, chapter, paragraph, section or another CSL term", i+1, s.Label))
		}
		if !isBlank(s.Locator) {
			located = true
		}
	}
	if cl.Kind == bib.ClaimQuote && len(cl.Sources) > 0 && !located {
		styles, plural := styleNames(c.apa, c.gost)
		c.reportAt(at("sources"), cl.ID, "sources", CodeClaimQuoteNoLocator, fmt.Sprintf("quote has no locator on any source; %s %s the page of a quotation: add locator = \"...\" to its source", styles, verb("gives", "give", plural)))
	}
}
