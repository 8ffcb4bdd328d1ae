package manuscript

import (
	"github.com/cite-project/cite/internal/lazyregexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bullet opens a list item line.
var bullet = lazyregexp.New(`^[ \t]*(?:[•·▪◦‣*\-–—+]|\d{1,2}[.)]|\p{L}\))[ \t]+`)

// paragraphs cuts the prose at blank lines of the text, at the breaks the
// scanner set and at headings; each piece, trimmed of what is not prose,
// is a paragraph.
func (s *scan) paragraphs() {
	d := s.d
	cuts := append([]int(nil), s.breaks...)
	for n := 1; n <= len(d.lines.starts); n++ {
		sp := d.LineSpan(n)
		if isBlank(d.Text[sp.Start:sp.End]) {
			cuts = append(cuts, sp.Start)
		}
	}
	for _, h := range s.headings {
		cuts = append(cuts, h.Start, h.End)
	}
	cuts = append(cuts, 0, len(d.Text))
	sort.Ints(cuts)
	hi, fi := 0, 0
	for k := 0; k+1 < len(cuts); k++ {
		a, b := cuts[k], cuts[k+1]
		if a == b {
			continue
		}
		a, b = trimSpan(d.prose, a, b)
		if a >= b {
			continue
		}
		p := Paragraph{Span: Span{a, b}}
		for hi < len(s.headings) && s.headings[hi].End <= a {
			hi++
		}
		if hi < len(s.headings) && s.headings[hi].Start < b {
			p.Heading = true
		}
		for fi < len(s.footnotes) && s.footnotes[fi].End <= a {
			fi++
		}
		if fi < len(s.footnotes) && s.footnotes[fi].Start <= a && b <= s.footnotes[fi].End {
			p.Note = true
		}
		if n := len(d.Paragraphs); s.listAfterColon && n > 0 && !p.Heading && !d.Paragraphs[n-1].Heading &&
			bullet().MatchString(d.prose[a:min(b, a+16)]) && endsWithColon(d.prose, d.Paragraphs[n-1]) {
			d.Paragraphs[n-1].End = b
			continue
		}
		d.Paragraphs = append(d.Paragraphs, p)
	}
}

func endsWithColon(prose string, p Paragraph) bool {
	return strings.HasSuffix(strings.TrimRightFunc(prose[p.Start:p.End], unicode.IsSpace), ":")
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// guessTitleLines makes headings of the one-line paragraphs that read like
// titles: at most 15 words, no sentence-ending mark at the end (after any
// closing quotation marks and brackets), not a list item. "In 1991 he
// said: «Water is life.»" is a sentence.
func (s *scan) guessTitleLines() {
	d := s.d
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		t := d.prose[p.Start:p.End]
		if p.Heading || strings.Contains(t, "\n") || len(t) > 600 || utf8.RuneCountInString(t) >= 150 {
			continue
		}
		if len(strings.Fields(t)) > 15 || bullet().MatchString(t) {
			continue
		}
		end := strings.TrimRightFunc(t, func(r rune) bool { return strings.ContainsRune("\"'»”’)]\x02 ", r) })
		if end == "" {
			continue
		}
		if last, _ := utf8.DecodeLastRuneInString(end); strings.ContainsRune(".!?:;…", last) {
			continue
		}
		p.Heading = true
		s.headings = append(s.headings, Heading{Span: p.Span, Level: 1, Title: d.ProseText(p.Start, p.End)})
	}
	sort.Slice(s.headings, func(i, j int) bool { return s.headings[i].Start < s.headings[j].Start })
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"vs": true, "cf": true, "e.g": true, "i.e": true, "al": true, "pp": true, "vol": true, "no": true,
	"ch": true, "chap": true, "fig": true, "figs": true, "approx": true, "para": true, "sec": true, "nos": true,
	"eq": true, "eqs": true, "ref": true, "refs": true, "resp": true, "ca": true, "etc": false, "inc": true,
	"т": true, "см": true, "им": true, "ул": true, "стр": true, "напр": true, "рис": true, "табл": true,
	"гг": true, "г": true, "вв": true, "в": true, "др": false, "т.е": true, "т.к": true, "т.д": false, "т.п": false,
	"проф": true, "акад": true, "доц": true, "англ": true, "лат": true, "ред": true, "изд": true, "илл": true,
}

// sentences splits paragraph pi into sentences. A sentence ends at ".",
// "!", "?" or "…" (with any closing quotes, brackets and a marker placed
// after the period) when the next word starts like a sentence; a list item
// on its own line is a sentence too. A quotation is never cut: "He said
// «A. B.» [8]." is one sentence, so the marker after it counts for all of
// it. The quotations of the paragraph must have been found.
func (s *scan) sentences(pi int) {
	d := s.d
	p := d.Paragraphs[pi]
	t := d.prose
	mk := d.MarkerAt(p.Start)
	qi := sort.Search(len(d.Quotes), func(i int) bool { return d.Quotes[i].Start >= p.Start })
	start := p.Start
	emit := func(end int) {
		a, b := trimSpan(t, start, end)
		if b > a {
			d.Sentences = append(d.Sentences, Sentence{Span: Span{a, b}, Paragraph: pi})
		}
		start = end
	}
	// end reports where a sentence whose terminal mark ends before j ends:
	// after any closing marks and markers, and whether the next word starts
	// a new sentence.
	end := func(j int) (int, bool) {
		for j < p.End {
			r, size := utf8.DecodeRuneInString(t[j:])
			if strings.ContainsRune(".!?…\"'»”’)]\x02", r) {
				j += size
				continue
			}
			if mk < len(d.Markers) && d.Markers[mk].Start == j && !d.Markers[mk].Narrative {
				j = d.Markers[mk].End
				mk++
				continue
			}
			break
		}
		k := skipSpace(t, j, p.End)
		if mk < len(d.Markers) && d.Markers[mk].Start == k && k > j && !d.Markers[mk].Narrative {
			// "… end. [3] Next": the marker belongs to the sentence before.
			j = d.Markers[mk].End
			mk++
			k = skipSpace(t, j, p.End)
		}
		return j, k >= p.End || (k > j && startsSentence(t[k:p.End]))
	}
	for i := p.Start; i < p.End; {
		for mk < len(d.Markers) && d.Markers[mk].End <= i {
			mk++
		}
		if mk < len(d.Markers) && d.Markers[mk].Start == i {
			i = d.Markers[mk].End
			mk++
			continue
		}
		if qi < len(d.Quotes) && d.Quotes[qi].Start == i {
			q := d.Quotes[qi]
			qi++
			for mk < len(d.Markers) && d.Markers[mk].Start < q.End {
				mk++
			}
			i = q.End
			if q.Closed && endsSentence(t[q.Start:q.End]) {
				// «… peoples [2].» As a result …: the quotation ends the sentence.
				j, ok := end(i)
				if ok {
					emit(j)
				}
				i = j
			}
			continue
		}
		c := t[i]
		if c == '\n' && bullet().MatchString(t[i+1:min(p.End, i+1+16)]) {
			emit(i)
			i++
			continue
		}
		if c < 0x80 && c != '.' && c != '!' && c != '?' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if !strings.ContainsRune(".!?…", r) || (r == '.' && (abbreviationBefore(t, p.Start, i) || listNumberBefore(t, p.Start, i))) {
			i += size
			continue
		}
		j, ok := end(i + size)
		if ok {
			emit(j)
		}
		i = j
	}
	emit(p.End)
}

// endsSentence reports whether a quotation ends with a sentence's terminal
// mark inside its closing mark: "«… peoples [2].»", "“Go!”".
func endsSentence(q string) bool {
	_, size := utf8.DecodeLastRuneInString(q)
	q = strings.TrimRight(q[:len(q)-size], " '")
	r, _ := utf8.DecodeLastRuneInString(q)
	return strings.ContainsRune(".!?…", r)
}

// abbreviationBefore reports whether the period at t[i] ends an
// abbreviation or an initial ("К.В.", "e.g.", "Dr.") rather than a
// sentence. It looks back at most 32 bytes.
func abbreviationBefore(t string, from, i int) bool {
	j := i
	lim := max(from, i-32)
	for j > lim {
		r, size := utf8.DecodeLastRuneInString(t[lim:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= size
	}
	w := strings.ToLower(strings.TrimLeft(t[j:i], "."))
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 {
		if j > from && t[j-1] >= '0' && t[j-1] <= '9' {
			return false // "the 1990s."
		}
		r, _ := utf8.DecodeRuneInString(t[j:])
		return unicode.IsUpper(r) || w == "p" || w == "с" || w == "c" || w == "s" || w == "т" || w == "г" || w == "в"
	}
	return abbreviations[w] || strings.Contains(w, ".")
}

// listNumberBefore reports whether the period at t[i] follows the number of
// a list item at the start of its line ("  2. nor is the second").
func listNumberBefore(t string, from, i int) bool {
	j := i
	for j > from && i-j < 3 && t[j-1] >= '0' && t[j-1] <= '9' {
		j--
	}
	if j == i {
		return false
	}
	for k := 0; j > from && k < 16 && (t[j-1] == ' ' || t[j-1] == '\t'); k++ {
		j--
	}
	return j == from || t[j-1] == '\n'
}

// startsSentence reports whether s begins like a sentence: a capital, a
// digit, an opening quotation mark or bracket, or a list bullet.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("«“„‘\"'([•\x01", r)
}

func trimSpan(t string, s, e int) (int, int) {
	for s < e {
		c := t[s]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			s++
			continue
		}
		if c < 0x80 {
			break
		}
		r, size := utf8.DecodeRuneInString(t[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		c := t[e-1]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			e--
			continue
		}
		if c < 0x80 {
			break
		}
		r, size := utf8.DecodeLastRuneInString(t[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// closers maps each opening quotation mark to the marks that close it;
// 0x01 and 0x02 are the mask's own delimiters (“…”, <<…>>, \enquote{…}).
var closers = map[rune]string{'«': "»", '“': "”", '„': "“”", '‘': "’", '"': "\"", '‹': "›", '\x01': "\x02"}

// findQuotes finds the outermost quotations of each body paragraph, and
// merges the block quotations the markup declared.
func (s *scan) findQuotes() {
	d := s.d
	explicit := s.quotes
	sort.Slice(explicit, func(i, j int) bool { return explicit[i].Start < explicit[j].Start })
	ei := 0
	for pi, p := range d.Paragraphs {
		if p.Heading || p.References {
			continue
		}
		for ei < len(explicit) && explicit[ei].End <= p.Start {
			ei++
		}
		for i := p.Start; i < p.End; {
			if ei < len(explicit) && explicit[ei].Start <= i && i < explicit[ei].End {
				q := explicit[ei]
				q.Paragraph = pi
				q.Words = countWords(d.prose[q.Start:q.End])
				d.Quotes = append(d.Quotes, q)
				i = q.End
				ei++
				continue
			}
			c := d.prose[i]
			if c < 0x80 && c != '"' && c != '\x01' {
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(d.prose[i:])
			cl, ok := closers[r]
			if !ok || !opensQuote(d.prose, p.Start, i, r) {
				i += size
				continue
			}
			q := s.quoteFrom(i, size, r, cl, p, pi)
			if ei < len(explicit) && q.End > explicit[ei].Start {
				i += size
				continue
			}
			d.Quotes = append(d.Quotes, q)
			i = q.End
		}
	}
}

// quoteFrom reads the quotation opened by r (size bytes) at i in
// paragraph p.
func (s *scan) quoteFrom(i, size int, r rune, cl string, p Paragraph, pi int) Quote {
	t := s.d.prose
	q := Quote{Span: Span{i, p.End}, Paragraph: pi}
	depth := 0
	for j := i + size; j < p.End; {
		r2, s2 := utf8.DecodeRuneInString(t[j:])
		switch {
		case r2 == r && r != '"' && !(r == '‘' && !opensQuote(t, p.Start, j, r2)):
			depth++
		case strings.ContainsRune(cl, r2) && closesQuote(t, j, s2, p.End, r2):
			if depth == 0 {
				q.End, q.Closed = j+s2, true
			} else {
				depth--
			}
		}
		j += s2
		if q.Closed {
			break
		}
	}
	q.Words = countWords(t[q.Start:q.End])
	return q
}

// opensQuote reports whether the mark r at t[i] opens a quotation.
func opensQuote(t string, from, i int, r rune) bool {
	if r != '"' && r != '‘' {
		return true
	}
	if i == from {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(t[from:i])
	return unicode.IsSpace(prev) || strings.ContainsRune("([{—–-:", prev)
}

// closesQuote reports whether the mark r at t[j] (size bytes) closes a
// quotation: a "’" followed by a letter is an apostrophe.
func closesQuote(t string, j, size, end int, r rune) bool {
	if r != '’' {
		return true
	}
	if j+size >= end {
		return true
	}
	next, _ := utf8.DecodeRuneInString(t[j+size:])
	return !unicode.IsLetter(next)
}

// countWords counts the runs of letters in s.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		l := unicode.IsLetter(r)
		if l && !in {
			n++
		}
		in = l
	}
	return n
}

// attach finds the markers that cite quotation q: those at its end, inside
// or just after the closing mark, with nothing but punctuation and space
// between ("…peoples [2].»", "…southward” [1]."); when there are none,
// those earlier in its sentence ("Smith (2012, p. 14) wrote that “…”").
func (s *scan) attach(q *Quote) {
	d := s.d
	first := d.MarkerAt(q.Start)
	last := first
	for last < len(d.Markers) && d.Markers[last].Start < q.End {
		last++
	}
	pos := q.End
	for k := last - 1; k >= first && onlyPunct(d.prose, d.Markers[k].End, pos); k-- {
		q.Markers = append([]int{k}, q.Markers...)
		pos = d.Markers[k].Start
	}
	pos = q.End
	for k := last; k < len(d.Markers) && closeAfter(d.prose, pos, d.Markers[k].Start) && onlyPunct(d.prose, pos, d.Markers[k].Start); k++ {
		q.Markers = append(q.Markers, k)
		pos = d.Markers[k].End
	}
	if len(q.Markers) > 0 {
		return
	}
	for _, si := range d.SentencesIn(q.Start, q.Start+1) {
		q.Markers = append(q.Markers, d.MarkersIn(d.Sentences[si].Start, q.Start)...)
	}
}

// onlyPunct reports whether t[a:b] has no letter or digit.
func onlyPunct(t string, a, b int) bool {
	if b < a {
		return false
	}
	for _, r := range t[a:b] {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// closeAfter reports whether a marker at b follows the end of a quotation
// at a closely: at most 8 bytes of punctuation between them, besides
// white space and markup (a closing \end{quote}, a line break).
func closeAfter(prose string, a, b int) bool {
	if b < a || b-a > 200 {
		return false
	}
	n := 0
	for i := a; i < b; i++ {
		if !isSpaceByte(prose[i]) {
			n++
		}
	}
	return n <= 8
}
