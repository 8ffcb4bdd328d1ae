// Package memtune paces Go's garbage collector for one run of cite by the
// size of what the run reads.
//
// Go collects garbage, by default, whenever the heap has grown by as much
// as survived the last collection (GOGC=100). For a command that reads a
// small library that is far more often than its memory calls for: a
// tenth of its time goes to collections that keep its heap at tens of
// megabytes. For a large one it lets the heap grow to twice the most the
// run ever keeps, at the moment it keeps the most. ForInput sets both
// ends from the input's size instead: a heap allowed to grow four times
// what survives (GOGC=400), within a soft limit on the memory of the
// process proportional to the input (debug.SetMemoryLimit), so that a
// small library is read with few collections and a large one with no
// more memory than GOGC=100 would give it, usually less.
//
// A user who sets GOGC or GOMEMLIMIT keeps the runtime's own handling of
// them: ForInput then does nothing.
package memtune

import (
	"math"
	"os"
	"runtime/debug"
)

// Percent is the GOGC value ForInput sets.
const Percent = 400

// Floor is the least memory limit ForInput sets: what a small input may
// use before collections come at the default pace again.
const Floor = 256 << 20

// PerByte is the memory limit per byte of input: a library's records, the
// engine's items and keys and the collector's headroom take about this
// many times the size of its TOML files at a run's peak (4 to 5 times in
// live data, twice that with GOGC=100).
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
// the package documentation), unless GOGC or GOMEMLIMIT is set.
func ForInput(size int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(Limit(size))
	debug.SetGCPercent(Percent)
}
