package bib

import "testing"

func TestNameAlternate(t *testing.T) {
	n := Name{Family: "Жигалов", Given: "К. В."}
	if !n.SetPart("family-translit", "Zhigalov") {
		t.Fatal("SetPart(family-translit) = false; want true")
	}
	if n.SetPart("nickname", "x") {
		t.Error("SetPart(nickname) = true; want false")
	}
	if n.SetPart("family-romanised", "x") {
		t.Error("SetPart(family-romanised) = true; want false")
	}
	alt, ok := n.Alternate(TranslitSuffix)
	if !ok || alt.Family != "Zhigalov" || alt.Given != "К. В." {
		t.Errorf("Alternate(translit) = %+v, %v; want Zhigalov with the original given name", alt, ok)
	}
	if _, ok := n.Alternate(TranslatedSuffix); ok {
		t.Error("Alternate(translated) reported a form that does not exist")
	}
}

func TestNameString(t *testing.T) {
	tests := []struct {
		n    Name
		want string
	}{
		{Name{Family: "Жигалов", Given: "К. В."}, "Жигалов, К. В."},
		{Name{Family: "Beethoven", NonDroppingParticle: "van", Given: "Ludwig"}, "van Beethoven, Ludwig"},
		{Name{Family: "King", Given: "Martin Luther", Suffix: "Jr."}, "King, Martin Luther, Jr."},
		{Name{Literal: "Министерство иностранных дел Республики Казахстан"}, "Министерство иностранных дел Республики Казахстан"},
		{Name{Family: "Konyrova"}, "Konyrova"},
	}
	for _, tt := range tests {
		if got := tt.n.String(); got != tt.want {
			t.Errorf("%+v.String() = %q; want %q", tt.n, got, tt.want)
		}
	}
}

func TestVariableKind(t *testing.T) {
	tests := []struct {
		name string
		want Kind
	}{
		{"title", Standard},
		{"title-translit", Standard},
		{"container-title-translated", Standard},
		{"page", Number},
		{"author", NameList},
		{"author-translit", Unknown},
		{"issued", DateKind},
		{"titel", Unknown},
		{"-translit", Unknown},
	}
	for _, tt := range tests {
		if got := VariableKind(tt.name); got != tt.want {
			t.Errorf("VariableKind(%q) = %v; want %v", tt.name, got, tt.want)
		}
	}
}

func TestSortVariables(t *testing.T) {
	got := SortVariables([]string{"note", "URL", "accessed", "title-translated", "issued", "title", "zzz", "publisher"})
	want := []string{"title", "title-translated", "publisher", "issued", "URL", "accessed", "note", "zzz"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("SortVariables = %v; want %v", got, want)
		}
	}
}

func TestLibraryLookupAndNumber(t *testing.T) {
	var lib Library
	for _, id := range []string{"a", "b", "c"} {
		if err := lib.Add(NewEntry(id, "book")); err != nil {
			t.Fatal(err)
		}
	}
	if err := lib.Add(NewEntry("b", "book")); err == nil {
		t.Error("Add of a duplicate id succeeded; want an error")
	}
	if n := lib.Number("c"); n != 3 {
		t.Errorf("Number(c) = %d; want 3", n)
	}
	// Entries appended behind Add's back are found too.
	lib.Entries = append(lib.Entries, NewEntry("d", "book"))
	if e, ok := lib.Lookup("d"); !ok || e.ID != "d" {
		t.Errorf("Lookup(d) = %v, %v; want entry d", e, ok)
	}
	if _, ok := lib.Lookup("zz"); ok {
		t.Error("Lookup(zz) found an entry")
	}
}

func TestDiagnosticString(t *testing.T) {
	d := Diagnostic{Pos: Pos{File: "refs/a.toml", Line: 3}, Severity: Error, Code: "missing-field", Ref: "x", Field: "publisher", Message: "missing publisher"}
	want := "refs/a.toml:3: error: x: publisher: missing publisher [missing-field]"
	if got := d.String(); got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
	d.Field, d.Ref = "", ""
	want = "refs/a.toml:3: error: -: -: missing publisher [missing-field]"
	if got := d.String(); got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}
