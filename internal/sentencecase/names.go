package sentencecase

import (
	"strings"

	"github.com/cite-project/cite/internal/runes"
)

// Names returns the names a text about the work (its abstract, say)
// introduces: runs of capitalised words in mid-sentence that the text
// presents as the name of something, after a verb that introduces one
// ("we developed Tiramisu", "we present Gesture Avatar", "what we call
// Tangible Bots") or before an apposition or a definition ("Tiramisu, a
// transit information system", "The Cat Cat Revolution (CCR) is a
// digital game"). A run the text also writes in lower case is left out,
// and so is the first word of a sentence, and a sentence written in title
// case. A title converted with these
// names keeps them (see Hints): the name of a system, a game or a site
// is a proper noun (APA 7, 6.14), and its capitals cannot be told from
// title case in the title alone. Capitals in other places say too
// little: authors capitalise terms ("using Dynamic Time Warping (DTW)")
// as often as names. Acronyms and words with inner capitals are not
// needed here: Convert keeps them anyway.
func Names(text string) [][]string {
	if text == "" {
		return nil
	}
	t := parse(text)
	defer t.release()
	toks := t.tokens()
	type word struct {
		start, end int  // runes[start:end]
		first      bool // starts a sentence or follows an opening bracket or quote
		join       bool // joined to the word before by a space or a hyphen only
		sentence   int  // the sentence it is in
		shape      shape
	}
	words := make([]word, 0, len(t.parts)) // tokens left every part in t.parts
	sentence := 0
	for i, tok := range toks {
		for j, p := range tok.parts {
			// In prose a period ends a sentence too (tokens marks the word
			// after one soft, since in a title it may end an abbreviation).
			starts := j == 0 && (tok.sentence || tok.soft) || p.sentence
			if starts {
				sentence++
			}
			w := word{start: p.start, end: p.end, first: starts, sentence: sentence, shape: t.shape(p)}
			if j == 0 {
				w.first = w.first || runesContainAny(t.runes[tok.start:p.start], "([\"“‘'«")
				w.join = i > 0 && tok.start == p.start && len(toks[i-1].parts) > 0 && toks[i-1].parts[len(toks[i-1].parts)-1].end == toks[i-1].end
			} else {
				w.join = runesEq(t.runes[tok.parts[j-1].end:p.start], "-")
			}
			words = append(words, w)
		}
	}
	of := func(w word) []rune { return t.runes[w.start:w.end] }
	// inLower reports whether the text also writes words[from:to], of
	// at most four words, in lower case: as words in lower case joined
	// by spaces or hyphens only.
	inLower := func(from, to int) bool {
		n := to - from
		if n > 4 {
			return false
		}
	next:
		for i := 0; i+n <= len(words); i++ {
			for k := 0; k < n; k++ {
				w := words[i+k]
				if k > 0 && !w.join || w.shape != lower || !isLowerOf(of(w), of(words[from+k])) {
					continue next
				}
			}
			return true
		}
		return false
	}
	// A sentence in which a quarter or more of the other words are
	// capitalised is a title or a heading quoted in title case (abstracts copied from
	// a database often begin with the title), whose capitals say nothing.
	capitals, content := make([]int, sentence+1), make([]int, sentence+1)
	for _, w := range words {
		if w.first || w.end-w.start < 2 || isStopWordRunes(of(w)) {
			continue
		}
		switch w.shape {
		case capital:
			capitals[w.sentence]++
			content[w.sentence]++
		case lower:
			content[w.sentence]++
		}
	}
	// prose reports whether sentence s, leaving out the n words of the
	// name in question, is prose.
	prose := func(s, n int) bool { return 4*(capitals[s]-n) < content[s]-n }
	lowerWord := func(k int) string {
		if k < 0 || k >= len(words) {
			return ""
		}
		return strings.ToLower(string(of(words[k])))
	}
	// introduced reports whether the text presents words[from:to] as a
	// name.
	introduced := func(from, to int) bool {
		rest := t.runes[words[to-1].end:]
		rest = trimLeftSpaces(rest)
		if len(rest) > 0 && rest[0] == '(' {
			for k, r := range rest {
				if r == ')' {
					rest = trimLeftSpaces(rest[k+1:])
					break
				}
			}
		}
		defined := false
		for _, def := range definitions {
			if lowerHasPrefix(rest, def) {
				defined = true
			}
		}
		if f := firstField(rest); !defined && len(f) > 0 && shapeOfRunes(f) == lower && !isStopWordRunes(f) && isWordRune(f[0]) {
			// the run qualifies a noun after it ("a User Interface (UI)
			// framework"): a term, not a name
			return false
		}
		prev := lowerWord(from - 1)
		if determiners[prev] {
			prev = lowerWord(from - 2)
		}
		if introducers[prev] {
			return true
		}
		if before := lowerWord(from - 1); from > 0 && !words[from].first && (shapeOf(before) == lower && !isStopWord(before) || before == "or") {
			// a word of the phrase before it ("dynamic Time Warping, a
			// technique"), or a term restated ("…, or Pervasive
			// Collaboration, a design space"): not a name being defined
			return false
		}
		return defined
	}
	nameWord := func(w word) bool { return w.shape == capital || w.shape == innerCaps }
	var names [][]string
	seen := map[string]bool{}
	for i := 0; i < len(words); {
		if !nameWord(words[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(words) && words[j].join && !words[j].first {
			if nameWord(words[j]) {
				j++
				continue
			}
			// small words hyphenated inside a name: Prediction-by-Partial-Match
			k := j
			for k < len(words) && words[k].join && isStopWordRunes(of(words[k])) && words[k].start > 0 && t.runes[words[k].start-1] == '-' {
				k++
			}
			if k == j || k >= len(words) || !words[k].join || t.runes[words[k].start-1] != '-' || !nameWord(words[k]) {
				break
			}
			j = k + 1
		}
		from := i
		if words[i].first {
			// At the start of a sentence only an article tells where a
			// name begins ("The Cat Cat Revolution (CCR) is a digital
			// game"); "Dynamic Time Warping (DTW) is a distance measure"
			// may be a term.
			if !isDeterminer(of(words[i])) {
				i = j
				continue
			}
			from = i + 1
		}
		for from < j && isStopWordRunes(of(words[from])) {
			from++
		}
		if from < j && prose(words[from].sentence, j-from) && introduced(from, j) {
			var run []string
			for _, w := range words[from:j] {
				run = append(run, string(of(w)))
			}
			key := strings.Join(run, " ")
			if !seen[key] && !inLower(from, j) && !(len(run) == 1 && (run[0] == "I" || len([]rune(run[0])) < 2 || lowerNouns[strings.ToLower(run[0])])) {
				seen[key] = true
				names = append(names, run)
			}
		}
		i = j
	}
	return names
}

// isLowerOf reports whether w spells v in lower case, as
// strings.ToLower(string(v)) == string(w).
func isLowerOf(w, v []rune) bool {
	if len(w) != len(v) {
		return false
	}
	for k, r := range v {
		if runes.ToLower(r) != w[k] {
			return false
		}
	}
	return true
}

// lowerHasPrefix reports whether rs in lower case starts with prefix, an
// ASCII string, as strings.HasPrefix(strings.ToLower(string(rs)), prefix).
func lowerHasPrefix(rs []rune, prefix string) bool {
	if len(rs) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		if runes.ToLower(rs[k]) != rune(prefix[k]) {
			return false
		}
	}
	return true
}

// trimLeftSpaces is rs without its leading U+0020 spaces.
func trimLeftSpaces(rs []rune) []rune {
	for len(rs) > 0 && rs[0] == ' ' {
		rs = rs[1:]
	}
	return rs
}

// firstField is the first run of characters other than spaces in rs, as
// strings.Fields(string(rs))[0], or nil.
func firstField(rs []rune) []rune {
	for len(rs) > 0 && isSpace(rs[0]) {
		rs = rs[1:]
	}
	for k, r := range rs {
		if isSpace(r) {
			return rs[:k]
		}
	}
	return rs
}

// isDeterminer is determiners[strings.ToLower(string(w))].
func isDeterminer(w []rune) bool {
	var buf [keyBuf]byte
	return determiners[string(appendLower(buf[:0], w))]
}

// introducers are the words after which prose names what it presents:
// "we developed Tiramisu", "what we call Tangible Bots".
var introducers = set(`present presents presented presenting introduce introduces introduced introducing
	develop develops developed developing propose proposes proposed proposing demonstrate demonstrates
	demonstrated describe describes described design designs designed build builds built create creates
	created implement implements implemented call calls called name names named dub dubs dubbed term terms
	termed`)

// lowerNouns are written in lower case by APA 7 though prose often
// capitalises them (6.16: "internet", "web").
var lowerNouns = set(`internet web website`)

// determiners may stand between an introducer and the name: "introduces
// the OrthoZoom Scroller". An indefinite article introduces a common
// noun ("presents a User Interface (UI) framework").
var determiners = set(`the our their its this`)

// definitions follow a name that prose defines: "Tiramisu, a transit
// information system", "The Cat Cat Revolution (CCR) is a digital
// game".
var definitions = []string{", a ", ", an ", ", the ", "is a ", "is an ", "is the ", "are a ", "are an ", "are the "}

// protectNames keeps each occurrence in the title of a name: the
// same words in the same case, joined by spaces or hyphens.
func (t *text) protectNames(toks []token, names [][]string) {
	if len(names) == 0 {
		return
	}
	n := 0
	for _, tok := range toks {
		n += len(tok.parts)
	}
	parts := make([]part, 0, n)
	joined := make([]bool, 0, n) // parts[i] is joined to parts[i-1] by a space or hyphen only
	for i, tok := range toks {
		for j, p := range tok.parts {
			parts = append(parts, p)
			switch {
			case j > 0:
				joined = append(joined, runesEq(t.runes[tok.parts[j-1].end:p.start], "-"))
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
				if !runesEq(t.runes[parts[i+k].start:parts[i+k].end], w) || k > 0 && !joined[i+k] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			t.keep(parts[i].start, parts[i+len(name)-1].end)
		}
	}
}
