package check

import (
	"fmt"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

// at returns a copy of e with a new id at line n of file f.
func at(e *bib.Entry, id string, line int) *bib.Entry {
	c := clone(e)
	c.ID = id
	c.Pos = bib.Pos{File: testFile, Line: line}
	for k, p := range c.Positions() {
		p.Line += line - e.Pos.Line
		c.SetPos(k, p)
	}
	for role, ns := range c.AllNames() {
		for i := range ns {
			ns[i].Pos.Line += line - e.Pos.Line
		}
		c.SetNames(role, ns)
	}
	return c
}

func TestConsistencyRules(t *testing.T) {
	zh := with(book, "author", "Жигалов|К. В.")
	runCases(t, []ruleCase{
		{name: "initials spelled two ways",
			lib:  library(at(zh, "a", 1), at(with(zh, "author", "Жигалов|К.В."), "b", 100)),
			code: CodeNameVariant, field: "author",
			msg: `author "Жигалов, К.В." is spelled "Жигалов, К. В." in a (t.toml:11): use one spelling`},
		{name: "family in capitals", lib: library(at(zh, "a", 1), at(with(zh, "author", "ЖИГАЛОВ|К. В."), "b", 100)),
			code: CodeNameVariant, field: "author"},
		{name: "ё and е", lib: library(at(with(zh, "author", "Королёв|С. П."), "a", 1), at(with(zh, "author", "Королев|С. П."), "b", 100)),
			code: CodeNameVariant, field: "author"},
		{name: "other initials are another person", lib: library(at(zh, "a", 1), at(with(zh, "author", "Жигалов|А. В."), "b", 100)),
			code: CodeNameVariant, absent: true},
		{name: "full name and initials are not a misspelling", lib: library(at(zh, "a", 1), at(with(zh, "author", "Жигалов|Константин Васильевич"), "b", 100)),
			code: CodeNameVariant, absent: true},
		{name: "given name one letter apart", lib: library(at(with(zh, "author", "Nazarbayev|Nursultan"), "a", 1), at(with(zh, "author", "Nazarbayev|Nursoultan"), "b", 100)),
			code: CodeNameVariant, field: "author", msg: `is spelled "Nazarbayev, Nursultan" in a`},
		{name: "other given names are other persons", lib: library(at(with(zh, "author", "Nazarbayev|Nursultan"), "a", 1), at(with(zh, "author", "Nazarbayev|Nikolai"), "b", 100)),
			code: CodeNameVariant, absent: true},
		{name: "family one letter apart", lib: library(at(with(zh, "author", "Назарбаев|Н. А."), "a", 1), at(with(zh, "author", "Назарбев|Н. А."), "b", 100)),
			code: CodeNameVariant, field: "author", msg: "one letter apart: use one spelling if they are the same person"},
		{name: "masculine and feminine forms", lib: library(at(with(zh, "author", "Иванов|И. И."), "a", 1), at(with(zh, "author", "Иванова|И. И."), "b", 100)),
			code: CodeNameVariant, absent: true},
		{name: "the majority spelling is the reference",
			lib:  library(at(with(zh, "author", "Жигалов|К.В."), "a", 1), at(zh, "b", 100), at(zh, "c", 200)),
			code: CodeNameVariant, field: "author", msg: `author "Жигалов, К.В." is spelled "Жигалов, К. В." in b (t.toml:110)`},
		{name: "same spelling", lib: library(at(zh, "a", 1), at(zh, "b", 100)), code: CodeNameVariant, absent: true},
		{name: "container spelled two ways",
			lib:  library(at(article, "a", 1), at(with(article, "title", "Other", "container-title", "Central Asian survey"), "b", 100)),
			code: CodeOutletVariant, field: "container-title", msg: `container-title "Central Asian survey" is spelled "Central Asian Survey" in a (t.toml:6)`},
		{name: "container one letter apart",
			lib:  library(at(article, "a", 1), at(with(article, "title", "Other", "container-title", "Central Asian Surwey"), "b", 100)),
			code: CodeOutletVariant, field: "container-title", msg: "one letter apart"},
		{name: "series letters are different journals",
			lib:  library(at(with(article, "container-title", "Journal of Physics A"), "a", 1), at(with(article, "title", "Other", "container-title", "Journal of Physics B"), "b", 100)),
			code: CodeOutletVariant, absent: true},
		{name: "publisher spelled two ways", lib: library(at(book, "a", 1), at(with(book, "title", "Другое", "publisher", "НАУКА"), "b", 100)),
			code: CodeOutletVariant, field: "publisher"},
		{name: "same DOI", lib: library(at(article, "a", 1), at(with(article, "title", "Other title"), "b", 100)),
			code: CodeDuplicate, field: "DOI", msg: "probably the same work as a (t.toml:"},
		{name: "the fix is a cite merge command", lib: library(at(article, "a", 1), at(with(article, "title", "Other title"), "b", 100)),
			code: CodeDuplicate, field: "DOI", msg: "merge them with `cite merge a b` (the old id stays an alias)"},
		{name: "DOI case and resolver do not matter", lib: library(at(article, "a", 1), at(with(article, "title", "Other", "DOI", "https://doi.org/10.1080/02634937.2016.1234567"), "b", 100)),
			code: CodeDuplicate, field: "DOI"},
		{name: "same ISBN written as ISBN-10 and ISBN-13", lib: library(at(with(book, "ISBN", "0-306-40615-2"), "a", 1), at(with(book, "title", "История Казахстана: очерки", "issued", "1997", "ISBN", "978-0-306-40615-7"), "b", 100)),
			code: CodeDuplicate, field: "ISBN"},
		// Papers of one proceedings volume typed as books (Better BibTeX's
		// papers3 exports) share its ISBN; their DOIs or titles tell them apart.
		{name: "shared ISBN, different DOIs", lib: library(at(with(book, "ISBN", "978-1-4503-2273-7", "DOI", "10.1145/2493190.2493237"), "a", 1), at(with(book, "title", "История Казахстана в XX веке", "ISBN", "978-1-4503-2273-7", "DOI", "10.1145/2493190.2493220"), "b", 100)),
			code: CodeDuplicate, absent: true},
		{name: "shared ISBN, clearly different titles", lib: library(at(with(book, "ISBN", "0-306-40615-2"), "a", 1), at(with(book, "title", "Другая книга о степи", "issued", "1997", "ISBN", "978-0-306-40615-7"), "b", 100)),
			code: CodeDuplicate, absent: true},
		{name: "chapters share their book's ISBN", lib: library(at(with(chapter, "ISBN", "0-306-40615-2"), "a", 1), at(with(chapter, "title", "Other", "ISBN", "0-306-40615-2"), "b", 100)),
			code: CodeDuplicate, absent: true},
		{name: "same URL", lib: library(at(webpage, "a", 1), at(with(webpage, "title", "Other", "URL", "http://gov.kz/memleket/entities/mfa/"), "b", 100)),
			code: CodeDuplicate, field: "URL"},
		{name: "same title, year and author", lib: library(at(book, "a", 1), at(with(book, "title", "История  Казахстана.", "ISBN", ""), "b", 100)),
			code: CodeDuplicate, field: "title", msg: "same title, year and first author"},
		{name: "all reasons in one finding", lib: library(at(article, "a", 1), at(article, "b", 100)),
			code: CodeDuplicate, field: "DOI", msg: "same DOI 10.1080/02634937.2016.1234567, title, year and first author"},
		{name: "other year", lib: library(at(book, "a", 1), at(with(book, "issued", "2011", "ISBN", ""), "b", 100)), code: CodeDuplicate, absent: true},
		{name: "one id twice is the loader's", lib: library(at(book, "a", 1), at(book, "a", 100)), code: CodeDuplicate, absent: true},
	})
}

// TestDuplicateOnLaterEntry checks that a duplicate is reported once, on
// the later entry, naming the first.
func TestDuplicateOnLaterEntry(t *testing.T) {
	l := library(at(article, "first", 1), at(article, "second", 100), at(article, "third", 200))
	var got []string
	for _, d := range run(t, l, "all") {
		if d.Code == CodeDuplicate {
			got = append(got, fmt.Sprintf("%s:%d", d.Ref, d.Pos.Line))
		}
	}
	if fmt.Sprint(got) != "[second:109 third:209]" {
		t.Errorf("duplicates = %v; want [second:109 third:209]", got)
	}
}

func TestWithinOne(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"назарбаев", "назарбаев", true},
		{"назарбаев", "назарбев", true},
		{"назарбаев", "назарбаевв", true},
		{"назарбаев", "назорбаев", true},
		{"назарбаев", "нозорбаев", false},
		{"abc", "abcde", false},
		{"", "a", true},
	}
	for _, tt := range tests {
		if got := withinOne([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("withinOne(%q, %q) = %v; want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDeletionHashes checks the property the fuzzy index relies on: two
// strings one edit apart share a hash.
func TestDeletionHashes(t *testing.T) {
	pairs := [][2]string{{"назарбаев", "назарбев"}, {"kazinform", "kazimform"}, {"abcdef", "abcdefg"}, {"xabcde", "abcde"}}
	for _, p := range pairs {
		ha, hb := deletionHashes([]rune(p[0]), 7), deletionHashes([]rune(p[1]), 7)
		shared := false
		for _, x := range ha {
			for _, y := range hb {
				shared = shared || x == y
			}
		}
		if !shared {
			t.Errorf("deletionHashes(%q) and deletionHashes(%q) share no hash; want one", p[0], p[1])
		}
	}
}

func TestNormKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Central Asian Survey", "central asian survey"},
		{"  Central-Asian  Survey. ", "central asian survey"},
		{"Королёв", "королев"},
		{"Université", "universite"},
		{"Қазақ университеті", "қазақ университеті"},
	}
	for _, tt := range tests {
		if got := normKey(tt.in); got != tt.want {
			t.Errorf("normKey(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
