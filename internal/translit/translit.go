package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/runes"
)

// Romanize returns s with its Cyrillic letters romanised by scheme sc. Text
// that is not Cyrillic passes through unchanged; an invalid scheme returns s
// as it is, and invalid UTF-8 bytes become U+FFFD.
//
// lang selects the table where a scheme has one per language: "ru" (or
// "rus") for Russian, "kk" (or "kaz", "kz") for Kazakh; a region or script
// suffix such as "ru-RU" is ignored. Any other value, including "", is
// guessed from s: Kazakh if it has one of Ә Ғ Қ Ң Ө Ұ Ү Һ І, Russian
// otherwise. Only [BGN] and [GOSTB] differ between the two: BGN uses the
// BGN/PCGN Kazakh system (и → ī, у → ū, е always e, ё → yo, э → ė), and
// GOSTB writes the Kazakh letters in System A, including і, which Table 4
// would otherwise give as i like и. In a Russian text the few Kazakh letters
// get the Kazakh values of BGN/PCGN and LC.
//
// Context rules of the standards are applied:
//
//   - BGN/PCGN (Russian): е → ye and ё → yë at the start of a word and after
//     а е ё и о у ы э ю я й ъ ь; e and ë elsewhere.
//   - GOST 7.79-2000 System B: ц → c before a letter written i, e, y or j,
//     cz elsewhere; і → i` before a consonant, as for Old Russian міръ.
//
// A capital letter whose romanisation has several letters is written "Zh"
// when the word goes on in lower case and "ZH" when the letter next to it
// (the following one, or the preceding one at the end of a word) is a
// capital, so "Жуков" gives "Zhukov" and "ЖУК" gives "ZHUK". The ALA-LC
// tied pairs are capitalised whole ("T͡S", "I͡U"), as the LC table does.
//
// Text in decomposed form (й as и + U+0306, ё as е + U+0308) is composed
// first. Other combining marks, such as a stress accent, are kept after the
// letters they follow.
func Romanize(s string, sc Scheme, lang string) string {
	if !sc.valid() || !hasCyrillic(s) {
		return s
	}
	if r, ok := romanizeFast(s, sc, lang); ok {
		return r
	}
	return romanizeGeneral(s, sc, lang)
}

// AppendRomanize appends Romanize(s, sc, lang) to dst and returns the
// extended buffer, for a caller that keeps the result in memory of its
// own: it makes no string of it.
func AppendRomanize(dst []byte, s string, sc Scheme, lang string) []byte {
	if !sc.valid() || !hasCyrillic(s) {
		return append(dst, s...)
	}
	if b, ok := appendFast(dst, s, sc, lang); ok {
		return b
	}
	return append(dst, romanizeGeneral(s, sc, lang)...)
}

// romanizeGeneral is Romanize for a valid scheme and any string: it
// decodes s into runes, composing decomposed letters, and romanises each
// letter from them.
func romanizeGeneral(s string, sc Scheme, lang string) string {
	var buf [256]rune // the runes of most values, on the stack
	rs := decode(buf[:0], s)
	kk := isKazakh(lang, rs)
	var out [512]byte // the result of most values, on the stack: a letter of two bytes gives one to four
	b := out[:0]
	for i, r := range rs {
		rom, ok := "", false
		if inBlock(r) || inBlock(runes.ToLower(r)) {
			rom, ok = romanizeAt(rs, i, sc, kk)
		}
		switch {
		case !ok:
			b = utf8.AppendRune(b, r)
		case !runes.IsUpper(r):
			b = append(b, rom...)
		default:
			b = capitalize(b, rs, i, rom, sc)
		}
	}
	return string(b)
}

// inBlock reports whether r is in the Cyrillic block, where every letter
// of the tables is: romanizeAt knows no letter whose lower case is not.
func inBlock(r rune) bool { return uint32(r-cyrillicBase) < cyrillicSize }

// hasCyrillic reports whether s may hold a letter of the Cyrillic block or
// is not valid UTF-8: otherwise Romanize returns s as it is, since every
// letter of the tables and of the composed forms is in the block.
func hasCyrillic(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0xD0 && c <= 0xD3 { // the lead bytes of U+0400 to U+04FF
			return true
		}
	}
	return !utf8.ValidString(s)
}

// decode appends the runes of s to rs, with invalid bytes as U+FFFD and the
// decomposed Cyrillic letters in the composed table joined.
func decode(rs []rune, s string) []rune {
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		switch {
		case r < utf8.RuneSelf:
		case r >= 0xC2 && r <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// two bytes, as every Cyrillic letter: always valid
			r, n = (r&0x1F)<<6|rune(s[i+1]&0x3F), 2
		default:
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		if n := len(rs); n > 0 && r >= 0x300 && r < 0x370 { // a combining mark
			if c, ok := composed[[2]rune{rs[n-1], r}]; ok {
				rs[n-1] = c
				continue
			}
		}
		rs = append(rs, r)
	}
	return rs
}

// isKazakh reports whether the Kazakh tables apply, from lang or, when lang
// names neither Russian nor Kazakh, from the letters of rs.
func isKazakh(lang string, rs []rune) bool {
	if kk, known := kazakhLanguage(lang); known {
		return kk
	}
	for _, r := range rs {
		if kazakhLetterSet.has(runes.ToLower(r)) {
			return true
		}
	}
	return false
}

// romanizeAt returns the lowercase romanisation of rs[i] and true, or false
// when rs[i] is not a letter that any table knows.
func romanizeAt(rs []rune, i int, sc Scheme, kk bool) (string, bool) {
	l := runes.ToLower(rs[i])
	switch sc {
	case BGN:
		if kk {
			if v, ok := bgnKazakhTable.get(l); ok {
				return v, true
			}
			break
		}
		if v, ok := bgnRussianTable.get(l); ok {
			if (l == 'е' || l == 'ё') && bgnInitialOrAfterVowel(rs, i) {
				if l == 'е' {
					return bgnYe, true
				}
				return bgnYo, true
			}
			return v, true
		}
		if v, ok := bgnKazakhTable.get(l); ok {
			return v, true
		}
	case GOSTB:
		if kk && kazakhLetterSet.has(l) {
			break
		}
		switch l {
		case 'ц':
			if gostSoftC(rs, i, kk) {
				return "c", true
			}
		case 'і':
			if j := nextRune(rs, i); j >= 0 && russianConsonantSet.has(runes.ToLower(rs[j])) {
				return "i`", true
			}
		}
		if v, ok := gostBTable.get(l); ok {
			return v, true
		}
	case LC:
		if v, ok := lcTable.get(l); ok {
			return v, true
		}
	case LCASCII:
		if v, ok := lcASCIITable.get(l); ok {
			return v, true
		}
	}
	v, ok := iso9Table.get(l)
	return v, ok
}

// bgnInitialOrAfterVowel reports whether rs[i] starts a word or follows one
// of the letters after which BGN/PCGN writes ye and yë.
func bgnInitialOrAfterVowel(rs []rune, i int) bool {
	j := prevRune(rs, i)
	if j < 0 {
		return true
	}
	return bgnYeAfter(rs[j])
}

// bgnYeAfter reports whether BGN/PCGN writes ye and yë after prev: when
// it is not a letter (the word starts) or one of bgnVowels.
func bgnYeAfter(prev rune) bool {
	return !runes.IsLetter(prev) || bgnVowelSet.has(runes.ToLower(prev))
}

// gostSoftC reports whether ц at rs[i] is followed by a letter whose
// System B romanisation starts with i, e, y or j, before which GOST 7.79-2000
// writes c rather than cz.
func gostSoftC(rs []rune, i int, kk bool) bool {
	j := nextRune(rs, i)
	if j < 0 || !runes.IsLetter(rs[j]) || runes.ToLower(rs[j]) == 'ц' {
		// cz and c both start with c; answering here also keeps a run of ц
		// from being scanned once per letter.
		return false
	}
	first := rs[j]
	if next, ok := romanizeAt(rs, j, GOSTB, kk); ok {
		first, _ = utf8.DecodeRuneInString(next)
	}
	return strings.ContainsRune("iejy", runes.ToLower(first))
}

// capitalize appends to b rom, the romanisation of the capital letter
// rs[i], in capitals.
func capitalize(b []byte, rs []rune, i int, rom string, sc Scheme) []byte {
	if letters(rom) <= 1 || capitalsAround(rs, i) || sc == LC && strings.ContainsRune(rom, '\u0361') {
		return appendUpper(b, rom)
	}
	return appendTitle(b, rom)
}

// capitalsAround reports whether the word around rs[i] is in capitals: the
// next letter is a capital, or, if rs[i] ends the word, the previous one is.
func capitalsAround(rs []rune, i int) bool {
	if j := nextRune(rs, i); j >= 0 && runes.IsLetter(rs[j]) {
		return runes.IsUpper(rs[j])
	}
	if j := prevRune(rs, i); j >= 0 && runes.IsLetter(rs[j]) {
		return runes.IsUpper(rs[j])
	}
	return false
}

// nextRune returns the index of the first rune after i that is not a
// combining mark, or -1.
func nextRune(rs []rune, i int) int {
	for j := i + 1; j < len(rs); j++ {
		if !isMark(rs[j]) {
			return j
		}
	}
	return -1
}

// prevRune returns the index of the last rune before i that is not a
// combining mark, or -1.
func prevRune(rs []rune, i int) int {
	for j := i - 1; j >= 0; j-- {
		if !isMark(rs[j]) {
			return j
		}
	}
	return -1
}

func isMark(r rune) bool { return runes.IsMark(r) }

func letters(s string) int {
	n := 0
	for _, r := range s {
		if runes.IsLetter(r) {
			n++
		}
	}
	return n
}

// appendUpper appends s to b as strings.ToUpper would write the letters
// in the tables, one of which, ǰ, has no single-code-point capital.
func appendUpper(b []byte, s string) []byte {
	for _, r := range s {
		if r == 'ǰ' {
			b = append(b, "J\u030c"...)
			continue
		}
		b = utf8.AppendRune(b, unicode.ToUpper(r))
	}
	return b
}

// upper is s as appendUpper writes it.
func upper(s string) string { return string(appendUpper(nil, s)) }

// appendTitle appends s to b with its first letter capitalised.
func appendTitle(b []byte, s string) []byte {
	for i, r := range s {
		if runes.IsLetter(r) {
			b = append(b, s[:i]...)
			b = appendUpper(b, s[i:i+utf8.RuneLen(r)])
			return append(b, s[i+utf8.RuneLen(r):]...)
		}
	}
	return append(b, s...)
}
