package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/runes"
)

// This file is Romanize before its fast paths (cite at d8815d3, comments
// left out), kept to test the fast code against: TestMatchesReference
// requires the same output on every input. Only the names are changed;
// the tables and the letter rules are shared.

func refRomanize(s string, sc Scheme, lang string) string {
	if !sc.valid() {
		return s
	}
	rs := refDecode(s)
	kk := isKazakh(lang, rs)
	var b strings.Builder
	b.Grow(len(rs) + len(rs)/4)
	for i, r := range rs {
		rom, ok := romanizeAt(rs, i, sc, kk)
		switch {
		case !ok:
			b.WriteRune(r)
		case !runes.IsUpper(r):
			b.WriteString(rom)
		default:
			b.WriteString(refCapitalize(rs, i, rom, sc))
		}
	}
	return b.String()
}

func refDecode(s string) []rune {
	rs := make([]rune, 0, utf8.RuneCountInString(s))
	for _, r := range s {
		if n := len(rs); n > 0 && r >= 0x300 && r < 0x370 {
			if c, ok := composed[[2]rune{rs[n-1], r}]; ok {
				rs[n-1] = c
				continue
			}
		}
		rs = append(rs, r)
	}
	return rs
}

func refCapitalize(rs []rune, i int, rom string, sc Scheme) string {
	if letters(rom) <= 1 || capitalsAround(rs, i) {
		return refUpper(rom)
	}
	if sc == LC && strings.ContainsRune(rom, '\u0361') {
		return refUpper(rom)
	}
	return refTitle(rom)
}

func refUpper(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == 'ǰ' {
			b.WriteString("J\u030c")
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

func refTitle(s string) string {
	for i, r := range s {
		if runes.IsLetter(r) {
			return s[:i] + refUpper(string(r)) + s[i+utf8.RuneLen(r):]
		}
	}
	return s
}

func refScript(s string) string {
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
