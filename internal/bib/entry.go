package bib

import (
	"maps"
	"reflect"
	"slices"
	"sort"
)

// Entry is one reference: a work with an id, a CSL item type and CSL
// variables. Standard and number variables (and their "-translit" and
// "-translated" forms) are in Fields, name variables in Names and date
// variables in Dates, so an Entry maps one to one onto a CSL-JSON item.
// Extra keeps fields that have no CSL variable (for example BibTeX fields
// that an import could not map), verbatim, so nothing is lost.
//
// Aliases are former ids of the entry, recorded when duplicates were merged
// into it, so that manuscripts citing an old id still resolve (see
// Library.Resolve). BibLaTeX calls them ids.
//
// Pos is where the entry starts; FieldPos holds the position of each key
// that was read from a file ("id", "type", "title", "author", …).
type Entry struct {
	ID       string
	Aliases  []string
	Type     string
	Fields   map[string]string
	Names    map[string][]Name
	Dates    map[string]Date
	Extra    map[string]string
	Pos      Pos
	FieldPos map[string]Pos
}

// NewEntry returns an empty entry with the given id and type.
func NewEntry(id, typ string) *Entry {
	return &Entry{ID: id, Type: typ, Fields: map[string]string{}, Names: map[string][]Name{}, Dates: map[string]Date{}}
}

// Get returns the value of a standard or number variable, or "".
func (e *Entry) Get(field string) string { return e.Fields[field] }

// Set sets a standard or number variable; an empty value removes it.
func (e *Entry) Set(field, value string) {
	if value == "" {
		delete(e.Fields, field)
		return
	}
	if e.Fields == nil {
		e.Fields = map[string]string{}
	}
	e.Fields[field] = value
}

// Date returns the date variable name and whether it is set.
func (e *Entry) Date(name string) (Date, bool) {
	d, ok := e.Dates[name]
	return d, ok
}

// SetDate sets a date variable.
func (e *Entry) SetDate(name string, d Date) {
	if e.Dates == nil {
		e.Dates = map[string]Date{}
	}
	e.Dates[name] = d
}

// AddName appends n to the name variable name.
func (e *Entry) AddName(name string, n Name) {
	if e.Names == nil {
		e.Names = map[string][]Name{}
	}
	e.Names[name] = append(e.Names[name], n)
}

// HasAlias reports whether key is one of the entry's aliases.
func (e *Entry) HasAlias(key string) bool { return slices.Contains(e.Aliases, key) }

// AddAlias records key as a former id of the entry, once; it does nothing
// for the entry's own id or an empty key.
func (e *Entry) AddAlias(key string) {
	if key == "" || key == e.ID || e.HasAlias(key) {
		return
	}
	e.Aliases = append(e.Aliases, key)
}

// Year returns the year the work was issued, or 0 when unknown.
func (e *Entry) Year() int { return e.Dates["issued"].Start.Year }

// PosOf returns the position of field in its file, or the entry's own
// position when the field was not read from a file.
func (e *Entry) PosOf(field string) Pos {
	if p, ok := e.FieldPos[field]; ok && p.Line > 0 {
		return p
	}
	return e.Pos
}

// FieldNames returns the names of the entry's standard and number
// variables in canonical order (see VariableOrder).
func (e *Entry) FieldNames() []string { return canonical(slices.Collect(maps.Keys(e.Fields))) }

// NameVariables returns the entry's name variables in canonical order.
func (e *Entry) NameVariables() []string { return canonical(slices.Collect(maps.Keys(e.Names))) }

// DateVariables returns the entry's date variables in canonical order.
func (e *Entry) DateVariables() []string { return canonical(slices.Collect(maps.Keys(e.Dates))) }

// ExtraNames returns the keys of Extra in alphabetical order.
func (e *Entry) ExtraNames() []string { return slices.Sorted(maps.Keys(e.Extra)) }

// SortVariables sorts variable names in place into canonical order (see
// VariableOrder) and returns them.
func SortVariables(names []string) []string { return canonical(names) }

func canonical(names []string) []string {
	sort.Slice(names, func(i, j int) bool {
		oi, oj := VariableOrder(names[i]), VariableOrder(names[j])
		if oi != oj {
			return oi < oj
		}
		return names[i] < names[j]
	})
	return names
}

// Equal reports whether e and o hold the same data, ignoring positions and
// the difference between a nil and an empty map. Round-trip tests use it.
func (e *Entry) Equal(o *Entry) bool {
	return reflect.DeepEqual(e.Strip(), o.Strip())
}

// Strip returns a copy of e without positions and with empty maps set to
// nil, for comparisons and tests.
func (e *Entry) Strip() *Entry {
	c := &Entry{ID: e.ID, Type: e.Type}
	if len(e.Aliases) > 0 {
		c.Aliases = slices.Clone(e.Aliases)
	}
	if len(e.Fields) > 0 {
		c.Fields = maps.Clone(e.Fields)
	}
	if len(e.Extra) > 0 {
		c.Extra = maps.Clone(e.Extra)
	}
	if len(e.Dates) > 0 {
		c.Dates = map[string]Date{}
		for k, d := range e.Dates {
			d.Pos = Pos{}
			c.Dates[k] = d
		}
	}
	if len(e.Names) > 0 {
		c.Names = map[string][]Name{}
		for k, ns := range e.Names {
			out := make([]Name, len(ns))
			for i, n := range ns {
				n.Pos = Pos{}
				if len(n.Alt) == 0 {
					n.Alt = nil
				}
				out[i] = n
			}
			c.Names[k] = out
		}
	}
	return c
}
