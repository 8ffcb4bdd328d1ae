package output

import (
	"fmt"
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
	var b strings.Builder
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
	var closers []string
	if n.Display != "" {
		closers = append(closers, r.display(b, n.Display))
	}
	if n.Link != "" {
		if h, ok := r.(*htmlRenderer); ok {
			closers = append(closers, h.link(b, n.Link))
		}
	}
	f := n.Format
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
	htmlEscaper.WriteString(b, url)
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

type mdRenderer struct{}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`)

func (mdRenderer) text(b *strings.Builder, s string) { mdEscaper.WriteString(b, s) }

func (mdRenderer) open(b *strings.Builder, attr, v string) string {
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

func (mdRenderer) display(b *strings.Builder, d string) string { return textRenderer{}.display(b, d) }

type rtfRenderer struct{}

func (rtfRenderer) text(b *strings.Builder, s string) {
	for _, r := range s {
		switch {
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
			fmt.Fprintf(b, `\uc0\u%d `, int16(r))
		default:
			r -= 0x10000
			fmt.Fprintf(b, `\uc0\u%d \u%d `, int16(0xD800+(r>>10)), int16(0xDC00+(r&0x3FF)))
		}
	}
}

func (rtfRenderer) open(b *strings.Builder, attr, v string) string {
	codes := map[string]string{
		"font-style:italic": `\i`, "font-style:oblique": `\i`, "font-style:normal": `\i0`,
		"font-weight:bold": `\b`, "font-weight:normal": `\b0`,
		"font-variant:small-caps": `\scaps`, "font-variant:normal": `\scaps0`,
		"text-decoration:underline": `\ul`, "text-decoration:none": `\ul0`,
		"vertical-align:sup": `\super`, "vertical-align:sub": `\sub`, "vertical-align:baseline": `\nosupersub`,
	}
	c, ok := codes[attr+":"+v]
	if !ok {
		return ""
	}
	b.WriteString("{" + c + " ")
	return "}"
}

func (rtfRenderer) display(b *strings.Builder, d string) string {
	if d == "block" {
		b.WriteString(`\line `)
	}
	return ""
}
