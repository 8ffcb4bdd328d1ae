package csljson

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/testkit"
)

// benchJSON returns the CSL-JSON export of the generated library of n
// references (seed 1), made once in the temporary directory.
func benchJSON(b *testing.B, n int) []byte {
	b.Helper()
	path := filepath.Join(os.TempDir(), "cite-bench-csljson-100k-seed1.json")
	if data, err := os.ReadFile(path); err == nil {
		return data
	}
	lib := gen.Library(n, 1)
	var buf bytes.Buffer
	if err := Encode(&buf, lib.Entries); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkDecode100k reads the CSL-JSON export of 100,000 generated
// references (what cite --library refs.json pays without a cache).
//
//	go test ./internal/csljson -run '^$' -bench Decode100k -benchmem
func BenchmarkDecode100k(b *testing.B) {
	data := benchJSON(b, 100000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	defer testkit.ReportCPU(b)()
	for b.Loop() {
		if _, _, err := Decode("refs.json", data); err != nil {
			b.Fatal(err)
		}
	}
}
