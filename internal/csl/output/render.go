package output

import (
	"fmt"
	"strconv"
	"strings"
)

// Format names an output format.
type Format string

// The output formats known to Render.
const (
	Text     Format = "text"
	HTML     Format = "html"
	Markdown Format = "markdown"
	RTF      Format = "rtf"
)

// ParseFormat returns the Format named s ("text", "html", "markdown" or
// "md", "rtf").
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "text", "plain", "txt", "":
		return Text, nil
	case "html":
		return HTML, nil
	case "markdown", "md":
		return Markdown, nil
	case "rtf":
		return RTF, nil
	}
	return "", fmt.Errorf("unknown output format %q (want text, html, markdown or rtf)", s)
}

// Render writes n in format f.
func Render(n *Node, f Format) string {
	var r renderer
	switch f {
	case HTML:
		r = &htmlRenderer{}
	case Markdown:
		r = &mdRenderer{}
	case RTF:
		r = &rtfRenderer{}
	default:
		r = &textRenderer{}
	}
	if f == Markdown {
		n = mdSpaces(&Node{Children: []*Node{n}})
	}
	var b strings.Builder
	b.Grow(n.plainLen(0) + 8) // the text itself, which markup only adds to
	walk(&b, n, r, state{})
	return b.String()
}

// state is the formatting in force while walking, used for flip-flopping
// (italic inside italic becomes normal) and for alternating quotes.
type state struct {
	italic, bold, smallCaps bool
	quoteDepth              int
	// alt holds the marks for a quotation nested in the current one.
	altOpen, altClose string
}

type renderer interface {
	text(b *strings.Builder, s string)
	// open writes the opening markup of one attribute and returns its
	// closing markup.
	open(b *strings.Builder, attr, value string) string
	display(b *strings.Builder, d string) string
}

func walk(b *strings.Builder, n *Node, r renderer, st state) {
	if n == nil {
		return
	}
	if n.IsLeaf() && n.Quote == nil && n.Display == "" && n.Link == "" && n.Format.IsZero() {
		r.text(b, n.Text) // most nodes: text without markup of their own
		return
	}
	var stack [4]string
	closers := stack[:0]
	if n.Display != "" {
		closers = append(closers, r.display(b, n.Display))
	}
	if n.Link != "" {
		if h, ok := r.(*htmlRenderer); ok {
			closers = append(closers, h.link(b, n.Link))
		}
	}
	f := &n.Format
	if f.VerticalAlign != "" {
		closers = append(closers, r.open(b, "vertical-align", f.VerticalAlign))
	}
	if f.TextDecoration != "" {
		closers = append(closers, r.open(b, "text-decoration", f.TextDecoration))
	}
	switch f.FontWeight {
	case "bold":
		if st.bold {
			closers = append(closers, r.open(b, "font-weight", "normal"))
		} else {
			closers = append(closers, r.open(b, "font-weight", "bold"))
		}
		st.bold = !st.bold
	case "normal":
		if st.bold {
			closers = append(closers, r.open(b, "font-weight", "normal"))
			st.bold = false
		}
	case "light":
		closers = append(closers, r.open(b, "font-weight", "light"))
	}
	switch f.FontVariant {
	case "small-caps":
		if st.smallCaps {
			closers = append(closers, r.open(b, "font-variant", "normal"))
		} else {
			closers = append(closers, r.open(b, "font-variant", "small-caps"))
		}
		st.smallCaps = !st.smallCaps
	case "normal":
		if st.smallCaps {
			closers = append(closers, r.open(b, "font-variant", "normal"))
			st.smallCaps = false
		}
	}
	switch f.FontStyle {
	case "italic", "oblique":
		if st.italic {
			closers = append(closers, r.open(b, "font-style", "normal"))
		} else {
			closers = append(closers, r.open(b, "font-style", f.FontStyle))
		}
		st.italic = !st.italic
	case "normal":
		if st.italic {
			closers = append(closers, r.open(b, "font-style", "normal"))
			st.italic = false
		}
	}
	if n.Quote != nil {
		o, c := n.Quote.Open, n.Quote.Close
		ao, ac := n.Quote.InnerOpen, n.Quote.InnerClose
		if st.quoteDepth > 0 {
			// Nested quotations alternate with the enclosing one,
			// whatever marks the data used.
			o, c, ao, ac = st.altOpen, st.altClose, o, c
			if o == ao {
				ao, ac = n.Quote.Open, n.Quote.Close
			}
		}
		r.text(b, o)
		closers = append(closers, "\x00"+c)
		st.quoteDepth++
		st.altOpen, st.altClose = ao, ac
	}
	if n.IsLeaf() {
		r.text(b, n.Text)
	} else {
		for _, c := range n.Children {
			walk(b, c, r, st)
		}
	}
	for i := len(closers) - 1; i >= 0; i-- {
		c := closers[i]
		if strings.HasPrefix(c, "\x00") {
			r.text(b, c[1:])
			continue
		}
		b.WriteString(c)
	}
}

type htmlRenderer struct{}

var htmlEscaper = strings.NewReplacer("&", "&#38;", "<", "&#60;", ">", "&#62;")

// htmlAttrEscaper escapes a value inside a double-quoted attribute.
var htmlAttrEscaper = strings.NewReplacer("&", "&#38;", "<", "&#60;", ">", "&#62;", `"`, "&#34;")

func (htmlRenderer) text(b *strings.Builder, s string) { htmlEscaper.WriteString(b, s) }

func (htmlRenderer) open(b *strings.Builder, attr, v string) string {
	switch attr {
	case "font-style":
		if v == "italic" {
			b.WriteString("<i>")
			return "</i>"
		}
	case "font-weight":
		if v == "bold" {
			b.WriteString("<b>")
			return "</b>"
		}
	case "vertical-align":
		switch v {
		case "sup":
			b.WriteString("<sup>")
			return "</sup>"
		case "sub":
			b.WriteString("<sub>")
			return "</sub>"
		case "baseline":
			b.WriteString(`<span style="baseline">`)
			return "</span>"
		}
	case "text-decoration":
		if v == "none" {
			b.WriteString(`<span style="text-decoration:none;">`)
			return "</span>"
		}
	}
	fmt.Fprintf(b, `<span style="%s:%s;">`, attr, v)
	return "</span>"
}

// display writes the div of a display attribute with the line breaks
// citeproc-js puts around them, so that bibliography HTML matches it.
func (htmlRenderer) display(b *strings.Builder, d string) string {
	switch d {
	case "block":
		b.WriteString("\n\n    ")
	case "left-margin":
		b.WriteString("\n    ")
	}
	fmt.Fprintf(b, `<div class="csl-%s">`, d)
	switch d {
	case "block":
		return "</div>\n"
	case "right-inline", "indent":
		return "</div>\n  "
	}
	return "</div>"
}

func (htmlRenderer) link(b *strings.Builder, url string) string {
	b.WriteString(`<a href="`)
	htmlAttrEscaper.WriteString(b, url)
	b.WriteString(`">`)
	return "</a>"
}

type textRenderer struct{}

func (textRenderer) text(b *strings.Builder, s string)            { b.WriteString(s) }
func (textRenderer) open(*strings.Builder, string, string) string { return "" }
func (textRenderer) display(b *strings.Builder, d string) string {
	switch {
	case d == "block" && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n"):
		b.WriteString("\n")
	case d == "right-inline" && b.Len() > 0 && !strings.HasSuffix(b.String(), " "):
		// The second field follows the first after a space.
		b.WriteString(" ")
	}
	return ""
}

type mdRenderer struct {
	// digits records that the current line so far is a number, which a
	// following "." or ")" would turn into an ordered-list marker.
	digits bool
}

// mdEscaper escapes the characters that are Markdown syntax anywhere in a
// line: emphasis, code, links, HTML, and pandoc's strikeout, superscript,
// subscript and math.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"~", `\~`, "^", `\^`, "$", `\$`)

// text writes field text so that it can never make Markdown syntax: the
// characters of mdEscaper are escaped everywhere; a newline becomes a
// space (a field never starts a line); an ampersand that could start an
// entity ("&amp;", "&#38;") is escaped; and at the start of a line,
// indentation is dropped and a character that would open a block (a
// heading #, a list -, + or "1.", a setext =, a fence ~) is escaped.
func (m *mdRenderer) text(b *strings.Builder, s string) {
	if m.digits && s != "" {
		// The line so far is a number: go on with it.
		k := 0
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		b.WriteString(s[:k])
		s = s[k:]
		if s == "" {
			return
		}
		if s[0] == '.' || s[0] == ')' {
			b.WriteByte('\\')
		}
		m.digits = false
	}
	for s != "" {
		if mdLineStart(b) {
			s = strings.TrimLeft(s, " \t\r\n")
			if s == "" {
				return
			}
			switch c := s[0]; {
			case c == '#' || c == '-' || c == '+' || c == '=' || c == '|' || c == ':':
				b.WriteByte('\\')
				b.WriteByte(c)
				s = s[1:]
				continue
			case c >= '0' && c <= '9':
				k := 0
				for k < len(s) && s[k] >= '0' && s[k] <= '9' {
					k++
				}
				if k < len(s) && (s[k] == '.' || s[k] == ')') {
					// "1999. Title" would start an ordered list.
					b.WriteString(s[:k])
					b.WriteByte('\\')
					b.WriteByte(s[k])
					s = s[k+1:]
					continue
				}
				if k == len(s) {
					// The next field may bring the "." or ")".
					b.WriteString(s)
					m.digits = true
					return
				}
			}
		}
		i := strings.IndexAny(s, "\n\r&")
		if i < 0 {
			mdEscaper.WriteString(b, s)
			return
		}
		mdEscaper.WriteString(b, s[:i])
		switch s[i] {
		case '&':
			// At the end of the text, what follows is another field's.
			if i+1 == len(s) || isASCIILetter(s[i+1]) || s[i+1] == '#' {
				b.WriteString(`\&`)
			} else {
				b.WriteByte('&')
			}
			s = s[i+1:]
		default:
			// A line break inside a field is a space: a new line could
			// start a block (a heading, a list, a quotation).
			if b.Len() > 0 && !mdLineStart(b) && !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
			s = strings.TrimLeft(s[i:], " \t\r\n")
		}
	}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// mdLineStart reports whether the next character written starts a line.
func mdLineStart(b *strings.Builder) bool {
	if b.Len() == 0 {
		return true
	}
	s := b.String()
	return s[len(s)-1] == '\n'
}

// mdSpaces returns n with the spaces at the edges of emphasized spans
// moved outside them: "* foo*" is no emphasis in Markdown (and at the
// start of a line, a list item). n itself is not changed.
func mdSpaces(n *Node) *Node {
	if n == nil || n.IsLeaf() {
		return n
	}
	c := *n
	c.Children = make([]*Node, 0, len(n.Children))
	for _, ch := range n.Children {
		if ch == nil {
			continue
		}
		ch = mdSpaces(ch)
		if ch.IsLeaf() || (ch.Format.FontStyle == "" && ch.Format.FontWeight == "") {
			c.Children = append(c.Children, ch)
			continue
		}
		lead, inner, trail := splitEdgeSpaces(ch)
		if lead != "" {
			c.Children = append(c.Children, Str(lead))
		}
		c.Children = append(c.Children, inner)
		if trail != "" {
			c.Children = append(c.Children, Str(trail))
		}
	}
	return &c
}

// splitEdgeSpaces returns the leading and trailing white space of n's
// text and a copy of n without them.
func splitEdgeSpaces(n *Node) (lead string, inner *Node, trail string) {
	first, last := firstTextLeaf(n), lastTextLeaf(n)
	if first == nil {
		return "", n, ""
	}
	lt := strings.TrimLeft(first.Text, " \t\r\n")
	lead = first.Text[:len(first.Text)-len(lt)]
	tt := strings.TrimRight(last.Text, " \t\r\n")
	trail = last.Text[len(tt):]
	if lead == "" && trail == "" {
		return "", n, ""
	}
	if first == last && lead == first.Text {
		trail = "" // all white space
	}
	inner = cloneTrim(n, first, last, len(lead), len(trail))
	return lead, inner, trail
}

// cloneTrim copies n, cutting cutLead bytes from the start of leaf first
// and cutTrail bytes from the end of leaf last.
func cloneTrim(n, first, last *Node, cutLead, cutTrail int) *Node {
	c := *n
	if n.IsLeaf() {
		t := n.Text
		if n == first {
			t = t[cutLead:]
		}
		if n == last && cutTrail <= len(t) {
			t = t[:len(t)-cutTrail]
		}
		c.Text = t
		return &c
	}
	c.Children = make([]*Node, len(n.Children))
	for i, ch := range n.Children {
		c.Children[i] = cloneTrim(ch, first, last, cutLead, cutTrail)
	}
	return &c
}

func firstTextLeaf(n *Node) *Node {
	if n.IsLeaf() {
		if n.Text == "" || n.Quote != nil {
			return nil
		}
		return n
	}
	if n.Quote != nil {
		return nil
	}
	for _, c := range n.Children {
		if l := firstTextLeaf(c); l != nil {
			return l
		}
		if !c.Empty() {
			return nil
		}
	}
	return nil
}

func lastTextLeaf(n *Node) *Node {
	if n.IsLeaf() {
		if n.Text == "" || n.Quote != nil {
			return nil
		}
		return n
	}
	if n.Quote != nil {
		return nil
	}
	for i := len(n.Children) - 1; i >= 0; i-- {
		c := n.Children[i]
		if l := lastTextLeaf(c); l != nil {
			return l
		}
		if !c.Empty() {
			return nil
		}
	}
	return nil
}

func (m *mdRenderer) open(b *strings.Builder, attr, v string) string {
	m.digits = false
	switch attr + ":" + v {
	case "font-style:italic", "font-style:oblique":
		b.WriteString("*")
		return "*"
	case "font-weight:bold":
		b.WriteString("**")
		return "**"
	case "vertical-align:sup":
		b.WriteString("<sup>")
		return "</sup>"
	case "vertical-align:sub":
		b.WriteString("<sub>")
		return "</sub>"
	}
	return ""
}

func (m *mdRenderer) display(b *strings.Builder, d string) string {
	m.digits = false
	return textRenderer{}.display(b, d)
}

type rtfRenderer struct{}

// text writes field text as RTF: backslashes and braces escaped, tabs
// and line breaks as control words, other control characters dropped,
// and everything beyond ASCII as \u escapes, so that the output is
// printable ASCII whose every group was opened by the renderer.
func (rtfRenderer) text(b *strings.Builder, s string) {
	for _, r := range s {
		switch {
		case r == '\r' || r == 0x7f || r < 0x20 && r != '\t' && r != '\n':
			// Control characters mean nothing in text.
		case r == '\\' || r == '{' || r == '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\tab `)
		case r == '\n':
			b.WriteString(`\line `)
		case r < 0x80:
			b.WriteRune(r)
		case r < 0x10000:
			b.WriteString(`\uc0\u`)
			b.WriteString(strconv.Itoa(int(int16(r))))
			b.WriteByte(' ')
		default:
			r -= 0x10000
			b.WriteString(`\uc0\u`)
			b.WriteString(strconv.Itoa(int(int16(0xD800 + (r >> 10)))))
			b.WriteString(` \u`)
			b.WriteString(strconv.Itoa(int(int16(0xDC00 + (r & 0x3FF)))))
			b.WriteByte(' ')
		}
	}
}

// rtfCodes maps formatting attributes to RTF control words.
var rtfCodes = map[string]string{
	"font-style:italic": `{\i `, "font-style:oblique": `{\i `, "font-style:normal": `{\i0 `,
	"font-weight:bold": `{\b `, "font-weight:normal": `{\b0 `,
	"font-variant:small-caps": `{\scaps `, "font-variant:normal": `{\scaps0 `,
	"text-decoration:underline": `{\ul `, "text-decoration:none": `{\ul0 `,
	"vertical-align:sup": `{\super `, "vertical-align:sub": `{\sub `, "vertical-align:baseline": `{\nosupersub `,
}

func (rtfRenderer) open(b *strings.Builder, attr, v string) string {
	c, ok := rtfCodes[attr+":"+v]
	if !ok {
		return ""
	}
	b.WriteString(c)
	return "}"
}

func (rtfRenderer) display(b *strings.Builder, d string) string {
	if d == "block" {
		b.WriteString(`\line `)
	}
	return ""
}
