package eval

import (
	"fmt"
	"runtime"
	"slices"
	"testing"

	"github.com/cite-project/cite/internal/csl/style"
)

// testRun returns a run of a minimal style, for the parallel machinery.
func testRun(t *testing.T) *run {
	t.Helper()
	st, err := style.Parse([]byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id></info>
<citation><layout><text variable="title"/></layout></citation></style>`))
	if err != nil {
		t.Fatal(err)
	}
	return New(st, Config{}).newRun(nil)
}

// TestParallelWarningsInOrder: warnings given by forks reach the run in
// the order a sequential run gives them, each once.
func TestParallelWarningsInOrder(t *testing.T) {
	defer SetParallelism(2, 3)()
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	r := testRun(t)
	r.parallel(100, func(f *run, lo, hi int) {
		for i := lo; i < hi; i++ {
			f.warn("item %d", i/2) // each twice, in neighbouring chunks at times
		}
	})
	var want []string
	for i := 0; i < 50; i++ {
		want = append(want, fmt.Sprintf("item %d", i))
	}
	if !slices.Equal(r.warnings, want) {
		t.Errorf("warnings = %q\nwant %q", r.warnings, want)
	}
}

// TestParallelCarriesPanics: a panic in a worker is raised again in the
// goroutine that started the work, where a recover can catch it (a
// panic left in the worker would end the process).
func TestParallelCarriesPanics(t *testing.T) {
	defer SetParallelism(2, 1)()
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	r := testRun(t)
	defer func() {
		if v := recover(); v != "boom" {
			t.Errorf("recovered %v; want the worker's panic", v)
		}
	}()
	r.parallel(50, func(f *run, lo, hi int) {
		if lo == 30 {
			panic("boom")
		}
	})
	t.Error("parallel returned after a worker panicked")
}

// TestForksAreReused: a fork a run took back is handed out again, with
// its caches, and with nothing left of its warnings.
func TestForksAreReused(t *testing.T) {
	r := testRun(t)
	f := r.fork()
	f.inits[initialsKey{}] = "cached"
	f.warn("old")
	r.retire(f)
	g := r.fork()
	if g != f || g.inits[initialsKey{}] != "cached" || len(g.warnings) != 0 || len(g.warned) != 0 {
		t.Errorf("reused fork: same %v, inits %q, warnings %q", g == f, g.inits[initialsKey{}], g.warnings)
	}
}
