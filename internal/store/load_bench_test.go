package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/testkit"
)

// benchLibrary writes the generated library of n references (seed 1) as
// cite generate does, 1,000 references a file, once into the temporary
// directory, and returns its directory.
func benchLibrary(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("cite-bench-store-%d-seed1", n))
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	lib := gen.Library(n, 1)
	const perFile = 1000
	files := (len(lib.Entries) + perFile - 1) / perFile
	for i := 0; i < len(lib.Entries); i += perFile {
		f := i / perFile
		var buf bytes.Buffer
		claims := lib.Claims[f*len(lib.Claims)/files : (f+1)*len(lib.Claims)/files]
		if err := Encode(&buf, lib.Entries[i:min(i+perFile, len(lib.Entries))], claims); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("refs-%03d.toml", f)), buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkLoad100k reads a generated library of 100,000 references in
// 101 files (parse, line index, model), as every command that opens the
// library does without a cache.
//
//	go test ./internal/store -run '^$' -bench Load100k -benchmem
func BenchmarkLoad100k(b *testing.B) {
	dir := benchLibrary(b, 100000)
	b.ReportAllocs()
	b.ResetTimer()
	defer testkit.ReportCPU(b)()
	for b.Loop() {
		if _, _, err := Load(dir); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(100000*float64(b.N)/b.Elapsed().Seconds(), "refs/s")
}

// BenchmarkLoadCached100k is BenchmarkLoad100k through a warm parse
// cache: checksumming the files, reading the cache file and decoding its
// records, as a command run a second time on an unchanged library does.
//
//	go test ./internal/store -run '^$' -bench LoadCached100k -benchmem
func BenchmarkLoadCached100k(b *testing.B) {
	dir := benchLibrary(b, 100000)
	lim := Limits{CacheDir: b.TempDir()}
	if _, _, err := LoadWith(dir, lim); err != nil { // fill the cache
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	defer testkit.ReportCPU(b)()
	for b.Loop() {
		if _, _, err := LoadWith(dir, lim); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(100000*float64(b.N)/b.Elapsed().Seconds(), "refs/s")
}
