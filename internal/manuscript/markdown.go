package manuscript

import (
	"github.com/cite-project/cite/internal/lazyregexp"
	"strings"
)

var (
	fenceOpen     = lazyregexp.New("^ {0,3}(`{3,}|~{3,})")
	atxHeading    = lazyregexp.New(`^ {0,3}(#{1,6})(?:[ \t]+|$)`)
	setextLine    = lazyregexp.New(`^ {0,3}(=+|-+)[ \t]*$`)
	thematicBreak = lazyregexp.New(`^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	tableRow      = lazyregexp.New(`^[ \t]*(?:\|.*|\+[-=+:]+\+[ \t]*|:?-{3,}:?(?:[ \t]*\|[ \t]*:?-{3,}:?)+\|?[ \t]*)$`)
	linkDef       = lazyregexp.New(`^ {0,3}\[[^\]^][^\]]*\]:[ \t]+\S`)
	footnoteDef   = lazyregexp.New(`^ {0,3}\[\^([^\]\s]+)\]:`)
	blockquote    = lazyregexp.New(`^ {0,3}>[ \t]?`)
	listMarker    = lazyregexp.New(`^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+`)
	yamlKey       = lazyregexp.New(`^[A-Za-z_][\w-]*:`)
)

// markdown scans CommonMark and pandoc Markdown: YAML front matter and
// metadata blocks (with nocite), fenced and indented code, code spans,
// maths ($…$, $$…$$, \(…\), \[…\]), HTML comments and tags, headings
// (ATX and setext), pipe and grid tables, link destinations and
// attributes, footnotes, block quotations, div fences (::: {#refs}), and
// raw LaTeX commands (\autoref{…} is markup, \cite{…} a marker).
func (s *scan) markdown() {
	s.forms = allForms
	s.listAfterColon = true
	t := s.text
	d := s.d
	n := 1
	if e, ok := yamlBlock(t, 0); ok {
		s.blank(0, e, FrontMatter)
		s.yamlNocite(0, e)
		s.cut(e)
		n = d.Line(e)
		if e < len(t) && d.lines.starts[n-1] < e {
			n++
		}
		if e >= len(t) {
			return
		}
	}
	var (
		fence        string // the open code fence, "" when none
		indented     bool   // in an indented code block
		comment      bool   // in a multi-line HTML comment
		prevBlank    = true
		inList       bool
		note         = -1 // index in s.footnotes of the open footnote
		quoteStart   = -1
		blockStart   = -1 // start of the run of prose lines to scan inline
		blockEnd     int
		refsDivStart = -1
		divDepth     int
		prevLine     Span // the previous prose line, for setext headings
	)
	flush := func() {
		if blockStart >= 0 {
			s.inline(blockStart, blockEnd)
		}
		blockStart = -1
	}
	endQuote := func() {
		if quoteStart >= 0 {
			s.quotes = append(s.quotes, Quote{Span: Span{quoteStart, blockEnd}, Closed: true})
			s.cut(blockEnd)
			quoteStart = -1
		}
	}
	endNote := func(at int) {
		if note >= 0 {
			s.footnotes[note].End = at
			s.footnotes[note].Body.End = at
			s.cut(at)
			note = -1
		}
	}
	lines := len(d.lines.starts)
	for ; n <= lines; n++ {
		sp := d.LineSpan(n)
		ls, le := sp.Start, sp.End
		line := t[ls:le]
		next := le
		if next < len(t) {
			next++
		}
		switch {
		case fence != "":
			s.blank(ls, next, Code)
			if strings.HasPrefix(strings.TrimLeft(line, " "), fence) && strings.Trim(strings.TrimLeft(line, " "), fence[:1]+" \t") == "" {
				fence = ""
				s.cut(next)
			}
			continue
		case comment:
			k := strings.Index(line, "-->")
			if k < 0 {
				s.blank(ls, next, Comment)
				continue
			}
			s.blank(ls, ls+k+3, Comment)
			comment = false
			s.cut(ls + k + 3)
			if isBlank(line[k+3:]) {
				continue
			}
		}
		if isBlank(line) {
			flush()
			endQuote()
			if indented {
				s.blank(ls, next, Code)
			}
			prevBlank = true
			prevLine = Span{}
			continue
		}
		indent := indentWidth(line)
		if indented && indent >= 4 {
			s.blank(ls, next, Code)
			continue
		}
		indented = false
		if note >= 0 && prevBlank && indent < 4 {
			endNote(ls)
		}
		if prevBlank && indent == 0 && !listMarker().MatchString(line) {
			inList = false
		}
		if m := fenceOpen().FindStringSubmatch(line); m != nil {
			flush()
			endQuote()
			fence = m[1]
			s.cut(ls)
			s.blank(ls, next, Code)
			prevBlank, prevLine = false, Span{}
			continue
		}
		if prevBlank && indent >= 4 && !inList && note < 0 {
			flush()
			indented = true
			s.blank(ls, next, Code)
			continue
		}
		if k := strings.Index(line, "<!--"); k >= 0 && !strings.Contains(line[k:], "-->") {
			flush()
			s.cut(ls + k)
			s.blank(ls+k, next, Comment)
			comment = true
			if !isBlank(line[:k]) {
				s.inline(ls, ls+k)
			}
			continue
		}
		trim := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trim, ":::"):
			flush()
			endQuote()
			s.cut(ls)
			s.cut(next)
			s.blank(ls, le, Markup)
			rest := strings.TrimSpace(strings.TrimLeft(trim, ":"))
			switch {
			case rest == "":
				if divDepth > 0 {
					divDepth--
					if divDepth == 0 && refsDivStart >= 0 {
						s.placeholders = append(s.placeholders, Placeholder{Span{refsDivStart, le}, PandocDiv})
						s.blank(refsDivStart, le, Markup)
						refsDivStart = -1
					}
				}
			default:
				divDepth++
				if refsDivStart < 0 && (strings.Contains(rest, "#refs") || rest == "refs") {
					refsDivStart = ls
					divDepth = 1
				}
			}
			prevBlank, prevLine = false, Span{}
			continue
		case trim == "{{bibliography}}":
			flush()
			s.cut(ls)
			s.cut(next)
			a := ls + strings.Index(line, "{{")
			s.placeholders = append(s.placeholders, Placeholder{Span{a, a + len(trim)}, TemplateTag})
			s.blank(ls, le, Markup)
			prevBlank, prevLine = false, Span{}
			continue
		case trim == "---" && prevBlank:
			if e, ok := yamlBlock(t, ls); ok {
				flush()
				s.cut(ls)
				s.blank(ls, e, FrontMatter)
				s.yamlNocite(ls, e)
				s.cut(e)
				n = d.Line(max(ls, e-1))
				prevBlank, prevLine = true, Span{}
				continue
			}
		}
		if strings.HasPrefix(trim, "<") {
			if e := tagEnd(t, ls+strings.IndexByte(line, '<'), len(t)); e > ls && isRefsDiv(t, ls+strings.IndexByte(line, '<'), e) {
				flush()
				a := ls + strings.IndexByte(line, '<')
				name, _ := tagName(t, a, e)
				end := divEnd(t, e, name)
				if end < 0 {
					end = e
				}
				s.cut(a)
				s.cut(end)
				s.placeholders = append(s.placeholders, Placeholder{Span{a, end}, HTMLDiv})
				s.blank(a, end, Markup)
				n = d.Line(max(a, end-1))
				prevBlank, prevLine = false, Span{}
				continue
			}
		}
		if m := setextLine().FindStringSubmatch(line); m != nil && prevLine.End > prevLine.Start && blockStart >= 0 && quoteStart < 0 {
			// The previous line is a heading: "Title\n=====".
			level := 1
			if m[1][0] == '-' {
				level = 2
			}
			blockEnd = prevLine.Start
			if blockEnd > blockStart {
				flush()
			}
			blockStart = -1
			s.inline(prevLine.Start, prevLine.End)
			s.blank(ls, le, Markup)
			s.cut(next)
			s.headings = append(s.headings, Heading{Span: Span{prevLine.Start, le}, Level: level, Title: s.titleText(prevLine.Start, prevLine.End)})
			prevBlank, prevLine = false, Span{}
			continue
		}
		if thematicBreak().MatchString(line) {
			flush()
			endQuote()
			s.cut(ls)
			s.blank(ls, le, Markup)
			prevBlank, prevLine = false, Span{}
			continue
		}
		if m := atxHeading().FindStringSubmatchIndex(line); m != nil {
			flush()
			endQuote()
			level := m[3] - m[2]
			ts, te := ls+m[1], le
			// closing #s and {attributes}
			body := t[ts:te]
			if k := strings.LastIndex(body, "{"); k >= 0 && strings.HasSuffix(strings.TrimSpace(body), "}") {
				s.blank(ts+k, te, Markup)
				te = ts + k
			}
			body = strings.TrimRight(t[ts:te], " \t")
			if c := strings.TrimRight(body, "#"); len(c) < len(body) && (c == "" || strings.HasSuffix(c, " ")) {
				s.blank(ts+len(c), te, Markup)
				te = ts + len(c)
			}
			s.blank(ls, ts, Markup)
			s.inline(ts, te)
			s.cut(ls)
			s.cut(next)
			s.headings = append(s.headings, Heading{Span: Span{ls + strings.IndexByte(line, '#'), le}, Level: level, Title: s.titleText(ts, te)})
			prevBlank, prevLine = false, Span{}
			continue
		}
		if tableRow().MatchString(line) && (strings.HasPrefix(trim, "|") || strings.HasPrefix(trim, "+") || strings.Contains(trim, "---")) {
			flush()
			s.cut(ls)
			s.cut(next)
			s.blank(ls, le, Markup)
			prevBlank, prevLine = false, Span{}
			continue
		}
		if linkDef().MatchString(line) {
			flush()
			s.cut(ls)
			s.cut(next)
			s.blank(ls, le, Markup)
			prevBlank, prevLine = false, Span{}
			continue
		}
		if m := footnoteDef().FindStringSubmatchIndex(line); m != nil {
			flush()
			endQuote()
			endNote(ls)
			s.cut(ls)
			s.blank(ls, ls+m[1], Markup)
			note = len(s.footnotes)
			s.footnotes = append(s.footnotes, Footnote{Span: Span{ls, le}, Label: line[m[2]:m[3]], Body: Span{ls + m[1], le}})
			blockStart, blockEnd = ls+m[1], le
			s.footnotes[note].End, s.footnotes[note].Body.End = le, le
			prevBlank, prevLine = false, Span{ls + m[1], le}
			continue
		}
		if m := blockquote().FindStringIndex(line); m != nil {
			if quoteStart < 0 {
				flush()
				s.cut(ls)
				quoteStart = ls + m[0] + strings.IndexByte(line[m[0]:], '>')
			}
			s.blank(ls, ls+m[1], Markup)
			if blockStart < 0 {
				blockStart = ls + m[1]
			}
			blockEnd = le
			prevBlank, prevLine = false, Span{}
			continue
		}
		if quoteStart >= 0 && prevBlank {
			endQuote()
		}
		if listMarker().MatchString(line) {
			inList = true
		}
		if note >= 0 {
			s.footnotes[note].End, s.footnotes[note].Body.End = le, le
		}
		if blockStart < 0 {
			blockStart = ls
		}
		blockEnd = le
		prevBlank = false
		prevLine = Span{ls, le}
	}
	flush()
	endQuote()
	if note >= 0 {
		endNote(s.footnotes[note].End)
	}
}

// titleText returns a heading's title as prose.
func (s *scan) titleText(a, b int) string {
	return strings.Join(strings.Fields(quoteMarks.Replace(string(s.mask[a:b]))), " ")
}

// indentWidth returns the width of a line's leading white space, a tab
// counting four.
func indentWidth(line string) int {
	w := 0
	for _, c := range []byte(line) {
		switch c {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return w
		}
	}
	return w
}

// yamlBlock reports whether a YAML block starts with the "---" line at
// t[at] and returns its end (after the closing "---" or "..." line).
// Front matter at the start must be closed within 10,000 lines; a block
// later in the text must also open with a "key:" line.
func yamlBlock(t string, at int) (int, bool) {
	first, rest, ok := strings.Cut(t[at:], "\n")
	if !ok || strings.TrimRight(first, " \t\r") != "---" {
		return 0, false
	}
	if at > 0 && !yamlKey().MatchString(rest) {
		return 0, false
	}
	p := at + len(first) + 1
	for k := 0; k < 10000 && p <= len(t); k++ {
		e := strings.IndexByte(t[p:], '\n')
		line := t[p:]
		if e >= 0 {
			line = t[p : p+e]
		}
		if l := strings.TrimRight(line, " \t\r"); l == "---" || l == "..." {
			if e < 0 {
				return len(t), true
			}
			return p + e + 1, true
		}
		if e < 0 {
			return 0, false
		}
		if k == 0 && isBlank(line) {
			return 0, false
		}
		p += e + 1
	}
	return 0, false
}

// yamlNocite reads the "nocite" field of the YAML block t[a:b]: every
// "@key" in its value, "@*" for all.
func (s *scan) yamlNocite(a, b int) {
	t := s.text
	for p := a; p < b; {
		e := strings.IndexByte(t[p:b], '\n')
		if e < 0 {
			e = b - p
		}
		line := t[p : p+e]
		if !strings.HasPrefix(line, "nocite:") {
			p += e + 1
			continue
		}
		end := p + e
		q := p + e + 1
		for q < b {
			f := strings.IndexByte(t[q:b], '\n')
			if f < 0 {
				f = b - q
			}
			l := t[q : q+f]
			if l == "" || (l[0] != ' ' && l[0] != '\t' && l[0] != '-') || strings.TrimSpace(l) == "---" || strings.TrimSpace(l) == "..." {
				break
			}
			end = q + f
			q += f + 1
		}
		nc := Nocite{Span: Span{p, end}}
		v := t[p+len("nocite:") : end]
		for i := 0; i < len(v); i++ {
			if v[i] != '@' {
				continue
			}
			if i+1 < len(v) && v[i+1] == '*' {
				nc.All = true
				continue
			}
			ks, ke := pandocKey(v, i+1, len(v))
			if ke > ks {
				nc.Keys = append(nc.Keys, strings.Trim(v[ks:ke], "{}"))
				i = ke - 1
			}
		}
		s.nocite = append(s.nocite, nc)
		p = end + 1
	}
}

// refCommands are the LaTeX commands whose argument is a label or a path,
// not prose: raw LaTeX in Markdown, and LaTeX itself.
var refCommands = map[string]bool{
	"ref": true, "autoref": true, "cref": true, "Cref": true, "eqref": true, "pageref": true, "nameref": true,
	"vref": true, "label": true, "hyperref": true, "url": true, "includegraphics": true, "input": true, "include": true,
	"cpageref": true, "Cpageref": true, "labelcref": true, "crefrange": true, "Crefrange": true, "subref": true,
}

// inline scans the prose run t[a:b] of a Markdown document for inline
// markup.
func (s *scan) inline(a, b int) {
	t := s.text
	dollars, comments := finder{pat: "$$"}, finder{pat: "-->"}
	parens, brackets := finder{pat: `\)`}, finder{pat: `\]`}
	ticks := map[int]*finder{}
	for i := a; i < b; {
		c := t[i]
		switch c {
		case '\\':
			if i+1 >= b {
				i++
				continue
			}
			switch n := t[i+1]; {
			case n == '(' || n == '[':
				f := &parens
				if n == '[' {
					f = &brackets
				}
				if k := f.at(t, i+2); k >= 0 && k+2 <= b {
					s.blank(i, k+2, Math)
					i = k + 2
					continue
				}
				s.hide(i, i+1)
				i += 2
			case n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z':
				e := commandName(t, i, b)
				name := t[i+1 : e]
				switch {
				case isCiteCommand(name):
					if m, ok := parseLaTeXCite(t, i, b); ok {
						s.markers = append(s.markers, m)
						i = m.End
						continue
					}
					s.blank(i, e, Markup)
				case refCommands[name]:
					end := e
					for end < b && t[end] == '[' {
						if k := latexGroupEnd(t, end, b, '[', ']', maxMarkerLen); k > 0 {
							end = k + 1
						} else {
							break
						}
					}
					if end < b && t[end] == '{' {
						if k := strings.IndexByte(t[end:min(b, end+maxMarkerLen)], '}'); k >= 0 {
							end += k + 1
						}
					}
					s.blank(i, end, Markup)
					e = end
				case name == "nocite":
					end := e
					if end < b && t[end] == '{' {
						if k := keysEnd(t, end, b); k > 0 {
							s.nocite = append(s.nocite, latexNocite(t, i, end, k))
							end = k + 1
						}
					}
					s.blank(i, end, Markup)
					e = end
				default:
					s.blank(i, e, Markup)
				}
				i = e
			default:
				s.hide(i, i+1)
				i += 2
			}
		case '`':
			run := 1
			for i+run < b && t[i+run] == '`' {
				run++
			}
			f := ticks[run]
			if f == nil {
				f = &finder{pat: t[i : i+run]}
				ticks[run] = f
			}
			end := -1
			for j := i + run; j < b; {
				k := f.at(t, j)
				if k < 0 || k >= b {
					break
				}
				j = k
				if j+run < b && t[j+run] == '`' || t[j-1] == '`' {
					for j < b && t[j] == '`' {
						j++
					}
					continue
				}
				end = j + run
				break
			}
			if end < 0 {
				i += run
				continue
			}
			s.blank(i, end, Code)
			i = end
		case '$':
			if i+1 < b && t[i+1] == '$' {
				if k := dollars.at(t, i+2); k >= 0 && k+2 <= b {
					e := k + 2
					s.blank(i, e, Math)
					i = e
					continue
				}
				i += 2
				continue
			}
			if e := inlineMathEnd(t, i, b); e > i {
				s.blank(i, e, Math)
				i = e
				continue
			}
			i++
		case '<':
			if strings.HasPrefix(t[i:min(b, i+4)], "<!--") {
				if k := comments.at(t, i+4); k >= 0 && k+3 <= b {
					s.blank(i, k+3, Comment)
					i = k + 3
					continue
				}
			}
			if m, ok := supMarker(t, i, b); ok {
				s.markers = append(s.markers, m)
				i = m.End
				continue
			}
			if e := tagEnd(t, i, b); e > i {
				s.blank(i, e, Markup)
				i = e
				continue
			}
			if strings.HasPrefix(t[i:min(b, i+5)], "<http") || strings.HasPrefix(t[i:min(b, i+5)], "<www.") {
				if k := strings.IndexByte(t[i:min(b, i+2048)], '>'); k > 0 {
					s.blank(i, i+k+1, Markup)
					i += k + 1
					continue
				}
			}
			i++
		case '[':
			if i+1 < b && t[i+1] == '^' {
				if k := strings.IndexByte(t[i:min(b, i+100)], ']'); k > 2 && !strings.ContainsAny(t[i+2:i+k], " \t\n[") {
					label := t[i+2 : i+k]
					s.markers = append(s.markers, Marker{Span: Span{i, i + k + 1}, Form: FootnoteMarker, Note: true, Footnote: label,
						Cites: []Cite{{Span: Span{i + 2, i + k}, Key: label}}})
					i += k + 1
					continue
				}
			}
			i++
		case ']':
			i++
			if i < b && (t[i] == '(' || t[i] == '[' && i+1 < b && t[i+1] != '@' && t[i+1] != '^') {
				open, close := t[i], byte(')')
				if open == '[' {
					close = ']'
				}
				depth := 0
				for j := i; j < b && j-i < 2048; j++ {
					if t[j] == open {
						depth++
					} else if t[j] == close {
						depth--
						if depth == 0 {
							s.blank(i, j+1, Markup)
							i = j + 1
							break
						}
					} else if t[j] == '\n' && open == '[' {
						break
					}
				}
			}
		case '{':
			if i+1 < b && strings.IndexByte("#.-=", t[i+1]) >= 0 {
				if k := strings.IndexByte(t[i:min(b, i+maxMarkerLen)], '}'); k > 0 && !strings.Contains(t[i:i+k], "\n") {
					s.blank(i, i+k+1, Markup)
					i += k + 1
					continue
				}
			}
			i++
		case '^':
			if e, ok := caretSuperscript(t, i, b); ok {
				m := Marker{Span: Span{i, e}, Form: SuperscriptMarker}
				if cites, ok := parseNumeric(t, i+1, e-1); ok {
					m.Cites = cites
					s.markers = append(s.markers, m)
					i = e
					continue
				}
			}
			s.hide(i, i+1)
			i++
		case '*', '_':
			if c == '_' && i > a && i+1 < b && isWordByte(t[i-1]) && isWordByte(t[i+1]) {
				i++
				continue
			}
			if c == '*' && (i == a || t[i-1] == '\n' || isBlank(t[lineStartIn(t, a, i):i])) && i+1 < b && (t[i+1] == ' ' || t[i+1] == '\t') {
				i++ // a bullet
				continue
			}
			s.hide(i, i+1)
			i++
		case '~':
			if i+1 < b && t[i+1] == '~' {
				s.hide(i, i+2)
				i += 2
				continue
			}
			i++
		case '&':
			if e := entityEnd(t, i, b); e > i {
				s.entity(i, e)
				i = e
				continue
			}
			i++
		case 'h', 'w', 'f', 'd':
			if e := urlEnd(t, i, b); e > i {
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

// lineStartIn returns the start of the line holding t[i], looking back no
// further than a or 16 bytes.
func lineStartIn(t string, a, i int) int {
	for j := i; j > a && i-j < 16; j-- {
		if t[j-1] == '\n' {
			return j
		}
	}
	if i-a < 16 {
		return a
	}
	return i
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// inlineMathEnd returns the end of pandoc inline maths "$…$" at t[i]: the
// opening "$" is followed by a non-space, the closing one is the next "$",
// preceded by a non-space and not followed by a digit, in the same
// paragraph. It returns i when there is none.
func inlineMathEnd(t string, i, b int) int {
	if i+1 >= b || t[i+1] == ' ' || t[i+1] == '\t' || t[i+1] == '\n' {
		return i
	}
	for j := i + 1; j < b; j++ {
		switch t[j] {
		case '\\':
			j++
		case '\n':
			if j+1 < b && t[j+1] == '\n' {
				return i
			}
		case '$':
			if p := t[j-1]; p == ' ' || p == '\t' || p == '\n' {
				return i
			}
			if j+1 < b && t[j+1] >= '0' && t[j+1] <= '9' {
				return i
			}
			return j + 1
		}
	}
	return i
}

// caretSuperscript returns the end of a pandoc superscript "^1^",
// "^1,2^", "^1-3^" at t[i] holding only numbers and separators.
func caretSuperscript(t string, i, b int) (int, bool) {
	for j := i + 1; j < b && j-i < 24; j++ {
		c := t[j]
		switch {
		case c == '^':
			return j + 1, j > i+1
		case c >= '0' && c <= '9', c == ',', c == ';', c == '-', c == ' ':
		case c >= 0x80 && dashLen(t, j, b) > 0:
			j += dashLen(t, j, b) - 1
		default:
			return 0, false
		}
	}
	return 0, false
}

// latexNocite reads \nocite{keys} whose braces are t[open] and t[close].
func latexNocite(t string, i, open, close int) Nocite {
	nc := Nocite{Span: Span{i, close + 1}}
	for _, k := range strings.Split(t[open+1:close], ",") {
		k = strings.TrimSpace(k)
		if c := strings.IndexByte(k, '%'); c >= 0 {
			k = strings.TrimSpace(k[:c])
		}
		switch k {
		case "":
		case "*":
			nc.All = true
		default:
			nc.Keys = append(nc.Keys, k)
		}
	}
	return nc
}
