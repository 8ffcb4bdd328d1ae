package check

import "testing"

func TestTextRules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "all capitals", e: with(webpage, "title", "САММИТ ОБСЕ В АСТАНЕ"), code: CodeAllCaps, field: "title", msg: `title "САММИТ ОБСЕ В АСТАНЕ" is in all capitals`},
		{name: "acronym alone", e: with(webpage, "title", "NATO"), code: CodeAllCaps, absent: true},
		{name: "acronyms in a sentence", e: with(webpage, "title", "Саммит ОБСЕ в Астане"), code: CodeAllCaps, absent: true},
		{name: "all-caps container", e: with(article, "container-title", "CENTRAL ASIAN SURVEY"), code: CodeAllCaps, field: "container-title"},
		{name: "all-caps publisher is not a title", e: with(book, "publisher", "НАУКА И ТЕХНИКА"), code: CodeAllCaps, absent: true},
		{name: "trailing space", e: with(book, "publisher", "Наука "), code: CodeWhitespace, field: "publisher", msg: `publisher has a trailing space: write publisher = "Наука"`},
		{name: "leading and doubled", e: with(article, "title", " Foreign  policy"), code: CodeWhitespace, field: "title", msg: "has a leading space and doubled spaces"},
		{name: "line break", e: with(article, "title", "Foreign\npolicy"), code: CodeWhitespace, field: "title", msg: "a tab or line break"},
		{name: "notes are free prose", e: with(article, "note", "Konyrova ,  quoted"), code: CodeWhitespace, absent: true},
		{name: "space before comma", e: with(article, "title", "Konyrova , Kazakhstan plays key role"), code: CodeSpaceBeforePunct, field: "title",
			msg: `title has a space before punctuation in "Konyrova ,": remove the space`},
		{name: "GOST colon is fine", e: with(book, "title", "История : учебник"), code: CodeSpaceBeforePunct, absent: true},
		{name: "mixed script", e: with(book, "publisher", "Нaука"), code: CodeMixedScript, field: "publisher", msg: `(Latin "a")`},
		{name: "hyphenated mixed words are fine", e: with(book, "title", "IT-компании Казахстана"), code: CodeMixedScript, absent: true},
		{name: "run-together years in a title", e: with(webpage, "title", "Концепция внешней политики РК на 20142020 гг."), code: CodeRunTogetherYears, field: "title",
			msg: `title has "20142020", which looks like the years 2014–2020 run together: write "2014–2020"`},
		{name: "document number is not years", e: with(webpage, "title", "Document 30006969"), code: CodeRunTogetherYears, absent: true},
		{name: "romanised Russian container, gost", e: with(newspaper, "language", "ru", "title", "Статья", "title-translated", "Article", "container-title", "Kazakhstanskaya pravda"), style: "gost",
			code: CodeScriptMismatch, field: "container-title", msg: "write container-title in Cyrillic and keep this form as container-title-translit"},
		{name: "romanised Russian container, apa", e: with(newspaper, "language", "ru", "title", "Статья", "title-translated", "Article", "container-title", "Kazakhstanskaya pravda"), style: "apa",
			code: CodeScriptMismatch, absent: true},
		{name: "Cyrillic title tagged English", e: with(article, "title", "Внешняя политика"), code: CodeScriptMismatch, field: "title", msg: `but language "en" is written in Latin: check language`},
	})
}

func TestIsAllCaps(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"САММИТ ОБСЕ В АСТАНЕ", true},
		{"ВВЕДЕНИЕ", true},
		{"UNESCO", false},
		{"ОБСЕ", false},
		{"Саммит ОБСЕ", false},
		{"COVID-19 IN KAZAKHSTAN", true},
		{"", false},
	}
	for _, tt := range tests {
		if got := isAllCaps(tt.in); got != tt.want {
			t.Errorf("isAllCaps(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}
