package cite

import (
	"fmt"
	"maps"
	"reflect"
	"testing"
	"unsafe"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csl/item"
)

// TestKeepFields: an item whose adapter has merged its preparation's
// changes into one list and let go of the variables they override reads
// every variable and date as one that kept them apart, whether it was
// prepared alone or through a scratch buffer.
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
	merged, dropped := 0, 0
	var sc scratch
	owning := scratch{own: true}
	entryMemory := map[*byte]bool{}
	for _, e := range entries {
		entryMemory[unsafe.StringData(e.ID)] = true
		entryMemory[unsafe.StringData(e.Type)] = true
		for _, v := range e.Fields() {
			entryMemory[unsafe.StringData(v)] = true
		}
		for _, ns := range e.AllNames() {
			for _, n := range ns {
				for _, part := range []string{n.Family, n.Given, n.Literal, n.Suffix, n.DroppingParticle, n.NonDroppingParticle} {
					entryMemory[unsafe.StringData(part)] = true
				}
				for _, alt := range n.Alt {
					entryMemory[unsafe.StringData(alt)] = true
				}
			}
		}
	}
	delete(entryMemory, nil)
	check := func(what string, got, want *entrySource) {
		t.Helper()
		for _, n := range names {
			if g, w := got.Var(n), want.Var(n); g != w {
				t.Errorf("%s: Var(%q) = %q; with the changes apart %q", what, n, g, w)
			}
		}
		for _, n := range bib.Variables(bib.DateKind) {
			g, gok := got.Date(n)
			w, wok := want.Date(n)
			if gok != wok || !reflect.DeepEqual(g, w) {
				t.Errorf("%s: Date(%q) = %+v, %v; with the changes apart %+v, %v", what, n, g, gok, w, wok)
			}
		}
		if g, w := len(got.fields)+len(got.changed), len(want.fields)+len(want.changed); g > w {
			t.Errorf("%s: %d variables kept, more than the %d apart", what, g, w)
		}
	}
	for _, e := range entries {
		for pi, p := range preps {
			what := fmt.Sprintf("%s, preparation %d", e.ID, pi)
			whole := apply(e, p, nil).Source.(*entrySource)
			src := Prepare(e, p).Source.(*entrySource)
			check(what, src, whole)
			merged += len(whole.changed) - len(src.changed)
			dropped += len(whole.fields) + len(whole.changed) - len(src.fields) - len(src.changed)
			// Prepared through a scratch buffer, the item keeps lists of
			// its own: what the next preparation writes there is not read.
			viaScratch := prepare(e, p, &sc).Source.(*entrySource)
			for i := range sc.fields[:cap(sc.fields)] {
				sc.fields[:cap(sc.fields)][i] = fieldValue{"title", "overwritten"}
			}
			for i := range sc.changed[:cap(sc.changed)] {
				sc.changed[:cap(sc.changed)][i] = changedVariable{name: "title", value: "overwritten", hidden: true}
			}
			check(what+", through scratch", viaScratch, whole)
			// With copies of its strings, the item reads the same and
			// keeps none of the entry's.
			ref := apply(e, p, nil)
			owned := prepare(e, p, &owning)
			check(what+", owning its strings", owned.Source.(*entrySource), whole)
			if owned.ID != ref.ID || owned.Type != ref.Type || owned.Language != ref.Language {
				t.Errorf("%s, owning its strings: id, type, language %q %q %q; want %q %q %q", what, owned.ID, owned.Type, owned.Language, ref.ID, ref.Type, ref.Language)
			}
			if g, w := maps.Collect(owned.AllNames()), maps.Collect(ref.AllNames()); !reflect.DeepEqual(g, w) {
				t.Errorf("%s, owning its strings: names %v; want %v", what, g, w)
			}
			for _, s := range ownedStrings(owned) {
				if entryMemory[unsafe.StringData(s)] {
					t.Errorf("%s, owning its strings: %q is the entry's", what, s)
				}
			}
		}
	}
	if merged == 0 || dropped == 0 {
		t.Errorf("%d changes merged, %d variables let go: the test tests nothing", merged, dropped)
	}
	t.Logf("%d changes merged, %d variables let go", merged, dropped)
}

// ownedStrings lists the strings a prepared item keeps.
func ownedStrings(it *item.Item) []string {
	out := []string{it.ID, it.Type, it.Language}
	s := it.Source.(*entrySource)
	for _, f := range s.fields {
		out = append(out, f.value)
	}
	for _, c := range s.changed {
		out = append(out, c.value)
	}
	for _, nv := range it.NameVars {
		for _, n := range nv.Names {
			out = append(out, n.Family, n.Given, n.Literal, n.Suffix, n.DroppingParticle, n.NonDroppingParticle)
		}
	}
	return out
}
