package verify

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/testkit"
)

// TestOneLineManuscriptIsLinear is the regression test for a 1 MB
// manuscript on one line (no paragraph breaks: an export from a word
// processor, a minified HTML page) that took 17 s and 1.4 GB, each marker
// rescanning the line. Verifying it, in every format, must allocate within
// a small multiple of its size; the budget is in bytes, not seconds.
func TestOneLineManuscriptIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("verifies a 1 MB manuscript")
	}
	lib := &bib.Library{}
	for i := 1; i <= 20; i++ {
		e := bib.NewEntry(fmt.Sprintf("ref%d", i), "book")
		e.Set("title", fmt.Sprintf("Book %d", i))
		if err := lib.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	lib.Claims = []*bib.Claim{{ID: "c", Kind: bib.ClaimQuote, Excerpt: "the borders were fixed", Sources: []bib.Source{{Ref: "ref1"}}}}
	line := func(size int) string {
		var b strings.Builder
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, "In %d the parties said «the borders were fixed» [%d, p. %d] and (Author, %d) agreed [@ref%d]; ", 1990+i%30, i%20+1, i%300+1, 1990+i%30, i%20+1)
		}
		return b.String()
	}
	// The whole megabyte as text; 64 KB in every format (the old code
	// allocated 12,000 bytes per byte there, and more the longer the line).
	for _, tt := range []struct {
		f    manuscript.Format
		size int
	}{{manuscript.Text, 1 << 20}, {manuscript.Text, 64 << 10}, {manuscript.Markdown, 64 << 10}, {manuscript.LaTeX, 64 << 10}, {manuscript.HTML, 64 << 10}} {
		text := line(tt.size)
		ms := &Manuscript{Name: "one-line", Text: text, Format: tt.f}
		var r *Result
		testkit.AllocBudget(t, fmt.Sprintf("Run(%v, one line of %d KB)", tt.f, tt.size>>10), len(text), 1024, 64<<20, func() { r = Run(lib, ms, Options{}) })
		if len(r.Markers) == 0 {
			t.Errorf("%v: no markers found in the one-line manuscript", tt.f)
		}
		for _, fd := range r.Findings {
			if len(fd.Sentence) > 2*sentenceWindow+200 {
				t.Fatalf("%v: a finding carries a sentence of %d bytes; want it cut to the window around the finding", tt.f, len(fd.Sentence))
			}
		}
	}
}
