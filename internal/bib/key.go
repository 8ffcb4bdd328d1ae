package bib

// Key is a variable name or record key looked up once (see KeyOf): its
// canonical copy and its place in the canonical order. A reader that sets
// the same keys on many entries, as the parse cache does, resolves each
// key once and sets it with AppendField, AppendNames, AppendDate and
// SetPosKey, instead of having Set, SetNames, SetDate and SetPos look the
// name up again every time.
type Key struct {
	name string
	ord  int
}

// KeyOf returns the Key of name.
func KeyOf(name string) Key {
	n, ord := variableInfo(name)
	return Key{name: n, ord: ord}
}

// Name returns the key's name (its canonical copy when it is a variable
// or a record key).
func (k Key) Name() string { return k.name }

// after reports whether k sorts after the slot of name and ord in the
// canonical order, so that appending it keeps the slots in order.
func (k Key) after(name string, ord int) bool {
	return k.ord > ord || k.ord == ord && k.name > name
}

// AppendField is Set(k.Name(), value), for a reader that gives an entry's
// variables in canonical order: a variable that sorts after the entry's
// last one is appended without a search (it cannot be one the entry has),
// and any other case is left to Set.
func (e *Entry) AppendField(k Key, value string) {
	if n := len(e.fields); value != "" && (n == 0 || k.after(e.fields[n-1].name, e.fields[n-1].ord)) {
		e.fields = append(e.fields, field{name: k.name, value: value, ord: k.ord})
		return
	}
	e.Set(k.name, value)
}

// AppendDate is SetDate(k.Name(), d) in the way AppendField is Set.
func (e *Entry) AppendDate(k Key, d Date) {
	if n := len(e.dates); n == 0 || k.after(e.dates[n-1].name, e.dates[n-1].ord) {
		e.dates = append(e.dates, dateVar{name: k.name, date: d, ord: k.ord})
		return
	}
	e.SetDate(k.name, d)
}

// AppendNames is SetNames(k.Name(), list) in the way AppendField is Set.
func (e *Entry) AppendNames(k Key, list []Name) {
	if n := len(e.names); len(list) > 0 && (n == 0 || k.after(e.names[n-1].name, e.names[n-1].ord)) {
		e.names = append(e.names, nameVar{name: k.name, list: list, ord: k.ord})
		return
	}
	e.SetNames(k.name, list)
}

// SetPosKey is SetPos(k.Name(), p) without looking the key up again.
func (e *Entry) SetPosKey(k Key, p Pos) {
	key := k.name
	if p.File != e.Pos.File {
		if e.files == nil {
			e.files = map[string]string{}
		}
		e.files[key] = p.File
	} else if e.files != nil {
		delete(e.files, key)
	}
	l := keyLine{key: key, line: clampLine(p.Line), col: clampLine(p.Col)}
	for i := range e.lines {
		if e.lines[i].key == key {
			e.lines[i] = l
			return
		}
	}
	e.lines = append(e.lines, l)
}
