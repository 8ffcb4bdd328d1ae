package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/testkit"
)

// bigLibrary returns the directory of the generated 100,000-reference
// library (seed 1), made once in the temporary directory and reused by
// later runs, so that benchmarks neither pay for generating it nor leave
// copies behind.
func bigLibrary(b *testing.B) string { return generatedLibrary(b, 100000) }

// generatedLibrary returns the directory of a generated library of n
// references (cite generate --count n --seed 1), made once.
func generatedLibrary(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("cite-bench-%dk-seed1", n/1000))
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	var stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, now: func() time.Time { return testNow }}
	if code := e.run(context.Background(), []string{"cite", "generate", "--count", strconv.Itoa(n), "--seed", "1", "--out", dir}); code != 0 {
		b.Fatalf("generate: exit %d: %s", code, stderr.String())
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchCommand runs cite with args on the 100,000-reference library,
// with the parse cache warm (one run before the timer starts fills it).
// Besides the time it reports the process's CPU time per run (cpu-ms/op).
func benchCommand(b *testing.B, want int, args ...string) {
	benchCommandWith(b, want, nil, args...)
}

// benchCommandNoCache is benchCommand with --no-cache: every run parses
// every file.
func benchCommandNoCache(b *testing.B, want int, args ...string) {
	benchCommandWith(b, want, []string{"--no-cache"}, args...)
}

func benchCommandWith(b *testing.B, want int, global []string, args ...string) {
	benchCommandOn(b, bigLibrary(b), want, global, args...)
}

// benchCommandOn runs cite with args on the library dir, as benchCommand.
func benchCommandOn(b *testing.B, dir string, want int, global []string, args ...string) {
	var stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, now: func() time.Time { return testNow }}
	full := append(append(append([]string{"cite"}, global...), "--library", dir), args...)
	if code := e.run(context.Background(), full); code != want {
		b.Fatalf("%v: exit %d; want %d: %s", args, code, want, stderr.String())
	}
	b.ReportAllocs()
	b.ResetTimer()
	defer testkit.ReportCPU(b)()
	for b.Loop() {
		stderr.Reset()
		if code := e.run(context.Background(), full); code != want {
			b.Fatalf("%v: exit %d; want %d: %s", args, code, want, stderr.String())
		}
	}
	if dir == bigLibrary(b) {
		b.ReportMetric(100000*float64(b.N)/b.Elapsed().Seconds(), "refs/s")
	}
}

// The library commands at 100,000 references, end to end: search and
// fmt --check must take no longer than list (issue 11).
//
//	go test ./internal/cli -run '^$' -bench 'List100k|Search100k|Fmt100k' -benchmem
func BenchmarkList100k(b *testing.B) { benchCommand(b, 0, "list") }

// BenchmarkList100kNoCache is BenchmarkList100k parsing every file.
func BenchmarkList100kNoCache(b *testing.B) { benchCommandNoCache(b, 0, "list") }

func BenchmarkSearch100kLatinName(b *testing.B) { benchCommand(b, 0, "search", "author:Zhigalov") }

func BenchmarkSearch100kCyrillicWord(b *testing.B) {
	benchCommand(b, 0, "search", "Назарбаев")
}

func BenchmarkSearch100kLatinWord(b *testing.B) {
	benchCommand(b, 0, "search", "Nazarbayev", "year:1990..2020")
}

func BenchmarkSearch100kFields(b *testing.B) {
	benchCommand(b, 0, "search", "type:webpage", "-has:DOI", "--ids")
}

func BenchmarkFmtCheck100k(b *testing.B) { benchCommand(b, 0, "fmt", "--check") }

// BenchmarkFmtCheck100kNoCache is BenchmarkFmtCheck100k formatting every
// file (the first run on a library, or --no-cache).
func BenchmarkFmtCheck100kNoCache(b *testing.B) { benchCommandNoCache(b, 0, "fmt", "--check") }
