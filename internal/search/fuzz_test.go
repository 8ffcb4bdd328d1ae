package search_test

import (
	"github.com/cite-project/cite/internal/testkit"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/search"
)

// FuzzQuery: any query parses or fails with a *search.Error, and matching
// never panics.
//
//	go test ./internal/search -fuzz FuzzQuery -fuzztime 60s
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"author:Zhigalov", "Назарбаев year:1990..1995", `title:"a b" -type:book`, "has:DOI missing:accessed", "year:..", "-", `"`} {
		f.Add(s, "Первый Президент Nazarbayev’s Ёлка")
	}
	f.Fuzz(func(t *testing.T, query, text string) {
		// Resources: parsing and matching allocate in proportion to the
		// query and the text, never to their product.
		var (
			q   *search.Query
			err error
		)
		used := testkit.Allocated(func() { q, err = search.Parse(query) })
		if err != nil {
			if _, ok := err.(*search.Error); !ok {
				t.Fatalf("Parse(%q) error %T; want *search.Error", query, err)
			}
			return
		}
		e := bib.NewEntry("x", "book")
		e.Set("title", text)
		e.AddName("author", bib.Name{Family: text, Given: text})
		used += testkit.Allocated(func() { q.Match(e) })
		if budget := (256*uint64(len(query)+len(text)) + 64<<10) * testkit.RaceFactor; used > budget {
			t.Fatalf("Parse and Match allocated %d bytes for a query of %d bytes and a text of %d; the budget is %d", used, len(query), len(text), budget)
		}
	})
}
