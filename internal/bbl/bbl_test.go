package bbl_test

import (
	"testing"

	"github.com/cite-project/cite/internal/bbl"
	"github.com/cite-project/cite/internal/csl/output"
)

func TestLaTeX(t *testing.T) {
	q := &output.Quotes{Open: "«", Close: "»", InnerOpen: "„", InnerClose: "“"}
	tests := []struct {
		name string
		n    *output.Node
		want string
	}{
		{"specials", output.Str(`50% of $5 & #1_a {b} ~ ^ \ – — ` + "\u00a0x"), `50\% of \$5 \& \#1\_a \textbraceleft{}b\textbraceright{} \textasciitilde{} \^{} \textbackslash{} -- --- ~x`},
		{"fonts", &output.Node{Format: output.Formatting{FontStyle: "italic"}, Children: []*output.Node{
			output.Str("Title "), {Format: output.Formatting{FontStyle: "normal"}, Children: []*output.Node{output.Str("Name")}},
			{Format: output.Formatting{FontVariant: "small-caps", FontWeight: "bold"}, Children: []*output.Node{output.Str("x")}},
		}}, `\textit{Title \textup{Name}\textbf{\textsc{x}}}`},
		{"sup", &output.Node{Format: output.Formatting{VerticalAlign: "sup"}, Children: []*output.Node{output.Str("2")}}, `\textsuperscript{2}`},
		{"quotes nest", &output.Node{Quote: q, Children: []*output.Node{output.Str("a "), {Quote: q, Children: []*output.Node{output.Str("b")}}}}, `«a „b“»`},
		{"link", &output.Node{Link: "https://x.org/a_b%20c#d", Children: []*output.Node{output.Str("https://x.org/a_b")}}, `\href{https://x.org/a_b\%20c\#d}{https://x.org/\allowbreak{}a\_b}`},
		{"dashes apart", output.Span(output.Str("1-"), output.Str("-2")), `1-{}-2`},
		{"control", output.Str("a\x01b\nc"), `ab\newline{}c`},
	}
	for _, tt := range tests {
		if got := bbl.LaTeX(tt.n); got != tt.want {
			t.Errorf("%s: LaTeX = %q; want %q", tt.name, got, tt.want)
		}
	}
}
