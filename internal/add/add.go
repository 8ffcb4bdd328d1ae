// Package add prepares new references for a library: an id in the form
// familyYEARword that no entry uses yet, a template holding the fields the
// styles need for a type, and the check that the work is not in the
// library already. It does no I/O; package fetch gets records from the
// network and the cli writes them.
package add

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/check"
	"github.com/cite-project/cite/internal/translit"
	"golang.org/x/text/unicode/norm"
)

// stopWords are the words an id skips at the start of a title.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "on": true, "of": true, "in": true, "and": true, "for": true, "to": true,
	"with": true, "from": true, "at": true, "by": true, "is": true, "der": true, "die": true, "das": true,
	"le": true, "la": true, "les": true, "el": true, "los": true, "à": true, "de": true, "du": true, "des": true,
	"и": true, "в": true, "во": true, "на": true, "о": true, "об": true, "от": true, "по": true, "к": true,
	"с": true, "со": true, "за": true, "из": true, "для": true, "у": true, "мен": true, "және": true,
}

// ID returns an id for e as familyYEARword: the first author's (or
// editor's) family name, the year of issue and the first word of the
// title that is not an article or a preposition, romanised (BGN/PCGN) and
// written in lower-case ASCII letters and digits: zhigalov1993pervyy.
// When taken reports the id as used, -2, -3, … is appended.
func ID(e *bib.Entry, taken func(string) bool) string {
	family := ""
	for _, role := range []string{"author", "editor", "translator"} {
		if ns := e.Names(role); len(ns) > 0 {
			family = ns[0].Family
			if family == "" {
				family = firstWord(ns[0].Literal, false)
			}
			break
		}
	}
	lang := e.Get("language")
	base := key(family, lang)
	if y := e.Year(); y != 0 {
		base += strconv.Itoa(y)
	}
	base += key(firstWord(e.Get("title"), true), lang)
	if base == "" || !unicode.IsLetter(rune(base[0])) {
		base = key(e.Type, "") + base
	}
	return Free(base, taken)
}

// Free returns base if it is not taken, else base-2, base-3, …
func Free(base string, taken func(string) bool) string {
	if !taken(base) {
		return base
	}
	for n := 2; ; n++ {
		if c := base + "-" + strconv.Itoa(n); !taken(c) {
			return c
		}
	}
}

// firstWord returns the first word of s, skipping stop words when skip
// is set.
func firstWord(s string, skip bool) string {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !skip || !stopWords[strings.ToLower(w)] {
			return w
		}
	}
	return ""
}

// key romanises s and keeps its ASCII letters and digits, in lower case.
func key(s, lang string) string {
	s = norm.NFD.String(translit.Romanize(s, translit.BGN, lang))
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Existing returns the entry of lib that e repeats by DOI, ISBN or URL,
// and the identifier they share, as the duplicate rule of cite check
// compares them.
func Existing(lib *bib.Library, e *bib.Entry) (*bib.Entry, string, bool) {
	want := map[string]bool{}
	for _, k := range check.IdentifierKeys(e) {
		want[k] = true
	}
	if len(want) == 0 {
		return nil, "", false
	}
	for _, o := range lib.Entries {
		for _, k := range check.IdentifierKeys(o) {
			if want[k] {
				return o, k, true
			}
		}
	}
	return nil, "", false
}

// Template returns a record of type typ to fill in, as TOML: id, type and,
// with empty values, every field check.TemplateFields names; names as one
// name table. cite reads it back as a record with those fields missing,
// so that cite check lists what is still to be filled in.
func Template(id, typ string) (string, error) {
	if !bib.IsType(typ) {
		return "", fmt.Errorf("unknown type %q; use a CSL item type such as book, chapter, article-journal, article-newspaper, webpage, report, thesis", typ)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "[[reference]]\nid = %q\ntype = %q\n", id, typ)
	var names []string
	for _, f := range check.TemplateFields(typ) {
		switch bib.VariableKind(f) {
		case bib.NameList:
			names = append(names, f)
		case bib.DateKind:
			fmt.Fprintf(&b, "%s = \"\"  # YYYY-MM-DD, YYYY-MM or YYYY\n", f)
		default:
			fmt.Fprintf(&b, "%s = \"\"\n", f)
		}
	}
	for _, role := range names {
		fmt.Fprintf(&b, "\n[[reference.%s]]  # one table per person, in order; an institution is literal = \"…\"\nfamily = \"\"\ngiven = \"\"\n", role)
	}
	return b.String(), nil
}
