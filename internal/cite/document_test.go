package cite_test

import (
	"reflect"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
)

func smithLibrary() *bib.Library {
	lib := &bib.Library{}
	for _, e := range []*bib.Entry{
		entry("other", "book", map[string]string{"title": "Uncited", "issued": "2000"}),
		entry("smith-b", "book", map[string]string{"title": "Beta", "publisher": "P"}),
		entry("smith-a", "book", map[string]string{"title": "Alpha", "publisher": "P"}),
		entry("jones", "book", map[string]string{"title": "Gamma", "publisher": "P"}),
	} {
		lib.Add(e)
	}
	for _, id := range []string{"smith-a", "smith-b"} {
		e, _ := lib.Lookup(id)
		e.AddName("author", bib.Name{Family: "Smith", Given: "John"})
		e.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 2012}})
	}
	j, _ := lib.Lookup("jones")
	j.AddName("author", bib.Name{Family: "Jones", Given: "Ann"})
	j.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 2001}})
	return lib
}

func process(t *testing.T, style string, lib *bib.Library, cits []cite.Citation, nocite []string) ([]string, []string, []string) {
	t.Helper()
	st, err := cite.LoadStyle(style, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := cite.New(st, cite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.Process(lib, cits, nocite)
	if err != nil {
		t.Fatal(err)
	}
	var c, e []string
	for _, n := range r.Citations {
		c = append(c, f.Render(n))
	}
	for _, n := range r.Entries {
		e = append(e, f.Render(n))
	}
	return c, e, r.IDs
}

// TestProcessDisambiguates checks APA 7 8.19: two works by one author in
// one year get "a" and "b", in the order of their titles in the list
// (Alpha before Beta), in the citations and in the list alike.
func TestProcessDisambiguates(t *testing.T) {
	cits := []cite.Citation{
		{Refs: []cite.Ref{{ID: "smith-b", Locator: "4"}}},
		{Refs: []cite.Ref{{ID: "smith-a"}, {ID: "jones"}}},
		{Refs: []cite.Ref{{ID: "smith-a", SuppressAuthor: true}}},
		{Refs: []cite.Ref{{ID: "smith-b", AuthorOnly: true}}},
	}
	c, e, ids := process(t, "apa", smithLibrary(), cits, nil)
	wantC := []string{"(Smith, 2012b, p. 4)", "(Jones, 2001; Smith, 2012a)", "(2012a)", "Smith"}
	if !reflect.DeepEqual(c, wantC) {
		t.Errorf("citations = %q; want %q", c, wantC)
	}
	wantE := []string{"Jones, A. (2001). Gamma. P.", "Smith, J. (2012a). Alpha. P.", "Smith, J. (2012b). Beta. P."}
	if !reflect.DeepEqual(e, wantE) || !reflect.DeepEqual(ids, []string{"jones", "smith-a", "smith-b"}) {
		t.Errorf("entries = %q (%v); want %q", e, ids, wantE)
	}
}

// TestProcessNumbersByFirstCitation checks that a numeric style numbers
// by first citation, not by library position, and lists nocite entries
// after the cited ones. The works are English, so GOST's English layout
// prints "p.".
func TestProcessNumbersByFirstCitation(t *testing.T) {
	cits := []cite.Citation{
		{Refs: []cite.Ref{{ID: "jones", Locator: "9"}}},
		{Refs: []cite.Ref{{ID: "smith-a"}, {ID: "jones"}}},
	}
	c, e, ids := process(t, "gost", smithLibrary(), cits, []string{"other", "jones"})
	if want := []string{"[1, p. 9]", "[1; 2]"}; !reflect.DeepEqual(c, want) {
		t.Errorf("citations = %q; want %q", c, want)
	}
	if want := []string{"jones", "smith-a", "other"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("list order = %v; want %v (%q)", ids, want, e)
	}
}

func TestProcessUnknown(t *testing.T) {
	st, _ := cite.LoadStyle("apa", nil)
	f, _ := cite.New(st, cite.Options{})
	_, err := f.Process(smithLibrary(), []cite.Citation{{Refs: []cite.Ref{{ID: "nope"}, {ID: "nope"}}}}, []string{"gone"})
	if err == nil || err.Error() != `no references with ids "nope", "gone" in the library` {
		t.Errorf("Process with unknown ids: %v", err)
	}
}
