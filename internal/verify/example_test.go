package verify_test

import (
	"os"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/verify"
)

func ExampleRun() {
	lib := &bib.Library{}
	book := bib.NewEntry("zhigalov1993", "book")
	book.Set("title", "Первый Президент Республики Казахстан Нурсултан Назарбаев")
	if err := lib.Add(book); err != nil {
		panic(err)
	}
	lib.Claims = []*bib.Claim{{
		ID: "balance", Kind: bib.ClaimQuote,
		Excerpt: "a reasonable balance between Europe and Asia",
		Sources: []bib.Source{{Ref: "zhigalov1993", Locator: "9", Label: "page", Support: bib.SupportSecondary}},
	}}
	text := "He said: «The Republic must have a reasonable balance between Europe and Asia [1].»\n" +
		"In 1991 the policy was first outlined.\n"
	r := verify.Run(lib, &verify.Manuscript{Name: "essay.txt", Text: text}, verify.Options{})
	if err := r.WriteText(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// essay.txt:1: quote-without-locator: the quotation cited as [1] gives no page or paragraph: claim balance records page 9, so write [1, p. 9]
	//     «The Republic must have a reasonable balance between Europe and Asia [1].»
	// essay.txt:1: secondary-support: claim balance rests only on sources that report another source (support = "secondary"): cite the original work as well, or say "as cited in" (APA 7 §8.6)
	//     a reasonable balance between Europe and Asia
	// essay.txt:2: citation-needed: the sentence states dates (1991) but cites no source; its paragraph cites [1] in another sentence: if that source backs this one, cite it here too
	//     In 1991 the policy was first outlined.
	// 1 marker (1 resolved), 1 claim (1 found): 3 findings (1 citation-needed, 1 quote-without-locator, 1 secondary-support)
}
