// Package memtune paces Go's garbage collector for one run of cite by the
// size of what the run reads.
//
// Go collects garbage, by default, whenever the heap has grown by as much
// as survived the last collection (GOGC=100). For a command that reads a
// library, renders it and exits, that is far more often than its memory
// calls for: each collection marks everything the run still holds (the
// library, then the engine's items and keys), and a run of 100,000
// references spent a sixth of its instructions on four or five of them.
// ForInput sets the memory limit instead (debug.SetMemoryLimit): a soft
// limit on the memory of the process proportional to the input, and no
// collection at all until the heap comes near it (GOGC=off). A small
// library is then read without a collection. A large one is collected
// where that is cheapest: Released, called when the run lets go of the
// library for the engine's items, collects then, over little live data,
// if the heap has grown past half the limit; the rendering that follows
// fits in the rest, or needs one more collection near its end.
//
// The limit is soft: a run whose live data exceeds it goes on, collecting
// often (Go spends at most about half the CPU on it then), rather than
// failing. The inputs' own bounds (store.Limits) are what keep hostile
// input in check.
//
// On Linux, ForInput also asks for transparent huge pages for the heap
// the run will fill (see adviseHugePages): with the collector off, a run
// touches all of its heap fresh, and in 4 KiB pages the kernel's page
// faults were an eighth of its CPU time.
//
// A user who sets GOGC or GOMEMLIMIT keeps the runtime's own handling of
// them: ForInput then does nothing.
package memtune

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Floor is the least memory limit ForInput sets: the memory a run on a
// small input may take before its first collection.
const Floor = 256 << 20

// PerByte is the memory limit per byte of input: a library's records, the
// engine's items and keys take 3 to 4 times the size of its TOML files in
// live data at a run's peak, and the garbage made meanwhile the rest.
const PerByte = 8

// Limit returns the memory limit for an input of size bytes.
func Limit(size int64) int64 {
	if size <= 0 {
		return Floor
	}
	if size > math.MaxInt64/PerByte {
		return math.MaxInt64
	}
	return max(Floor, size*PerByte)
}

// ForInput paces the collector for a run whose input is size bytes (see
// the package documentation): no collection until the heap nears
// Limit(size). It does nothing when GOGC or GOMEMLIMIT is set.
func ForInput(size int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(Limit(size))
	debug.SetGCPercent(-1)
	paced.Store(Limit(size))
	advise.Do(func() { adviseHugePages(hugeShare(size)) })
}

// advise gives the huge-page advice once per process: the pages stay
// mapped and advised for every later run in it (tests run many).
var advise sync.Once

// hugeShare is how much of the heap ForInput asks the system to back with
// huge pages for an input of size bytes: three quarters of the limit. A
// run fills that much before the collector reclaims any of it, and the
// share stays below the 95% of the limit at which the runtime starts
// returning free memory to the system.
func hugeShare(size int64) int64 { return Limit(size) / 4 * 3 }

// paced holds the limit ForInput set, 0 before (or when GOGC or
// GOMEMLIMIT is set).
var paced atomic.Int64

// Released tells the pacer that the run has just let go of most of what
// it held: a library whose entries are now the engine's items. When the
// heap has grown past half the limit ForInput set, Released collects
// now, over the little that is live, instead of later, when the heap
// reaches the limit in the middle of rendering, over all the engine holds
// then: at 100,000 references that collection marked 160 MB; this one
// marks half that, and the rendering after it needs no other. Released
// does nothing unless ForInput set the pace.
func Released() {
	limit := paced.Load()
	if limit <= 0 {
		return
	}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() == metrics.KindUint64 && collectNow(limit, sample[0].Value.Uint64()) {
		runtime.GC()
	}
}

// collectNow reports whether Released collects, with a heap of heap bytes
// (what its objects take, garbage included) under the limit: when the
// heap has passed half of it. Below that the rest of the run most likely
// fits in what is left (a small library is read without a collection).
func collectNow(limit int64, heap uint64) bool {
	return limit > 0 && heap > uint64(limit/2)
}
