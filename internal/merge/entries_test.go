package merge

import (
	"maps"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

func book(id string, fields ...string) *bib.Entry {
	e := bib.NewEntry(id, "book")
	for i := 0; i+1 < len(fields); i += 2 {
		e.Set(fields[i], fields[i+1])
	}
	return e
}

func TestEntries(t *testing.T) {
	keep := book("zhigalov1993", "title", "Первый Президент", "publisher-place", "Алматы")
	keep.AddName("author", bib.Name{Family: "Жигалов", Given: "К. В."})
	keep.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 1993}})
	drop := book("zhigalov1993a", "title", "Pervyy Prezident", "publisher", "Білім", "ISBN", "5-7667-2949-6")
	drop.AddName("author", bib.Name{Family: "Жигалов", Given: "К. В.", Alt: map[string]string{"family-translit": "Zhigalov"}})
	drop.AddName("editor", bib.Name{Family: "Султанов", Given: "Б. К."})
	drop.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 1994}})
	drop.Aliases = []string{"older"}

	got, conflicts := Entries(keep, []*bib.Entry{drop}, "")
	if got.Get("publisher") != "Білім" || got.Get("ISBN") != "5-7667-2949-6" || got.Get("title") != "Первый Президент" {
		t.Errorf("merged fields = %v; want keep's title and the drop's publisher and ISBN", maps.Collect(got.Fields()))
	}
	if got.Names("author")[0].Alt["family-translit"] != "Zhigalov" {
		t.Errorf("the romanised form of the same author was not filled in: %+v", got.Names("author"))
	}
	if len(got.Names("editor")) != 1 || got.Year() != 1993 {
		t.Errorf("editor %v, year %d; want the drop's editor and keep's 1993", got.Names("editor"), got.Year())
	}
	if strings.Join(got.Aliases, " ") != "zhigalov1993a older" {
		t.Errorf("Aliases = %q; want [zhigalov1993a older]", got.Aliases)
	}
	var fields []string
	for _, c := range conflicts {
		fields = append(fields, c.Field+"="+c.Chosen)
	}
	if strings.Join(fields, " ") != "title=Первый Президент issued=1993" {
		t.Errorf("conflicts = %v; want title and issued, keep's values", conflicts)
	}
	if keep.Get("publisher") != "" || len(keep.Aliases) != 0 {
		t.Error("Entries changed keep")
	}

	got, conflicts = Entries(keep, []*bib.Entry{drop}, "zhigalov1993a")
	if got.Get("title") != "Pervyy Prezident" || got.Year() != 1994 || len(conflicts) != 2 || conflicts[0].From != "zhigalov1993a" {
		t.Errorf("with --prefer the drop: title %q, year %d, conflicts %v; want the drop's values", got.Get("title"), got.Year(), conflicts)
	}
	if s := conflicts[0].String(); !strings.Contains(s, `zhigalov1993 has "Первый Президент"`) || !strings.Contains(s, "kept zhigalov1993a's") {
		t.Errorf("Conflict.String() = %q", s)
	}
}

func TestEntriesSeveralDrops(t *testing.T) {
	keep := book("a")
	d1 := book("b", "publisher", "P1")
	d2 := book("c", "publisher", "P2", "volume", "2")
	d2.Type = "report"
	got, conflicts := Entries(keep, []*bib.Entry{d1, d2}, "")
	if got.Get("publisher") != "P1" || got.Get("volume") != "2" || got.Type != "book" {
		t.Errorf("got publisher %q volume %q type %q; want P1 (first drop), 2, book", got.Get("publisher"), got.Get("volume"), got.Type)
	}
	if len(conflicts) != 2 || conflicts[0].Field != "type" || conflicts[1].Field != "publisher" || conflicts[1].KeepID != "b" {
		t.Errorf("conflicts = %+v", conflicts)
	}
	got, _ = Entries(keep, []*bib.Entry{d1, d2}, "c")
	if got.Get("publisher") != "P2" || got.Type != "report" {
		t.Errorf("prefer c: publisher %q type %q", got.Get("publisher"), got.Type)
	}
}

func TestClaims(t *testing.T) {
	claims := []*bib.Claim{
		{ID: "x", Sources: []bib.Source{{Ref: "b"}, {Ref: "z"}}},
		{ID: "y", Sources: []bib.Source{{Ref: "z"}}},
	}
	changed := Claims(claims, []string{"b", "c"}, "a")
	if len(changed) != 1 || changed[0].ID != "x" || claims[0].Sources[0].Ref != "a" || claims[0].Sources[1].Ref != "z" {
		t.Errorf("Claims re-pointed %v; want x's first source only", claims)
	}
}
