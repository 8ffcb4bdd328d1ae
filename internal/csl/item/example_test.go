package item_test

import (
	"fmt"

	"github.com/cite-project/cite/internal/csl/item"
)

// Example builds an item by hand, as an adapter from another data model
// does.
func Example() {
	it := item.New("ivanov1992", "article-journal")
	it.Language = "ru"
	it.Set("title", "Заметки о библиографии")
	it.Set("container-title", "Вопросы языкознания")
	it.Set("volume", "3")
	it.Set("page", "15-27")
	it.Names["author"] = []item.Name{
		{Family: "Иванов", Given: "Иван Иванович"},
		{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "van"},
		{Literal: "Институт языкознания РАН"},
	}
	it.Dates["issued"] = item.Date{Parts: []item.DateParts{{Year: 1992, Month: 5, Day: 16}}}
	fmt.Println(it.ID, it.Type, it.Var("page"), len(it.Names["author"]), it.Dates["issued"].Year())
	// Output: ivanov1992 article-journal 15-27 3 1992
}

// ExampleDecodeJSON reads CSL-JSON, the interchange format of CSL
// processors.
func ExampleDecodeJSON() {
	items, err := item.DecodeJSON([]byte(`[{"id": "doe", "type": "book", "title": "A Book",
		"author": [{"family": "de la Fontaine", "given": "Jean"}], "issued": {"date-parts": [[1668]]}}]`))
	if err != nil {
		fmt.Println(err)
		return
	}
	a := items[0].Names["author"][0]
	fmt.Printf("%s|%s|%s|%d\n", a.NonDroppingParticle, a.Family, a.Given, items[0].Dates["issued"].Year())
	// Output: de la|Fontaine|Jean|1668
}
