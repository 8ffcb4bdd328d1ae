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
	counts := make([]int, len(scripts))
	other, total := 0, 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		total++
		found := false
		for k, sc := range scripts {
			if unicode.Is(sc.table, r) {
				counts[k]++
				found = true
				break
			}
		}
		if !found {
			other++
		}
	}
	if total == 0 {
		return ""
	}
	best := -1
	for k, n := range counts {
		if n > 0 && (best < 0 || n > counts[best]) {
			best = k
		}
	}
	if best < 0 || other > counts[best] {
		return "Zzzz"
	}
	return scripts[best].code
}

// IsCyrillic reports whether most of the letters of s are Cyrillic, that is
// whether [Script] returns "Cyrl". Text like "IT-компания" is Cyrillic;
// "Kazakhstan 2050" and "" are not.
func IsCyrillic(s string) bool { return Script(s) == "Cyrl" }
