package csl_test

import (
	"testing"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
)

// TestSuppressAuthorSubstitute checks that suppress-author hides what
// stands in for the author as well: the names of a cs:substitute
// (apa.csl's author-short substitutes author for composer) and the
// title of a work without author, as citeproc-js renders them.
func TestSuppressAuthorSubstitute(t *testing.T) {
	style := []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id></info>
  <citation><layout prefix="(" suffix=")" delimiter="; "><group delimiter=", ">
    <names variable="composer"><name form="short"/><substitute><names variable="author"/><text variable="title" quotes="true"/></substitute></names>
    <date variable="issued"><date-part name="year"/></date>
  </group></layout></citation></style>`)
	p, err := csl.New(style, csl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	items := []*item.Item{
		{ID: "a", Type: "book", Vars: map[string]string{"title": "Alpha"}, Names: map[string][]item.Name{"author": {{Family: "Smith", Given: "J."}}},
			Dates: map[string]item.Date{"issued": {Parts: []item.DateParts{{Year: 2012}}}}},
		{ID: "b", Type: "book", Vars: map[string]string{"title": "Beta"}, Dates: map[string]item.Date{"issued": {Parts: []item.DateParts{{Year: 1992}}}}},
	}
	for _, tt := range []struct{ id, plain, suppressed string }{{"a", "(Smith, 2012)", "(2012)"}, {"b", "(“Beta,” 1992)", "(1992)"}} {
		res := p.Process(items, []csl.Cluster{{Items: []csl.CiteItem{{ID: tt.id}}}, {Items: []csl.CiteItem{{ID: tt.id, SuppressAuthor: true}}}}, false)
		if got := csl.Render(res.Clusters[0], output.Text); got != tt.plain {
			t.Errorf("cite %s = %q; want %q", tt.id, got, tt.plain)
		}
		if got := csl.Render(res.Clusters[1], output.Text); got != tt.suppressed {
			t.Errorf("suppress-author cite %s = %q; want %q", tt.id, got, tt.suppressed)
		}
	}
}
