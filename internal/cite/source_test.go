package cite

import (
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

// TestKeepFields: an item whose adapter has let go of the variables its
// preparation overrode reads every variable as one that kept them all,
// whether it was prepared alone or through a scratch buffer.
func TestKeepFields(t *testing.T) {
	entries := []*bib.Entry{}
	add := func(id, typ string, fields map[string]string, names map[string][]bib.Name, issued string) {
		e := bib.NewEntry(id, typ)
		for k, v := range fields {
			e.Set(k, v)
		}
		for k, ns := range names {
			e.SetNames(k, ns)
		}
		if issued != "" {
			d, err := bib.ParseDate(issued)
			if err != nil {
				d = bib.Date{Literal: issued}
			}
			e.SetDate("issued", d)
		}
		entries = append(entries, e)
	}
	add("ru", "book", map[string]string{
		"language": "ru", "title": "Первый Президент", "title-translit": "Pervyy Prezident (recorded)",
		"title-translated": "The first President", "publisher": "Наука", "publisher-place": "Москва",
		"genre": "монография", "genre-translated": "monograph", "URL": "https://пример.рф/", "note": "из каталога",
		"media-type": "электронный",
	}, map[string][]bib.Name{"author": {{Family: "Жигалов", Given: "К. В."}}}, "2000/..")
	add("en", "article-journal", map[string]string{
		"title": "A Study of {Kazakh} Policy: The Case of the SCO", "container-title": "Central Asian Survey",
		"volume": "3", "media-type": "print", "abstract": "Kazakh policy …",
	}, map[string][]bib.Name{"author": {{Family: "Smith", Given: "J."}}, "editor": {{Literal: "Институт"}}}, "n.d.")
	add("kk", "thesis", map[string]string{
		"title": "Қазақстан", "genre": "дис.", "language": "kk",
	}, nil, "2010")
	add("empty", "book", nil, nil, "")
	add("only-forms", "book", map[string]string{"title-translit": "X", "language": "en"}, nil, "")
	preps := []Prep{
		{},
		{Romanize: true, Translate: true, OpenAsUndated: true, SentenceCase: true},
		{Heading: true},
		{Romanize: true, Translate: true, Heading: true, Language: "en"},
	}
	names := append(bib.Variables(bib.Standard), bib.Variables(bib.Number)...)
	for _, n := range append([]string(nil), names...) {
		names = append(names, n+bib.TranslitSuffix, n+bib.TranslatedSuffix)
	}
	names = append(names, "issued-open", "media-electronic", "media-unmediated", "author-heading", "author-title-page", "language", "note", "")
	dropped := 0
	var scratch []fieldValue
	for _, e := range entries {
		for pi, p := range preps {
			it := Prepare(e, p)
			src := it.Source.(*entrySource)
			whole := *src
			whole.fields = engineFields(e)
			for _, n := range names {
				if got, want := src.Var(n), whole.Var(n); got != want {
					t.Errorf("%s, preparation %d: Var(%q) = %q; with every field kept %q", e.ID, pi, n, got, want)
				}
			}
			dropped += len(whole.fields) - len(src.fields)
			if len(src.fields) > len(whole.fields) {
				t.Errorf("%s, preparation %d: %d fields kept of %d", e.ID, pi, len(src.fields), len(whole.fields))
			}
			if _, ok := src.Date("issued"); ok != func() bool { _, ok := whole.Date("issued"); return ok }() {
				t.Errorf("%s, preparation %d: the issued date differs", e.ID, pi)
			}
			// Prepared through a scratch buffer, the item keeps a copy of
			// its own: what the next preparation writes there is not read.
			viaScratch := prepare(e, p, &scratch).Source.(*entrySource)
			for i := range scratch[:cap(scratch)] {
				scratch[:cap(scratch)][i] = fieldValue{"title", "overwritten"}
			}
			for _, n := range names {
				if got, want := viaScratch.Var(n), whole.Var(n); got != want {
					t.Errorf("%s, preparation %d, through scratch: Var(%q) = %q; with every field kept %q", e.ID, pi, n, got, want)
				}
			}
		}
	}
	if dropped == 0 {
		t.Error("no preparation let a field go: the test tests nothing")
	}
	t.Logf("%d fields let go", dropped)
}
