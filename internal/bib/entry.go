package bib

import (
	"iter"
	"maps"
	"reflect"
	"slices"
	"sort"
)

// Entry is one reference: a work with an id, a CSL item type and CSL
// variables. Standard and number variables (and their "-translit" and
// "-translated" forms) are read with Get and Fields, name variables with
// Names and AllNames, date variables with Date and AllDates, so an Entry
// maps one to one onto a CSL-JSON item. Extra keeps fields that have no CSL
// variable (for example BibTeX fields that an import could not map),
// verbatim, so nothing is lost.
//
// Aliases are former ids of the entry, recorded when duplicates were merged
// into it, so that manuscripts citing an old id still resolve (see
// Library.Resolve). BibLaTeX calls them ids.
//
// Pos is where the entry starts; PosOf gives the position of each key that
// was read from a file ("id", "type", "title", "author", …).
//
// The variables are kept compactly, in canonical order (see
// VariableOrder): a slot per variable the entry has, rather than a map per
// kind, so that a library of 100,000 references costs little memory and
// little work for the garbage collector. Positions are kept in a side table
// of lines. Copy an entry with Clone: a struct copy shares the slots.
type Entry struct {
	ID      string
	Aliases []string
	Type    string
	Extra   map[string]string
	Pos     Pos

	fields []field
	names  []nameVar
	dates  []dateVar
	lines  []keyLine
	// files holds the file of a key whose position is in another file
	// than Pos.File (rare: an entry merged from two files).
	files map[string]string
}

// field is a standard or number variable; ord is VariableOrder(name).
type field struct {
	name, value string
	ord         int
}

type nameVar struct {
	name string
	list []Name
	ord  int
}

type dateVar struct {
	name string
	date Date
	ord  int
}

// keyLine is the position of a key in the entry's file.
type keyLine struct {
	key       string
	line, col int32
}

// NewEntry returns an empty entry with the given id and type.
func NewEntry(id, typ string) *Entry {
	return &Entry{ID: id, Type: typ}
}

// find returns the index of the slot called name, or -1.
func find[S any](slots []S, name string, nameOf func(*S) string) int {
	for i := range slots {
		if nameOf(&slots[i]) == name {
			return i
		}
	}
	return -1
}

// where returns the index at which a slot of order ord called name
// belongs among slots kept in canonical order.
func where[S any](slots []S, ord int, name string, nameOf func(*S) string, ordOf func(*S) int) int {
	return sort.Search(len(slots), func(i int) bool {
		o := ordOf(&slots[i])
		return o > ord || o == ord && nameOf(&slots[i]) > name
	})
}

func fieldName(f *field) string     { return f.name }
func fieldOrd(f *field) int         { return f.ord }
func nameVarName(n *nameVar) string { return n.name }
func nameVarOrd(n *nameVar) int     { return n.ord }
func dateVarName(d *dateVar) string { return d.name }
func dateVarOrd(d *dateVar) int     { return d.ord }

// Get returns the value of a standard or number variable, or "".
func (e *Entry) Get(name string) string {
	for i := range e.fields {
		if e.fields[i].name == name {
			return e.fields[i].value
		}
	}
	return ""
}

// Has reports whether the entry has the standard or number variable name.
func (e *Entry) Has(name string) bool { return e.Get(name) != "" }

// Set sets a standard or number variable; an empty value removes it.
func (e *Entry) Set(name, value string) {
	switch i := find(e.fields, name, fieldName); {
	case i >= 0 && value == "":
		e.fields = slices.Delete(e.fields, i, i+1)
	case i >= 0:
		e.fields[i].value = value
	case value != "":
		name, ord := variableInfo(name)
		e.fields = slices.Insert(e.fields, where(e.fields, ord, name, fieldName, fieldOrd), field{name: name, value: value, ord: ord})
	}
}

// Fields yields the standard and number variables and their values in
// canonical order (see VariableOrder).
func (e *Entry) Fields() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, f := range e.fields {
			if !yield(f.name, f.value) {
				return
			}
		}
	}
}

// NumFields returns the number of standard and number variables set.
func (e *Entry) NumFields() int { return len(e.fields) }

// Names returns the name variable role (nil when unset). The slice is the
// entry's own: changing an element changes the entry.
func (e *Entry) Names(role string) []Name {
	for i := range e.names {
		if e.names[i].name == role {
			return e.names[i].list
		}
	}
	return nil
}

// SetNames sets the name variable role; an empty list removes it.
func (e *Entry) SetNames(role string, list []Name) {
	switch i := find(e.names, role, nameVarName); {
	case i >= 0 && len(list) == 0:
		e.names = slices.Delete(e.names, i, i+1)
	case i >= 0:
		e.names[i].list = list
	case len(list) > 0:
		e.insertNames(role, list)
	}
}

// AddName appends n to the name variable role.
func (e *Entry) AddName(role string, n Name) {
	if i := find(e.names, role, nameVarName); i >= 0 {
		e.names[i].list = append(e.names[i].list, n)
		return
	}
	e.insertNames(role, []Name{n})
}

func (e *Entry) insertNames(role string, list []Name) {
	role, ord := variableInfo(role)
	e.names = slices.Insert(e.names, where(e.names, ord, role, nameVarName, nameVarOrd), nameVar{name: role, list: list, ord: ord})
}

// AllNames yields the name variables in canonical order.
func (e *Entry) AllNames() iter.Seq2[string, []Name] {
	return func(yield func(string, []Name) bool) {
		for _, n := range e.names {
			if !yield(n.name, n.list) {
				return
			}
		}
	}
}

// NumNameVariables returns the number of name variables set.
func (e *Entry) NumNameVariables() int { return len(e.names) }

// Date returns the date variable name and whether it is set.
func (e *Entry) Date(name string) (Date, bool) {
	for i := range e.dates {
		if e.dates[i].name == name {
			return e.dates[i].date, true
		}
	}
	return Date{}, false
}

// SetDate sets a date variable.
func (e *Entry) SetDate(name string, d Date) {
	if i := find(e.dates, name, dateVarName); i >= 0 {
		e.dates[i].date = d
		return
	}
	name, ord := variableInfo(name)
	e.dates = slices.Insert(e.dates, where(e.dates, ord, name, dateVarName, dateVarOrd), dateVar{name: name, date: d, ord: ord})
}

// DeleteDate removes the date variable name.
func (e *Entry) DeleteDate(name string) {
	if i := find(e.dates, name, dateVarName); i >= 0 {
		e.dates = slices.Delete(e.dates, i, i+1)
	}
}

// AllDates yields the date variables in canonical order.
func (e *Entry) AllDates() iter.Seq2[string, Date] {
	return func(yield func(string, Date) bool) {
		for _, d := range e.dates {
			if !yield(d.name, d.date) {
				return
			}
		}
	}
}

// NumDates returns the number of date variables set.
func (e *Entry) NumDates() int { return len(e.dates) }

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
func (e *Entry) Year() int {
	d, _ := e.Date("issued")
	return d.Start.Year
}

// PosOf returns the position of key in its file, or the entry's own
// position when the key was not read from a file.
func (e *Entry) PosOf(key string) Pos {
	if p, ok := e.KeyPos(key); ok && p.Line > 0 {
		return p
	}
	return e.Pos
}

// KeyPos returns the position recorded for key (with SetPos, by the
// reader of a file) and whether there is one.
func (e *Entry) KeyPos(key string) (Pos, bool) {
	for i := range e.lines {
		if l := &e.lines[i]; l.key == key {
			file := e.Pos.File
			if f, ok := e.files[key]; ok {
				file = f
			}
			return Pos{File: file, Line: int(l.line), Col: int(l.col)}, true
		}
	}
	return Pos{}, false
}

// SetPos records the position of key (a variable, "id", "type", …). A
// position in another file than the entry's is kept too.
func (e *Entry) SetPos(key string, p Pos) { e.SetPosKey(Key{name: Intern(key)}, p) }

// SetLine records that key is on line of the entry's own file: SetPos
// with the entry's file, for readers that set many positions.
func (e *Entry) SetLine(key string, line int) {
	if e.files != nil {
		delete(e.files, key)
	}
	for i := range e.lines {
		if e.lines[i].key == key {
			e.lines[i] = keyLine{key: e.lines[i].key, line: clampLine(line)}
			return
		}
	}
	e.lines = append(e.lines, keyLine{key: Intern(key), line: clampLine(line)})
}

func clampLine(n int) int32 {
	if n > 1<<31-1 {
		return 1<<31 - 1
	}
	if n < 0 {
		return 0
	}
	return int32(n)
}

// Positions yields the keys whose positions were recorded, with their
// positions, in the order they were recorded.
func (e *Entry) Positions() iter.Seq2[string, Pos] {
	return func(yield func(string, Pos) bool) {
		for _, l := range e.lines {
			if p, _ := e.KeyPos(l.key); !yield(l.key, p) {
				return
			}
		}
	}
}

// ClearPositions forgets every position: the entry's own and its keys',
// names' and dates'.
func (e *Entry) ClearPositions() {
	e.Pos = Pos{}
	e.lines, e.files = nil, nil
	for i := range e.dates {
		e.dates[i].date.Pos = Pos{}
	}
	for i := range e.names {
		for j := range e.names[i].list {
			e.names[i].list[j].Pos = Pos{}
		}
	}
}

// FieldNames returns the names of the entry's standard and number
// variables in canonical order (see VariableOrder).
func (e *Entry) FieldNames() []string {
	out := make([]string, len(e.fields))
	for i, f := range e.fields {
		out[i] = f.name
	}
	return out
}

// NameVariables returns the entry's name variables in canonical order.
func (e *Entry) NameVariables() []string {
	out := make([]string, len(e.names))
	for i, n := range e.names {
		out[i] = n.name
	}
	return out
}

// DateVariables returns the entry's date variables in canonical order.
func (e *Entry) DateVariables() []string {
	out := make([]string, len(e.dates))
	for i, d := range e.dates {
		out[i] = d.name
	}
	return out
}

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

// Clone returns a deep copy of e: changing the copy leaves e as it was.
func (e *Entry) Clone() *Entry {
	c := *e
	c.Aliases = slices.Clone(e.Aliases)
	c.Extra = maps.Clone(e.Extra)
	c.fields = slices.Clone(e.fields)
	c.dates = slices.Clone(e.dates)
	c.lines = slices.Clone(e.lines)
	c.files = maps.Clone(e.files)
	c.names = slices.Clone(e.names)
	for i := range c.names {
		c.names[i].list = slices.Clone(c.names[i].list)
		for j := range c.names[i].list {
			c.names[i].list[j].Alt = maps.Clone(c.names[i].list[j].Alt)
		}
	}
	return &c
}

// Equal reports whether e and o hold the same data, ignoring positions and
// the difference between nil and empty collections. Round-trip tests use it.
func (e *Entry) Equal(o *Entry) bool {
	return reflect.DeepEqual(e.Strip(), o.Strip())
}

// Strip returns a copy of e without positions and with empty collections
// set to nil, for comparisons and tests.
func (e *Entry) Strip() *Entry {
	c := &Entry{ID: e.ID, Type: e.Type}
	if len(e.Aliases) > 0 {
		c.Aliases = slices.Clone(e.Aliases)
	}
	if len(e.fields) > 0 {
		c.fields = slices.Clone(e.fields)
	}
	if len(e.Extra) > 0 {
		c.Extra = maps.Clone(e.Extra)
	}
	if len(e.dates) > 0 {
		c.dates = slices.Clone(e.dates)
		for i := range c.dates {
			c.dates[i].date.Pos = Pos{}
		}
	}
	if len(e.names) > 0 {
		c.names = make([]nameVar, len(e.names))
		for i, nv := range e.names {
			out := make([]Name, len(nv.list))
			for j, n := range nv.list {
				n.Pos = Pos{}
				if len(n.Alt) == 0 {
					n.Alt = nil
				}
				out[j] = n
			}
			c.names[i] = nameVar{name: nv.name, list: out, ord: nv.ord}
		}
	}
	return c
}

// NameVariablesSeq yields the entry's name variables in canonical order.
func (e *Entry) NameVariablesSeq() iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, n := range e.names {
			if !yield(n.name) {
				return
			}
		}
	}
}

// FieldPos returns the position recorded for key, or the zero Pos when
// there is none (PosOf falls back to the entry's position instead).
func (e *Entry) FieldPos(key string) Pos {
	p, _ := e.KeyPos(key)
	return p
}

// DeletePos forgets the position of key.
func (e *Entry) DeletePos(key string) {
	for i := range e.lines {
		if e.lines[i].key == key {
			e.lines = slices.Delete(e.lines, i, i+1)
			break
		}
	}
	delete(e.files, key)
}

// RetainPositions forgets the positions of the keys for which keep
// returns false, and releases their memory; the entry's own position, and
// its names' and dates', stay.
func (e *Entry) RetainPositions(keep func(key string) bool) {
	n := 0
	for _, l := range e.lines {
		if keep(l.key) {
			n++
		}
	}
	if n == len(e.lines) {
		return
	}
	var lines []keyLine
	if n > 0 {
		lines = make([]keyLine, 0, n)
	}
	for _, l := range e.lines {
		if keep(l.key) {
			lines = append(lines, l)
		} else {
			delete(e.files, l.key)
		}
	}
	e.lines = lines
	if len(e.files) == 0 {
		e.files = nil
	}
}

// NumPositions returns the number of keys whose positions are recorded.
func (e *Entry) NumPositions() int { return len(e.lines) }

// WithFields sets the standard and number variables of fields (an empty
// value sets nothing) and returns e, for building entries in one
// expression: bib.NewEntry("x", "book").WithFields(map[string]string{…}).
func (e *Entry) WithFields(fields map[string]string) *Entry {
	for k, v := range fields {
		e.Set(k, v)
	}
	return e
}

// DateString returns the date variable name as Date.String writes it, or
// "" when it is not set.
func (e *Entry) DateString(name string) string {
	if d, ok := e.Date(name); ok {
		return d.String()
	}
	return ""
}

// Grow makes room for the given numbers of variables, name variables,
// date variables and key positions, for readers that know them in
// advance.
func (e *Entry) Grow(fields, names, dates, positions int) {
	e.fields = slices.Grow(e.fields, fields)
	e.names = slices.Grow(e.names, names)
	e.dates = slices.Grow(e.dates, dates)
	e.lines = slices.Grow(e.lines, positions)
}
