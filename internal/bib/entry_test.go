package bib

import (
	"maps"
	"reflect"
	"slices"
	"strconv"
	"testing"
)

func TestEntrySlotsKeepCanonicalOrder(t *testing.T) {
	e := NewEntry("x", "book")
	for _, k := range []string{"publisher", "title-translated", "title", "zzz-unknown", "language", "title-translit", "page"} {
		e.Set(k, k+" value")
	}
	want := []string{"language", "title", "title-translit", "title-translated", "page", "publisher", "zzz-unknown"}
	if got := e.FieldNames(); !slices.Equal(got, want) {
		t.Errorf("FieldNames() = %q; want %q", got, want)
	}
	if got := slices.Collect(maps.Keys(maps.Collect(e.Fields()))); len(got) != len(want) {
		t.Errorf("Fields() yields %d variables; want %d", len(got), len(want))
	}
	e.Set("title", "")
	if e.Has("title") || e.NumFields() != len(want)-1 {
		t.Errorf("Set(title, \"\") left title = %q, %d fields", e.Get("title"), e.NumFields())
	}
	e.Set("page", "9")
	if got := e.Get("page"); got != "9" {
		t.Errorf("Get(page) = %q; want 9", got)
	}

	e.AddName("editor", Name{Family: "B"})
	e.AddName("author", Name{Family: "A"})
	e.AddName("author", Name{Family: "C"})
	if got := e.NameVariables(); !slices.Equal(got, []string{"author", "editor"}) {
		t.Errorf("NameVariables() = %q; want [author editor]", got)
	}
	if got := e.Names("author"); len(got) != 2 || got[1].Family != "C" {
		t.Errorf("Names(author) = %+v; want A, C", got)
	}
	e.SetNames("editor", nil)
	if e.Names("editor") != nil {
		t.Errorf("SetNames(editor, nil) left %+v", e.Names("editor"))
	}

	e.SetDate("accessed", Date{Start: DatePart{Year: 2020}})
	e.SetDate("issued", Date{Start: DatePart{Year: 1993}})
	if got := e.DateVariables(); !slices.Equal(got, []string{"issued", "accessed"}) {
		t.Errorf("DateVariables() = %q; want [issued accessed]", got)
	}
	if e.Year() != 1993 || e.DateString("accessed") != "2020" {
		t.Errorf("Year() = %d, DateString(accessed) = %q; want 1993, 2020", e.Year(), e.DateString("accessed"))
	}
	e.DeleteDate("accessed")
	if _, ok := e.Date("accessed"); ok {
		t.Error("DeleteDate(accessed) left the date")
	}
}

func TestEntryPositions(t *testing.T) {
	e := NewEntry("x", "book")
	e.Pos = Pos{File: "a.toml", Line: 3}
	e.SetPos("title", Pos{File: "a.toml", Line: 5})
	e.SetPos("page", Pos{File: "b.toml", Line: 7, Col: 2})
	tests := []struct {
		key  string
		want Pos
	}{
		{"title", Pos{File: "a.toml", Line: 5}},
		{"page", Pos{File: "b.toml", Line: 7, Col: 2}},
		{"publisher", Pos{File: "a.toml", Line: 3}},
	}
	for _, tt := range tests {
		if got := e.PosOf(tt.key); got != tt.want {
			t.Errorf("PosOf(%q) = %v; want %v", tt.key, got, tt.want)
		}
	}
	if _, ok := e.KeyPos("publisher"); ok {
		t.Error("KeyPos(publisher) reports a position never set")
	}
	e.SetPos("page", Pos{File: "a.toml", Line: 8})
	if got := e.PosOf("page"); got != (Pos{File: "a.toml", Line: 8}) {
		t.Errorf("PosOf(page) after SetPos = %v; want a.toml:8", got)
	}
	e.DeletePos("title")
	if got := e.FieldPos("title"); got != (Pos{}) || e.NumPositions() != 1 {
		t.Errorf("after DeletePos(title): FieldPos = %v, %d positions", got, e.NumPositions())
	}
}

func TestRetainPositions(t *testing.T) {
	e := NewEntry("x", "book")
	e.Pos = Pos{File: "a.toml", Line: 3}
	e.SetPos("id", Pos{File: "a.toml", Line: 4})
	e.SetPos("title", Pos{File: "a.toml", Line: 5})
	e.SetPos("page", Pos{File: "b.toml", Line: 7})
	e.SetPos("aliases", Pos{File: "b.toml", Line: 8})
	e.RetainPositions(func(k string) bool { return k == "id" || k == "aliases" })
	var kept []string
	for k := range e.Positions() {
		kept = append(kept, k)
	}
	if !reflect.DeepEqual(kept, []string{"id", "aliases"}) {
		t.Errorf("kept positions of %q; want [id aliases]", kept)
	}
	if got := e.PosOf("aliases"); got != (Pos{File: "b.toml", Line: 8}) {
		t.Errorf("PosOf(aliases) = %v; want b.toml:8", got)
	}
	if got := e.PosOf("page"); got != e.Pos {
		t.Errorf("PosOf(page) = %v; want the entry's own %v", got, e.Pos)
	}
	e.RetainPositions(func(string) bool { return false })
	if e.NumPositions() != 0 || e.Pos.Line != 3 {
		t.Errorf("after keeping none: %d positions, entry at %v", e.NumPositions(), e.Pos)
	}
}

func TestEntryCloneIsIndependent(t *testing.T) {
	e := NewEntry("x", "book")
	e.Set("title", "T")
	e.AddName("author", Name{Family: "A", Alt: map[string]string{"family-translit": "A"}})
	e.SetDate("issued", Date{Start: DatePart{Year: 1993}})
	c := e.Clone()
	c.Set("title", "U")
	c.Set("page", "9")
	c.Names("author")[0].Family = "B"
	c.Names("author")[0].Alt["family-translit"] = "B"
	c.SetDate("issued", Date{Start: DatePart{Year: 1994}})
	if e.Get("title") != "T" || e.Has("page") || e.Names("author")[0].Family != "A" ||
		e.Names("author")[0].Alt["family-translit"] != "A" || e.Year() != 1993 {
		t.Errorf("changing a Clone changed the original: %+v", e)
	}
	if !e.Equal(e.Clone()) || e.Equal(c) {
		t.Error("Equal does not tell a clone from a changed copy")
	}
}

// TestSlab: entries whose slots come from a Slab read and change as
// entries of their own do, and growing one never writes over another.
func TestSlab(t *testing.T) {
	var s Slab
	var slabbed, plain []*Entry
	for i := range 5000 { // several blocks of each kind (arena.BlockSize)
		a, b := NewEntry("e", "book"), NewEntry("e", "book")
		s.Grow(a, 2, 1, 1, 3)
		b.Grow(2, 1, 1, 3)
		for _, e := range []*Entry{a, b} {
			e.Set("title", "T")
			e.Set("volume", strconv.Itoa(i))
			e.SetNames("author", []Name{{Family: "F"}})
			e.SetDate("issued", Date{Start: DatePart{Year: 2000 + i%20}})
			e.SetLine("id", 1)
			e.SetLine("title", 2)
		}
		slabbed, plain = append(slabbed, a), append(plain, b)
	}
	// Past the room asked for, and after a deletion, in every third entry.
	for i := 0; i < len(slabbed); i += 3 {
		for _, e := range []*Entry{slabbed[i], plain[i]} {
			e.Set("page", "1-2")
			e.Set("issue", "3")
			e.Set("title", "")
			e.Set("abstract", "A")
			e.SetDate("accessed", Date{Start: DatePart{Year: 2024}})
			e.SetNames("editor", []Name{{Family: "E"}})
			e.SetLine("page", 3)
			e.SetLine("issue", 4)
		}
	}
	for i := range slabbed {
		if !slabbed[i].Equal(plain[i]) || !reflect.DeepEqual(maps.Collect(slabbed[i].Positions()), maps.Collect(plain[i].Positions())) {
			t.Fatalf("entry %d from a slab = %+v; want %+v", i, slabbed[i], plain[i])
		}
	}
}
