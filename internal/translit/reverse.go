package translit

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ErrNotReversible is wrapped by the error that [Deromanize] returns for a
// scheme that cannot be undone.
var ErrNotReversible = errors.New("romanisation scheme is not reversible")

// fromISO9 maps each ISO 9 romanisation, in both cases, to its Cyrillic
// letter; maxISO9 is the length in runes of the longest key.
var fromISO9, maxISO9 = func() (map[string]rune, int) {
	m := make(map[string]rune, 2*len(iso9))
	longest := 0
	for cyr, lat := range iso9 {
		m[lat] = cyr
		if u := upper(lat); u != lat {
			m[u] = unicode.ToUpper(cyr)
		}
		if n := len([]rune(lat)); n > longest {
			longest = n
		}
	}
	return m, longest
}()

// Deromanize turns text romanised with scheme sc back into Cyrillic. Only
// [ISO9] (GOST 7.79-2000 System A) is reversible; other schemes give an error
// that wraps [ErrNotReversible].
//
// Each ISO 9 romanisation becomes its letter; everything else, including
// Latin letters that ISO 9 does not produce (q, w, x), is kept. The input
// must be in composed form (NFC), as [Romanize] writes it. ISO 9 writes ъ
// and Ъ alike as ʺ, and ь and Ь as ʹ; these become capitals when the nearest
// letters on both sides (or the only neighbouring letter) are capitals.
func Deromanize(s string, sc Scheme) (string, error) {
	if sc != ISO9 {
		return "", fmt.Errorf("translit: %w: %s", ErrNotReversible, sc)
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); {
		n, cyr := matchISO9(rs[i:])
		if n == 0 {
			b.WriteRune(rs[i])
			i++
			continue
		}
		if (cyr == 'ъ' || cyr == 'ь') && signIsCapital(rs, i, n) {
			cyr = unicode.ToUpper(cyr)
		}
		b.WriteRune(cyr)
		i += n
	}
	return b.String(), nil
}

// matchISO9 returns the length in runes of the longest ISO 9 romanisation at
// the start of rs and its Cyrillic letter, or 0.
func matchISO9(rs []rune) (int, rune) {
	for n := min(maxISO9, len(rs)); n > 0; n-- {
		if cyr, ok := fromISO9[string(rs[:n])]; ok {
			return n, cyr
		}
	}
	return 0, 0
}

// signIsCapital reports whether the sign rs[i:i+n] stands among capitals.
func signIsCapital(rs []rune, i, n int) bool {
	prev, next := rune(0), rune(0)
	for j := i - 1; j >= 0; j-- {
		if unicode.IsLetter(rs[j]) {
			prev = rs[j]
			break
		}
		if !isMark(rs[j]) {
			break
		}
	}
	for j := i + n; j < len(rs); j++ {
		if unicode.IsLetter(rs[j]) {
			next = rs[j]
			break
		}
		if !isMark(rs[j]) {
			break
		}
	}
	switch {
	case prev != 0 && next != 0:
		return unicode.IsUpper(prev) && unicode.IsUpper(next)
	case prev != 0:
		return unicode.IsUpper(prev)
	case next != 0:
		return unicode.IsUpper(next)
	}
	return false
}
