package csl_test

import (
	"fmt"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
)

const exampleStyle = `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>example</id><title>Example</title><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="3" et-al-use-first="1">
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=", ">
        <names variable="author"><name form="short" and="symbol"/></names>
        <date variable="issued"><date-part name="year"/></date>
        <group delimiter=" ">
          <label variable="locator" form="short"/>
          <text variable="locator"/>
        </group>
      </group>
    </layout>
  </citation>
  <bibliography>
    <sort><key variable="author"/></sort>
    <layout suffix=".">
      <group delimiter=". ">
        <names variable="author"><name name-as-sort-order="all" initialize-with=". " and="text"/></names>
        <date variable="issued" form="text"/>
        <text variable="title" font-style="italic"/>
      </group>
    </layout>
  </bibliography>
</style>`

func exampleItems() []*item.Item {
	a := item.New("knuth", "book")
	a.Set("title", "The TeXbook")
	a.Names["author"] = []item.Name{{Family: "Knuth", Given: "Donald E."}}
	a.Dates["issued"] = item.Date{Parts: []item.DateParts{{Year: 1984}}}

	b := item.New("ivanov", "book")
	b.Language = "ru"
	b.Set("title", "Основы библиографии")
	b.Names["author"] = []item.Name{{Family: "Иванов", Given: "Иван"}, {Family: "Петров", Given: "Пётр"}}
	b.Dates["issued"] = item.Date{Parts: []item.DateParts{{Year: 1992, Month: 5, Day: 16}}}
	return []*item.Item{a, b}
}

// Example renders a bibliography as plain text and as HTML.
func Example() {
	p, err := csl.New([]byte(exampleStyle), csl.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	entries, warnings := p.Bibliography(exampleItems())
	for _, e := range entries {
		fmt.Println(csl.Render(e, output.Text))
	}
	fmt.Println(csl.Render(entries[0], output.HTML))
	fmt.Println(len(warnings), "warnings")
	// Output:
	// Knuth, D. E. 1984. The TeXbook.
	// Иванов, И. and Петров, П. May 16, 1992. Основы библиографии.
	// Knuth, D. E. 1984. <i>The TeXbook</i>.
	// 0 warnings
}

// ExampleProcessor_Cite renders one citation cluster with a locator.
func ExampleProcessor_Cite() {
	p, err := csl.New([]byte(exampleStyle), csl.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	cite, _ := p.Cite(exampleItems(), []csl.CiteItem{{ID: "knuth", Locator: "12-15"}, {ID: "ivanov"}})
	fmt.Println(csl.Render(cite, output.Text))
	// Output:
	// (Knuth, 1984, pp. 12–15; Иванов & Петров, 1992)
}

// ExampleNew_locale forces the Russian locale: terms and the genitive
// month of a day-month date come from the embedded ru-RU locale, and
// Cyrillic entries sort before Latin ones.
func ExampleNew_locale() {
	p, err := csl.New([]byte(exampleStyle), csl.Options{Locale: "ru-RU"})
	if err != nil {
		fmt.Println(err)
		return
	}
	entries, _ := p.Bibliography(exampleItems())
	for _, e := range entries {
		fmt.Println(csl.Render(e, output.Text))
	}
	// Output:
	// Иванов, И. и Петров, П. 16 мая 1992. Основы библиографии.
	// Knuth, D. E. 1984. The TeXbook.
}

// ExampleProcessor_Process renders a document: positions (here a second
// cite of the same item) and disambiguation see all clusters at once.
func ExampleProcessor_Process() {
	p, err := csl.New([]byte(exampleStyle), csl.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res := p.Process(exampleItems(), []csl.Cluster{
		{Items: []csl.CiteItem{{ID: "knuth"}}, NoteIndex: 1},
		{Items: []csl.CiteItem{{ID: "knuth", Locator: "3", Label: "chapter"}}, NoteIndex: 2},
	}, true)
	for _, c := range res.Clusters {
		fmt.Println(csl.Render(c, output.Markdown))
	}
	fmt.Println(len(res.Entries), "entries")
	// Output:
	// (Knuth, 1984)
	// (Knuth, 1984, chap. 3)
	// 2 entries
}

// ExampleRenderBibliography renders a complete bibliography document.
func ExampleRenderBibliography() {
	p, err := csl.New([]byte(exampleStyle), csl.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res := p.Process(exampleItems(), nil, true)
	fmt.Print(csl.RenderBibliography(res, output.HTML))
	// Output:
	// <div class="csl-bib-body">
	//   <div class="csl-entry">Knuth, D. E. 1984. <i>The TeXbook</i>.</div>
	//   <div class="csl-entry">Иванов, И. and Петров, П. May 16, 1992. <i>Основы библиографии</i>.</div>
	// </div>
}
