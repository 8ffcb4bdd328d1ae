package cite_test

import (
	"runtime"
	"slices"
	"testing"

	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/gen"
)

// TestParallelPrepare: a library large enough to be prepared, sorted,
// disambiguated and rendered by several workers formats exactly as when
// one CPU does it all, whole or entry by entry (run with -race to check
// the workers share nothing they write).
func TestParallelPrepare(t *testing.T) {
	if testing.Short() {
		t.Skip("formats 3,000 references twice")
	}
	lib := gen.Library(3000, 7)
	for _, style := range []string{"apa", "gost"} {
		st, err := cite.LoadStyle(style, nil)
		if err != nil {
			t.Fatal(err)
		}
		f, err := cite.New(st, cite.Options{Format: output.Text})
		if err != nil {
			t.Fatal(err)
		}
		prev := runtime.GOMAXPROCS(1)
		one, err := f.Bibliography(lib, nil)
		runtime.GOMAXPROCS(max(prev, 4))
		many, err2 := f.Bibliography(lib, nil)
		var streamed []string
		_, err3 := f.EachEntry(lib, nil, func(_, entry string) error {
			streamed = append(streamed, entry)
			return nil
		})
		runtime.GOMAXPROCS(prev)
		if err != nil || err2 != nil || err3 != nil {
			t.Fatal(err, err2, err3)
		}
		if !slices.Equal(one.Entries, streamed) {
			t.Errorf("%s: streamed by several workers, the list differs (%d and %d entries)", style, len(one.Entries), len(streamed))
		}
		if len(one.Entries) != len(lib.Entries) || !slices.Equal(one.Entries, many.Entries) || !slices.Equal(one.IDs, many.IDs) {
			t.Errorf("%s: prepared by several workers, the list differs (%d and %d entries)", style, len(one.Entries), len(many.Entries))
		}
		// The library's last use: its entries go as they are prepared,
		// and the items render from copies of their strings.
		last := gen.Library(3000, 7)
		var once []string
		runtime.GOMAXPROCS(max(prev, 4))
		_, err = f.EachEntryOnce(last, nil, func(_, entry string) error {
			once = append(once, entry)
			return nil
		})
		runtime.GOMAXPROCS(prev)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(one.Entries, once) {
			t.Errorf("%s: rendered for the library's last use, the list differs (%d and %d entries)", style, len(one.Entries), len(once))
		}
	}
}
