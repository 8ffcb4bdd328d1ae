package manuscript

import (
	"strings"
)

// finder finds the next occurrence of a pattern at or after an offset,
// remembering the last answer, so that a forward scan asking again and
// again (for the "-->" of every "<!--", the "$$" of every "$$") reads
// the text once.
type finder struct {
	pat      string
	searched bool
	from     int // the last search started here
	next     int // and found this (-1: none after from)
}

// at returns the offset of the first occurrence of f.pat in t at or after
// i, or -1.
func (f *finder) at(t string, i int) int {
	if f.pat == "" {
		return -1
	}
	if f.searched && i >= f.from && (f.next < 0 || i <= f.next) {
		return f.next
	}
	f.searched, f.from = true, i
	if k := strings.Index(t[i:], f.pat); k >= 0 {
		f.next = i + k
	} else {
		f.next = -1
	}
	return f.next
}

// urlEnd returns where a URL starting at t[i] ends: at white space or a
// closing bracket or quotation mark, with trailing sentence punctuation
// left out; i when no URL starts there ("http://", "https://", "ftp://",
// "www.", "doi:10.").
func urlEnd(t string, i, to int) int {
	rest := t[i:min(to, i+8)]
	if !(strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "ftp://") ||
		strings.HasPrefix(rest, "www.") || strings.HasPrefix(rest, "doi:10.")) {
		return i
	}
	if i > 0 {
		if c := t[i-1]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return i
		}
	}
	e := i
	for e < to {
		c := t[e]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '>' || c == '"' || c == '`' || c == '}' || c == ']' || c == '|' {
			break
		}
		if c >= 0x80 {
			if strings.HasPrefix(t[e:], "»") || strings.HasPrefix(t[e:], "”") || strings.HasPrefix(t[e:], "\u00a0") {
				break
			}
		}
		e++
	}
	for e > i && strings.IndexByte(".,;:!?)'", t[e-1]) >= 0 {
		if t[e-1] == ')' && strings.Count(t[i:e], "(") >= strings.Count(t[i:e], ")") {
			break
		}
		e--
	}
	return e
}

// entities maps the HTML entities that stand for a character prose needs
// (a quotation mark, a dash, an ampersand) to an ASCII stand-in, written
// at the entity's first byte of the mask.
var entities = map[string]byte{
	"&amp;": '&', "&quot;": '"', "&laquo;": 1, "&raquo;": 2, "&ldquo;": 1, "&rdquo;": 2, "&bdquo;": 1,
	"&ndash;": '-', "&mdash;": '-', "&#8211;": '-', "&#8212;": '-', "&lt;": '<', "&gt;": '>', "&hellip;": '.',
	"&#171;": 1, "&#187;": 2, "&#8220;": 1, "&#8221;": 2, "&apos;": '\'', "&#39;": '\'', "&rsquo;": '\'',
}

// entityEnd returns the end of an HTML entity at t[i] ("&amp;", "&#8211;",
// "&#x2013;"), or i.
func entityEnd(t string, i, to int) int {
	j := i + 1
	for j < to && j-i < 12 {
		c := t[j]
		if c == ';' {
			if j > i+1 {
				return j + 1
			}
			return i
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#') {
			return i
		}
		j++
	}
	return i
}

// entity blanks the entity t[i:e] in the mask, leaving a stand-in for the
// characters prose needs.
func (s *scan) entity(i, e int) {
	s.blank(i, e, Markup)
	if b, ok := entities[s.text[i:e]]; ok {
		s.mask[i] = b
	}
}

// tagEnd returns the index after the ">" of an HTML tag at t[i] == '<',
// or i when none is there within 1,000 bytes.
func tagEnd(t string, i, to int) int {
	if i+1 >= to {
		return i
	}
	c := t[i+1]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?') {
		return i
	}
	quote := byte(0)
	for j := i + 1; j < to && j-i < 1000; j++ {
		switch t[j] {
		case '"', '\'':
			if quote == 0 {
				quote = t[j]
			} else if quote == t[j] {
				quote = 0
			}
		case '>':
			if quote == 0 {
				return j + 1
			}
		case '<':
			if quote == 0 {
				return i
			}
		}
	}
	return i
}

// tagName returns the lower-case name of the tag t[i:e] and whether it
// closes ("</p>").
func tagName(t string, i, e int) (string, bool) {
	j := i + 1
	closing := false
	if j < e && t[j] == '/' {
		closing = true
		j++
	}
	k := j
	for k < e && (t[k] >= 'a' && t[k] <= 'z' || t[k] >= 'A' && t[k] <= 'Z' || t[k] >= '0' && t[k] <= '9') {
		k++
	}
	return strings.ToLower(t[j:k]), closing
}

// isRefsDiv reports whether the tag t[i:e] is <div id="refs"> (or a
// section), the placeholder of pandoc's generated bibliography.
func isRefsDiv(t string, i, e int) bool {
	name, closing := tagName(t, i, e)
	if closing || name != "div" && name != "section" {
		return false
	}
	tag := t[i:e]
	return strings.Contains(tag, `id="refs"`) || strings.Contains(tag, `id='refs'`) || strings.Contains(tag, "id=refs ") || strings.Contains(tag, "id=refs>")
}

// maxDivLen bounds how far divEnd looks for the end of a div.
const maxDivLen = 1 << 20

// divEnd returns the end of the div opened by the tag ending at e: after
// its matching </div>, counting nested divs; -1 when it does not close.
func divEnd(t string, e int, name string) int {
	depth := 1
	open, close := "<"+name, "</"+name
	for j := e; j < len(t) && j-e < maxDivLen; {
		k := strings.IndexByte(t[j:], '<')
		if k < 0 {
			return -1
		}
		j += k
		switch {
		case strings.HasPrefix(strings.ToLower(t[j:min(len(t), j+len(close))]), close):
			depth--
			if depth == 0 {
				if g := strings.IndexByte(t[j:], '>'); g >= 0 {
					return j + g + 1
				}
				return -1
			}
		case strings.HasPrefix(strings.ToLower(t[j:min(len(t), j+len(open))]), open):
			depth++
		}
		j++
	}
	return -1
}

// supMarker parses <sup>1</sup>, <sup>1,2</sup>, <sup>[3]</sup>,
// <sup>1–3</sup> at t[i]; it returns the marker or false.
func supMarker(t string, i, to int) (Marker, bool) {
	if !strings.HasPrefix(strings.ToLower(t[i:min(to, i+5)]), "<sup>") {
		return Marker{}, false
	}
	k := strings.Index(lowerASCII(t[i+5:min(to, i+5+64)]), "</sup>")
	if k < 0 {
		return Marker{}, false
	}
	from, end := i+5, i+5+k
	inner := strings.TrimSpace(t[from:end])
	if strings.HasPrefix(inner, "[") && strings.HasSuffix(inner, "]") {
		from = i + 5 + strings.IndexByte(t[from:end], '[') + 1
		end = i + 5 + strings.LastIndexByte(t[i+5:end], ']')
	}
	cites, ok := parseNumeric(t, from, end)
	if !ok {
		return Marker{}, false
	}
	return Marker{Span: Span{i, i + 5 + k + 6}, Form: SuperscriptMarker, Cites: cites}, true
}

// lowerASCII lower-cases the ASCII letters of s and nothing else, so that
// offsets into the result are offsets into s (strings.ToLower changes the
// length of İ, of the Kelvin sign and of invalid UTF-8).
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
