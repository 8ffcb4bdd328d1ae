package bib

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestKeyAppendsAgree builds entries twice, with Set, SetDate and SetPos
// and with AppendField, AppendDate and SetPosKey, from keys in canonical
// order, in random order, repeated, emptied, unknown and in their
// alternative forms: the entries must be equal.
func TestKeyAppendsAgree(t *testing.T) {
	names := []string{"title", "title-translit", "title-translated", "container-title", "volume", "issue", "page",
		"DOI", "URL", "publisher", "zzz-unknown", "aaa-unknown", "note", "language", "id", "type", "author", "issued"}
	dates := []string{"issued", "accessed", "original-date", "event-date", "x-date"}
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2000; i++ {
		a, b := NewEntry("x", "book"), NewEntry("x", "book")
		a.Pos, b.Pos = Pos{File: "f.toml", Line: 1}, Pos{File: "f.toml", Line: 1}
		ordered := r.IntN(2) == 0
		picked := append([]string(nil), names...)
		if ordered {
			picked = SortVariables(picked)
		} else {
			r.Shuffle(len(picked), func(i, j int) { picked[i], picked[j] = picked[j], picked[i] })
		}
		for _, n := range picked[:r.IntN(len(picked))] {
			v := []string{"", "v", "w"}[r.IntN(3)]
			a.Set(n, v)
			b.AppendField(KeyOf(n), v)
			if r.IntN(4) == 0 { // set again
				a.Set(n, "again")
				b.AppendField(KeyOf(n), "again")
			}
			p := Pos{File: []string{"f.toml", "g.toml"}[r.IntN(2)], Line: r.IntN(50), Col: r.IntN(3)}
			a.SetPos(n, p)
			b.SetPosKey(KeyOf(n), p)
		}
		for _, n := range dates[:r.IntN(len(dates))] {
			d := Date{Start: DatePart{Year: 1990 + r.IntN(30)}}
			a.SetDate(n, d)
			b.AppendDate(KeyOf(n), d)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("entries differ:\n%+v\n%+v", a, b)
		}
	}
	if k := KeyOf("title"); k.Name() != "title" {
		t.Errorf("KeyOf(title).Name() = %q", k.Name())
	}
}
