package verify

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// doc is a manuscript cut into the pieces the checks work on. Offsets are
// byte offsets into text. The body is text[:body]; what follows it (a
// reference list, a colophon) is searched for claims but not checked for
// markers or statements that need a citation.
type doc struct {
	text    string
	lines   []int // byte offset of each line's start
	body    int
	paras   []paragraph
	sents   []sentence
	quotes  []quote
	markers []Marker
}

// paragraph is a block of non-blank lines. A heading is a short single line
// that does not end like a sentence, such as the title, or a Markdown
// heading.
type paragraph struct {
	start, end int
	heading    bool
}

// sentence is a sentence of a paragraph; para indexes doc.paras.
type sentence struct {
	start, end int
	para       int
}

// quote is a quotation: start and end include the quotation marks; an
// unclosed quotation runs to the end of its paragraph.
type quote struct {
	start, end int
	closed     bool
	words      int
	para       int
	markers    []int // indexes into doc.markers of the markers that cite it
}

// analyse cuts text into lines, body, paragraphs, sentences, markers and
// quotations. keep resolves each marker and says whether to keep it.
func analyse(text string, keep func(*Marker) bool) *doc {
	d := &doc{text: text, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	d.body = d.bodyEnd()
	for _, m := range ParseMarkers(text[:d.body]) {
		if keep(&m) {
			d.markers = append(d.markers, m)
		}
	}
	if d.markers == nil {
		d.markers = []Marker{}
	}
	d.paragraphs()
	for i := range d.paras {
		if !d.paras[i].heading {
			d.findQuotes(i)
			d.sentences(i)
		}
	}
	for i := range d.quotes {
		d.attach(&d.quotes[i])
		d.attachBefore(&d.quotes[i])
	}
	return d
}

// attachBefore gives a quotation with no marker at its end the markers
// that precede it in its sentence: "Smith (2012, p. 14) wrote that “…”".
func (d *doc) attachBefore(q *quote) {
	if len(q.markers) > 0 {
		return
	}
	for _, si := range d.sentencesIn(q.start, q.start+1) {
		q.markers = append(q.markers, d.markersIn(d.sents[si].start, q.start)...)
	}
}

// attach finds the markers that cite quotation q: those at its end, inside
// or just after the closing mark, with nothing but punctuation and space
// between ("…peoples [2].»", "…southward” [1].").
func (d *doc) attach(q *quote) {
	first := d.markerIndex(q.start)
	last := first
	for last < len(d.markers) && d.markers[last].Start < q.end {
		last++
	}
	pos := q.end
	for k := last - 1; k >= first && d.onlyPunct(d.markers[k].End, pos); k-- {
		q.markers = append([]int{k}, q.markers...)
		pos = d.markers[k].Start
	}
	pos = q.end
	for k := last; k < len(d.markers) && d.markers[k].Start-pos <= 8 && d.onlyPunct(pos, d.markers[k].Start); k++ {
		q.markers = append(q.markers, k)
		pos = d.markers[k].End
	}
}

// onlyPunct reports whether text[a:b] has no letter or digit.
func (d *doc) onlyPunct(a, b int) bool {
	if b < a {
		return false
	}
	for _, r := range d.text[a:b] {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// sentencesIn returns the indexes of the sentences that overlap [s, e).
func (d *doc) sentencesIn(s, e int) []int {
	var out []int
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].end > s })
	for ; i < len(d.sents) && d.sents[i].start < e; i++ {
		out = append(out, i)
	}
	return out
}

// parasIn returns the indexes of the paragraphs that overlap [s, e).
func (d *doc) parasIn(s, e int) []int {
	var out []int
	i := sort.Search(len(d.paras), func(i int) bool { return d.paras[i].end > s })
	for ; i < len(d.paras) && d.paras[i].start < e; i++ {
		out = append(out, i)
	}
	return out
}

// markersIn returns the indexes of the markers that start in [s, e).
func (d *doc) markersIn(s, e int) []int {
	var out []int
	for k := d.markerIndex(s); k < len(d.markers) && d.markers[k].Start < e; k++ {
		out = append(out, k)
	}
	return out
}

// line returns the 1-based line number of byte offset off.
func (d *doc) line(off int) int {
	return sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off })
}

// lineText returns line n (1-based) without its line break.
func (d *doc) lineText(n int) string {
	start := d.lines[n-1]
	end := len(d.text)
	if n < len(d.lines) {
		end = d.lines[n] - 1
	}
	return strings.TrimRight(d.text[start:end], "\r")
}

var (
	// refHeading is a heading that opens a reference list.
	refHeading = regexp.MustCompile(`(?i)^\s*(?:\d+\.?\s*)?(?:references|reference list|bibliography|works cited|literature|sources|notes|list of references|список (?:использованной |использованных )?(?:литературы|источников)|литература|источники|библиография|пайдаланылған әдебиеттер(?: тізімі)?|әдебиеттер(?: тізімі)?)\s*:?\s*$`)
	// listItem is a line of a numbered list: "1. ", "[1] ", "1) ".
	listItem = regexp.MustCompile(`^\s*\[?(\d{1,3})[.)\]]\s+\S`)
	// metaLine is a short "Key: value" line, as in a colophon.
	metaLine = regexp.MustCompile(`^\s*\p{L}[\p{L} ]{0,29}:\s+\S`)
	// refLike marks a list item that looks like a reference: a year, a
	// URL or path, or a page.
	refLike = regexp.MustCompile(`\b1\d{3}\b|\b20\d{2}|/|(?i)\b(?:pp?|с|c)\.\s?\d`)
	// bullet opens a list item line.
	bullet = regexp.MustCompile(`^\s*(?:[•·▪◦‣*\-–—]|\d{1,2}[.)]|\p{L}\))\s+`)
)

// bodyEnd returns the offset where the body ends: at the last heading that
// opens a reference list, or else at a numbered list of references (items
// 1, 2, 3, … that mostly carry a year, a URL or a page) that runs, with
// any "Key: value" colophon after it, to the end of the text.
func (d *doc) bodyEnd() int {
	for n := len(d.lines); n >= 1; n-- {
		if refHeading.MatchString(d.lineText(n)) && n > 1 {
			return d.lines[n-1]
		}
	}
	for n := len(d.lines); n >= 1; n-- {
		if m := listItem.FindStringSubmatch(d.lineText(n)); m != nil && m[1] == "1" && d.isRefList(n) {
			return d.lines[n-1]
		}
	}
	return len(d.text)
}

// isRefList reports whether the lines from n on are a reference list.
func (d *doc) isRefList(n int) bool {
	want, items, refs := 1, 0, 0
	prev := "item" // what the previous line was: item, text, blank, meta
	for ; n <= len(d.lines); n++ {
		l := d.lineText(n)
		switch {
		case strings.TrimSpace(l) == "":
			if prev != "meta" {
				prev = "blank"
			}
		case prev != "meta" && listItem.MatchString(l):
			if listItem.FindStringSubmatch(l)[1] != itoa(want) {
				return false
			}
			want++
			items++
			if refLike.MatchString(l) {
				refs++
			}
			prev = "item"
		case metaLine.MatchString(l) && len(l) < 100:
			prev = "meta"
		case prev == "item" || prev == "text":
			prev = "text" // a wrapped entry
		default:
			return false
		}
	}
	return items >= 2 && 2*refs >= items
}

func itoa(n int) string {
	var b [8]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// paragraphs splits the body at blank lines. A paragraph that ends with a
// colon goes on into the list that follows it.
func (d *doc) paragraphs() {
	start := -1
	end := 0
	flush := func() {
		if start < 0 {
			return
		}
		p := paragraph{start: start, end: end}
		t := d.text[start:end]
		if !strings.Contains(t, "\n") && utf8.RuneCountInString(t) < 150 && len(strings.Fields(t)) <= 15 &&
			(strings.HasPrefix(t, "#") || !strings.ContainsAny(t[len(t)-1:], ".!?:;…")) {
			p.heading = true // a title, "## 2. Method", "\\section{Method}"
		}
		if n := len(d.paras); n > 0 && !p.heading && bullet.MatchString(t) &&
			strings.HasSuffix(strings.TrimSpace(d.text[d.paras[n-1].start:d.paras[n-1].end]), ":") {
			d.paras[n-1].end = end
		} else {
			d.paras = append(d.paras, p)
		}
		start = -1
	}
	for n := 1; n <= len(d.lines) && d.lines[n-1] < d.body; n++ {
		l := d.lineText(n)
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		ls := d.lines[n-1]
		if start < 0 {
			start = ls + (len(l) - len(strings.TrimLeftFunc(l, unicode.IsSpace)))
		}
		end = ls + len(strings.TrimRightFunc(l, unicode.IsSpace))
	}
	flush()
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "sr": true, "jr": true,
	"vs": true, "cf": true, "e.g": true, "i.e": true, "al": true, "pp": true, "vol": true, "no": true,
	"ch": true, "chap": true, "fig": true, "approx": true, "para": true, "sec": true, "nos": true,
	"т": true, "см": true, "им": true, "ул": true, "стр": true, "напр": true, "рис": true, "табл": true,
}

// sentences splits paragraph pi into sentences. A sentence ends at ".",
// "!", "?" or "…" (with any closing quotes, brackets and a marker placed
// after the period) when the next word starts like a sentence; a list item
// on its own line is a sentence too. A quotation is never cut: "He said
// «A. B.» [8]." is one sentence, so the marker after it counts for all of
// it. The quotations of the paragraph must have been found.
func (d *doc) sentences(pi int) {
	p := d.paras[pi]
	t := d.text
	mk := d.markerIndex(p.start)
	qi := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].start >= p.start })
	start := p.start
	emit := func(end int) {
		s, e := trimSpan(t, start, end)
		if e > s {
			d.sents = append(d.sents, sentence{start: s, end: e, para: pi})
		}
		start = end
	}
	// end reports where a sentence whose terminal mark ends before j ends:
	// after any closing marks and markers, and whether the next word starts
	// a new sentence.
	end := func(j int) (int, bool) {
		for j < p.end {
			r, size := utf8.DecodeRuneInString(t[j:])
			if strings.ContainsRune(".!?…\"'»”’)]", r) {
				j += size
				continue
			}
			if mk < len(d.markers) && d.markers[mk].Start == j {
				j = d.markers[mk].End
				mk++
				continue
			}
			break
		}
		k := skipSpace(t, j, p.end)
		if mk < len(d.markers) && d.markers[mk].Start == k && k > j {
			// "… end. [3] Next": the marker belongs to the sentence before.
			j = d.markers[mk].End
			mk++
			k = skipSpace(t, j, p.end)
		}
		return j, k >= p.end || (k > j && startsSentence(t[k:p.end]))
	}
	for i := p.start; i < p.end; {
		if mk < len(d.markers) && d.markers[mk].Start == i {
			i = d.markers[mk].End
			mk++
			continue
		}
		if qi < len(d.quotes) && d.quotes[qi].start == i {
			q := d.quotes[qi]
			qi++
			for mk < len(d.markers) && d.markers[mk].Start < q.end {
				mk++
			}
			i = q.end
			if q.closed && endsSentence(t[q.start:q.end]) {
				// «… peoples [2].» As a result …: the quotation ends the sentence.
				j, ok := end(i)
				if ok {
					emit(j)
				}
				i = j
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if r == '\n' && bullet.MatchString(t[i+1:min(p.end, i+1+16)]) {
			emit(i)
			i++
			continue
		}
		if !strings.ContainsRune(".!?…", r) || (r == '.' && (abbreviationBefore(t, p.start, i) || listNumberBefore(t, i))) {
			i += size
			continue
		}
		j, ok := end(i + size)
		if ok {
			emit(j)
		}
		i = j
	}
	emit(p.end)
}

// endsSentence reports whether a quotation ends with a sentence's terminal
// mark inside its closing mark: "«… peoples [2].»", "“Go!”".
func endsSentence(q string) bool {
	_, size := utf8.DecodeLastRuneInString(q)
	q = strings.TrimRight(q[:len(q)-size], " ")
	r, _ := utf8.DecodeLastRuneInString(q)
	return strings.ContainsRune(".!?…", r)
}

// markerIndex returns the index of the first marker at or after off.
func (d *doc) markerIndex(off int) int {
	return sort.Search(len(d.markers), func(i int) bool { return d.markers[i].Start >= off })
}

// abbreviationBefore reports whether the period at t[i] ends an
// abbreviation or an initial ("К.В.", "e.g.", "Dr.") rather than a sentence.
func abbreviationBefore(t string, from, i int) bool {
	j := i
	for j > from {
		r, size := utf8.DecodeLastRuneInString(t[from:j])
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
		r, _ := utf8.DecodeRuneInString(t[j:])
		return unicode.IsUpper(r) || w == "p" || w == "с" || w == "c" || w == "s"
	}
	return abbreviations[w] || strings.Contains(w, ".")
}

// listNumberBefore reports whether the period at t[i] follows the number of
// a list item at the start of its line ("  2. nor is the second").
func listNumberBefore(t string, i int) bool {
	ls := strings.LastIndexByte(t[:i], '\n') + 1
	n := strings.TrimLeft(t[ls:i], " \t")
	if n == "" || len(n) > 3 {
		return false
	}
	for _, c := range n {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// startsSentence reports whether s begins like a sentence: a capital, a
// digit, an opening quotation mark or bracket, or a list bullet.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("«“„‘\"'([•", r)
}

func trimSpan(t string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(t[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(t[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// closers maps each opening quotation mark to the marks that close it.
var closers = map[rune]string{'«': "»", '“': "”", '„': "“”", '‘': "’", '"': "\"", '‹': "›"}

// findQuotes finds the outermost quotations of paragraph pi. "’" between
// letters is an apostrophe, not a closing mark; a straight '"' opens after
// a space or an opening bracket and closes otherwise.
func (d *doc) findQuotes(pi int) {
	p := d.paras[pi]
	t := d.text
	for i := p.start; i < p.end; {
		r, size := utf8.DecodeRuneInString(t[i:])
		cl, ok := closers[r]
		if !ok || !opensQuote(t, p.start, i, r) {
			i += size
			continue
		}
		q := quote{start: i, end: p.end, para: pi}
		depth := 0
		j := i + size
		for j < p.end {
			r2, s2 := utf8.DecodeRuneInString(t[j:])
			switch {
			case r2 == r && r != '"' && !(r == '‘' && !opensQuote(t, p.start, j, r2)):
				depth++
			case strings.ContainsRune(cl, r2) && closesQuote(t, j, s2, p.end, r2):
				if depth == 0 {
					q.end, q.closed = j+s2, true
				} else {
					depth--
				}
			}
			j += s2
			if q.closed {
				break
			}
		}
		q.words = countWords(t[q.start:q.end])
		d.quotes = append(d.quotes, q)
		i = q.end
	}
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
