package locale

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/csl/xmltree"
)

// Formatting holds the affixes and formatting attributes shared by
// rendering elements (CSL 1.0.2, "Formatting", "Affixes", "Quotes",
// "Strip-periods", "Text-case", "Display").
type Formatting struct {
	Prefix, Suffix string
	FontStyle      string
	FontVariant    string
	FontWeight     string
	TextDecoration string
	VerticalAlign  string
	TextCase       string
	Display        string
	Quotes         bool
	StripPeriods   bool
}

// DatePart is one cs:date-part: name is day, month or year.
type DatePart struct {
	Name           string
	Form           string
	RangeDelimiter string
	Formatting
}

// DateFormat is a localized date format (cs:date with form text or numeric).
type DateFormat struct {
	Form      string
	Delimiter string
	Parts     []DatePart
	Formatting
}

// Term is one cs:term.
type Term struct {
	Name       string
	Form       string // long, short, verb, verb-short, symbol
	Gender     string // masculine, feminine (nouns)
	GenderForm string // masculine, feminine (ordinals)
	Match      string // last-digit, last-two-digits, whole-number
	Case       string // extension: "genitive"
	Single     string
	Multiple   string
}

// Locale is a parsed locale file or inline cs:locale.
type Locale struct {
	Lang  string
	Terms []*Term
	// Dates maps "text" and "numeric" to date formats.
	Dates map[string]*DateFormat
	// LimitDayOrdinals and PunctuationInQuote are nil when unset.
	LimitDayOrdinals   *bool
	PunctuationInQuote *bool

	byName map[string][]*Term
}

// Error is an element or attribute of a locale that breaks the CSL schema,
// with its line.
type Error = xmltree.Error

// Parse reads a standalone locale file.
func Parse(data []byte) (*Locale, error) {
	root, err := xmltree.Parse(data)
	if err != nil {
		return nil, xmltree.InDoc(err, "locale")
	}
	if root.Name != "locale" {
		return nil, &Error{Doc: "locale", Line: root.Line, Element: root.Name, Msg: "root element must be cs:locale"}
	}
	l, err := FromElement(root)
	return l, xmltree.InDoc(err, "locale")
}

// FromElement converts a cs:locale element (standalone or inline in a
// style) into a Locale.
func FromElement(el *xmltree.Element) (*Locale, error) {
	l := &Locale{Lang: el.Get("lang"), Dates: map[string]*DateFormat{}, byName: map[string][]*Term{}}
	for _, c := range el.Children {
		switch c.Name {
		case "terms":
			for _, t := range c.Children {
				if t.Name != "term" {
					continue
				}
				term, err := parseTerm(t)
				if err != nil {
					return nil, err
				}
				l.add(term)
			}
		case "date":
			df, err := ParseDateFormat(c)
			if err != nil {
				return nil, err
			}
			if df.Form != "text" && df.Form != "numeric" {
				return nil, &Error{Line: c.Line, Element: "date", Attribute: "form", Msg: fmt.Sprintf("must be text or numeric, not %q", df.Form)}
			}
			l.Dates[df.Form] = df
		case "style-options":
			if v, ok := c.Attr("limit-day-ordinals-to-day-1"); ok {
				b := v == "true"
				l.LimitDayOrdinals = &b
			}
			if v, ok := c.Attr("punctuation-in-quote"); ok {
				b := v == "true"
				l.PunctuationInQuote = &b
			}
		}
	}
	return l, nil
}

func parseTerm(t *xmltree.Element) (*Term, error) {
	term := &Term{
		Name: t.Get("name"), Form: t.Get("form"), Gender: t.Get("gender"),
		GenderForm: t.Get("gender-form"), Match: t.Get("match"), Case: t.Get("case"),
	}
	if term.Name == "" {
		return nil, &Error{Line: t.Line, Element: "term", Attribute: "name", Msg: "missing"}
	}
	if term.Form == "" {
		term.Form = "long"
	}
	switch term.Form {
	case "long", "short", "verb", "verb-short", "symbol":
	default:
		return nil, &Error{Line: t.Line, Element: "term", Attribute: "form", Msg: fmt.Sprintf("unknown form %q", term.Form)}
	}
	s, m := t.Child("single"), t.Child("multiple")
	if s != nil || m != nil {
		if s != nil {
			term.Single = termText(s.Text)
		}
		if m != nil {
			term.Multiple = termText(m.Text)
		} else {
			term.Multiple = term.Single
		}
		if s == nil {
			term.Single = term.Multiple
		}
	} else {
		term.Single = termText(t.Text)
		term.Multiple = term.Single
	}
	return term, nil
}

// termText returns a term's text; a term holding only line breaks and
// indentation (an element written across lines) is empty.
func termText(s string) string {
	if strings.TrimSpace(s) == "" && strings.ContainsAny(s, "\n\r") {
		return ""
	}
	return s
}

func (l *Locale) add(t *Term) {
	if l.byName == nil {
		l.byName = map[string][]*Term{}
	}
	l.Terms = append(l.Terms, t)
	l.byName[t.Name] = append(l.byName[t.Name], t)
}

// ParseDateFormat converts a cs:date element of a locale into a DateFormat.
func ParseDateFormat(c *xmltree.Element) (*DateFormat, error) {
	df := &DateFormat{Form: c.Get("form"), Delimiter: c.Get("delimiter"), Formatting: ParseFormatting(c)}
	for _, p := range c.Children {
		if p.Name != "date-part" {
			continue
		}
		dp, err := ParseDatePart(p)
		if err != nil {
			return nil, err
		}
		df.Parts = append(df.Parts, dp)
	}
	return df, nil
}

// ParseDatePart converts a cs:date-part element.
func ParseDatePart(p *xmltree.Element) (DatePart, error) {
	dp := DatePart{Name: p.Get("name"), Form: p.Get("form"), Formatting: ParseFormatting(p)}
	if v, ok := p.Attr("range-delimiter"); ok {
		dp.RangeDelimiter = v
	} else {
		dp.RangeDelimiter = "–"
	}
	switch dp.Name {
	case "day", "month", "year":
	default:
		return dp, &Error{Line: p.Line, Element: "date-part", Attribute: "name", Msg: fmt.Sprintf("must be day, month or year, not %q", dp.Name)}
	}
	return dp, nil
}

// ParseFormatting reads the formatting attributes of an element.
func ParseFormatting(e *xmltree.Element) Formatting {
	return Formatting{
		Prefix: e.Get("prefix"), Suffix: e.Get("suffix"),
		FontStyle: e.Get("font-style"), FontVariant: e.Get("font-variant"),
		FontWeight: e.Get("font-weight"), TextDecoration: e.Get("text-decoration"),
		VerticalAlign: e.Get("vertical-align"), TextCase: e.Get("text-case"),
		Display: e.Get("display"), Quotes: e.Get("quotes") == "true",
		StripPeriods: e.Get("strip-periods") == "true",
	}
}

// Lookup returns the term name in exactly form form (no form fallback)
// with the given gender ("" for any).
func (l *Locale) Lookup(name, form, gender, gcase string) *Term {
	var fallback *Term
	for _, t := range l.byName[name] {
		if t.Form != form || t.Case != gcase {
			continue
		}
		if gender == "" || t.GenderForm == gender {
			return t
		}
		if t.GenderForm == "" && fallback == nil {
			fallback = t
		}
	}
	return fallback
}

// HasOrdinals reports whether the locale defines any ordinal term.
func (l *Locale) HasOrdinals() bool {
	for name := range l.byName {
		if name == "ordinal" || strings.HasPrefix(name, "ordinal-") {
			return true
		}
	}
	return false
}

// Chain is a locale fallback chain, most specific first (CSL 1.0.2,
// "Locale Fallback": style-inline xx-YY, style-inline xx, style-inline
// without language, locale file xx-YY, locale file xx's primary dialect,
// en-US).
type Chain []*Locale

// Term returns the term with the given name and form, falling back from
// verb-short to verb to long and from symbol to short to long, and reports
// whether one was found.
func (c Chain) Term(name, form string, plural bool) (string, bool) {
	t := c.Find(name, form, "", "")
	if t == nil {
		return "", false
	}
	if plural {
		return t.Multiple, true
	}
	return t.Single, true
}

// Find returns the term with the given name, form, gender-form and case,
// applying form fallback across the whole chain.
func (c Chain) Find(name, form, gender, gcase string) *Term {
	for _, f := range formFallback(form) {
		for _, l := range c {
			if l == nil {
				continue
			}
			if gcase != "" {
				if t := l.Lookup(name, f, gender, gcase); t != nil {
					return t
				}
			}
			if t := l.Lookup(name, f, gender, ""); t != nil {
				return t
			}
		}
	}
	return nil
}

// Gender returns the grammatical gender of a noun term, or "".
func (c Chain) Gender(name string) string {
	for _, l := range c {
		if l == nil {
			continue
		}
		for _, t := range l.byName[name] {
			if t.Gender != "" {
				return t.Gender
			}
		}
		if len(l.byName[name]) > 0 {
			return ""
		}
	}
	return ""
}

func formFallback(form string) []string {
	switch form {
	case "verb-short":
		return []string{"verb-short", "verb", "long"}
	case "symbol":
		return []string{"symbol", "short", "long"}
	case "short":
		return []string{"short", "long"}
	case "verb":
		return []string{"verb", "long"}
	case "", "long":
		return []string{"long"}
	}
	return []string{form, "long"}
}

// Date returns the localized date format of the given form.
func (c Chain) Date(form string) *DateFormat {
	for _, l := range c {
		if l != nil && l.Dates[form] != nil {
			return l.Dates[form]
		}
	}
	return nil
}

// PunctuationInQuote reports the punctuation-in-quote locale option.
func (c Chain) PunctuationInQuote() bool {
	for _, l := range c {
		if l != nil && l.PunctuationInQuote != nil {
			return *l.PunctuationInQuote
		}
	}
	return false
}

// LimitDayOrdinals reports the limit-day-ordinals-to-day-1 option.
func (c Chain) LimitDayOrdinals() bool {
	for _, l := range c {
		if l != nil && l.LimitDayOrdinals != nil {
			return *l.LimitDayOrdinals
		}
	}
	return false
}

// Ordinal returns n with its ordinal suffix (CSL 1.0.2, "Ordinal
// Suffixes"); gender is the gender of the noun the number belongs to.
// The first locale in the chain that defines ordinal terms is used alone,
// as the specification requires ordinals to be replaced as a set.
func (c Chain) Ordinal(n int, gender string) string {
	var loc *Locale
	for _, l := range c {
		if l != nil && l.HasOrdinals() {
			loc = l
			break
		}
	}
	s := strconv.Itoa(n)
	if loc == nil {
		return s
	}
	return s + loc.ordinalSuffix(n, gender)
}

func (l *Locale) ordinalSuffix(n int, gender string) string {
	if n < 0 {
		n = -n
	}
	find := func(name string) *Term {
		if t := l.Lookup(name, "long", gender, ""); t != nil {
			return t
		}
		return nil
	}
	if t := find(fmt.Sprintf("ordinal-%02d", n%100)); t != nil && n%100 >= 10 {
		if t.Match != "whole-number" || n < 100 {
			return t.Single
		}
	}
	if t := find(fmt.Sprintf("ordinal-%02d", n%10)); t != nil {
		switch t.Match {
		case "last-two-digits":
			if n%100 < 10 {
				return t.Single
			}
		case "whole-number":
			if n < 10 {
				return t.Single
			}
		default:
			return t.Single
		}
	}
	if t := find("ordinal"); t != nil {
		return t.Single
	}
	return ""
}

// LongOrdinal returns the long ordinal of n (1-10), falling back to Ordinal.
func (c Chain) LongOrdinal(n int, gender string) string {
	if n >= 1 && n <= 10 {
		name := fmt.Sprintf("long-ordinal-%02d", n)
		for _, l := range c {
			if l == nil {
				continue
			}
			if t := l.Lookup(name, "long", gender, ""); t != nil {
				return t.Single
			}
		}
	}
	return c.Ordinal(n, gender)
}
