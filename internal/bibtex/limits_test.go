package bibtex

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// doublings returns a .bib file of n @string doublings, m_i = m_{i-1} #
// m_{i-1}, and an entry that uses the last: about 1.5 KB for n = 40, which
// without a bound expands to terabytes.
func doublings(n int) []byte {
	var b strings.Builder
	b.WriteString("@string{m0 = {xxxxxxxxxxxxxxxx}}\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "@string{m%d = m%d # m%d}\n", i, i-1, i-1)
	}
	fmt.Fprintf(&b, "@misc{bomb, note = m%d}\n", n-1)
	return []byte(b.String())
}

// allocated returns the bytes f allocates, as the runtime counts them.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestMacroBomb: a small file of @string doublings stops with a
// *LimitError naming the place, the limit and how to raise it, within a
// memory budget measured in allocated bytes (not in time).
func TestMacroBomb(t *testing.T) {
	data := doublings(40)
	if len(data) > 1600 {
		t.Fatalf("the test file is %d bytes; want about 1.5 KB", len(data))
	}
	var err error
	got := allocated(func() { _, _, err = Decode("bomb.bib", data) })
	var le *LimitError
	if !errors.As(err, &le) {
		t.Fatalf("Decode(doublings) = %v; want a *LimitError", err)
	}
	for _, want := range []string{"bomb.bib:18:", "m17", "1 MiB", "--max-value-size", "CITE_MAX_VALUE_SIZE"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	// The values built before the stop hold about 2 MiB; allow for the
	// decoder's own work, but nothing near what the file asks for.
	const budget = 16 << 20 * testkit.RaceFactor
	if got > budget {
		t.Errorf("Decode allocated %d bytes; the budget is %d", got, budget)
	}
	t.Logf("allocated %d bytes", got)
}

// TestMacroTotal: many values that each stay under the value limit still
// stop at the limit on all macro expansion together.
func TestMacroTotal(t *testing.T) {
	var b strings.Builder
	b.WriteString("@string{big = {" + strings.Repeat("x", 64<<10) + "}}\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, "@misc{e%d, note = big # big # big # big}\n", i)
	}
	var err error
	got := allocated(func() { _, err = DecodeWith("many.bib", []byte(b.String()), ReadOptions{}) })
	var le *LimitError
	if !errors.As(err, &le) || le.What != "macros" || !strings.Contains(err.Error(), "--max-macro-expansion") {
		t.Fatalf("Decode = %v; want the limit on all macros", err)
	}
	if got > 64<<20*testkit.RaceFactor {
		t.Errorf("Decode allocated %d bytes; want at most 64 MiB", got)
	}
	// A genuine file under a limit set low fails, and imports once the
	// limit is raised.
	small := []byte(strings.Repeat("@string{j = {Journal of Things}}\n", 1) + strings.Repeat("@article{a, journal = j}\n@article{b, journal = j}\n", 1))
	if _, err := DecodeWith("small.bib", small, ReadOptions{Limits: Limits{Macros: 30}}); err == nil {
		t.Error("34 bytes of macro text passed a limit of 30")
	}
	if res, err := DecodeWith("small.bib", small, ReadOptions{Limits: Limits{Macros: 40}}); err != nil || len(res.Library.Entries) != 2 {
		t.Errorf("with the limit raised: %v", err)
	}
}

// TestValueLimitRaised: the value limit can be raised for a genuine file.
func TestValueLimitRaised(t *testing.T) {
	data := []byte("@string{a = {" + strings.Repeat("y", 600<<10) + "}}\n@misc{x, note = a # a}\n")
	if _, err := DecodeWith("big.bib", data, ReadOptions{}); err == nil {
		t.Fatal("a 1.2 MiB value decoded under the 1 MiB default")
	}
	res, err := DecodeWith("big.bib", data, ReadOptions{Limits: Limits{Value: 2 << 20}})
	if err != nil || len(res.Library.Entries) != 1 {
		t.Fatalf("raised limit: %v", err)
	}
}
