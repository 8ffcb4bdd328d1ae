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
