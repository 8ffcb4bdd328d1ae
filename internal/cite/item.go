package cite

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/translit"
)

// skipped lists the model's fields that are not passed to the engine:
// "language" becomes Item.Language, and "note" holds the librarian's
// remarks about the record (where a fact came from, what the source
// lacks), which no reference list should print.
var skipped = map[string]bool{"language": true, "note": true}

// Item maps e to the engine's record: the one place where cite's fields
// become CSL variables. The engine reads the standard and number
// variables and the dates of e through an adapter (the item's Source)
// rather than a copy: variables by name, except their "-translit" and
// "-translated" forms (styles get them through a preparation, see
// Prepare) and the fields in skipped or Extra; dates converted once, part
// by part. Vars and Dates hold only what a preparation changes. Names are
// converted part by part into Names. Language is the record's language, or
// a guess from its script (see Language).
func Item(e *bib.Entry) *item.Item {
	src := &entrySource{e: e}
	it := &item.Item{ID: e.ID, Type: e.Type, Source: src}
	it.Language = Language(e)
	for k, ns := range e.AllNames() {
		out := make([]item.Name, 0, len(ns))
		for _, n := range ns {
			if n.IsEmpty() {
				continue
			}
			out = append(out, itemName(n))
		}
		if len(out) > 0 {
			if it.Names == nil {
				it.Names = map[string][]item.Name{}
			}
			it.Names[k] = out
		}
	}
	n := 0
	for _, d := range e.AllDates() {
		if !d.IsZero() {
			n++
		}
	}
	if n > 0 {
		src.dates = make([]sourceDate, 0, n)
		for k, d := range e.AllDates() {
			if d.IsZero() {
				continue
			}
			src.dates = append(src.dates, sourceDate{name: k})
			sd := &src.dates[len(src.dates)-1]
			sd.date = itemDate(d, &sd.parts)
		}
	}
	return it
}

// entrySource is the adapter through which the engine reads an entry
// (item.Source): its variables from the entry itself, its dates from the
// engine's form of them, made once. hidden lists the variables and dates
// a preparation took away.
type entrySource struct {
	e      *bib.Entry
	dates  []sourceDate
	hidden []string
}

type sourceDate struct {
	name  string
	date  item.Date
	parts [2]item.DateParts // the storage of date.Parts
}

// Var returns the entry's variable name as the engine sees it: "" for the
// fields in skipped, the alternative forms and what was hidden.
func (s *entrySource) Var(name string) string {
	if skipped[name] || isForm(name) || s.isHidden(name) {
		return ""
	}
	return s.e.Get(name)
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

// hide takes the variable or date name away from the engine.
func (s *entrySource) hide(name string) {
	if !s.isHidden(name) {
		s.hidden = append(s.hidden, name)
	}
}

func (s *entrySource) isHidden(name string) bool {
	for _, h := range s.hidden {
		if h == name {
			return true
		}
	}
	return false
}

// vars yields the variables the engine sees, as Var gives them.
func (s *entrySource) vars(yield func(k, v string) bool) {
	for k, v := range s.e.Fields() {
		if skipped[k] || v == "" || isForm(k) || s.isHidden(k) {
			continue
		}
		if !yield(k, v) {
			return
		}
	}
}

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
