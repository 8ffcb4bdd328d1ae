package bib

import "strings"

// Name is one person or institution in a CSL name variable (CSL 1.0.2,
// "Name-part Formatting"). A person has Family and usually Given; an
// institution, or any name that must not be split, has only Literal.
//
// Alt holds alternative forms of the parts, keyed by part name and form
// suffix: "family-translit" is the romanised family name, "literal-translated"
// an institution's name in English. A name is stored as published; the
// alternative forms feed styles that need another script or language.
// Names read from a library may share one Alt map (the parse cache gives
// the names written alike the same map): to change a name's forms, give
// it a copy (maps.Clone, as Entry.Clone does), never change the map in
// place.
type Name struct {
	Family              string
	Given               string
	DroppingParticle    string
	NonDroppingParticle string
	Suffix              string
	Literal             string
	CommaSuffix         bool
	StaticOrdering      bool
	ParseNames          bool
	Alt                 map[string]string
	Pos                 Pos
}

// NameParts lists the string parts of a Name by their CSL-JSON keys, in the
// order in which they are written.
var NameParts = []string{"family", "given", "non-dropping-particle", "dropping-particle", "suffix", "literal"}

// Part returns the part of n named by its CSL-JSON key ("family", "given",
// …) or an alternative form of it ("family-translit").
func (n Name) Part(key string) string {
	switch key {
	case "family":
		return n.Family
	case "given":
		return n.Given
	case "dropping-particle":
		return n.DroppingParticle
	case "non-dropping-particle":
		return n.NonDroppingParticle
	case "suffix":
		return n.Suffix
	case "literal":
		return n.Literal
	}
	return n.Alt[key]
}

// SetPart sets the part of n named by key, as Part reads it. It reports false
// for a key that is neither a name part nor an alternative form of one.
func (n *Name) SetPart(key, value string) bool {
	switch key {
	case "family":
		n.Family = value
	case "given":
		n.Given = value
	case "dropping-particle":
		n.DroppingParticle = value
	case "non-dropping-particle":
		n.NonDroppingParticle = value
	case "suffix":
		n.Suffix = value
	case "literal":
		n.Literal = value
	default:
		base, form := SplitForm(key)
		if form == "" || !isNamePart(base) {
			return false
		}
		if n.Alt == nil {
			n.Alt = map[string]string{}
		}
		n.Alt[key] = value
	}
	return true
}

func isNamePart(key string) bool {
	for _, p := range NameParts {
		if p == key {
			return true
		}
	}
	return false
}

// IsLiteral reports whether n is an institution or other unsplit name.
func (n Name) IsLiteral() bool { return n.Literal != "" }

// IsEmpty reports whether n has no text in any part.
func (n Name) IsEmpty() bool {
	for _, p := range NameParts {
		if strings.TrimSpace(n.Part(p)) != "" {
			return false
		}
	}
	return true
}

// Alternate returns n with each part replaced by its alternative form (for
// example TranslitSuffix), keeping the original where no alternative exists.
// It reports whether n had any alternative of that form.
func (n Name) Alternate(form string) (Name, bool) {
	out := n
	out.Alt = nil
	found := false
	for _, p := range NameParts {
		if v, ok := n.Alt[p+form]; ok {
			out.SetPart(p, v)
			found = true
		}
	}
	return out, found
}

// String returns the name for messages: "Family, Given", or Literal.
func (n Name) String() string {
	if n.Literal != "" {
		return n.Literal
	}
	family := strings.TrimSpace(strings.Join(nonEmpty(n.NonDroppingParticle, n.Family), " "))
	given := strings.TrimSpace(strings.Join(nonEmpty(n.Given, n.DroppingParticle), " "))
	s := family
	if given != "" {
		s += ", " + given
	}
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
