package tomlfmt_test

import (
	"bytes"
	"github.com/cite-project/cite/internal/testkit"
	"os"
	"path/filepath"
	"testing"

	"github.com/cite-project/cite/internal/tomlfmt"
)

// FuzzFormat: whatever Format accepts it returns as a fixed point (its own
// check that the records and comments are kept runs inside Format, so an
// error other than the documented ones would surface as a failure here).
//
//	go test ./internal/tomlfmt -fuzz FuzzFormat -fuzztime 60s
func FuzzFormat(f *testing.F) {
	for _, name := range []string{"comments.toml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("# head\n\n[[reference]] # c\nid = \"a\" # d\ntype = \"book\"\n# e\n"))
	f.Add([]byte("[[claim]]\nid = \"c\"\nsources = [{ ref = \"a\" }, # x\n{ ref = \"b\" }]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		// Resources: allocations and output bounded by a multiple of the
		// input (Format decodes, encodes and checks its result again).
		var (
			out []byte
			err error
		)
		testkit.AllocBudget(t, "Format", len(data), 4096, 8<<20, func() { out, err = tomlfmt.Format("f.toml", data) })
		if err != nil {
			return
		}
		testkit.OutputBudget(t, "Format", len(data), len(out), 8, 4096)
		again, err := tomlfmt.Format("f.toml", out)
		if err != nil {
			t.Fatalf("Format of its own output failed: %v\ninput:\n%s\noutput:\n%s", err, data, out)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("Format is not a fixed point:\ninput:\n%s\nfirst:\n%s\nsecond:\n%s", data, out, again)
		}
	})
}
