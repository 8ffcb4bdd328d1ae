package search_test

import (
	"testing"

	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/search"
)

// BenchmarkMatch100k matches queries against 100,000 generated references
// held in memory (no loading), so the cost of matching alone shows.
//
//	go test ./internal/search -run '^$' -bench Match100k -benchmem
func BenchmarkMatch100k(b *testing.B) {
	lib := gen.Library(100000, 1)
	for _, query := range []string{"author:Zhigalov", "Назарбаев", "Nazarbayev", "type:webpage -has:DOI", "year:1990..1995 lang:ru"} {
		b.Run(query, func(b *testing.B) {
			q, err := search.Parse(query)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				n = len(q.Filter(lib.Entries))
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
}
