package translit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/testkit"
)

// trickyValues reach the fast paths and the edges between them: no
// Cyrillic, invalid UTF-8 (which Romanize writes as U+FFFD), decomposed
// letters and other combining marks, capitals in every context, Kazakh
// letters, the Cyrillic Supplement (no table has it), text longer than
// the stack buffer.
var trickyValues = []string{
	"", "a", "Kazakhstan 2050", "Café and café", "Cafe\u0301", "\xff", "Ж\xff", "\xd0", "\xd0\x41", "ab\xd3",
	"Ж", "ж", "ЖУК", "Жуков", "ЦИК России", "ЩИ", "Щи", "ЁЖ", "Ёж", "ЕЁ", "Подъезд", "Юрьев", "Горно-Енисейск",
	"«Единая Россия»", "и\u0306од", "Е\u0308лка", "е\u0301ж", "Мі\u0301ръ", "міръ", "Царь цапля цыц", "ЦЫЦ",
	"Қазақстан", "ӘУЕЗОВ", "Әуезов", "Өңірек", "Шиелі", "Һ", "Ұлы", "Үкімет", "і", "Ѣ ѣ Ѳ ѳ Ѵ ѵ", "Ӂ ӂ Ԁ ԁ Ԫ",
	"IT-компания", "x\u0361y", "Т͡С", "ts\u0361", strings.Repeat("Внешняя политика ", 40), strings.Repeat("Ж", 300),
	"Ǆ ǰ", "ЙЙЙ й", "Ъ Ь ъ ь", "\u0306начало", "Я\u0308", "Ӹ ӹ",
}

// TestMatchesReference: Romanize gives exactly what the implementation
// before its fast paths gave, for every scheme and language.
func TestMatchesReference(t *testing.T) {
	values := append([]string(nil), trickyValues...)
	cyr, _ := cyrillicValues(1500)
	values = append(values, cyr...)
	if corpus := testkit.Shared(t, "corpus"); corpus != "" {
		filepath.WalkDir(corpus, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".bib") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			if lib, _, err := bibtex.Decode(path, data); err == nil {
				for _, e := range lib.Entries {
					for _, v := range e.Fields() {
						values = append(values, v)
					}
				}
			}
			return nil
		})
	}
	t.Logf("%d values", len(values))
	for _, s := range values {
		for _, sc := range []Scheme{BGN, GOSTB, LC, LCASCII, ISO9, Scheme(0), Scheme(-1), Scheme(99)} {
			for _, lang := range []string{"", "ru", "kk", "en", "KK-kz"} {
				if got, want := Romanize(s, sc, lang), refRomanize(s, sc, lang); got != want {
					t.Errorf("Romanize(%q, %v, %q) = %q; the reference gives %q", s, sc, lang, got, want)
				}
			}
		}
		if got, want := Script(s), refScript(s); got != want {
			t.Errorf("Script(%q) = %q; the reference gives %q", s, got, want)
		}
	}
	// every code point alone, and every seventh after a Latin and a
	// Cyrillic letter
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := Script(string(r)), refScript(string(r)); got != want {
			t.Fatalf("Script(%q) = %q; the reference gives %q", string(r), got, want)
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r += 7 {
		for _, s := range []string{"a" + string(r), "ж" + string(r) + string(r)} {
			if got, want := Script(s), refScript(s); got != want {
				t.Fatalf("Script(%q) = %q; the reference gives %q", s, got, want)
			}
		}
	}
}

func FuzzMatchesReference(f *testing.F) {
	for _, s := range trickyValues {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sc := range []Scheme{BGN, GOSTB, LC, LCASCII, ISO9} {
			if got, want := Romanize(s, sc, ""), refRomanize(s, sc, ""); got != want {
				t.Fatalf("Romanize(%q, %v) = %q; the reference gives %q", s, sc, got, want)
			}
		}
		if got, want := Script(s), refScript(s); got != want {
			t.Fatalf("Script(%q) = %q; the reference gives %q", s, got, want)
		}
	})
}
