package manuscript

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// docCase is one document-model rule: an input, what must be a marker,
// what must not be prose, and the structure the model must find.
type docCase struct {
	name    string
	format  Format
	in      string
	markers []string // the markers' texts, in order
	hidden  []string // text that must not be prose
	prose   []string // text that must stay prose
	heads   []string // heading titles
	refs    int      // reference list entries; -1: no list
}

func TestDocumentRules(t *testing.T) {
	tests := []docCase{
		{name: "markdown front matter", format: Markdown,
			in:      "---\ntitle: 'x'\nauthors:\n - orcid: 0000-0003-2824-7956\ndate: 29 January 2021\n---\n\n# Summary\n\nText [@a].\n",
			markers: []string{"[@a]"}, hidden: []string{"0000-0003", "29 January"}, heads: []string{"Summary"}, refs: -1},
		{name: "markdown code and maths", format: Markdown,
			in:      "Text `[@no]` and $x_{[1]}$ and\n\n```\n[@no] 1991\n```\n\n    [@indented] code\n\n$$\n(Smith, 2010)\n$$\n\nEnd \\(1990\\) [@yes].",
			markers: []string{"[@yes]"}, hidden: []string{"[@no]", "[1]", "1991", "[@indented]", "(Smith, 2010)", "1990"}, refs: -1},
		{name: "markdown comments and tags", format: Markdown,
			in:      "Text <!-- [@no] 1991 --> and <span class=\"x\">kept</span>.\n\n<!--\n[@no2]\n-->\nMore [@yes].",
			markers: []string{"[@yes]"}, hidden: []string{"[@no]", "[@no2]", "class"}, prose: []string{"kept"}, refs: -1},
		{name: "markdown crossref labels", format: Markdown,
			in:      "See @fig:map and [@tbl:one] and @eq:x, cited [@real].\n\n![Map.](map.png){#fig:map width=50%}\n",
			markers: []string{"[@real]"}, hidden: []string{"@fig:map", "width=50%", "map.png"}, prose: []string{"Map."}, refs: -1},
		{name: "markdown footnotes", format: Markdown,
			in:      "A claim.[^1] Another.[^note]\n\n[^1]: As shown by @doe99 [p. 3].\n[^note]: A digression.\n",
			markers: []string{"[^1]", "[^note]", "@doe99 [p. 3]"}, refs: -1},
		{name: "markdown headings and references", format: Markdown,
			in:      "# Intro\n\nText [@a].\n\nSetext\n------\n\nMore.\n\n## References\n\n1. Smith, J. (2010). Title. Journal.\n2. Doe, J. (2001). Other.\n",
			markers: []string{"[@a]"}, heads: []string{"Intro", "Setext", "References"}, refs: 2},
		{name: "markdown superscripts", format: Markdown,
			in:      "Studies agree.^1^ Others^2,3^ and <sup>4</sup> too.",
			markers: []string{"^1^", "^2,3^", "<sup>4</sup>"}, refs: -1},
		{name: "markdown URL and tables", format: Markdown,
			in:     "See https://example.org/2019/12 now.\n\n| year | n |\n|---|---|\n| 1991 | 460 |\n\nDone.",
			hidden: []string{"2019", "1991", "460"}, refs: -1},
		{name: "latex comments and maths", format: LaTeX,
			in:      "Text %\\cite{no} 1991\nmore \\(x=1990\\) and $y$ and\n\\begin{equation}z=2000\\end{equation}\n\\[1995\\] end~\\cite{yes}.",
			markers: []string{`\cite{yes}`}, hidden: []string{`\cite{no}`, "1991", "1990", "2000", "1995"}, refs: -1},
		{name: "latex verbatim and tables", format: LaTeX,
			in:     "Use \\verb+\\cite{no}+ here.\n\\begin{verbatim}\n\\cite{no2} 1991\n\\end{verbatim}\n\\begin{tabular}{@{\\extracolsep{20pt}}ll}\n1991 & [3]\\\\\n\\end{tabular}\nEnd.",
			hidden: []string{`\cite{no}`, "no2", "1991", "20pt", "[3]"}, refs: -1},
		{name: "latex command arguments", format: LaTeX,
			in:     "See \\cref{fig:x} and \\label{sec:y}\\nomenclature[03]{$a$}{b} and \\includegraphics[width=0.5\\textwidth]{img/2019}.\n\\textbf{bold words} stay.",
			hidden: []string{"fig:x", "[03]", "0.5", "2019"}, prose: []string{"bold words"}, refs: -1},
		{name: "latex babel and quotes", format: LaTeX,
			in:      "Один \"--- два, <<цитата из текста длиной в пять слов>>~\\cite{a}, ``English quote of five words'' and \\enquote{another quote of five words}.",
			markers: []string{`\cite{a}`}, hidden: []string{`"`}, refs: -1},
		{name: "latex abstract is a section", format: LaTeX,
			in:    "\\begin{abstract}\nWe found 5.\n\\end{abstract}\n\\section{Intro}\nText.\n",
			heads: []string{"Abstract", "Intro"}, refs: -1},
		{name: "latex headings and nocite", format: LaTeX,
			in:    "\\section*{Введение}\\label{s}\nТекст.\n\\nocite{a, b}\\nocite{*}\n\\chapter{Глава}\n",
			heads: []string{"Введение", "Глава"}, hidden: []string{"nocite"}, refs: -1},
		{name: "latex thebibliography", format: LaTeX,
			in:      "Text \\cite{k1}.\n\\begin{thebibliography}{9}\n\\bibitem{k1} A. Smith. Title. 2001.\n\\bibitem[Doe02]{k2} J. Doe. Other. 2002.\n\\end{thebibliography}\n",
			markers: []string{`\cite{k1}`}, refs: 2},
		{name: "latex references section", format: LaTeX,
			in:    "Text.\n\\section*{Список литературы}\n\\begin{enumerate}\n\\item Иванов И. И. Книга. 2001.\n\\item Петров П. П. Статья. 2002.\n\\end{enumerate}\n",
			heads: []string{"Список литературы"}, refs: 2},
		{name: "text title lines and quotes", format: Text,
			in:    "A Title Line\n\nIn 1991 he said: «Water is life for all of us here.»\n\nReferences\n1. Smith. 2001.\n2. Doe. 2002.\n",
			heads: []string{"A Title Line"}, refs: 2},
		{name: "html", format: HTML,
			in:      "<html><head><title>T</title><style>p{x:1991}</style></head><body><h1>Intro</h1><p>Text <q>quoted words are five here</q><sup>1</sup>.</p><pre>[2] 1991</pre><h2>References</h2><ol><li>Smith. 2001.</li><li>Doe. 2002.</li></ol></body></html>",
			markers: []string{"<sup>1</sup>"}, hidden: []string{"1991", "[2]"}, heads: []string{"Intro", "References"}, refs: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Parse("in", tt.in, tt.format, Options{})
			var got []string
			for _, m := range d.Markers {
				got = append(got, m.Text)
			}
			if strings.Join(got, " | ") != strings.Join(tt.markers, " | ") {
				t.Errorf("markers = %q; want %q", got, tt.markers)
			}
			prose := d.Prose()
			for _, h := range tt.hidden {
				if strings.Contains(prose, h) {
					t.Errorf("%q is prose; want it hidden\nprose: %q", h, prose)
				}
			}
			for _, p := range tt.prose {
				if !strings.Contains(prose, p) {
					t.Errorf("%q is not prose\nprose: %q", p, prose)
				}
			}
			if tt.heads != nil {
				var hs []string
				for _, h := range d.Headings {
					hs = append(hs, h.Title)
				}
				if strings.Join(hs, " | ") != strings.Join(tt.heads, " | ") {
					t.Errorf("headings = %q; want %q", hs, tt.heads)
				}
			}
			switch {
			case tt.refs < 0 && d.References != nil:
				t.Errorf("found a reference list at %d–%d; want none", d.References.Start, d.References.End)
			case tt.refs >= 0 && d.References == nil:
				t.Errorf("found no reference list; want one of %d entries", tt.refs)
			case tt.refs >= 0 && len(d.References.Entries) != tt.refs:
				t.Errorf("reference list has %d entries; want %d: %+v", len(d.References.Entries), tt.refs, d.References.Entries)
			}
			checkSpans(t, d)
		})
	}
}

// checkSpans checks the invariants every Document keeps: lists in order,
// spans inside the text and not overlapping, marker texts exact.
func checkSpans(t *testing.T, d *Document) {
	t.Helper()
	n := len(d.Text)
	if len(d.Prose()) != n {
		t.Fatalf("prose is %d bytes; the text %d", len(d.Prose()), n)
	}
	end := 0
	for _, m := range d.Markers {
		if m.Start < end || m.End <= m.Start || m.End > n || d.Text[m.Start:m.End] != m.Text {
			t.Fatalf("marker %q at %d–%d overlaps, leaves the text or is not its span", m.Text, m.Start, m.End)
		}
		l, c := d.Position(m.Start)
		if l != m.Line || c != m.Column || l != strings.Count(d.Text[:m.Start], "\n")+1 {
			t.Fatalf("marker %q at %d:%d; Position says %d:%d", m.Text, m.Line, m.Column, l, c)
		}
		for _, c := range m.Cites {
			if c.Start < m.Start || c.End > m.End || c.End < c.Start {
				t.Fatalf("cite %q at %d–%d is outside its marker %d–%d", c.Key, c.Start, c.End, m.Start, m.End)
			}
		}
		end = m.End
	}
	check := func(what string, spans []Span) {
		end := 0
		for _, s := range spans {
			if s.Start < end || s.End < s.Start || s.End > n {
				t.Fatalf("%s span %d–%d overlaps or leaves the text of %d bytes", what, s.Start, s.End, n)
			}
			end = s.End
		}
	}
	var ss []Span
	for _, r := range d.Regions {
		ss = append(ss, r.Span)
	}
	check("region", ss)
	ss = ss[:0]
	for _, p := range d.Paragraphs {
		ss = append(ss, p.Span)
	}
	check("paragraph", ss)
	ss = ss[:0]
	for _, s := range d.Sentences {
		ss = append(ss, s.Span)
	}
	check("sentence", ss)
	ss = ss[:0]
	for _, q := range d.Quotes {
		ss = append(ss, q.Span)
		for _, k := range q.Markers {
			if k < 0 || k >= len(d.Markers) {
				t.Fatalf("quote names marker %d of %d", k, len(d.Markers))
			}
		}
	}
	check("quote", ss)
	if rl := d.References; rl != nil {
		ss = ss[:0]
		for _, e := range rl.Entries {
			ss = append(ss, e.Span)
		}
		check("reference entry", append([]Span{}, ss...))
		if rl.Start < 0 || rl.End > n || rl.End < rl.Start {
			t.Fatalf("reference list %d–%d leaves the text", rl.Start, rl.End)
		}
	}
	for _, p := range d.Placeholders {
		if p.Start < 0 || p.End > n || p.End < p.Start {
			t.Fatalf("placeholder %d–%d leaves the text", p.Start, p.End)
		}
	}
	for _, nc := range d.Nocite {
		if nc.Start < 0 || nc.End > n || nc.End < nc.Start {
			t.Fatalf("nocite %d–%d leaves the text", nc.Start, nc.End)
		}
	}
}

// FuzzParse checks that no input in any format makes Parse panic or
// break the Document's invariants: every span inside the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"[4]", "[2, с. 9]", "[1–3]", "[1]–[3]", "Kazakhstan[4].", "«peoples [2].»", "[@id, p. 9]", "[see @a; -@b, chap. 2]",
		"@key [p. 3]", `\cite{a,b}`, `\parencites[1]{a}[2]{b}`, "(Smith, 2012)", "(Lee, Kim, & Park, 2015)", "Smith's (2010)",
		"---\nnocite: |\n  @a, @b\n---\n# T\n\nx [^1]\n\n[^1]: y\n", "::: {#refs}\n:::\n", "{{bibliography}}",
		"\\begin{thebibliography}{9}\\bibitem{a} A.\\end{thebibliography}", "\\section*{References}\n\\item A. 2001.",
		"<div id=\"refs\"></div>", "<q>a</q><sup>1</sup>", "$$", "$x", "\\verb", "``a''", "<<a>>", "\"---", "^1^", "¹⁻³",
		"[", "(", "\\cite", "@", "<!--", "```", "\\begin{equation}", "{", "}",
	} {
		for fm := range 4 {
			f.Add(s, uint8(fm))
		}
	}
	f.Fuzz(func(t *testing.T, in string, fm uint8) {
		var d *Document
		// Scanning is linear: allocations within a multiple of the input.
		testkit.AllocBudget(t, "Parse", len(in), 1024, 1<<20, func() { d = Parse("in", in, Format(fm%4), Options{}) })
		checkSpans(t, d)
	})
}
