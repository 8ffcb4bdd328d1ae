package translit_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/translit"

	"github.com/cite-project/cite/internal/testkit"
)

func TestDeromanize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Pervyj Prezident Respubliki Kazahstan Nursultan Nazarbaev", "Первый Президент Республики Казахстан Нурсултан Назарбаев"},
		{"Kazahstanskaâ pravda", "Казахстанская правда"},
		{"sʺezd, alʹbom", "съезд, альбом"},
		{"OBʺEKT", "ОБЪЕКТ"},
		{"PERMʹ", "ПЕРМЬ"},
		{"Ķazaķstan, A\u030buezov, Ôskemen, U\u0307lytau, Žiḥaz", "Қазақстан, Әуезов, Өскемен, Ұлытау, Жиһаз"},
		{"J\u030cOVAN, ǰovan", "ЈОВАН, јован"},
		// What ISO 9 never writes stays as it is.
		{"Q, W, X: 1992", "Q, W, X: 1992"},
	} {
		got, err := translit.Deromanize(c.in, translit.ISO9)
		if err != nil || got != c.want {
			t.Errorf("Deromanize(%q, iso9) = %q, %v; want %q, nil", c.in, got, err, c.want)
		}
	}
	for _, sc := range []translit.Scheme{translit.BGN, translit.GOSTB, translit.LC, translit.LCASCII, 0} {
		if _, err := translit.Deromanize("Zhigalov", sc); !errors.Is(err, translit.ErrNotReversible) {
			t.Errorf("Deromanize(_, %s) error = %v; want one wrapping ErrNotReversible", sc, err)
		}
	}
}

// TestISO9RoundTrip checks every letter of the ISO 9 table, in both cases,
// next to other letters of its case so that the case of ъ and ь is known.
func TestISO9RoundTrip(t *testing.T) {
	for _, row := range iso9Rows {
		for _, s := range []string{"а" + row.small + "б", "А" + row.capital + "Б"} {
			lat := translit.Romanize(s, translit.ISO9, "")
			back, err := translit.Deromanize(lat, translit.ISO9)
			if err != nil || back != s {
				t.Errorf("Deromanize(Romanize(%q)) = %q (via %q), %v", s, back, lat, err)
			}
		}
	}
}

// isRussianText reports whether s is made only of Russian letters and ASCII
// characters that are not letters, the text ISO 9 round-trips.
func isRussianText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && !unicode.IsLetter(r):
		case strings.ContainsRune(russianAlphabet, unicode.ToLower(r)):
		default:
			return false
		}
	}
	return true
}

// foldSigns writes Ъ and Ь in lower case: ISO 9 does not keep their case.
func foldSigns(s string) string {
	return strings.NewReplacer("Ъ", "ъ", "Ь", "ь").Replace(s)
}

func FuzzRomanize(f *testing.F) {
	for _, s := range []string{
		"Первый Президент Республики Казахстан Нурсултан Назарбаев",
		"Қазақстан Әуезов Өскемен ҒЫЛЫМ",
		"ЁЖ Ж. Юрий ОБЪЕКТ цыплёнок міръ",
		"И\u0306ошкар-Ола, е\u0308лка, Же\u0301ня",
		"Kazakhstan – Казахстан (1991)",
		"а\xffб",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		hasCyrillic := false
		for _, r := range s {
			if unicode.Is(unicode.Cyrillic, r) {
				hasCyrillic = true
				break
			}
		}
		for _, sc := range allSchemes {
			for _, lang := range []string{"ru", "kk", ""} {
				var out string
				testkit.AllocBudget(t, "Romanize", len(s), 256, 64<<10, func() { out = translit.Romanize(s, sc, lang) })
				testkit.OutputBudget(t, "Romanize", len(s), len(out), 8, 16)
				if !utf8.ValidString(out) {
					t.Fatalf("Romanize(%q, %s, %q) = %q, not valid UTF-8", s, sc, lang, out)
				}
				if !hasCyrillic && utf8.ValidString(s) && out != s {
					t.Fatalf("Romanize(%q, %s, %q) = %q; text without Cyrillic must not change", s, sc, lang, out)
				}
			}
		}
		if !isRussianText(s) {
			return
		}
		lat := translit.Romanize(s, translit.ISO9, "ru")
		back, err := translit.Deromanize(lat, translit.ISO9)
		if err != nil {
			t.Fatal(err)
		}
		if foldSigns(back) != foldSigns(s) {
			t.Fatalf("Deromanize(Romanize(%q, iso9)) = %q (via %q)", s, back, lat)
		}
	})
}
