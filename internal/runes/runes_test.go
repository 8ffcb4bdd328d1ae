package runes

import (
	"testing"
	"unicode"
)

// TestAgreesWithUnicode: every function answers as package unicode does,
// for every code point.
func TestAgreesWithUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := ToLower(r), unicode.ToLower(r); got != want {
			t.Fatalf("ToLower(%U) = %U; want %U", r, got, want)
		}
		if got, want := ToUpper(r), unicode.ToUpper(r); got != want {
			t.Fatalf("ToUpper(%U) = %U; want %U", r, got, want)
		}
		if got, want := IsLower(r), unicode.IsLower(r); got != want {
			t.Fatalf("IsLower(%U) = %v; want %v", r, got, want)
		}
		if got, want := IsUpper(r), unicode.IsUpper(r); got != want {
			t.Fatalf("IsUpper(%U) = %v; want %v", r, got, want)
		}
		if got, want := IsLetter(r), unicode.IsLetter(r); got != want {
			t.Fatalf("IsLetter(%U) = %v; want %v", r, got, want)
		}
		if got, want := IsDigit(r), unicode.IsDigit(r); got != want {
			t.Fatalf("IsDigit(%U) = %v; want %v", r, got, want)
		}
		if got, want := IsSpace(r), unicode.IsSpace(r); got != want {
			t.Fatalf("IsSpace(%U) = %v; want %v", r, got, want)
		}
		if got, want := IsMark(r), unicode.In(r, unicode.Mn, unicode.Me); got != want {
			t.Fatalf("IsMark(%U) = %v; want %v", r, got, want)
		}
		if got, want := IsNonspacingMark(r), unicode.Is(unicode.Mn, r); got != want {
			t.Fatalf("IsNonspacingMark(%U) = %v; want %v", r, got, want)
		}
	}
}

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
