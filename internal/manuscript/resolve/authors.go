package resolve

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/translit"
)

// nameRoles are the roles whose first name an author–date citation gives,
// in the order styles substitute them for a missing author.
var nameRoles = []string{"author", "editor", "translator"}

// romanizations are the schemes whose forms of a Cyrillic name an
// author–date citation may use: "(Zhigalov, 1993)" for Жигалов.
var romanizations = []translit.Scheme{translit.BGN, translit.GOSTB, translit.LC, translit.ISO9}

// names returns e's names in role.
func names(e *bib.Entry, role string) []bib.Name { return e.Names(role) }

// citedNames returns the names an author–date citation of e gives: those
// of its first role that has any.
func citedNames(e *bib.Entry) []bib.Name {
	for _, role := range nameRoles {
		if ns := names(e, role); len(ns) > 0 {
			return ns
		}
	}
	return nil
}

// nameForms returns the folded forms in which a citation may write n: its
// family name (with a non-dropping particle, and with the given name, for
// the "R Core Team" that BibTeX reads as given "R Core", family "Team"),
// an institution's name, the transliterated and translated forms the
// record keeps, and the romanisations of any Cyrillic one.
func nameForms(n bib.Name, lang string) []string {
	var out []string
	add := func(s string) {
		if s = fold(s); s == "" {
			return
		}
		out = append(out, s)
		if translit.IsCyrillic(s) {
			for _, sc := range romanizations {
				if r := fold(translit.Romanize(s, sc, lang)); r != "" {
					out = append(out, r)
				}
			}
		}
	}
	add(n.Family)
	if n.Given != "" && n.Family != "" {
		add(n.Given + " " + n.Family)
	}
	if n.NonDroppingParticle != "" && n.Family != "" {
		add(n.NonDroppingParticle + " " + n.Family)
	}
	add(n.Literal)
	for _, k := range []string{"family-translit", "family-translated", "literal-translit", "literal-translated"} {
		add(n.Alt[k])
	}
	return out
}

// citedForms returns the folded names an author–date citation may use for
// e: the forms of its first author (see nameForms) or, for a work without
// one, of its title and container title, as styles substitute them.
func citedForms(e *bib.Entry) []string {
	if ns := citedNames(e); len(ns) > 0 {
		return nameForms(ns[0], e.Get("language"))
	}
	var out []string
	for _, v := range []string{"title", "title-translit", "title-translated", "container-title", "container-title-translit"} {
		s := e.Get(v)
		if s == "" {
			continue
		}
		out = append(out, fold(s))
		if translit.IsCyrillic(s) {
			for _, sc := range romanizations {
				out = append(out, fold(translit.Romanize(s, sc, e.Get("language"))))
			}
		}
	}
	return out
}

// authors returns the index of the records by cited name, built on first
// use.
func (r *Resolver) authors() map[string][]*bib.Entry {
	if r.byAuthor != nil {
		return r.byAuthor
	}
	r.byAuthor = map[string][]*bib.Entry{}
	for _, e := range r.lib.Entries {
		for _, k := range citedForms(e) {
			if k == "" {
				continue
			}
			if l := r.byAuthor[k]; len(l) == 0 || l[len(l)-1] != e {
				r.byAuthor[k] = append(l, e)
			}
		}
	}
	return r.byAuthor
}

// Works returns the records whose first author (or, without one, whose
// title) an author–date citation writes as author, in library order:
// "Smith", "Жигалов" or "Zhigalov", "Ministry of Foreign Affairs", and,
// when the name as written has none, its last word ("J Hijmans").
func (r *Resolver) Works(author string) []*bib.Entry {
	ix := r.authors()
	if list := ix[fold(author)]; len(list) > 0 {
		return list
	}
	if k := strings.LastIndexByte(strings.TrimSpace(author), ' '); k > 0 {
		return ix[fold(author[k+1:])]
	}
	return nil
}

// AuthorYear returns the record by author from year ("2012", "2012b",
// "n.d."), or nil; see Works for the forms author may take. A letter after
// the year picks among the author's works of that year as author–date
// styles order them, by title (APA 7, 8.19), in library order where titles
// tie; without one, the first is taken.
func (r *Resolver) AuthorYear(author, year string) *bib.Entry {
	return r.authorYear(author, written{}, year)
}

// written is the author list of an author–date cite as written, after its
// first author: "Kim", "Park" of "Lee, Kim, & Park"; etAl is set for
// "Smith et al." and "Петров и др.".
type written struct {
	others []string // folded
	etAl   bool
	known  bool // the list was read, so that a sole author counts as one
}

// authorsWritten reads the author list of cite c from its key ("Lee, Kim,
// & Park 2015", "Петров, Сидоров 2018", "Smith et al. 2012").
func authorsWritten(c *manuscript.Cite) written {
	s := strings.TrimSpace(strings.TrimSuffix(c.Key, c.Year))
	w := written{known: s != ""}
	lower := strings.ToLower(s)
	for _, etAl := range []string{"et al.", "et al", "и др.", "и др"} {
		if k := strings.Index(lower, etAl); k >= 0 {
			w.etAl = true
			s, lower = s[:k], lower[:k]
		}
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '&' || r == ';' })
	var split []string
	for _, p := range parts {
		for _, sep := range []string{" and ", " и "} {
			if strings.Contains(p, sep) {
				split = append(split, strings.Split(p, sep)...)
				p = ""
				break
			}
		}
		if p != "" {
			split = append(split, p)
		}
	}
	for i, p := range split {
		f := fold(p)
		if i == 0 || f == "" || initials(f) {
			continue
		}
		w.others = append(w.others, f)
	}
	return w
}

// initials reports whether every word of the folded name s is one letter
// ("j a" of "J. A."): initials after a family name, not another author.
func initials(s string) bool {
	for _, w := range strings.Fields(s) {
		if len([]rune(w)) > 1 {
			return false
		}
	}
	return true
}

// authorYear is AuthorYear with the rest of the author list as written,
// which picks among one author's works of a year: "(Smith & Jones, 2012)"
// is the one with Jones, "(Smith, 2012)" the one Smith wrote alone.
func (r *Resolver) authorYear(author string, w written, year string) *bib.Entry {
	want, letter := 0, -1
	if y := strings.TrimRight(year, "abcdefghijklmnopqrstuvwxyz"); len(y) == 4 {
		want, _ = strconv.Atoi(y)
		if len(y) < len(year) {
			letter = int(year[len(y)] - 'a')
		}
	}
	var match []*bib.Entry
	for _, e := range r.Works(author) {
		if e.Year() == want {
			match = append(match, e)
		}
	}
	if len(match) == 0 {
		return nil
	}
	group := match
	if len(match) > 1 && (w.known || w.etAl) {
		group = closestLists(match, w)
	}
	if letter < 0 {
		return group[0]
	}
	for _, g := range [][]*bib.Entry{group, match} {
		if letter < len(g) {
			byTitle := append([]*bib.Entry(nil), g...)
			sort.SliceStable(byTitle, func(a, b int) bool { return fold(byTitle[a].Get("title")) < fold(byTitle[b].Get("title")) })
			return byTitle[letter]
		}
	}
	return nil
}

// closestLists returns the works whose author lists agree best with the
// list as written: each co-author it names that the work has counts two,
// and a list of the same length counts one, or after "et al." a list at
// least two names longer (APA 7 writes "et al." for three authors or
// more, Chicago and GOST R 7.0.5 for four or more: never for one
// unnamed author).
func closestLists(works []*bib.Entry, w written) []*bib.Entry {
	best := -1
	var out []*bib.Entry
	for _, e := range works {
		ns := citedNames(e)
		lang := e.Get("language")
		score := 0
		for _, o := range w.others {
			for _, n := range ns[min(1, len(ns)):] {
				if slices.Contains(nameForms(n, lang), o) {
					score += 2
					break
				}
			}
		}
		named := 1 + len(w.others)
		if w.etAl && len(ns) >= named+2 || !w.etAl && len(ns) == named {
			score++
		}
		switch {
		case score > best:
			best, out = score, []*bib.Entry{e}
		case score == best:
			out = append(out, e)
		}
	}
	return out
}

// words returns the words of s, lower case, with ё as е: the runs of
// letters and digits, so that punctuation, quotation marks and dashes
// never stop a match.
func words(s string) []string {
	return strings.FieldsFunc(strings.ReplaceAll(strings.ToLower(s), "ё", "е"), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// fold normalises a name or title for matching: its words (see words)
// joined by single spaces.
func fold(s string) string { return strings.Join(words(s), " ") }
