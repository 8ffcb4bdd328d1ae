package bib

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestKeyAppendsAgree builds entries twice, with Set, SetNames, SetDate
// and SetPos and with AppendField, AppendNames, AppendDate and SetPosKey,
// from keys in canonical
// order, in random order, repeated, emptied, unknown and in their
// alternative forms: the entries must be equal.
func TestKeyAppendsAgree(t *testing.T) {
	names := []string{"title", "title-translit", "title-translated", "container-title", "volume", "issue", "page",
		"DOI", "URL", "publisher", "zzz-unknown", "aaa-unknown", "note", "language", "id", "type", "author", "issued"}
	dates := []string{"issued", "accessed", "original-date", "event-date", "x-date"}
	roles := []string{"author", "editor", "translator", "container-author", "zz-role", "aa-role", "author"}
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
		pickedRoles := append([]string(nil), roles...)
		if ordered {
			pickedRoles = SortVariables(pickedRoles)
		} else {
			r.Shuffle(len(pickedRoles), func(i, j int) { pickedRoles[i], pickedRoles[j] = pickedRoles[j], pickedRoles[i] })
		}
		for _, n := range pickedRoles[:r.IntN(len(pickedRoles))] {
			list := [][]Name{nil, {}, {{Family: "Иванов"}}, {{Family: "A"}, {Literal: "B"}}}[r.IntN(4)]
			a.SetNames(n, list)
			b.AppendNames(KeyOf(n), list)
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

// TestDiagnosticText holds Diagnostic.AppendText (and so String) to the
// fmt formatting it replaced, on positions with and without file, line and
// column (negative ones too), empty refs, fields and codes, and text that
// is not valid UTF-8.
func TestDiagnosticText(t *testing.T) {
	plainPos := func(p Pos) string {
		switch {
		case p.File == "" && p.Line == 0:
			return "-"
		case p.Line == 0:
			return p.File
		case p.Col == 0:
			return fmt.Sprintf("%s:%d", p.File, p.Line)
		}
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
	plain := func(d Diagnostic) string {
		s := fmt.Sprintf("%s: %s: %s: %s: %s", plainPos(d.Pos), d.Severity, dash(d.Ref), dash(d.Field), d.Message)
		if d.Code != "" {
			s += " [" + d.Code + "]"
		}
		return s
	}
	for _, p := range []Pos{{}, {File: "a.toml"}, {File: "a.toml", Line: 3}, {File: "a.toml", Line: 3, Col: 7}, {Line: 2}, {Line: 2, Col: 1},
		{File: "дир/б.toml", Line: 1 << 40, Col: -1}, {File: "x", Line: -4}, {Col: 5}} {
		for _, d := range []Diagnostic{
			{Pos: p}, {Pos: p, Severity: Error, Code: "bad-date", Ref: "id1", Field: "issued", Message: "a message with %s and \"quotes\""},
			{Pos: p, Ref: "ид", Message: "invalid \xff utf-8", Code: "x"}, {Pos: p, Field: "author[2]"},
		} {
			if got, want := d.String(), plain(d); got != want {
				t.Errorf("String() = %q; want %q", got, want)
			}
			if got, want := string(d.AppendText([]byte("prefix "))), "prefix "+plain(d); got != want {
				t.Errorf("AppendText = %q; want %q", got, want)
			}
		}
		if got, want := p.String(), plainPos(p); got != want {
			t.Errorf("Pos.String() = %q; want %q", got, want)
		}
	}
}
