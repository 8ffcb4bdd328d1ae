package sentencecase

import "strings"

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
		w          string
		start, end int  // runes[start:end]
		first      bool // starts a sentence or follows an opening bracket or quote
		join       bool // joined to the word before by a space or a hyphen only
		sentence   int  // the sentence it is in
	}
	var words []word
	sentence := 0
	for i, tok := range toks {
		for j, p := range tok.parts {
			// In prose a period ends a sentence too (tokens marks the word
			// after one soft, since in a title it may end an abbreviation).
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
				w.join = runesEq(t.runes[tok.parts[j-1].end:p.start], "-")
			}
			words = append(words, w)
		}
	}
	inLower := map[string]bool{} // runs of words the text writes in lower case, joined by spaces
	for i := range words {
		var run []string
		for k := i; k < len(words) && k < i+4; k++ {
			if k > i && !words[k].join || shapeOf(words[k].w) != lower {
				break
			}
			run = append(run, words[k].w)
			inLower[strings.Join(run, " ")] = true
		}
	}
	// A sentence in which a quarter or more of the other words are
	// capitalised is a title or a heading quoted in title case (abstracts copied from
	// a database often begin with the title), whose capitals say nothing.
	capitals, content := map[int]int{}, map[int]int{}
	for _, w := range words {
		if w.first || isStopWord(w.w) || len([]rune(w.w)) < 2 {
			continue
		}
		switch shapeOf(w.w) {
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
		return strings.ToLower(words[k].w)
	}
	// introduced reports whether the text presents words[from:to] as a
	// name.
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
		if f := strings.Fields(rest); !defined && len(f) > 0 && shapeOf(f[0]) == lower && !isStopWord(f[0]) && isWordRune([]rune(f[0])[0]) {
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
	var names [][]string
	seen := map[string]bool{}
	for i := 0; i < len(words); {
		if !nameWord(words[i].w) {
			i++
			continue
		}
		j := i + 1
		for j < len(words) && words[j].join && !words[j].first {
			if nameWord(words[j].w) {
				j++
				continue
			}
			// small words hyphenated inside a name: Prediction-by-Partial-Match
			k := j
			for k < len(words) && words[k].join && isStopWord(words[k].w) && words[k].start > 0 && t.runes[words[k].start-1] == '-' {
				k++
			}
			if k == j || k >= len(words) || !words[k].join || t.runes[words[k].start-1] != '-' || !nameWord(words[k].w) {
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

// nameWord reports whether w may be a word of a name: capitalised
// ("Tiramisu") or with capitals inside ("OrthoZoom").
func nameWord(w string) bool {
	sh := shapeOf(w)
	return sh == capital || sh == innerCaps
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
