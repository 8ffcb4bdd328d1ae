package check

import (
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

func claimLib(cs ...*bib.Claim) *bib.Library {
	l := library(book)
	for i, c := range cs {
		c.Pos = bib.Pos{File: "claims.toml", Line: 10 * (i + 1)}
		l.Claims = append(l.Claims, c)
	}
	return l
}

func src(ref, loc, support string) bib.Source {
	return bib.Source{Ref: ref, Locator: loc, Support: support}
}

func goodClaim(id string) *bib.Claim {
	return &bib.Claim{ID: id, Kind: bib.ClaimQuote, Excerpt: "Yet, of course", Sources: []bib.Source{src("book", "9", "direct")}}
}

func TestClaimRules(t *testing.T) {
	mod := func(f func(c *bib.Claim)) *bib.Claim { c := goodClaim("c1"); f(c); return c }
	runCases(t, []ruleCase{
		{name: "good claim", lib: claimLib(goodClaim("c1")), code: CodeClaimUnknownRef, absent: true},
		{name: "unknown reference", lib: claimLib(mod(func(c *bib.Claim) { c.Sources[0].Ref = "nosuch" })),
			code: CodeClaimUnknownRef, field: "sources[1]", msg: `source 1 cites "nosuch", which is not in the library`},
		{name: "source without ref", lib: claimLib(mod(func(c *bib.Claim) { c.Sources[0].Ref = "" })), code: CodeClaimUnknownRef, msg: "names no reference"},
		{name: "no sources", lib: claimLib(mod(func(c *bib.Claim) { c.Sources = nil; c.Kind = bib.ClaimFact })),
			code: CodeClaimNoSource, field: "sources", msg: "claim has no sources"},
		{name: "evaluation needs no sources", lib: claimLib(mod(func(c *bib.Claim) { c.Sources = nil; c.Kind = bib.ClaimEvaluation })),
			code: CodeClaimNoSource, absent: true},
		{name: "unknown kind", lib: claimLib(mod(func(c *bib.Claim) { c.Kind = "opinion" })), code: CodeClaimBadKind, field: "kind", msg: `claim kind "opinion" is unknown`},
		{name: "no kind", lib: claimLib(mod(func(c *bib.Claim) { c.Kind = "" })), code: CodeClaimBadKind, field: "kind", msg: "claim has no kind"},
		{name: "unknown support", lib: claimLib(mod(func(c *bib.Claim) { c.Sources[0].Support = "strong" })),
			code: CodeClaimBadSupport, field: "sources[1]", msg: `has support "strong": use one of direct, indirect, secondary`},
		{name: "empty support is allowed", lib: claimLib(mod(func(c *bib.Claim) { c.Sources[0].Support = "" })), code: CodeClaimBadSupport, absent: true},
		{name: "empty excerpt", lib: claimLib(mod(func(c *bib.Claim) { c.Excerpt = "  " })), code: CodeClaimEmptyExcerpt, field: "excerpt"},
		{name: "quote without locator", lib: claimLib(mod(func(c *bib.Claim) { c.Sources[0].Locator = "" })),
			code: CodeClaimQuoteNoLocator, field: "sources", msg: "quote has no locator on any source"},
		{name: "fact without locator is fine", lib: claimLib(mod(func(c *bib.Claim) { c.Sources[0].Locator = ""; c.Kind = bib.ClaimFact })),
			code: CodeClaimQuoteNoLocator, absent: true},
		{name: "duplicate id", lib: claimLib(goodClaim("c1"), goodClaim("c1")), code: CodeClaimDuplicateID, field: "id", msg: `claim id "c1" is already used at claims.toml:10`},
		{name: "no id", lib: claimLib(mod(func(c *bib.Claim) { c.ID = "" })), code: CodeClaimNoID, field: "id"},
		{name: "bad label", lib: claimLib(mod(func(c *bib.Claim) { c.Sources[0].Label = "pg" })), code: CodeClaimBadLabel, field: "sources[1]", msg: `locator label "pg"`},
		{name: "good label", lib: claimLib(mod(func(c *bib.Claim) { c.Sources[0].Label = "paragraph" })), code: CodeClaimBadLabel, absent: true},
	})
}
