//go:build !race

package bibtex

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

var parallelInputs = []string{"@article{a, title = {A}}\n", "@book{b, title = {B}, year = 2000}\n"}

// TestNickngParallel: parallel parses with nickng/bibtex return wrong
// results, or end the process through log.Fatalf, because its state lives
// in package variables; ours do not. The library runs in a child process so
// that its log.Fatalf cannot take the test binary down. The race detector
// would report the library's data race, so this file is left out of -race
// builds.
func TestNickngParallel(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("needs two CPUs to run parses in parallel")
	}
	if os.Getenv("CITE_NICKNG_PARALLEL") == "1" {
		fmt.Printf("wrong=%d\n", nickParallelWrong())
		os.Exit(0)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNickngParallel$")
	cmd.Env = append(os.Environ(), "CITE_NICKNG_PARALLEL=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	died := err != nil && strings.Contains(stderr.String(), "unknown string variable")
	if !died && (err != nil || !strings.Contains(stdout.String(), "wrong=") || strings.Contains(stdout.String(), "wrong=0\n")) {
		t.Errorf("nickng/bibtex in parallel: err = %v, stdout %q, stderr %q; want wrong results or a log.Fatalf", err, stdout.String(), stderr.String())
	}

	var oursWrong atomic.Int64
	for round := 0; round < 50; round++ {
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				want := string("ab"[g%2])
				lib, _, err := Decode(fmt.Sprintf("%d.bib", g), []byte(parallelInputs[g%2]))
				if err != nil || len(lib.Entries) != 1 || lib.Entries[0].ID != want || !strings.EqualFold(lib.Entries[0].Get("title"), want) {
					oursWrong.Add(1)
				}
			}(g)
		}
		wg.Wait()
	}
	if n := oursWrong.Load(); n != 0 {
		t.Errorf("Decode gave %d wrong results in parallel", n)
	}
}

// nickParallelWrong parses the inputs with nickng/bibtex from eight
// goroutines at once, round after round, and counts the wrong results.
func nickParallelWrong() int64 {
	var wrong atomic.Int64
	for round := 0; round < 300 && (wrong.Load() == 0 || round < 50); round++ {
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				want := string("ab"[g%2])
				if b, err := nickParse(parallelInputs[g%2]); err != nil || len(b.Entries) != 1 || b.Entries[0].CiteName != want {
					wrong.Add(1)
				}
			}(g)
		}
		wg.Wait()
		nickParse(",")
	}
	return wrong.Load()
}
