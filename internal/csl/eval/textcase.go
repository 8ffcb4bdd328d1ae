package eval

import (
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/csl/output"
)

// stopWords are kept lower case by title case (CSL 1.0.2, "Title case
// conversion"), as in citeproc-js.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about according across afore after against ahead along alongside amid amidst among
	amongst an and anenst apart apropos apud around as aside astride at athwart atop barring before behind below
	beneath beside besides between beyond but by circa despite down due during except for forenenst from given
	in inside into lest like modulo near next nor notwithstanding of off on onto or out over per plus pro qua sans
	since so than the through thru throughout thruout till to toward towards under underneath until unto up
	upon versus via vis-à-vis with within without yet von van de d’ d' vs vs. v v. c ca`) {
		stopWords[w] = true
	}
}

type caseRune struct {
	r    rune
	lock bool
}

// applyTextCase transforms the text of n in place (CSL 1.0.2,
// "Text-case"). Leaves inside nocase spans are left as they are but still
// count as words. Title case applies only to English (lang "" or "en…").
func applyTextCase(n *output.Node, tc, lang string) {
	var cs caser
	cs.apply(n, tc, lang)
}

// caser holds the buffers of text-case transformations, reused from one
// to the next within a run.
type caser struct {
	leaves []*output.Node
	runes  []caseRune
	orig   []caseRune
	bounds []int
}

func (cs *caser) apply(n *output.Node, tc, lang string) {
	if n == nil || tc == "" {
		return
	}
	if tc == "title" && lang != "" && !strings.HasPrefix(strings.ToLower(lang), "en") {
		return
	}
	leaves, runes, bounds := cs.leaves[:0], cs.runes[:0], cs.bounds[:0]
	n.Leaves(func(l *output.Node, nocase bool) {
		leaves = append(leaves, l)
		for _, r := range l.Text {
			runes = append(runes, caseRune{r, nocase})
		}
		bounds = append(bounds, len(runes))
	})
	cs.leaves, cs.runes, cs.bounds = leaves, runes, bounds
	if len(runes) == 0 {
		return
	}
	cs.orig = append(cs.orig[:0], runes...)
	switch tc {
	case "lowercase":
		for i := range runes {
			if !runes[i].lock {
				runes[i].r = unicode.ToLower(runes[i].r)
			}
		}
	case "uppercase":
		turkic := strings.HasPrefix(lang, "tr") || strings.HasPrefix(lang, "az")
		for i := range runes {
			if !runes[i].lock {
				if turkic {
					runes[i].r = unicode.TurkishCase.ToUpper(runes[i].r)
				} else {
					runes[i].r = unicode.ToUpper(runes[i].r)
				}
			}
		}
	case "capitalize-first":
		capFirst(runes)
	case "capitalize-all":
		for _, w := range words(runes) {
			upperAt(runes, w[0])
		}
	case "sentence":
		if allUpper(runes) {
			for i := range runes {
				if !runes[i].lock {
					runes[i].r = unicode.ToLower(runes[i].r)
				}
			}
		} else {
			// Capitalized words other than the first are lowered, as
			// citeproc-js does; acronyms stay.
			for wi, w := range words(runes) {
				if wi == 0 || !isCapitalized(runes[w[0]:w[1]]) {
					continue
				}
				for i := w[0]; i < w[1]; i++ {
					if !runes[i].lock {
						runes[i].r = unicode.ToLower(runes[i].r)
					}
				}
			}
		}
		capFirst(runes)
	case "title":
		titleCase(runes)
	}
	start := 0
	for i, l := range leaves {
		changed := false
		for k := start; k < bounds[i]; k++ {
			if runes[k].r != cs.orig[k].r {
				changed = true
				break
			}
		}
		if changed {
			var b strings.Builder
			b.Grow(len(l.Text))
			for _, cr := range runes[start:bounds[i]] {
				b.WriteRune(cr.r)
			}
			l.Text = b.String()
		}
		start = bounds[i]
	}
	for i := range leaves {
		leaves[i] = nil // no references into the output kept past the call
	}
}

func capFirst(runes []caseRune) {
	for i := range runes {
		if unicode.IsLetter(runes[i].r) {
			if !runes[i].lock {
				runes[i].r = unicode.ToUpper(runes[i].r)
			}
			return
		}
	}
}

func upperAt(runes []caseRune, i int) {
	for ; i < len(runes); i++ {
		if unicode.IsLetter(runes[i].r) {
			if !runes[i].lock {
				runes[i].r = unicode.ToUpper(runes[i].r)
			}
			return
		}
		if unicode.IsSpace(runes[i].r) {
			return
		}
	}
}

func allUpper(runes []caseRune) bool {
	letters := 0
	for _, cr := range runes {
		if cr.lock {
			continue
		}
		if unicode.IsLower(cr.r) {
			return false
		}
		if unicode.IsLetter(cr.r) {
			letters++
		}
	}
	return letters > 1
}

// words returns [start, end) index pairs of words: runs separated by
// spaces, hyphens and slashes.
func words(runes []caseRune) [][2]int {
	return splitWords(runes, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '/' || r == '–' || r == '—'
	})
}

// splitWords returns the [start, end) pairs of the runs of runes between
// separators.
func splitWords(runes []caseRune, isSep func(rune) bool) [][2]int {
	var out [][2]int
	start := -1
	for i, cr := range runes {
		if isSep(cr.r) {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(runes)})
	}
	return out
}

// isCapitalized reports whether a word is an upper-case letter followed
// by lower-case letters only ("Pen", not "UK" or "iPhone").
func isCapitalized(w []caseRune) bool {
	letters := 0
	for i, cr := range w {
		if !unicode.IsLetter(cr.r) {
			continue
		}
		letters++
		if letters == 1 && !unicode.IsUpper(cr.r) {
			return false
		}
		if letters > 1 && unicode.IsUpper(cr.r) {
			return false
		}
		_ = i
	}
	return letters > 1
}

func titleCase(runes []caseRune) {
	ws := spaceWords(runes)
	for wi, w := range ws {
		first := w[0]
		for first < w[1] && !unicode.IsLetter(runes[first].r) && !unicode.IsDigit(runes[first].r) {
			first++
		}
		if first == w[1] || unicode.IsDigit(runes[first].r) {
			continue
		}
		if r := runes[w[0]].r; first == w[0]+1 && (r == '’' || r == '\'') {
			// A word starting with an apostrophe (an elision: ’t, ’s) has
			// no first letter to capitalize (CSL 1.0.2: "the first
			// character of each lowercase word").
			continue
		}
		afterColon := false
		if wi > 0 {
			for k := w[0] - 1; k >= 0; k-- {
				r := runes[k].r
				if unicode.IsSpace(r) {
					continue
				}
				afterColon = r == ':' || r == '?' || r == '!'
				break
			}
		}
		if w[0] > 0 && (runes[w[0]-1].r == '—' || runes[w[0]-1].r == '–') && !stopWords[strings.ToLower(string(runeSlice(runes[w[0]:w[1]])))] {
			afterColon = true
		}
		// Hyphenated compounds: the first part is capitalized like a
		// word; later parts keep stop words lower case.
		partStart := first
		for i := first; i <= w[1]; i++ {
			if i < w[1] && runes[i].r != '-' && runes[i].r != '/' &&
				!(runes[i].r == '.' && i+1 < w[1] && unicode.IsLower(runes[i+1].r)) {
				// A period followed by a lower-case letter also starts a
				// part ("citationstyles.org" → "Citationstyles.Org", as
				// citeproc-js).
				continue
			}
			isFirstPart := partStart == first
			capitalizePart(runes, partStart, i, isFirstPart && (wi == 0 || wi == len(ws)-1 || afterColon), isFirstPart && strings.ContainsRune("-", lastRune(runes, i)))
			partStart = i + 1
		}
	}
}

func runeSlice(rs []caseRune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = r.r
	}
	return out
}

func lastRune(runes []caseRune, end int) rune {
	if end < len(runes) {
		return runes[end].r
	}
	return ' '
}

// capitalizePart title-cases runes[start:end]: a lower-case word that is
// not a stop word (unless forced) gets an upper-case first letter. Words
// with capitals inside, nocase text and non-Latin letters are left alone.
func capitalizePart(runes []caseRune, start, end int, force, beforeHyphen bool) {
	var b strings.Builder
	firstLetter := -1
	for i := start; i < end; i++ {
		cr := runes[i]
		if cr.lock {
			return
		}
		if unicode.IsLetter(cr.r) {
			if firstLetter < 0 {
				firstLetter = i
			} else if unicode.IsUpper(cr.r) {
				return
			}
		}
		b.WriteRune(unicode.ToLower(cr.r))
	}
	if firstLetter < 0 || !unicode.In(runes[firstLetter].r, unicode.Latin, unicode.Cyrillic) {
		return
	}
	word := strings.Trim(b.String(), ".,;:!?()[]“”‘’\"'")
	if stopWords[word] && !force && !beforeHyphen {
		return
	}
	if firstLetter+1 == end && start > 0 && runes[start-1].r == '-' {
		// A single letter after a hyphen ("07-x") stays.
		return
	}
	runes[firstLetter].r = unicode.ToUpper(runes[firstLetter].r)
}

// spaceWords returns [start, end) pairs of space-separated words.
func spaceWords(runes []caseRune) [][2]int {
	return splitWords(runes, func(r rune) bool { return unicode.IsSpace(r) || r == '—' || r == '–' })
}

// stripPeriods removes periods from the leaves of n.
func stripPeriods(n *output.Node) {
	n.Leaves(func(l *output.Node, _ bool) {
		if strings.Contains(l.Text, ".") {
			l.Text = strings.ReplaceAll(l.Text, ".", "")
		}
	})
}
