package cite

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/arena"
	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/runes"
	"github.com/cite-project/cite/internal/translit"
)

// Item maps e to the engine's record: the one place where cite's fields
// become CSL variables. The engine reads the standard and number
// variables and the dates of e through an adapter (the item's Source)
// rather than maps: variables by name, except their "-translit" and
// "-translated" forms (styles get them through a preparation, see
// Prepare) and the fields isSkipped names or Extra holds; dates converted
// once, part by part. What a preparation changes is kept in the adapter
// too, so the item's Vars and Dates stay nil. Names are converted part by
// part into NameVars (Names stays nil too). Language is the record's
// language, or a guess from its script (see Language). The item keeps
// nothing of e but the strings of its variables and names: it does not
// change when e does.
func Item(e *bib.Entry) *item.Item { return newItem(e, 0, nil) }

// prepared is an item with its adapter and the storage of its first name
// variable, allocated together: a library of 100,000 references makes as
// many, most of them with one name variable and one or two dates.
type prepared struct {
	it    item.Item
	src   entrySource
	names [1]item.NameVar
}

// newItem is Item with the names romanised with rom when it is not zero
// (a preparation's romanisation, see engineName), so that names are
// converted once. When sc is not nil the variables are gathered, and the
// preparation's changes made, in its buffers rather than in memory of
// the item's own, for a preparation that makes the item's copy once it
// is done (see entrySource.keep); when sc owns its strings, the names are
// copied as they are converted.
func newItem(e *bib.Entry, rom translit.Scheme, sc *scratch) *item.Item {
	var p *prepared
	if sc != nil {
		p = sc.items.One()
		p.src.fields = appendEngineFields(sc.fields[:0], e)
		p.src.changed = sc.changed[:0]
		p.src.names = 0
	} else {
		p = &prepared{}
		p.src.fields = engineFields(e)
	}
	p.it = item.Item{ID: e.ID, Type: e.Type, Language: Language(e), Source: &p.src}
	p.it.NameVars = itemNames(e, p.it.Language, rom, sc, &p.names)
	n := 0
	for _, d := range e.AllDates() {
		if !d.IsZero() {
			n++
		}
	}
	if n > 1 {
		p.src.more = sc.dateList(n - 1)
	}
	first := true
	for k, d := range e.AllDates() {
		switch {
		case d.IsZero():
		case first:
			p.src.date.set(k, d)
			first = false
		default:
			p.src.more = append(p.src.more, sourceDate{})
			p.src.more[len(p.src.more)-1].set(k, d)
		}
	}
	return &p.it
}

// itemNames converts the non-empty names of e with engineName into the
// engine's name variables: in inline when e has one, with one array
// shared by the lists of every variable. It returns nil when e has no
// name.
func itemNames(e *bib.Entry, lang string, rom translit.Scheme, sc *scratch, inline *[1]item.NameVar) []item.NameVar {
	total, vars := 0, 0
	for _, ns := range e.AllNames() {
		c := 0
		for i := range ns {
			if !emptyName(&ns[i]) {
				c++
			}
		}
		total += c
		if c > 0 {
			vars++
		}
	}
	if total == 0 {
		return nil
	}
	all := sc.nameList(total)
	out := inline[:0]
	if vars > len(inline) {
		out = make([]item.NameVar, 0, vars)
	}
	for k, ns := range e.AllNames() {
		start := len(all)
		for i := range ns {
			if !emptyName(&ns[i]) {
				all = append(all, engineName(&ns[i], rom, lang, sc))
			}
		}
		if len(all) > start {
			out = append(out, item.NameVar{Variable: k, Names: all[start:len(all):len(all)]})
		}
	}
	return out
}

// emptyName is n.IsEmpty(), reading the parts directly.
func emptyName(n *bib.Name) bool {
	return blank(n.Family) && blank(n.Given) && blank(n.DroppingParticle) && blank(n.NonDroppingParticle) &&
		blank(n.Suffix) && blank(n.Literal)
}

// blank reports whether strings.TrimSpace(s) is "", at once for a string
// that starts with a character that is not a space, as the parts of
// names do.
func blank(s string) bool {
	if s == "" {
		return true
	}
	c := s[0]
	if c > ' ' && c < utf8.RuneSelf {
		return false
	}
	if c >= utf8.RuneSelf {
		// TrimSpace keeps a first rune that is not a space (an invalid
		// byte is U+FFFD), reading the whole string when it is not ASCII.
		if r, _ := utf8.DecodeRuneInString(s); !runes.IsSpace(r) {
			return false
		}
	}
	return strings.TrimSpace(s) == ""
}

// engineFields returns the variables of e that the engine may read: not
// those isSkipped names, nor the alternative forms.
func engineFields(e *bib.Entry) []fieldValue {
	n := 0
	for k, v := range e.Fields() {
		if engineField(k, v) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return appendEngineFields(make([]fieldValue, 0, n), e)
}

// appendEngineFields appends the variables of e that the engine may read
// to out.
func appendEngineFields(out []fieldValue, e *bib.Entry) []fieldValue {
	for k, v := range e.Fields() {
		if engineField(k, v) {
			out = append(out, fieldValue{k, v})
		}
	}
	return out
}

func engineField(name, value string) bool {
	return value != "" && !isSkipped(name) && !isForm(name)
}

// scratch is the memory a preparation works in (see prepare): the
// entry's variables and the preparation's changes, reused from one item
// to the next; the results of its conversions (see memo); and, when the
// items are to own their strings (see ownStrings), the blocks they are
// copied into and the few types and languages met.
type scratch struct {
	fields  []fieldValue
	changed []changedVariable
	own     bool
	strs    arena.Strings
	short   map[string]string
	// recentShort holds the values shortCopy met last (types and
	// languages), each in the slot shortSlot gives it, with their copies
	recentShort [32]shortPair
	memo        memo
	// parts holds the name parts namePart copied, each its own key, and
	// partBytes their size
	parts     map[string]string
	partBytes int
	// romanized is the buffer romanize writes a result in before
	// remember copies it
	romanized []byte
	// the items' memory, from few blocks (see arena.Slab)
	items arena.Slab[prepared]
	lists arena.Slab[fieldValue]
	names arena.Slab[item.Name]
	dates arena.Slab[sourceDate]
}

// shortPair is a string and its copy (see scratch.shortCopy): the copy
// twice, so as to keep none of the library's memory.
type shortPair struct{ s, v string }

// maxShort bounds the types and languages a scratch remembers.
const maxShort = 64

// shortCopy returns a copy of s, a type or a language: one copy for the
// first maxShort values met, which repeat in every item.
func (sc *scratch) shortCopy(s string) string {
	if s == "" {
		return ""
	}
	slot := &sc.recentShort[shortSlot(s)]
	if s == slot.s {
		return slot.v
	}
	v, ok := sc.short[s]
	if !ok {
		v = strings.Clone(s)
		if sc.short == nil {
			sc.short = map[string]string{}
		}
		if len(sc.short) < maxShort {
			sc.short[v] = v
		}
	}
	*slot = shortPair{v, v}
	return v
}

// maxPartBytes bounds the name parts a scratch remembers (see namePart):
// past it, it starts afresh.
const maxPartBytes = 4 << 20

// namePart returns the items' copy of v, a part of a name (a family name,
// given names, a particle): one copy for all the items prepared with sc.
// A library names the same people again and again, and the engine reads
// every name several times (sort keys, cites, disambiguation, entries):
// shared, a large library's names are a few strings that stay in the
// processor's cache instead of a copy per work, read from memory on
// every pass.
func (sc *scratch) namePart(v string) string {
	if c, ok := sc.parts[v]; ok {
		return c
	}
	if sc.parts == nil || sc.partBytes > maxPartBytes {
		sc.parts, sc.partBytes = map[string]string{}, 0
	}
	c := sc.strs.Copy(v)
	sc.parts[c] = c
	sc.partBytes += len(c)
	return c
}

// shortSlot is the slot of recentShort for s, not "": the types and
// languages of a library differ in length or in their first or last
// letters.
func shortSlot(s string) int {
	return (len(s)*5 + int(s[0]) + int(s[len(s)-1])*3) & (len(scratch{}.recentShort) - 1)
}

// ownStrings makes every string that the prepared item keeps a copy in
// sc's blocks, so that the item, and the items prepared after it with sc,
// keep none of the library's memory: a library read from the parse cache
// holds its strings in blocks with all the others (names in Cyrillic
// that the item has romanised, alternative forms, claims), which a
// single kept string would keep whole. The romanised strings of a
// preparation are copied too, at their size, once for all the items that
// have them (see memo). The names are copied as they are converted (see
// engineName), the variables as the adapter keeps them (see
// entrySource.keep); ownStrings copies the rest.
func ownStrings(it *item.Item, sc *scratch) {
	a := &sc.strs
	it.ID = a.Copy(it.ID)
	it.Type = sc.shortCopy(it.Type)
	it.Language = sc.shortCopy(it.Language)
	s := it.Source.(*entrySource)
	s.date.literal = a.Copy(s.date.literal)
	for i := range s.more {
		s.more[i].literal = a.Copy(s.more[i].literal)
	}
}

// entrySource is the adapter through which the engine reads an entry
// (item.Source): its variables from a copy of the entry's that the engine
// may read (which keeps nothing else of the entry: once its items are
// prepared, a library's names, dates and claims can go), its dates from a
// compact form of them, made once: the first in date, the others in
// more. While an item is prepared, changed holds what the preparation
// did: the variables it set or changed, which come before the entry's,
// and the variables and dates it took away. Once it is done (see keep),
// fields holds what the engine reads, in a list of the exact size: the
// variables set, then the entry's others; changed keeps only what was
// taken away (rarely anything).
type entrySource struct {
	fields  []fieldValue
	date    sourceDate
	more    []sourceDate
	changed []changedVariable
	// names holds the varClass of every variable in fields and changed
	// once indexed (see keep), so that Var answers at once for most of
	// the names the entry lacks, which are most of those a style asks
	// for; 0 before, for an entry without variables, and after a change
	// that follows keep, when Var reads every variable.
	names uint64
}

// varClass is one of 64 classes of variable names, from the name's
// length and its first and last bytes, which tell apart the variables
// of CSL; name is not "".
func varClass(name string) uint64 {
	return 1 << ((uint(len(name))*3 + uint(name[0]) + uint(name[len(name)-1])*5) & 63)
}

// index makes names, for Var.
func (s *entrySource) index() {
	var m uint64
	for i := range s.fields {
		if n := s.fields[i].name; n != "" {
			m |= varClass(n)
		}
	}
	for i := range s.changed {
		if n := s.changed[i].name; n != "" {
			m |= varClass(n)
		}
	}
	s.names = m
}

// fieldValue is a variable of the entry and its value.
type fieldValue struct{ name, value string }

// changedVariable is a variable or date a preparation set (the engine
// reads value) or took away (hidden; the engine reads value, "" unless it
// was set again afterwards). owned says that value is none of the
// library's memory (see setVar).
type changedVariable struct {
	name, value   string
	hidden, owned bool
}

// sourceDate is a date variable of an entry in the engine's terms, kept
// compactly; name is "" for none. An EDTF date of the model becomes the
// engine's date (see value) thus: a range keeps both ends (an open end
// stays zero), a season becomes its number ("1" for spring … "4" for
// winter), and "~" becomes circa. The engine has no notion of an
// uncertain ("?") date; it prints as certain.
type sourceDate struct {
	name    string
	literal string
	parts   [2]item.DateParts // the storage of the date's Parts
	season  int               // 0, or the season's number
	n       uint8             // the parts used: 0 (a literal), 1, or 2 (a range)
	circa   bool
}

// set makes sd the date variable name with the value d.
func (sd *sourceDate) set(name string, d bib.Date) {
	sd.name = name
	if d.Literal != "" {
		sd.literal = d.Literal
		return
	}
	part := func(p bib.DatePart) item.DateParts { return item.DateParts{Year: p.Year, Month: p.Month, Day: p.Day} }
	sd.parts[0], sd.n = part(d.Start), 1
	if d.Range {
		sd.parts[1], sd.n = part(d.End), 2
	}
	sd.season, sd.circa = d.Season, d.Approximate
}

// value returns the engine's form of the date, its Parts kept in sd.
func (sd *sourceDate) value() item.Date {
	if sd.n == 0 {
		return item.Date{Literal: sd.literal}
	}
	out := item.Date{Parts: sd.parts[:sd.n:2], Circa: sd.circa}
	if sd.season != 0 {
		out.Season = strconv.Itoa(sd.season)
	}
	return out
}

// Var returns the entry's variable name as the engine sees it: what a
// preparation set, or else the entry's, except "" for the fields
// isSkipped names, the alternative forms and what was hidden.
func (s *entrySource) Var(name string) string {
	if s.names != 0 && name != "" && s.names&varClass(name) == 0 {
		return ""
	}
	if c := s.change(name); c != nil {
		return c.value
	}
	for i := range s.fields {
		if s.fields[i].name == name {
			return s.fields[i].value
		}
	}
	return ""
}

// keep is the last step of a preparation: it makes the item's own lists
// of what the engine reads, each of the exact size, and lets go of the
// entry's variables that a change overrides. fields gets the variables
// the preparation set, then the entry's others; changed keeps only what
// was taken away. Var reads the same before and after. When the lists
// are in sc (see newItem), they are copied in any case, and sc keeps the
// buffers, grown, for the next item; when sc owns its strings, the values
// kept are copied into its blocks too (see ownStrings).
func (s *entrySource) keep(sc *scratch) {
	set, hidden := 0, 0
	for i := range s.changed {
		if s.changed[i].hidden {
			hidden++
		} else {
			set++
		}
	}
	// over marks the first 64 variables a change overrides, so that each
	// is looked up among the changes once
	var over uint64
	kept := len(s.fields)
	if len(s.changed) > 0 {
		for i := range s.fields {
			if s.change(s.fields[i].name) != nil {
				kept--
				if i < 64 {
					over |= 1 << i
				}
			}
		}
	}
	if sc != nil {
		sc.fields, sc.changed = s.fields[:0], s.changed[:0]
	} else if set == 0 && kept == len(s.fields) {
		s.index()
		return // nothing to merge, nothing to let go
	}
	var fields []fieldValue
	if set+kept > 0 {
		fields = sc.fieldList(set + kept)
		for _, c := range s.changed {
			if !c.hidden {
				fields = append(fields, fieldValue{c.name, sc.ownCopy(c.value, c.owned)})
			}
		}
		for i, f := range s.fields {
			if i < 64 && over&(1<<i) == 0 || i >= 64 && s.change(f.name) == nil {
				fields = append(fields, fieldValue{f.name, sc.ownCopy(f.value, false)})
			}
		}
	}
	var changed []changedVariable
	if hidden > 0 {
		changed = make([]changedVariable, 0, hidden)
		for _, c := range s.changed {
			if c.hidden {
				c.value, c.owned = sc.ownCopy(c.value, c.owned), true
				changed = append(changed, c)
			}
		}
	}
	s.fields, s.changed = fields, changed
	s.index()
}

// fieldList, nameList and dateList return an empty list with room for n
// elements, from sc's slabs when sc is not nil.
func (sc *scratch) fieldList(n int) []fieldValue {
	if sc == nil {
		return make([]fieldValue, 0, n)
	}
	return sc.lists.Take(n)
}

func (sc *scratch) nameList(n int) []item.Name {
	if sc == nil {
		return make([]item.Name, 0, n)
	}
	return sc.names.Take(n)
}

func (sc *scratch) dateList(n int) []sourceDate {
	if sc == nil {
		return make([]sourceDate, 0, n)
	}
	return sc.dates.Take(n)
}

// ownCopy returns v, copied into sc's blocks when sc owns its strings and
// v is not its own already.
func (sc *scratch) ownCopy(v string, owned bool) string {
	if sc == nil || !sc.own || owned {
		return v
	}
	return sc.strs.Copy(v)
}

// change returns what a preparation did to the variable name, or nil.
func (s *entrySource) change(name string) *changedVariable {
	for i := range s.changed {
		if s.changed[i].name == name {
			return &s.changed[i]
		}
	}
	return nil
}

// setVar makes the engine read v as the variable name; owned says that v
// is none of the library's memory.
func (s *entrySource) setVar(name, v string, owned bool) {
	s.names = 0
	if c := s.change(name); c != nil {
		c.value, c.owned = v, owned
		return
	}
	s.changed = append(s.changed, changedVariable{name: name, value: v, owned: owned})
}

// unset forgets what a preparation set as the variable name: the engine
// reads the entry's value again, or "" when the variable was hidden.
func (s *entrySource) unset(name string) {
	s.names = 0
	for i := range s.changed {
		if c := &s.changed[i]; c.name == name {
			if c.hidden {
				c.value = ""
			} else {
				s.changed = append(s.changed[:i], s.changed[i+1:]...)
			}
			return
		}
	}
}

// Date returns the engine's form of the date variable name.
func (s *entrySource) Date(name string) (item.Date, bool) {
	sd := s.findDate(name)
	if sd == nil || s.isHidden(name) {
		return item.Date{}, false
	}
	return sd.value(), true
}

// findDate returns the entry's date variable name, or nil.
func (s *entrySource) findDate(name string) *sourceDate {
	if name == "" {
		return nil
	}
	if s.date.name == name {
		return &s.date
	}
	for i := range s.more {
		if s.more[i].name == name {
			return &s.more[i]
		}
	}
	return nil
}

// hide takes the variable or date name away from the engine; what a
// preparation set as the variable still shows until it is unset.
func (s *entrySource) hide(name string) {
	s.names = 0
	if c := s.change(name); c != nil {
		c.hidden = true
		return
	}
	s.changed = append(s.changed, changedVariable{name: name, hidden: true})
}

func (s *entrySource) isHidden(name string) bool {
	c := s.change(name)
	return c != nil && c.hidden
}

// vars yields the entry's variables the engine sees, as Var gives them
// before a preparation sets any.
func (s *entrySource) vars(yield func(k, v string) bool) {
	for _, f := range s.fields {
		if s.isHidden(f.name) {
			continue
		}
		if !yield(f.name, f.value) {
			return
		}
	}
}

// isSkipped reports whether name is one of the model's fields that are
// not passed to the engine: "language" becomes Item.Language, and "note"
// holds the librarian's remarks about the record (where a fact came from,
// what the source lacks), which no reference list should print.
func isSkipped(name string) bool { return name == "language" || name == "note" }

// isForm reports whether name is a "-translit" or "-translated" form.
// It is bib.SplitForm's test, without its allocation-free but slower loop.
func isForm(name string) bool {
	if name == "" || name[len(name)-1] != bib.TranslitSuffix[len(bib.TranslitSuffix)-1] &&
		name[len(name)-1] != bib.TranslatedSuffix[len(bib.TranslatedSuffix)-1] {
		return false // ends in neither suffix's last letter, as most names
	}
	return len(name) > len(bib.TranslitSuffix) && strings.HasSuffix(name, bib.TranslitSuffix) ||
		len(name) > len(bib.TranslatedSuffix) && strings.HasSuffix(name, bib.TranslatedSuffix)
}

// Language returns the BCP 47 language of e: its "language" field, or a
// guess from the script of its title (or, lacking one, its container's
// title or first name): Cyrillic with one of the Kazakh letters Ә Ғ Қ Ң Ө
// Ұ Ү Һ І is "kk", other Cyrillic "ru", Latin "en". It returns "" when
// there is nothing to guess from.
func Language(e *bib.Entry) string {
	if l := strings.TrimSpace(e.Get("language")); l != "" {
		return l
	}
	sample := e.Get("title")
	if sample == "" {
		sample = e.Get("container-title")
	}
	if sample == "" {
		for _, role := range []string{"author", "editor"} {
			if ns := e.Names(role); len(ns) > 0 {
				sample = ns[0].String()
				break
			}
		}
	}
	switch translit.Script(sample) {
	case "Cyrl":
		if hasKazakhLetter(sample) {
			return "kk"
		}
		return "ru"
	case "Latn":
		return "en"
	}
	return ""
}

// hasKazakhLetter reports whether s has a letter of the Kazakh alphabet
// that Russian lacks.
func hasKazakhLetter(s string) bool {
	for _, r := range s {
		if strings.ContainsRune("әғқңөұүһі", unicode.ToLower(r)) {
			return true
		}
	}
	return false
}
