package check

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/bib"
)

// essayFile is where the lead's loader places the essay's references.
const essayFile = "refs/references.toml"

// essayLibrary builds the eight references of the seed essay as
// refs/references.toml records them: what the essay gives and nothing
// more, plus English translations of the titles marked as added in note.
func essayLibrary() *bib.Library {
	lib := &bib.Library{}
	line := 10
	add := func(id, typ string, fields map[string]string, dates map[string]string, names ...bib.Name) {
		e := bib.NewEntry(id, typ)
		line += 2
		e.Pos = bib.Pos{File: essayFile, Line: line}
		e.SetPos("id", bib.Pos{File: essayFile, Line: line + 1})
		e.SetPos("type", bib.Pos{File: essayFile, Line: line + 2})
		line += 2
		for _, k := range bib.SortVariables(keys(fields)) {
			line++
			e.Set(k, fields[k])
			e.SetPos(k, bib.Pos{File: essayFile, Line: line})
		}
		for _, k := range bib.SortVariables(keys(dates)) {
			line++
			d, err := bib.ParseDate(dates[k])
			if err != nil {
				panic(err)
			}
			d.Pos = bib.Pos{File: essayFile, Line: line}
			e.SetDate(k, d)
			e.SetPos(k, d.Pos)
		}
		for _, nm := range names {
			line += 2
			nm.Pos = bib.Pos{File: essayFile, Line: line}
			if _, ok := e.KeyPos("author"); !ok {
				e.SetPos("author", nm.Pos)
			}
			e.AddName("author", nm)
			line += 2
		}
		if err := lib.Add(e); err != nil {
			panic(err)
		}
	}
	add("kazpravda1992", "article-newspaper", map[string]string{
		"language":        "ru",
		"container-title": "Kazakhstanskaya pravda",
		"note":            `Essay [1]: "Kazakhstanskaya pravda, May 16, 1992". The essay gives neither title, author nor page of the article.`,
	}, map[string]string{"issued": "1992-05-16"})
	add("zhigalov1993", "book", map[string]string{
		"language":         "ru",
		"title":            "Первый Президент Республики Казахстан Нурсултан Назарбаев",
		"title-translated": "The first President of the Republic of Kazakhstan Nursultan Nazarbayev",
		"publisher-place":  "Алматы",
		"note":             `Essay [2]. The essay's entry ends "– С. 9.", the page it cites. title-translated added.`,
	}, map[string]string{"issued": "1993"},
		bib.Name{Family: "Жигалов", Given: "К.В."}, bib.Name{Family: "Султанов", Given: "Б.К."})
	add("strategy1992", "document", map[string]string{
		"language":         "ru",
		"title":            "Стратегия становления и развития Казахстана как суверенного государства",
		"title-translated": "Strategy for the formation and development of Kazakhstan as a sovereign state",
		"URL":              "http:// Document/?doc_id=30006969",
		"note":             "Essay [3]. title-translated added.",
	}, map[string]string{"issued": "1992-05-16"})
	add("vais2012", "article-newspaper", map[string]string{
		"language":         "ru",
		"title":            "Назарбаев дает «ядерный урок» Ахмадинежаду",
		"title-translated": "Nazarbayev gives Ahmadinejad a “nuclear lesson”",
		"URL":              "nuclear_security_iran_kazakhstan_nursultan_nazarbaev/24528484.html",
		"note":             "Essay [4]. title-translated added.",
	}, map[string]string{"issued": "2012-03-27"}, bib.Name{Family: "Вайс", Given: "А."})
	mfa := bib.Name{Literal: "Министерство иностранных дел Республики Казахстан",
		Alt: map[string]string{"literal-translated": "Ministry of Foreign Affairs of the Republic of Kazakhstan"}}
	add("mfa2013disarmament", "webpage", map[string]string{
		"language":         "ru",
		"title":            "Разоружение и ядерное нераспространение",
		"title-translated": "Disarmament and nuclear non-proliferation",
		"note":             "Essay [5]. title-translated added.",
	}, map[string]string{"issued": "2013-12-04"}, mfa)
	add("mfa2014concept", "webpage", map[string]string{
		"language":         "ru",
		"title":            "Концепция внешней политики РК на 20142020 гг.",
		"title-translated": "Foreign policy concept of the Republic of Kazakhstan for 2014–2020",
		"note":             `Essay [6]. The title is copied with the years run together ("20142020"). title-translated added.`,
	}, map[string]string{"issued": "2014-04-25"}, mfa)
	add("akorda-osce-summit", "webpage", map[string]string{
		"language":         "ru",
		"title":            "САММИТ ОБСЕ В АСТАНЕ",
		"title-translated": "OSCE summit in Astana",
		"container-title":  "Акорда.кз",
		"note":             `Essay [7]: "Сайт Акорда.кз: САММИТ ОБСЕ В АСТАНЕ". title-translated added.`,
	}, nil)
	add("konyrova-reconciliation", "article-newspaper", map[string]string{
		"language": "en",
		"title":    "Kazakhstan plays key role in Russian, Turkish reconciliation",
		"URL":      "world/kazakhstan-plays-key-role-in-russian-turkish-reconciliation/50000262-3008458",
		"note":     `Essay [8]: "Konyrova , Kazakhstan plays key role …".`,
	}, nil, bib.Name{Family: "Konyrova"})
	return lib
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// essayNow is a fixed "today" for the tests.
var essayNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// TestEssay checks the findings on the essay's eight references, each
// verified by hand against the essay's list of references.
func TestEssay(t *testing.T) {
	all := []string{
		// [1] "Kazakhstanskaya pravda, May 16, 1992": no article title, author
		// or page, and the newspaper's name romanised.
		"kazpravda1992 title missing-field",
		"kazpravda1992 author recommended-field",
		"kazpravda1992 page missing-field",
		"kazpravda1992 container-title script-mismatch",
		// [2] "Жигалов К.В., Султанов Б.К. … – Алматы, 1993. – С. 9.": no
		// publisher, no page count, initials run together.
		"zhigalov1993 publisher missing-field",
		"zhigalov1993 number-of-pages recommended-field",
		"zhigalov1993 author initials-form",
		"zhigalov1993 author initials-form",
		// [3] "http:// Document/?doc_id=30006969": no host, no access date,
		// no author.
		"strategy1992 URL bad-url",
		"strategy1992 accessed missing-field",
		"strategy1992 author recommended-field",
		// [4] a URL path without scheme or host, no outlet (and, online, no
		// page to expect).
		"vais2012 URL bad-url",
		"vais2012 accessed missing-field",
		"vais2012 container-title missing-field",
		// [5], [6] ministry pages without URL; [6] has "20142020".
		"mfa2013disarmament URL missing-field",
		"mfa2013disarmament accessed missing-field",
		"mfa2014concept URL missing-field",
		"mfa2014concept accessed missing-field",
		"mfa2014concept title run-together-years",
		// [7] "Сайт Акорда.кз: САММИТ ОБСЕ В АСТАНЕ": no URL, no date, capitals.
		"akorda-osce-summit URL missing-field",
		"akorda-osce-summit accessed missing-field",
		"akorda-osce-summit issued undated",
		"akorda-osce-summit title all-caps",
		// [8] "Konyrova , Kazakhstan plays key role …": no initials, outlet,
		// date or host.
		"konyrova-reconciliation author missing-given",
		"konyrova-reconciliation URL bad-url",
		"konyrova-reconciliation accessed missing-field",
		"konyrova-reconciliation container-title missing-field",
		"konyrova-reconciliation issued missing-field",
	}
	apa := []string{
		"kazpravda1992 title missing-field",
		"kazpravda1992 author recommended-field",
		"kazpravda1992 page recommended-field",
		"zhigalov1993 publisher missing-field",
		"zhigalov1993 author initials-form",
		"zhigalov1993 author initials-form",
		"strategy1992 URL bad-url",
		"strategy1992 author recommended-field",
		"vais2012 URL bad-url",
		"vais2012 container-title missing-field",
		"mfa2013disarmament URL missing-field",
		"mfa2014concept URL missing-field",
		"mfa2014concept title run-together-years",
		"akorda-osce-summit URL missing-field",
		"akorda-osce-summit issued undated",
		"akorda-osce-summit title all-caps",
		"konyrova-reconciliation author missing-given",
		"konyrova-reconciliation URL bad-url",
		"konyrova-reconciliation container-title missing-field",
		"konyrova-reconciliation issued missing-field",
	}
	for _, tt := range []struct {
		style string
		want  []string
	}{{"all", all}, {"apa", apa}} {
		ds := Run(essayLibrary(), Options{Style: tt.style, Now: essayNow})
		got := make([]string, len(ds))
		for i, d := range ds {
			got[i] = d.Ref + " " + d.Field + " " + d.Code
			if d.Pos.File != essayFile || d.Pos.Line == 0 {
				t.Errorf("Run(essay, %s): %v has no file:line", tt.style, d)
			}
		}
		if diff := diffSets(got, tt.want); diff != "" {
			t.Errorf("Run(essay, %s) differs from the findings checked against the essay:\n%s", tt.style, diff)
			for _, d := range ds {
				t.Log(d)
			}
		}
	}
}

// TestEssayMessages spot-checks that messages name the problem and the fix.
func TestEssayMessages(t *testing.T) {
	ds := Run(essayLibrary(), Options{Now: essayNow})
	want := map[string]string{
		"zhigalov1993 publisher missing-field":         `missing publisher; APA 7 and GOST R 7.0.100-2018 require the publisher for a book: add publisher = "..."`,
		"zhigalov1993 author initials-form":            `write given = "К. В."`,
		"strategy1992 URL bad-url":                     `has a space instead of a host after "http://"`,
		"mfa2014concept title run-together-years":      `write "2014–2020"`,
		"akorda-osce-summit title all-caps":            `"САММИТ ОБСЕ В АСТАНЕ" is in all capitals`,
		"konyrova-reconciliation author missing-given": `author "Konyrova" has no given name or initials`,
		"mfa2013disarmament accessed missing-field":    `GOST R 7.0.100-2018 requires the access date (дата обращения) for an online resource`,
	}
	for key, sub := range want {
		found := false
		for _, d := range ds {
			if d.Ref+" "+d.Field+" "+d.Code == key && strings.Contains(d.Message, sub) {
				found = true
			}
		}
		if !found {
			t.Errorf("Run(essay): no %s with message containing %q", key, sub)
		}
	}
	for _, d := range ds {
		if !wellFormedMessage(d.Message) {
			t.Errorf("message %q: want a lower-case start (or a field name) and no final period", d.Message)
		}
	}
}

// diffSets compares two multisets of strings and describes the difference.
func diffSets(got, want []string) string {
	count := map[string]int{}
	for _, g := range got {
		count[g]++
	}
	for _, w := range want {
		count[w]--
	}
	var b strings.Builder
	for _, k := range bib.SortVariables(keys(count)) {
		switch n := count[k]; {
		case n > 0:
			fmt.Fprintf(&b, "  unexpected %q (x%d)\n", k, n)
		case n < 0:
			fmt.Fprintf(&b, "  missing %q (x%d)\n", k, -n)
		}
	}
	return b.String()
}

// wellFormedMessage reports whether msg starts in lower case, or with a
// field name such as "URL", and does not end with a period.
func wellFormedMessage(msg string) bool {
	if msg == "" || strings.HasSuffix(msg, ".") {
		return false
	}
	first, _, _ := strings.Cut(msg, " ")
	if bib.VariableKind(first) != bib.Unknown {
		return true
	}
	return strings.ToLower(msg[:1]) == msg[:1]
}
