//go:build !race

package bibtex

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestNickngParallel: parallel parses with nickng/bibtex return wrong
// results (its state lives in package variables); ours do not. The race
// detector would report the library's data race, so this file is left out
// of -race builds.
func TestNickngParallel(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs two CPUs to run parses in parallel")
	}
	t.Cleanup(func() { nickParse(",") })
	inputs := []string{"@article{a, title = {A}}\n", "@book{b, title = {B}, year = 2000}\n"}
	var nickWrong, oursWrong atomic.Int64
	for round := 0; round < 300 && (nickWrong.Load() == 0 || round < 50); round++ {
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				want := string("ab"[g%2])
				if b, err := nickParse(inputs[g%2]); err != nil || len(b.Entries) != 1 || b.Entries[0].CiteName != want {
					nickWrong.Add(1)
				}
				lib, _, err := Decode(fmt.Sprintf("%d.bib", g), []byte(inputs[g%2]))
				if err != nil || len(lib.Entries) != 1 || lib.Entries[0].ID != want || !strings.EqualFold(lib.Entries[0].Get("title"), want) {
					oursWrong.Add(1)
				}
			}(g)
		}
		wg.Wait()
		nickParse(",")
	}
	if nickWrong.Load() == 0 {
		t.Errorf("nickng/bibtex gave no wrong result in parallel; want the defect")
	}
	if n := oursWrong.Load(); n != 0 {
		t.Errorf("Decode gave %d wrong results in parallel", n)
	}
}
