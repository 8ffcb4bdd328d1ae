package verify

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Form is the notation a citation marker is written in.
type Form int

// The marker notations ParseMarkers recognises.
const (
	Numeric    Form = iota // [4], [2, с. 9], [1–3], [1; 4]
	Pandoc                 // [@id, p. 9], [see @a; @b], @id
	LaTeX                  // \cite{id}, \parencite[p.~9]{id}, \textcite{a,b}
	AuthorDate             // (Author, 2012), (Author et al., 2012, p. 5), Author (2012)
)

// String returns the form's name as messages print it.
func (f Form) String() string {
	switch f {
	case Pandoc:
		return "pandoc"
	case LaTeX:
		return "latex"
	case AuthorDate:
		return "author-date"
	}
	return "numeric"
}

// Marker is one citation marker in a manuscript. Line, Text, Refs and
// Resolved are its JSON form; the other fields say where it is and what it
// names. Refs lists the ids of the references it resolves to, in the order
// written; Resolved is false when any reference it names is unknown.
type Marker struct {
	Line     int      `json:"line"`
	Text     string   `json:"text"`
	Refs     []string `json:"refs"`
	Resolved bool     `json:"resolved"`

	// Col is the 1-based column (in characters) of the marker's first
	// character; Start and End are its byte offsets in the manuscript.
	Col        int  `json:"-"`
	Start, End int  `json:"-"`
	Form       Form `json:"-"`
	// Narrative marks an author–date marker of the form "Author (2012)",
	// which is kept only when it resolves: "Minister (1994)" is no citation.
	Narrative bool `json:"-"`
	// Cites are the references the marker names, one per number, key or
	// author–year pair; a range such as [1–3] gives three.
	Cites []Cite `json:"-"`
}

// Cite is one reference named in a marker.
type Cite struct {
	// Key is the reference as written: "4", "smith2000", "Smith 2012".
	Key string
	// Number is the number of a numeric marker, 1-based; 0 otherwise.
	Number int
	// Author and Year are the parts of an author–date citation.
	Author, Year string
	// Locator is the pinpoint ("9", "33–35") and Label its CSL locator term
	// ("page", "paragraph", "chapter", …); both are empty when none is given.
	Locator, Label string
	// Ref is the id of the reference the cite resolves to, or "".
	Ref string
	// Start and End are the byte offsets of Key in the manuscript.
	Start, End int
}

// Pinpoint reports whether the cite gives a page, paragraph or similar
// locator, precise enough for a quotation.
func (c Cite) Pinpoint() bool {
	if c.Locator == "" {
		return false
	}
	switch c.Label {
	case "page", "paragraph", "line", "column", "folio", "verse":
		return true
	}
	return false
}

// maxMarkerLen bounds the text a bracket or parenthesis may span to be a
// marker, so that a stray "[" never makes the scanner read the whole file.
const maxMarkerLen = 300

// maxNumber is the highest number a numeric marker may carry; "[1995]" is a
// year in brackets, not the 1995th reference.
const maxNumber = 999

// ParseMarkers returns the citation markers in text in the order they
// appear. Markers do not overlap. The markers are not resolved: Refs is
// empty and Resolved false until Run matches them with a library.
func ParseMarkers(text string) []Marker {
	var out []Marker
	line, lineStart := 1, 0
	at := 0 // text before at has been scanned for line breaks
	add := func(m Marker) {
		for ; at < m.Start; at++ {
			if text[at] == '\n' {
				line++
				lineStart = at + 1
			}
		}
		m.Line = line
		m.Col = utf8.RuneCountInString(text[lineStart:m.Start]) + 1
		m.Text = text[m.Start:m.End]
		m.Refs = []string{}
		out = append(out, m)
	}
	for i := 0; i < len(text); {
		var (
			m  Marker
			ok bool
		)
		switch text[i] {
		case '[':
			m, ok = parseBracket(text, i)
		case '\\':
			m, ok = parseLaTeX(text, i)
		case '(':
			m, ok = parseParen(text, i)
			if ok && m.Start < i {
				// A narrative "Author (2012)" starts before the parenthesis;
				// it must not swallow a marker found already.
				if n := len(out); n > 0 && out[n-1].End > m.Start {
					ok = false
				}
			}
		case '@':
			m, ok = parseBareKey(text, i)
		}
		if !ok {
			i++
			continue
		}
		add(m)
		i = m.End
	}
	return out
}

// parseBracket parses a numeric or pandoc marker whose "[" is at text[i].
func parseBracket(text string, i int) (Marker, bool) {
	j := closing(text, i, '[', ']')
	if j < 0 {
		return Marker{}, false
	}
	if strings.IndexByte(text[i+1:j], '@') >= 0 {
		return parsePandoc(text, i, j)
	}
	cites, ok := parseNumeric(text, i+1, j)
	if !ok {
		return Marker{}, false
	}
	return Marker{Start: i, End: j + 1, Form: Numeric, Cites: cites}, true
}

// closing returns the index of the close byte that ends the group opened at
// text[i], or -1 when it is not within maxMarkerLen bytes on the same line
// or another open byte comes first.
func closing(text string, i int, open, close byte) int {
	for j := i + 1; j < len(text) && j-i <= maxMarkerLen; j++ {
		switch text[j] {
		case close:
			return j
		case open, '\n':
			return -1
		}
	}
	return -1
}

// parseNumeric parses the inside of a numeric marker, text[from:to]:
// numbers and ranges separated by ";" or ",", each with an optional
// locator after a comma ("2, с. 9").
func parseNumeric(text string, from, to int) ([]Cite, bool) {
	var cites []Cite
	p := skipSpace(text, from, to)
	p = skipPrefix(text, p, to)
	for {
		p = skipSpace(text, p, to)
		n, q := number(text, p, to)
		if q == p {
			return nil, false
		}
		first := []Cite{{Key: text[p:q], Number: n, Start: p, End: q}}
		r := skipSpace(text, q, to)
		if d := dashLen(text, r, to); d > 0 {
			r = skipSpace(text, r+d, to)
			m, s := number(text, r, to)
			if s == r || m <= n || m-n > 100 {
				return nil, false
			}
			first = first[:0]
			for k := n; k <= m; k++ {
				first = append(first, Cite{Key: strconv.Itoa(k), Number: k, Start: p, End: s})
			}
			r = skipSpace(text, s, to)
		}
		if r < to && text[r] == ',' {
			s := skipSpace(text, r+1, to)
			if _, e := number(text, s, to); e > s && bareNumberEnds(text, e, to) {
				cites = append(cites, first...)
				p = s
				continue
			}
			end := indexByteIn(text, ';', s, to)
			label, value, ok := parseLocator(text[s:end])
			if !ok {
				return nil, false
			}
			for k := range first {
				first[k].Locator, first[k].Label = value, label
			}
			r = end
		}
		cites = append(cites, first...)
		if r >= to {
			return cites, true
		}
		if text[r] != ';' {
			return nil, false
		}
		p = r + 1
	}
}

// bareNumberEnds reports whether a number ending at e stands alone: the
// marker, item or range goes on after it, not a locator's text.
func bareNumberEnds(text string, e, to int) bool {
	e = skipSpace(text, e, to)
	return e >= to || text[e] == ';' || text[e] == ',' || dashLen(text, e, to) > 0
}

// number reads 1 to 3 ASCII digits at text[p:] as a reference number in
// 1..maxNumber. It returns q == p when there is none.
func number(text string, p, to int) (int, int) {
	q := p
	for q < to && q-p < 4 && text[q] >= '0' && text[q] <= '9' {
		q++
	}
	if q == p || q-p > 3 || (q < to && text[q] >= '0' && text[q] <= '9') {
		return 0, p
	}
	n, err := strconv.Atoi(text[p:q])
	if err != nil || n < 1 || n > maxNumber {
		return 0, p
	}
	return n, q
}

// dashLen returns the byte length of a range dash at text[p], or 0.
func dashLen(text string, p, to int) int {
	if p >= to {
		return 0
	}
	r, size := utf8.DecodeRuneInString(text[p:to])
	if isDash(r) {
		return size
	}
	return 0
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−':
		return true
	}
	return false
}

// skipSpace skips white space (including no-break spaces) in text[p:to].
func skipSpace(text string, p, to int) int {
	for p < to {
		r, size := utf8.DecodeRuneInString(text[p:to])
		if !unicode.IsSpace(r) {
			break
		}
		p += size
	}
	return p
}

// prefixes are words that may open a citation: "[see 4]", "(cf. Smith, 2012)".
var prefixes = []string{"see also ", "see ", "cf. ", "e.g., ", "e.g. ", "i.e., ", "см. также ", "см. ", "ср. "}

// skipPrefix skips one of prefixes at text[p:to], ignoring case.
func skipPrefix(text string, p, to int) int {
	for _, pre := range prefixes {
		if to-p >= len(pre) && strings.EqualFold(text[p:p+len(pre)], pre) {
			return p + len(pre)
		}
	}
	return p
}

func indexByteIn(text string, b byte, from, to int) int {
	if k := strings.IndexByte(text[from:to], b); k >= 0 {
		return from + k
	}
	return to
}

// locatorTerms maps the abbreviations that introduce a locator, in English,
// Russian and Kazakh usage, to CSL 1.0.2 locator terms (Appendix II).
var locatorTerms = map[string]string{
	"p": "page", "pp": "page", "pg": "page", "page": "page", "pages": "page",
	"с": "page", "c": "page", "стр": "page", "s": "page", "б": "page", "бет": "page",
	"para": "paragraph", "paras": "paragraph", "par": "paragraph", "¶": "paragraph", "¶¶": "paragraph", "абз": "paragraph",
	"§": "section", "§§": "section", "sec": "section", "sect": "section", "section": "section", "разд": "section", "п": "section",
	"ch": "chapter", "chap": "chapter", "chapter": "chapter", "гл": "chapter",
	"vol": "volume", "т": "volume",
	"fig": "figure", "рис": "figure",
	"n": "note", "nn": "note", "note": "note", "прим": "note",
	"l": "line", "ll": "line", "line": "line",
	"col": "column", "fol": "folio", "v": "verse", "vv": "verse",
	"tab": "table", "table": "table", "табл": "table",
}

// parseLocator reads a locator such as "p. 9", "с. 9", "pp. 33–35",
// "para. 4", "§ 2" or a bare "9" (a page). LaTeX's "~" counts as a space.
func parseLocator(s string) (label, value string, ok bool) {
	s = strings.TrimSpace(strings.NewReplacer("~", " ", `\,`, " ", `\ `, " ").Replace(s))
	if s == "" {
		return "", "", false
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsDigit(r) {
		return "page", s, true
	}
	end := 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsLetter(r) && r != '¶' && r != '§' {
			break
		}
		end += size
	}
	term, ok := locatorTerms[strings.ToLower(s[:end])]
	if !ok {
		return "", "", false
	}
	value = strings.TrimSpace(strings.TrimPrefix(s[end:], "."))
	if value == "" || len(value) > 40 {
		return "", "", false
	}
	return term, value, true
}

// parsePandoc parses a pandoc citation, text[i] == '[' and text[j] == ']':
// items separated by ";", each "[prefix] [-]@key[, locator]".
func parsePandoc(text string, i, j int) (Marker, bool) {
	var cites []Cite
	for p := i + 1; p < j; {
		end := indexByteIn(text, ';', p, j)
		at := indexByteIn(text, '@', p, end)
		if at >= end {
			return Marker{}, false
		}
		ks, ke := pandocKey(text, at+1, end)
		if ke == ks {
			return Marker{}, false
		}
		c := Cite{Key: strings.Trim(text[ks:ke], "{}"), Start: ks, End: ke}
		if s := strings.TrimPrefix(strings.TrimSpace(text[ke:end]), ","); strings.TrimSpace(s) != "" {
			if label, value, ok := parseLocator(s); ok {
				c.Locator, c.Label = value, label
			}
		}
		cites = append(cites, c)
		p = end + 1
	}
	if len(cites) == 0 {
		return Marker{}, false
	}
	return Marker{Start: i, End: j + 1, Form: Pandoc, Cites: cites}, true
}

// pandocKey returns the span of a citation key at text[p:to]: "{any key}",
// or a letter, digit or "_" followed by word characters and internal
// punctuation (":.#$%&-+?<>~/" followed by a word character).
func pandocKey(text string, p, to int) (int, int) {
	if p < to && text[p] == '{' {
		if e := indexByteIn(text, '}', p, to); e < to && e > p+1 {
			return p, e + 1
		}
		return p, p
	}
	q := p
	for q < to {
		r, size := utf8.DecodeRuneInString(text[q:to])
		if isKeyRune(r) {
			q += size
			continue
		}
		if q > p && strings.ContainsRune(":.#$%&-+?<>~/", r) && q+size < to {
			if next, _ := utf8.DecodeRuneInString(text[q+size : to]); isKeyRune(next) {
				q += size
				continue
			}
		}
		break
	}
	return p, q
}

func isKeyRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// parseBareKey parses an in-text pandoc citation "@key" at text[i], with an
// optional locator in brackets after it ("@key [p. 33]"). The "@" must not
// follow a word character, so that e-mail addresses are not citations.
func parseBareKey(text string, i int) (Marker, bool) {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		if isKeyRune(r) || r == '@' || r == '.' || r == '-' {
			return Marker{}, false
		}
	}
	ks, ke := pandocKey(text, i+1, len(text))
	if ke == ks {
		return Marker{}, false
	}
	r, _ := utf8.DecodeRuneInString(text[ks:])
	if text[ks] != '{' && !unicode.IsLetter(r) && r != '_' {
		return Marker{}, false // "@2x" or "@ 9" is no key
	}
	m := Marker{Start: i, End: ke, Form: Pandoc, Cites: []Cite{{Key: strings.Trim(text[ks:ke], "{}"), Start: ks, End: ke}}}
	if b := ke; b+1 < len(text) && text[b] == ' ' && text[b+1] == '[' {
		if e := closing(text, b+1, '[', ']'); e > 0 {
			if label, value, ok := parseLocator(text[b+2 : e]); ok {
				m.Cites[0].Locator, m.Cites[0].Label = value, label
				m.End = e + 1
			}
		}
	}
	return m, true
}

// parseLaTeX parses a LaTeX citation command at text[i] == '\\': any command
// whose name contains "cite" (\cite, \citep, \parencite, \textcite,
// \autocite, \footcite, …), with up to two optional arguments (prenote,
// postnote) and the keys; the biblatex multicite commands (\cites,
// \parencites, …) take several such groups. \nocite prints nothing and is
// not a marker.
func parseLaTeX(text string, i int) (Marker, bool) {
	p := i + 1
	for p < len(text) && (text[p] >= 'a' && text[p] <= 'z' || text[p] >= 'A' && text[p] <= 'Z') {
		p++
	}
	name := text[i+1 : p]
	lower := strings.ToLower(name)
	if !strings.Contains(lower, "cite") || lower == "nocite" {
		return Marker{}, false
	}
	if p < len(text) && text[p] == '*' {
		p++
	}
	multi := strings.HasSuffix(lower, "cites")
	m := Marker{Start: i, Form: LaTeX}
	for {
		var opts []string
		q := p
		for len(opts) < 2 && q < len(text) && text[q] == '[' {
			e := closing(text, q, '[', ']')
			if e < 0 {
				return Marker{}, false
			}
			opts = append(opts, text[q+1:e])
			q = e + 1
		}
		if q >= len(text) || text[q] != '{' {
			break
		}
		e := closing(text, q, '{', '}')
		if e < 0 {
			return Marker{}, false
		}
		var label, value string
		if len(opts) > 0 {
			label, value, _ = parseLocator(opts[len(opts)-1])
		}
		for k := q + 1; k < e; {
			end := indexByteIn(text, ',', k, e)
			ks := skipSpace(text, k, end)
			ke := end
			for ke > ks && (text[ke-1] == ' ' || text[ke-1] == '\t') {
				ke--
			}
			if ke > ks && text[ks:ke] != "*" {
				m.Cites = append(m.Cites, Cite{Key: text[ks:ke], Locator: value, Label: label, Start: ks, End: ke})
			}
			k = end + 1
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

var (
	// authorYear is one item of a parenthetical author–date citation:
	// "Smith, 2012", "Smith & Jones, 2012a, p. 5", "Smith et al., n.d.".
	authorYear = regexp.MustCompile(`^(\p{Lu}[^\d()\[\];,]{0,80}?),\s*(\d{4}[a-z]?|n\.\s?d\.|б\.\s?г\.)((?:\s*,\s*\d{4}[a-z]?)*)(?:\s*,\s*(.+))?$`)
	// yearOnly is the parenthesis of a narrative citation: "(2012)", "(2012, p. 5)".
	yearOnly = regexp.MustCompile(`^(\d{4}[a-z]?|n\.\s?d\.)(?:\s*,\s*(.+))?$`)
	// narrativeName is the name before a narrative citation's parenthesis.
	narrativeName = regexp.MustCompile(`(\p{Lu}[\p{L}'’\-]+(?:\s+(?:and|&|и)\s+\p{Lu}[\p{L}'’\-]+)?(?:\s+(?:et al\.|и др\.))?)\s*$`)
	// trailingName strips "et al." and second authors from an author part.
	trailingName = regexp.MustCompile(`\s+(?:et al\.?|и др\.?|(?:and|&|и)\s+.*)$`)
)

// parseParen parses an author–date citation whose "(" is at text[i]:
// "(Author, 2012)", "(see Author, 2012, p. 5; Other, 2010)", or a
// narrative "Author (2012)", which starts at the name.
func parseParen(text string, i int) (Marker, bool) {
	j := closing(text, i, '(', ')')
	if j < 0 {
		return Marker{}, false
	}
	inner := text[i+1 : j]
	if sm := yearOnly.FindStringSubmatchIndex(inner); sm != nil {
		k := max(0, i-120)
		for k > 0 && !utf8.RuneStart(text[k]) {
			k++
		}
		nm := narrativeName.FindStringSubmatchIndex(text[k:i])
		if nm == nil {
			return Marker{}, false
		}
		ns, ne := k+nm[2], k+nm[3]
		c := authorCite(text, ns, ne, text[i+1+sm[2]:i+1+sm[3]])
		if sm[4] >= 0 {
			c.Label, c.Locator, _ = parseLocator(inner[sm[4]:sm[5]])
		}
		return Marker{Start: ns, End: j + 1, Form: AuthorDate, Narrative: true, Cites: []Cite{c}}, true
	}
	var cites []Cite
	for p := i + 1; p < j; {
		end := indexByteIn(text, ';', p, j)
		s := skipSpace(text, p, end)
		s = skipPrefix(text, s, end)
		sm := authorYear.FindStringSubmatchIndex(text[s:end])
		if sm == nil {
			return Marker{}, false
		}
		as, ae := s+sm[2], s+sm[3]
		c := authorCite(text, as, ae, text[s+sm[4]:s+sm[5]])
		years := []string{c.Year}
		if sm[6] < sm[7] {
			for _, y := range strings.Split(text[s+sm[6]:s+sm[7]], ",") {
				if y = strings.TrimSpace(y); y != "" {
					years = append(years, y)
				}
			}
		}
		if sm[8] >= 0 {
			label, value, ok := parseLocator(text[s+sm[8] : s+sm[9]])
			if !ok {
				return Marker{}, false
			}
			c.Label, c.Locator = label, value
		}
		full := strings.TrimSpace(text[as:ae])
		for _, y := range years {
			c.Year = y
			c.Key = full + " " + y
			cites = append(cites, c)
		}
		p = end + 1
	}
	if len(cites) == 0 {
		return Marker{}, false
	}
	return Marker{Start: i, End: j + 1, Form: AuthorDate, Cites: cites}, true
}

// authorCite builds the cite for the author part text[as:ae] and a year.
func authorCite(text string, as, ae int, year string) Cite {
	author := strings.TrimSpace(text[as:ae])
	first := strings.TrimSpace(trailingName.ReplaceAllString(author, ""))
	return Cite{Key: author + " " + year, Author: first, Year: year, Start: as, End: ae}
}
