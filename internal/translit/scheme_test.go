package translit_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/cite-project/cite/internal/translit"
)

func TestParseScheme(t *testing.T) {
	for _, c := range []struct {
		name string
		want translit.Scheme
	}{
		{"bgn", translit.BGN},
		{"BGN", translit.BGN},
		{"bgn-pcgn", translit.BGN},
		{"BGN/PCGN", translit.BGN},
		{"pcgn", translit.BGN},
		{"iso9", translit.ISO9},
		{"ISO 9", translit.ISO9},
		{"iso-9", translit.ISO9},
		{"ISO 9:1995", translit.ISO9},
		{"gost-a", translit.ISO9},
		{"gost7.79-a", translit.ISO9},
		{"GOST 7.79-2000 A", translit.ISO9},
		{"gost-b", translit.GOSTB},
		{"gost7.79-b", translit.GOSTB},
		{"gost_7.79_2000_b", translit.GOSTB},
		{" Gost-B ", translit.GOSTB},
		{"lc", translit.LC},
		{"ala-lc", translit.LC},
		{"ALA-LC", translit.LC},
		{"loc", translit.LC},
		{"lc-ascii", translit.LCASCII},
		{"lc-plain", translit.LCASCII},
		{"ala-lc-ascii", translit.LCASCII},
	} {
		got, err := translit.ParseScheme(c.name)
		if err != nil || got != c.want {
			t.Errorf("ParseScheme(%q) = %v, %v; want %v, nil", c.name, got, err, c.want)
		}
	}
	for _, name := range []string{"", "gost", "iso", "bgn-pcgn-2", "wikipedia", "gost-c"} {
		got, err := translit.ParseScheme(name)
		if !errors.Is(err, translit.ErrUnknownScheme) {
			t.Errorf("ParseScheme(%q) = %v, %v; want an error wrapping ErrUnknownScheme", name, got, err)
		}
	}
}

func TestSchemes(t *testing.T) {
	want := []string{"bgn", "iso9", "gost-b", "lc", "lc-ascii"}
	if got := translit.Schemes(); !slices.Equal(got, want) {
		t.Fatalf("Schemes() = %q; want %q", got, want)
	}
	for i, name := range want {
		sc, err := translit.ParseScheme(name)
		if err != nil {
			t.Errorf("ParseScheme(%q): %v", name, err)
		}
		if sc != allSchemes[i] || sc.String() != name {
			t.Errorf("ParseScheme(%q) = %v (%q); want %v", name, sc, sc.String(), allSchemes[i])
		}
	}
	if got, want := translit.Scheme(0).String(), "Scheme(0)"; got != want {
		t.Errorf("Scheme(0).String() = %q; want %q", got, want)
	}
	if got, want := translit.Scheme(99).String(), "Scheme(99)"; got != want {
		t.Errorf("Scheme(99).String() = %q; want %q", got, want)
	}
}

func TestScript(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Казахстанская правда", "Cyrl"},
		{"Қазақстан", "Cyrl"},
		{"Kazakhstanskaya pravda", "Latn"},
		{"Žigalov", "Latn"},
		{"IT-компания", "Cyrl"},
		{"САММИТ ОБСЕ В АСТАНЕ", "Cyrl"},
		{"Kazakhstan 2050: Казахстан", "Latn"}, // 10 Latin, 9 Cyrillic letters
		{"Ab Аб", "Latn"},                      // a tie goes to Latin
		{"Ελλάδα", "Grek"},
		{"漢字", "Hani"},
		{"ᚠᚢᚦ", "Zzzz"}, // runic
		{"", ""},
		{"20142020 — 16.05.1992", ""},
	} {
		if got := translit.Script(c.in); got != c.want {
			t.Errorf("Script(%q) = %q; want %q", c.in, got, c.want)
		}
		if got, want := translit.IsCyrillic(c.in), c.want == "Cyrl"; got != want {
			t.Errorf("IsCyrillic(%q) = %v; want %v", c.in, got, want)
		}
	}
}
