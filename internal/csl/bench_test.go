package csl_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
)

// generateItems returns n deterministic references of mixed types.
func generateItems(n int) []*item.Item {
	families := []string{"Smith", "Jones", "Иванов", "Brown", "Petrova", "García", "Müller", "Nguyen", "O'Brien", "van Dijk"}
	givens := []string{"Anna", "Boris", "Carla", "Dmitri", "Elena", "Felix", "Галина", "Hiro"}
	types := []string{"article-journal", "book", "chapter", "webpage", "report", "thesis"}
	items := make([]*item.Item, n)
	for i := range items {
		it := item.New(fmt.Sprintf("ref%05d", i), types[i%len(types)])
		it.Set("title", fmt.Sprintf("On the structure of citations, part %d", i))
		it.Set("container-title", fmt.Sprintf("Journal of Studies %d", i%50))
		it.Set("volume", fmt.Sprint(1+i%40))
		it.Set("issue", fmt.Sprint(1+i%12))
		it.Set("page", fmt.Sprintf("%d-%d", 10+i%300, 20+i%300))
		it.Set("publisher", "Example Press")
		it.Set("publisher-place", "Berlin")
		it.Set("DOI", fmt.Sprintf("10.1000/%d", i))
		for k := 0; k <= i%4; k++ {
			it.Names["author"] = append(it.Names["author"], item.Name{
				Family: families[(i+k)%len(families)], Given: givens[(i*3+k)%len(givens)]})
		}
		if i%6 == 2 {
			it.Names["editor"] = []item.Name{{Family: "Editor", Given: "Eve"}}
		}
		it.Dates["issued"] = item.Date{Parts: []item.DateParts{{Year: 1950 + i%70, Month: 1 + i%12, Day: 1 + i%28}}}
		items[i] = it
	}
	return items
}

// BenchmarkAPA10000 renders the bibliography of 10,000 generated
// references with the official APA style.
func BenchmarkAPA10000(b *testing.B) {
	shared := sharedDir(b)
	if shared == "" {
		b.Skip("../shared/csl not found")
	}
	data, err := os.ReadFile(filepath.Join(shared, "csl", "styles", "apa.csl"))
	if err != nil {
		b.Skip(err)
	}
	p, err := csl.New(data, csl.Options{Locales: fileLocales(filepath.Join(shared, "csl", "locales"))})
	if err != nil {
		b.Fatal(err)
	}
	const n = 10000
	items := generateItems(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		entries, _ := p.Bibliography(items)
		if len(entries) != n {
			b.Fatalf("got %d entries; want %d", len(entries), n)
		}
		for _, e := range entries {
			_ = output.Render(e, output.HTML)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "refs/s")
}
