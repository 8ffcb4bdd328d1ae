package check

import (
	"math/rand/v2"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The reference forms of appendCollapsed and appendNorm, before their fast
// paths for Cyrillic and for bytes that cannot start a space: the fast
// versions must give the same bytes for every input.

func refAppendCollapsed(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		b := s[i]
		size := 1
		isSpace := b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
		if b >= 0x80 {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = true
		} else {
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}
func refAppendNorm(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for _, r := range s {
		if r < 0x80 {
			if !(r|0x20 >= 'a' && r|0x20 <= 'z' || r >= '0' && r <= '9') {
				space = true
				continue
			}
		} else if !isLetter(r) && !unicode.IsDigit(r) {
			if !unicode.Is(unicode.Mn, r) {
				space = true
			}
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		switch {
		case r < 0x80:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		case r >= 0x430 && r <= 0x44F:
		case r >= 0x410 && r <= 0x42F:
			r += 0x20
		case r == 'ё' || r == 'Ё':
			r = 'е'
		case r >= 0xC0 && r <= 0x24F || r >= 0x1E00 && r <= 0x1EFF:
			r = unicode.ToLower(r)
			if d := norm.NFD.String(string(r)); d != "" {
				r, _ = utf8.DecodeRuneInString(d)
			}
		default:
			r = unicode.ToLower(r)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

func TestNormFastPathsAgree(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u0085",
		"Жигалов", "ЁЛКА", "ёж", "Қазақ", "Ѣ", "ѣ", "Ђ", "é", "Ä", "\u0301", "—", "«", "»", "№",
		"\xd0", "\xd1", "\x80", "\xbf", "\xff", "\xe2\x80", "\xc2", "-", ".", "O'", "日本"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		s := ""
		for n := r.IntN(12); n > 0; n-- {
			s += pieces[r.IntN(len(pieces))]
		}
		if got, want := string(appendCollapsed([]byte("x"), s)), string(refAppendCollapsed([]byte("x"), s)); got != want {
			t.Fatalf("appendCollapsed(%q) = %q; want %q", s, got, want)
		}
		if got, want := string(appendNorm([]byte("x"), s)), string(refAppendNorm([]byte("x"), s)); got != want {
			t.Fatalf("appendNorm(%q) = %q; want %q", s, got, want)
		}
	}
	_ = utf8.RuneError
	_ = unicode.IsSpace
	_ = norm.NFD
}

// TestAppendCollapsedRuns holds appendCollapsed to refAppendCollapsed on
// the tricky texts and every code point between words and spaces, after
// a prefix already in the buffer.
func TestAppendCollapsedRuns(t *testing.T) {
	inputs := append([]string(nil), textInputs...)
	for r := rune(0); r <= 0x3100; r++ {
		inputs = append(inputs, string(r), " a"+string(r)+"b ", string(r)+string(r)+"x", "x  "+string(r)+"  y")
	}
	for b := 0x80; b < 0x100; b++ {
		inputs = append(inputs, string([]byte{byte(b)}), "a "+string([]byte{byte(b), ' ', 'c'}))
	}
	for _, in := range inputs {
		for _, prefix := range []string{"", "p|"} {
			got := string(appendCollapsed([]byte(prefix), in))
			want := string(refAppendCollapsed([]byte(prefix), in))
			if got != want {
				t.Errorf("appendCollapsed(%q, %q) = %q; want %q", prefix, in, got, want)
			}
		}
	}
}
