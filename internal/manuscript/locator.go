package manuscript

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// locator is a parsed pinpoint: label and value, with the volume of a
// volume-and-page locator, and the text as written.
type locator struct {
	label, value, volume, text string
}

func (l locator) apply(c *Cite) {
	c.Label, c.Locator, c.Volume, c.LocatorText = l.label, l.value, l.volume, l.text
}

// locatorTerms maps the abbreviations that introduce a locator, in English,
// Russian, Kazakh and German usage, to CSL 1.0.2 locator terms (Appendix II).
var locatorTerms = map[string]string{
	"p": "page", "pp": "page", "pg": "page", "page": "page", "pages": "page",
	"с": "page", "c": "page", "стр": "page", "s": "page", "б": "page", "бет": "page", "сс": "page",
	"para": "paragraph", "paras": "paragraph", "par": "paragraph", "¶": "paragraph", "¶¶": "paragraph", "абз": "paragraph",
	"§": "section", "§§": "section", "sec": "section", "sect": "section", "section": "section", "разд": "section", "п": "section",
	"ch": "chapter", "chap": "chapter", "chapter": "chapter", "гл": "chapter",
	"vol": "volume", "vols": "volume", "volume": "volume", "т": "volume", "bd": "volume",
	"book": "book", "bk": "book", "кн": "book",
	"fig": "figure", "рис": "figure",
	"n": "note", "nn": "note", "note": "note", "прим": "note",
	"l": "line", "ll": "line", "line": "line",
	"col": "column", "fol": "folio", "v": "verse", "vv": "verse",
	"tab": "table", "table": "table", "табл": "table",
	"no": "issue", "вып": "issue", "part": "part", "pt": "part", "ч": "part",
}

// cleanLocator turns LaTeX spacing and dashes in a locator into text:
// "p.~9" is "p. 9", "vii--x" is "vii–x".
var cleanLocator = strings.NewReplacer("~", " ", `\,`, " ", `\ `, " ", `"--~`, "–", `"---`, "—", `"--`, "–", "---", "—", "--", "–", "\n", " ", "\t", " ")

// parseLocator reads a whole locator such as "p. 9", "с. 9", "pp. 33–35",
// "para. 4", "§ 2", "т. 2, с. 15", "vii–x, 5" or a bare "9" (a page).
func parseLocator(s string) (locator, bool) {
	l, n := locatorPrefix(s)
	if n == 0 || strings.TrimSpace(s[n:]) != "" {
		return locator{}, false
	}
	return l, true
}

// locatorPrefix reads the longest locator at the start of s and returns
// it with the number of bytes of s it took (0 when s opens with none).
func locatorPrefix(s string) (locator, int) {
	lead := len(s) - len(strings.TrimLeft(s, " \t\n"))
	first, n := locatorItem(s, lead)
	if n == 0 {
		return locator{}, 0
	}
	end := n
	// "т. 2, с. 15", "vol. 2, p. 15": a volume, then a finer locator.
	if first.label == "volume" || first.label == "book" || first.label == "part" || first.label == "chapter" {
		k := end
		for k < len(s) && s[k] == ' ' {
			k++
		}
		if k < len(s) && s[k] == ',' {
			if second, m := locatorItem(s, k+1); m > 0 && second.label != "" && second.label != first.label {
				second.volume = first.value
				if first.label != "volume" {
					second.volume = ""
				}
				end = m
				first = second
			}
		}
	}
	first.text = strings.TrimSpace(s[lead:end])
	return first, end
}

// locatorItem reads one "term value" or bare value at s[p:] and returns
// the locator and the offset after it (0 when none).
func locatorItem(s string, p int) (locator, int) {
	for p < len(s) && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n') {
		p++
	}
	if p >= len(s) {
		return locator{}, 0
	}
	label := "page"
	q := p
	if !startsValue(s[p:]) {
		for q < len(s) {
			r, size := utf8.DecodeRuneInString(s[q:])
			if !unicode.IsLetter(r) && r != '¶' && r != '§' {
				break
			}
			q += size
		}
		term, ok := locatorTerms[strings.ToLower(s[p:q])]
		if !ok {
			return locator{}, 0
		}
		label = term
		if q < len(s) && s[q] == '.' {
			q++
		}
		for q < len(s) && (s[q] == ' ' || s[q] == '~' || s[q] == '\t') {
			q++
		}
		if strings.HasPrefix(s[q:], "\u00a0") {
			q += len("\u00a0")
		}
		if q >= len(s) || !startsValue(s[q:]) {
			return locator{}, 0
		}
	}
	end := valueEnd(s, q)
	if end == q {
		return locator{}, 0
	}
	return locator{label: label, value: strings.TrimSpace(s[q:end])}, end
}

// valueEnd returns where the locator value at s[q:] ends: numbers (with a
// letter or two glued on: "12a", "5ff"), roman numerals, ranges ("33–35",
// "vii–x") and lists ("5, 7"), at most about 40 bytes.
func valueEnd(s string, q int) int {
	end := q
	for v := q; v < len(s) && v-q <= 40; {
		t := tokenEnd(s, v)
		if t == v {
			break
		}
		end = t
		w := t
		for w < len(s) && s[w] == ' ' {
			w++
		}
		if d := dashLen(s, w, len(s)); d > 0 {
			w += d
			for w < len(s) && s[w] == ' ' {
				w++
			}
			if tokenEnd(s, w) > w {
				v = w
				continue
			}
			break
		}
		if w < len(s) && s[w] == ',' {
			w++
			for w < len(s) && s[w] == ' ' {
				w++
			}
			if w < len(s) && startsValue(s[w:]) && !startsTerm(s[w:]) {
				v = w
				continue
			}
		}
		break
	}
	return end
}

// tokenEnd returns the end of one number or roman numeral at s[v:], or v.
func tokenEnd(s string, v int) int {
	if v >= len(s) {
		return v
	}
	t := v
	if s[t] >= '0' && s[t] <= '9' {
		for t < len(s) && (s[t] >= '0' && s[t] <= '9' || s[t] == '.' && t+1 < len(s) && s[t+1] >= '0' && s[t+1] <= '9') {
			t++
		}
		k := t
		for k < len(s) && k-t < 2 && s[k] >= 'a' && s[k] <= 'z' {
			k++
		}
		if k > t && (k >= len(s) || !isLetterAt(s, k)) {
			t = k
		}
		if t < len(s) && isLetterAt(s, t) {
			return v
		}
		return t
	}
	for t < len(s) && isRomanRune(rune(s[t])) {
		t++
	}
	if t < len(s) && (isLetterAt(s, t) || s[t] == '.') {
		return v
	}
	return t
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func isDashStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return IsDash(r)
}

// startsValue reports whether s opens with a locator value: a digit or a
// lower-case roman numeral followed by no other letter.
func startsValue(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsDigit(r) {
		return true
	}
	if !isRomanRune(r) {
		return false
	}
	for _, r := range s {
		if isRomanRune(r) {
			continue
		}
		return !unicode.IsLetter(r) && r != '.'
	}
	return true
}

// startsTerm reports whether s opens with a locator term ("p. 5").
func startsTerm(s string) bool {
	q := 0
	for q < len(s) {
		r, size := utf8.DecodeRuneInString(s[q:])
		if !unicode.IsLetter(r) {
			break
		}
		q += size
	}
	if q == 0 || q >= len(s) || s[q] != '.' && s[q] != ' ' {
		return false
	}
	_, ok := locatorTerms[strings.ToLower(s[:q])]
	return ok
}

func isRomanRune(r rune) bool { return strings.ContainsRune("ivxlcdm", r) }
