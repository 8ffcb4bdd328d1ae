package verify

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/testkit"
)

// bigManuscripts are generated manuscripts of about size bytes: plain
// text (largeCase's), Markdown, LaTeX, and one line with a marker every
// 25 bytes.
func bigManuscripts(size int) []*Manuscript {
	_, text := largeCase(size, 0)
	var md, tex, line strings.Builder
	md.WriteString("---\ntitle: 'A generated paper'\ndate: 29 January 2021\n---\n\n")
	for p := 0; md.Len() < size; p++ {
		if p%20 == 0 {
			fmt.Fprintf(&md, "# Section %d\n\n", p)
		}
		fmt.Fprintf(&md, "Paragraph %d cites [@ref%d, p. %d] and @ref%d [chap. 2], with $x_{%d} = [1]$ and `code [@no]`. "+
			"It is widely acknowledged that the treaty of %d was the largest. See @fig:f%d.\n\n```\n[@not] 1991\n```\n\n", p, p%50+1, p, p%50+1, p, 1900+p%100, p)
	}
	tex.WriteString("\\documentclass{article}\n\\begin{document}\n")
	for p := 0; tex.Len() < size; p++ {
		if p%20 == 0 {
			fmt.Fprintf(&tex, "\\section*{Раздел %d}\\label{sec:%d}\n\n", p, p)
		}
		fmt.Fprintf(&tex, "Абзац %d ссылается на~\\cite[с.~%d]{ref%d}, %% комментарий 1991\nс формулой \\(x = %d\\) и <<цитатой из пяти слов здесь>>~\\cite{ref%d}. "+
			"В %d году договор подписали.\n\\begin{equation}\ny = 2020\n\\end{equation}\n\n", p, p%300+1, p%50+1, p, p%50+1, 1900+p%100)
	}
	tex.WriteString("\\end{document}\n")
	for line.Len() < size {
		line.WriteString("As shown [12, p. 5] and [@ref3, p. 3] and «the figure of 1991 is here» \\cite{ref4}. ")
		line.WriteString("Trade rose by 5% in 1991. Scholars agree on the largest gain. ")
	}
	return []*Manuscript{
		{Name: "big.txt", Text: text.Text, Format: manuscript.Text},
		{Name: "big.md", Text: md.String(), Format: manuscript.Markdown},
		{Name: "big.tex", Text: tex.String(), Format: manuscript.LaTeX},
		{Name: "one-line.txt", Text: line.String(), Format: manuscript.Text},
	}
}

// BenchmarkRun20MB verifies a 20 MB manuscript in each format against a
// library of 50 references and 20 claims (10 of them misquoted), and
// reports the peak heap.
//
//	go test ./internal/verify -run '^$' -bench Run20MB -benchmem
func BenchmarkRun20MB(b *testing.B) {
	lib, _ := largeCase(0, 20)
	for _, ms := range bigManuscripts(20 << 20) {
		b.Run(ms.Name, func(b *testing.B) {
			runtime.GC()
			var peak uint64
			stop, done := make(chan struct{}), make(chan struct{})
			go func() {
				defer close(done)
				var st runtime.MemStats
				for {
					select {
					case <-stop:
						return
					case <-time.After(20 * time.Millisecond):
						runtime.ReadMemStats(&st)
						peak = max(peak, st.HeapAlloc)
					}
				}
			}()
			b.ReportAllocs()
			b.SetBytes(int64(len(ms.Text)))
			for b.Loop() {
				Run(lib, ms, Options{})
			}
			b.StopTimer()
			close(stop)
			<-done
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

// linearLibrary is largeCase's library with its claims, and one claim
// found in every manuscript of bigManuscripts, in its longest paragraph.
func linearLibrary() *bib.Library {
	lib, _ := largeCase(0, 4)
	lib.Claims = append(lib.Claims, &bib.Claim{ID: "found", Kind: bib.ClaimFact, Excerpt: "Trade rose by 5% in 1991",
		Sources: []bib.Source{{Ref: "ref7", Support: bib.SupportDirect}}})
	return lib
}

// TestRunIsLinear checks, by allocation rather than time, that verifying
// grows in proportion to the manuscript (issue 15: a 1 MB one-line
// manuscript took 17 s and 1.4 GB): 4 MB allocates at most about four
// times what 1 MB does, and at most 200 bytes per byte (the one-line
// manuscript has a finding every 50 bytes).
func TestRunIsLinear(t *testing.T) {
	lib := linearLibrary()
	small, large := bigManuscripts(1<<20), bigManuscripts(4<<20)
	for i := range small {
		t.Run(small[i].Name, func(t *testing.T) {
			a := testkit.Allocated(func() { Run(lib, small[i], Options{}) })
			var c uint64
			testkit.AllocBudget(t, "Run("+large[i].Name+", 4 MB)", len(large[i].Text), 200, 1<<20, func() {
				c = testkit.Allocated(func() { Run(lib, large[i], Options{}) })
			})
			if ratio := float64(c) / float64(a); ratio > 5.5 {
				t.Errorf("Run(%s): 4 MB allocates %.1f times what 1 MB does (%d, %d bytes); want about 4", small[i].Name, ratio, c, a)
			}
		})
	}
}
