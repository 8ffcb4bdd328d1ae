// Package runes answers the questions of package unicode (letter, case,
// digit, space, mark, the other case) at once for the code points
// cite's text is mostly made of, ASCII, the Latin letters and the basic
// Cyrillic letters (up to U+045F), and through package unicode for the
// rest. Romanising and sentence-casing a title ask them of every
// character, and package unicode's table searches were most of their time.
package runes

import "unicode"

// Every function reads a table for the code points below tableSize, in a
// few instructions the compiler writes in place, and asks package unicode
// of the rest.

// tableSize is where the tables end: after ASCII, Latin-1, the Latin
// extensions and the basic Cyrillic letters (U+0400 to U+045F).
const tableSize = 0x460

// Class is a set of the properties of a code point, for code that asks
// several of one (see ClassOf).
type Class uint8

// The properties of a Class, each the answer of the function of the same
// name.
const (
	Letter Class = 1 << iota
	Upper
	Lower
	Digit
	Space
	NonspacingMark // Mn
	Mark           // Mn or Me
)

// ClassOf returns the properties of r.
func ClassOf(r rune) Class {
	if uint32(r) < tableSize {
		return props[r]
	}
	return classOf(r)
}

func classOf(r rune) Class {
	var c Class
	for prop := Letter; prop <= Mark; prop <<= 1 {
		if is(r, prop) {
			c |= prop
		}
	}
	return c
}

// The tables props, toLower and toUpper (tables.go) are written from
// package unicode by gen.go, so that no command computes them at start-up.
//
//go:generate go run gen.go

func has(r rune, prop Class) bool { return props[r]&prop != 0 }

// is asks package unicode whether r has prop. It is not written in place
// (its callers are, and ask it only beyond the tables).
//
//go:noinline
func is(r rune, prop Class) bool {
	switch prop {
	case Letter:
		return unicode.IsLetter(r)
	case Upper:
		return unicode.IsUpper(r)
	case Lower:
		return unicode.IsLower(r)
	case Digit:
		return unicode.IsDigit(r)
	case Space:
		return unicode.IsSpace(r)
	case NonspacingMark:
		return unicode.Is(unicode.Mn, r)
	case Mark:
		return unicode.In(r, unicode.Mn, unicode.Me)
	}
	return false
}

// ToLower is unicode.ToLower.
func ToLower(r rune) rune {
	if uint32(r) < tableSize {
		return r + toLower[r]
	}
	return unicode.ToLower(r)
}

// ToUpper is unicode.ToUpper.
func ToUpper(r rune) rune {
	if uint32(r) < tableSize {
		return r + toUpper[r]
	}
	return unicode.ToUpper(r)
}

// IsLower is unicode.IsLower.
func IsLower(r rune) bool {
	if uint32(r) < tableSize {
		return has(r, Lower)
	}
	return is(r, Lower)
}

// IsUpper is unicode.IsUpper.
func IsUpper(r rune) bool {
	if uint32(r) < tableSize {
		return has(r, Upper)
	}
	return is(r, Upper)
}

// IsLetter is unicode.IsLetter.
func IsLetter(r rune) bool {
	if uint32(r) < tableSize {
		return has(r, Letter)
	}
	return is(r, Letter)
}

// IsDigit is unicode.IsDigit.
func IsDigit(r rune) bool {
	if uint32(r) < tableSize {
		return has(r, Digit)
	}
	return is(r, Digit)
}

// IsSpace is unicode.IsSpace.
func IsSpace(r rune) bool {
	if uint32(r) < tableSize {
		return has(r, Space)
	}
	return is(r, Space)
}

// IsMark reports whether r is a nonspacing or enclosing mark (categories
// Mn and Me), the marks that combine with the letter before them.
func IsMark(r rune) bool {
	if uint32(r) < tableSize {
		return has(r, Mark)
	}
	return is(r, Mark)
}

// IsNonspacingMark is unicode.Is(unicode.Mn, r).
func IsNonspacingMark(r rune) bool {
	if uint32(r) < tableSize {
		return has(r, NonspacingMark)
	}
	return is(r, NonspacingMark)
}
