package manuscript

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// Generated manuscripts of about size bytes in each format, with the
// markup each reader has to skip: front matter, headings, maths, code,
// comments, quotations, markers of every form.
func bigText(size int) string {
	var b strings.Builder
	b.WriteString("A generated manuscript\n\n")
	for p := 0; b.Len() < size; p++ {
		fmt.Fprintf(&b, "Paragraph %d says that the treaty number %d was signed by the parties after long talks [%d]. "+
			"Its terms, as the minister put it, “were fair to every side of the table %d” [%d, p. %d]. "+
			"Smith (2012) and (Lee, Kim, & Park, 2015) agree; it is widely acknowledged that the steppe is the largest in 1991.\n\n",
			p, p, p%50+1, p, p%50+1, p%300+1)
	}
	b.WriteString("References\n\n1. Smith J. The steppe. 2012.\n2. Lee K. Trade. 2015.\n")
	return b.String()
}

func bigMarkdown(size int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: 'A generated paper'\ndate: 29 January 2021\nnocite: |\n  @ref1\n---\n\n")
	for p := 0; b.Len() < size; p++ {
		if p%20 == 0 {
			fmt.Fprintf(&b, "# Section %d {#sec:s%d}\n\n", p, p)
		}
		fmt.Fprintf(&b, "Paragraph %d cites [@ref%d, p. %d] and @ref%d [chap. 2], with $x_{%d} = [1]$ and `code [@no]`."+
			" See @fig:f%d. A note.[^n%d] The value is 1991 <!-- a comment [3] --> and https://example.org/%d.\n\n"+
			"```\n[@not] 1991\n```\n\n[^n%d]: As @ref%d says.\n\n", p, p%50+1, p, p%50+1, p, p, p, p, p, p%50+1)
	}
	b.WriteString("# References\n\n::: {#refs}\n:::\n")
	return b.String()
}

func bigLaTeX(size int) string {
	var b strings.Builder
	b.WriteString("\\documentclass{article}\n\\usepackage{biblatex}\n\\begin{document}\n")
	for p := 0; b.Len() < size; p++ {
		if p%20 == 0 {
			fmt.Fprintf(&b, "\\section*{Раздел %d}\\label{sec:%d}\n\n", p, p)
		}
		fmt.Fprintf(&b, "Абзац %d ссылается на~\\cite[с.~%d]{ref%d} и \\parencites[5]{ref1}{ref2}, %% комментарий 1991\n"+
			"с формулой \\(x = %d\\) и <<цитатой из пяти слов здесь>>~\\cite{ref%d}. Как известно, \"--- это так.\n"+
			"\\begin{equation}\ny = 2020\n\\end{equation}\n\n", p, p%300+1, p%50+1, p, p%50+1)
	}
	b.WriteString("\\nocite{*}\n\\printbibliography\n\\end{document}\n")
	return b.String()
}

func bigHTML(size int) string {
	var b strings.Builder
	b.WriteString("<html><head><title>x</title><style>p{}</style></head><body>\n")
	for p := 0; b.Len() < size; p++ {
		fmt.Fprintf(&b, "<p>Paragraph %d cites [%d] and <q>a quotation of five words</q><sup>%d</sup> &amp; more in 1991.</p>\n", p, p%50+1, p%50+1)
	}
	b.WriteString("<h2>References</h2><ol><li>A. 2001.</li></ol></body></html>\n")
	return b.String()
}

// oneLine is a manuscript of size bytes on a single line, full of
// markers: the case that was quadratic (each column counted from the
// line's start).
func oneLine(size int) string {
	var b strings.Builder
	for b.Len() < size {
		b.WriteString("As shown [12, p. 5] and [@key, p. 3] and (Smith, 2012), «the figure of 1991 is here» \\cite{k}. ")
	}
	return b.String()
}

var generators = []struct {
	name   string
	format Format
	gen    func(int) string
}{
	{"text", Text, bigText}, {"markdown", Markdown, bigMarkdown}, {"latex", LaTeX, bigLaTeX}, {"html", HTML, bigHTML}, {"one-line", Text, oneLine},
}

// BenchmarkParse20MB reads a 20 MB manuscript in each format.
//
//	go test ./internal/manuscript -run '^$' -bench Parse20MB -benchmem
func BenchmarkParse20MB(b *testing.B) {
	for _, g := range generators {
		text := g.gen(20 << 20)
		b.Run(g.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Parse("big", text, g.format, Options{})
			}
		})
	}
}

// TestParseIsLinear checks, by allocation rather than time, that reading
// grows in proportion to the input: 4 MB costs no more than about four
// times 1 MB, and no more than 40 bytes allocated per byte read, in every
// format and on one line.
func TestParseIsLinear(t *testing.T) {
	for _, g := range generators {
		t.Run(g.name, func(t *testing.T) {
			small, large := g.gen(1<<20), g.gen(4<<20)
			var a, c uint64
			a = testkit.Allocated(func() { Parse("small", small, g.format, Options{}) })
			testkit.AllocBudget(t, "Parse("+g.name+", 4 MB)", len(large), 40, 1<<20, func() {
				c = testkit.Allocated(func() { Parse("large", large, g.format, Options{}) })
			})
			if ratio := float64(c) / float64(a); ratio > 5.5 {
				t.Errorf("Parse(%s): 4 MB allocates %.1f times what 1 MB does (%d, %d bytes); want about 4", g.name, ratio, c, a)
			}
		})
	}
}
