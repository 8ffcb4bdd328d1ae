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
func BenchmarkCheck100k(b *testing.B) { benchPeakHeap(b, benchCommand, "check") }

// BenchmarkCheck100kNoCache is BenchmarkCheck100k parsing every file.
func BenchmarkCheck100kNoCache(b *testing.B) { benchPeakHeap(b, benchCommandNoCache, "check") }

// benchPeakHeap runs bench with cite's check command, sampling the heap
// while it runs, and reports the peak.
func benchPeakHeap(b *testing.B, bench func(*testing.B, int, ...string), args ...string) {
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
	// The generated library has planted mistakes: check exits with 1.
	bench(b, ExitProblems, args...)
	close(stop)
	<-done
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
