package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bib"
)

// componentTypes share their container's ISBN, so a shared ISBN does not
// make two of them one work.
var componentTypes = map[string]bool{
	"chapter": true, "entry": true, "entry-dictionary": true, "entry-encyclopedia": true,
	"paper-conference": true, "article": true, "article-journal": true, "article-magazine": true,
	"article-newspaper": true, "review": true, "review-book": true,
}

// duplicateIndex maps the identifying keys of earlier entries to their
// index in the library.
type duplicateIndex struct {
	doi, isbn, url, title map[string]int
}

func newDuplicateIndex() *duplicateIndex {
	return &duplicateIndex{doi: map[string]int{}, isbn: map[string]int{}, url: map[string]int{}, title: map[string]int{}}
}

// match is one reason why entry i repeats an earlier entry.
type match struct {
	earlier int
	field   string
	reason  string
}

// add indexes entry i and reports it as a probable duplicate of each
// earlier entry with the same DOI, ISBN, URL, or title, year and first
// author, once per earlier entry with all the reasons.
func (x *duplicateIndex) add(c *checker, i int, e *bib.Entry) {
	var found []match
	look := func(m map[string]int, key, field, reason string) {
		if key == "" {
			return
		}
		if j, ok := m[key]; ok {
			if c.lib.Entries[j].ID != e.ID { // a repeated id is the loader's duplicate-id
				found = append(found, match{j, field, reason})
			}
			return
		}
		m[key] = i
	}
	if d := doiKey(e.Get("DOI")); d != "" {
		look(x.doi, d, "DOI", fmt.Sprintf("DOI %s", d))
	}
	if !componentTypes[e.Type] {
		for _, s := range splitIdentifiers(e.Get("ISBN"), "ISBN") {
			if k := isbn13(s); k != "" {
				look(x.isbn, k, "ISBN", "ISBN "+s)
			}
		}
	}
	if u := urlKey(e.Get("URL")); u != "" {
		look(x.url, u, "URL", "URL")
	}
	if t := titleKey(e); t != "" {
		look(x.title, t, "title", "title, year and first author")
	}
	if len(found) == 0 {
		return
	}
	slices.SortStableFunc(found, func(a, b match) int { return a.earlier - b.earlier })
	for k := 0; k < len(found); {
		j := found[k].earlier
		var reasons []string
		field := found[k].field
		for ; k < len(found) && found[k].earlier == j; k++ {
			reasons = append(reasons, found[k].reason)
		}
		o := c.lib.Entries[j]
		c.report(e, field, CodeDuplicate, fmt.Sprintf("probably the same work as %s (%s): same %s; merge the two entries, or tell them apart if they differ",
			o.ID, o.PosOf(field), strings.Join(reasons, ", ")))
	}
}

// doiKey returns the bare DOI in lower case (DOIs are case-insensitive),
// or "" when v holds no valid DOI.
func doiKey(v string) string {
	s := strings.TrimSpace(v)
	for _, p := range doiPrefixes {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	if !validDOI(s) {
		return ""
	}
	return strings.ToLower(s)
}

// urlKey folds a URL for comparison: no scheme, lower-case host without
// "www.", no fragment and no trailing slash.
func urlKey(v string) string {
	s := strings.TrimSpace(v)
	if s == "" {
		return ""
	}
	if _, rest, ok := strings.Cut(s, "://"); ok {
		s = rest
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	host, path, _ := strings.Cut(s, "/")
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	return strings.TrimRight(host+"/"+path, "/")
}

// titleKey returns the normalised title, year and first author (or, for
// unsigned works, the container) of e, and the container for parts of a
// larger work, or "" without a title.
func titleKey(e *bib.Entry) string {
	t := normKey(e.Get("title"))
	if t == "" {
		return ""
	}
	who := ""
	for _, role := range []string{"author", "editor"} {
		if ns := e.Names[role]; len(ns) > 0 {
			if ns[0].IsLiteral() {
				who = normKey(ns[0].Literal)
			} else {
				who = normKey(ns[0].Family)
			}
			break
		}
	}
	if who == "" || componentTypes[e.Type] {
		who += "|" + normKey(e.Get("container-title"))
	}
	return t + "|" + strconv.Itoa(e.Year()) + "|" + who
}
