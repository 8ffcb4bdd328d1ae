package lazyregexp

import (
	"sync"
	"testing"
)

func TestNewCompilesOnceOnFirstUse(t *testing.T) {
	re := New(`^(\d+)-(\d+)$`)
	first := re()
	if first == nil || !first.MatchString("12-34") || first.MatchString("12-x") {
		t.Fatalf("New(...)() = %v; want an expression matching 12-34 only", first)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := re(); got != first {
				t.Errorf("a later call gave another expression")
			}
		})
	}
	wg.Wait()
}

func TestNewInvalidPanicsOnFirstCall(t *testing.T) {
	re := New(`(`) // must not panic here
	defer func() {
		if recover() == nil {
			t.Error("an invalid expression did not panic on its first use")
		}
	}()
	re()
}
