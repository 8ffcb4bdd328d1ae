package translit

import "unicode"

// scripts are the scripts Script can name, with their ISO 15924 codes. The
// order breaks ties.
var scripts = []struct {
	code  string
	table *unicode.RangeTable
}{
	{"Latn", unicode.Latin},
	{"Cyrl", unicode.Cyrillic},
	{"Grek", unicode.Greek},
	{"Arab", unicode.Arabic},
	{"Hebr", unicode.Hebrew},
	{"Armn", unicode.Armenian},
	{"Geor", unicode.Georgian},
	{"Deva", unicode.Devanagari},
	{"Thai", unicode.Thai},
	{"Hani", unicode.Han},
	{"Hira", unicode.Hiragana},
	{"Kana", unicode.Katakana},
	{"Hang", unicode.Hangul},
}

// Script returns the ISO 15924 code of the script that most of the letters
// of s are written in: "Latn", "Cyrl", "Grek", "Arab", "Hebr", "Armn",
// "Geor", "Deva", "Thai", "Hani", "Hira", "Kana" or "Hang"; "Zzzz" when the
// letters are in none of these; and "" when s has no letters. Digits,
// punctuation and combining marks are not counted. A tie goes to the script
// earlier in that list, so Latin wins a tie with Cyrillic.
func Script(s string) string {
	var counts [maxScripts]int
	other, total := 0, 0
	for _, r := range s {
		k := scriptOf(r)
		switch k {
		case notLetter:
			continue
		case otherScript:
			other++
		default:
			counts[k]++
		}
		total++
	}
	if total == 0 {
		return ""
	}
	best := -1
	for k, n := range counts[:len(scripts)] {
		if n > 0 && (best < 0 || n > counts[best]) {
			best = k
		}
	}
	if best < 0 || other > counts[best] {
		return "Zzzz"
	}
	return scripts[best].code
}

// maxScripts bounds len(scripts), for counting on the stack.
const maxScripts = 16

// The results of scriptOf that are not an index of scripts.
const (
	notLetter   = -1
	otherScript = -2
)

// scriptOf returns the index in scripts of the script of the letter r,
// otherScript for a letter in none of them, or notLetter.
func scriptOf(r rune) int {
	if uint32(r) < uint32(len(knownScripts)) {
		return int(knownScripts[r])
	}
	return findScript(r)
}

func findScript(r rune) int {
	if !unicode.IsLetter(r) {
		return notLetter
	}
	for k, sc := range scripts {
		if unicode.Is(sc.table, r) {
			return k
		}
	}
	return otherScript
}

// knownScripts holds findScript for the code points up to the end of the
// Cyrillic Supplement, those of nearly every title.
var knownScripts = func() (t [0x530]int8) {
	if len(scripts) > maxScripts {
		panic("translit: more scripts than maxScripts")
	}
	for r := range t {
		t[r] = int8(findScript(rune(r)))
	}
	return t
}()

// IsCyrillic reports whether most of the letters of s are Cyrillic, that is
// whether [Script] returns "Cyrl". Text like "IT-компания" is Cyrillic;
// "Kazakhstan 2050" and "" are not.
func IsCyrillic(s string) bool { return Script(s) == "Cyrl" }
