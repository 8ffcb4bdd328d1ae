package cite_test

import (
	"errors"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/translit"
	"github.com/cite-project/cite/styles"
)

func entry(id, typ string, fields map[string]string) *bib.Entry {
	e := bib.NewEntry(id, typ)
	for k, v := range fields {
		e.Set(k, v)
	}
	return e
}

func TestItem(t *testing.T) {
	e := entry("x", "book", map[string]string{
		"language": "ru", "title": "Заглавие", "title-translit": "Zaglavie", "title-translated": "Title",
		"note": "where this came from", "page": "5-7",
	})
	e.AddName("author", bib.Name{Family: "Иванов", Given: "И. И.", Alt: map[string]string{"family-translit": "Ivanov"}})
	e.AddName("author", bib.Name{})
	e.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 2014}, End: bib.DatePart{Year: 2020}, Range: true})
	e.SetDate("accessed", bib.Date{Start: bib.DatePart{Year: 2024, Month: 3, Day: 1}, Approximate: true})
	e.SetDate("original-date", bib.Date{Start: bib.DatePart{Year: 2001}, Season: 2})
	e.SetDate("submitted", bib.Date{Literal: "Spring term"})
	got := cite.Item(e)
	want := &item.Item{
		ID: "x", Type: "book", Language: "ru",
		Vars:  map[string]string{"title": "Заглавие", "page": "5-7"},
		Names: map[string][]item.Name{"author": {{Family: "Иванов", Given: "И. И."}}},
		Dates: map[string]item.Date{
			"issued":        {Parts: []item.DateParts{{Year: 2014}, {Year: 2020}}},
			"accessed":      {Parts: []item.DateParts{{Year: 2024, Month: 3, Day: 1}}, Circa: true},
			"original-date": {Parts: []item.DateParts{{Year: 2001}}, Season: "2"},
			"submitted":     {Literal: "Spring term"},
		},
	}
	if g, w := engineView(got), engineView(want); !reflect.DeepEqual(g, w) {
		t.Errorf("Item gives the engine\n%+v\nwant\n%+v", g, w)
	}
}

// view is what the engine reads of an item: every variable and date
// through Var and Date (whether held in the maps or read through the
// item's Source), and the names.
type view struct {
	ID, Type, Language string
	Vars               map[string]string
	Names              map[string][]item.Name
	Dates              map[string]item.Date
}

func engineView(it *item.Item) view {
	v := view{ID: it.ID, Type: it.Type, Language: it.Language, Vars: map[string]string{}, Names: map[string][]item.Name{}, Dates: map[string]item.Date{}}
	for k, ns := range it.AllNames() {
		v.Names[k] = ns
	}
	names := append(bib.Variables(bib.Standard), bib.Variables(bib.Number)...)
	for _, n := range append([]string(nil), names...) {
		names = append(names, n+bib.TranslitSuffix, n+bib.TranslatedSuffix)
	}
	names = append(names, "issued-open", "media-electronic", "media-unmediated", "author-heading", "author-title-page")
	for _, n := range names {
		if s := it.Var(n); s != "" {
			v.Vars[n] = s
		}
	}
	for _, n := range bib.Variables(bib.DateKind) {
		if d, ok := it.Date(n); ok {
			v.Dates[n] = d
		}
	}
	return v
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		name   string
		fields map[string]string
		author string
		want   string
	}{
		{"recorded", map[string]string{"language": "de", "title": "Заглавие"}, "", "de"},
		{"russian title", map[string]string{"title": "Первый Президент"}, "", "ru"},
		{"kazakh title", map[string]string{"title": "Абай жолы, Қазақстан"}, "", "kk"},
		{"english title", map[string]string{"title": "Deep learning"}, "", "en"},
		{"container only", map[string]string{"container-title": "Известия"}, "", "ru"},
		{"author only", nil, "Жигалов", "ru"},
		{"nothing", nil, "", ""},
	}
	for _, tt := range tests {
		e := entry("x", "book", tt.fields)
		if tt.author != "" {
			e.AddName("author", bib.Name{Family: tt.author})
		}
		if got := cite.Language(e); got != tt.want {
			t.Errorf("%s: Language = %q; want %q", tt.name, got, tt.want)
		}
	}
}

func TestPrepare(t *testing.T) {
	ru := entry("ru", "book", map[string]string{
		"language": "ru", "title": "Первый Президент", "title-translated": "The first President",
		"publisher": "Наука", "URL": "https://пример.рф/", "genre": "монография", "genre-translated": "monograph",
		"container-title": "Серия", "container-title-translit": "Seriya (recorded)",
	})
	ru.AddName("author", bib.Name{Family: "Жигалов", Given: "К. В.", Alt: map[string]string{"family-translit": "Zhigalov (recorded)"}})
	ru.AddName("editor", bib.Name{Literal: "Министерство", Alt: map[string]string{"literal-translated": "Ministry"}})
	en := entry("en", "book", map[string]string{"language": "en", "title": "Deep learning", "title-translated": "unused"})
	for i := 0; i < 4; i++ {
		en.AddName("author", bib.Name{Family: "A", Given: "B"})
	}

	apa := cite.Prep{Romanize: true, Translate: true}
	it := cite.Prepare(ru, apa)
	checks := []struct{ what, got, want string }{
		{"title romanised", it.Var("title"), "Pervyy Prezident"},
		{"translation", it.Var("title-translated"), "The first President"},
		{"recorded translit wins", it.Var("container-title"), "Seriya (recorded)"},
		{"publisher romanised", it.Var("publisher"), "Nauka"},
		{"URL untouched", it.Var("URL"), "https://пример.рф/"},
		{"genre translated", it.Var("genre"), "monograph"},
		{"recorded family", it.NamesOf("author")[0].Family, "Zhigalov (recorded)"},
		{"given romanised", it.NamesOf("author")[0].Given, "K. V."},
		{"institution translated", it.NamesOf("editor")[0].Literal, "Ministry"},
		{"no heading flag", it.Var("author-heading"), ""},
		{"language kept", it.Language, "ru"},
	}
	lc := cite.Prepare(ru, cite.Prep{Romanize: true, Scheme: translit.LCASCII, Heading: true, Language: "en"})
	checks = append(checks, []struct{ what, got, want string }{
		{"scheme", lc.Var("title"), "Pervyi Prezident"},
		{"heading for one person", lc.Var("author-heading"), "true"},
		{"language forced", lc.Language, "en"},
		{"no translation unless asked", lc.Var("title-translated"), ""},
	}...)
	four := cite.Prepare(en, cite.Prep{Translate: true, Heading: true})
	checks = append(checks, []struct{ what, got, want string }{
		{"no heading for four", four.Var("author-heading"), ""},
		{"no translation of English", four.Var("title-translated"), ""},
	}...)
	gost := cite.Prepare(ru, cite.Prep{Heading: true})
	checks = append(checks, []struct{ what, got, want string }{
		{"GOST keeps script", gost.Var("title"), "Первый Президент"},
		{"GOST keeps names", gost.NamesOf("author")[0].Family, "Жигалов"},
	}...)
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q; want %q", c.what, c.got, c.want)
		}
	}
	org := entry("org", "report", map[string]string{"title": "Доклад"})
	org.AddName("author", bib.Name{Literal: "Институт"})
	if v := cite.Prepare(org, cite.Prep{Heading: true}).Var("author-heading"); v != "" {
		t.Errorf("institution got a heading flag %q", v)
	}
	if v := cite.Prepare(org, cite.Prep{Romanize: true}).NamesOf("author")[0].Literal; v != "Institut" {
		t.Errorf("institution without translation romanised to %q; want Institut", v)
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in      string
		want    cite.Ref
		wantErr bool
	}{
		{"zhigalov1993", cite.Ref{ID: "zhigalov1993"}, false},
		{"zhigalov1993@9", cite.Ref{ID: "zhigalov1993", Locator: "9"}, false},
		{" zhigalov1993 @ 9-12 ", cite.Ref{ID: "zhigalov1993", Locator: "9-12"}, false},
		{"x@chapter:3", cite.Ref{ID: "x", Locator: "3", Label: "chapter"}, false},
		{"x@12:30", cite.Ref{ID: "x", Locator: "12:30"}, false},
		{"@9", cite.Ref{}, true},
	}
	for _, tt := range tests {
		got, err := cite.ParseRef(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseRef(%q) = %+v, %v; want %+v (error %v)", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestLoadStyle(t *testing.T) {
	for _, name := range styles.Names() {
		st, err := cite.LoadStyle(name, nil)
		if err != nil {
			t.Errorf("LoadStyle(%q): %v", name, err)
			continue
		}
		f, err := cite.New(st, cite.Options{})
		if err != nil {
			t.Errorf("New(%q): %v", name, err)
			continue
		}
		want := cite.GOST
		if name == "apa" {
			want = cite.APA
		}
		if f.Kind() != want {
			t.Errorf("%s: Kind = %v; want %v", name, f.Kind(), want)
		}
	}
	if _, err := cite.LoadStyle("mla", nil); !errors.Is(err, styles.ErrUnknownStyle) {
		t.Errorf("LoadStyle(mla) error = %v; want ErrUnknownStyle", err)
	}
	// A file is read with the reader given, and one of cite's styles read
	// from a file is prepared as the embedded one.
	st, err := cite.LoadStyle("../../styles/apa.csl", os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	if f, err := cite.New(st, cite.Options{}); err != nil || f.Kind() != cite.APA {
		t.Errorf("apa.csl from a file: kind %v, error %v", f.Kind(), err)
	}
	if _, err := cite.LoadStyle("testdata/none.csl", os.ReadFile); err == nil || errors.Is(err, styles.ErrUnknownStyle) {
		t.Errorf("missing file: error %v; want a read error", err)
	}
	other := []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><id>x</id><title>x</title></info><citation><layout><text variable="title"/></layout></citation></style>`)
	f, err := cite.New(&cite.Style{Name: "x.csl", XML: other}, cite.Options{})
	if err != nil || f.Kind() != cite.Other {
		t.Errorf("foreign style: kind %v, error %v", f, err)
	}
}

// TestCite checks in-text citations against the rules: APA 7 8.11-8.17
// and GOST R 7.0.5-2008 (numbers in square brackets, page after a comma).
func TestCite(t *testing.T) {
	essay := load(t, "../../refs/references.toml")
	mixed := load(t, "testdata/mixed.toml")
	tests := []struct {
		style string
		lib   *bib.Library
		refs  []string
		want  string
	}{
		{"apa", essay, []string{"zhigalov1993@9"}, "(Zhigalov & Sultanov, 1993, p. 9)"},
		{"gost", essay, []string{"zhigalov1993@9"}, "[2, с. 9]"},
		{"gost-2008", essay, []string{"zhigalov1993@9"}, "[2, с. 9]"},
		{"gost-alphabetical", essay, []string{"zhigalov1993@9"}, "[2, с. 9]"},
		{"gost-alphabetical", essay, []string{"vais2012"}, "[1]"},
		{"gost", essay, []string{"konyrova-reconciliation@2"}, "[8, p. 2]"},
		{"gost", essay, []string{"kazpravda1992", "zhigalov1993", "strategy1992", "vais2012"}, "[1–4]"},
		{"apa", essay, []string{"mfa2013disarmament", "mfa2014concept"}, "(Ministry of Foreign Affairs of the Republic of Kazakhstan, 2013, 2014)"},
		{"apa", essay, []string{"konyrova-reconciliation"}, "(Konyrova, n.d.)"},
		{"apa", essay, []string{"akorda-osce-summit"}, "(SAMMIT OBSE V ASTANE, n.d.)"},
		{"apa", mixed, []string{"aho1974@12"}, "(Aho et al., 1974, p. 12)"},
		{"apa", mixed, []string{"kernighan1988", "kuhn1962"}, "(Kernighan & Ritchie, 1988; Kuhn, 1962)"},
		{"apa", mixed, []string{"ada1990"}, "(Americans with Disabilities Act of 1990, 1990)"},
		// APA 8.13: chapter, figure, table and footnote in full; p. and para. abbreviated.
		{"apa", mixed, []string{"lotman1970@chapter:2"}, "(Lotman, 1970, Chapter 2)"},
		{"apa", mixed, []string{"lotman1970@figure:4"}, "(Lotman, 1970, Figure 4)"},
		{"apa", mixed, []string{"lotman1970@table:2"}, "(Lotman, 1970, Table 2)"},
		{"apa", mixed, []string{"lotman1970@paragraph:5"}, "(Lotman, 1970, para. 5)"},
		{"apa", mixed, []string{"lotman1970@paragraph:5-7"}, "(Lotman, 1970, paras. 5–7)"},
		{"apa", mixed, []string{"doe2019b", "doe2019"}, "(Doe, 2019a, 2019b)"},
		{"apa", mixed, []string{"pride1972"}, "(Pride & Holmes, 1972)"},
		{"gost", mixed, []string{"auezov1997@45"}, "[29, б. 45]"},
		{"gost", mixed, []string{"lotman1970@45-47"}, "[16, с. 45–47]"},
	}
	for _, tt := range tests {
		var refs []cite.Ref
		for _, s := range tt.refs {
			r, err := cite.ParseRef(s)
			if err != nil {
				t.Fatal(err)
			}
			refs = append(refs, r)
		}
		got, _, err := formatter(t, tt.style, cite.Options{}).Cite(tt.lib, refs)
		if err != nil || got != tt.want {
			t.Errorf("%s %v = %q, %v; want %q", tt.style, tt.refs, got, err, tt.want)
		}
	}
	_, _, err := formatter(t, "gost", cite.Options{}).Cite(essay, []cite.Ref{{ID: "nobody"}})
	var unknown *cite.UnknownIDError
	if !errors.As(err, &unknown) || !reflect.DeepEqual(unknown.IDs, []string{"nobody"}) {
		t.Errorf("unknown id: error %v", err)
	}
}

func TestBibliographyIDs(t *testing.T) {
	essay := load(t, "../../refs/references.toml")
	res, err := formatter(t, "gost", cite.Options{}).Bibliography(essay, []string{"vais2012", "zhigalov1993"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.IDs, []string{"zhigalov1993", "vais2012"}) {
		t.Errorf("IDs = %v; want library order", res.IDs)
	}
	if len(res.Entries) != 2 || !strings.HasPrefix(res.Entries[0], "2. ") || !strings.HasPrefix(res.Entries[1], "4. ") {
		t.Errorf("entries keep library numbers: %q", res.Entries)
	}
	_, err = formatter(t, "apa", cite.Options{}).Bibliography(essay, []string{"b", "a", "vais2012"})
	if err == nil || err.Error() != `no references with ids "a", "b" in the library` {
		t.Errorf("unknown ids: error %v", err)
	}
}

// TestItemLetsEntryGo checks that a prepared item keeps nothing of its
// entry but the storage of its variables: once the library is dropped,
// its entries (their names, dates, positions) can be collected while the
// engine works on the items.
func TestItemLetsEntryGo(t *testing.T) {
	e := bib.NewEntry("x", "book")
	e.Set("title", "Заметки о библиографии")
	e.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 1992}})
	e.AddName("author", bib.Name{Family: "Иванов", Given: "И."})
	gone := weak.Make(e)
	it := cite.Prepare(e, cite.Prep{Romanize: true, SentenceCase: true})
	e = nil
	runtime.GC()
	if gone.Value() != nil {
		t.Error("the prepared item keeps its entry alive")
	}
	if got := it.Var("title"); got != "Zametki o bibliografii" {
		t.Errorf("title = %q after the entry went; want the romanised title", got)
	}
	if d, ok := it.Date("issued"); !ok || d.Year() != 1992 || it.NamesOf("author")[0].Family != "Ivanov" {
		t.Errorf("the item lost its date or names: %v %v", d, it.NamesOf("author"))
	}
}
