package cite_test

import (
	"fmt"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
)

// book returns the essay's second reference as the store reads it.
func book() *bib.Library {
	e := bib.NewEntry("zhigalov1993", "book")
	e.Set("language", "ru")
	e.Set("title", "Первый Президент Республики Казахстан Нурсултан Назарбаев")
	e.Set("title-translated", "The first President of the Republic of Kazakhstan Nursultan Nazarbayev")
	e.Set("publisher-place", "Алматы")
	e.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 1993}})
	e.AddName("author", bib.Name{Family: "Жигалов", Given: "К.В."})
	e.AddName("author", bib.Name{Family: "Султанов", Given: "Б.К."})
	lib := &bib.Library{}
	_ = lib.Add(e)
	return lib
}

func ExampleFormatter_Bibliography() {
	lib := book()
	for _, name := range []string{"gost", "gost-2008", "apa"} {
		st, _ := cite.LoadStyle(name, nil)
		f, _ := cite.New(st, cite.Options{})
		res, _ := f.Bibliography(lib, nil)
		fmt.Print(res)
	}
	// Output:
	// 1. Жигалов, К. В. Первый Президент Республики Казахстан Нурсултан Назарбаев / К. В. Жигалов, Б. К. Султанов. – Алматы, 1993. – Текст : непосредственный.
	// 1. Жигалов К. В., Султанов Б. К. Первый Президент Республики Казахстан Нурсултан Назарбаев. – Алматы, 1993.
	// Zhigalov, K. V., & Sultanov, B. K. (1993). Pervyy Prezident Respubliki Kazakhstan Nursultan Nazarbayev [The first President of the Republic of Kazakhstan Nursultan Nazarbayev].
}

func ExampleFormatter_Cite() {
	lib := book()
	ref, _ := cite.ParseRef("zhigalov1993@9")
	for _, name := range []string{"apa", "gost"} {
		st, _ := cite.LoadStyle(name, nil)
		f, _ := cite.New(st, cite.Options{})
		s, _, _ := f.Cite(lib, []cite.Ref{ref})
		fmt.Println(s)
	}
	// Output:
	// (Zhigalov & Sultanov, 1993, p. 9)
	// [1, с. 9]
}

func ExampleFormatter_References() {
	st, _ := cite.LoadStyle("gost", nil)
	f, _ := cite.New(st, cite.Options{})
	res, _ := f.References(book(), nil)
	fmt.Print(res)
	// Output:
	// 1. Zhigalov, K. V. Pervyy Prezident Respubliki Kazakhstan Nursultan Nazarbayev [The first President of the Republic of Kazakhstan Nursultan Nazarbayev] / K. V. Zhigalov, B. K. Sultanov. – Almaty, 1993. – Text : unmediated.
}
