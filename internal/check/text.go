package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/runes"
)

// noTextChecks reports the fields the hygiene rules skip: identifiers
// have their own form rules, and notes are free prose that may quote the
// source. (A switch: it is asked of every field of every entry.)
func noTextChecks(base string) bool {
	switch base {
	case "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "note", "abstract", "annote", "language":
		return true
	}
	return false
}

// titleFields reports the fields checked for all capitals.
func titleFields(base string) bool {
	switch base {
	case "title", "title-short", "container-title", "container-title-short", "collection-title",
		"original-title", "part-title", "volume-title", "reviewed-title", "event-title":
		return true
	}
	return false
}

// text checks the standard fields of e for stray spaces, a space before a
// comma, words that mix scripts, run-together year ranges and titles in
// all capitals.
func (c *checker) text(e *bib.Entry) {
	for f, v := range e.Fields() {
		base, _ := bib.SplitForm(f)
		if v == "" || noTextChecks(base) {
			continue
		}
		sc := scanText(v)
		if sc.spaces {
			if probs := spaceProblems(v); probs != "" {
				c.report(e, f, CodeWhitespace, fmt.Sprintf("%s has %s: write %s = %q", f, probs, f, collapseSpaces(v)))
			}
		}
		if sc.spacePunct {
			if ctx := spaceBeforePunct(v); ctx != "" {
				c.report(e, f, CodeSpaceBeforePunct, fmt.Sprintf("%s has a space before punctuation in %q: remove the space", f, ctx))
			}
		}
		if sc.mixed {
			if msg := mixedScript(v); msg != "" {
				c.report(e, f, CodeMixedScript, f+" "+msg)
			}
		}
		if sc.eightDigits {
			found, fixed := runTogetherYears(v, c.today.Year)
			for i := range found {
				c.report(e, f, CodeRunTogetherYears, fmt.Sprintf("%s has %q, which looks like the years %s run together: write %q", f, found[i], fixed[i], fixed[i]))
			}
		}
		if f == "title" || f == "container-title" && periodicals[e.Type] {
			c.scriptMismatch(e, f, v)
		}
		if titleFields(base) && isAllCaps(v) {
			c.report(e, f, CodeAllCaps, fmt.Sprintf("%s %q is in all capitals: write it in sentence case as the work prints it, keeping acronyms in capitals (styles change case but cannot restore it)", f, v))
		}
	}
}

// textScan is what one pass over a field's bytes tells the checks of
// text, so that each runs only where it may find something.
type textScan struct {
	spaces      bool // suspectSpaces: a stray space is possible
	spacePunct  bool // a space before a comma or a semicolon
	mixed       bool // a byte beyond ASCII and a Latin letter: scripts may mix
	eightDigits bool // a run of exactly eight digits
}

// The classes of bytes that scanText tells apart.
const (
	byteDigit     = 1 << iota // 0–9
	byteLatin                 // an ASCII letter, or the lead byte of U+00C0–U+024F
	byteHigh                  // beyond ASCII
	byteSpaceLead             // the lead byte of a Unicode space (see unicodeSpaceAt)
	byteSpace                 // ' '
	bytePunct                 // ',' or ';'
	byteControl               // an ASCII control space: tab, line break, …
)

// byteClass holds the class of every byte, for scanText.
var byteClass = func() (t [256]uint8) {
	for b := 0; b < 256; b++ {
		switch {
		case b >= '0' && b <= '9':
			t[b] = byteDigit
		case b < 0x80 && b|0x20 >= 'a' && b|0x20 <= 'z':
			t[b] = byteLatin
		case b >= 0xC3 && b <= 0xC9:
			t[b] = byteHigh | byteLatin
		case mayStartSpace(byte(b)):
			t[b] = byteHigh | byteSpaceLead
		case b >= 0x80:
			t[b] = byteHigh
		case b == ' ':
			t[b] = byteSpace
		case b == ',' || b == ';':
			t[b] = bytePunct
		case b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f':
			t[b] = byteControl
		}
	}
	return t
}()

// scanText looks at s once for what the checks of text need: the flags
// are set wherever the check may find something (spaces as suspectSpaces
// says, mixed as mixedScript's own fast path does). It reads a class per
// byte from byteClass, so that the letters that make up most of a text
// cost one test each.
func scanText(s string) textScan {
	var sc textScan
	if s == "" {
		return sc
	}
	sc.spaces = s[0] == ' ' || s[len(s)-1] == ' '
	var seen uint8
	run := 0
	for i := 0; i < len(s); i++ {
		class := byteClass[s[i]]
		if class == byteDigit {
			run++
			continue
		}
		if run == 8 {
			sc.eightDigits = true
		}
		run = 0
		seen |= class
		if class&(byteSpaceLead|byteSpace|bytePunct|byteControl) == 0 {
			continue
		}
		switch {
		case class&byteSpaceLead != 0:
			if !sc.spaces && unicodeSpaceAt(s, i) {
				sc.spaces = true
			}
		case class == byteSpace:
			if i > 0 && s[i-1] == ' ' {
				sc.spaces = true
			}
		case class == bytePunct:
			if i > 0 && s[i-1] == ' ' {
				sc.spacePunct = true
			}
		default: // byteControl
			sc.spaces = true
		}
	}
	if run == 8 {
		sc.eightDigits = true
	}
	sc.mixed = seen&byteHigh != 0 && seen&byteLatin != 0
	return sc
}

// spaceProblems describes leading, trailing and doubled spaces, tabs and
// line breaks in s, or returns "".
func spaceProblems(s string) string {
	if !suspectSpaces(s) {
		return ""
	}
	var probs []string
	if s != strings.TrimLeftFunc(s, unicode.IsSpace) {
		probs = append(probs, "a leading space")
	}
	if s != strings.TrimRightFunc(s, unicode.IsSpace) {
		probs = append(probs, "a trailing space")
	}
	inner := strings.TrimSpace(s)
	doubled, control := false, false
	prevSpace := false
	for _, r := range inner {
		sp := unicode.IsSpace(r)
		if sp && r != ' ' && r != '\u00a0' && r != '\u202f' {
			control = true
		}
		if sp && prevSpace {
			doubled = true
		}
		prevSpace = sp
	}
	if doubled {
		probs = append(probs, "doubled spaces")
	}
	if control {
		probs = append(probs, "a tab or line break")
	}
	return strings.Join(probs, " and ")
}

// suspectSpaces is the fast path of spaceProblems: it reports whether s
// may have a stray space (a space at either end, two in a row, an ASCII
// control space, or a non-ASCII byte that may start a Unicode space).
func suspectSpaces(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == ' ' && i > 0 && s[i-1] == ' ', b == '\t', b == '\n', b == '\r', b == '\v', b == '\f':
			return true
		case b >= 0xC2 && b <= 0xE3 && unicodeSpaceAt(s, i):
			// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
			// U+202F, U+205F, U+3000
			return true
		}
	}
	return false
}

// collapseSpaces trims s and joins its words with single spaces. It
// returns s itself, without allocating, when s is already so.
func collapseSpaces(s string) string {
	clean := true
	prev := byte(' ')
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x80 || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f' || b == ' ' && prev == ' ' {
			if b >= 0x80 && !unicodeSpaceAt(s, i) {
				prev = b
				continue
			}
			clean = false
			break
		}
		prev = b
	}
	if clean && prev != ' ' {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isBlank reports whether s is empty or only white space: whether
// strings.TrimSpace(s) is "", without trimming.
func isBlank(s string) bool {
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b != ' ' && (b < '\t' || b > '\r') {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// unicodeSpaceAt reports whether a non-ASCII space starts at s[i].
func unicodeSpaceAt(s string, i int) bool {
	if b := s[i]; b != 0xC2 && b != 0xE1 && b != 0xE2 && b != 0xE3 {
		return false // no Unicode space starts with another byte
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// spaceBeforePunct returns the text around the first space before a comma
// or semicolon in s ("Konyrova ,"), or "".
func spaceBeforePunct(s string) string {
	for i := 1; i < len(s); i++ {
		if (s[i] == ',' || s[i] == ';') && s[i-1] == ' ' {
			start := strings.LastIndexByte(strings.TrimRight(s[:i], " "), ' ') + 1
			return s[start : i+1]
		}
	}
	return ""
}

// mixedScript returns a message about the first word of s that mixes
// Latin and Cyrillic letters, or "".
func mixedScript(s string) string {
	// Fast path: a word can only mix scripts when s has both an ASCII
	// letter (or a Latin letter beyond ASCII) and a non-ASCII byte.
	ascii, high := false, false
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x80 {
			high = true
		} else if b|0x20 >= 'a' && b|0x20 <= 'z' {
			ascii = true
		}
	}
	if !high {
		return ""
	}
	if !ascii && !hasLatinBeyondASCII(s) {
		return ""
	}
	start := -1
	for i, r := range s {
		if isLetter(r) || r >= 0x300 && unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if msg := mixedWord(s[start:i]); msg != "" {
				return msg
			}
			start = -1
		}
	}
	if start >= 0 {
		return mixedWord(s[start:])
	}
	return ""
}

func hasLatinBeyondASCII(s string) bool {
	for _, r := range s {
		if r >= 0xC0 && r <= 0x24F {
			return true
		}
	}
	return false
}

// mixedWord describes word if it mixes Latin and Cyrillic letters.
func mixedWord(word string) string {
	nLatin, nCyr := 0, 0
	for _, r := range word {
		switch {
		case isCyrillic(r):
			nCyr++
		case r < 0x80 || unicode.Is(unicode.Latin, r):
			nLatin++
		}
	}
	if nLatin == 0 || nCyr == 0 {
		return ""
	}
	var latin, cyr []rune
	for _, r := range word {
		switch {
		case isCyrillic(r):
			cyr = append(cyr, r)
		case r < 0x80 || unicode.Is(unicode.Latin, r):
			latin = append(latin, r)
		}
	}
	if len(latin) == 0 || len(cyr) == 0 {
		return ""
	}
	odd, oddName, main := latin, "Latin", "Cyrillic"
	if len(cyr) < len(latin) {
		odd, oddName, main = cyr, "Cyrillic", "Latin"
	}
	return fmt.Sprintf("has the word %q, which mixes %s and %s letters (%s %q): retype them in %s", word, main, oddName, oddName, string(odd), main)
}

// isCyrillic reports whether r is a Cyrillic letter.
func isCyrillic(r rune) bool {
	if r >= 0x400 && r <= 0x52F {
		return r < 0x482 || r > 0x489
	}
	return r >= 0x80 && unicode.Is(unicode.Cyrillic, r)
}

// isLetter is unicode.IsLetter with fast paths for ASCII and Cyrillic.
func isLetter(r rune) bool {
	switch {
	case r < 0x80:
		return r|0x20 >= 'a' && r|0x20 <= 'z'
	case r >= 0x400 && r <= 0x52F:
		return r < 0x482 || r > 0x489
	}
	return unicode.IsLetter(r)
}

// isAllCaps reports whether s is a title written in capitals: no lower-case
// letter, at least 8 capitals, and two words of two letters or more (or one
// long word), so that acronyms such as "NATO" or "ОБСЕ" pass.
func isAllCaps(s string) bool {
	upper, words, longest, run := 0, 0, 0, 0
	end := func() {
		if run >= 2 {
			words++
		}
		longest = max(longest, run)
		run = 0
	}
	for _, r := range s {
		switch {
		case runes.IsLower(r):
			return false
		case runes.IsUpper(r):
			upper++
			run++
		case runes.IsLetter(r):
			run++
		default:
			end()
		}
	}
	end()
	return upper >= 8 && (words >= 2 || longest >= 8)
}

// periodicals are the types whose container is a newspaper, magazine or
// journal: one that publishes in one language, so that a romanised name
// for a Russian-language article is a transcription, not the outlet's own
// name (as "Kazinform" is for a news site).
var periodicals = map[string]bool{"article-newspaper": true, "article-magazine": true, "article-journal": true}

// scriptMismatch reports a title written in another script than the one
// its language is written in: a Russian or Kazakh title given romanised,
// which GOST R 7.0.100-2018 (descriptions in the language of the work) wants
// in Cyrillic, or a tag that does not match the text.
func (c *checker) scriptMismatch(e *bib.Entry, f, v string) {
	lang := strings.TrimSpace(e.Get("language"))
	if lang == "" {
		return
	}
	want, ok := c.langScripts[lang]
	if !ok {
		if tag, err := language.Parse(lang); err == nil {
			if s, conf := tag.Script(); conf >= language.High {
				want = s.String()
			}
		}
		if c.langScripts == nil {
			c.langScripts = map[string]string{}
		}
		c.langScripts[lang] = want
	}
	got := soleScript(v)
	if want == "" || got == "" || got == want {
		return
	}
	switch {
	case got == "Latn" && want == "Cyrl":
		if c.gost {
			c.report(e, f, CodeScriptMismatch, fmt.Sprintf("%s %q is romanised, but language %q is written in Cyrillic; %s gives titles in the script of the work: write %s in Cyrillic and keep this form as %s-translit", f, v, lang, gostName, f, f))
		}
	case f == "title":
		c.report(e, f, CodeScriptMismatch, fmt.Sprintf("%s %q is written in %s script, but language %q is written in %s: check language", f, v, scriptName(got), lang, scriptName(want)))
	}
}

// soleScript returns "Latn" or "Cyrl" when every letter of s (three or
// more) is in that script, or "".
func soleScript(s string) string {
	latin, cyr, other := 0, 0, 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b|0x20 >= 'a' && b|0x20 <= 'z' {
				latin++
			}
			i++
			continue
		}
		if (b == 0xD0 || b == 0xD1) && i+1 < len(s) && continuation(s[i+1]) {
			cyr++ // U+0400–U+047F, Cyrillic letters all
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
		case isCyrillic(r):
			cyr++
		case !unicode.IsLetter(r):
		case unicode.Is(unicode.Latin, r):
			latin++
		default:
			other++
		}
	}
	switch {
	case latin >= 3 && cyr == 0 && other == 0:
		return "Latn"
	case cyr >= 3 && latin == 0 && other == 0:
		return "Cyrl"
	}
	return ""
}

func scriptName(code string) string {
	switch code {
	case "Latn":
		return "Latin"
	case "Cyrl":
		return "Cyrillic"
	}
	return code
}
