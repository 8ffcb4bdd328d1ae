package translit

import (
	"testing"
	"unicode"
)

// TestFastCase: the fast case and class functions answer as package
// unicode does, for every code point of the Basic Multilingual Plane.
func TestFastCase(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if got, want := lower(r), unicode.ToLower(r); got != want {
			t.Errorf("lower(%U) = %U; want %U", r, got, want)
		}
		if got, want := isUpper(r), unicode.IsUpper(r); got != want {
			t.Errorf("isUpper(%U) = %v; want %v", r, got, want)
		}
		if got, want := isLetter(r), unicode.IsLetter(r); got != want {
			t.Errorf("isLetter(%U) = %v; want %v", r, got, want)
		}
		if got, want := isMark(r), unicode.In(r, unicode.Mn, unicode.Me); got != want {
			t.Errorf("isMark(%U) = %v; want %v", r, got, want)
		}
	}
}
