package cli

import "testing"

// TestFormat runs `cite format` end to end on the essay's references and
// on a small library of Russian, Kazakh and English records.
func TestFormat(t *testing.T) {
	const essay = "../../refs/references.toml"
	const small = "testdata/format/library.toml"
	runGolden(t, "format", []cliCase{
		{name: "essay-gost", args: []string{"--library", essay, "format", "--style", "gost"}},
		{name: "essay-apa", args: []string{"--library", essay, "format", "--style", "apa"}},
		{name: "essay-gost-2008", args: []string{"--library", essay, "format", "--style", "gost-2008"}},
		{name: "essay-gost-alphabetical", args: []string{"--library", essay, "format", "--style", "gost-alphabetical"}},
		{name: "cite-apa", args: []string{"--library", essay, "format", "--style", "apa", "--cite", "zhigalov1993@9"}},
		{name: "cite-gost", args: []string{"--library", essay, "format", "--style", "gost", "--cite", "zhigalov1993@9"}},
		{name: "cite-gost-2008", args: []string{"--library", essay, "format", "--style", "gost-2008", "--cite", "zhigalov1993@9"}},
		{name: "cite-gost-cluster", args: []string{"--library", essay, "format", "--style", "gost", "--cite", "vais2012", "--cite", "zhigalov1993@9", "--cite", "strategy1992"}},
		{name: "cite-apa-cluster", args: []string{"--library", essay, "format", "--style", "apa", "--cite", "zhigalov1993@9", "--cite", "konyrova-reconciliation", "--cite", "mfa2013disarmament"}},
		{name: "cite-english-page", args: []string{"--library", small, "format", "--style", "gost", "--cite", "smith2019@50, 52"}},
		{name: "cite-kazakh-chapter", args: []string{"--library", small, "format", "--style", "gost", "--cite", "omarov2021@chapter:2"}},
		{name: "cite-apa-et-al", args: []string{"--library", small, "format", "--style", "apa", "--cite", "omarov2021@12", "--cite", "smith2019"}},
		{name: "ids-keep-numbers", args: []string{"--library", essay, "format", "--style", "gost", "vais2012", "zhigalov1993"}},
		{name: "small-text", args: []string{"--library", small, "format", "--style", "gost"}},
		{name: "small-html", args: []string{"--library", small, "format", "--style", "gost", "--to", "html"}},
		{name: "small-markdown", args: []string{"--library", small, "format", "--style", "apa", "--to", "markdown"}},
		{name: "small-rtf", args: []string{"--library", small, "format", "--style", "apa", "--to", "rtf"}},
		{name: "romanize-gost", args: []string{"--library", small, "format", "--style", "gost", "--romanize", "lc-ascii"}},
		{name: "romanize-gost-html", args: []string{"--library", small, "format", "--style", "gost", "--romanize", "iso9", "--to", "html"}},
		{name: "romanize-apa", args: []string{"--library", small, "format", "--style", "apa", "--romanize", "gost-b"}},
		{name: "style-file", args: []string{"--library", small, "format", "--style", "../../styles/gost-2008.csl"}},
		{name: "locale", args: []string{"--library", small, "format", "--style", "gost", "--locale", "en-US"}},
		{name: "no-style", args: []string{"--library", small, "format"}, code: ExitUsage},
		{name: "unknown-style", args: []string{"--library", small, "format", "--style", "mla"}, code: ExitUsage},
		{name: "missing-style-file", args: []string{"--library", small, "format", "--style", "testdata/format/none.csl"}, code: ExitUsage},
		{name: "unknown-id", args: []string{"--library", small, "format", "--style", "gost", "nobody2000"}, code: ExitUsage},
		{name: "unknown-cite", args: []string{"--library", small, "format", "--style", "gost", "--cite", "nobody2000@3"}, code: ExitUsage},
		{name: "bad-to", args: []string{"--library", small, "format", "--style", "gost", "--to", "pdf"}, code: ExitUsage},
		{name: "bad-scheme", args: []string{"--library", small, "format", "--style", "gost", "--romanize", "klingon"}, code: ExitUsage},
		{name: "ids-and-cite", args: []string{"--library", small, "format", "--style", "gost", "--cite", "smith2019", "ivanova2020"}, code: ExitUsage},
	})
}
