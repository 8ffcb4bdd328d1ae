package bibtex

import (
	"reflect"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

func TestParseNames(t *testing.T) {
	tests := []struct {
		in     string
		want   []bib.Name
		others bool
	}{
		{"Donald E. Knuth", []bib.Name{{Family: "Knuth", Given: "Donald E."}}, false},
		{"Жигалов, К.В. and Султанов, Б.К.", []bib.Name{{Family: "Жигалов", Given: "К.В."}, {Family: "Султанов", Given: "Б.К."}}, false},
		{"Ludwig van Beethoven", []bib.Name{{Family: "Beethoven", Given: "Ludwig", NonDroppingParticle: "van"}}, false},
		{"de la Fontaine, Jean", []bib.Name{{Family: "Fontaine", Given: "Jean", NonDroppingParticle: "de la"}}, false},
		{"Jean de La Fontaine", []bib.Name{{Family: "La Fontaine", Given: "Jean", NonDroppingParticle: "de"}}, false},
		{"King, Jr., Martin Luther", []bib.Name{{Family: "King", Given: "Martin Luther", Suffix: "Jr."}}, false},
		{"{Barnes and Noble, Inc.} and Doe, J.", []bib.Name{{Literal: "Barnes and Noble, Inc."}, {Family: "Doe", Given: "J."}}, false},
		{"{Министерство иностранных дел Республики Казахстан}", []bib.Name{{Literal: "Министерство иностранных дел Республики Казахстан"}}, false},
		{"{\\'{E}}douard Masterly", []bib.Name{{Family: "Masterly", Given: "Édouard"}}, false},
		{"Doe, John AND others", []bib.Name{{Family: "Doe", Given: "John"}}, true},
		{"family=Gogh, given=Vincent, prefix=van, useprefix=false", []bib.Name{{Family: "Gogh", Given: "Vincent", DroppingParticle: "van"}}, false},
		{"Konyrova", []bib.Name{{Family: "Konyrova"}}, false},
		{"bell, hooks", []bib.Name{{Family: "bell", Given: "hooks"}}, false},
	}
	for _, tt := range tests {
		got := parseNames(tt.in)
		if !reflect.DeepEqual(got.names, tt.want) || got.others != tt.others {
			t.Errorf("parseNames(%q) = %#v, others %v; want %#v, others %v", tt.in, got.names, got.others, tt.want, tt.others)
		}
	}
}

// TestFormatNames: every name written reads back as the same name, in the
// dialect that can hold it.
func TestFormatNames(t *testing.T) {
	names := []bib.Name{
		{Family: "Knuth", Given: "Donald E."},
		{Family: "Beethoven", Given: "Ludwig", NonDroppingParticle: "van"},
		{Family: "Fontaine", Given: "Jean", NonDroppingParticle: "de la"},
		{Family: "Ortega y Gasset", Given: "José"},
		{Family: "Van Buren", Given: "Martin"},
		{Family: "King", Given: "Martin Luther", Suffix: "Jr."},
		{Family: "King", Suffix: "Jr."},
		{Literal: "Barnes and Noble, Inc."},
		{Literal: "Plato"},
		{Family: "Plato"},
		{Family: "bell", Given: "hooks"},
		{Family: "Doe", Given: "John, the elder"},
		{Family: "Smith", Given: "Anne and Bob"},
		{Family: "Gogh", Given: "Vincent", DroppingParticle: "van"},
		{Family: "Gogh", Given: "Vincent", NonDroppingParticle: "Van"},
		{Given: "Madonna"},
		{Family: "Жигалов", Given: "К.В."},
		{Family: "Müller-Lüdenscheidt", Given: "Ölaf"},
	}
	for _, n := range names {
		for _, d := range []Dialect{BibLaTeX, BibTeX} {
			warned := false
			s, err := formatName(n, d, func(string) { warned = true })
			if err != nil {
				t.Errorf("formatName(%#v, %v): %v", n, d, err)
				continue
			}
			got := parseNames(s)
			if warned {
				continue // the dialect cannot hold it and said so
			}
			if len(got.names) != 1 || !reflect.DeepEqual(got.names[0], n) {
				t.Errorf("formatName(%#v, %v) = %q, which reads back as %#v", n, d, s, got.names)
			}
		}
	}
}
