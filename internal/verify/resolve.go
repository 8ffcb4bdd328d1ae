package verify

import (
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/translit"
)

// resolver matches the cites of markers with the entries of a library.
type resolver struct {
	lib      *bib.Library
	byAuthor map[string][]*bib.Entry
}

func newResolver(lib *bib.Library) *resolver {
	rs := &resolver{lib: lib, byAuthor: map[string][]*bib.Entry{}}
	for _, e := range lib.Entries {
		for _, k := range authorKeys(e) {
			list := rs.byAuthor[k]
			if len(list) == 0 || list[len(list)-1] != e {
				rs.byAuthor[k] = append(list, e)
			}
		}
	}
	return rs
}

// romanizations are the schemes whose forms of a Cyrillic name an
// author–date citation may use: "(Zhigalov, 1993)" for Жигалов.
var romanizations = []translit.Scheme{translit.BGN, translit.GOSTB, translit.LC, translit.ISO9}

// authorKeys returns the normalised names an author–date citation may use
// for e: the first author's (or editor's) family name or institution, in
// every script the entry records and romanised by the usual schemes; for a
// work without one, its title or container title.
func authorKeys(e *bib.Entry) []string {
	var keys []string
	add := func(s string) {
		if s = normName(s); s == "" {
			return
		}
		keys = append(keys, s)
		if translit.IsCyrillic(s) {
			for _, sc := range romanizations {
				keys = append(keys, normName(translit.Romanize(s, sc, e.Get("language"))))
			}
		}
	}
	for _, v := range []string{"author", "editor", "translator"} {
		ns := e.Names[v]
		if len(ns) == 0 {
			continue
		}
		n := ns[0]
		add(n.Family)
		if n.NonDroppingParticle != "" {
			add(n.NonDroppingParticle + " " + n.Family)
		}
		add(n.Literal)
		for _, k := range []string{"family-translit", "family-translated", "literal-translit", "literal-translated"} {
			add(n.Alt[k])
		}
		return keys
	}
	for _, f := range []string{"title", "title-translit", "title-translated", "container-title", "container-title-translit"} {
		add(e.Get(f))
	}
	return keys
}

func normName(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.ReplaceAll(strings.ReplaceAll(s, "ё", "е"), "’", "'")
}

// resolve fills in the references m cites. It reports false for a
// narrative author–date marker that does not resolve: "Minister (1994)" is
// prose, not a citation.
func (rs *resolver) resolve(m *Marker) bool {
	m.Resolved = len(m.Cites) > 0
	m.Refs = []string{}
	for i := range m.Cites {
		c := &m.Cites[i]
		switch m.Form {
		case Numeric:
			if c.Number >= 1 && c.Number <= len(rs.lib.Entries) {
				c.Ref = rs.lib.Entries[c.Number-1].ID
			}
		case AuthorDate:
			c.Ref = rs.authorYear(c.Author, c.Year)
		default:
			if e, ok := rs.lib.Resolve(c.Key); ok { // an alias names the merged entry
				c.Ref = e.ID
			}
		}
		if c.Ref == "" {
			m.Resolved = false
			continue
		}
		if !contains(m.Refs, c.Ref) {
			m.Refs = append(m.Refs, c.Ref)
		}
	}
	return !m.Narrative || m.Resolved
}

// authorYear finds the entry by author from year ("2012", "2012b", "n.d.").
// A suffix letter picks among the author's works of that year in library
// order; without one, the first is taken.
func (rs *resolver) authorYear(author, year string) string {
	list := rs.byAuthor[normName(author)]
	want, suffix := 0, -1
	if y := strings.TrimRight(year, "abcdefghijklmnopqrstuvwxyz"); len(y) == 4 {
		want, _ = strconv.Atoi(y)
		if len(y) < len(year) {
			suffix = int(year[len(y)] - 'a')
		}
	}
	var match []*bib.Entry
	for _, e := range list {
		if e.Year() == want {
			match = append(match, e)
		}
	}
	switch {
	case len(match) == 0:
		return ""
	case suffix >= 0 && suffix < len(match):
		return match[suffix].ID
	case suffix >= 0:
		return ""
	}
	return match[0].ID
}
