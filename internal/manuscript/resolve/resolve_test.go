package resolve_test

import (
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/manuscript/resolve"
)

// work is a record of a test library.
type work struct {
	id, lang, year, title string
	authors               []bib.Name
}

func library(t *testing.T, works ...work) *bib.Library {
	t.Helper()
	lib := &bib.Library{}
	for _, w := range works {
		e := bib.NewEntry(w.id, "book")
		if w.lang != "" {
			e.Set("language", w.lang)
		}
		if w.title != "" {
			e.Set("title", w.title)
		}
		if w.year != "" {
			d, err := bib.ParseDate(w.year)
			if err != nil {
				t.Fatal(err)
			}
			e.SetDate("issued", d)
		}
		for _, n := range w.authors {
			e.AddName("author", n)
		}
		if err := lib.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	return lib
}

func fam(names ...string) []bib.Name {
	var out []bib.Name
	for _, n := range names {
		out = append(out, bib.Name{Family: n})
	}
	return out
}

func id(e *bib.Entry) string {
	if e == nil {
		return ""
	}
	return e.ID
}

// TestAuthorYear: the first author's name in every form the record keeps
// or romanisation gives, and the year, whose letter picks among the
// author's works of that year.
func TestAuthorYear(t *testing.T) {
	lib := library(t,
		work{id: "zhigalov1993", lang: "ru", year: "1993", authors: []bib.Name{{Family: "Жигалов", Given: "К.В."}}},
		work{id: "smith2012a", lang: "en", year: "2012", authors: fam("Smith")},
		work{id: "smith2012b", lang: "en", year: "2012", authors: fam("Smith")},
		work{id: "mfa2013", lang: "ru", year: "2013", authors: []bib.Name{{Literal: "Министерство иностранных дел", Alt: map[string]string{"literal-translated": "Ministry of Foreign Affairs"}}}},
		work{id: "rcore", year: "2022", authors: []bib.Name{{Given: "R Core", Family: "Team"}}},
		work{id: "terra", year: "2022", authors: []bib.Name{{Given: "Robert J.", Family: "Hijmans"}}},
		work{id: "vandijk", year: "2001", authors: []bib.Name{{NonDroppingParticle: "van", Family: "Dijk"}}},
		work{id: "obrien", year: "2005", authors: fam("O’Brien")},
		work{id: "strategy1992", lang: "ru", year: "1992", title: "Стратегия становления"},
	)
	rs := resolve.New(lib)
	tests := []struct{ author, year, want string }{
		{"Жигалов", "1993", "zhigalov1993"},
		{"Zhigalov", "1993", "zhigalov1993"},
		{"Žigalov", "1993", "zhigalov1993"},
		{"Smith", "2012", "smith2012a"},
		{"Smith", "2012b", "smith2012b"},
		{"Smith", "2012c", ""},
		{"smith", "2011", ""},
		{"Ministry of Foreign Affairs", "2013", "mfa2013"},
		{"Министерство иностранных дел", "2013", "mfa2013"},
		{"Nobody", "2013", ""},
		{"R Core Team", "2022", "rcore"},
		{"Team", "2022", "rcore"},
		{"J Hijmans", "2022", "terra"},
		{"van Dijk", "2001", "vandijk"},
		{"Dijk", "2001", "vandijk"},
		{"O'Brien", "2005", "obrien"},
		{"Стратегия становления", "1992", "strategy1992"},
		{"Strategiya stanovleniya", "1992", "strategy1992"},
	}
	for _, tt := range tests {
		if got := id(rs.AuthorYear(tt.author, tt.year)); got != tt.want {
			t.Errorf("AuthorYear(%q, %q) = %q; want %q", tt.author, tt.year, got, tt.want)
		}
	}
}

// resolveText parses text and resolves its markers' cites in order.
func resolveText(lib *bib.Library, name, text string, n resolve.Numbering) []resolve.Match {
	rs := resolve.New(lib)
	d := manuscript.Parse(name, text, manuscript.Detect(name), manuscript.Options{KeepNarrative: rs.KeepNarrative})
	cs := rs.Cites(d, n)
	var out []resolve.Match
	for i := range d.Markers {
		m := &d.Markers[i]
		for k := range m.Cites {
			out = append(out, cs.Resolve(m, &m.Cites[k]))
		}
	}
	return out
}

// TestCoauthors: among one author's works of a year, the rest of the
// author list as written picks the work: the co-authors it names, "et
// al." for a longer list, a sole name for a work written alone. Before,
// the first in library order was taken whatever the list said.
func TestCoauthors(t *testing.T) {
	lib := library(t,
		work{id: "smith-jones", year: "2012", title: "One", authors: fam("Smith", "Jones")},
		work{id: "smith", year: "2012", title: "Two", authors: fam("Smith")},
		work{id: "smith-brown-green", year: "2012", title: "Three", authors: fam("Smith", "Brown", "Green")},
		work{id: "petrov-sidorov", lang: "ru", year: "2018", title: "Четыре", authors: fam("Петров", "Сидоров")},
		work{id: "petrov", lang: "ru", year: "2018", title: "Пять", authors: fam("Петров")},
		work{id: "petrov-ivanov-kim", lang: "ru", year: "2018", title: "Шесть", authors: fam("Петров", "Иванов", "Ким")},
	)
	tests := []struct{ text, want string }{
		{"(Smith, 2012)", "smith"},
		{"(Smith & Jones, 2012)", "smith-jones"},
		{"(Smith and Jones 2012)", "smith-jones"},
		{"Smith and Jones (2012)", "smith-jones"},
		{"(Smith et al., 2012)", "smith-brown-green"},
		{"(Smith, Brown, & Green, 2012)", "smith-brown-green"},
		{"(Петров, Сидоров, 2018)", "petrov-sidorov"},
		{"(Petrov & Sidorov, 2018)", "petrov-sidorov"},
		{"(Петров, 2018)", "petrov"},
		{"(Петров и др., 2018)", "petrov-ivanov-kim"},
		{"(Smith, J., 2012)", "smith"},
	}
	for _, tt := range tests {
		got := resolveText(lib, "a.txt", "As shown "+tt.text+".\n", resolve.ByLibrary)
		if len(got) != 1 || id(got[0].Entry) != tt.want {
			var ids []string
			for _, m := range got {
				ids = append(ids, id(m.Entry))
			}
			t.Errorf("%s resolves to %q; want %q", tt.text, ids, tt.want)
		}
	}
}

// TestYearLetters: "2012a" and "2012b" are lettered as author–date
// styles letter them, by title (APA 7, 8.19), not in library order, so
// that a manuscript's letters name the works its list gives them. Both
// resolvers used the library order before.
func TestYearLetters(t *testing.T) {
	lib := library(t,
		work{id: "smithB", year: "2012", title: "Beta studies", authors: fam("Smith")},
		work{id: "smithA", year: "2012", title: "Alpha studies", authors: fam("Smith")},
	)
	rs := resolve.New(lib)
	for year, want := range map[string]string{"2012a": "smithA", "2012b": "smithB", "2012": "smithB", "2012c": ""} {
		if got := id(rs.AuthorYear("Smith", year)); got != want {
			t.Errorf("AuthorYear(Smith, %q) = %q; want %q", year, got, want)
		}
	}
}

// ownListText is a manuscript whose own numbered list is not in the
// library's order (library: ivanov1993, atlas2019, hanks2012).
const ownListText = `Ivanov recalls the early years [1, с. 5], and the atlas shows the steppe [2].
Hanks explains reference [3]; see also [@hanks-old, p. 5] and (Hanks, 2012).

References

1. An atlas of the steppe. Astana, 2019.
2. Иванов И. И. Воспоминания. – Алматы, 1993. – С. 9.
3. Hanks W. F. Referential practice: Language and lived space among the Maya. Chicago, 2012.
`

func ownListLibrary(t *testing.T) *bib.Library {
	lib := library(t,
		work{id: "ivanov1993", lang: "ru", year: "1993", title: "Воспоминания", authors: []bib.Name{{Family: "Иванов", Given: "И. И."}}},
		work{id: "atlas2019", year: "2019", title: "An atlas of the steppe"},
		work{id: "hanks2012", year: "1990", title: "Referential practice: Language and lived space among the Maya", authors: fam("Hanks")},
	)
	e, _ := lib.Lookup("hanks2012")
	e.Aliases = []string{"hanks-old"}
	lib.Reindex()
	return lib
}

// TestNumbering: numbers are the library's records for verify, which
// compares the list with the library apart, and the own list's records
// for render, which replaces that list; keys resolve through aliases; an
// author–date cite of the author's only work of another year gives that
// work as OtherYear.
func TestNumbering(t *testing.T) {
	lib := ownListLibrary(t)
	tests := []struct {
		n     resolve.Numbering
		want  []string
		pages []string
	}{
		{resolve.ByLibrary, []string{"ivanov1993", "atlas2019", "hanks2012", "hanks2012", ""}, []string{"", "", "", "", ""}},
		{resolve.ByOwnList, []string{"atlas2019", "ivanov1993", "hanks2012", "hanks2012", ""}, []string{"", "9", "", "", ""}},
	}
	for _, tt := range tests {
		got := resolveText(lib, "a.txt", ownListText, tt.n)
		if len(got) != len(tt.want) {
			t.Fatalf("numbering %d: %d cites; want %d", tt.n, len(got), len(tt.want))
		}
		for i, m := range got {
			if id(m.Entry) != tt.want[i] || m.Page != tt.pages[i] {
				t.Errorf("numbering %d, cite %d = %q (page %q); want %q (page %q)", tt.n, i, id(m.Entry), m.Page, tt.want[i], tt.pages[i])
			}
		}
		if last := got[len(got)-1]; id(last.OtherYear) != "hanks2012" {
			t.Errorf("(Hanks, 2012): OtherYear = %q; want hanks2012 (the author's only work, of 1990)", id(last.OtherYear))
		}
	}
}

// TestList: how entries of a manuscript's reference list are matched.
func TestList(t *testing.T) {
	lib := library(t,
		work{id: "kazpravda1992", year: "1992"},
		work{id: "zhigalov1993", lang: "ru", year: "1993", title: "Первый Президент Республики Казахстан Нурсултан Назарбаев", authors: []bib.Name{{Family: "Жигалов", Given: "К. В."}, {Family: "Султанов", Given: "Б. К."}}},
		work{id: "gamma", year: "2001", title: "Gamma", authors: []bib.Name{{Family: "Jones", Given: "J."}}},
		work{id: "vais2012", lang: "ru", year: "2012", title: "Назарбаев дает «ядерный урок» Ахмадинежаду", authors: fam("Вайс")},
		work{id: "atlas", title: "An atlas of the steppe"},
	)
	tests := []struct {
		name, entry string
		numbered    bool
		number      int
		key         string
		want        string
		how         resolve.How
	}{
		{"by title and authors", "Жигалов К.В., Султанов Б.К. Первый Президент Республики Казахстан Нурсултан Назарбаев. – Алматы, 1993.", true, 7, "", "zhigalov1993", resolve.ByText},
		{"romanised", "Zhigalov K. V., Sultanov B. K. Pervyi Prezident Respubliki Kazakhstan Nursultan Nazarbaev. Almaty, 1993.", true, 7, "", "zhigalov1993", resolve.ByText},
		{"romanised author and year, another title", "Zhigalov K. V. Pervyy prezident. Almaty, 1993.", false, 0, "", "zhigalov1993", resolve.ByText},
		// A one-word title alone does not make the work; with its author
		// and year it does. (verify matched the first; render the second
		// only by its place.)
		{"short title alone", "Alpha B. Gamma rays in practice. London, 2003.", true, 9, "", "", resolve.Unmatched},
		{"short title with author and year", "Jones J. Gamma. London, 2001.", true, 9, "", "gamma", resolve.ByText},
		{"title of a work without author", "An atlas of the steppe.", false, 0, "", "atlas", resolve.ByText},
		// An entry too short to match by title is the record of its number
		// when it names that record's author and year (render did so
		// without looking at the year; verify not at all).
		{"place: author and year", "Жигалов К.В. 1993.", true, 2, "", "zhigalov1993", resolve.ByPlace},
		{"place: romanised author, no year", "Vays A. Interview.", true, 4, "", "vais2012", resolve.ByPlace},
		{"place: another year", "Жигалов К.В., Султанов Б.К. Какая-то другая книга. 2005.", true, 2, "", "", resolve.Unmatched},
		{"place: another number", "Жигалов К.В. 1993.", true, 3, "", "", resolve.Unmatched},
		{"place: unnumbered list", "Жигалов К.В. 1993.", false, 0, "", "", resolve.Unmatched},
		{"bibitem key", "Some other text.", true, 1, "gamma", "gamma", resolve.ByKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rl := &manuscript.ReferenceList{Numbered: tt.numbered, Entries: []manuscript.ReferenceEntry{{Number: tt.number, Key: tt.key, Text: tt.entry}}}
			l := resolve.New(lib).List(rl)
			m := l.Entries[0]
			if id(m.Entry) != tt.want || m.How != tt.how {
				t.Errorf("List(%q) = %q by %d; want %q by %d", tt.entry, id(m.Entry), m.How, tt.want, tt.how)
			}
			if m.Entry != nil && m.Number != lib.Number(m.Entry.ID) {
				t.Errorf("Number = %d; want %d", m.Number, lib.Number(m.Entry.ID))
			}
		})
	}
}

// TestListKeyAndYears: a \bibitem whose text plainly describes another
// record says so; the years an entry gives are compared with its record's.
func TestListKeyAndYears(t *testing.T) {
	lib := ownListLibrary(t)
	rl := &manuscript.ReferenceList{Numbered: true, Entries: []manuscript.ReferenceEntry{
		{Number: 1, Key: "ivanov1993", Text: "Hanks W. F. Referential practice: Language and lived space among the Maya. Chicago, 1990."},
		{Number: 2, Text: "Hanks W. F. Referential practice: Language and lived space among the Maya. Chicago, 2012. – P. 33–35."},
	}}
	l := resolve.New(lib).List(rl)
	if m := l.Entries[0]; id(m.Entry) != "ivanov1993" || m.How != resolve.ByKey || id(m.Described) != "hanks2012" {
		t.Errorf("keyed entry = %q by %d, described %q; want ivanov1993 by key, describing hanks2012", id(m.Entry), m.How, id(m.Described))
	}
	m := l.Entries[1]
	if id(m.Entry) != "hanks2012" || m.YearMatch || len(m.Years) != 1 || m.Years[0] != 2012 {
		t.Errorf("entry 2 = %q, years %v, match %v; want hanks2012, [2012], no match", id(m.Entry), m.Years, m.YearMatch)
	}
	if got := l.Page(2); got != "33–35" {
		t.Errorf("Page(2) = %q; want 33–35", got)
	}
	if l.Record(2) != m.Entry || l.Record(3) != nil {
		t.Errorf("Record(2), Record(3) = %q, %q; want hanks2012, none", id(l.Record(2)), id(l.Record(3)))
	}
}

// TestKeepNarrative: a narrative author–date marker is a citation only
// when it resolves.
func TestKeepNarrative(t *testing.T) {
	lib := library(t, work{id: "smith", year: "2012", authors: fam("Smith")})
	rs := resolve.New(lib)
	for text, want := range map[string]int{"Smith (2012) says so.\n": 1, "The Minister (1994) says so.\n": 0, "Smith (2013) says so.\n": 0} {
		d := manuscript.Parse("a.txt", text, manuscript.Text, manuscript.Options{KeepNarrative: rs.KeepNarrative})
		if len(d.Markers) != want {
			t.Errorf("%q: %d markers; want %d", text, len(d.Markers), want)
		}
	}
}

// TestFootnote: a footnote reference names no record itself.
func TestFootnote(t *testing.T) {
	lib := library(t, work{id: "smith", year: "2012", authors: fam("Smith")})
	got := resolveText(lib, "a.md", "Text.[^1]\n\n[^1]: See [@smith].\n", resolve.ByOwnList)
	if len(got) != 2 || got[0].Entry != nil || id(got[1].Entry) != "smith" {
		t.Errorf("footnote and its marker = %v", got)
	}
}
