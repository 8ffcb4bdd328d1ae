package eval

import (
	"bytes"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/collate"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
)

func TestFormatRanges(t *testing.T) {
	tests := []struct{ in, format, want string }{
		{"321-328", "chicago", "321–28"},
		{"1496-1504", "chicago", "1496–1504"},
		{"107-108", "chicago", "107–8"},
		{"42-45", "minimal", "42–5"},
		{"321-28", "expanded", "321–328"},
		{"101-108", "minimal-two", "101–08"},
		{"12-15, 20-22", "", "12–15, 20–22"},
		{"e12-e15", "minimal", "e12–5"},
		{"N110-5", "expanded", "N110-5"},
		{"xxv-xxviii", "", "xxv–xxviii"},
		{"120-101", "minimal", "120-101"},
		{"7 – 9", "expanded", "7–9"},
		{"1496--1504", "chicago", "1496–1504"},
		{"321-28", "", "321–28"},
	}
	for _, tt := range tests {
		if got := formatRanges(tt.in, tt.format, "–"); got != tt.want {
			t.Errorf("formatRanges(%q, %q) = %q; want %q", tt.in, tt.format, got, tt.want)
		}
	}
}

func TestInitials(t *testing.T) {
	tests := []struct {
		given, with string
		init        bool
		want        string
	}{
		{"John Robert", ". ", true, "J. R."},
		{"Jean-Paul", ".", true, "J.-P."},
		{"Ph. M.E.", " ", true, "Ph M E"},
		{"John M.E.", ".", false, "John M.E."},
		{"Иван Петрович", ". ", true, "И. П."},
	}
	for _, tt := range tests {
		if got := initials(tt.given, tt.with, tt.init, true); got != tt.want {
			t.Errorf("initials(%q, %q, %v) = %q; want %q", tt.given, tt.with, tt.init, got, tt.want)
		}
	}
}

func TestTextCase(t *testing.T) {
	tests := []struct{ in, tc, want string }{
		{"the art of war", "title", "The Art of War"},
		{"the art of war", "capitalize-all", "The Art Of War"},
		{"the art of war", "capitalize-first", "The art of war"},
		{"THE ART", "sentence", "The art"},
		{"Mixed Case", "lowercase", "mixed case"},
		{"война и мир", "uppercase", "ВОЙНА И МИР"},
	}
	for _, tt := range tests {
		n := output.Str(tt.in)
		applyTextCase(n, tt.tc, "en")
		if n.Text != tt.want {
			t.Errorf("text-case %s of %q = %q; want %q", tt.tc, tt.in, n.Text, tt.want)
		}
	}
}

func TestMergePunct(t *testing.T) {
	tests := []struct {
		a, b rune
		want string
	}{
		{'.', '.', "."}, {'!', '.', "!"}, {':', '?', "?"}, {',', '.', ",."}, {'.', ',', ".,"},
	}
	for _, tt := range tests {
		if got := mergePunct(tt.a, tt.b); got != tt.want {
			t.Errorf("mergePunct(%q, %q) = %q; want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestYearSuffix(t *testing.T) {
	for n, want := range map[int]string{1: "a", 26: "z", 27: "aa", 52: "az", 53: "ba"} {
		if got := yearSuffix(n); got != want {
			t.Errorf("yearSuffix(%d) = %q; want %q", n, got, want)
		}
	}
}

// TestPlainCollation: for the languages of asciiCollation (and
// russianCollation), the collation orders plain strings as plainKey's
// bytes, which the sort's fast path relies on; tailored languages
// (Danish for Latin, Kazakh for Cyrillic) do not.
func TestPlainCollation(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	latin := []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -\x01")
	russian := append(latin, []rune("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")...)
	check := func(lang string, alpha []rune, cyr bool) int {
		word := func() string {
			var b strings.Builder
			for i := 0; i < 1+rng.Intn(6); i++ {
				b.WriteRune(alpha[rng.Intn(len(alpha))])
			}
			return b.String()
		}
		e := &Engine{lang: lang}
		c := e.collator()
		var buf collate.Buffer
		bad := 0
		for n := 0; n < 5000; n++ {
			a, b := word(), word()
			pa, oka := plainKey(a, cyr)
			pb, okb := plainKey(b, cyr)
			if !oka || !okb {
				t.Fatalf("plainKey(%q) or plainKey(%q) not plain", a, b)
			}
			buf.Reset()
			ka := append([]byte(nil), c.KeyFromString(&buf, a)...)
			kb := c.KeyFromString(&buf, b)
			if bytes.Compare(ka, kb) != strings.Compare(pa, pb) {
				bad++
			}
		}
		return bad
	}
	for lang := range asciiCollation {
		if bad := check(lang, latin, false); bad > 0 {
			t.Errorf("%s: %d pairs of plain ASCII strings collate unlike their plain keys", lang, bad)
		}
	}
	for lang := range russianCollation {
		if bad := check(lang, russian, true); bad > 0 {
			t.Errorf("%s: %d pairs of plain Russian strings collate unlike their plain keys", lang, bad)
		}
	}
	if check("da", latin, false) == 0 || check("kk", russian, true) == 0 {
		t.Error("da or kk: no difference found; the test does not test anything")
	}
	for _, s := range []string{"Smith, J.", "Жигалов ӘӘ", "naïve"} {
		if _, ok := plainKey(s, true); ok {
			t.Errorf("plainKey(%q) is plain", s)
		}
	}
	if _, ok := plainKey("Жигалов", false); ok {
		t.Error("plainKey(Жигалов, false) is plain")
	}
}

// TestDuplicateIDs: of items that share an id, the last is the one
// registered, once, with a warning; the others keep their places.
func TestDuplicateIDs(t *testing.T) {
	st, err := style.Parse([]byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout><text variable="title"/></layout></bibliography></style>`))
	if err != nil {
		t.Fatal(err)
	}
	mk := func(id, title string) *item.Item {
		it := &item.Item{ID: id, Type: "book"}
		it.Set("title", title)
		return it
	}
	for _, tc := range []struct {
		name  string
		items []*item.Item
		want  []string
		warns int
	}{
		{"distinct", []*item.Item{mk("a", "A"), mk("b", "B")}, []string{"a A", "b B"}, 0},
		{"repeated", []*item.Item{mk("a", "First"), mk("b", "B"), mk("a", "Second")}, []string{"a Second", "b B"}, 1},
		{"nil item", []*item.Item{mk("a", "First"), nil, mk("a", "Second")}, []string{"a Second"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := New(st, Config{}).Process(Request{Items: tc.items, Bibliography: true})
			var got []string
			for i, n := range res.Entries {
				got = append(got, res.EntryIDs[i]+" "+n.Plain())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("entries = %q; want %q", got, tc.want)
			}
			if len(res.Warnings) != tc.warns {
				t.Errorf("warnings = %q; want %d", res.Warnings, tc.warns)
			}
		})
	}
}
