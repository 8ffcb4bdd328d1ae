package manuscript

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// connectors are the words an author list may hold besides names:
// "Smith and Jones", "Lee, Kim, & Park", "Ministry of Foreign Affairs",
// "van Dijk", "Петров и др.".
var connectors = map[string]bool{
	"and": true, "&": true, "и": true, "et": true, "al.": true, "al": true, "др.": true, "др": true,
	"of": true, "for": true, "the": true, "on": true, "in": true, "de": true, "van": true, "von": true,
	"der": true, "den": true, "du": true, "da": true, "di": true, "la": true, "le": true, "del": true,
	"y": true, "dos": true, "das": true, "ten": true, "ter": true, "bin": true, "ibn": true, "el": true,
}

// nonAuthors are capitalised words that open a parenthesis with a year but
// name no author: "(April 2010)", "(Summer 2012)".
var nonAuthors = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "spring": true, "summer": true, "autumn": true,
	"fall": true, "winter": true, "since": true, "until": true, "before": true, "after": true, "from": true,
	"in": true, "by": true, "circa": true, "ca": true, "c": true, "about": true, "around": true, "see": true,
	"январь": true, "февраль": true, "март": true, "апрель": true, "май": true, "июнь": true, "июль": true,
	"август": true, "сентябрь": true, "октябрь": true, "ноябрь": true, "декабрь": true, "с": true, "до": true,
	"fig": true, "figure": true, "table": true, "eq": true, "equation": true, "section": true, "chapter": true,
	"рис": true, "табл": true, "гл": true, "разд": true, "том": true, "vol": true, "no": true, "est": true,
}

// yearAt reads a year at s[p:]: four digits with an optional suffix letter
// ("2012a"), "n.d." or "б. г.". It returns the end, or p.
func yearAt(s string, p int) int {
	if p+4 <= len(s) && isDigits(s[p:p+4]) && (p+4 == len(s) || !isDigitByte(s[p+4])) {
		q := p + 4
		if q < len(s) && s[q] >= 'a' && s[q] <= 'z' && (q+1 == len(s) || !isLetterAt(s, q+1)) {
			q++
		}
		if q < len(s) && isLetterAt(s, q) {
			return p
		}
		return q
	}
	for _, nd := range []string{"n.d.", "n. d.", "б. г.", "б.г.", "s.d.", "s. d."} {
		if strings.HasPrefix(s[p:], nd) {
			return p + len(nd)
		}
	}
	return p
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return s != ""
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// authorList checks that s ("Smith", "Lee, Kim, & Park", "Smith et al.",
// "World Health Organization") is a list of names and returns the first
// name. comma reports whether a comma separated the list from the year.
func authorList(s string) (first string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 120 {
		return "", false
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\u00a0' })
	if len(words) == 0 || len(words) > 12 {
		return "", false
	}
	names := 0
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case connectors[strings.ToLower(w)] && (i > 0 || !unicode.IsUpper(r)):
		case unicode.IsUpper(r):
			for _, c := range w {
				if !unicode.IsLetter(c) && !strings.ContainsRune("'’-.", c) {
					return "", false
				}
			}
			names++
		default:
			return "", false
		}
	}
	if names == 0 || nonAuthors[strings.ToLower(strings.TrimRight(words[0], "."))] {
		return "", false
	}
	// The first author: up to the first separator.
	first = s
	for _, sep := range []string{",", " & ", " and ", " и ", " et al", " и др"} {
		if k := strings.Index(first, sep); k > 0 {
			first = first[:k]
		}
	}
	return strings.TrimSpace(first), true
}

// parseParen parses an author–date citation whose "(" is at text[i]:
// "(Author, 2012)", "(Smith 2010, 5)", "(Smith, 2010: 5)", "(see Author,
// 2012, p. 5; Other, 2010)", "(Петров, Сидоров, 2018)", or a narrative
// "Author (2012)" / "Author's (2012)", which starts at the name.
func parseParen(text string, i, to int) (Marker, bool) {
	j := closing(text, i, to, '(', ')')
	if j < 0 {
		return Marker{}, false
	}
	if c, ok := yearParen(text, i+1, j); ok {
		k := max(0, i-120)
		for k > 0 && !utf8.RuneStart(text[k]) {
			k++
		}
		ns, ne, ok := narrativeName(text, k, i)
		if !ok {
			return Marker{}, false
		}
		first, ok := authorList(text[ns:ne])
		if !ok {
			return Marker{}, false
		}
		c.Span = Span{ns, ne}
		c.Author = first
		c.Key = strings.TrimSpace(text[ns:ne]) + " " + c.Year
		c.AuthorInText = true
		return Marker{Span: Span{ns, j + 1}, Form: AuthorDateMarker, Narrative: true, Cites: []Cite{c}}, true
	}
	var cites []Cite
	for p := i + 1; p < j; {
		end := indexByteIn(text, ';', p, j)
		items, ok := authorDateItem(text, p, end)
		if !ok {
			return Marker{}, false
		}
		cites = append(cites, items...)
		p = end + 1
	}
	if len(cites) == 0 {
		return Marker{}, false
	}
	return Marker{Span: Span{i, j + 1}, Form: AuthorDateMarker, Cites: cites}, true
}

// yearParen parses the inside of a narrative citation's parenthesis,
// text[p:e]: "2012", "2012a, p. 5", "2010: 5".
func yearParen(text string, p, e int) (Cite, bool) {
	s := text[p:e]
	y := yearAt(s, 0)
	if y == 0 {
		return Cite{}, false
	}
	c := Cite{Year: s[:y]}
	rest := strings.TrimSpace(s[y:])
	if rest == "" {
		return c, true
	}
	if rest[0] != ',' && rest[0] != ':' {
		return Cite{}, false
	}
	loc, ok := parseLocator(rest[1:])
	if !ok {
		return Cite{}, false
	}
	loc.apply(&c)
	return c, true
}

// narrativeName finds the name that ends just before a narrative
// citation's parenthesis at text[i] (looking no further back than k):
// "Smith", "Smith and Jones", "Smith et al.", "Smith's".
func narrativeName(text string, k, i int) (int, int, bool) {
	e := i
	for e > k && (text[e-1] == ' ' || text[e-1] == '\t') {
		e--
	}
	if e == i || e == k {
		return 0, 0, false
	}
	ne := e
	for _, poss := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(text[k:e], poss) {
			ne = e - len(poss)
			break
		}
	}
	// Walk back over up to three capitalised words joined by connectors.
	s := ne
	words := 0
	for p := ne; p > k && words < 6; {
		q := p
		for q > k {
			r, size := utf8.DecodeLastRuneInString(text[k:q])
			if !unicode.IsLetter(r) && !strings.ContainsRune("'’-.", r) {
				break
			}
			q -= size
		}
		if q == p {
			break
		}
		w := text[q:p]
		r, _ := utf8.DecodeRuneInString(w)
		lw := strings.ToLower(w)
		switch {
		case unicode.IsUpper(r):
			s = q
		case lw == "al." || lw == "et" || lw == "and" || lw == "и" || lw == "др." || lw == "&":
		default:
			p = k
			continue
		}
		words++
		p = q
		for p > k && text[p-1] == ' ' {
			p--
		}
		if p > k && text[p-1] == '&' {
			p--
			for p > k && text[p-1] == ' ' {
				p--
			}
		}
	}
	if s == ne {
		return 0, 0, false
	}
	// Drop leading connectors: "and Smith (2012)" names Smith.
	for {
		w, rest, _ := strings.Cut(text[s:ne], " ")
		if rest == "" || !connectors[strings.ToLower(w)] {
			break
		}
		s += len(w) + 1
	}
	if r, _ := utf8.DecodeRuneInString(text[s:]); !unicode.IsUpper(r) {
		return 0, 0, false
	}
	return s, ne, true
}

// authorDateItem parses one item of a parenthetical author–date citation,
// text[p:e]: "[prefix] Authors[,] Year[, Year…][(,|:) locator]".
func authorDateItem(text string, p, e int) ([]Cite, bool) {
	s := skipSpace(text, p, e)
	ps := s
	s = skipPrefix(text, s, e)
	prefix := strings.TrimSpace(text[ps:s])
	// Find the first year that follows ", " or " ".
	y := -1
	for q := s + 1; q < e; q++ {
		if (text[q-1] == ' ' || text[q-1] == ',') && yearAt(text[:e], q) > q {
			y = q
			break
		}
	}
	if y < 0 {
		return nil, false
	}
	ae := y
	for ae > s && (text[ae-1] == ' ' || text[ae-1] == ',' || text[ae-1] == '\u00a0') {
		ae--
	}
	first, ok := authorList(text[s:ae])
	if !ok {
		return nil, false
	}
	full := strings.TrimSpace(text[s:ae])
	var years []string
	q := y
	for {
		ye := yearAt(text[:e], q)
		years = append(years, text[q:ye])
		q = ye
		r := q
		for r < e && text[r] == ' ' {
			r++
		}
		if r < e && text[r] == ',' {
			n := skipSpace(text, r+1, e)
			if yearAt(text[:e], n) > n {
				q = n
				continue
			}
		}
		break
	}
	var loc locator
	rest := strings.TrimSpace(text[q:e])
	if rest != "" {
		if rest[0] != ',' && rest[0] != ':' {
			return nil, false
		}
		l, ok := parseLocator(rest[1:])
		if !ok {
			return nil, false
		}
		loc = l
	}
	var cites []Cite
	for _, yr := range years {
		c := Cite{Span: Span{s, ae}, Key: full + " " + yr, Author: first, Year: yr}
		loc.apply(&c)
		cites = append(cites, c)
	}
	cites[0].Prefix = prefix
	return cites, true
}
