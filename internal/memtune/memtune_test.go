package memtune

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

func TestLimit(t *testing.T) {
	for _, c := range []struct {
		size, want int64
	}{
		{-1, Floor},
		{0, Floor},
		{1 << 20, Floor},               // a small library: the floor
		{Floor / PerByte, Floor},       // where the floor ends
		{59 << 20, 59 << 20 * PerByte}, // 100,000 generated references
		{math.MaxInt64 / 2, math.MaxInt64},
	} {
		if got := Limit(c.size); got != c.want {
			t.Errorf("Limit(%d) = %d; want %d", c.size, got, c.want)
		}
	}
}

// TestForInput: the pace is set, unless the user set GOGC or GOMEMLIMIT.
func TestForInput(t *testing.T) {
	defer paced.Store(paced.Load())
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	ForInput(100 << 20)
	if got := debug.SetMemoryLimit(-1); got != 100<<20*PerByte {
		t.Errorf("memory limit %d; want %d", got, 100<<20*PerByte)
	}
	if got := debug.SetGCPercent(100); got != -1 {
		t.Errorf("GOGC %d; want -1 (off)", got)
	}
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, "200")
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
			ForInput(100 << 20)
			if debug.SetGCPercent(100) != 100 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
				t.Errorf("with %s set, ForInput changed the pace", env)
			}
		})
	}
}

func TestCollectNow(t *testing.T) {
	for _, c := range []struct {
		limit int64
		heap  uint64
		want  bool
	}{
		{0, 1 << 40, false}, // not paced
		{Floor, 10 << 20, false},
		{Floor, Floor / 2, false},
		{Floor, Floor/2 + 1, true},
		{473 << 20, 300 << 20, true}, // 100,000 references, prepared
		{473 << 20, 40 << 20, false}, // 10,000
	} {
		if got := collectNow(c.limit, c.heap); got != c.want {
			t.Errorf("collectNow(%d, %d) = %v; want %v", c.limit, c.heap, got, c.want)
		}
	}
}

// TestReleased: Released collects only when ForInput set the pace and
// the heap is past half the limit.
func TestReleased(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer paced.Store(paced.Load())
	forced := func() uint64 {
		s := []metrics.Sample{{Name: "/gc/cycles/forced:gc-cycles"}}
		metrics.Read(s)
		return s[0].Value.Uint64()
	}
	paced.Store(0)
	before := forced()
	Released()
	if forced() != before {
		t.Error("Released collected without ForInput")
	}
	paced.Store(1) // any heap is past half of one byte
	Released()
	if forced() != before+1 {
		t.Error("Released did not collect past half the limit")
	}
	paced.Store(1 << 50)
	Released()
	if forced() != before+1 {
		t.Error("Released collected below half the limit")
	}
}
