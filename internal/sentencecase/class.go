package sentencecase

import "github.com/cite-project/cite/internal/runes"

// class holds what sentence case asks of a character: is it a space, a
// letter (in which case), a digit or a nonspacing mark.
type class uint8

const (
	cSpace class = 1 << iota
	cLetter
	cUpper
	cLower
	cDigit
	cMark // a nonspacing mark (Mn)

	// cWord are the characters of a word: letters, digits and the marks
	// that combine with them.
	cWord = cLetter | cDigit | cMark
)

// classOf returns the class of r, from a table for the code points up
// to the basic Cyrillic letters (U+045F), those of nearly every title.
func classOf(r rune) class {
	if uint32(r) < tableSize {
		return classes[r]
	}
	return classOfRune(r)
}

// classOfRune computes the class of r.
func classOfRune(r rune) class {
	var c class
	if runes.IsSpace(r) {
		c |= cSpace
	}
	if runes.IsLetter(r) {
		c |= cLetter
	}
	if runes.IsUpper(r) {
		c |= cUpper
	}
	if runes.IsLower(r) {
		c |= cLower
	}
	if runes.IsDigit(r) {
		c |= cDigit
	}
	if runes.IsNonspacingMark(r) {
		c |= cMark
	}
	return c
}

// tableSize is where classes ends: after ASCII, Latin-1, the Latin
// extensions and the basic Cyrillic letters.
const tableSize = 0x460

var classes = func() (t [tableSize]class) {
	for r := range t {
		t[r] = classOfRune(rune(r))
	}
	return t
}()

// is reports whether r has any of the classes c.
func is(c class, r rune) bool { return classOf(r)&c != 0 }
