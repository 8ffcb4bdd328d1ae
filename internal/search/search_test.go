package search_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/search"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/testkit"
)

func load(t *testing.T, path string) *bib.Library {
	t.Helper()
	lib, diags, err := store.Load(path)
	if err != nil || bib.HasErrors(diags) {
		t.Fatalf("store.Load(%s): %v %v", path, err, diags)
	}
	return lib
}

func ids(entries []*bib.Entry) string {
	var out []string
	for _, e := range entries {
		out = append(out, e.ID)
	}
	return strings.Join(out, " ")
}

func run(t *testing.T, lib *bib.Library, tests []struct{ query, want string }) {
	t.Helper()
	for _, tt := range tests {
		q, err := search.Parse(tt.query)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.query, err)
			continue
		}
		if got := ids(q.Filter(lib.Entries)); got != tt.want {
			t.Errorf("search %q = [%s]; want [%s]", tt.query, got, tt.want)
		}
	}
}

// TestEssay: the two searches the issue names, on the essay's library.
func TestEssay(t *testing.T) {
	lib := load(t, filepath.Join(testkit.ModuleRoot(t), "refs"))
	run(t, lib, []struct{ query, want string }{
		{"author:Zhigalov", "zhigalov1993"},    // Latin query, Cyrillic name (BGN, GOST B, LC)
		{"author:Žigalov", "zhigalov1993"},     // ISO 9, diacritics folded
		{"author:жигалов", "zhigalov1993"},     // same script, another case
		{"Назарбаев", "zhigalov1993 vais2012"}, // Cyrillic query, both scripts of the titles
		{"Nazarbayev", "zhigalov1993 vais2012"},
		{"Nazarbaev", "zhigalov1993 vais2012"}, // LC and GOST spelling of Назарбаев
		{"year:1990..1995", "kazpravda1992 zhigalov1993 strategy1992"},
		{"type:article-newspaper -year:2012", "kazpravda1992 konyrova-reconciliation"}, // undated counts as not 2012
		{"author:Konyrova", "konyrova-reconciliation"},
		{`"nuclear lesson"`, "vais2012"}, // a phrase, across the curly quotes of the title
	})
}

// TestCrossScript: Cyrillic terms find Latin text and Latin terms find
// Cyrillic text, through every scheme, in both Russian and Kazakh.
func TestCrossScript(t *testing.T) {
	lib := load(t, filepath.Join("testdata", "mixed.toml"))
	run(t, lib, []struct{ query, want string }{
		{"Назарбаев", "olcott2010 nazarbaev1996"},  // BGN Nazarbayev in a Latin title; the Cyrillic author
		{"Nazarbayev", "olcott2010 nazarbaev1996"}, // and back
		{"author:Nazarbaev", "nazarbaev1996"},      // GOST B / LC
		{"author:Назарбаев", "nazarbaev1996"},      // a name field only: Olcott's title does not count
		{"Qazaqstan", "kazakh2015"},                // BGN/PCGN Kazakh: Қ is q
		{"Kazakhstan", "olcott2010 undated"},       // the Russian Казахстан of a name; Қазақстан is Qazaqstan or Ķazaķstan
		{"Ķazaķstan", "kazakh2015"},                // ISO 9 Kazakh
		{"Qazaqstan sayasaty", "kazakh2015"},
		{"syrtky", "kazakh2015"},            // GOST B / LC ASCII of сыртқы
		{"Ozgur", "ozge2019"},               // diacritics
		{"özgür", "ozge2019"},               // folded both ways
		{"title:elka", "ozge2019"},          // Ё (ё) in a Turkish title, romanised
		{"етюдлери", "ozge2019"},            // ISO 9 etûdleri, folded: Etüdleri
		{"container:Etudleri", "ozge2019"},  // container-title
		{"publisher:Onor", ""},              // Өнер: no scheme writes е as o
		{"publisher:Öner", "nazarbaev1996"}, // ISO 9 / LC: ö
		{"place:Almaty", "nazarbaev1996"},   // publisher-place
		{"editor:Ministry", "undated"},      // a literal's translated form
		{"editor:Министерство", "undated"},  // the literal itself
		{"name:ministerstvo", "undated"},    // romanised literal, any role
		{"Ministry", "undated"},             // free words search names
		{"year:2010..", "olcott2010 ozge2019 kazakh2015"},
		{"year:..1996", "nazarbaev1996"},
		{"year:2019", "ozge2019"},
		{"year:1990-2011", "olcott2010 nazarbaev1996"},
		{"lang:ru", "nazarbaev1996"},
		{"lang:RU", "nazarbaev1996"},
		{"has:DOI", "nazarbaev1996"},
		{"has:doi", "nazarbaev1996"},
		{"missing:issued", "undated"},
		{"missing:accessed type:webpage", "kazakh2015"},
		{"has:aliases", "undated"},
		{"id:old-key", "undated"},
		{"id:olc", "olcott2010"},
		{"DOI:10.1234", "nazarbaev1996"},
		{"URL:example.kz", "kazakh2015"},
		{"issued:2019-03", "ozge2019"},
		{"volume:5", "ozge2019"},
		{"-lang:ru -lang:kk", "olcott2010 ozge2019 undated"},
		{"republic promise", "olcott2010"}, // free words all hold
		{"republic report", ""},
		{"NAZARBAYEV'S", "olcott2010"},
		{"promis", "olcott2010"}, // a word start
		{"romise", ""},           // not inside a word
	})
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ query, want string }{
		{"", "the query is empty"},
		{"   ", "the query is empty"},
		{"autor:Zhigalov", `unknown field "autor"`},
		{"author:", "needs a value"},
		{"year:199x", "takes a year or a range"},
		{"year:1995..1990", "ends before it starts"},
		{"year:..", "at least one end"},
		{"type:journal", `unknown type "journal"`},
		{"has:frobnicate", `"frobnicate" is not one`},
		{"lang:рус", "language tag"},
		{`title:"open`, "not closed"},
		{"title:!!", "no letters or digits"},
	}
	for _, tt := range tests {
		_, err := search.Parse(tt.query)
		var qe *search.Error
		if !errors.As(err, &qe) {
			t.Errorf("Parse(%q) error = %v; want a *search.Error", tt.query, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %q; want it to contain %q", tt.query, err, tt.want)
		}
	}
}
