// Package runes answers the questions of package unicode (letter, case,
// digit, space, mark, the other case) at once for the code points
// cite's text is mostly made of, ASCII and the basic Cyrillic letters
// (U+0400 to U+045F), and through package unicode for the rest. Romanising
// and sentence-casing a title ask them of every character, and package
// unicode's table searches were most of their time.
package runes

import "unicode"

// Each function answers ASCII at once, in a few instructions the
// compiler writes in place, and the rest in a function of its own.

// ToLower is unicode.ToLower.
func ToLower(r rune) rune {
	if uint32(r) < 0x80 {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return toLower(r)
}

func toLower(r rune) rune {
	switch {
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
	if uint32(r) < 0x80 {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	return toUpper(r)
}

func toUpper(r rune) rune {
	switch {
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
	if uint32(r) < 0x80 {
		return 'a' <= r && r <= 'z'
	}
	return isLower(r)
}

func isLower(r rune) bool {
	switch {
	case r >= 'а' && r <= 'џ':
		return true
	case r >= 'Ѐ' && r <= 'Я':
		return false
	}
	return unicode.IsLower(r)
}

// IsUpper is unicode.IsUpper.
func IsUpper(r rune) bool {
	if uint32(r) < 0x80 {
		return 'A' <= r && r <= 'Z'
	}
	return isUpper(r)
}

func isUpper(r rune) bool {
	switch {
	case r >= 'Ѐ' && r <= 'Я':
		return true
	case r >= 'а' && r <= 'џ':
		return false
	}
	return unicode.IsUpper(r)
}

// IsLetter is unicode.IsLetter.
func IsLetter(r rune) bool {
	if uint32(r) < 0x80 {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return isLetter(r)
}

func isLetter(r rune) bool {
	if r >= 'Ѐ' && r <= 'џ' {
		return true
	}
	return unicode.IsLetter(r)
}

// IsDigit is unicode.IsDigit.
func IsDigit(r rune) bool {
	if uint32(r) < 0x80 {
		return '0' <= r && r <= '9'
	}
	return isDigit(r)
}

func isDigit(r rune) bool {
	if r >= 'Ѐ' && r <= 'џ' {
		return false
	}
	return unicode.IsDigit(r)
}

// IsSpace is unicode.IsSpace.
func IsSpace(r rune) bool {
	if uint32(r) < 0x80 {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return isSpace(r)
}

//go:noinline (so that IsSpace stays small enough to be written in place)
func isSpace(r rune) bool {
	if r >= 'Ѐ' && r <= 'џ' {
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
