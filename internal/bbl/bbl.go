package bbl

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/csl/output"
)

// Item is one entry of a .bbl file.
type Item struct {
	// Key is the citation key (\bibitem{Key}).
	Key string
	// Label, when set, is the optional argument of \bibitem: natbib's
	// "Author(Year)" form for author–date styles. Numeric styles leave it
	// empty, so that LaTeX numbers the entries in list order.
	Label string
	// Text is the entry in LaTeX.
	Text string
}

// preamble makes the .bbl compile whether or not the document loads
// hyperref (which defines \href): without it, only the link text shows.
const preamble = `% Written by cite bbl; do not edit (it is rewritten on every build).
\providecommand{\href}[2]{#2}
`

// Write writes items as a thebibliography environment. The argument of
// the environment, which sets the label width, is the widest label: the
// largest number for numeric lists.
func Write(w io.Writer, items []Item) error {
	var b strings.Builder
	b.WriteString(preamble)
	widest := strconv.Itoa(len(items))
	for _, it := range items {
		if len(it.Label) > len(widest) {
			widest = it.Label
		}
	}
	if items != nil && items[0].Label != "" {
		widest = "" // author–date: natbib ignores it; plain LaTeX hangs nothing
	}
	fmt.Fprintf(&b, "\\begin{thebibliography}{%s}\n", widest)
	for _, it := range items {
		b.WriteString("\n\\bibitem")
		if it.Label != "" {
			fmt.Fprintf(&b, "[%s]", it.Label)
		}
		fmt.Fprintf(&b, "{%s}\n%s\n", it.Key, it.Text)
	}
	b.WriteString("\n\\end{thebibliography}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Escape writes plain text as LaTeX text (see bibtex.EscapeLaTeX);
// control characters other than line breaks are dropped.
func Escape(s string) string {
	out, err := bibtex.EscapeLaTeX(s)
	if err != nil {
		out, _ = bibtex.EscapeLaTeX(strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\n' || r == 0x7f {
				return -1
			}
			return r
		}, s))
	}
	return out
}

// LaTeX renders a rich-text node as LaTeX: fonts as \textit, \textbf,
// \textsc, \underline, \textsuperscript and \textsubscript (a normal font
// inside italics as \textup), quoted spans with the locale's quotation
// marks, links as \href (a plain link text when hyperref is absent, see
// Write), all text escaped.
func LaTeX(n *output.Node) string {
	var b strings.Builder
	writeNode(&b, n, 0, false)
	return b.String()
}

// put appends LaTeX text, keeping two dashes of adjacent pieces from
// joining into an en dash.
func put(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	if cur := b.String(); strings.HasSuffix(cur, "-") && s[0] == '-' {
		b.WriteString("{}")
	}
	b.WriteString(s)
}

func writeNode(b *strings.Builder, n *output.Node, depth int, inLink bool) {
	if n == nil {
		return
	}
	closers := 0
	open := func(cmd string) {
		b.WriteString(cmd + "{")
		closers++
	}
	f := n.Format
	switch f.FontStyle {
	case "italic", "oblique":
		open(`\textit`)
	case "normal":
		open(`\textup`)
	}
	switch f.FontWeight {
	case "bold":
		open(`\textbf`)
	case "normal", "light":
		open(`\textmd`)
	}
	switch f.FontVariant {
	case "small-caps":
		open(`\textsc`)
	case "normal":
		open(`\textnormal`)
	}
	if f.TextDecoration == "underline" {
		open(`\underline`)
	}
	switch f.VerticalAlign {
	case "sup":
		open(`\textsuperscript`)
	case "sub":
		open(`\textsubscript`)
	}
	if n.Link != "" && !inLink {
		b.WriteString(`\href{` + hrefURL(n.Link) + "}{")
		closers++
		inLink = true
	}
	if n.Quote != nil {
		o, c := n.Quote.Open, n.Quote.Close
		if depth%2 == 1 {
			o, c = n.Quote.InnerOpen, n.Quote.InnerClose
		}
		put(b, Escape(o))
		content(b, n, depth+1, inLink)
		put(b, Escape(c))
	} else {
		content(b, n, depth, inLink)
	}
	b.WriteString(strings.Repeat("}", closers))
}

func content(b *strings.Builder, n *output.Node, depth int, inLink bool) {
	if n.IsLeaf() {
		text := Escape(n.Text)
		if inLink {
			text = breakableURL(text)
		}
		put(b, text)
		return
	}
	for _, c := range n.Children {
		writeNode(b, c, depth, inLink)
	}
}

// hrefURL prepares a URL for \href's first argument: % and # escaped,
// which hyperref reads back as themselves; braces and backslashes, which
// would unbalance the argument, percent-encoded.
func hrefURL(u string) string {
	r := strings.NewReplacer(`\`, `\%5C`, "{", `\%7B`, "}", `\%7D`, "%", `\%`, "#", `\#`, "\n", "", "\r", "")
	return r.Replace(u)
}

// breakableURL lets LaTeX break a long URL after its slashes.
func breakableURL(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '/' && i+1 < len(s) && s[i+1] != '/' && (i == 0 || s[i-1] != '/') {
			b.WriteString(`\allowbreak{}`)
		}
	}
	return b.String()
}
