package verify

import (
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

// TestMarkersResolveThroughAliases: after `cite merge keep drop`, an old
// manuscript's [@drop] and \cite{drop} still resolve, to the merged entry.
func TestMarkersResolveThroughAliases(t *testing.T) {
	lib := &bib.Library{}
	keep := bib.NewEntry("keep", "book")
	keep.Set("title", "A book")
	keep.AddAlias("drop")
	if err := lib.Add(keep); err != nil {
		t.Fatal(err)
	}
	lib.Claims = []*bib.Claim{{ID: "c", Kind: bib.ClaimFact, Excerpt: "the sky is green",
		Sources: []bib.Source{{Ref: "drop", Support: bib.SupportDirect}}}}
	for _, text := range []string{"We know the sky is green [@drop].\n", "We know the sky is green \\cite{drop}.\n"} {
		r := Run(lib, &Manuscript{Name: "old.md", Text: text}, Options{})
		if len(r.Markers) != 1 || !r.Markers[0].Resolved || len(r.Markers[0].Refs) != 1 || r.Markers[0].Refs[0] != "keep" {
			t.Errorf("%q: markers = %+v; want one resolved to keep", text, r.Markers)
		}
		for _, f := range r.Findings {
			t.Errorf("%q: unexpected finding %s: %s", text, f.Code, f.Message)
		}
	}
}
