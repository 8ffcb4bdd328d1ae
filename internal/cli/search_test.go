package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestSearchGolden(t *testing.T) {
	refs := filepath.Join("..", "..", "refs")
	mixed := filepath.Join("..", "search", "testdata", "mixed.toml")
	runGolden(t, "search", []cliCase{
		{"author-zhigalov", []string{"--library", refs, "search", "author:Zhigalov"}, 0},
		{"nazarbaev-cyrillic", []string{"--library", refs, "search", "Назарбаев"}, 0},
		{"ids", []string{"--library", refs, "search", "year:1990..1995", "--ids"}, 0},
		{"json", []string{"--library", refs, "search", "author:Vays", "--format", "json"}, 0},
		{"negated-first", []string{"--library", refs, "search", "-type:article-newspaper", "lang:ru", "--ids"}, 0},
		{"cross-script", []string{"--library", mixed, "search", "Nazarbayev"}, 0},
		{"none", []string{"--library", refs, "search", "author:Tolstoy"}, 1},
		{"unknown-field", []string{"--library", refs, "search", "autor:Zhigalov"}, 2},
		{"bad-year", []string{"--library", refs, "search", "year:1995..1990"}, 2},
		{"no-query", []string{"--library", refs, "search"}, 2},
		{"list-filter", []string{"--library", refs, "list", "--filter", "lang:ru has:URL"}, 0},
		{"list-filter-json", []string{"--library", refs, "list", "--filter", "id:kaz", "--format", "json"}, 0},
		{"list-filter-bad", []string{"--library", refs, "list", "--filter", "type:journal"}, 2},
	})
}

func TestSearchHelp(t *testing.T) {
	for _, args := range [][]string{{"search", "--help"}, {"search", "-h"}} {
		code, out, _ := runCite(t, "", args...)
		if code != 0 || !strings.Contains(out, "Examples:") || !strings.Contains(out, "author:Zhigalov") {
			t.Errorf("cite %v = %d\n%s", args, code, out)
		}
	}
}
