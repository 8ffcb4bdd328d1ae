package manuscript

import (
	"strings"
)

// maxKeysLen bounds the key list of a LaTeX citation command.
const maxKeysLen = 4096

// isCiteCommand reports whether a LaTeX command name is a citation
// command: any name holding "cite" (\cite, \citep, \parencite, \textcite,
// \autocite, \footcite, \citenum, \citeauthor, \cites, …) except \nocite,
// which prints nothing, and the style setters.
func isCiteCommand(name string) bool {
	lower := strings.ToLower(name)
	if !strings.Contains(lower, "cite") {
		return false
	}
	switch lower {
	case "nocite", "citestyle", "citesetup", "citeindexfalse", "citeindextrue", "citereset", "citeform", "citefield", "citelist", "citename", "citedef":
		return false
	}
	return !strings.HasPrefix(lower, "new") && !strings.HasPrefix(lower, "declare") && !strings.HasPrefix(lower, "renew") && !strings.HasPrefix(lower, "if")
}

// commandName reads a LaTeX command name after the backslash at text[i]:
// letters only. It returns the end of the name.
func commandName(text string, i, to int) int {
	p := i + 1
	for p < to && (text[p] >= 'a' && text[p] <= 'z' || text[p] >= 'A' && text[p] <= 'Z') {
		p++
	}
	return p
}

// parseLaTeXCite parses a LaTeX citation command at text[i] == '\\' with
// up to two optional arguments (prenote, postnote) and the keys; the
// biblatex multicite commands (\cites, \parencites, …) take global notes
// in parentheses and several such groups. Key lists may run over lines and
// hold % comments.
func parseLaTeXCite(text string, i, to int) (Marker, bool) {
	p := commandName(text, i, to)
	name := text[i+1 : p]
	if !isCiteCommand(name) {
		return Marker{}, false
	}
	m := Marker{Span: Span{i, 0}, Form: LaTeXMarker, Command: name}
	if p < to && text[p] == '*' {
		m.Starred = true
		p++
	}
	lower := strings.ToLower(name)
	multi := strings.HasSuffix(lower, "cites")
	switch strings.TrimSuffix(lower, "s") {
	case "textcite", "citet", "citeauthor", "citealt", "citeauthor*", "textcites", "textfullcite":
		m.Narrative = true
	case "footcite", "footcitetext", "footfullcite", "smartcite", "footcites":
		m.Note = true
	}
	suppress := lower == "citeyear" || lower == "citeyearpar" || lower == "citedate" || (m.Starred && (lower == "parencite" || lower == "autocite"))
	if multi {
		for k := 0; k < 2 && p < to && text[p] == '('; k++ {
			e := latexGroupEnd(text, p, to, '(', ')', maxMarkerLen)
			if e < 0 {
				return Marker{}, false
			}
			if k == 0 {
				m.Prefix = strings.TrimSpace(cleanLocator.Replace(text[p+1 : e]))
			} else {
				m.Suffix = strings.TrimSpace(cleanLocator.Replace(text[p+1 : e]))
			}
			p = e + 1
		}
		if m.Suffix == "" && m.Prefix != "" {
			// one parenthesis is the global postnote
			m.Prefix, m.Suffix = "", m.Prefix
		}
	}
	for {
		var opts []string
		q := p
		for len(opts) < 2 && q < to && text[q] == '[' {
			e := latexGroupEnd(text, q, to, '[', ']', maxMarkerLen)
			if e < 0 {
				return Marker{}, false
			}
			opts = append(opts, text[q+1:e])
			q = e + 1
		}
		if q >= to || text[q] != '{' {
			if len(m.Cites) > 0 {
				break
			}
			return Marker{}, false
		}
		e := keysEnd(text, q, to)
		if e < 0 {
			return Marker{}, false
		}
		var pre, post string
		switch len(opts) {
		case 1:
			post = opts[0]
		case 2:
			pre, post = opts[0], opts[1]
		}
		first := len(m.Cites)
		for k := q + 1; k < e; {
			end := k
			for end < e && text[end] != ',' {
				if text[end] == '%' {
					for end < e && text[end] != '\n' {
						end++
					}
					continue
				}
				end++
			}
			ks := skipSpace(text, k, end)
			for ks < end && text[ks] == '%' {
				for ks < end && text[ks] != '\n' {
					ks++
				}
				ks = skipSpace(text, ks, end)
			}
			ke := ks
			for ke < end && text[ke] != '%' && text[ke] != ' ' && text[ke] != '\t' && text[ke] != '\n' && text[ke] != '\r' {
				ke++
			}
			if ke > ks && text[ks:ke] != "*" {
				m.Cites = append(m.Cites, Cite{Span: Span{ks, ke}, Key: text[ks:ke], SuppressAuthor: suppress, AuthorInText: m.Narrative})
			}
			k = end + 1
		}
		if len(m.Cites) > first {
			if pre = strings.TrimSpace(cleanLocator.Replace(pre)); pre != "" {
				m.Cites[first].Prefix = pre
			}
			if post = strings.TrimSpace(cleanLocator.Replace(post)); post != "" {
				last := &m.Cites[len(m.Cites)-1]
				if loc, ok := parseLocator(post); ok {
					loc.apply(last)
				} else if loc, n := locatorPrefix(post); n > 0 {
					loc.apply(last)
					last.Suffix = strings.TrimSpace(post[n:])
				} else {
					last.Suffix = post
				}
			}
		}
		p = e + 1
		if !multi {
			break
		}
	}
	if len(m.Cites) == 0 {
		return Marker{}, false
	}
	m.End = p
	return m, true
}

// keysEnd returns the index of the "}" that closes the key list opened at
// text[q], or -1: keys hold no braces or backslashes (so a scan never
// runs past the next command), and the list is at most maxKeysLen bytes.
func keysEnd(text string, q, to int) int {
	for j := q + 1; j < to && j-q <= maxKeysLen; j++ {
		switch text[j] {
		case '}':
			return j
		case '{', '\\':
			return -1
		case '%':
			for j < to && text[j] != '\n' {
				j++
			}
		}
	}
	return -1
}

// latexGroupEnd returns the index of the close byte that ends the optional
// argument opened at text[q], allowing braces inside ("[{p.~5}]") but no
// new open byte or blank line; -1 when there is none within limit bytes.
func latexGroupEnd(text string, q, to int, open, close byte, limit int) int {
	depth := 0
	for j := q + 1; j < to && j-q <= limit; j++ {
		switch c := text[j]; {
		case c == '\\':
			j++
		case c == '{':
			depth++
		case c == '}':
			if depth == 0 {
				return -1
			}
			depth--
		case c == close && depth == 0:
			return j
		case c == open && depth == 0:
			return -1
		case c == '\n' && j+1 < to && text[j+1] == '\n':
			return -1
		}
	}
	return -1
}
