// Package runes answers the questions of package unicode (letter, case,
// digit, space, mark, the other case) at once for the code points
// cite's text is mostly made of, ASCII and the basic Cyrillic letters
// (U+0400 to U+045F), and through package unicode for the rest. Romanising
// and sentence-casing a title ask them of every character, and package
// unicode's table searches were most of their time.
package runes

import "unicode"

// ToLower is unicode.ToLower.
func ToLower(r rune) rune {
	switch {
	case r < 0x80:
		if r >= 'A' && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	case r >= 'А' && r <= 'Я':
		return r + ('а' - 'А')
	case r >= 'Ѐ' && r <= 'Џ':
		return r + ('ѐ' - 'Ѐ')
	case r >= 'а' && r <= 'џ':
		return r
	}
	return unicode.ToLower(r)
}

// ToUpper is unicode.ToUpper.
func ToUpper(r rune) rune {
	switch {
	case r < 0x80:
		if r >= 'a' && r <= 'z' {
			return r - ('a' - 'A')
		}
		return r
	case r >= 'а' && r <= 'я':
		return r - ('а' - 'А')
	case r >= 'ѐ' && r <= 'џ':
		return r - ('ѐ' - 'Ѐ')
	case r >= 'Ѐ' && r <= 'Я':
		return r
	}
	return unicode.ToUpper(r)
}

// IsLower is unicode.IsLower.
func IsLower(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z'
	case r >= 'а' && r <= 'џ':
		return true
	case r >= 'Ѐ' && r <= 'Я':
		return false
	}
	return unicode.IsLower(r)
}

// IsUpper is unicode.IsUpper.
func IsUpper(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'A' && r <= 'Z'
	case r >= 'Ѐ' && r <= 'Я':
		return true
	case r >= 'а' && r <= 'џ':
		return false
	}
	return unicode.IsUpper(r)
}

// IsLetter is unicode.IsLetter.
func IsLetter(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	case r >= 'Ѐ' && r <= 'џ':
		return true
	}
	return unicode.IsLetter(r)
}

// IsDigit is unicode.IsDigit.
func IsDigit(r rune) bool {
	if r < 0x80 || r >= 'Ѐ' && r <= 'џ' {
		return r >= '0' && r <= '9'
	}
	return unicode.IsDigit(r)
}

// IsSpace is unicode.IsSpace.
func IsSpace(r rune) bool {
	switch {
	case r < 0x80:
		return r == ' ' || r >= '\t' && r <= '\r'
	case r >= 'Ѐ' && r <= 'џ':
		return false
	}
	return unicode.IsSpace(r)
}

// IsMark reports whether r is a nonspacing or enclosing mark (categories
// Mn and Me), the marks that combine with the letter before them.
func IsMark(r rune) bool {
	if r < 0x300 || r >= 'Ѐ' && r <= 'ҁ' { // no marks among these
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me)
}

// IsNonspacingMark is unicode.Is(unicode.Mn, r).
func IsNonspacingMark(r rune) bool {
	if r < 0x300 || r >= 'Ѐ' && r <= 'ҁ' {
		return false
	}
	return unicode.Is(unicode.Mn, r)
}
