package csl_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
)

// fanOutStyle returns a style of depth macros, each calling the next
// twice: rendering one item would evaluate 2^depth elements.
func fanOutStyle(depth int) []byte {
	var b strings.Builder
	b.WriteString(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><id>fan</id><title>fan</title><updated>2024-01-01T00:00:00+00:00</updated></info>`)
	for i := 1; i < depth; i++ {
		fmt.Fprintf(&b, "<macro name=\"m%d\"><text macro=\"m%d\"/><text macro=\"m%d\"/></macro>\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, `<macro name="m%d"><text variable="title"/></macro>`, depth)
	b.WriteString(`<citation><layout><text macro="m1"/></layout></citation><bibliography><layout><text macro="m1"/></layout></bibliography></style>`)
	return []byte(b.String())
}

// TestEvalBudget: a 2.9 KB style whose macros fan out to 2^40 element
// evaluations stops with an error naming the macro and how to raise the
// limit, within a bounded number of allocations (not a timed test).
func TestEvalBudget(t *testing.T) {
	st := fanOutStyle(40)
	if len(st) > 3000 {
		t.Fatalf("style is %d bytes; the regression case is 2.9 KB", len(st))
	}
	p, err := csl.New(st, csl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	items := []*item.Item{item.New("a", "book"), item.New("b", "book")}
	items[0].Set("title", "A")
	items[1].Set("title", "B")
	res := p.Process(items, []csl.Cluster{{Items: []csl.CiteItem{{ID: "a"}}}}, true)
	var be *csl.BudgetError
	if !errors.As(res.Err, &be) {
		t.Fatalf("Process(fan-out style).Err = %v; want a *csl.BudgetError", res.Err)
	}
	msg := res.Err.Error()
	for _, want := range []string{`macro "m1"`, `"m2"`, "100000", "--csl-budget", "CITE_CSL_BUDGET", `item "a"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %s", msg, want)
		}
	}
	// The budget bounds the work: one rendering stops after
	// DefaultEvalBudget evaluations (each allocating a node or two at
	// most), and later ones stop at once.
	allocs := testing.AllocsPerRun(3, func() {
		p.Process(items, []csl.Cluster{{Items: []csl.CiteItem{{ID: "a"}, {ID: "b"}}}}, true)
	})
	if limit := 4.0 * csl.DefaultEvalBudget; allocs > limit {
		t.Errorf("fan-out style: %.0f allocations per Process; want at most %.0f", allocs, limit)
	}
	// A lower budget stops sooner; a higher one lets a modest fan-out
	// finish.
	small, err := csl.New(fanOutStyle(12), csl.Options{EvalBudget: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if res := small.Process(items, nil, true); res.Err == nil {
		t.Error("2^12 evaluations under a budget of 1000: no error")
	}
	large, err := csl.New(fanOutStyle(12), csl.Options{EvalBudget: 1 << 14})
	if err != nil {
		t.Fatal(err)
	}
	if res := large.Process(items, nil, true); res.Err != nil || len(res.Entries) != 2 {
		t.Errorf("2^12 evaluations under a budget of 2^14: err %v, %d entries", res.Err, len(res.Entries))
	}
}

// BenchmarkEvalBudget measures how fast the fan-out style is stopped.
func BenchmarkEvalBudget(b *testing.B) {
	p, err := csl.New(fanOutStyle(40), csl.Options{})
	if err != nil {
		b.Fatal(err)
	}
	items := []*item.Item{item.New("a", "book")}
	items[0].Set("title", "A")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if res := p.Process(items, nil, true); res.Err == nil {
			b.Fatal("no budget error")
		}
	}
}
