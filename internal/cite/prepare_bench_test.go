package cite

import (
	"runtime"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/testkit"
)

// benchPrepare prepares every entry of a generated library of n
// references for style, as 'cite format' does (EachEntryOnce: the items
// own their strings), on one CPU, so that cpu-ms/op is the preparation's CPU (with the collector's).
//
//	go test ./internal/cite -run '^$' -bench Prepare -benchmem
func benchPrepare(b *testing.B, n int, style string) {
	lib := gen.Library(n, 1)
	st, err := LoadStyle(style, nil)
	if err != nil {
		b.Fatal(err)
	}
	f, err := New(st, Options{Format: output.Text})
	if err != nil {
		b.Fatal(err)
	}
	p := f.prep()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.ReportAllocs()
	b.ResetTimer()
	defer testkit.ReportCPU(b)()
	for range b.N {
		l := &bib.Library{Entries: append([]*bib.Entry(nil), lib.Entries...)}
		if items := f.items(l, p, true); len(items) != len(lib.Entries) {
			b.Fatalf("%d items; want %d", len(items), len(lib.Entries))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lib.Entries)), "ns/ref")
}

// BenchmarkPrepareAPA10k prepares 10,000 generated references for cite's
// APA style: romanisation, translations, sentence case.
func BenchmarkPrepareAPA10k(b *testing.B) { benchPrepare(b, 10000, "apa") }

// BenchmarkPrepareAPA100k is BenchmarkPrepareAPA10k with 100,000.
func BenchmarkPrepareAPA100k(b *testing.B) { benchPrepare(b, 100000, "apa") }

// BenchmarkPrepareGOST10k prepares 10,000 references for cite's GOST style.
func BenchmarkPrepareGOST10k(b *testing.B) { benchPrepare(b, 10000, "gost") }
