package bibtex

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

// TestAliasesAsIds: a merged entry's former ids are biblatex's ids field
// (biblatex manual, §2.2.3 "Special Fields": "citation key aliases for the
// main citation key"), in both dialects, and come back as aliases.
func TestAliasesAsIds(t *testing.T) {
	e := bib.NewEntry("keep", "book")
	e.Set("title", "A book")
	e.Set("publisher", "P")
	e.Aliases = []string{"drop", "old2"}
	for _, d := range []Dialect{BibLaTeX, BibTeX} {
		t.Run(d.String(), func(t *testing.T) {
			out := encode(t, []*bib.Entry{e}, d)
			if !bytes.Contains(out, []byte("@book{keep,\n  ids")) || !bytes.Contains(out, []byte("{drop, old2}")) {
				t.Errorf("Encode did not lead with ids = {drop, old2}:\n%s", out)
			}
			back := decode(t, "out.bib", out)
			if got := back.Entries[0]; !got.Equal(e) {
				t.Errorf("round trip changed the entry:\n got %+v\nwant %+v", got.Strip(), e.Strip())
			}
		})
	}
	bad := bib.NewEntry("keep", "book")
	bad.Aliases = []string{"has space"}
	var b bytes.Buffer
	if err := Encode(&b, []*bib.Entry{bad}, Options{}); err == nil || !strings.Contains(err.Error(), `alias "has space"`) {
		t.Errorf("Encode of an alias with a space: %v; want an error naming it", err)
	}
}
