package check_test

import (
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
