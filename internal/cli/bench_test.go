package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// BenchmarkCheck100k runs `cite check` end to end (load, validate, print)
// on a generated library of 100,000 references in 100 files. Besides time
// and allocations it reports the peak heap in MB.
//
//	go test ./internal/cli -run '^$' -bench Check100k -benchmem
func BenchmarkCheck100k(b *testing.B) {
	dir := b.TempDir()
	var stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, now: func() time.Time { return testNow }}
	if code := e.run(context.Background(), []string{"cite", "generate", "--count", "100000", "--seed", "1", "--out", dir}); code != 0 {
		b.Fatalf("generate: exit %d: %s", code, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	if len(files) < 100 {
		b.Fatalf("generated %d files; want at least 100", len(files))
	}
	runtime.GC()
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // sample the heap while the benchmark runs
		defer close(done)
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
		}
	}()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		stderr.Reset()
		if code := e.run(context.Background(), []string{"cite", "--library", dir, "check"}); code != ExitProblems {
			b.Fatalf("check: exit %d; want 1 (the generated library has planted mistakes): %s", code, stderr.String())
		}
	}
	b.StopTimer()
	close(stop)
	<-done
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(100000*float64(b.N)/b.Elapsed().Seconds(), "refs/s")
	_ = os.Remove(dir)
}
