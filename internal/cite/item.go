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
// become CSL variables. Standard and number variables are copied by
// name; their "-translit" and "-translated" forms are not (styles get them
// through a preparation, see Prepare), nor are the fields in skipped or
// Extra. Names and dates are converted part by part. Language is the
// record's language, or a guess from its script (see Language).
func Item(e *bib.Entry) *item.Item {
	it := item.New(e.ID, e.Type)
	it.Language = Language(e)
	for k, v := range e.Fields() {
		if skipped[k] || v == "" {
			continue
		}
		if _, form := bib.SplitForm(k); form != "" {
			continue
		}
		it.Vars[k] = v
	}
	for k, ns := range e.AllNames() {
		out := make([]item.Name, 0, len(ns))
		for _, n := range ns {
			if n.IsEmpty() {
				continue
			}
			out = append(out, itemName(n))
		}
		if len(out) > 0 {
			it.Names[k] = out
		}
	}
	for k, d := range e.AllDates() {
		if d.IsZero() {
			continue
		}
		it.Dates[k] = itemDate(d)
	}
	return it
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
func itemDate(d bib.Date) item.Date {
	if d.Literal != "" {
		return item.Date{Literal: d.Literal}
	}
	var out item.Date
	part := func(p bib.DatePart) item.DateParts { return item.DateParts{Year: p.Year, Month: p.Month, Day: p.Day} }
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
