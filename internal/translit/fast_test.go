package translit

import (
	"strings"
	"testing"
)

// fastAlphabet is what the exhaustive tests of the fast path build their
// strings of: every rune of the Cyrillic block (letters of every table,
// capitals, the marks U+0483 to U+0489), the Cyrillic Supplement, Latin
// letters in both cases, a space, a hyphen, a digit, punctuation of two
// and three bytes, combining marks the general path composes or skips,
// invalid bytes and a lone lead byte.
func fastAlphabet() []string {
	var a []string
	for r := rune(cyrillicBase); r < cyrillicBase+cyrillicSize; r++ {
		a = append(a, string(r))
	}
	return append(a, "Ԁ", "ԁ", "Ԫ", "a", "Z", "i", "e", "j", "y", "C", " ", "-", "7", "«", "—", "é", "É", "Ǆ", "ǰ",
		"\u0301", "\u0306", "\u0308", "\u0361", "\u20dd", "\ufffd", "\xff", "\xd0", "\xd3", "\xc2")
}

// fastSmallAlphabet is the letters the context rules read (е ё ц і and
// their capitals, vowels, consonants, multi-letter capitals, the Kazakh
// letters), with a few others, for strings of three runes.
var fastSmallAlphabet = strings.Split("е|Е|ё|Ё|ц|Ц|і|І|и|И|а|у|ы|й|ъ|ь|ж|Ж|щ|Щ|ю|Ю|к|т|қ|Қ|ә|Ә|ң|Ң|ї|є| |-|i|E|y|J|x|X|\u0306|\u0308|\xff", "|")

// checkFast compares the fast path with the general one on s, for every
// scheme and a Russian, Kazakh and unnamed language, and reports how
// often the fast path took it.
func checkFast(t *testing.T, s string, taken *int) {
	t.Helper()
	for sc := BGN; sc <= LCASCII; sc++ {
		for _, lang := range []string{"", "ru", "kk", "en", " KK_kz"} {
			want := romanizeGeneral(s, sc, lang)
			got, ok := romanizeFast(s, sc, lang)
			if ok {
				*taken++
				if got != want {
					t.Fatalf("romanizeFast(%q, %v, %q) = %q; the general path gives %q", s, sc, lang, got, want)
				}
			}
			if r := Romanize(s, sc, lang); hasCyrillic(s) && r != want {
				t.Fatalf("Romanize(%q, %v, %q) = %q; the general path gives %q", s, sc, lang, r, want)
			}
			if hasCyrillic(s) {
				// after what the buffer holds, and in a buffer too small
				for _, dst := range [][]byte{[]byte("x:"), make([]byte, 0, 1)} {
					prefix := string(dst)
					if got := string(AppendRomanize(dst, s, sc, lang)); got != prefix+want {
						t.Fatalf("AppendRomanize(%q, %q, %v, %q) = %q; want %q", prefix, s, sc, lang, got, prefix+want)
					}
				}
			}
		}
	}
}

// TestFastPathPairs: every string of one and two runes of fastAlphabet,
// and of three of fastSmallAlphabet, romanises on the fast path as on the
// general one, or goes to the general path.
func TestFastPathPairs(t *testing.T) {
	a := fastAlphabet()
	taken, n := 0, 0
	for _, x := range a {
		checkFast(t, x, &taken)
		for _, y := range a {
			checkFast(t, x+y, &taken)
			n++
		}
	}
	for _, x := range fastSmallAlphabet {
		for _, y := range fastSmallAlphabet {
			for _, z := range fastSmallAlphabet {
				checkFast(t, x+y+z, &taken)
				n++
			}
		}
	}
	t.Logf("%d strings, fast path taken %d times", n, taken)
	if taken < n {
		t.Errorf("the fast path took only %d of %d×25 romanisations", taken, n)
	}
}

// TestFastPathValues: the tricky values, the generated library's values
// and long strings agree, and those the fast path must give up go to the
// general path.
func TestFastPathValues(t *testing.T) {
	values := append([]string(nil), trickyValues...)
	cyr, _ := cyrillicValues(500)
	values = append(values, cyr...)
	values = append(values, strings.Repeat("Щёлково Ёлкино Цицерон ", 100), strings.Repeat("Қ", 1000), strings.Repeat("Ж", 600)+"\xff")
	taken := 0
	for _, s := range values {
		checkFast(t, s, &taken)
	}
	for _, s := range []string{"\xff", "Ж\xff", "Е\u0308лка", "и\u0306од", "Ж\u0483", "жÉ\u0301", "Ӂ\u0306"} {
		if _, ok := romanizeFast(s, BGN, "ru"); ok {
			t.Errorf("romanizeFast(%q) took a string the general path must take", s)
		}
	}
	for _, s := range []string{"", "Жуков", "«Единая Россия» — 2050", strings.Repeat("Внешняя политика ", 40)} {
		if _, ok := romanizeFast(s, GOSTB, ""); !ok {
			t.Errorf("romanizeFast(%q) gave up a string it takes", s)
		}
	}
}

// TestFastTables: in every table, a letter of the tables is written by
// the table unless a context rule or a capital of several letters reads
// its neighbours; no value is too long for an entry.
func TestFastTables(t *testing.T) {
	for sc := BGN; sc <= LCASCII; sc++ {
		for _, kk := range []bool{false, true} {
			tab := fastTableFor(sc, kk)
			fixed, context := 0, 0
			for k, e := range tab {
				r := rune(cyrillicBase + k)
				switch e.kind {
				case fastFixed:
					fixed++
					if got, want := string(e.out[:e.n]), romanizeGeneral(string(r), sc, kazakhTag(kk)); got != want {
						t.Errorf("%v kk=%v %q: the table writes %q; the general path %q", sc, kk, r, got, want)
					}
				case fastContext:
					context++
				}
			}
			if fixed < 60 || context > 20 {
				t.Errorf("%v kk=%v: %d letters fixed, %d read their neighbours", sc, kk, fixed, context)
			}
		}
	}
}

func kazakhTag(kk bool) string {
	if kk {
		return "kk"
	}
	return "ru"
}

// TestAppendRomanize: AppendRomanize appends what Romanize returns, for
// every scheme (and values that are not schemes), text without Cyrillic,
// and the values the general path takes.
func TestAppendRomanize(t *testing.T) {
	for _, s := range append(trickyValues, "Latin only", "") {
		for _, sc := range []Scheme{BGN, GOSTB, LC, LCASCII, ISO9, Scheme(0), Scheme(99)} {
			for _, lang := range []string{"", "ru", "kk"} {
				if got, want := string(AppendRomanize([]byte("<"), s, sc, lang)), "<"+Romanize(s, sc, lang); got != want {
					t.Errorf("AppendRomanize(%q, %v, %q) = %q; want %q", s, sc, lang, got, want)
				}
			}
		}
	}
}
