package search

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable holds the folded form of the runes below foldLimit (ASCII,
// the Latin supplements and extensions, Greek and Cyrillic): lower case,
// Latin letters without diacritics, ё as е, and "" for punctuation, which
// fold turns into a word break.
var foldTable = sync.OnceValue(func() []string {
	t := make([]string, foldLimit)
	special := map[rune]string{
		'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
		'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'Þ': "th",
		'ħ': "h", 'Ħ': "h", 'ŀ': "l", 'Ŀ': "l",
		'ё': "е", 'Ё': "е",
	}
	for r := rune(0); r < foldLimit; r++ {
		if s, ok := special[r]; ok {
			t[r] = s
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue // punctuation, spaces and marks separate words
		}
		lower := unicode.ToLower(r)
		if unicode.Is(unicode.Latin, r) {
			// Strip diacritics: keep the base letter of the decomposition.
			base, _ := utf8.DecodeRuneInString(norm.NFD.String(string(lower)))
			lower = base
		}
		t[r] = string(lower)
	}
	return t
})

const foldLimit = 0x530 // up to the end of the Cyrillic Supplement block

// fold returns s in the form terms and fields are compared in: lower
// case, without diacritics on Latin letters, ё as е, and words separated
// by single spaces, with a space at each end so that word starts can be
// found by searching for " "+word.
func fold(s string) string { return string(foldAppend(nil, s)) }

// foldAppend appends the folded form of s (see fold) to dst.
func foldAppend(dst []byte, s string) []byte { return foldCore(dst, s, true) }

// foldCore folds s onto dst; pad puts a space before and after it (once,
// when dst already ends with one).
func foldCore(dst []byte, s string, pad bool) []byte {
	space := false
	if pad {
		if len(dst) == 0 || dst[len(dst)-1] != ' ' {
			dst = append(dst, ' ')
		}
		space = true
	}
	for _, r := range s {
		var f string
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			dst = append(dst, byte(r))
			space = false
			continue
		case r >= 0x300 && unicode.Is(unicode.Mn, r):
			continue // a combining mark after a letter: drop it, as NFD folding would
		case r < foldLimit:
			f = foldTable()[r]
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			space = false
			continue
		}
		if f == "" {
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			continue
		}
		dst = append(dst, f...)
		space = false
	}
	if pad && !space {
		dst = append(dst, ' ')
	}
	return dst
}

// hasCyrillic reports whether s has a Cyrillic letter.
func hasCyrillic(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0xD0 && c <= 0xD4 {
			r, _ := utf8.DecodeRuneInString(s[i:])
			if unicode.Is(unicode.Cyrillic, r) {
				return true
			}
		}
	}
	return false
}

// hasCyrillicBytes is hasCyrillic for folded text, whose Cyrillic letters
// are all in the Cyrillic and Cyrillic Supplement blocks.
func hasCyrillicBytes(f []byte) bool {
	for _, c := range f {
		if c >= 0xD0 && c <= 0xD4 {
			return true
		}
	}
	return false
}
