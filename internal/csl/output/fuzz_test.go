package output_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/csl/output"
)

// fuzzNode builds a rich-text tree from fuzz input: s is split at \x01
// into field values, and the bits of shape choose each value's
// formatting (italic, bold, small caps, superscript, quotes) and whether
// a display block starts.
func fuzzNode(s string, shape uint64) (*output.Node, int) {
	q := output.DefaultQuotes
	fields := strings.Split(s, "\x01")
	root := &output.Node{}
	cur := root
	for i, f := range fields {
		bits := shape >> (uint(i*3) % 60)
		leaf := output.Str(f)
		var n *output.Node
		switch bits & 7 {
		case 1:
			n = &output.Node{Format: output.Formatting{FontStyle: "italic"}, Children: []*output.Node{leaf}}
		case 2:
			n = &output.Node{Format: output.Formatting{FontWeight: "bold"}, Children: []*output.Node{leaf}}
		case 3:
			n = &output.Node{Format: output.Formatting{FontVariant: "small-caps", FontStyle: "italic"}, Children: []*output.Node{leaf}}
		case 4:
			n = &output.Node{Format: output.Formatting{VerticalAlign: "sup"}, Children: []*output.Node{leaf}}
		case 5:
			n = &output.Node{Quote: &q, Children: []*output.Node{leaf}}
		case 6:
			// A display block: the fields after it go inside.
			n = &output.Node{Display: "block", Children: []*output.Node{leaf}}
			cur.Children = append(cur.Children, n)
			cur = n
			continue
		default:
			n = leaf
		}
		cur.Children = append(cur.Children, n)
	}
	return root, len(fields)
}

var fuzzSeeds = []string{
	"# Heading\x01- item\x01> quote", "1999. Year\x01* star\x01[link](x)", "a\n# b\n\n- c", "&amp; &#38; AT&T",
	"    code\x01 spaced \x01", "---\x01===\x01~~~", "{\\rtf1 \\b bold}\x01é😀\x07\r\n",
}

// mdBlockStart matches a line that Markdown would read as the start of a
// block other than a paragraph (after at most three spaces of indent).
var mdBlockStart = regexp.MustCompile("^ {0,3}(?:[#>+=~|:-]|\\*(?:[ \t]|$)|[0-9]{1,9}[.)]|`{3}| |\t)")

// FuzzMarkdown: whatever the field text, rendered Markdown has no line
// break that a field put there, no line that starts a block, no
// unescaped entity, and its size and allocations grow linearly with the
// input.
func FuzzMarkdown(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, uint64(i)*0x9E3779B97F4A7C15)
	}
	f.Fuzz(func(t *testing.T, s string, shape uint64) {
		n, fields := fuzzNode(s, shape)
		out := output.Render(n, output.Markdown)
		blocks := 0
		for _, c := range n.Children {
			if c.Display != "" {
				blocks++
			}
		}
		for i, line := range strings.Split(out, "\n") {
			if mdBlockStart.MatchString(line) {
				t.Fatalf("line %d of %q starts a block: %q", i+1, out, line)
			}
		}
		if got := strings.Count(out, "\n"); got > 2*fields {
			t.Fatalf("%d line breaks in %q from %d fields", got, out, fields)
		}
		for i := 0; i+1 < len(out); i++ {
			if out[i] == '&' && (out[i+1] == '#' || out[i+1] >= 'a' && out[i+1] <= 'z' || out[i+1] >= 'A' && out[i+1] <= 'Z') &&
				(i == 0 || out[i-1] != '\\' || escaped(out, i-1)) {
				t.Fatalf("unescaped entity at %d in %q", i, out)
			}
		}
		if limit := 2*len(s) + 40*fields + 64; len(out) > limit {
			t.Fatalf("output of %d bytes from %d bytes of input (limit %d)", len(out), len(s), limit)
		}
		allocs := testing.AllocsPerRun(1, func() { output.Render(n, output.Markdown) })
		if limit := float64(16*fields + 64); allocs > limit {
			t.Fatalf("%.0f allocations for %d fields (limit %.0f)", allocs, fields, limit)
		}
	})
}

// escaped reports whether the backslash at i is itself escaped (preceded
// by an odd number of backslashes).
func escaped(s string, i int) bool {
	k := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		k++
	}
	return k%2 == 1
}

// rtfControl returns the length of the control word or symbol that
// starts s (at a backslash), or 0 when there is none.
func rtfControl(s string) int {
	if len(s) < 2 {
		return 0
	}
	switch c := s[1]; {
	case c == '\\' || c == '{' || c == '}':
		return 2
	case c == '\'':
		if len(s) >= 4 && strings.ContainsRune("0123456789abcdef", rune(s[2])) && strings.ContainsRune("0123456789abcdef", rune(s[3])) {
			return 4
		}
		return 0
	case c >= 'a' && c <= 'z':
		i := 2
		for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
			i++
		}
		if i < len(s) && s[i] == '-' {
			i++
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i < len(s) && s[i] == ' ' {
			i++
		}
		return i
	}
	return 0
}

// FuzzRTF: whatever the field text (an invalid UTF-8 byte becomes
// \uc0\u-3, nine bytes), rendered RTF is printable ASCII, its
// braces balance, every backslash starts a control word or an escaped
// symbol, and its size and allocations grow linearly with the input.
func FuzzRTF(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s, uint64(i)*0x9E3779B97F4A7C15)
	}
	f.Fuzz(func(t *testing.T, s string, shape uint64) {
		n, fields := fuzzNode(s, shape)
		out := output.Render(n, output.RTF)
		depth := 0
		for i := 0; i < len(out); i++ {
			c := out[i]
			switch {
			case c < 0x20 || c >= 0x7f:
				t.Fatalf("byte %#x at %d in %q", c, i, out)
			case c == '\\':
				k := rtfControl(out[i:])
				if k == 0 {
					t.Fatalf("bare backslash at %d in %q", i, out)
				}
				i += k - 1
			case c == '{':
				depth++
			case c == '}':
				depth--
				if depth < 0 {
					t.Fatalf("unbalanced } at %d in %q", i, out)
				}
			}
		}
		if depth != 0 {
			t.Fatalf("%d groups left open in %q", depth, out)
		}
		if limit := 10*len(s) + 64*fields + 64; len(out) > limit {
			t.Fatalf("output of %d bytes from %d bytes of input (limit %d)", len(out), len(s), limit)
		}
		allocs := testing.AllocsPerRun(1, func() { output.Render(n, output.RTF) })
		if limit := float64(16*fields + 8*len(s) + 64); allocs > limit {
			t.Fatalf("%.0f allocations for %d fields of %d bytes (limit %.0f)", allocs, fields, len(s), limit)
		}
	})
}
