package runes

import (
	"testing"
	"unicode"
)

// TestAgreesWithUnicode: every function answers as package unicode does,
// for every code point.
func TestAgreesWithUnicode(t *testing.T) {
	cases := []struct {
		name      string
		got, want func(rune) bool
	}{
		{"IsUpper", IsUpper, unicode.IsUpper},
		{"IsLower", IsLower, unicode.IsLower},
		{"IsLetter", IsLetter, unicode.IsLetter},
		{"IsDigit", IsDigit, unicode.IsDigit},
		{"IsSpace", IsSpace, unicode.IsSpace},
		{"IsMark", IsMark, func(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Me) }},
		{"IsNonspacingMark", IsNonspacingMark, func(r rune) bool { return unicode.Is(unicode.Mn, r) }},
		{"ToLower", same(ToLower, unicode.ToLower), always},
		{"ToUpper", same(ToUpper, unicode.ToUpper), always},
	}
	for _, c := range cases {
		for r := rune(0); r <= unicode.MaxRune; r++ {
			if c.got(r) != c.want(r) {
				t.Errorf("%s(%U) differs from package unicode", c.name, r)
				break
			}
		}
	}
}

// TestClassOf: ClassOf holds the answers of the functions, for every code
// point.
func TestClassOf(t *testing.T) {
	props := []struct {
		class Class
		is    func(rune) bool
	}{
		{Letter, IsLetter}, {Upper, IsUpper}, {Lower, IsLower}, {Digit, IsDigit}, {Space, IsSpace},
		{NonspacingMark, IsNonspacingMark}, {Mark, IsMark},
	}
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		c := ClassOf(r)
		for _, p := range props {
			if c&p.class != 0 != p.is(r) {
				t.Fatalf("ClassOf(%U) = %b: bit %b differs", r, c, p.class)
			}
		}
	}
}

// same returns a test that f and g map r alike.
func same(f, g func(rune) rune) func(rune) bool { return func(r rune) bool { return f(r) == g(r) } }

func always(rune) bool { return true }

func BenchmarkIsLetterCyrillic(b *testing.B) {
	s := []rune("Внешняя политика Республики Казахстан")
	n := 0
	for b.Loop() {
		for _, r := range s {
			if IsLetter(r) {
				n++
			}
		}
	}
	_ = n
}
