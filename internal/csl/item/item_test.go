package item_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/csl/item"

	"github.com/cite-project/cite/internal/testkit"
)

func TestDecodeJSON(t *testing.T) {
	items, err := item.DecodeJSON([]byte(`[{"id": 7, "type": "book", "title": "T", "volume": 3, "language": "ru",
	  "author": [{"family": "van Gogh", "given": "Vincent"}, {"literal": "ACME Corp."}, {"family": "Doe", "given": "John, Jr."}],
	  "issued": {"date-parts": [["1992", 5, 16], [1993]]}, "accessed": {"raw": "2020-01-02"},
	  "original-date": {"literal": "ca. 1600"}, "submitted": "2001-03", "custom": {"x": 1}}]`))
	if err != nil {
		t.Fatal(err)
	}
	it := items[0]
	checks := []struct{ name, got, want string }{
		{"id", it.ID, "7"},
		{"volume", it.Var("volume"), "3"},
		{"language", it.Language, "ru"},
		{"particle", it.Names["author"][0].NonDroppingParticle, "van"},
		{"family", it.Names["author"][0].Family, "Gogh"},
		{"literal", it.Names["author"][1].Literal, "ACME Corp."},
		{"suffix", it.Names["author"][2].Suffix, "Jr."},
		{"literal date", it.Dates["original-date"].Literal, "ca. 1600"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q; want %q", c.name, c.got, c.want)
		}
	}
	if d := it.Dates["issued"]; len(d.Parts) != 2 || d.Parts[0] != (item.DateParts{Year: 1992, Month: 5, Day: 16}) || d.Parts[1].Year != 1993 {
		t.Errorf("issued = %+v", d)
	}
	if d := it.Dates["accessed"]; d.Parts[0] != (item.DateParts{Year: 2020, Month: 1, Day: 2}) {
		t.Errorf("accessed = %+v", d)
	}
	if d := it.Dates["submitted"]; d.Parts[0] != (item.DateParts{Year: 2001, Month: 3}) {
		t.Errorf("submitted = %+v", d)
	}
}

func TestDecodeJSONErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not json", `[`, "csl-json"},
		{"bad names", `[{"id": "a", "author": "Doe"}]`, `item 0 ("a"): author`},
		{"bad date-parts", `[{"id": "a", "issued": {"date-parts": [["x"]]}}]`, `"x" is not a number`},
	}
	for _, tt := range tests {
		_, err := item.DecodeJSON([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("DecodeJSON(%s) = %v; want error containing %q", tt.name, err, tt.want)
		}
	}
	big := make([]byte, item.MaxJSONBytes+1)
	if _, err := item.DecodeJSON(big); !errors.Is(err, item.ErrTooLarge) {
		t.Errorf("DecodeJSON(huge) = %v; want ErrTooLarge", err)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want []item.DateParts
		lit  string
	}{
		{"1990", []item.DateParts{{Year: 1990}}, ""},
		{"1990-05-16", []item.DateParts{{Year: 1990, Month: 5, Day: 16}}, ""},
		{"May 16, 1990", []item.DateParts{{Year: 1990, Month: 5, Day: 16}}, ""},
		{"16 May 1990", []item.DateParts{{Year: 1990, Month: 5, Day: 16}}, ""},
		{"Spring 2000", []item.DateParts{{Year: 2000, Month: 13}}, ""},
		{"1990/1991", []item.DateParts{{Year: 1990}, {Year: 1991}}, ""},
		{"sometime", nil, "sometime"},
	}
	for _, tt := range tests {
		d := item.ParseDate(tt.in)
		if d.Literal != tt.lit || len(d.Parts) != len(tt.want) {
			t.Errorf("ParseDate(%q) = %+v; want %v %q", tt.in, d, tt.want, tt.lit)
			continue
		}
		for i := range tt.want {
			if d.Parts[i] != tt.want[i] {
				t.Errorf("ParseDate(%q) = %+v; want %v", tt.in, d, tt.want)
			}
		}
	}
}

// FuzzDecodeJSON checks that no input makes the CSL-JSON reader panic.
func FuzzDecodeJSON(f *testing.F) {
	f.Add([]byte(`[{"id":"a","type":"book","author":[{"family":"de la Mare","given":"Walter, !Jr."}],"issued":{"date-parts":[[2000,13,1],[2001]],"season":2,"circa":true}}]`))
	f.Add([]byte(`{"id":1,"issued":{"raw":"c. 1990 - 1995"},"accessed":"2020-02-30"}`))
	f.Add([]byte(`[{"id":"x","editor":[{"literal":""},{}],"issued":{"date-parts":[[]]}}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var (
			items []*item.Item
			err   error
		)
		testkit.AllocBudget(t, "DecodeJSON", len(data), 1024, 1<<20, func() { items, err = item.DecodeJSON(data) })
		if err == nil {
			for _, it := range items {
				_ = it.Var("title")
			}
		}
		_ = item.ParseDate(string(data))
	})
}

func TestRawDate(t *testing.T) {
	it := item.New("a", "book")
	it.Dates["issued"] = item.Date{Raw: "May 16, 1992", Circa: true}
	d, ok := it.Date("issued")
	if !ok || len(d.Parts) != 1 || d.Parts[0] != (item.DateParts{Year: 1992, Month: 5, Day: 16}) || !d.Circa {
		t.Errorf("Date(issued) = %+v, %v; want 1992-05-16 circa", d, ok)
	}
	if _, ok := it.Date("accessed"); ok {
		t.Error("Date(accessed) found a missing date")
	}
}

// mapSource is a Source over maps, for the test of Item.Source.
type mapSource struct {
	vars  map[string]string
	dates map[string]item.Date
}

func (s mapSource) Var(name string) string { return s.vars[name] }

func (s mapSource) Date(name string) (item.Date, bool) {
	d, ok := s.dates[name]
	return d, ok
}

func TestSourceBehindTheMaps(t *testing.T) {
	it := &item.Item{ID: "a", Type: "book", Source: mapSource{
		vars:  map[string]string{"title": "Source title", "page": "9"},
		dates: map[string]item.Date{"issued": {Parts: []item.DateParts{{Year: 1993}}}, "accessed": {Raw: "2020-05-01"}},
	}}
	it.Vars = map[string]string{"title": "Overridden", "note": ""}
	it.Dates = map[string]item.Date{"issued": {Parts: []item.DateParts{{Year: 2001}}}}
	for _, tt := range []struct{ name, want string }{{"title", "Overridden"}, {"page", "9"}, {"note", ""}, {"volume", ""}} {
		if got := it.Var(tt.name); got != tt.want {
			t.Errorf("Var(%q) = %q; want %q", tt.name, got, tt.want)
		}
	}
	if d, ok := it.Date("issued"); !ok || d.Year() != 2001 {
		t.Errorf("Date(issued) = %+v, %v; want the override, 2001", d, ok)
	}
	if d, ok := it.Date("accessed"); !ok || d.Year() != 2020 {
		t.Errorf("Date(accessed) = %+v, %v; want the source's, parsed", d, ok)
	}
	if _, ok := it.Date("submitted"); ok {
		t.Error("Date(submitted) found a date neither holds")
	}
	var none *item.Item
	if none.Var("title") != "" {
		t.Error("a nil item has a title")
	}
}

// TestNameVarsBehindTheMap: NamesOf and AllNames read Names first and
// NameVars for the rest, each variable once.
func TestNameVarsBehindTheMap(t *testing.T) {
	smith := []item.Name{{Family: "Smith", Given: "J."}}
	ivanov := []item.Name{{Family: "Иванов", Given: "И."}, {Literal: "Институт"}}
	doe := []item.Name{{Family: "Doe"}}
	for _, tt := range []struct {
		name  string
		it    *item.Item
		want  map[string][]item.Name // what NamesOf gives, for each variable
		empty []string               // variables NamesOf must find empty
	}{
		{"nil item", nil, map[string][]item.Name{}, []string{"author"}},
		{"empty item", &item.Item{}, map[string][]item.Name{}, []string{"author", ""}},
		{"map only", &item.Item{Names: map[string][]item.Name{"author": smith}},
			map[string][]item.Name{"author": smith}, []string{"editor"}},
		{"list only", &item.Item{NameVars: []item.NameVar{{Variable: "author", Names: ivanov}, {Variable: "editor", Names: doe}}},
			map[string][]item.Name{"author": ivanov, "editor": doe}, []string{"translator", "Author"}},
		{"map overrides list", &item.Item{
			Names:    map[string][]item.Name{"author": smith, "translator": nil},
			NameVars: []item.NameVar{{Variable: "author", Names: ivanov}, {Variable: "editor", Names: doe}, {Variable: "translator", Names: doe}}},
			map[string][]item.Name{"author": smith, "editor": doe, "translator": nil}, []string{"translator", "director"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for v, want := range tt.want {
				if got := tt.it.NamesOf(v); !reflect.DeepEqual(got, want) {
					t.Errorf("NamesOf(%q) = %v; want %v", v, got, want)
				}
			}
			for _, v := range tt.empty {
				if got := tt.it.NamesOf(v); len(got) != 0 {
					t.Errorf("NamesOf(%q) = %v; want none", v, got)
				}
			}
			all := map[string][]item.Name{}
			for v, ns := range tt.it.AllNames() {
				if _, twice := all[v]; twice {
					t.Errorf("AllNames yields %q twice", v)
				}
				all[v] = ns
			}
			if !reflect.DeepEqual(all, tt.want) {
				t.Errorf("AllNames yields %v; want %v", all, tt.want)
			}
			for range tt.it.AllNames() {
				break // stopping early must not panic
			}
		})
	}
}
