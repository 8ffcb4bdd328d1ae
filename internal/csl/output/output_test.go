package output_test

import (
	"testing"

	"github.com/cite-project/cite/internal/csl/output"
)

func sample() *output.Node {
	q := output.DefaultQuotes
	return output.Span(
		output.Str("A & B "),
		&output.Node{Format: output.Formatting{FontStyle: "italic"}, Children: []*output.Node{
			output.Str("Title "),
			&output.Node{Format: output.Formatting{FontStyle: "italic"}, Children: []*output.Node{output.Str("inner")}},
		}},
		output.Str(" "),
		&output.Node{Quote: &q, Children: []*output.Node{output.Str("q "), {Quote: &q, Children: []*output.Node{output.Str("n")}}}},
		&output.Node{Format: output.Formatting{FontWeight: "bold", VerticalAlign: "sup"}, Children: []*output.Node{output.Str("x*")}},
	)
}

func TestRender(t *testing.T) {
	tests := []struct {
		f    output.Format
		want string
	}{
		{output.Text, "A & B Title inner “q ‘n’”x*"},
		{output.HTML, `A &#38; B <i>Title <span style="font-style:normal;">inner</span></i> “q ‘n’”<sup><b>x*</b></sup>`},
		{output.Markdown, `A & B *Title inner* “q ‘n’”<sup>**x\***</sup>`},
		{output.RTF, `A & B {\i Title {\i0 inner}} \uc0\u8220 q \uc0\u8216 n\uc0\u8217 \uc0\u8221 {\super {\b x*}}`},
	}
	for _, tt := range tests {
		if got := output.Render(sample(), tt.f); got != tt.want {
			t.Errorf("Render(%s) = %q; want %q", tt.f, got, tt.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]output.Format{"md": output.Markdown, "HTML": output.HTML, "": output.Text, "rtf": output.RTF} {
		if got, err := output.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := output.ParseFormat("pdf"); err == nil {
		t.Error("ParseFormat(pdf) = nil error")
	}
}

// TestMarkdownEscape: a field can never start a Markdown block or an
// entity, wherever the rendered text is placed.
func TestMarkdownEscape(t *testing.T) {
	italic := func(s string) *output.Node {
		return &output.Node{Format: output.Formatting{FontStyle: "italic"}, Children: []*output.Node{output.Str(s)}}
	}
	tests := []struct {
		name string
		in   *output.Node
		want string
	}{
		{"heading", output.Str("# Not a heading"), `\# Not a heading`},
		{"quote", output.Str("> not a quote"), `\> not a quote`},
		{"dash list", output.Str("- not a list"), `\- not a list`},
		{"plus list", output.Str("+ not a list"), `\+ not a list`},
		{"star list", output.Str("* not a list"), `\* not a list`},
		{"ordered list", output.Str("1999. A year"), `1999\. A year`},
		{"ordered paren", output.Str("2) second"), `2\) second`},
		{"thematic break", output.Str("---"), `\---`},
		{"setext", output.Str("==="), `\===`},
		{"link", output.Str("[x](http://e.org)"), `\[x\](http://e.org)`},
		{"newline then heading", output.Str("Title\n# Part"), `Title # Part`},
		{"blank line", output.Str("One\n\n- two"), `One - two`},
		{"leading newline", output.Str("\n# x"), `\# x`},
		{"indented code", output.Str("    code"), `code`},
		{"entities", output.Str("&amp; &#38; & AT&T"), `\&amp; \&#38; & AT\&T`},
		{"pandoc syntax", output.Str("~x~ ^y^ $z$"), `\~x\~ \^y\^ \$z\$`},
		{"emphasis with spaces", output.Span(output.Str("a"), italic(" b "), output.Str("c")), `a *b* c`},
		{"emphasis at line start", italic(" - x"), `*- x*`},
		{"mid-line markers", output.Str("a # b - c 1. d"), `a # b - c 1. d`},
	}
	for _, tt := range tests {
		if got := output.Render(tt.in, output.Markdown); got != tt.want {
			t.Errorf("%s: Render(%q) = %q; want %q", tt.name, tt.in.Text, got, tt.want)
		}
	}
	// The node rendered is not changed by the Markdown normalization.
	n := output.Span(output.Str("a"), italic(" b "))
	output.Render(n, output.Markdown)
	if got := output.Render(n, output.Text); got != "a b " {
		t.Errorf("Text after Markdown = %q; want %q", got, "a b ")
	}
}

// TestRTFEscape: field text cannot open or close an RTF group or write a
// control word, and the output is printable ASCII.
func TestRTFEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{\b bold}`, `\{\\b bold\}`},
		{"a\tb\nc", `a\tab b\line c`},
		{"bell\x07 del\x7f cr\r", "bell del cr"},
		{"é😀", `\uc0\u233 \uc0\u-10179 \u-8704 `},
	}
	for _, tt := range tests {
		if got := output.Render(output.Str(tt.in), output.RTF); got != tt.want {
			t.Errorf("Render(%q, RTF) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestRenderNil(t *testing.T) {
	for _, f := range []output.Format{output.Text, output.HTML, output.Markdown, output.RTF} {
		if got := output.Render(nil, f); got != "" {
			t.Errorf("Render(nil, %s) = %q", f, got)
		}
	}
}
