package sentencecase

import "github.com/cite-project/cite/internal/runes"

// The classes of characters sentence case asks about, each read from one
// lookup (runes.ClassOf).
const (
	cSpace  = runes.Space
	cLetter = runes.Letter
	cUpper  = runes.Upper
	cLower  = runes.Lower
	cDigit  = runes.Digit
	// cWord are the characters of a word: letters, digits and the
	// nonspacing marks that combine with them.
	cWord = runes.Letter | runes.Digit | runes.NonspacingMark
)

func classOf(r rune) runes.Class { return runes.ClassOf(r) }

// is reports whether r has any of the classes c.
func is(c runes.Class, r rune) bool { return classOf(r)&c != 0 }
