package csl_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
)

// documentStyle is a note style with ibid, subsequent short forms and
// year-suffix disambiguation (on the short form).
const documentStyle = `<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id/><title/><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="3" et-al-use-first="1" disambiguate-add-year-suffix="true">
    <layout suffix="." delimiter="; ">
      <choose>
        <if position="ibid-with-locator">
          <group delimiter=", "><text term="ibid" text-case="capitalize-first"/><text variable="locator"/></group>
        </if>
        <else-if position="ibid"><text term="ibid" text-case="capitalize-first"/></else-if>
        <else-if position="subsequent">
          <group delimiter=", ">
            <names variable="author"><name form="short"/></names>
            <date variable="issued"><date-part name="year"/></date>
            <text variable="locator"/>
          </group>
        </else-if>
        <else>
          <group delimiter=", ">
            <names variable="author"/>
            <text variable="title" font-style="italic"/>
            <date variable="issued"><date-part name="year"/></date>
            <text variable="locator"/>
          </group>
        </else>
      </choose>
    </layout>
  </citation>
</style>`

const documentItems = `[
  {"id": "doe2000a", "type": "book", "title": "Book A", "author": [{"family": "Doe", "given": "John"}], "issued": {"date-parts": [[2000]]}},
  {"id": "doe2000b", "type": "book", "title": "Book B", "author": [{"family": "Doe", "given": "John"}], "issued": {"date-parts": [[2000]]}}
]`

// TestDocumentEdits drives a Document through insertions (one before all
// others), a removal and a locator change. The expected updates are those
// citeproc-js 2.4.63's processCitationCluster returns for the same
// sequence (checked with node in /work/peers; for the removal, by
// processing c4 again without c3), rendered as text.
func TestDocumentEdits(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/csl not found")
	}
	p, err := csl.New([]byte(documentStyle), csl.Options{Locales: fileLocales(filepath.Join(shared, "csl", "locales"))})
	if err != nil {
		t.Fatal(err)
	}
	items, err := item.DecodeJSON([]byte(documentItems))
	if err != nil {
		t.Fatal(err)
	}
	cluster := func(id string, note int, itemID, locator string) csl.Cluster {
		return csl.Cluster{ID: id, NoteIndex: note, Items: []csl.CiteItem{{ID: itemID, Locator: locator}}}
	}
	doc := p.NewDocument(items)
	type update struct {
		index       int
		id, text    string
		textChanged bool
	}
	steps := []struct {
		name string
		do   func() ([]csl.Update, error)
		want []update
	}{
		{"insert c2", func() ([]csl.Update, error) { return doc.Insert(0, cluster("c2", 2, "doe2000a", "12")) },
			[]update{{0, "c2", "John Doe, Book A, 2000, 12.", true}}},
		{"insert c3 (ambiguous short forms)", func() ([]csl.Update, error) { return doc.Insert(1, cluster("c3", 3, "doe2000b", "")) },
			[]update{{0, "c2", "John Doe, Book A, 2000a, 12.", true}, {1, "c3", "John Doe, Book B, 2000b.", true}}},
		{"insert c4", func() ([]csl.Update, error) { return doc.Insert(2, cluster("c4", 4, "doe2000a", "12")) },
			[]update{{2, "c4", "Doe, 2000a, 12.", true}}},
		{"insert c1 before all", func() ([]csl.Update, error) { return doc.Insert(0, cluster("c1", 1, "doe2000a", "5")) },
			// c4's first reference moves from note 2 to note 1: citeproc-js
			// reports every citation of the item.
			[]update{{0, "c1", "John Doe, Book A, 2000a, 5.", true}, {1, "c2", "Ibid., 12.", true}, {3, "c4", "Doe, 2000a, 12.", false}}},
		{"remove c3", func() ([]csl.Update, error) { return doc.Remove("c3") },
			// doe2000a is no longer ambiguous: its year-suffix goes, also
			// from c2's state although "Ibid." does not show it.
			[]update{{0, "c1", "John Doe, Book A, 2000, 5.", true}, {1, "c2", "Ibid., 12.", false}, {2, "c4", "Doe, 2000, 12.", true}}},
		{"change c4's locator", func() ([]csl.Update, error) { return doc.Edit(cluster("c4", 4, "doe2000a", "15")) },
			[]update{{2, "c4", "Doe, 2000, 15.", true}}},
	}
	for _, st := range steps {
		ups, err := st.do()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		var got []update
		for _, u := range ups {
			got = append(got, update{u.Index, u.ID, output.Render(u.Node, output.Text), u.TextChanged})
		}
		if !reflect.DeepEqual(got, st.want) {
			t.Errorf("%s: updates = %v; want %v", st.name, got, st.want)
		}
	}
	// The document's state matches a rendering from scratch.
	res := p.ProcessCited(items, doc.Clusters(), false)
	for i, cl := range doc.Clusters() {
		n, _ := doc.Node(cl.ID)
		if got, want := output.Render(n, output.Text), output.Render(res.Clusters[i], output.Text); got != want {
			t.Errorf("cluster %s = %q; from scratch %q", cl.ID, got, want)
		}
	}
	if _, err := doc.Remove("nope"); err == nil {
		t.Error("Remove of an unknown cluster succeeded")
	}
	if _, err := doc.Insert(0, cluster("c1", 1, "doe2000a", "")); err == nil {
		t.Error("Insert of a duplicate cluster ID succeeded")
	}
}
