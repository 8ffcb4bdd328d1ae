package verify

import (
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

func TestResolveAuthorDate(t *testing.T) {
	lib := &bib.Library{}
	add := func(id, lang, year string, n bib.Name) {
		e := bib.NewEntry(id, "book")
		e.Set("language", lang)
		d, err := bib.ParseDate(year)
		if err != nil {
			t.Fatal(err)
		}
		e.SetDate("issued", d)
		e.AddName("author", n)
		if err := lib.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	add("zhigalov1993", "ru", "1993", bib.Name{Family: "Жигалов", Given: "К.В."})
	add("smith2012a", "en", "2012", bib.Name{Family: "Smith"})
	add("smith2012b", "en", "2012", bib.Name{Family: "Smith"})
	add("mfa2013", "ru", "2013", bib.Name{Literal: "Министерство иностранных дел", Alt: map[string]string{"literal-translated": "Ministry of Foreign Affairs"}})
	rs := newResolver(lib)
	tests := []struct{ author, year, want string }{
		{"Жигалов", "1993", "zhigalov1993"},
		{"Zhigalov", "1993", "zhigalov1993"},
		{"Žigalov", "1993", "zhigalov1993"},
		{"Smith", "2012", "smith2012a"},
		{"Smith", "2012b", "smith2012b"},
		{"Smith", "2012c", ""},
		{"smith", "2011", ""},
		{"Ministry of Foreign Affairs", "2013", "mfa2013"},
		{"Nobody", "2013", ""},
	}
	for _, tt := range tests {
		if got := rs.authorYear(tt.author, tt.year); got != tt.want {
			t.Errorf("authorYear(%q, %q) = %q; want %q", tt.author, tt.year, got, tt.want)
		}
	}
}
