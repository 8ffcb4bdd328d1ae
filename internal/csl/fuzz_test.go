package csl_test

import (
	"testing"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/testkit"
)

// FuzzProcess feeds arbitrary styles and CSL-JSON to the whole engine:
// parsing may fail, rendering may warn, nothing may panic.
func FuzzProcess(f *testing.F) {
	f.Add([]byte(exampleStyle), []byte(`[{"id":"a","type":"book","title":"T","author":[{"family":"Doe","given":"J"}],"issued":{"date-parts":[[2000,5,1],[2001]]}}]`))
	f.Add([]byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"><citation disambiguate-add-year-suffix="true" collapse="year-suffix-ranged"><layout><names variable="author"><name form="count"/></names><date variable="issued" form="numeric"/><text variable="year-suffix"/></layout></citation><bibliography subsequent-author-substitute="—" second-field-align="flush"><sort><key variable="issued"/></sort><layout><text variable="citation-number"/><number variable="page" form="roman"/></layout></bibliography></style>`),
		[]byte(`[{"id":"a","page":"1-3"},{"id":"b","page":"x"},{"id":"a"}]`))
	f.Fuzz(func(t *testing.T, styleXML, items []byte) {
		// A small evaluation budget (real styles need a few hundred)
		// stops fanning-out styles early.
		const budget = 5000
		p, err := csl.New(styleXML, csl.Options{EvalBudget: budget})
		if err != nil {
			return
		}
		its, err := item.DecodeJSON(items)
		if err != nil {
			return
		}
		var cites []csl.CiteItem
		for _, it := range its {
			cites = append(cites, csl.CiteItem{ID: it.ID, Locator: "2"})
		}
		var res csl.Result
		// Allocations, like the output, stay within the evaluation
		// budget: each evaluation allocates at most a multiple of the
		// style's and the items' text.
		testkit.AllocBudget(t, "Process", len(styleXML)+len(items), uint64(64*budget*(len(its)+2)), 1<<20, func() {
			res = p.Process(its, []csl.Cluster{{Items: cites, NoteIndex: 1}, {Items: cites}}, true)
		})
		size := 0
		for _, n := range append(res.Clusters, res.Entries...) {
			size += len(output.Render(n, output.HTML))
		}
		// Every rendering of an item stops within the budget, each
		// evaluation printing at most the style's text or the item's.
		if limit := budget * (len(styleXML) + len(items)) * (len(its) + 2); size > limit {
			t.Fatalf("%d bytes of output from %d bytes of style and %d of items", size, len(styleXML), len(items))
		}
	})
}
