package cite_test

import (
	"testing"

	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/gen"
)

// benchFormat formats the whole bibliography of a generated library (the
// work of 'cite format' after loading): preparing the entries, the engine
// (sorting, disambiguation, rendering) and output.
func benchFormat(b *testing.B, n int, style string) {
	lib := gen.Library(n, 1)
	n = len(lib.Entries) // the generator adds a few cited containers
	st, err := cite.LoadStyle(style, nil)
	if err != nil {
		b.Fatal(err)
	}
	f, err := cite.New(st, cite.Options{Format: output.Text})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := f.Bibliography(lib, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Entries) != n {
			b.Fatalf("%d entries; want %d", len(res.Entries), n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/ref")
}

// BenchmarkFormatAPA10k formats 10,000 generated references (cite
// generate --count 10000 --seed 1) with cite's APA style; allocs/op
// divided by 10,000 is the allocations per reference.
//
//	go test ./internal/cite -run '^$' -bench Format -benchmem
func BenchmarkFormatAPA10k(b *testing.B) { benchFormat(b, 10000, "apa") }

// BenchmarkFormatGOST10k is the same with cite's GOST style.
func BenchmarkFormatGOST10k(b *testing.B) { benchFormat(b, 10000, "gost") }

// BenchmarkFormatAPA100k is BenchmarkFormatAPA10k with 100,000
// references, for the cost per reference at scale.
func BenchmarkFormatAPA100k(b *testing.B) { benchFormat(b, 100000, "apa") }
