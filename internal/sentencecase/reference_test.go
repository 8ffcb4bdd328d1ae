package sentencecase

// This file is the implementation of refConvert and refNames before their fast
// paths (cite at d8815d3, comments left out), kept to test the fast code
// against: TestMatchesReference requires the same output on every input.
// Only its identifiers are renamed (a "ref" prefix); the word lists are
// shared.

import (
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/runes"
)

func refConvert(title string) string { return refConvertWith(title, Hints{}) }

func refConvertKeeping(title string, keep func(word string) bool) string {
	return refConvertWith(title, Hints{Keep: keep})
}

func refConvertWith(title string, h Hints) string {
	if title == "" {
		return title
	}
	t := refParse(title)
	t.convert(h)
	return t.String()
}

type refText struct {
	runes []rune
	prot  []bool

	implied []bool
	tags    map[int][]string
	size    int
}

func refParse(s string) *refText {
	n := utf8.RuneCountInString(s)
	t := &refText{runes: make([]rune, 0, n), prot: make([]bool, 0, n), size: len(s)}
	var stack []bool
	protected := func() bool {
		for _, p := range stack {
			if p {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(s); {
		if s[i] == '<' {
			if tag, name, ok := refReadTag(s[i:]); ok {
				at := len(t.runes)
				if t.tags == nil {
					t.tags = map[int][]string{}
				}
				t.tags[at] = append(t.tags[at], tag)
				switch {
				case strings.HasPrefix(name, "/"):
					if len(stack) > 0 {
						stack = stack[:len(stack)-1]
					}
				case name == "nocase" || name == "sc" || name == "sup" || name == "sub":
					stack = append(stack, true)
				default:
					stack = append(stack, false)
				}
				i += len(tag)
				continue
			}
		}
		r, n := refDecodeRune(s[i:])
		t.runes = append(t.runes, r)
		t.prot = append(t.prot, protected())
		i += n
	}
	return t
}

func refReadTag(s string) (tag, name string, ok bool) {
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
		if strings.Contains(strings.ReplaceAll(tag, " ", ""), `class="nocase"`) {
			return tag, "nocase", true
		}
		return tag, "span", true
	}
	return "", "", false
}

func refDecodeRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

func (t *refText) String() string {
	var b strings.Builder
	b.Grow(t.size)
	for i, r := range t.runes {
		for _, tag := range t.tags[i] {
			b.WriteString(tag)
		}
		b.WriteRune(r)
	}
	for _, tag := range t.tags[len(t.runes)] {
		b.WriteString(tag)
	}
	return b.String()
}

type refPart struct {
	start, end int
	first      bool

	sentence bool
}

type refToken struct {
	start, end int
	parts      []refPart

	sentence, soft bool
	keepAll        bool
}

func (t *refText) tokens() []refToken {
	n := len(t.runes)
	words := 1
	for i := 1; i < n; i++ {
		if runes.IsSpace(t.runes[i-1]) && !runes.IsSpace(t.runes[i]) {
			words++
		}
	}
	toks := make([]refToken, 0, words)

	all := make([]refPart, 0, words+words/2)
	for i := 0; i < n; {
		if runes.IsSpace(t.runes[i]) {
			i++
			continue
		}
		j := i
		for j < n && !runes.IsSpace(t.runes[j]) {
			j++
		}
		tok := refToken{start: i, end: j}
		first := len(all)
		for k := i; k < j; {
			if !refIsWordRune(t.runes[k]) {
				k++
				continue
			}
			m := k
			for m < j && (refIsWordRune(t.runes[m]) || refIsInnerApostrophe(t.runes, m, j)) {
				m++
			}
			p := refPart{start: k, end: m, first: len(all) == first}
			if !p.first && refRunesContainAny(t.runes[all[len(all)-1].end:k], ":—?!") {
				p.sentence = true
			}
			all = append(all, p)
			k = m
		}
		if len(all) > first {
			tok.parts = all[first:len(all):len(all)]
		}
		if refRunesCount(t.runes[i:j], '—') >= 2 {

			for k := range tok.parts {
				if tok.parts[k].sentence && !refRunesContainAny(t.runes[tok.parts[k-1].end:tok.parts[k].start], ":?!") {
					tok.parts[k].sentence = false
				}
			}
		}
		for k := i + 1; k+1 < j; k++ {
			if t.runes[k] == '.' && runes.IsLetter(t.runes[k-1]) && runes.IsLetter(t.runes[k+1]) {
				tok.keepAll = true
			}
		}
		toks = append(toks, tok)
		i = j
	}

	for i := range toks {
		if i == 0 {
			toks[i].sentence = true
			continue
		}
		prev := t.runes[toks[i-1].start:toks[i-1].end]
		for len(prev) > 0 && strings.ContainsRune("\"'”’»)]", prev[len(prev)-1]) {
			prev = prev[:len(prev)-1]
		}
		var last rune
		if len(prev) > 0 {
			last = prev[len(prev)-1]
		}
		switch {
		case refRunesEq(prev, "—") || refRunesEq(prev, "–") || refRunesEq(prev, "-") || refRunesEq(prev, "--"):
			toks[i].sentence = true
		case last == ':' || last == '?' || last == '!' || last == '—':
			toks[i].sentence = true
		case last == '.' && !midSentenceAbbreviations[strings.ToLower(string(prev))]:
			toks[i].soft = true
		}
		if len(toks[i-1].parts) == 0 && i == 1 {
			toks[i].sentence = true
		}
	}
	return toks
}

func refIsWordRune(r rune) bool {
	return runes.IsLetter(r) || runes.IsDigit(r) || runes.IsNonspacingMark(r)
}

func refIsInnerApostrophe(rs []rune, k, end int) bool {
	if rs[k] != '\'' && rs[k] != '’' {
		return false
	}
	return k > 0 && k+1 < end && runes.IsLetter(rs[k-1]) && runes.IsLetter(rs[k+1])
}

func (t *refText) word(p refPart) string { return string(t.runes[p.start:p.end]) }

func refRunesEq(rs []rune, s string) bool {
	i := 0
	for _, r := range s {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return i == len(rs)
}

func refRunesContainAny(rs []rune, set string) bool {
	for _, r := range rs {
		if strings.ContainsRune(set, r) {
			return true
		}
	}
	return false
}

func refRunesCount(rs []rune, r rune) int {
	n := 0
	for _, c := range rs {
		if c == r {
			n++
		}
	}
	return n
}

func (t *refText) protectedPart(p refPart) bool {
	for k := p.start; k < p.end; k++ {
		if t.prot[k] || t.implied != nil && t.implied[k] {
			return true
		}
	}
	return false
}

type refShape int

const (
	refNoLetter refShape = iota
	refLower
	refCapital
	refAllCaps
	refInnerCaps
)

func refShapeOf(w string) refShape {
	letters, uppers, innerUpper, digits := 0, 0, false, false
	firstUpper := false
	prevLetter := false
	for _, r := range w {
		if runes.IsDigit(r) {
			digits = true
		}
		if !runes.IsLetter(r) {
			if r == '\'' || r == '’' {
				prevLetter = false
			}
			continue
		}
		if runes.IsUpper(r) {
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
		return refNoLetter
	case uppers == 0:
		return refLower
	case uppers == letters && (letters >= 2 || digits):
		return refAllCaps
	case uppers == letters:
		return refCapital
	case innerUpper && firstUpper && uppers == letters-refCountTrailingLower(w):
		return refAllCaps
	case innerUpper:
		return refInnerCaps
	case firstUpper:
		return refCapital
	}
	return refInnerCaps
}

func refCountTrailingLower(w string) int {
	rs := []rune(w)
	n := 0
	for i := len(rs) - 1; i >= 0 && runes.IsLower(rs[i]); i-- {
		n++
	}
	if n > 1 {
		return -1
	}
	return n
}

func (t *refText) convert(h Hints) {
	toks := t.tokens()
	t.impliedProtection(toks)
	blanket := t.blanketProtection(toks)

	strong := make([]bool, len(t.runes))
	t.protectNames(toks, h.Names, strong)
	t.protectInstitutions(toks, strong)
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
					from = last
				}
				for k := from; k < p.end; k++ {
					strong[k] = true
				}
				last = p.end
			}
		}
	}
	protected := func(p refPart) bool {
		for k := p.start; k < p.end; k++ {
			if strong[k] {
				return true
			}
		}
		if !t.protectedPart(p) {
			return false
		}

		return !blanket || refShapeOf(t.word(p)) != refCapital
	}
	titleCase := t.isTitleCase(toks, protected)
	for i, tok := range toks {
		for _, p := range tok.parts {
			if protected(p) {
				continue
			}
			w := t.word(p)
			sh := refShapeOf(w)
			if tok.sentence && p.first || p.sentence {
				if sh == refLower && runes.IsLetter(t.runes[p.start]) {
					t.runes[p.start] = runes.ToUpper(t.runes[p.start])
				}
				continue
			}
			if !titleCase || sh != refCapital || tok.soft || tok.keepAll {
				continue
			}
			if t.keepWord(toks, i, p, w) {
				continue
			}
			t.runes[p.start] = runes.ToLower(t.runes[p.start])
		}
	}
}

func (t *refText) keepWord(toks []refToken, i int, p refPart, w string) bool {
	letters := []rune(w)
	if len(letters) == 1 {
		if w == "E" && p.first && t.hyphenAfter(toks[i], p) {
			return false
		}
		return w != "A" || !p.first
	}
	if w == "I" || strings.HasPrefix(w, "I'") || strings.HasPrefix(w, "I’") {
		return true
	}
	if refIsProperNoun(w) {
		return true
	}
	if !p.first && t.afterWi(toks[i], p) {
		return true
	}
	if p.first && i > 0 {
		prev := toks[i-1]
		if len(prev.parts) > 0 && refIsHonorific(t.word(prev.parts[len(prev.parts)-1])) {
			return true
		}
	}
	if p.first && refIsHonorific(w) && t.endsWithPeriod(toks[i]) {
		return true
	}

	if p.first && len(toks[i].parts) == 1 {
		if i+1 < len(toks) && len(toks[i+1].parts) > 0 && refIsPhrase(w, t.word(toks[i+1].parts[0])) {
			return true
		}
		if i > 0 && len(toks[i-1].parts) > 0 && refIsPhrase(t.word(toks[i-1].parts[len(toks[i-1].parts)-1]), w) {
			return true
		}
	}
	return false
}

func (t *refText) afterWi(tok refToken, p refPart) bool {
	for k, q := range tok.parts {
		if q.start == p.start && k > 0 {
			prev := tok.parts[k-1]
			return refRunesEq(t.runes[prev.start:prev.end], "Wi") && refRunesEq(t.runes[prev.end:p.start], "-")
		}
	}
	return false
}

func (t *refText) hyphenAfter(tok refToken, p refPart) bool {
	for k, q := range tok.parts {
		if q.start == p.start && k+1 < len(tok.parts) {
			return refRunesEq(t.runes[p.end:tok.parts[k+1].start], "-")
		}
	}
	return false
}

func (t *refText) endsWithPeriod(tok refToken) bool {
	return tok.end > tok.start && t.runes[tok.end-1] == '.'
}

func (t *refText) isTitleCase(toks []refToken, protected func(refPart) bool) bool {
	upper := 0
	for _, tok := range toks {
		if tok.sentence || tok.soft || tok.keepAll || len(tok.parts) == 0 {
			continue
		}
		p := tok.parts[0]
		if protected(p) {
			continue
		}
		w := t.word(p)
		if len([]rune(w)) < 2 || !runes.IsLetter([]rune(w)[0]) {
			continue
		}
		switch refShapeOf(w) {
		case refLower:
			if !isStopWord(w) && !t.quoted(tok) {
				return false
			}
		case refCapital:
			upper++
		}
	}
	return upper > 0
}

func (t *refText) impliedProtection(toks []refToken) {
	any := false
	for _, p := range t.prot {
		any = any || p
	}
	t.implied = make([]bool, len(t.runes))
	if !any {
		return
	}
	for i, tok := range toks {
		if len(tok.parts) < 2 {
			continue
		}
		inner, braced := false, false
		if i+1 < len(toks) && len(toks[i+1].parts) > 0 && tok.parts[len(tok.parts)-1].end == tok.end && toks[i+1].parts[0].start == toks[i+1].start {

			next := toks[i+1].parts[0]
			braced = t.spanned(next) && refShapeOf(t.word(next)) == refCapital
		}
		for j, p := range tok.parts {
			inner = inner || j > 0 && runes.IsUpper(t.runes[p.start])

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

func (t *refText) spanned(p refPart) bool {
	for k := p.start; k < p.end; k++ {
		if t.prot[k] {
			return true
		}
	}
	return false
}

func (t *refText) quoted(tok refToken) bool {
	if tok.end-tok.start < 3 {
		return false
	}
	open, close := t.runes[tok.start], t.runes[tok.end-1]
	if close == ',' || close == '.' || close == ';' || close == ':' {
		close = t.runes[tok.end-2]
	}
	return strings.ContainsRune("'\"‘“", open) && strings.ContainsRune("'\"’”", close)
}

func (t *refText) blanketProtection(toks []refToken) bool {
	spans := map[int]bool{}
	braced := 0
	unprotected := 0

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
			w := t.word(p)
			if refShapeOf(w) != refCapital || len([]rune(w)) < 2 {
				continue
			}
			start := tok.sentence && j == 0 || p.sentence
			if !t.protectedPart(p) {

				if j == 0 && !start && !tok.soft && !tok.keepAll && !isStopWord(w) {
					unprotected++
					if len([]rune(w)) > 3 {
						segOut++
					}
				}
				continue
			}
			if refIsProperNoun(w) {
				continue
			}
			k := p.start
			for k > 0 && t.prot[k-1] {
				k--
			}
			spans[k] = true
			braced++
			if !start {
				segIn++
			}
		}
	}
	endSegment()
	if len(spans) == 0 || 2*unprotected >= braced || sentenceLike {
		return false
	}

	for start := range spans {
		for k := start; k < len(t.runes) && t.prot[k]; k++ {
			if runes.IsLower(t.runes[k]) && (k == start || !refIsWordRune(t.runes[k-1]) && !refIsInnerApostrophe(t.runes, k-1, len(t.runes))) {
				return false
			}
		}
	}
	return true
}

func (t *refText) protectInstitutions(toks []refToken, keep []bool) {

	word := func(i int) (p refPart, closed, ok bool) {
		if i < 0 || i >= len(toks) || len(toks[i].parts) != 1 {
			return refPart{}, false, false
		}
		p = toks[i].parts[0]
		if p.start != toks[i].start {
			return refPart{}, false, false
		}
		return p, p.end != toks[i].end, true
	}
	mark := func(p refPart) {
		for k := p.start; k < p.end; k++ {
			keep[k] = true
		}
	}
	nameLike := func(w string) bool {
		sh := refShapeOf(w)
		return sh == refCapital || sh == refAllCaps || sh == refInnerCaps
	}
	for i := range toks {
		p, closed, ok := word(i)
		if !ok {
			continue
		}
		w := t.word(p)
		if societies[w] && !closed {
			if q, _, ok := word(i + 1); ok && refShapeOf(t.word(q)) == refCapital {
				mark(q)
			}
		}
		if !eventNouns[w] || closed {
			continue
		}

		on, onClosed, ok := word(i + 1)
		if !ok || onClosed || !(t.word(on) == "on" || t.word(on) == "of" || t.word(on) == "for") {
			continue
		}
		var subject []refPart
		last := 0
		for k := i + 2; ; k++ {
			q, qClosed, ok := word(k)
			if !ok {
				break
			}
			qw := t.word(q)
			switch {
			case nameLike(qw):
				subject = append(subject, q)
				last = len(subject)
			case eventJoins[qw] && !qClosed:
				subject = append(subject, q)
			default:
				qClosed = true
			}
			if qClosed {
				break
			}
		}
		if last == 0 {
			continue
		}
		mark(p)
		mark(on)
		for _, q := range subject[:last] {
			mark(q)
		}

		for k := i - 1; ; k-- {
			q, qClosed, ok := word(k)
			if !ok || qClosed || !nameLike(t.word(q)) || toks[k].sentence && isStopWord(t.word(q)) {
				break
			}
			mark(q)
		}
	}
}

func refNames(refText string) [][]string {
	if refText == "" {
		return nil
	}
	t := refParse(refText)
	toks := t.tokens()
	type word struct {
		w          string
		start, end int
		first      bool
		join       bool
		sentence   int
	}
	var words []word
	sentence := 0
	for i, tok := range toks {
		for j, p := range tok.parts {

			starts := j == 0 && (tok.sentence || tok.soft) || p.sentence
			if starts {
				sentence++
			}
			w := word{w: t.word(p), start: p.start, end: p.end, first: starts, sentence: sentence}
			if j == 0 {
				lead := string(t.runes[tok.start:p.start])
				w.first = w.first || strings.ContainsAny(lead, "([\"“‘'«")
				w.join = i > 0 && lead == "" && len(toks[i-1].parts) > 0 && toks[i-1].parts[len(toks[i-1].parts)-1].end == toks[i-1].end
			} else {
				w.join = refRunesEq(t.runes[tok.parts[j-1].end:p.start], "-")
			}
			words = append(words, w)
		}
	}
	inLower := map[string]bool{}
	for i := range words {
		var run []string
		for k := i; k < len(words) && k < i+4; k++ {
			if k > i && !words[k].join || refShapeOf(words[k].w) != refLower {
				break
			}
			run = append(run, words[k].w)
			inLower[strings.Join(run, " ")] = true
		}
	}

	capitals, content := map[int]int{}, map[int]int{}
	for _, w := range words {
		if w.first || isStopWord(w.w) || len([]rune(w.w)) < 2 {
			continue
		}
		switch refShapeOf(w.w) {
		case refCapital:
			capitals[w.sentence]++
			content[w.sentence]++
		case refLower:
			content[w.sentence]++
		}
	}

	prose := func(s, n int) bool { return 4*(capitals[s]-n) < content[s]-n }
	lowerWord := func(k int) string {
		if k < 0 || k >= len(words) {
			return ""
		}
		return strings.ToLower(words[k].w)
	}

	introduced := func(from, to int) bool {
		rest := strings.TrimLeft(string(t.runes[words[to-1].end:]), " ")
		if strings.HasPrefix(rest, "(") {
			if k := strings.IndexByte(rest, ')'); k > 0 {
				rest = strings.TrimLeft(rest[k+1:], " ")
			}
		}
		defined := false
		for _, def := range definitions {
			if strings.HasPrefix(strings.ToLower(rest), def) {
				defined = true
			}
		}
		if f := strings.Fields(rest); !defined && len(f) > 0 && refShapeOf(f[0]) == refLower && !isStopWord(f[0]) && refIsWordRune([]rune(f[0])[0]) {

			return false
		}
		prev := lowerWord(from - 1)
		if determiners[prev] {
			prev = lowerWord(from - 2)
		}
		if introducers[prev] {
			return true
		}
		if before := lowerWord(from - 1); from > 0 && !words[from].first && (refShapeOf(before) == refLower && !isStopWord(before) || before == "or") {

			return false
		}
		return defined
	}
	var names [][]string
	seen := map[string]bool{}
	for i := 0; i < len(words); {
		if !refNameWord(words[i].w) {
			i++
			continue
		}
		j := i + 1
		for j < len(words) && words[j].join && !words[j].first {
			if refNameWord(words[j].w) {
				j++
				continue
			}

			k := j
			for k < len(words) && words[k].join && isStopWord(words[k].w) && words[k].start > 0 && t.runes[words[k].start-1] == '-' {
				k++
			}
			if k == j || k >= len(words) || !words[k].join || t.runes[words[k].start-1] != '-' || !refNameWord(words[k].w) {
				break
			}
			j = k + 1
		}
		from := i
		if words[i].first {

			if !determiners[strings.ToLower(words[i].w)] {
				i = j
				continue
			}
			from = i + 1
		}
		for from < j && isStopWord(words[from].w) {
			from++
		}
		if from < j && prose(words[from].sentence, j-from) && introduced(from, j) {
			var run []string
			for _, w := range words[from:j] {
				run = append(run, w.w)
			}
			key := strings.Join(run, " ")
			if !seen[key] && !inLower[strings.ToLower(key)] && !(len(run) == 1 && (run[0] == "I" || len([]rune(run[0])) < 2 || lowerNouns[strings.ToLower(run[0])])) {
				seen[key] = true
				names = append(names, run)
			}
		}
		i = j
	}
	return names
}

func refNameWord(w string) bool {
	sh := refShapeOf(w)
	return sh == refCapital || sh == refInnerCaps
}

func (t *refText) protectNames(toks []refToken, names [][]string, keep []bool) {
	if len(names) == 0 {
		return
	}
	n := 0
	for _, tok := range toks {
		n += len(tok.parts)
	}
	parts := make([]refPart, 0, n)
	joined := make([]bool, 0, n)
	for i, tok := range toks {
		for j, p := range tok.parts {
			parts = append(parts, p)
			switch {
			case j > 0:
				joined = append(joined, refRunesEq(t.runes[tok.parts[j-1].end:p.start], "-"))
			case i > 0 && len(toks[i-1].parts) > 0:
				prev := toks[i-1].parts[len(toks[i-1].parts)-1]
				joined = append(joined, prev.end == toks[i-1].end && p.start == tok.start)
			default:
				joined = append(joined, false)
			}
		}
	}
	for _, name := range names {
		for i := 0; i+len(name) <= len(parts); i++ {
			ok := true
			for k, w := range name {
				if !refRunesEq(t.runes[parts[i+k].start:parts[i+k].end], w) || k > 0 && !joined[i+k] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			for k := parts[i].start; k < parts[i+len(name)-1].end; k++ {
				keep[k] = true
			}
		}
	}
}

func refIsHonorific(w string) bool { return honorifics[w] }

func refIsProperNoun(w string) bool {
	if properNouns[w] {
		return true
	}
	for _, s := range []string{"'s", "’s", "'", "’"} {
		if b, ok := strings.CutSuffix(w, s); ok && properNouns[b] {
			return true
		}
	}
	return false
}

func refIsPhrase(a, b string) bool { return phrases[a+"+"+b] }
