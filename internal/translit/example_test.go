package translit_test

import (
	"fmt"

	"github.com/cite-project/cite/internal/translit"
)

func Example() {
	title := "Первый Президент Республики Казахстан Нурсултан Назарбаев"
	for _, name := range translit.Schemes() {
		sc, err := translit.ParseScheme(name)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-8s %s\n", sc, translit.Romanize(title, sc, "ru"))
	}
	// Output:
	// bgn      Pervyy Prezident Respubliki Kazakhstan Nursultan Nazarbayev
	// iso9     Pervyj Prezident Respubliki Kazahstan Nursultan Nazarbaev
	// gost-b   Pervy`j Prezident Respubliki Kazaxstan Nursultan Nazarbaev
	// lc       Pervyĭ Prezident Respubliki Kazakhstan Nursultan Nazarbaev
	// lc-ascii Pervyi Prezident Respubliki Kazakhstan Nursultan Nazarbaev
}

func ExampleRomanize() {
	// The language is guessed from the Kazakh letters when lang is "".
	fmt.Println(translit.Romanize("Мұхтар Әуезов, Өскемен", translit.BGN, ""))
	// Capitals: "Zh" in a name, "ZH" in a word in capitals.
	fmt.Println(translit.Romanize("Жигалов К.В.; ЖУРНАЛ", translit.BGN, "ru"))
	// Latin text and punctuation are left alone.
	fmt.Println(translit.Romanize("Kazakhstanskaya pravda (16 мая 1992)", translit.LCASCII, "ru"))
	// Output:
	// Mukhtar Äūezov, Öskemen
	// Zhigalov K.V.; ZHURNAL
	// Kazakhstanskaya pravda (16 maia 1992)
}

func ExampleDeromanize() {
	lat := translit.Romanize("Қазақстан", translit.ISO9, "kk")
	cyr, err := translit.Deromanize(lat, translit.ISO9)
	fmt.Println(lat, cyr, err)
	// Output:
	// Ķazaķstan Қазақстан <nil>
}

func ExampleIsCyrillic() {
	fmt.Println(translit.IsCyrillic("Казахстанская правда"), translit.Script("Казахстанская правда"))
	fmt.Println(translit.IsCyrillic("Kazakhstanskaya pravda"), translit.Script("Kazakhstanskaya pravda"))
	// Output:
	// true Cyrl
	// false Latn
}
