package cite_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

func TestDumpSample(t *testing.T) {
	s := drawSentenceCaseSample(t)
	raw := map[string]string{}
	for _, rel := range sentenceCaseSources {
		path := testkit.Shared(t, "corpus", rel)
		data, _ := os.ReadFile(path)
		for _, e := range decodeEach(path, data) {
			r := e.Extra["title"]
			if r == "" {
				r = "=" + e.Get("title")
			}
			raw[rel+e.ID] = r
		}
	}
	f, _ := os.Create("/tmp/sample.txt")
	g, _ := os.Create("/tmp/sample.tsv")
	for i, x := range s {
		fmt.Fprintf(f, "%d %s\n  in:  %s\n  out: %s\n", i+1, x.id, raw[x.file+x.id], x.got)
		fmt.Fprintf(g, "%s\t%s\t%s\n", x.file, x.id, x.got)
	}
	f.Close()
	g.Close()
}
