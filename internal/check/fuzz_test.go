package check

import (
	"testing"

	"github.com/cite-project/cite/internal/bib"

	"github.com/cite-project/cite/internal/testkit"
)

// FuzzRun feeds arbitrary values into the fields every rule reads: no
// input may panic, and every finding must keep the invariants.
func FuzzRun(f *testing.F) {
	f.Add("article-newspaper", "САММИТ ОБСЕ В АСТАНЕ 20142020", "Konyrova ,", "К.В.", "С. 9", "http:// Document/?doc_id=30006969", "978-5-02-037418-3", "0263-4936", "doi:10.1/x", "en_US", "2013-13-32")
	f.Add("book", " ", "", "KV", "250-32", "www.example.kz", "X", "", "https://doi.org/10.1080/x", "rus", "20142020")
	f.Fuzz(func(t *testing.T, typ, title, family, given, page, url, isbn, issn, doi, lang, date string) {
		in := len(typ) + len(title) + len(family) + len(given) + len(page) + len(url) + len(isbn) + len(issn) + len(doi) + len(lang) + len(date)
		e := bib.NewEntry("e", typ).WithFields(map[string]string{
			"title": title, "page": page, "URL": url, "ISBN": isbn, "ISSN": issn, "DOI": doi, "language": lang,
			"container-title": family, "publisher": given,
		})
		e.Pos = bib.Pos{File: "f.toml", Line: 1}
		if d, err := bib.ParseDate(date); err == nil {
			e.SetDate("issued", d)
			e.SetDate("accessed", d)
		}
		e.AddName("author", bib.Name{Family: family, Given: given})
		e.AddName("editor", bib.Name{Literal: title})
		lib := &bib.Library{Entries: []*bib.Entry{e, e}}
		lib.Claims = []*bib.Claim{{ID: title, Kind: typ, Excerpt: given, Sources: []bib.Source{{Ref: family, Support: lang, Label: page}}}}
		var ds []bib.Diagnostic
		testkit.AllocBudget(t, "Run", in, 4096, 16<<20, func() { ds = Run(lib, Options{Now: essayNow}) })
		for _, d := range ds {
			if d.Pos.Line == 0 && d.Code != CodeClaimNoID && d.Code != CodeClaimUnknownRef && d.Code != CodeClaimBadKind &&
				d.Code != CodeClaimBadSupport && d.Code != CodeClaimBadLabel && d.Code != CodeClaimEmptyExcerpt &&
				d.Code != CodeClaimDuplicateID && d.Code != CodeClaimNoSource && d.Code != CodeClaimQuoteNoLocator {
				t.Errorf("finding %v has no line", d)
			}
			if severityOf(d.Code) != d.Severity {
				t.Errorf("finding %v has the wrong severity", d)
			}
		}
	})
}
