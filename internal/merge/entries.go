package merge

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cite-project/cite/internal/bib"
)

// Conflict is a field that two merged entries both have, with different
// values: Value is what the merged entry had so far (from KeepID), Other
// the differing value of OtherID, Chosen the value the merged entry got
// and From the id it came from.
type Conflict struct {
	Field   string
	Value   string
	KeepID  string
	Other   string
	OtherID string
	Chosen  string
	From    string
}

// String describes the conflict for people.
func (c Conflict) String() string {
	return fmt.Sprintf("%s: %s has %q, %s has %q; kept %s's", c.Field, c.KeepID, c.Value, c.OtherID, c.Other, c.From)
}

// Entries returns keep with what drops add: each field, date, name list
// and extra field that keep lacks is taken from the first drop that has
// it; where keep (or an earlier drop) has a different value, the value of
// prefer wins if prefer is the id of a drop that has the field, and keep's
// otherwise, and the difference is reported as a Conflict. A name list
// equal to keep's but for missing romanised or translated forms has them
// filled in, without conflict. Each drop's id and aliases become aliases of
// the result, after keep's own. keep and drops are not modified.
func Entries(keep *bib.Entry, drops []*bib.Entry, prefer string) (*bib.Entry, []Conflict) {
	m := clone(keep)
	var conflicts []Conflict
	from := map[string]string{} // field → id whose value the merged entry has
	winner := func(field string, drop *bib.Entry) bool {
		return drop.ID == prefer && from[field] != prefer
	}
	report := func(field, kept, other string, drop *bib.Entry, took bool) {
		c := Conflict{Field: field, Value: kept, KeepID: origin(from, field, keep.ID), Other: other, OtherID: drop.ID, Chosen: kept}
		c.From = c.KeepID
		if took {
			c.Chosen, c.From = other, drop.ID
		}
		conflicts = append(conflicts, c)
	}
	for _, d := range drops {
		if d.Type != m.Type {
			took := winner("type", d)
			report("type", m.Type, d.Type, d, took)
			if took {
				m.Type, from["type"] = d.Type, d.ID
			}
		}
		for _, k := range d.FieldNames() {
			v, theirs := m.Get(k), d.Get(k)
			switch {
			case v == "":
				m.Set(k, theirs)
				from[k] = d.ID
			case v != theirs:
				took := winner(k, d)
				report(k, v, theirs, d, took)
				if took {
					m.Set(k, theirs)
					from[k] = d.ID
				}
			}
		}
		for _, k := range d.DateVariables() {
			dd, _ := d.Date(k)
			v, ok := m.Date(k)
			switch {
			case !ok:
				dd.Pos = bib.Pos{}
				m.SetDate(k, dd)
				from[k] = d.ID
			case v.String() != dd.String() || v.Literal != dd.Literal:
				took := winner(k, d)
				report(k, v.String(), dd.String(), d, took)
				if took {
					m.SetDate(k, dd)
					from[k] = d.ID
				}
			}
		}
		for _, role := range d.NameVariables() {
			theirs := d.Names(role)
			ours := m.Names(role)
			switch {
			case ours == nil:
				m.SetNames(role, slices.Clone(theirs))
				from[role] = d.ID
			case sameNames(ours, theirs):
				m.SetNames(role, fillAlt(ours, theirs))
			default:
				took := winner(role, d)
				report(role, NamesString(ours), NamesString(theirs), d, took)
				if took {
					m.SetNames(role, slices.Clone(theirs))
					from[role] = d.ID
				}
			}
		}
		for _, k := range d.ExtraNames() {
			v, ok := m.Extra[k]
			switch {
			case !ok:
				if m.Extra == nil {
					m.Extra = map[string]string{}
				}
				m.Extra[k] = d.Extra[k]
				from["extra."+k] = d.ID
			case v != d.Extra[k]:
				took := winner("extra."+k, d)
				report("extra."+k, v, d.Extra[k], d, took)
				if took {
					m.Extra[k] = d.Extra[k]
					from["extra."+k] = d.ID
				}
			}
		}
	}
	for _, d := range drops {
		m.AddAlias(d.ID)
		for _, a := range d.Aliases {
			m.AddAlias(a)
		}
	}
	return m, conflicts
}

func origin(from map[string]string, field, keepID string) string {
	if id, ok := from[field]; ok {
		return id
	}
	return keepID
}

// clone copies e deeply enough that changing the copy's maps and slices
// leaves e alone; positions are dropped.
func clone(e *bib.Entry) *bib.Entry {
	c := e.Strip() // new name lists, shared Alt maps
	for _, ns := range c.AllNames() {
		for i := range ns {
			ns[i].Alt = maps.Clone(ns[i].Alt)
		}
	}
	return c
}

// sameNames reports whether two name lists name the same people in the
// same order, ignoring alternative forms that only one side records.
func sameNames(a, b []bib.Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Family != y.Family || x.Given != y.Given || x.Literal != y.Literal || x.NonDroppingParticle != y.NonDroppingParticle ||
			x.DroppingParticle != y.DroppingParticle || x.Suffix != y.Suffix {
			return false
		}
		for k, v := range y.Alt {
			if w, ok := x.Alt[k]; ok && w != v {
				return false
			}
		}
	}
	return true
}

// fillAlt returns ours with the alternative forms of theirs that ours
// lacks.
func fillAlt(ours, theirs []bib.Name) []bib.Name {
	out := slices.Clone(ours)
	for i := range out {
		for k, v := range theirs[i].Alt {
			if _, ok := out[i].Alt[k]; !ok {
				if out[i].Alt == nil {
					out[i].Alt = map[string]string{}
				}
				out[i].Alt[k] = v
			}
		}
	}
	return out
}

// NamesString writes a name list as "Family, Given; Family, Given".
func NamesString(ns []bib.Name) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.String()
	}
	return strings.Join(parts, "; ")
}

// Claims points the sources of claims that cite one of the ids in from
// at to instead, and returns the claims it changed.
func Claims(claims []*bib.Claim, from []string, to string) []*bib.Claim {
	var changed []*bib.Claim
	for _, c := range claims {
		touched := false
		for i, s := range c.Sources {
			if slices.Contains(from, s.Ref) {
				c.Sources[i].Ref = to
				touched = true
			}
		}
		if touched {
			changed = append(changed, c)
		}
	}
	return changed
}
