package check_test

import (
	"fmt"
	"time"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/check"
)

// Example checks one book as the essay's list gives it: a place and a
// year but no publisher, and initials without spaces.
func Example() {
	e := bib.NewEntry("zhigalov1993", "book")
	e.Pos = bib.Pos{File: "refs/references.toml", Line: 20}
	e.Set("language", "ru")
	e.Set("title", "Первый Президент Республики Казахстан Нурсултан Назарбаев")
	e.Set("title-translated", "The first President of the Republic of Kazakhstan Nursultan Nazarbayev")
	e.Set("publisher-place", "Алматы")
	e.Set("number-of-pages", "144")
	e.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 1993}})
	e.AddName("author", bib.Name{Family: "Жигалов", Given: "К.В.", Pos: bib.Pos{File: "refs/references.toml", Line: 30}})
	lib := &bib.Library{}
	if err := lib.Add(e); err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range check.Run(lib, check.Options{Style: check.StyleGOST, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}) {
		fmt.Println(d)
	}
	// Output:
	// refs/references.toml:20: error: zhigalov1993: publisher: missing publisher; GOST R 7.0.100-2018 requires the publisher for a book: add publisher = "..." [missing-field]
	// refs/references.toml:30: warning: zhigalov1993: author: author "Жигалов, К.В." has the initials "К.В."; GOST R 7.0.100-2018 writes initials with a period and a space: write given = "К. В." [initials-form]
}

// ExampleRules prints the first rules, as `cite check --rules` does.
func ExampleRules() {
	for _, r := range check.Rules()[:2] {
		fmt.Printf("%s (%s)\n", r.Code, r.Severity)
	}
	// Output:
	// missing-field (error)
	// recommended-field (warning)
}
