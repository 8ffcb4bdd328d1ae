package search

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
)

// Query is a parsed search query: terms that must all hold.
type Query struct {
	terms []term
	text  string
}

// String returns the query as it was written.
func (q *Query) String() string { return q.text }

// Error is a query that cannot be parsed: an unknown field, a malformed
// year range, an unknown item type. Term is the offending term as written.
type Error struct {
	Term string
	Msg  string
	// Field is the unknown field name, for an unknown-field error.
	Field string
}

// Error returns "term: message".
func (e *Error) Error() string { return fmt.Sprintf("%q: %s", e.Term, e.Msg) }

// term is one condition of a query.
type term struct {
	raw    string
	negate bool
	kind   termKind
	// text terms
	fields []string // the variables (or groups) the term looks in
	needle needle
	// year terms
	from, to int
	// type, lang, has and missing terms
	value string
}

type termKind int

const (
	textTerm termKind = iota
	yearTerm
	typeTerm
	langTerm
	hasTerm
	idTerm
)

// Field groups a term can name besides the CSL variables.
const (
	groupFree  = "*"      // free words: titles and names
	groupNames = "*names" // every name variable
)

// groups maps the field names of queries to the variables they search.
var groups = map[string][]string{
	"title":     {"title", "title-short", "original-title"},
	"container": {"container-title", "container-title-short", "collection-title"},
	"journal":   {"container-title", "container-title-short"},
	"author":    {"author"},
	"editor":    {"editor", "collection-editor", "container-author"},
	"name":      {groupNames},
	"publisher": {"publisher", "original-publisher"},
	"place":     {"publisher-place", "event-place"},
}

// special lists the field names that are not text searches.
var special = map[string]termKind{
	"year": yearTerm, "type": typeTerm, "lang": langTerm, "language": langTerm,
	"has": hasTerm, "missing": hasTerm, "id": idTerm,
}

// Fields lists the field names a query may use besides the CSL variables,
// for help texts.
func Fields() []string {
	return []string{"author", "editor", "name", "title", "container", "journal", "publisher", "place", "year", "type", "lang", "has", "missing", "id"}
}

// FieldNames lists every field name a query accepts: Fields and the CSL
// variables.
func FieldNames() []string {
	out := Fields()
	for _, v := range variableByFold() {
		out = append(out, v)
	}
	return out
}

// variableByFold maps lower-case CSL variable names to their spelling
// ("doi" → "DOI").
var variableByFold = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, k := range []bib.Kind{bib.Standard, bib.Number, bib.NameList, bib.DateKind} {
		for _, v := range bib.Variables(k) {
			m[strings.ToLower(v)] = v
		}
	}
	return m
})

// Parse reads a query. Terms are separated by spaces; "field:value" is a
// field term, a leading "-" negates a term, and double quotes keep a
// phrase together ("nuclear lesson", title:"nuclear lesson"). An empty
// query, an unknown field, a malformed year, an unknown type or an empty
// value is an *Error.
func Parse(query string) (*Query, error) {
	q := &Query{text: query}
	toks, err := tokens(query)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, &Error{Term: query, Msg: "the query is empty; give words to find, or terms such as author:Zhigalov or year:1990..1995"}
	}
	for _, tok := range toks {
		t, err := parseTerm(tok)
		if err != nil {
			return nil, err
		}
		q.terms = append(q.terms, t)
	}
	return q, nil
}

// token is one term as written, split into its parts.
type token struct {
	raw, field, value string
	negate, hasField  bool
}

// tokens splits a query into terms, keeping quoted phrases together.
func tokens(s string) ([]token, error) {
	var out []token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		start := i
		var tok token
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			tok.negate = true
			i++
		}
		var b strings.Builder
		quoted := false
		for i < len(rs) && (quoted || !unicode.IsSpace(rs[i])) {
			switch r := rs[i]; {
			case r == '"':
				quoted = !quoted
			case r == ':' && !quoted && !tok.hasField && b.Len() > 0:
				tok.field, tok.hasField = b.String(), true
				b.Reset()
			default:
				b.WriteRune(r)
			}
			i++
		}
		tok.raw = string(rs[start:i])
		if quoted {
			return nil, &Error{Term: tok.raw, Msg: "a quotation mark is not closed"}
		}
		tok.value = b.String()
		out = append(out, tok)
	}
	return out, nil
}

func parseTerm(tok token) (term, error) {
	t := term{raw: tok.raw, negate: tok.negate}
	bad := func(format string, args ...any) (term, error) {
		return t, &Error{Term: tok.raw, Msg: fmt.Sprintf(format, args...)}
	}
	value := strings.TrimSpace(tok.value)
	t.value = value
	if !tok.hasField {
		if value == "" {
			return bad("nothing to search for")
		}
		t.kind, t.fields, t.needle = textTerm, []string{groupFree}, newNeedle(value)
		return t, t.needle.check(tok.raw)
	}
	field := strings.ToLower(tok.field)
	if value == "" {
		return bad("%s: needs a value, as in %s", tok.field, example(field))
	}
	if kind, ok := special[field]; ok {
		t.kind = kind
		switch kind {
		case yearTerm:
			from, to, err := parseYears(value)
			if err != nil {
				return bad("%v", err)
			}
			t.from, t.to = from, to
		case typeTerm:
			if !bib.IsType(value) {
				return bad("unknown type %q; use a CSL item type such as book, chapter, article-journal, article-newspaper, webpage, report, thesis", value)
			}
			t.value = value
		case langTerm:
			for _, r := range value {
				if !(r == '-' || r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
					return bad("lang: takes a language tag such as ru, kk or en-GB")
				}
			}
			t.value = strings.ToLower(value)
		case hasTerm:
			f, ok := fieldName(value)
			if !ok {
				return bad("%s: names a field, and %q is not one; use a CSL variable such as DOI, URL, accessed, publisher, or author, aliases, extra", field, value)
			}
			t.value = f
			if field == "missing" {
				t.negate = !t.negate
			}
		case idTerm:
			t.needle = newNeedle(value)
		}
		return t, nil
	}
	if fs, ok := groups[field]; ok {
		t.kind, t.fields, t.needle = textTerm, fs, newNeedle(value)
		return t, t.needle.check(tok.raw)
	}
	if v, ok := variableByFold()[field]; ok {
		t.kind, t.fields, t.needle = textTerm, []string{v}, newNeedle(value)
		return t, t.needle.check(tok.raw)
	}
	t2, err := bad("unknown field %q; use %s, or a CSL variable (DOI, ISBN, URL, note, publisher-place, …)", tok.field, strings.Join(Fields(), ", "))
	err.(*Error).Field = tok.field
	return t2, err
}

// fieldName returns the spelling of a field that has: and missing: test.
func fieldName(s string) (string, bool) {
	l := strings.ToLower(s)
	switch l {
	case "aliases", "extra", "type", "id":
		return l, true
	case "year", "date":
		return "issued", true
	}
	if v, ok := variableByFold()[l]; ok {
		return v, true
	}
	return "", false
}

// parseYears reads 1993, 1990..1995, 1990-1995, ..1995 or 1990.. into
// an inclusive range; an open end is 0.
func parseYears(s string) (from, to int, err error) {
	a, b, isRange := strings.Cut(s, "..")
	if !isRange {
		for _, sep := range []string{"–", "-"} {
			if x, y, ok := strings.Cut(s, sep); ok && x != "" {
				a, b, isRange = x, y, true
				break
			}
		}
	}
	year := func(p string) (int, error) {
		if p == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(p)
		if err != nil || len(strings.TrimLeft(p, "-")) > 4 {
			return 0, fmt.Errorf("year: takes a year or a range such as 1993, 1990..1995, ..1995 or 1990.., not %q", s)
		}
		return n, nil
	}
	if from, err = year(strings.TrimSpace(a)); err != nil {
		return 0, 0, err
	}
	if !isRange {
		if from == 0 {
			return 0, 0, fmt.Errorf("year: takes a year or a range such as 1993 or 1990..1995, not %q", s)
		}
		return from, from, nil
	}
	if to, err = year(strings.TrimSpace(b)); err != nil {
		return 0, 0, err
	}
	if from == 0 && to == 0 {
		return 0, 0, fmt.Errorf("year: a range needs at least one end, as in 1990..1995 or ..1995")
	}
	if to != 0 && from > to {
		return 0, 0, fmt.Errorf("year: the range %s ends before it starts; write %d..%d", s, to, from)
	}
	return from, to, nil
}

func example(field string) string {
	switch field {
	case "year":
		return "year:1990..1995"
	case "type":
		return "type:book"
	case "lang", "language":
		return "lang:ru"
	case "has", "missing":
		return field + ":DOI"
	}
	return field + ":Zhigalov"
}
