package item

import (
	"iter"
	"strconv"
	"strings"
)

// Item is one bibliographic record.
type Item struct {
	// ID identifies the item in citations.
	ID string
	// Type is the CSL item type: book, article-journal, chapter, ...
	Type string
	// Language is the BCP 47 tag of the item's language ("ru", "en-US"),
	// used to pick a localized layout; empty means the style's locale.
	Language string
	// Vars holds standard and number variables by CSL name ("title",
	// "container-title", "page", "volume", "DOI", ...). Values may contain
	// the rich-text markup of CSL-JSON (<i>, <b>, <sup>, <sub>,
	// <span class="nocase">, <span style="font-variant:small-caps;">).
	Vars map[string]string
	// Names holds name variables ("author", "editor", ...).
	Names map[string][]Name
	// NameVars holds name variables too, as a list rather than a map, so
	// that a caller that makes many items (a library of 100,000
	// references) need not make a map for each. NamesOf and AllNames read
	// Names first (which thus overrides NameVars) and NameVars for the
	// rest; a variable is listed at most once.
	NameVars []NameVar
	// Dates holds date variables ("issued", "accessed", ...).
	Dates map[string]Date
	// Source, when set, supplies the standard, number and date variables
	// that Vars and Dates do not hold, so that a caller can hand the
	// engine its own records without copying them into the maps: Var and
	// Date read Vars and Dates first (which thus override the source) and
	// ask Source for the rest. Names are read from Names and NameVars.
	Source Source
}

// NameVar is a name variable of an item and its names (see
// Item.NameVars).
type NameVar struct {
	// Variable is the CSL name of the variable ("author", "editor", ...).
	Variable string
	// Names are the variable's names in order.
	Names []Name
}

// NamesOf returns the names of the name variable v: from Names, or else
// from NameVars; nil when the item has none.
func (it *Item) NamesOf(v string) []Name {
	if it == nil {
		return nil
	}
	if ns, ok := it.Names[v]; ok {
		return ns
	}
	for i := range it.NameVars {
		if it.NameVars[i].Variable == v {
			return it.NameVars[i].Names
		}
	}
	return nil
}

// AllNames yields the item's name variables and their names, as NamesOf
// gives them: those of Names in no particular order, then those of
// NameVars that Names does not hold, in order.
func (it *Item) AllNames() iter.Seq2[string, []Name] {
	return func(yield func(string, []Name) bool) {
		if it == nil {
			return
		}
		for v, ns := range it.Names {
			if !yield(v, ns) {
				return
			}
		}
		for _, nv := range it.NameVars {
			if _, ok := it.Names[nv.Variable]; ok {
				continue
			}
			if !yield(nv.Variable, nv.Names) {
				return
			}
		}
	}
}

// Source gives the variables of an item from a record of the caller's
// (see Item.Source).
type Source interface {
	// Var returns a standard or number variable, or "".
	Var(name string) string
	// Date returns a date variable and whether the record has it.
	Date(name string) (Date, bool)
}

// New returns an empty item with the given id and type.
func New(id, typ string) *Item {
	return &Item{ID: id, Type: typ, Vars: map[string]string{}, Names: map[string][]Name{}, Dates: map[string]Date{}}
}

// Var returns a standard or number variable: from Vars, or else from
// Source.
func (it *Item) Var(name string) string {
	if it == nil {
		return ""
	}
	if v, ok := it.Vars[name]; ok || it.Source == nil {
		return v
	}
	return it.Source.Var(name)
}

// Set sets a standard or number variable; an empty value deletes it.
func (it *Item) Set(name, value string) {
	if it.Vars == nil {
		it.Vars = map[string]string{}
	}
	if value == "" {
		delete(it.Vars, name)
		return
	}
	it.Vars[name] = value
}

// Name is a personal or institutional name (CSL 1.0.2, "Name-part
// Order", and CSL-JSON's name object).
type Name struct {
	Family              string
	Given               string
	DroppingParticle    string
	NonDroppingParticle string
	Suffix              string
	// Literal is an institutional or otherwise unstructured name, printed
	// as is.
	Literal string
	// CommaSuffix puts a comma before the suffix ("Doe, Jr.").
	CommaSuffix bool
	// StaticOrdering forces family-first order without reordering.
	StaticOrdering bool
}

// IsLiteral reports whether n is printed as a literal.
func (n Name) IsLiteral() bool {
	return n.Literal != "" || (n.Given == "" && n.DroppingParticle == "" && n.NonDroppingParticle == "" && n.Suffix == "")
}

// LiteralText returns the literal form of n.
func (n Name) LiteralText() string {
	if n.Literal != "" {
		return n.Literal
	}
	return n.Family
}

// DateParts is one end of a date: Month and Day are 0 when absent; Month
// 13-16 encodes a season (spring, summer, autumn, winter). Year may be
// negative (BC).
type DateParts struct {
	Year, Month, Day int
}

// Date is a date variable: one or two DateParts (a range), or a literal.
type Date struct {
	Parts []DateParts
	// Season is "1" to "4" (spring, summer, autumn, winter) or a season
	// name, used when Parts have no month.
	Season string
	// Circa marks an approximate date (tested by is-uncertain-date).
	Circa   bool
	Literal string
	// Raw is an unparsed date string ("May 16, 1992", "1992/1993"); it is
	// parsed with ParseDate when Parts and Literal are empty.
	Raw string
	// OpenEnd marks a range with no end ("1987–").
	OpenEnd bool
}

// IsZero reports whether d holds nothing.
func (d Date) IsZero() bool { return len(d.Parts) == 0 && d.Literal == "" && d.Raw == "" }

// Resolved returns d with Raw parsed into Parts (or Literal) when it has
// nothing else.
func (d Date) Resolved() Date {
	if len(d.Parts) > 0 || d.Literal != "" || d.Raw == "" {
		return d
	}
	p := ParseDate(d.Raw)
	p.Season, p.Circa = d.Season, d.Circa || p.Circa
	return p
}

// Date returns the date variable name, with a raw date string parsed:
// from Dates, or else from Source.
func (it *Item) Date(name string) (Date, bool) {
	if it == nil {
		return Date{}, false
	}
	d, ok := it.Dates[name]
	if !ok && it.Source != nil {
		d, ok = it.Source.Date(name)
	}
	if !ok {
		return Date{}, false
	}
	return d.Resolved(), true
}

// IsRange reports whether d is a range with a distinct end.
func (d Date) IsRange() bool {
	return len(d.Parts) == 2 && d.Parts[1] != (DateParts{}) && d.Parts[1] != d.Parts[0]
}

// Year returns the year of the start date, or 0.
func (d Date) Year() int {
	if len(d.Parts) == 0 {
		return 0
	}
	return d.Parts[0].Year
}

var months = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
	"янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}

var seasons = map[string]int{"spring": 13, "summer": 14, "autumn": 15, "fall": 15, "winter": 16}

// ParseDate parses a free-form date string as CSL-JSON's "raw" field:
// ISO dates (1990, 1990-05, 1990-05-16), "May 16, 1990", "16 May 1990",
// "Spring 2000", and ranges joined by "/" or " - ". When nothing can be
// parsed the string becomes a literal.
func ParseDate(s string) Date {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}
	}
	var d Date
	if strings.HasPrefix(s, "c.") || strings.HasPrefix(s, "ca.") || strings.HasPrefix(s, "circa") {
		d.Circa = true
		s = strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(s, "circa"), "ca."), "c."), " "))
	}
	var ends []string
	switch {
	case strings.Contains(s, "/"):
		ends = strings.SplitN(s, "/", 2)
	case strings.Contains(s, " - "):
		ends = strings.SplitN(s, " - ", 2)
	case strings.Count(s, "-") == 1 && !isoLike(s):
		ends = strings.SplitN(s, "-", 2)
	default:
		ends = []string{s}
	}
	for _, e := range ends {
		p, ok := parseOne(strings.TrimSpace(e))
		if !ok {
			return Date{Literal: s}
		}
		d.Parts = append(d.Parts, p)
	}
	if len(d.Parts) == 2 {
		a, b := &d.Parts[0], &d.Parts[1]
		if a.Year == 0 {
			a.Year = b.Year
		}
		if b.Year == 0 {
			b.Year = a.Year
			if b.Month == 0 {
				b.Month = a.Month
			}
		}
	}
	return d
}

func isoLike(s string) bool {
	i := strings.IndexByte(s, '-')
	return i == 4 || i == 0
}

func parseOne(s string) (DateParts, bool) {
	var p DateParts
	if s == "" {
		return p, false
	}
	if strings.ContainsAny(s, "-") && isoLike(s) {
		neg := strings.HasPrefix(s, "-")
		fields := strings.Split(strings.TrimPrefix(s, "-"), "-")
		vals := make([]int, 0, 3)
		for _, f := range fields {
			n, err := strconv.Atoi(f)
			if err != nil {
				return p, false
			}
			vals = append(vals, n)
		}
		if len(vals) > 3 {
			return p, false
		}
		p.Year = vals[0]
		if neg {
			p.Year = -p.Year
		}
		if len(vals) > 1 {
			p.Month = vals[1]
		}
		if len(vals) > 2 {
			p.Day = vals[2]
		}
		return p, p.Month <= 16 && p.Day <= 31
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '.' })
	for _, w := range words {
		lw := strings.ToLower(w)
		if n, err := strconv.Atoi(w); err == nil {
			switch {
			case len(w) <= 2 && p.Day == 0 && n <= 31 && (p.Month != 0 || len(words) == 3):
				p.Day = n
			case p.Year == 0:
				p.Year = n
			default:
				return p, false
			}
			continue
		}
		if len([]rune(lw)) >= 3 {
			if m, ok := months[string([]rune(lw)[:3])]; ok && p.Month == 0 {
				p.Month = m
				continue
			}
		}
		if m, ok := seasons[lw]; ok && p.Month == 0 {
			p.Month = m
			continue
		}
		return p, false
	}
	return p, p.Year != 0 || p.Month != 0
}
