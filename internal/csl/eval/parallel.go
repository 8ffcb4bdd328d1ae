package eval

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/cite-project/cite/internal/csl/output"
)

// parallelMin is the number of renderings from which a run spreads them
// over the processors: below it, starting goroutines costs more than it
// saves. A variable so that tests can make small runs parallel.
var parallelMin = 512

// renderChunk is how many renderings a worker takes at a time (a
// variable for SetParallelism).
var renderChunk = 32

// maxWorkers bounds the goroutines of one run: beyond it the sequential
// parts (grouping, comparing, writing the entries out) decide the time,
// and every fork holds its own caches and slabs.
const maxWorkers = 16

// workerCount returns how many goroutines share n renderings: one per
// processor (at most maxWorkers), at most one per chunk, and 1 below
// parallelMin.
func workerCount(n int) int {
	if n < parallelMin {
		return 1
	}
	return max(1, min(runtime.GOMAXPROCS(0), maxWorkers, (n+renderChunk-1)/renderChunk))
}

// fork returns a run that renders alongside r's other forks. It shares
// what renderings only read (the engine, the items, the registry: order,
// slots, citation numbers, disambiguation states) and r's slots of
// disambiguation keys, where it reads any item's and writes only its own
// items' (as it changes only their states), and has its own caches,
// buffers, slabs, collator and warnings. While forks render, r must
// neither render nor change its registry or its caches.
//
// A fork that r.retire took back is handed out again, with the caches it
// filled (initials, name options, terms, collation keys): the phases of
// a run render the same names and terms over and over.
func (r *run) fork() *run {
	if k := len(r.retired); k > 0 {
		f := r.retired[k-1]
		r.retired = r.retired[:k-1]
		f.items, f.byID, f.order, f.slots, f.citeNum, f.dis = r.items, r.byID, r.order, r.slots, r.citeNum, r.dis
		f.unregisteredDis = r.unregisteredDis
		f.preparing, f.firstNoteOf, f.byCite = r.preparing, r.firstNoteOf, r.byCite
		f.keys, f.expKeys = r.keys, r.expKeys
		f.warnings, f.budgetErr = nil, nil
		clear(f.warned)
		f.resetSlabs()
		return f
	}
	return &run{e: r.e, items: r.items, byID: r.byID, order: r.order, slots: r.slots, citeNum: r.citeNum, dis: r.dis,
		unregisteredDis: r.unregisteredDis, coll: r.e.collator(), warned: map[string]bool{},
		nameOpts: map[nameOptsKey]nameOpts{}, inits: map[initialsKey]string{},
		keys: r.keys, expKeys: r.expKeys,
		textTerms: slices.Clone(r.textTerms), rangeDelim: r.rangeDelim,
		preparing: r.preparing, firstNoteOf: r.firstNoteOf, byCite: r.byCite,
		terms: map[termKey]termValue{}, quotes: map[string]*output.Quotes{}}
}

// retire takes forks back for r.fork to hand out again. Only forks whose
// rendered nodes nobody holds any more may be retired.
func (r *run) retire(forks ...*run) {
	r.retired = append(r.retired, forks...)
}

// chunkResult is what a fork's rendering of one chunk leaves for the
// run: its warnings, in the order they were given, and a budget error.
type chunkResult struct {
	warnings  []string
	budgetErr *BudgetError
}

// take records chunk results in r as if r had rendered the chunks itself,
// in order: warnings keep the order of their first occurrence and the
// first budget error is kept.
func (r *run) take(results []chunkResult) {
	for _, c := range results {
		for _, w := range c.warnings {
			r.warn("%s", w)
		}
		if c.budgetErr != nil && r.budgetErr == nil {
			r.budgetErr = c.budgetErr
		}
	}
}

// startChunk clears the warnings a fork records per chunk. A budget
// error stays: a fork that exceeded the budget renders nothing more, as
// a run does not.
func (f *run) startChunk() {
	f.warnings = nil
	clear(f.warned)
}

// endChunk returns what the fork recorded for the chunk.
func (f *run) endChunk() chunkResult {
	return chunkResult{warnings: f.warnings, budgetErr: f.budgetErr}
}

// workerPanic carries a panic from worker goroutines to the goroutine
// that started them, where it is raised again (a panic in a goroutine of
// its own would end the process past every recover).
type workerPanic struct{ first atomic.Pointer[any] }

// catch, deferred in a worker, records the worker's panic (the first of
// all workers') and lets the worker end.
func (p *workerPanic) catch() {
	if v := recover(); v != nil {
		p.first.CompareAndSwap(nil, &v)
	}
}

// failed reports whether a worker panicked.
func (p *workerPanic) failed() bool { return p.first.Load() != nil }

// raise panics again with the recorded panic, if any.
func (p *workerPanic) raise() {
	if v := p.first.Load(); v != nil {
		panic(*v)
	}
}

// parallel calls do(f, lo, hi) for consecutive chunks [lo, hi) of
// [0, n), spread over workerCount(n) forks of r, and returns when all
// are done, with their warnings and budget errors taken into r in chunk
// order (the disambiguation keys they rendered are in r's slots). do
// must write only to its fork, to the states and keys of its own items
// and to slots of its own range.
// With one worker it runs do(r, 0, n) itself.
func (r *run) parallel(n int, do func(f *run, lo, hi int)) {
	w := workerCount(n)
	if w <= 1 || r.budgetErr != nil {
		do(r, 0, n)
		return
	}
	chunks := (n + renderChunk - 1) / renderChunk
	results := make([]chunkResult, chunks)
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed workerPanic
	forks := make([]*run, w)
	for i := range forks {
		f := r.fork()
		forks[i] = f
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer failed.catch()
			for !failed.failed() {
				ci := int(next.Add(1)) - 1
				if ci >= chunks {
					return
				}
				lo := ci * renderChunk
				f.startChunk()
				do(f, lo, min(lo+renderChunk, n))
				results[ci] = f.endChunk()
			}
		}()
	}
	wg.Wait()
	failed.raise()
	r.take(results)
	r.retire(forks...) // what they rendered was read (into keys and strings)
}

// SetParallelism makes runs of at least minItems renderings parallel,
// in chunks of chunk, and returns a function that restores the settings.
// It is for tests that check that parallel runs render what sequential
// ones do (with minItems 2 and chunk 1 even the smallest run is
// parallel); it must not be called while an engine runs.
func SetParallelism(minItems, chunk int) (restore func()) {
	oldMin, oldChunk := parallelMin, renderChunk
	parallelMin, renderChunk = max(minItems, 1), max(chunk, 1)
	return func() { parallelMin, renderChunk = oldMin, oldChunk }
}
