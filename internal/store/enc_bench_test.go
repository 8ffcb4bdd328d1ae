package store

import (
	"io"
	"testing"

	"github.com/cite-project/cite/internal/gen"
)

// BenchmarkEncode100k writes 100,000 generated references in canonical
// form (what cite fmt --check and cite import pay for).
//
//	go test ./internal/store -run '^$' -bench Encode100k -benchmem
func BenchmarkEncode100k(b *testing.B) {
	lib := gen.Library(100000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Encode(io.Discard, lib.Entries, lib.Claims); err != nil {
			b.Fatal(err)
		}
	}
}
