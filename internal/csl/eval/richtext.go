package eval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cite-project/cite/internal/csl/output"
)

// parseRich turns a variable value with CSL-JSON markup (<i>, <b>, <sc>,
// <sup>, <sub>, <span class="nocase">, small-caps spans) and quotation
// marks into a rich-text node. Quoted passages become quoted nodes that the
// renderer prints with the locale's marks, alternating when nested.
func parseRich(s string, q *output.Quotes) *output.Node {
	switch richKind(s) {
	case plainText:
		return output.Str(s)
	case superscriptText:
		return &output.Node{Children: superscripts(s)}
	}
	root := &output.Node{}
	stack := []richFrame{{node: root}}
	top := func() *output.Node { return stack[len(stack)-1].node }
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			top().Children = append(top().Children, superscripts(text.String())...)
			text.Reset()
		}
	}
	push := func(n *output.Node, kind, mark string) {
		flush()
		top().Children = append(top().Children, n)
		stack = append(stack, richFrame{node: n, kind: kind, mark: mark})
	}
	openIndex := func(kind string) int {
		for i := len(stack) - 1; i > 0; i-- {
			if stack[i].kind == kind {
				return i
			}
		}
		return -1
	}
	closeTo := func(i int) {
		flush()
		// Frames above i that were never closed keep their content but
		// lose their markup.
		stack = stack[:i]
	}
	var prev rune = ' '
	for i := 0; i < len(s); {
		if s[i] == '<' {
			if tag, n, ok := matchTag(s[i:]); ok {
				switch tag {
				case "i":
					push(&output.Node{Format: output.Formatting{FontStyle: "italic"}}, "i", "<i>")
				case "b":
					push(&output.Node{Format: output.Formatting{FontWeight: "bold"}}, "b", "<b>")
				case "sup":
					push(&output.Node{Format: output.Formatting{VerticalAlign: "sup"}, NoCase: true}, "sup", "<sup>")
				case "sub":
					push(&output.Node{Format: output.Formatting{VerticalAlign: "sub"}, NoCase: true}, "sub", "<sub>")
				case "sc":
					push(&output.Node{Format: output.Formatting{FontVariant: "small-caps"}, NoCase: true}, "sc", "<sc>")
				case "nodecor":
					push(&output.Node{Format: output.Formatting{FontStyle: "normal", FontWeight: "normal", FontVariant: "normal"}, NoCase: true}, "span", "<span class=\"nodecor\">")
				case "nocase":
					push(&output.Node{NoCase: true}, "span", "<span class=\"nocase\">")
				case "smallcaps":
					push(&output.Node{Format: output.Formatting{FontVariant: "small-caps"}, NoCase: true}, "span", "<span style=\"font-variant:small-caps;\">")
				case "/i", "/b", "/sup", "/sub", "/sc", "/span":
					if j := openIndex(tag[1:]); j > 0 {
						closeTo(j)
					} else {
						text.WriteString(s[i : i+n])
					}
				}
				i += n
				prev = '>'
				continue
			}
		}
		if j := plainRun(s, i); j > i && bulkRuns {
			// Text between marks is copied as it is.
			text.WriteString(s[i:j])
			prev, _ = utf8.DecodeLastRuneInString(s[i:j])
			i = j
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		var next rune = ' '
		if i+w < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+w:])
		}
		switch r {
		case '"':
			if j := openIndex(`"`); j > 0 && !unicode.IsSpace(prev) {
				closeTo(j)
			} else if j := openIndex("“"); j > 0 && !isWordStart(prev, next) {
				closeTo(j)
			} else {
				push(&output.Node{Quote: q}, `"`, `"`)
			}
		case '“':
			push(&output.Node{Quote: q}, "“", "“")
		case '”':
			if j := openIndex("“"); j > 0 {
				closeTo(j)
			} else if j := openIndex(`"`); j > 0 {
				closeTo(j)
			} else {
				text.WriteRune(r)
			}
		case '‘':
			push(&output.Node{Quote: inner(q)}, "‘", "‘")
		case '\'':
			if j := openIndex("'"); j > 0 && !isLetter(next) {
				closeTo(j)
			} else if isWordStart(prev, next) {
				push(&output.Node{Quote: q}, "'", "'")
			} else {
				text.WriteRune('’')
			}
		case '’':
			if j := openIndex("‘"); j > 0 && !isLetter(next) {
				closeTo(j)
			} else if j := openIndex("'"); j > 0 && !isLetter(next) {
				closeTo(j)
			} else {
				text.WriteRune(r)
			}
		default:
			text.WriteRune(r)
		}
		prev = r
		i += w
	}
	flush()
	// Unclosed frames: restore their opening marks as text.
	if len(stack) > 1 {
		fixUnclosed(root, stack[1:])
	}
	if len(root.Children) == 1 && root.Children[0].IsLeaf() && root.Children[0].Quote == nil {
		return root.Children[0]
	}
	return root
}

// bulkRuns lets parseRich copy runs of plainRun at once (tests compare
// it with the character-by-character parse).
var bulkRuns = true

// plainRun returns the end of the run of characters from i that parseRich
// copies to its text as they are: valid UTF-8 that is neither a tag's
// start nor a quotation mark.
func plainRun(s string, i int) int {
	for i < len(s) {
		b := s[i]
		if b < utf8.RuneSelf {
			if b == '<' || b == '"' || b == '\'' {
				return i
			}
			i = skipPlainASCII(s, i+1)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == '“' || r == '”' || r == '‘' || r == '’' {
			return i
		}
		i += n
	}
	return i
}

// richFrame is an open markup element or quotation while parsing.
type richFrame struct {
	node *output.Node
	kind string // tag name, or the quote mark that opened it
	mark string // the opening text, restored when never closed
}

func fixUnclosed(root *output.Node, frames []richFrame) {
	open := map[*output.Node]string{}
	for _, f := range frames {
		open[f.node] = f.mark
	}
	var fix func(n *output.Node)
	fix = func(n *output.Node) {
		for _, c := range n.Children {
			if mark, ok := open[c]; ok {
				if c.Quote != nil || !c.Format.IsZero() || c.NoCase {
					c.Quote = nil
					c.Format = output.Formatting{}
					c.NoCase = false
					c.Children = append([]*output.Node{output.Str(mark)}, c.Children...)
					if mark == "'" {
						c.Children[0].Text = "’"
					}
				}
			}
			fix(c)
		}
	}
	fix(root)
}

// inner returns q with the outer and inner marks swapped, for quotations
// marked with single quotes in the data.
func inner(q *output.Quotes) *output.Quotes {
	if q == nil {
		return nil
	}
	return &output.Quotes{Open: q.InnerOpen, Close: q.InnerClose, InnerOpen: q.Open, InnerClose: q.Close}
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isWordStart reports whether a quote between prev and next opens a
// quotation (preceded by space or opening punctuation, followed by text).
func isWordStart(prev, next rune) bool {
	return (unicode.IsSpace(prev) || strings.ContainsRune("([{>\"“‘-–—/", prev)) && !unicode.IsSpace(next)
}

// matchTag recognizes the markup tags of CSL-JSON rich text at the start
// of s and returns a normalized tag name and its length.
func matchTag(s string) (string, int, bool) {
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return "", 0, false
	}
	raw := s[:end+1]
	switch raw {
	case "<i>", "<b>", "<sup>", "<sub>", "<sc>", "</i>", "</b>", "</sup>", "</sub>", "</sc>", "</span>":
		return strings.Trim(raw, "<>"), len(raw), true
	}
	if strings.HasPrefix(raw, "<span") {
		compact := strings.ReplaceAll(raw, " ", "")
		switch {
		case strings.Contains(compact, `class="nocase"`):
			return "nocase", len(raw), true
		case strings.Contains(compact, `class="nodecor"`):
			return "nodecor", len(raw), true
		case strings.Contains(compact, "font-variant:small-caps"):
			return "smallcaps", len(raw), true
		}
	}
	return "", 0, false
}

// isSuperscript reports whether r is a Unicode superscript character
// (compatibility decomposition <super>): modifier letters, superscript
// digits and signs, ª º, ℠ ™, and the kanbun marks.
// What richKind finds in a value.
const (
	plainText       = iota // neither markup, quotation marks nor superscript characters
	superscriptText        // superscript characters only
	richText               // markup or quotation marks
)

// richKind tells what parseRich has to do with s, in one pass over its
// bytes: strings.ContainsAny with the curly quotation marks in its set
// searches the set for every rune of s, and values are scanned for each
// rendering of each item.
func richKind(s string) int {
	kind := plainText
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b == '<' || b == '"' || b == '\'' {
				return richText
			}
			i = skipPlainASCII(s, i+1)
			continue
		}
		if plainPair(s, i) {
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '“' || r == '”' || r == '‘' || r == '’':
			return richText
		case isSuperscript(r):
			kind = superscriptText
		}
		i += n
	}
	return kind
}

// hasSuperscript reports whether s has a superscript character
// (isSuperscript), skipping ASCII bytes without decoding them.
func hasSuperscript(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i = skipASCII(s, i+1)
			continue
		}
		if plainPair(s, i) {
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSuperscript(r) {
			return true
		}
		i += n
	}
	return false
}

// The words of skipASCII and skipPlainASCII: eight bytes at a time, with
// a byte's high bit, and a byte per mark parseRich looks for.
const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
	ltBytes  = '<' * lowBits
	dqBytes  = '"' * lowBits
	sqBytes  = '\'' * lowBits
)

// word returns the eight bytes of s from i as a little-endian word.
func word(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// zeroByte reports (in its high bits) whether a byte of x is zero: it has
// no false positives when only telling whether there is one.
func zeroByte(x uint64) uint64 { return (x - lowBits) &^ x & highBits }

// skipASCII returns the end of the whole words of ASCII bytes of s from
// i: i itself when the next eight bytes are not all ASCII (the caller
// goes on byte by byte).
func skipASCII(s string, i int) int {
	for i+8 <= len(s) && word(s, i)&highBits == 0 {
		i += 8
	}
	return i
}

// skipPlainASCII is skipASCII for words that also hold none of the marks
// richKind looks for: the less-than sign, the quotation mark and the apostrophe.
func skipPlainASCII(s string, i int) int {
	for i+8 <= len(s) {
		x := word(s, i)
		if x&highBits != 0 || zeroByte(x^ltBytes)|zeroByte(x^dqBytes)|zeroByte(x^sqBytes) != 0 {
			break
		}
		i += 8
	}
	return i
}

// plainPair reports whether s[i:] starts with a two-byte character that
// is neither a quotation mark nor a superscript (isSuperscript): the
// accented Latin letters from U+00C0, Greek, Cyrillic, Armenian, Hebrew
// and most of Arabic, which richKind and hasSuperscript skip without
// decoding. A lead byte from 0xC2 to 0xDF with a continuation byte is
// always a valid character; the superscripts among two-byte characters
// have the lead bytes 0xC2, 0xCA, 0xCB and 0xDB.
func plainPair(s string, i int) bool {
	b := s[i]
	if b < 0xC3 || b > 0xDF || b == 0xCA || b == 0xCB || b == 0xDB || i+1 >= len(s) {
		return false
	}
	return s[i+1]&0xC0 == 0x80
}

func isSuperscript(r rune) bool {
	if r < 0xAA {
		return false
	}
	switch {
	case r == 0xAA || r == 0xB2 || r == 0xB3 || r == 0xB9 || r == 0xBA:
		return true
	case r >= 0x2B0 && r <= 0x2B8, r >= 0x2E0 && r <= 0x2E4:
		return true
	case r >= 0x1D2C && r <= 0x1D61, r == 0x1D78, r >= 0x1D9B && r <= 0x1DBF:
		return true
	case r >= 0x2070 && r <= 0x207F, r == 0x2120, r == 0x2122, r >= 0x3192 && r <= 0x319F:
		return true
	}
	switch r {
	case 0x2C0, 0x2C1, 0x6E5, 0x6E6: // superBase
		return true
	}
	return false
}

// superBase lists superscripts without a compatibility decomposition.
var superBase = map[rune]string{0x2C0: "ʔ", 0x2C1: "ʕ", 0x6E5: "و", 0x6E6: "ي"}

// superscripts splits s into leaves, turning each superscript character
// into a superscript node holding its base character ("1ʳᵉ" → 1, r, e
// superscripted), as citeproc-js does.
func superscripts(s string) []*output.Node {
	if !hasSuperscript(s) {
		return []*output.Node{output.Str(s)}
	}
	var out []*output.Node
	var b strings.Builder
	for _, r := range s {
		if !isSuperscript(r) {
			b.WriteRune(r)
			continue
		}
		if b.Len() > 0 {
			out = append(out, output.Str(b.String()))
			b.Reset()
		}
		base, ok := superBase[r]
		if !ok {
			base = norm.NFKD.String(string(r))
		}
		out = append(out, &output.Node{Format: output.Formatting{VerticalAlign: "sup"}, Children: []*output.Node{output.Str(base)}})
	}
	if b.Len() > 0 {
		out = append(out, output.Str(b.String()))
	}
	return out
}
