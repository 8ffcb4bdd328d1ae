package bib

import "testing"

func TestResolveHonoursAliases(t *testing.T) {
	lib := &Library{}
	keep := NewEntry("keep", "book")
	keep.AddAlias("drop")
	keep.AddAlias("drop") // once only
	keep.AddAlias("keep") // never its own id
	other := NewEntry("other", "book")
	for _, e := range []*Entry{keep, other} {
		if err := lib.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if len(keep.Aliases) != 1 {
		t.Errorf("Aliases = %q; want [drop]", keep.Aliases)
	}
	tests := []struct {
		key  string
		want string
	}{{"keep", "keep"}, {"drop", "keep"}, {"other", "other"}, {"missing", ""}}
	for _, tt := range tests {
		e, ok := lib.Resolve(tt.key)
		got := ""
		if ok {
			got = e.ID
		}
		if got != tt.want {
			t.Errorf("Resolve(%q) = %q; want %q", tt.key, got, tt.want)
		}
	}
	if _, ok := lib.Lookup("drop"); ok {
		t.Error("Lookup(drop) found an alias; it takes exact ids only")
	}
	if n := lib.Number("drop"); n != 1 {
		t.Errorf("Number(drop) = %d; want 1", n)
	}
	other.AddAlias("late")
	lib.Reindex()
	if e, ok := lib.Resolve("late"); !ok || e != other {
		t.Error("Resolve(late) after Reindex did not find other")
	}
}
