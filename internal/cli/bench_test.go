package cli

import (
	"runtime"
	"testing"
	"time"
)

// BenchmarkCheck100k runs `cite check` end to end (load, validate, print)
// on a generated library of 100,000 references in 101 files, with the
// parse cache warm. Besides time, CPU time and allocations it reports the
// peak heap in MB.
//
//	go test ./internal/cli -run '^$' -bench Check100k -benchmem
func BenchmarkCheck100k(b *testing.B) { benchPeakHeap(b, ExitProblems, benchCommand, "check") }

// BenchmarkCheck100kNoCache is BenchmarkCheck100k parsing every file.
func BenchmarkCheck100kNoCache(b *testing.B) {
	benchPeakHeap(b, ExitProblems, benchCommandNoCache, "check")
}

// BenchmarkFormatAPA10k runs `cite format --style apa` end to end (load
// with a warm parse cache, prepare, the engine, output to io.Discard) on
// 10,000 generated references; BenchmarkFormatAPA100k on 100,000. Both
// report the peak heap (issue 14: format of 100k under 500 MiB of RSS,
// and CPU at 100k at most 11 times that at 10k).
//
//	go test ./internal/cli -run '^$' -bench 'FormatAPA' -benchmem
func BenchmarkFormatAPA10k(b *testing.B) {
	dir := generatedLibrary(b, 10000)
	benchPeakHeap(b, 0, func(b *testing.B, want int, args ...string) { benchCommandOn(b, dir, want, nil, args...) }, "format", "--style", "apa")
}

func BenchmarkFormatAPA100k(b *testing.B) {
	benchPeakHeap(b, 0, benchCommand, "format", "--style", "apa")
}

// benchPeakHeap runs bench with cite's args (which exit with want),
// sampling the heap while it runs, and reports the peak.
func benchPeakHeap(b *testing.B, want int, bench func(*testing.B, int, ...string), args ...string) {
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
	bench(b, want, args...)
	close(stop)
	<-done
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
