package cite

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/translit"
)

// Item maps e to the engine's record: the one place where cite's fields
// become CSL variables. The engine reads the standard and number
// variables and the dates of e through an adapter (the item's Source)
// rather than a copy: variables by name, except their "-translit" and
// "-translated" forms (styles get them through a preparation, see
// Prepare) and the fields isSkipped names or Extra holds; dates converted
// once, part by part. What a preparation changes is kept in the adapter
// too, so the item's Vars and Dates stay nil. Names are converted part by
// part into Names. Language is the record's language, or a guess from its
// script (see Language). The item keeps nothing of e but the storage of
// its variables (see bib.FieldView): it is meant to be rendered before e
// changes.
func Item(e *bib.Entry) *item.Item { return newItem(e, nil) }

// prepared is an item with its adapter and the storage of its first date,
// allocated together: a library of 100,000 references makes as many.
type prepared struct {
	it   item.Item
	src  entrySource
	date [1]sourceDate
}

// newItem is Item with each name passed through conv when conv is not
// nil (a preparation's romanisation), so that names are converted once.
func newItem(e *bib.Entry, conv func(bib.Name, string) bib.Name) *item.Item {
	p := &prepared{}
	p.src.fields = e.FieldView()
	p.it = item.Item{ID: e.ID, Type: e.Type, Language: Language(e), Source: &p.src}
	p.it.Names = itemNames(e, p.it.Language, conv)
	n := 0
	for _, d := range e.AllDates() {
		if !d.IsZero() {
			n++
		}
	}
	if n > 0 {
		p.src.dates = p.date[:0]
		if n > len(p.date) {
			p.src.dates = make([]sourceDate, 0, n)
		}
		for k, d := range e.AllDates() {
			if d.IsZero() {
				continue
			}
			p.src.dates = append(p.src.dates, sourceDate{name: k})
			sd := &p.src.dates[len(p.src.dates)-1]
			sd.date = itemDate(d, &sd.parts)
		}
	}
	return &p.it
}

// itemNames converts the non-empty names of e, each through conv when it
// is not nil, into the engine's names: one map, and one array shared by
// the lists of every variable. It returns nil when e has no name.
func itemNames(e *bib.Entry, lang string, conv func(bib.Name, string) bib.Name) map[string][]item.Name {
	total, vars := 0, 0
	for _, ns := range e.AllNames() {
		c := 0
		for _, n := range ns {
			if !n.IsEmpty() {
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
	all := make([]item.Name, 0, total)
	out := make(map[string][]item.Name, vars)
	for k, ns := range e.AllNames() {
		start := len(all)
		for _, n := range ns {
			if n.IsEmpty() {
				continue
			}
			if conv != nil {
				n = conv(n, lang)
			}
			all = append(all, itemName(n))
		}
		if len(all) > start {
			out[k] = all[start:len(all):len(all)]
		}
	}
	return out
}

// entrySource is the adapter through which the engine reads an entry
// (item.Source): its variables from the entry's own storage (a
// bib.FieldView, which does not keep the rest of the entry: once its
// items are prepared, a library's names, dates and claims can go), its
// dates from the engine's form of them, made once. changed holds what a
// preparation did: the variables it set or changed, which come before
// the entry's, and the variables and dates it took away.
type entrySource struct {
	fields  bib.FieldView
	dates   []sourceDate
	changed []changedVariable
}

// changedVariable is a variable or date a preparation set (the engine
// reads value) or took away (hidden; the engine reads value, "" unless it
// was set again afterwards).
type changedVariable struct {
	name, value string
	hidden      bool
}

type sourceDate struct {
	name  string
	date  item.Date
	parts [2]item.DateParts // the storage of date.Parts
}

// Var returns the entry's variable name as the engine sees it: what a
// preparation set, or else the entry's, except "" for the fields
// isSkipped names, the alternative forms and what was hidden.
func (s *entrySource) Var(name string) string {
	if c := s.change(name); c != nil {
		return c.value
	}
	if isSkipped(name) || isForm(name) {
		return ""
	}
	return s.fields.Get(name)
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

// setVar makes the engine read v as the variable name.
func (s *entrySource) setVar(name, v string) {
	if c := s.change(name); c != nil {
		c.value = v
		return
	}
	s.changed = append(s.changed, changedVariable{name: name, value: v})
}

// unset forgets what a preparation set as the variable name: the engine
// reads the entry's value again, or "" when the variable was hidden.
func (s *entrySource) unset(name string) {
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
	for i := range s.dates {
		if s.dates[i].name == name {
			if s.isHidden(name) {
				return item.Date{}, false
			}
			return s.dates[i].date, true
		}
	}
	return item.Date{}, false
}

// hide takes the variable or date name away from the engine; what a
// preparation set as the variable still shows until it is unset.
func (s *entrySource) hide(name string) {
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
	for k, v := range s.fields.All() {
		if isSkipped(k) || v == "" || isForm(k) || s.isHidden(k) {
			continue
		}
		if !yield(k, v) {
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
	return len(name) > len(bib.TranslitSuffix) && strings.HasSuffix(name, bib.TranslitSuffix) ||
		len(name) > len(bib.TranslatedSuffix) && strings.HasSuffix(name, bib.TranslatedSuffix)
}

func itemName(n bib.Name) item.Name {
	return item.Name{
		Family:              n.Family,
		Given:               n.Given,
		DroppingParticle:    n.DroppingParticle,
		NonDroppingParticle: n.NonDroppingParticle,
		Suffix:              n.Suffix,
		Literal:             n.Literal,
		CommaSuffix:         n.CommaSuffix,
		StaticOrdering:      n.StaticOrdering,
	}
}

// itemDate converts an EDTF date of the model to the engine's date: a
// range keeps both ends (an open end stays zero), a season becomes its
// number ("1" for spring … "4" for winter), and "~" becomes circa. The
// engine has no notion of an uncertain ("?") date; it prints as certain.
// The parts are kept in *parts.
func itemDate(d bib.Date, parts *[2]item.DateParts) item.Date {
	if d.Literal != "" {
		return item.Date{Literal: d.Literal}
	}
	var out item.Date
	part := func(p bib.DatePart) item.DateParts { return item.DateParts{Year: p.Year, Month: p.Month, Day: p.Day} }
	out.Parts = parts[:0:2]
	out.Parts = append(out.Parts, part(d.Start))
	if d.Range {
		out.Parts = append(out.Parts, part(d.End))
	}
	if d.Season != 0 {
		out.Season = strconv.Itoa(d.Season)
	}
	out.Circa = d.Approximate
	return out
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
