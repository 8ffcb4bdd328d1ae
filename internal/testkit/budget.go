package testkit

import (
	"runtime"
	"testing"
)

// Allocated returns the bytes the process allocated (garbage included)
// while f ran. Run it where nothing else allocates: outside t.Parallel,
// or inside a fuzz function, which runs one input at a time.
func Allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// AllocBudget runs f and fails t when it allocates more than perByte bytes
// per byte of input (inputLen) plus slack: the resource assertion of fuzz
// targets and of regression tests for blow-ups on small inputs. It
// measures allocation, not time, so a busy machine cannot fail it; under
// the race detector the budget is RaceFactor times larger.
func AllocBudget(t testing.TB, what string, inputLen int, perByte, slack uint64, f func()) {
	t.Helper()
	budget := (perByte*uint64(inputLen) + slack) * RaceFactor
	if used := Allocated(f); used > budget {
		t.Fatalf("%s allocated %d bytes for %d bytes of input; the budget is %d (%d per byte + %d)",
			what, used, inputLen, budget, perByte, slack)
	}
}

// OutputBudget fails t when an output of outLen bytes is more than perByte
// times inputLen plus slack.
func OutputBudget(t testing.TB, what string, inputLen, outLen int, perByte, slack int) {
	t.Helper()
	if outLen > perByte*inputLen+slack {
		t.Fatalf("%s wrote %d bytes for %d bytes of input; the budget is %d per byte + %d", what, outLen, inputLen, perByte, slack)
	}
}
