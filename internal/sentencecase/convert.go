package sentencecase

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/runes"
)

// Convert returns title in sentence case when it is written in title
// case, and otherwise title with only the first letter of the title and
// of each subtitle capitalised (see the package documentation).
func Convert(title string) string { return ConvertWith(title, Hints{}) }

// ConvertKeeping is Convert with further words to keep as written: a
// word (letters and digits, compared exactly) for which keep returns true
// is never lowered.
func ConvertKeeping(title string, keep func(word string) bool) string {
	return ConvertWith(title, Hints{Keep: keep})
}

// Hints are what a caller knows of a title's words from outside it.
type Hints struct {
	// Keep names further words to keep as written: a word (letters and
	// digits, compared exactly) for which Keep returns true is never
	// lowered.
	Keep func(word string) bool
	// Names are names the record writes elsewhere (see Names): where the
	// title has one in the same words and case, it is kept as written.
	Names [][]string
}

// ConvertWith is Convert with hints.
func ConvertWith(title string, h Hints) string {
	if title == "" {
		return title
	}
	t := parse(title)
	t.convert(h)
	out := t.String()
	t.release()
	return out
}

// text is a title split into its characters, each marked protected or
// not, and the markup tags between them. Its slices are reused from one
// title to the next (see parse and release).
type text struct {
	src   string // the title parsed
	runes []rune
	cls   []runes.Class // the class of each rune
	prot  []bool        // each rune's protection: all false when !anyProt
	// anyProt: some rune is protected.
	anyProt bool
	// implied marks the parts of compounds taken to be protected though
	// no span covers them (see impliedProtection); nil when none can be.
	implied    []bool
	impliedBuf []bool  // room for implied
	tags       []tagAt // in order of position
	// valid: src is valid UTF-8, so that the runes and tags write it
	// back byte for byte; changed: convert changed a rune. A valid title
	// left unchanged is its own String.
	valid, changed bool

	// state of convert: strong marks what the caller's hints and the
	// title's structure keep (anyStrong when anything), blanket is what
	// blanketProtection found.
	strong             []bool
	anyStrong, blanket bool

	// scratch space kept for the next title
	toks    []token
	parts   []part
	spans   []int
	subject []part // see protectInstitutions
}

// tagAt is a markup tag written before rune at (at == len(runes): at the
// end).
type tagAt struct {
	at  int
	tag string
}

// texts holds texts released for reuse: most titles then cost no
// allocation but that of a changed result.
var texts = sync.Pool{New: func() any { return new(text) }}

// maxPooled is the most runes a text returned to texts may hold room
// for: a huge title's arrays are left to the collector.
const maxPooled = 4096

// release returns t for reuse; t must not be used after.
func (t *text) release() {
	if cap(t.runes) > maxPooled {
		return
	}
	clear(t.tags) // let the title's tags go with it
	t.src, t.tags = "", t.tags[:0]
	texts.Put(t)
}

// parse reads CSL-JSON rich text: <span class="nocase">, <sc>, <sup> and
// <sub> protect their content; other tags are kept but do not.
func parse(s string) *text {
	n := len(s) // at most; tags take no runes, a rune at least a byte
	t := texts.Get().(*text)
	t.src, t.valid, t.changed, t.anyProt, t.implied = s, true, false, false, nil
	rs, cls, prot, m := grow(t.runes, n)[:n], grow(t.cls, n)[:n], cleared(t.prot, n), 0
	t.tags = t.tags[:0]
	var stackBuf [8]bool
	stack := stackBuf[:0] // protection of each open element
	protecting := 0       // the open elements that protect
	for i := 0; i < len(s); {
		// A run of ASCII other than '<', in a loop without calls (which
		// would make the compiler keep its state in memory); m, at most
		// i, bounds the three slices.
		for i < len(s) && m < len(rs) && m < len(cls) && m < len(prot) {
			c := s[i]
			if c >= utf8.RuneSelf || c == '<' {
				break
			}
			rs[m], cls[m] = rune(c), runes.ClassOf(rune(c))
			if protecting > 0 {
				prot[m], t.anyProt = true, true
			}
			m++
			i++
		}
		if i >= len(s) {
			break
		}
		if s[i] == '<' {
			if tag, name, ok := readTag(s[i:]); ok {
				t.tags = append(t.tags, tagAt{m, tag})
				switch {
				case strings.HasPrefix(name, "/"):
					if len(stack) > 0 {
						if stack[len(stack)-1] {
							protecting--
						}
						stack = stack[:len(stack)-1]
					}
				case name == "nocase" || name == "sc" || name == "sup" || name == "sub":
					stack = append(stack, true)
					protecting++
				default:
					stack = append(stack, false)
				}
				i += len(tag)
				continue
			}
		}
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = decodeRune(s[i:])
			if r == utf8.RuneError && n == 1 {
				t.valid = false // written back as U+FFFD
			}
		}
		rs[m], cls[m] = r, runes.ClassOf(r)
		if protecting > 0 {
			prot[m], t.anyProt = true, true
		}
		m++
		i += n
	}
	t.runes, t.cls, t.prot = rs[:m], cls[:m], prot[:m]
	return t
}

// grow returns s emptied, with room for n elements.
func grow[E any](s []E, n int) []E {
	if cap(s) < n {
		return make([]E, 0, n)
	}
	return s[:0]
}

// cleared returns s with n elements, all zero.
func cleared[E any](s []E, n int) []E {
	if cap(s) < n {
		return make([]E, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// readTag recognises the tags of CSL-JSON rich text at the start of s and
// returns the tag and its kind: "i", "b", "sc", "sup", "sub", "nocase",
// "span", or the closing forms "/i", …, "/span".
func readTag(s string) (tag, name string, ok bool) {
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return "", "", false
	}
	tag = s[:end+1]
	switch tag {
	case "<i>", "<b>", "<sc>", "<sup>", "<sub>", "</i>", "</b>", "</sc>", "</sup>", "</sub>", "</span>":
		return tag, strings.Trim(tag, "<>"), true
	}
	if strings.HasPrefix(tag, "<span ") || tag == "<span>" {
		if containsSpaced(tag, `class="nocase"`) {
			return tag, "nocase", true
		}
		return tag, "span", true
	}
	return "", "", false
}

// containsSpaced reports whether s holds sub with any spaces inserted,
// as strings.Contains(strings.ReplaceAll(s, " ", ""), sub) would, sub
// having none.
func containsSpaced(s, sub string) bool {
	for i := 0; i < len(s); i++ {
		j, k := i, 0
		for j < len(s) && k < len(sub) {
			switch {
			case s[j] == ' ' && k > 0:
				j++
			case s[j] == sub[k]:
				j++
				k++
			default:
				j = len(s) + 1
			}
		}
		if k == len(sub) {
			return true
		}
	}
	return false
}

func decodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

// set changes rune k to r.
func (t *text) set(k int, r rune) {
	if t.runes[k] != r {
		t.runes[k], t.cls[k] = r, runes.ClassOf(r)
		t.changed = true
	}
}

// String writes the title back with its tags.
func (t *text) String() string {
	if t.valid && !t.changed {
		return t.src
	}
	var b strings.Builder
	b.Grow(t.size())
	tags := t.tags
	for i, r := range t.runes {
		for len(tags) > 0 && tags[0].at == i {
			b.WriteString(tags[0].tag)
			tags = tags[1:]
		}
		b.WriteRune(r)
	}
	for _, tag := range tags {
		b.WriteString(tag.tag)
	}
	return b.String()
}

// size is the length of the title parsed, in bytes.
func (t *text) size() int { return len(t.src) }

// part is a run of letters and digits inside a token: a word, or one side
// of a hyphenated compound.
type part struct {
	start, end int // runes[start:end]
	first      bool
	// sentence: the part follows a colon, an em dash, "?" or "!" inside
	// its token ("Brain—The").
	sentence bool
}

// token is a run of characters between spaces.
type token struct {
	start, end int
	parts      []part
	// start of a sentence: the title, or after ":", "?", "!", an em dash
	// or a spaced dash; soft: after a period, which may end an
	// abbreviation, so the word is neither lowered nor capitalised.
	sentence, soft bool
	keepAll        bool // a token with a period between letters: U.S., Akorda.kz
}

func (t *text) tokens() []token {
	rs := t.runes
	cls := t.cls[:len(rs)] // as long as runes; n bounds every index
	n := len(cls)
	toks := t.toks[:0]
	// The parts of all tokens share one array; each token's parts are a
	// slice of it taken once they are complete (a slice taken before the
	// array grows keeps the old one).
	all := t.parts[:0]
	for i := 0; i < n; {
		if cls[i]&cSpace != 0 {
			i++
			continue
		}
		// One pass over the token: its parts, the punctuation between
		// them, its em dashes and its periods. A part ends at a space,
		// so innerApostrophe and the test of a period between letters
		// may look up to the end of the title rather than of the token.
		tok := token{start: i}
		first := len(all)
		dashes := 0
		sep := false // ":", "—", "?" or "!" since the token's last part
		j := i
		for j < n && cls[j]&cSpace == 0 {
			if cls[j]&cWord != 0 {
				m := j + 1
				for m < n && (cls[m]&cWord != 0 || t.innerApostrophe(m, n)) {
					m++
				}
				p := part{start: j, end: m, first: len(all) == first}
				p.sentence = !p.first && sep
				all = append(all, p)
				sep = false
				j = m
				continue
			}
			switch rs[j] {
			case '—':
				dashes++
				sep = true
			case ':', '?', '!':
				sep = true
			case '.':
				if j > i && j+1 < n && cls[j-1]&cls[j+1]&cLetter != 0 {
					tok.keepAll = true
				}
			}
			j++
		}
		tok.end = j
		if len(all) > first {
			tok.parts = all[first:len(all):len(all)]
		}
		if dashes >= 2 {
			// Words chained by em dashes ("Open—Close—Clench") form a
			// compound, as hyphens do; none starts a subtitle.
			for k := range tok.parts {
				if tok.parts[k].sentence && !runesContainAny(t.runes[tok.parts[k-1].end:tok.parts[k].start], ":?!") {
					tok.parts[k].sentence = false
				}
			}
		}
		toks = append(toks, tok)
		i = j
	}
	t.toks, t.parts = toks, all
	// Sentence starts.
	for i := range toks {
		if i == 0 {
			toks[i].sentence = true
			continue
		}
		prev := t.runes[toks[i-1].start:toks[i-1].end]
		for len(prev) > 0 && isClosing(prev[len(prev)-1]) {
			prev = prev[:len(prev)-1]
		}
		var last rune
		if len(prev) > 0 {
			last = prev[len(prev)-1]
		}
		switch {
		case len(prev) <= 2 && (runesEq(prev, "—") || runesEq(prev, "–") || runesEq(prev, "-") || runesEq(prev, "--")):
			toks[i].sentence = true
		case last == ':' || last == '?' || last == '!' || last == '—':
			toks[i].sentence = true
		case last == '.' && !isMidSentenceAbbreviation(prev):
			toks[i].soft = true
		}
		if len(toks[i-1].parts) == 0 && i == 1 {
			toks[i].sentence = true // the title opened with a quotation mark or a number sign alone
		}
	}
	return toks
}

// isClosing reports whether r closes a quotation or a parenthesis, which
// a sentence's last word may be followed by: one of "'”’»)].
func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']':
		return true
	}
	return false
}

// midSentenceAbbreviations end in a period but never end a sentence.
var midSentenceAbbreviations = map[string]bool{"vs.": true, "e.g.": true, "i.e.": true, "cf.": true, "al.": true, "approx.": true, "resp.": true, "viz.": true}

// isMidSentenceAbbreviation reports whether rs, in lower case, is one of
// midSentenceAbbreviations.
func isMidSentenceAbbreviation(rs []rune) bool {
	var buf [keyBuf]byte
	return midSentenceAbbreviations[string(appendLower(buf[:0], rs))]
}

func isWordRune(r rune) bool { return classOf(r)&cWord != 0 }

func isSpace(r rune) bool { return classOf(r)&cSpace != 0 }

func isLetter(r rune) bool { return classOf(r)&cLetter != 0 }

// innerApostrophe reports whether runes[k] is an apostrophe inside a
// word (O'Brien, people's), which does not split it; end is where the
// word's token ends.
func (t *text) innerApostrophe(k, end int) bool {
	if t.runes[k] != '\'' && t.runes[k] != '’' {
		return false
	}
	return k > 0 && k+1 < end && t.cls[k-1]&t.cls[k+1]&cLetter != 0
}

// word returns part p as a string; the lookups read t.of(p) instead.
func (t *text) word(p part) string { return string(t.runes[p.start:p.end]) }

// of returns the runes of part p.
func (t *text) of(p part) []rune { return t.runes[p.start:p.end] }

// runesEq reports whether rs spells s, without making a string of rs.
func runesEq(rs []rune, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return i == len(rs)
}

// runesContainAny reports whether rs holds any rune of set.
func runesContainAny(rs []rune, set string) bool {
	for _, r := range rs {
		if strings.ContainsRune(set, r) {
			return true
		}
	}
	return false
}

func (t *text) protectedPart(p part) bool {
	if !t.anyProt {
		return false
	}
	for k := p.start; k < p.end; k++ {
		if t.prot[k] || t.implied != nil && t.implied[k] {
			return true
		}
	}
	return false
}

// shape describes the capitals of a word.
type shape int

const (
	noLetter  shape = iota
	lower           // people, 3d
	capital         // People, A
	allCaps         // NATO, 3D, II
	innerCaps       // iPhone, McDonald, ARToolKit
)

// shapeOf is the shape of w.
func shapeOf(w string) shape { return shapeOfRunes([]rune(w)) }

// shapeOfRunes is the shape of the word spelt by w.
func shapeOfRunes(w []rune) shape { return shapeOfClassed(w, nil) }

// shape is the shape of part p.
func (t *text) shape(p part) shape { return shapeOfClassed(t.of(p), t.cls[p.start:p.end]) }

// shapeOfClassed is the shape of w, whose classes are cls, or, when cls
// is nil, found here.
func shapeOfClassed(w []rune, cls []runes.Class) shape {
	letters, uppers, innerUpper, digits := 0, 0, false, false
	firstUpper := false
	prevLetter := false
	for i, r := range w {
		var c runes.Class
		if cls != nil {
			c = cls[i]
		} else {
			c = runes.ClassOf(r)
		}
		if c&cDigit != 0 {
			digits = true
		}
		if c&cLetter == 0 {
			if r == '\'' || r == '’' {
				prevLetter = false // O'Brien: the capital after an apostrophe starts a name part
			}
			continue
		}
		if c&cUpper != 0 {
			uppers++
			if letters == 0 {
				firstUpper = true
			} else if prevLetter {
				innerUpper = true
			}
		}
		letters++
		prevLetter = true
	}
	switch {
	case letters == 0:
		return noLetter
	case uppers == 0:
		return lower
	case uppers == letters && (letters >= 2 || digits):
		return allCaps // NATO, 3D, H4
	case uppers == letters: // one capital letter
		return capital
	case innerUpper && firstUpper && uppers == letters-countTrailingLower(w):
		return allCaps // ABCs, URLs: capitals with a plural s
	case innerUpper:
		return innerCaps
	case firstUpper:
		return capital
	}
	return innerCaps
}

// countTrailingLower counts the lower-case letters at the end of rs.
func countTrailingLower(rs []rune) int {
	n := 0
	for i := len(rs) - 1; i >= 0 && is(cLower, rs[i]); i-- {
		n++
	}
	if n > 1 {
		return -1 // more than a plural s: not an acronym
	}
	return n
}

// convert applies sentence case in place.
func (t *text) convert(h Hints) {
	toks := t.tokens()
	t.impliedProtection(toks)
	t.blanket = t.anyProt && t.blanketProtection(toks)
	// Words the caller's hints keep are kept whatever the protection;
	// neighbours kept both form one span, as they would in braces
	// ("{Optical Tracking}").
	t.strong, t.anyStrong = cleared(t.strong, len(t.runes)), false
	t.protectNames(toks, h.Names)
	t.protectInstitutions(toks)
	if keep := h.Keep; keep != nil {
		last := -1
		for _, tok := range toks {
			for _, p := range tok.parts {
				if !keep(t.word(p)) {
					last = -1
					continue
				}
				from := p.start
				if last >= 0 && strings.TrimLeft(string(t.runes[last:p.start]), " -") == "" {
					from = last // "Optical Tracking", "Multi-Touch": one span
				}
				t.keep(from, p.end)
				last = p.end
			}
		}
	}
	titleCase := t.isTitleCase(toks)
	for i, tok := range toks {
		for _, p := range tok.parts {
			if t.protected(p) {
				continue
			}
			// The shape is found only where it decides: a title not in
			// title case changes only its sentence starts.
			if tok.sentence && p.first || p.sentence {
				if isLetter(t.runes[p.start]) && t.shape(p) == lower {
					t.set(p.start, runes.ToUpper(t.runes[p.start]))
				}
				continue
			}
			if !titleCase || tok.soft || tok.keepAll || t.shape(p) != capital {
				continue
			}
			if t.keepWord(toks, i, p) {
				continue
			}
			t.set(p.start, runes.ToLower(t.runes[p.start]))
		}
	}
}

// keep marks runes[from:to] as kept whatever their protection.
func (t *text) keep(from, to int) {
	for k := from; k < to; k++ {
		t.strong[k] = true
	}
	t.anyStrong = t.anyStrong || from < to
}

// protected reports whether convert keeps part p as written.
func (t *text) protected(p part) bool {
	if t.anyStrong {
		for k := p.start; k < p.end; k++ {
			if t.strong[k] {
				return true
			}
		}
	}
	if !t.protectedPart(p) {
		return false
	}
	// Blanket protection keeps only what sentence case keeps anyway.
	return !t.blanket || t.shape(p) != capital
}

// keepWord reports whether a capitalised word of a title-case title keeps
// its capital: a single letter other than the article A, "I", a proper
// noun, a word the caller keeps, a name after an honorific, or an
// honorific.
func (t *text) keepWord(toks []token, i int, p part) bool {
	w := t.of(p)
	if len(w) == 1 {
		if w[0] == 'E' && p.first && t.hyphenAfter(toks[i], p) {
			return false // the prefix e- (electronic): e-books, e-mail
		}
		return w[0] != 'A' || !p.first
	}
	if w[0] == 'I' && (w[1] == '\'' || w[1] == '’') {
		return true
	}
	if isProperNounRunes(w) {
		return true
	}
	if !p.first && t.afterWi(toks[i], p) {
		return true // a name built on Wi-Fi: Wi-Foto, Wi-Vi
	}
	if p.first && i > 0 {
		prev := toks[i-1]
		if len(prev.parts) > 0 && isHonorificRunes(t.of(prev.parts[len(prev.parts)-1])) {
			return true
		}
	}
	if p.first && isHonorificRunes(w) && t.endsWithPeriod(toks[i]) {
		return true
	}
	// A phrase: this word with the words around it ("United States",
	// "New York", "Monte Carlo").
	if p.first && len(toks[i].parts) == 1 {
		if i+1 < len(toks) && len(toks[i+1].parts) > 0 && isPhraseRunes(w, t.of(toks[i+1].parts[0])) {
			return true
		}
		if i > 0 && len(toks[i-1].parts) > 0 && isPhraseRunes(t.of(toks[i-1].parts[len(toks[i-1].parts)-1]), w) {
			return true
		}
	}
	return false
}

// afterWi reports whether part p of tok follows "Wi-" ("Wi-Foto").
func (t *text) afterWi(tok token, p part) bool {
	for k, q := range tok.parts {
		if q.start == p.start && k > 0 {
			prev := tok.parts[k-1]
			return runesEq(t.runes[prev.start:prev.end], "Wi") && runesEq(t.runes[prev.end:p.start], "-")
		}
	}
	return false
}

// hyphenAfter reports whether part p of tok is followed by a hyphen and
// a further part ("E-Books").
func (t *text) hyphenAfter(tok token, p part) bool {
	for k, q := range tok.parts {
		if q.start == p.start && k+1 < len(tok.parts) {
			return runesEq(t.runes[p.end:tok.parts[k+1].start], "-")
		}
	}
	return false
}

func (t *text) endsWithPeriod(tok token) bool {
	return tok.end > tok.start && t.runes[tok.end-1] == '.'
}

// isTitleCase reports whether the title is written in title case: it has
// a capitalised word outside a sentence start, and no word that title case
// would capitalise is in lower case (stop words, the second part of a
// compound and one-letter words do not count). Protected words count as
// neither.
func (t *text) isTitleCase(toks []token) bool {
	upper := 0
	for _, tok := range toks {
		if tok.sentence || tok.soft || tok.keepAll || len(tok.parts) == 0 {
			continue
		}
		p := tok.parts[0]
		if t.protected(p) {
			continue
		}
		w := t.of(p)
		if len(w) < 2 || !isLetter(w[0]) {
			continue
		}
		switch t.shape(p) {
		case lower:
			if !isStopWordRunes(w) && !t.quoted(tok) {
				return false
			}
		case capital:
			upper++
		}
	}
	return upper > 0
}

// impliedProtection protects the rest of a compound with a capital after
// its first letter (Memory-Aware, Prediction-Error-Classification) when a
// protected span covers part of it. cite's BibTeX import keeps as nocase
// spans only the braces its export would not write by itself, and the
// export braces such a compound anyway, so the part of a brace group
// inside one is not kept: "{{Memory}}-{{Aware Services}}" is imported as
// "Memory-<span class="nocase">Aware Services</span>", and
// "{{Happiness}}:{{Designing}}" as "Happiness:Designing".
func (t *text) impliedProtection(toks []token) {
	if !t.anyProt {
		t.implied = nil
		return
	}
	t.impliedBuf = cleared(t.impliedBuf, len(t.runes))
	t.implied = t.impliedBuf
	for i, tok := range toks {
		if len(tok.parts) < 2 {
			continue
		}
		inner, braced := false, false
		if i+1 < len(toks) && len(toks[i+1].parts) > 0 && tok.parts[len(tok.parts)-1].end == tok.end && toks[i+1].parts[0].start == toks[i+1].start {
			// the span right after it ("Non-Referenced <span
			// class="nocase">Tracking</span>") is what is left of a group
			// that began with it
			next := toks[i+1].parts[0]
			braced = t.spanned(next) && t.shape(next) == capital
		}
		for j, p := range tok.parts {
			inner = inner || j > 0 && is(cUpper, t.runes[p.start])
			// a subtitle glued to its title by a colon
			// ("Happiness:Designing") was braced too if anything was
			braced = braced || t.spanned(p) || j > 0 && t.runes[p.start-1] == ':'
		}
		if !inner || !braced {
			continue
		}
		for _, p := range tok.parts {
			for k := p.start; k < p.end; k++ {
				t.implied[k] = true
			}
		}
	}
}

// spanned reports whether a protected span covers part of p.
func (t *text) spanned(p part) bool {
	for k := p.start; k < p.end; k++ {
		if t.prot[k] {
			return true
		}
	}
	return false
}

// quoted reports whether tok is a word in quotation marks ("'making'"),
// a term mentioned, which keeps its case in a title-case title too.
func (t *text) quoted(tok token) bool {
	if tok.end-tok.start < 3 {
		return false
	}
	open, close := t.runes[tok.start], t.runes[tok.end-1]
	if close == ',' || close == '.' || close == ';' || close == ':' {
		close = t.runes[tok.end-2]
	}
	return strings.ContainsRune("'\"‘“", open) && strings.ContainsRune("'\"’”", close)
}

// blanketProtection reports whether the title's protection says nothing
// about its proper nouns. Better BibTeX braces every word that is
// capitalised in the title Zotero holds, except the first, and then puts
// the title in title case (retorquere/zotero-better-bibtex issues #382,
// #558: "The parable of Google Flu: Traps in big data analysis" becomes
// "The Parable of {{Google Flu}}: {{Traps}} in Big Data Analysis"); so
// its braces mark proper nouns only when Zotero's title was in sentence
// case (#563). When Zotero's title was in title
// case, every capitalised word is braced ("{{Efficient Multiscale
// Interaction}} on {{Multitouch Screens}}"), and the few capitals left
// outside braces are words Zotero held in lower case ("System for
// {{Visualizing Human Behavior}} Based on {{Car Metaphors}}"). So the
// protection is blanket when protected spans hold ordinary capitalised
// words and no word in lower case, the capitalised words outside them
// that title case does not explain are fewer than half as many as those
// inside, and no part of the title (a subtitle, say) has two or more of
// them of four letters or more and nothing braced after its first word,
// as a part Zotero held in sentence case would ("… ({{QUEST}} 2.0):
// {{An}} Overview and Recent Progress").
// Such protection is treated as absent for ordinary capitalised words;
// acronyms, words with inner capitals and known proper nouns keep their
// capitals as always.
func (t *text) blanketProtection(toks []token) bool {
	spans := t.spans[:0] // start of each protected run holding an ordinary capitalised word, in order
	braced := 0          // ordinary capitalised words inside protection
	unprotected := 0     // capitalised words outside protection that title case would not explain
	// per part of the title (split at colons, em dashes, "?" and "!"):
	// its unexplained capitals outside protection, and its protected ones
	segOut, segIn := 0, 0
	sentenceLike := false
	endSegment := func() {
		if segOut >= 2 && segIn == 0 {
			sentenceLike = true
		}
		segOut, segIn = 0, 0
	}
	for i, tok := range toks {
		if i > 0 && tok.sentence {
			endSegment()
		}
		for j, p := range tok.parts {
			if p.sentence {
				endSegment()
			}
			w := t.of(p)
			if len(w) < 2 || t.shape(p) != capital {
				continue
			}
			start := tok.sentence && j == 0 || p.sentence
			if !t.protectedPart(p) {
				// Title case explains a capital on a sentence start, a
				// stop word and the second part of a compound
				// ("Large-Scale").
				if j == 0 && !start && !tok.soft && !tok.keepAll && !isStopWordRunes(w) {
					unprotected++
					if len(w) > 3 {
						segOut++
					}
				}
				continue
			}
			if isProperNounRunes(w) {
				continue
			}
			k := p.start
			for k > 0 && t.prot[k-1] {
				k--
			}
			if len(spans) == 0 || spans[len(spans)-1] != k {
				spans = append(spans, k)
			}
			braced++
			if !start {
				segIn++
			}
		}
	}
	endSegment()
	t.spans = spans
	if len(spans) == 0 || 2*unprotected >= braced || sentenceLike {
		return false
	}
	// A span with a word in lower case ("{The Lord of the Rings}") was
	// braced on purpose: Better BibTeX braces runs of capitalised words.
	for _, start := range spans {
		for k := start; k < len(t.runes) && t.prot[k]; k++ {
			if is(cLower, t.runes[k]) && (k == start || t.cls[k-1]&cWord == 0 && !t.innerApostrophe(k-1, len(t.runes))) {
				return false
			}
		}
	}
	return true
}
