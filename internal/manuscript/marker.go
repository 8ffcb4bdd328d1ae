package manuscript

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Form is the notation a citation marker is written in.
type Form int

// The marker notations Parse recognises.
const (
	NumericMarker     Form = iota // [4], [2, с. 9], [1–3], [1; 4], [1: 5], [1]–[3]
	PandocMarker                  // [@id, p. 9], [see @a; -@b], @id, @id [p. 3]
	LaTeXMarker                   // \cite{id}, \parencite[p.~9]{id}, \textcite{a,b}, \cites{a}{b}
	AuthorDateMarker              // (Author, 2012), (Lee, Kim, & Park, 2015), Author (2012)
	SuperscriptMarker             // ¹, ²⁻⁴, ^1^, <sup>1,2</sup>, \textsuperscript{1}
	FootnoteMarker                // [^1], a Markdown footnote reference
)

// String returns the form's name as messages print it.
func (f Form) String() string {
	switch f {
	case PandocMarker:
		return "pandoc"
	case LaTeXMarker:
		return "latex"
	case AuthorDateMarker:
		return "author-date"
	case SuperscriptMarker:
		return "superscript"
	case FootnoteMarker:
		return "footnote"
	}
	return "numeric"
}

// Marker is one citation marker. Text is Text[Start:End], exactly: a
// renderer replaces that span and nothing else.
type Marker struct {
	Span
	// Line and Column are the 1-based position of Start; Column counts
	// characters.
	Line, Column int
	Text         string
	Form         Form
	// Command is a LaTeX marker's command without backslash or star
	// ("cite", "parencite", "textcite", "citenum"), or "".
	Command string
	// Starred is set for a starred LaTeX command (\cite*).
	Starred bool
	// Narrative marks a marker that is part of the sentence: a pandoc
	// in-text citation "@key", "Smith (2012)", \textcite, \citet.
	Narrative bool
	// Note marks a citation in a note: \footcite, a footnote reference.
	Note bool
	// Footnote is the label of a footnote reference ("1" for [^1]); the
	// footnote's own markers are in Document.Markers, inside the
	// definition's body.
	Footnote string
	// Prefix and Suffix are notes for the whole citation: the global pre-
	// and postnote of a biblatex multicite (\cites(pre)(post)[…]{a}{b}).
	Prefix, Suffix string
	// Cites are the works the marker names, one per number, key or
	// author–year pair; a range such as [1–3] gives three.
	Cites []Cite
}

// Cite is one work named in a marker.
type Cite struct {
	// Span covers the key, number or author as written (for a range, the
	// whole range "1–3").
	Span
	// Key is the work as written: "4", "smith2000", "Smith 2012".
	Key string
	// Number is the number of a numeric or superscript marker, 1-based;
	// 0 otherwise.
	Number int
	// Author and Year are the parts of an author–date cite; Author is the
	// first author's name.
	Author, Year string
	// Label is the CSL locator term ("page", "chapter", …) and Locator its
	// value ("9", "33–35"); both are empty when none is given. Volume is
	// the volume of a volume-and-page locator ("[4, т. 2, с. 15]": Volume
	// "2", Label "page", Locator "15").
	Label, Locator, Volume string
	// LocatorText is the locator as written ("т. 2, с. 15", "p.~9").
	LocatorText string
	// Prefix and Suffix are the words before and after the cite that are
	// not its key or locator ("see", "and elsewhere").
	Prefix, Suffix string
	// SuppressAuthor is set for "-@key" and \cite*-like year-only forms.
	SuppressAuthor bool
	// AuthorInText is set when the author's name is part of the sentence:
	// "@key says", "Smith (2012)", \textcite.
	AuthorInText bool
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
// marker, so that a stray "[" never makes the scanner read far.
const maxMarkerLen = 300

// maxNumber is the highest number a numeric marker may carry; "[1995]" is a
// year in brackets, not the 1995th reference.
const maxNumber = 999

// forms selects the marker notations the generic scan looks for.
type forms struct {
	numeric, pandoc, latex, authorDate, superscript bool
}

var allForms = forms{numeric: true, pandoc: true, latex: true, authorDate: true, superscript: true}

// ParseMarkers returns the citation markers of a plain text, in order, with
// every notation recognised; narrative author–date markers are kept. It is
// what Parse finds in a Text document, for callers that have a snippet
// rather than a manuscript (a claim's excerpt).
func ParseMarkers(text string) []Marker {
	return Parse("", text, Text, Options{}).Markers
}

// markerScan finds markers in text[from:to] (text is the prose mask),
// skipping the spans in skip (sorted); found markers are appended to out.
// A pandoc-crossref reference ("@fig:x", "[@eq:y]") is reported to
// crossref instead.
func markerScan(text string, from, to int, f forms, skip []Marker, out []Marker, crossref func(int, int)) []Marker {
	k := 0
	for i := from; i < to; {
		for k < len(skip) && skip[k].End <= i {
			k++
		}
		if k < len(skip) && skip[k].Start <= i {
			i = skip[k].End
			continue
		}
		var (
			m  Marker
			ok bool
		)
		c := text[i]
		switch {
		case c == '[' && (f.numeric || f.pandoc):
			var cross bool
			m, ok, cross = parseBracket(text, i, to, f)
			if cross {
				e := closing(text, i, to, '[', ']')
				crossref(i, e+1)
				i = e + 1
				continue
			}
		case c == '\\' && f.latex:
			m, ok = parseLaTeXCite(text, i, to)
		case c == '(' && f.authorDate:
			m, ok = parseParen(text, i, to)
			if ok && m.Start < i {
				// A narrative "Author (2012)" starts before the parenthesis;
				// it must not swallow a marker found already.
				if n := len(out); n > 0 && out[n-1].End > m.Start || k > 0 && skip[k-1].End > m.Start {
					ok = false
				}
			}
		case c == '@' && f.pandoc:
			var cross bool
			m, ok, cross = parseBareKey(text, i, to)
			if cross {
				crossref(i, m.End)
				i = m.End
				continue
			}
		case c >= 0x80 && f.superscript:
			m, ok = parseSuperscript(text, i, to)
		}
		if !ok || k < len(skip) && m.End > skip[k].Start {
			if c < 0x80 {
				i++
			} else {
				_, size := utf8.DecodeRuneInString(text[i:])
				i += size
			}
			continue
		}
		out = append(out, m)
		i = m.End
	}
	return out
}

// parseBracket parses a numeric or pandoc marker whose "[" is at text[i].
// cross reports a pandoc-crossref reference such as [@fig:a; @fig:b].
func parseBracket(text string, i, to int, f forms) (m Marker, ok, cross bool) {
	if i+1 < to && text[i+1] == '^' {
		return Marker{}, false, false // a footnote reference: the Markdown scanner's
	}
	j := closing(text, i, to, '[', ']')
	if j < 0 {
		return Marker{}, false, false
	}
	if strings.IndexByte(text[i+1:j], '@') >= 0 {
		if !f.pandoc {
			return Marker{}, false, false
		}
		return parsePandoc(text, i, j)
	}
	if !f.numeric {
		return Marker{}, false, false
	}
	cites, ok := parseNumeric(text, i+1, j)
	if !ok {
		return Marker{}, false, false
	}
	m = Marker{Span: Span{i, j + 1}, Form: NumericMarker, Cites: cites}
	// IEEE ranges: "[1]–[3]" cites 1, 2 and 3.
	if len(cites) == 1 {
		if d := dashLen(text, j+1, to); d > 0 && j+1+d < to && text[j+1+d] == '[' {
			k := j + 1 + d
			if e := closing(text, k, to, '[', ']'); e > 0 {
				n, q := number(text, k+1, e)
				if q == e && n > cites[0].Number && n-cites[0].Number <= 100 {
					first := cites[0]
					m.Cites = m.Cites[:0]
					for x := first.Number; x <= n; x++ {
						m.Cites = append(m.Cites, Cite{Span: Span{i + 1, e}, Key: strconv.Itoa(x), Number: x})
					}
					m.End = e + 1
				}
			}
		}
	}
	return m, true, false
}

// closing returns the index of the close byte that ends the group opened at
// text[i], or -1 when it is not within maxMarkerLen bytes on the same line
// or another open byte comes first.
func closing(text string, i, to int, open, close byte) int {
	for j := i + 1; j < to && j-i <= maxMarkerLen; j++ {
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
// locator after a comma or colon ("2, с. 9", "1: 5", "4, т. 2, с. 15").
func parseNumeric(text string, from, to int) ([]Cite, bool) {
	var cites []Cite
	p := skipSpace(text, from, to)
	prefixEnd := skipPrefix(text, p, to)
	prefix := strings.TrimSpace(text[p:prefixEnd])
	p = prefixEnd
	for {
		p = skipSpace(text, p, to)
		n, q := number(text, p, to)
		if q == p {
			return nil, false
		}
		first := []Cite{{Span: Span{p, q}, Key: text[p:q], Number: n}}
		r := skipSpace(text, q, to)
		if d := dashLen(text, r, to); d > 0 {
			r = skipSpace(text, r+d, to)
			m, s := number(text, r, to)
			if s == r || m <= n || m-n > 100 {
				return nil, false
			}
			first = first[:0]
			for k := n; k <= m; k++ {
				first = append(first, Cite{Span: Span{p, s}, Key: strconv.Itoa(k), Number: k})
			}
			r = skipSpace(text, s, to)
		}
		if r < to && (text[r] == ',' || text[r] == ':') {
			colon := text[r] == ':'
			s := skipSpace(text, r+1, to)
			if _, e := number(text, s, to); !colon && e > s && bareNumberEnds(text, e, to) {
				cites = append(cites, first...)
				p = s
				continue
			}
			end := indexByteIn(text, ';', s, to)
			loc, ok := parseLocator(text[s:end])
			if !ok {
				return nil, false
			}
			for k := range first {
				loc.apply(&first[k])
			}
			r = end
		}
		cites = append(cites, first...)
		if r >= to {
			if len(cites) > 0 {
				cites[0].Prefix = prefix
			}
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
	if IsDash(r) {
		return size
	}
	return 0
}

// IsDash reports whether r is a hyphen, dash or minus sign: what a range
// ("1–3", "33-35") may be written with.
func IsDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−':
		return true
	}
	return false
}

// skipSpace skips white space (including no-break spaces) in text[p:to].
func skipSpace(text string, p, to int) int {
	for p < to {
		c := text[p]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			p++
			continue
		}
		if c < 0x80 {
			break
		}
		r, size := utf8.DecodeRuneInString(text[p:to])
		if !unicode.IsSpace(r) {
			break
		}
		p += size
	}
	return p
}

// prefixes are words that may open a citation: "[see 4]", "(cf. Smith, 2012)".
var prefixes = []string{"see also ", "see ", "cf. ", "e.g., ", "e.g. ", "i.e., ", "also ", "см. также ", "см. ", "ср. ", "напр. ", "например, "}

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

// crossrefPrefixes are the label prefixes of pandoc-crossref: "@fig:x" is
// a reference to a figure, not a citation.
var crossrefPrefixes = []string{"fig:", "eq:", "tbl:", "sec:", "lst:", "thm:", "lem:", "def:", "cor:", "prp:", "apx:"}

func isCrossref(key string) bool {
	for _, p := range crossrefPrefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// parsePandoc parses a pandoc citation, text[i] == '[' and text[j] == ']':
// items separated by ";", each "[prefix] [-]@key[, locator][suffix]".
func parsePandoc(text string, i, j int) (Marker, bool, bool) {
	var cites []Cite
	cross := 0
	for p := i + 1; p < j; {
		end := indexByteIn(text, ';', p, j)
		at := indexByteIn(text, '@', p, end)
		if at >= end {
			return Marker{}, false, false
		}
		suppress := at > p && text[at-1] == '-'
		pre := at
		if suppress {
			pre--
		}
		if pre > p {
			if r, _ := utf8.DecodeLastRuneInString(text[p:pre]); !unicode.IsSpace(r) && r != '[' {
				return Marker{}, false, false // "me@example.org" is no key
			}
		}
		ks, ke := pandocKey(text, at+1, end)
		if ke == ks {
			return Marker{}, false, false
		}
		key := strings.Trim(text[ks:ke], "{}")
		if isCrossref(key) {
			cross++
		}
		c := Cite{Span: Span{ks, ke}, Key: key, SuppressAuthor: suppress, Prefix: strings.TrimSpace(text[p:pre])}
		rest := text[ke:end]
		if s := strings.TrimSpace(rest); s != "" {
			s = strings.TrimSpace(strings.TrimPrefix(s, ","))
			if loc, n := locatorPrefix(s); n > 0 {
				loc.apply(&c)
				c.Suffix = strings.TrimSpace(s[n:])
			} else {
				c.Suffix = s
			}
		}
		cites = append(cites, c)
		p = end + 1
	}
	if len(cites) == 0 {
		return Marker{}, false, false
	}
	if cross > 0 {
		return Marker{}, false, cross == len(cites)
	}
	return Marker{Span: Span{i, j + 1}, Form: PandocMarker, Cites: cites}, true, false
}

// pandocKey returns the span of a citation key at text[p:to]: "{any key}",
// or a letter, digit or "_" followed by word characters and internal
// punctuation (":.#$%&-+?<>~/" followed by a word character).
func pandocKey(text string, p, to int) (int, int) {
	if p < to && text[p] == '{' {
		if e := indexByteIn(text, '}', p, min(to, p+maxMarkerLen)); e < to && e > p+1 {
			return p, e + 1
		}
		return p, p
	}
	q := p
	for q < to && q-p < maxMarkerLen {
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
func parseBareKey(text string, i, to int) (Marker, bool, bool) {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		if isKeyRune(r) || r == '@' || r == '.' || r == '-' || r == '\\' {
			return Marker{}, false, false
		}
	}
	ks, ke := pandocKey(text, i+1, to)
	if ke == ks {
		return Marker{}, false, false
	}
	r, _ := utf8.DecodeRuneInString(text[ks:])
	if text[ks] != '{' && !unicode.IsLetter(r) && r != '_' {
		return Marker{}, false, false // "@2x" or "@ 9" is no key
	}
	key := strings.Trim(text[ks:ke], "{}")
	m := Marker{Span: Span{i, ke}, Form: PandocMarker, Narrative: true,
		Cites: []Cite{{Span: Span{ks, ke}, Key: key, AuthorInText: true}}}
	if isCrossref(key) {
		return m, false, true
	}
	if b := ke; b+1 < to && text[b] == ' ' && text[b+1] == '[' && (b+2 >= to || text[b+2] != '@') {
		if e := closing(text, b+1, to, '[', ']'); e > 0 {
			s := strings.TrimSpace(text[b+2 : e])
			if loc, n := locatorPrefix(s); n > 0 {
				loc.apply(&m.Cites[0])
				m.Cites[0].Suffix = strings.TrimSpace(s[n:])
				m.End = e + 1
			}
		}
	}
	return m, true, false
}

// superscriptDigits maps the Unicode superscript digits to their values.
func superscriptDigit(r rune) int {
	switch r {
	case '⁰':
		return 0
	case '¹':
		return 1
	case '²':
		return 2
	case '³':
		return 3
	}
	if r >= '⁴' && r <= '⁹' {
		return int(r-'⁴') + 4
	}
	return -1
}

// parseSuperscript parses superscript citation numbers at text[i]: "¹",
// "¹²" (12), "¹⁻³", "¹,³". The run must follow a word of three letters or
// more, or closing punctuation, so that "m²", "10³" and "x²" are not
// citations, and must not run into a letter or digit.
func parseSuperscript(text string, i, to int) (Marker, bool) {
	r, _ := utf8.DecodeRuneInString(text[i:to])
	if superscriptDigit(r) < 0 {
		return Marker{}, false
	}
	if !superscriptMayFollow(text, i) {
		return Marker{}, false
	}
	var cites []Cite
	p := i
	for p < to {
		n, q := 0, p
		for q < to {
			r, size := utf8.DecodeRuneInString(text[q:to])
			d := superscriptDigit(r)
			if d < 0 || q-p > 9 {
				break
			}
			n = n*10 + d
			q += size
		}
		if q == p || n < 1 || n > maxNumber {
			return Marker{}, false
		}
		item := []Cite{{Span: Span{p, q}, Key: strconv.Itoa(n), Number: n}}
		p = q
		if r, size := utf8.DecodeRuneInString(text[p:to]); r == '⁻' || r == '–' || r == '-' {
			q2, m := p+size, 0
			for q2 < to {
				r, s := utf8.DecodeRuneInString(text[q2:to])
				d := superscriptDigit(r)
				if d < 0 || q2-p > 12 {
					break
				}
				m = m*10 + d
				q2 += s
			}
			if q2 > p+size && m > n && m-n <= 100 {
				item = item[:0]
				for k := n; k <= m; k++ {
					item = append(item, Cite{Span: Span{i, q2}, Key: strconv.Itoa(k), Number: k})
				}
				p = q2
			}
		}
		cites = append(cites, item...)
		if p < to && text[p] == ',' && p+1 < to {
			if r, _ := utf8.DecodeRuneInString(text[p+1 : to]); superscriptDigit(r) >= 0 {
				p++
				continue
			}
		}
		break
	}
	if p < to {
		if r, _ := utf8.DecodeRuneInString(text[p:to]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return Marker{}, false
		}
	}
	return Marker{Span: Span{i, p}, Form: SuperscriptMarker, Cites: cites}, true
}

// superscriptMayFollow reports whether a superscript number at text[i]
// follows a long enough word or closing punctuation.
func superscriptMayFollow(text string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	if strings.ContainsRune(".,;:!?)»”’\"'", r) {
		return true
	}
	letters := 0
	for j := i; j > 0 && letters < 3; {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) {
			break
		}
		letters++
		j -= size
	}
	return letters >= 3
}
