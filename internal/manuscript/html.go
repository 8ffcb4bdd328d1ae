package manuscript

import (
	"strings"
	"unicode/utf8"
)

// blockTags are the HTML elements that end a paragraph.
var blockTags = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "table": true, "tr": true, "td": true, "th": true,
	"section": true, "article": true, "header": true, "footer": true, "blockquote": true, "figure": true,
	"figcaption": true, "br": true, "hr": true, "dl": true, "dt": true, "dd": true, "nav": true, "aside": true,
	"main": true, "body": true, "caption": true, "details": true, "summary": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "title": true, "html": true, "tbody": true, "thead": true,
}

// hiddenTags are the HTML elements whose content is not prose.
var hiddenTags = map[string]RegionKind{
	"script": Code, "style": Code, "pre": Code, "code": Code, "kbd": Code, "samp": Code, "math": Math,
	"svg": Markup, "template": Markup, "textarea": Markup, "noscript": Markup, "head": FrontMatter, "object": Markup,
}

// html scans an HTML page or fragment: tags, comments, the head, scripts
// and styles, code and maths elements, entities, URLs, headings <h1>–<h6>,
// block elements (which end paragraphs), <sup> citation numbers, <q> and
// <blockquote> quotations, and <div id="refs"> placeholders.
//
// Markers are those of every manuscript, pandoc's "[@key]", "@key [p. 3]"
// and "[-@key]" among them (issue 9): the marker scan reads the prose
// mask, in which tags with their attributes, comments and the content of
// code, pre, script and style elements are blanked, so a marker is found
// only in a text node (or across inline tags, which it then covers).
// Offsets are the input's, since the mask keeps its length. An "@" after
// a word character ("user@example.org") or before no key ("@ 5 kg") is no
// marker, as in Markdown.
func (s *scan) html() {
	s.forms = forms{numeric: true, pandoc: true, authorDate: true, superscript: true}
	t := s.text
	lower := lowerASCII(t) // offsets into lower are offsets into t
	comments := finder{pat: "-->"}
	var (
		heading = -1 // index in s.headings of the open heading
		quotes  []int
		ordered []bool // open lists: <ol> or not
	)
	for i := 0; i < len(t); {
		switch c := t[i]; c {
		case '<':
			if strings.HasPrefix(t[i:], "<!--") {
				e := len(t)
				if k := comments.at(t, i+4); k >= 0 {
					e = k + 3
				}
				s.blank(i, e, Comment)
				i = e
				continue
			}
			if m, ok := supMarker(t, i, len(t)); ok {
				s.markers = append(s.markers, m)
				s.hide(i, i+5)
				s.hide(m.End-6, m.End)
				i = m.End
				continue
			}
			e := tagEnd(t, i, len(t))
			if e == i {
				i++
				continue
			}
			name, closing := tagName(t, i, e)
			s.blank(i, e, Markup)
			if e < len(t) && t[e] == '@' && wordBeforeTags(t, i) {
				s.hide(e, e+1) // "user<wbr>@example.org": no citation
			}
			if kind, ok := hiddenTags[name]; ok && !closing && !strings.HasSuffix(t[i:e], "/>") {
				end := len(t)
				if k := strings.Index(lower[e:], "</"+name); k >= 0 {
					end = e + k
					if g := strings.IndexByte(t[end:], '>'); g >= 0 {
						end += g + 1
					}
				}
				s.cut(i)
				s.blank(i, end, kind)
				s.cut(end)
				i = end
				continue
			}
			if !closing && isRefsDiv(t, i, e) {
				end := divEnd(t, e, name)
				if end < 0 {
					end = e
				}
				s.cut(i)
				s.placeholders = append(s.placeholders, Placeholder{Span{i, end}, HTMLDiv})
				s.blank(i, end, Markup)
				s.cut(end)
				i = end
				continue
			}
			if blockTags[name] && !(name == "p" && len(quotes) > 0) && name != "blockquote" {
				s.cut(i)
				s.cut(e)
			}
			switch name {
			case "h1", "h2", "h3", "h4", "h5", "h6":
				if !closing {
					heading = len(s.headings)
					s.headings = append(s.headings, Heading{Span: Span{i, e}, Level: int(name[1] - '0')})
				} else if heading >= 0 {
					h := &s.headings[heading]
					h.Title = s.titleText(h.End, i)
					h.End = e
					heading = -1
				}
			case "blockquote":
				if !closing {
					quotes = append(quotes, i)
				} else if n := len(quotes); n > 0 {
					s.quotes = append(s.quotes, Quote{Span: Span{quotes[n-1], e}, Closed: true})
					quotes = quotes[:n-1]
				}
			case "q":
				if !closing {
					s.mask[i] = 1
				} else {
					s.mask[e-1] = 2
				}
			case "ol", "ul":
				if !closing {
					ordered = append(ordered, name == "ol")
				} else if n := len(ordered); n > 0 {
					ordered = ordered[:n-1]
				}
			case "li", "p", "dd":
				if !closing {
					s.items = append(s.items, i)
				}
			}
			i = e
		case '&':
			if e := entityEnd(t, i, len(t)); e > i {
				s.entity(i, e)
				i = e
				continue
			}
			i++
		case 'h', 'w', 'f', 'd':
			if e := urlEnd(t, i, len(t)); e > i {
				s.blank(i, e, Markup)
				i = e
				continue
			}
			i++
		default:
			i++
		}
	}
}

// wordBeforeTags reports whether the tags that end just before an "@"
// and start at t[i] follow a word character: the "@" is then inside a
// word, as in an e-mail address broken by <wbr> or <span>.
func wordBeforeTags(t string, i int) bool {
	for i > 0 && t[i-1] == '>' {
		k := strings.LastIndexByte(t[:i-1], '<')
		if k < 0 || i-k > 1000 {
			return false
		}
		i = k
	}
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	return isKeyRune(r) || r == '.' || r == '-'
}

// plain scans plain text: paragraphs are separated by blank lines, short
// title-like lines are headings, URLs are not prose, and a line holding
// only {{bibliography}} is a placeholder.
func (s *scan) plain() {
	s.forms = allForms
	s.guessHeadings = true
	s.listAfterColon = true
	t := s.text
	for i := 0; i < len(t); {
		switch t[i] {
		case 'h', 'w', 'f', 'd':
			if e := urlEnd(t, i, len(t)); e > i {
				s.blank(i, e, Markup)
				i = e
				continue
			}
		case '{':
			if strings.HasPrefix(t[i:], "{{bibliography}}") {
				ls := i
				for ls > 0 && (t[ls-1] == ' ' || t[ls-1] == '\t') {
					ls--
				}
				le := lineEnd(t, i, len(t))
				if (ls == 0 || t[ls-1] == '\n') && isBlank(t[i+len("{{bibliography}}"):le]) {
					s.placeholders = append(s.placeholders, Placeholder{Span{i, i + len("{{bibliography}}")}, TemplateTag})
					s.blank(i, le, Markup)
					s.cut(ls)
					s.cut(le)
					i = le
					continue
				}
			}
		}
		i++
	}
}
