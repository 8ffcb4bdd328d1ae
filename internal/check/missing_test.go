package check_test

import (
	"fmt"
	"maps"
	"runtime"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/check"
	"github.com/cite-project/cite/internal/gen"
)

// missingByRun is what MissingFields must give: the ids that Run reports
// with missing-field.
func missingByRun(lib *bib.Library, opts check.Options) map[string]bool {
	want := map[string]bool{}
	for _, d := range check.Run(lib, opts) {
		if d.Code == check.CodeMissingField {
			want[d.Ref] = true
		}
	}
	return want
}

// TestMissingFields: MissingFields finds exactly the entries Run reports
// with missing-field, for each target style, on one processor and on
// several (a library of several chunks is checked in parallel).
func TestMissingFields(t *testing.T) {
	now := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{1000, 5000} {
		lib := gen.Library(n, 1)
		for _, procs := range []int{1, 2, 4} {
			old := runtime.GOMAXPROCS(procs)
			for _, style := range check.Styles {
				for _, tw := range []bool{false, true} {
					opts := check.Options{Style: style, Now: now, TranslationWarning: tw}
					want := missingByRun(lib, opts)
					if len(want) == 0 {
						t.Fatalf("%s: the generated library has no missing fields to compare", style)
					}
					if got := check.MissingFields(lib, opts); !maps.Equal(got, want) {
						t.Errorf("%d entries, GOMAXPROCS %d, %s, translation warning %v: MissingFields = %d entries; Run reports %d", n, procs, style, tw, len(got), len(want))
					}
				}
			}
			runtime.GOMAXPROCS(old)
		}
	}
}

// TestMissingFieldsCases compares MissingFields with Run on entries at
// the edges of the requirement rules: the ones that turn an entry into
// another type, drop a need or only recommend a field.
func TestMissingFieldsCases(t *testing.T) {
	now := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	entry := func(id, typ string, fields map[string]string, names ...bib.Name) *bib.Entry {
		e := bib.NewEntry(id, typ).WithFields(fields)
		for _, n := range names {
			e.AddName("author", n)
		}
		return e
	}
	person := bib.Name{Family: "Ivanov", Given: "I."}
	institution := bib.Name{Literal: "Ministry of Foreign Affairs"}
	lib := &bib.Library{Entries: []*bib.Entry{
		// A conference paper exported as an article: checked as a paper.
		entry("proc", "article-journal", map[string]string{"title": "T", "container-title": "Proceedings of the CHI Conference"}, person),
		entry("procok", "article-journal", map[string]string{"title": "T", "container-title": "Proceedings of the CHI Conference", "page": "1-2", "publisher": "ACM"}, person),
		// A journal article with a volume but no issue: only recommended.
		entry("vol", "article-journal", map[string]string{"title": "T", "container-title": "Polis", "volume": "3", "page": "1-9", "DOI": "10.1/x"}, person),
		entry("novol", "article-journal", map[string]string{"title": "T", "container-title": "Polis"}, person),
		// Online newspaper articles need no page; printed ones do (GOST).
		entry("news-online", "article-newspaper", map[string]string{"title": "T", "container-title": "Times", "issued": "2020-01-02", "URL": "https://x.example"}, person),
		entry("news-print", "article-newspaper", map[string]string{"title": "T", "container-title": "Times"}, person),
		// A web page by its site's institution needs no site name.
		entry("web-inst", "webpage", map[string]string{"title": "T", "URL": "https://x.example"}, institution),
		entry("web-person", "webpage", map[string]string{"title": "T", "URL": "https://x.example"}, person),
		// A title in Cyrillic: translation (APA) and language.
		entry("ru", "book", map[string]string{"title": "Внешняя политика", "publisher": "Наука"}, person),
		entry("ru-tagged", "book", map[string]string{"title": "Внешняя политика", "publisher": "Наука", "language": "ru", "title-translated": "Foreign policy"}, person),
		entry("blank", "book", map[string]string{"title": "T", "publisher": "   "}, person),
		entry("untyped", "", map[string]string{"title": "T"}),
		entry("unknown-type", "map", map[string]string{}),
		entry("personal", "personal_communication", map[string]string{}, person),
		entry("thesis", "thesis", map[string]string{"title": "T", "publisher": "University"}, person),
		nil,
	}}
	for _, style := range check.Styles {
		for _, tw := range []bool{false, true} {
			opts := check.Options{Style: style, Now: now, TranslationWarning: tw}
			want := missingByRun(lib, opts)
			if got := check.MissingFields(lib, opts); !maps.Equal(got, want) {
				t.Errorf("%s, translation warning %v: MissingFields = %v; Run reports %v", style, tw, got, want)
			}
		}
	}
}

// TestMissingFieldsEveryType compares MissingFields with Run on entries of
// every type (and unknown ones): with each field its template asks for,
// with each of those fields left out in turn, and with nothing, online
// (URL, medium) or printed, titled in English, Cyrillic or with a
// language tag, by a person or an institution, in every style.
func TestMissingFieldsEveryType(t *testing.T) {
	now := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	types := []string{"book", "classic", "pamphlet", "collection", "chapter", "entry", "entry-dictionary", "entry-encyclopedia",
		"paper-conference", "article-journal", "article-magazine", "article-newspaper", "article", "webpage", "post", "post-weblog",
		"thesis", "report", "legislation", "bill", "regulation", "treaty", "legal_case", "standard", "patent", "dataset", "software",
		"review", "review-book", "periodical", "motion_picture", "document", "manuscript", "speech", "interview",
		"personal_communication", "map", "song", "", "x-unknown"}
	variants := []map[string]string{
		{},
		{"URL": "https://x.example"},
		{"medium": "Электронный ресурс"},
		{"medium": "  "},
		{"title": "Внешняя политика"},
		{"title": "Внешняя политика", "language": "en-US"},
		{"title": "Foreign policy", "language": "ru"},
		{"title": "Foreign policy", "language": "und"},
		{"title": "   "},
		{"container-title": "CHI '09: Proceedings of the SIGCHI Conference"},
	}
	var lib bib.Library
	n := 0
	add := func(typ string, fields []string, skip string, extra map[string]string, institution bool) {
		e := bib.NewEntry(fmt.Sprintf("e%d", n), typ)
		n++
		for _, f := range fields {
			if f == skip {
				continue
			}
			switch bib.VariableKind(f) {
			case bib.NameList:
				if institution {
					e.AddName(f, bib.Name{Literal: "Ministry of Foreign Affairs"})
				} else {
					e.AddName(f, bib.Name{Family: "Иванов", Given: "И."})
				}
			case bib.DateKind:
				e.SetDate(f, bib.Date{Start: bib.DatePart{Year: 2020, Month: 5}})
			default:
				e.Set(f, "v")
			}
		}
		lib.Entries = append(lib.Entries, e.WithFields(extra))
	}
	for _, typ := range types {
		fields := check.TemplateFields(typ)
		for _, extra := range variants {
			for _, institution := range []bool{false, true} {
				add(typ, nil, "", extra, institution)
				add(typ, fields, "", extra, institution)
				for _, skip := range fields {
					add(typ, fields, skip, extra, institution)
				}
			}
		}
	}
	for _, style := range check.Styles {
		for _, tw := range []bool{false, true} {
			opts := check.Options{Style: style, Now: now, TranslationWarning: tw}
			want := missingByRun(&lib, opts)
			if len(want) == 0 || len(want) == len(lib.Entries) {
				t.Fatalf("%s: %d of %d entries lack data: nothing to tell apart", style, len(want), len(lib.Entries))
			}
			got := check.MissingFields(&lib, opts)
			for _, e := range lib.Entries {
				if got[e.ID] != want[e.ID] {
					t.Errorf("%s, translation warning %v: %s (%s, %v): MissingFields says %v; Run %v", style, tw, e.ID, e.Type, e, got[e.ID], want[e.ID])
				}
			}
		}
	}
}
