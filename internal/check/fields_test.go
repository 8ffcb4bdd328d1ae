package check

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

func TestRequiredFields(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "book without title", e: with(book, "title", ""), code: CodeMissingField, field: "title",
			msg: `missing title; APA 7 and GOST R 7.0.100-2018 require the title for a book: add title = "..."`},
		{name: "book without publisher", e: with(book, "publisher", ""), code: CodeMissingField, field: "publisher",
			msg: "APA 7 and GOST R 7.0.100-2018 require the publisher for a book"},
		{name: "book without place, gost", e: with(book, "publisher-place", ""), style: "gost", code: CodeMissingField, field: "publisher-place",
			msg: "GOST R 7.0.100-2018 requires the place of publication"},
		{name: "book without place, apa", e: with(book, "publisher-place", ""), style: "apa", code: CodeMissingField, absent: true},
		{name: "book without place, all", e: with(book, "publisher-place", ""), style: "all", code: CodeMissingField, field: "publisher-place",
			msg: "missing publisher-place; GOST R 7.0.100-2018 requires"},
		{name: "chapter without container", e: with(chapter, "container-title", ""), code: CodeMissingField, field: "container-title",
			msg: "the title of the book it appears in for a chapter"},
		{name: "chapter without page, gost", e: with(chapter, "page", ""), style: "gost", code: CodeMissingField, field: "page",
			msg: "for a printed part of a larger work"},
		{name: "journal article without volume and issue", e: with(article, "volume", "", "issue", ""), code: CodeMissingField, field: "volume",
			msg: `missing volume and issue; APA 7 and GOST R 7.0.100-2018 require the volume or the issue number for a journal article: add volume = "..." or issue = "..."`},
		{name: "journal article with issue only", e: with(article, "volume", ""), code: CodeMissingField, absent: true},
		// Papers exports conference papers as @article with the
		// proceedings as the journal.
		{name: "proceedings as a journal", e: with(article, "volume", "", "issue", "", "container-title", "CHI '09: Proceedings of the SIGCHI Conference on Human Factors in Computing Systems"),
			code: CodeProceedingsAsArticle, field: "type", msg: `probably a conference paper; write type = "paper-conference"`},
		{name: "proceedings as a journal, checked as a paper", e: with(article, "volume", "", "issue", "", "container-title", "CHI '09: Proceedings of the SIGCHI Conference"),
			code: CodeMissingField, absent: true},
		{name: "a journal named Proceedings has volumes", e: with(article, "container-title", "Proceedings of the National Academy of Sciences"),
			code: CodeProceedingsAsArticle, absent: true},
		{name: "journal article without container", e: with(article, "container-title", ""), code: CodeMissingField, field: "container-title", msg: "the journal's name"},
		{name: "newspaper without date", e: with(newspaper, "issued", ""), code: CodeMissingField, field: "issued", msg: "the date of the issue"},
		{name: "web page without URL", e: with(webpage, "URL", ""), code: CodeMissingField, field: "URL",
			msg: `missing URL; APA 7 and GOST R 7.0.100-2018 require the URL for a web page: add URL = "https://..."`},
		{name: "web page by a person without site name, apa", e: with(webpage, "author", "Smith|J."), style: "apa", code: CodeMissingField, field: "container-title",
			msg: "APA 7 requires the site name"},
		{name: "web page by the site's institution", e: webpage, style: "apa", code: CodeMissingField, absent: true},
		{name: "online without access date, gost", e: with(article, "URL", "https://example.org/a", "DOI", ""), style: "gost", code: CodeMissingField, field: "accessed",
			msg: "GOST R 7.0.100-2018 requires the access date (дата обращения) for an online resource"},
		{name: "online by medium, gost", e: with(book, "medium", "Электронный ресурс"), style: "gost", code: CodeMissingField, field: "URL",
			msg: "for an online resource"},
		{name: "online without access date, apa", e: with(article, "URL", "https://example.org/a"), style: "apa", code: CodeMissingField, absent: true},
		{name: "thesis without genre", e: with(thesis, "genre", ""), code: CodeMissingField, field: "genre", msg: "the kind of thesis"},
		{name: "thesis without university", e: with(thesis, "publisher", ""), code: CodeMissingField, field: "publisher", msg: "the university"},
		{name: "report without publisher or authority", e: with(report, "publisher", ""), code: CodeMissingField, field: "publisher",
			msg: "missing publisher and authority"},
		{name: "report with authority", e: with(report, "publisher", "", "authority", "World Bank"), code: CodeMissingField, absent: true},
		{name: "law without number or authority", e: with(law, "number", ""), code: CodeMissingField, field: "number", msg: "the number or the enacting authority for a law"},
		{name: "non-English title without translation, apa", e: with(book, "title-translated", ""), style: "apa", code: CodeMissingField, field: "title-translated",
			msg: "APA 7 requires an English translation of the title"},
		{name: "non-English title without translation, gost", e: with(book, "title-translated", ""), style: "gost", code: CodeMissingField, absent: true},
		{name: "Cyrillic title without language", e: with(book, "language", "", "title-translated", ""), style: "apa", code: CodeMissingField, field: "title-translated"},
		{name: "English title needs no translation", e: article, code: CodeMissingField, absent: true},
		{name: "unknown type still needs a title", e: ent("x", "map", "issued", "2000"), code: CodeMissingField, field: "title", msg: "for a map"},
	})
}

func TestRecommendedFields(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "book without author", e: with(book, "author", ""), code: CodeRecommendedField, field: "author",
			msg: "missing author; APA 7 and GOST R 7.0.100-2018 recommend the author for a book"},
		{name: "edited book with editor only", e: with(ent("c", "collection", "title", "Essays", "issued", "2000", "publisher", "P", "publisher-place", "L", "number-of-pages", "9"), "editor", "Green|L."),
			code: CodeRecommendedField, absent: true},
		{name: "law needs no author", e: law, code: CodeRecommendedField, absent: true},
		{name: "web page with a site name needs no author", e: with(webpage, "author", "", "container-title", "Akorda"), code: CodeRecommendedField, absent: true},
		{name: "book without page count, gost", e: with(book, "number-of-pages", ""), style: "gost", code: CodeRecommendedField, field: "number-of-pages"},
		{name: "book without page count, apa", e: with(book, "number-of-pages", ""), style: "apa", code: CodeRecommendedField, absent: true},
		{name: "journal article without DOI, apa", e: with(article, "DOI", ""), style: "apa", code: CodeRecommendedField, field: "DOI",
			msg: `missing DOI; APA 7 recommends the DOI for a journal article that has one: add DOI = "10.NNNN/..."`},
		{name: "journal article without DOI, gost", e: with(article, "DOI", ""), style: "gost", code: CodeRecommendedField, absent: true},
		{name: "chapter without editor", e: with(chapter, "editor", ""), code: CodeRecommendedField, field: "editor"},
		{name: "online newspaper has no page", e: with(newspaper, "page", "", "URL", "https://kazinform.kz/a", "accessed", "2020-01-01"), code: CodeRecommendedField, absent: true},
		{name: "print newspaper without page is required by gost", e: with(newspaper, "page", ""), style: "all", code: CodeMissingField, field: "page",
			msg: "GOST R 7.0.100-2018 requires the pages for a printed part of a larger work (APA 7 recommends it)"},
		{name: "Cyrillic title without language", e: with(book, "language", ""), code: CodeRecommendedField, field: "language", msg: `add language = "ru" (or "kk", …)`},
	})
}

func TestUndatedAndIncompleteDates(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "book without date", e: with(book, "issued", ""), code: CodeUndated, field: "issued",
			msg: `APA 7 prints "n.d." and GOST R 7.0.100-2018 "[б. г.]" for an undated work`},
		{name: "book without date, apa", e: with(book, "issued", ""), style: "apa", code: CodeUndated, field: "issued", msg: `missing issued; APA 7 prints "n.d." for an undated work`},
		{name: "undated in note", e: with(book, "issued", "", "note", "Undated leaflet"), code: CodeUndated, absent: true},
		{name: "б. г. in note", e: with(book, "issued", "", "note", "[б. г.]"), code: CodeUndated, absent: true},
		{name: "literal n.d.", e: with(book, "issued", "n.d."), code: CodeUndated, absent: true},
		{name: "newspaper without date is an error, not undated", e: with(newspaper, "issued", ""), code: CodeUndated, absent: true},
		{name: "newspaper with a year only", e: with(newspaper, "issued", "2016"), code: CodeIncompleteDate, field: "issued",
			msg: `issued gives only 2016; APA 7 and GOST R 7.0.100-2018 print the full date of a newspaper issue: write issued = "2016-MM-DD"`},
		{name: "newspaper with a month", e: with(newspaper, "issued", "2016-06"), code: CodeIncompleteDate, field: "issued"},
		{name: "newspaper with a full date", e: newspaper, code: CodeIncompleteDate, absent: true},
	})
}

func TestStyleNames(t *testing.T) {
	tests := []struct {
		apa, gost bool
		want      string
		plural    bool
	}{
		{true, true, "APA 7 and GOST R 7.0.100-2018", true},
		{true, false, "APA 7", false},
		{false, true, "GOST R 7.0.100-2018", false},
		{false, false, "", false},
	}
	for _, tt := range tests {
		got, plural := styleNames(tt.apa, tt.gost)
		if got != tt.want || plural != tt.plural {
			t.Errorf("styleNames(%v, %v) = %q, %v; want %q, %v", tt.apa, tt.gost, got, plural, tt.want, tt.plural)
		}
	}
}

// TestEveryTypeHasANoun keeps messages grammatical for every CSL type.
func TestEveryTypeHasANoun(t *testing.T) {
	for _, typ := range bib.Types() {
		got := nounFor(typ)
		article, rest, _ := strings.Cut(got, " ")
		vowel := rest != "" && strings.ContainsRune("aeiou", rune(rest[0]))
		if got != "software" && !(article == "a" && !vowel || article == "an" && vowel) {
			t.Errorf("nounFor(%q) = %q; want a noun phrase with a or an", typ, got)
		}
	}
}

func TestTemplateFields(t *testing.T) {
	tests := []struct{ typ, want string }{
		{"book", "title number-of-pages publisher publisher-place issued author"},
		{"webpage", "title container-title issued URL accessed author"},
		{"legislation", "title number issued"},
		{"article-journal", "title container-title volume issue page issued DOI author"},
	}
	for _, tt := range tests {
		if got := strings.Join(TemplateFields(tt.typ), " "); got != tt.want {
			t.Errorf("TemplateFields(%q) = %q; want %q", tt.typ, got, tt.want)
		}
	}
}

// TestTranslationWarning: without a target style, APA's title-translated
// requirement for a work not in English is a warning, not an error.
func TestTranslationWarning(t *testing.T) {
	e := with(book, "title-translated", "")
	lib := library(at(e, "a", 1))
	code := func(opts Options) string {
		for _, d := range Run(lib, opts) {
			if d.Field == "title-translated" {
				return d.Code + " " + d.Severity.String()
			}
		}
		return ""
	}
	if got := code(Options{Style: StyleAll}); got != "missing-field error" {
		t.Errorf("--style all: %q; want missing-field error", got)
	}
	if got := code(Options{Style: StyleAll, TranslationWarning: true}); got != "recommended-field warning" {
		t.Errorf("default: %q; want recommended-field warning", got)
	}
	if got := code(Options{Style: StyleGOST, TranslationWarning: true}); got != "" {
		t.Errorf("GOST: %q; want nothing", got)
	}
}
