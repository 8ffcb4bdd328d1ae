package merge

import (
	"github.com/cite-project/cite/internal/testkit"
	"testing"

	"github.com/cite-project/cite/internal/store"
)

// FuzzFiles: the merge driver never panics, and a merge without conflicts
// is a library file cite reads.
//
//	go test ./internal/merge -fuzz FuzzFiles -fuzztime 60s
func FuzzFiles(f *testing.F) {
	a, b := tbook("a", "A"), tbook("b", "B")
	f.Add([]byte(lib(a, b)), []byte(lib(b, a)), []byte(lib(a, tbook("b", "B2"), tbook("c", "C"))))
	f.Add([]byte(lib(a)), []byte("# x\n"+lib(tbook("a", "A1"))), []byte(lib(tbook("a", "A2"))))
	f.Add([]byte("[[claim]]\nid = \"c\"\nkind = \"fact\"\n"), []byte(""), []byte("[[claim]]\nid = \"c\"\nkind = \"quote\"\n"))
	f.Fuzz(func(t *testing.T, base, ours, theirs []byte) {
		if len(base)+len(ours)+len(theirs) > 1<<15 {
			return
		}
		// Resources: allocations and output bounded by a multiple of the
		// three inputs.
		in := len(base) + len(ours) + len(theirs)
		var (
			res *Result
			err error
		)
		testkit.AllocBudget(t, "Files", in, 4096, 8<<20, func() { res, err = Files("f.toml", base, ours, theirs) })
		if err != nil {
			return
		}
		testkit.OutputBudget(t, "Files", in, len(res.Data), 8, 4096)
		if len(res.Conflicts) > 0 {
			return
		}
		if _, _, err := store.Decode("f.toml", res.Data); err != nil {
			t.Fatalf("a clean merge does not read back: %v\nbase:\n%s\nours:\n%s\ntheirs:\n%s\nresult:\n%s", err, base, ours, theirs, res.Data)
		}
	})
}
