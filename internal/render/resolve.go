package render

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/translit"
)

// resolver matches the cites of a manuscript with the entries of a
// library.
type resolver struct {
	lib *bib.Library
	// own maps the numbers of the manuscript's own numbered reference
	// list to library entries, when the list has one; nil otherwise, and
	// numbers are library positions.
	own map[int]*bib.Entry
	// pages holds the page an own-list entry names as the cited one
	// ("– С. 9."), by number.
	pages map[int]string
	// byAuthor indexes entries by the normalised family names an
	// author–date citation may use.
	byAuthor map[string][]*bib.Entry
}

func newResolver(lib *bib.Library, refs *manuscript.ReferenceList) *resolver {
	rs := &resolver{lib: lib}
	if refs != nil && refs.Numbered && len(refs.Entries) > 0 {
		rs.own, rs.pages = map[int]*bib.Entry{}, map[int]string{}
		for i, re := range refs.Entries {
			n := re.Number
			if n == 0 {
				n = i + 1
			}
			if e := rs.matchEntry(re, n); e != nil {
				rs.own[n] = e
			}
			if p := citedPage(re.Text); p != "" {
				rs.pages[n] = p
			}
		}
	}
	return rs
}

// resolve returns the library entry a cite names, or nil.
func (rs *resolver) resolve(m *manuscript.Marker, c *manuscript.Cite) *bib.Entry {
	switch {
	case c.Number > 0 && (m.Form == manuscript.NumericMarker || m.Form == manuscript.SuperscriptMarker):
		if rs.own != nil {
			return rs.own[c.Number]
		}
		if c.Number <= len(rs.lib.Entries) {
			return rs.lib.Entries[c.Number-1]
		}
		return nil
	case m.Form == manuscript.AuthorDateMarker:
		return rs.authorYear(c.Author, c.Year)
	}
	if e, ok := rs.lib.Resolve(c.Key); ok {
		return e
	}
	return nil
}

// matchEntry finds the library entry that an entry of the manuscript's
// own list describes: the one whose title (or, without a title, the
// container's title) the entry's text contains, and, among several, the
// one that also shares its year. Without a match by title, the library
// entry at the same position is taken when its first author's family
// name is in the text, so that a library transcribed from the list in
// its order (as cite's refs/ is) still resolves.
func (rs *resolver) matchEntry(re manuscript.ReferenceEntry, n int) *bib.Entry {
	text := fold(re.Text)
	var best *bib.Entry
	bestScore := 0
	for _, e := range rs.lib.Entries {
		score := 0
		for _, v := range []string{"title", "title-translit", "title-translated"} {
			if t := fold(e.Get(v)); len([]rune(t)) >= 8 && strings.Contains(text, t) {
				score = 4
				break
			}
		}
		if score == 0 && e.Get("title") == "" {
			if t := fold(e.Get("container-title")); len([]rune(t)) >= 4 && strings.Contains(text, t) {
				score = 3
			}
		}
		if score == 0 {
			continue
		}
		if y := e.Year(); y > 0 && strings.Contains(text, strconv.Itoa(y)) {
			score++
		}
		if score > bestScore {
			best, bestScore = e, score
		}
	}
	if best != nil {
		return best
	}
	if n >= 1 && n <= len(rs.lib.Entries) {
		e := rs.lib.Entries[n-1]
		if fam := firstFamily(e); fam != "" && strings.Contains(text, fold(fam)) {
			return e
		}
	}
	return nil
}

// pageAtEnd finds the cited page at the end of an entry of a numbered
// list: "… – Алматы, 1993. – С. 9." or "…, p. 9.". GOST R 7.0.5-2008
// (8.1, 8.3) lets an end-of-text reference give the page of the cited
// passage, which the citation must carry once the list is replaced.
var pageAtEnd = regexp.MustCompile(`(?:^|[\s.,;–—-])(?:[СсCc]|[Pp]p?)\.\s?(\d+(?:\s?[–-]\s?\d+)?)\.?\s*$`)

func citedPage(text string) string {
	m := pageAtEnd.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(m[1]), "")
}

// fold normalises text for matching: lower case, ё as е, typographic
// quotes and dashes as plain ones, runs of space and punctuation as one
// space.
func fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		switch {
		case r == 'ё':
			r = 'е'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimSpace(b.String())
}

// firstFamily returns the family name (or institution) of the first
// author, editor or translator.
func firstFamily(e *bib.Entry) string {
	for _, role := range []string{"author", "editor", "translator"} {
		if ns := e.Names(role); len(ns) > 0 {
			if ns[0].Family != "" {
				return ns[0].Family
			}
			return ns[0].Literal
		}
	}
	return ""
}

// authorYear finds the entry an author–date cite names: the first
// author's family name (as stored, as romanised in the record, or
// romanised by the usual schemes) and the year, whose letter (2012b)
// picks among one author's works of a year in library order.
func (rs *resolver) authorYear(author, year string) *bib.Entry {
	if rs.byAuthor == nil {
		rs.byAuthor = map[string][]*bib.Entry{}
		for _, e := range rs.lib.Entries {
			for _, k := range nameForms(e) {
				if l := rs.byAuthor[k]; len(l) == 0 || l[len(l)-1] != e {
					rs.byAuthor[k] = append(l, e)
				}
			}
		}
	}
	y := strings.TrimRight(year, "abcdefghijklmnopqrstuvwxyz")
	want, err := strconv.Atoi(y)
	if err != nil {
		want = 0 // "n.d."
	}
	var match []*bib.Entry
	for _, e := range rs.byAuthor[fold(author)] {
		if e.Year() == want {
			match = append(match, e)
		}
	}
	letter := -1
	if len(y) < len(year) {
		letter = int(year[len(y)] - 'a')
	}
	switch {
	case len(match) == 0:
		return nil
	case letter >= 0 && letter < len(match):
		return match[letter]
	case letter >= 0:
		return nil
	}
	return match[0]
}

// nameForms returns the folded forms of an entry's first author that an
// author–date citation may use; a work without one is cited by title.
func nameForms(e *bib.Entry) []string {
	var out []string
	add := func(s string) {
		if s = fold(s); s != "" {
			out = append(out, s)
			if translit.IsCyrillic(s) {
				for _, sc := range []translit.Scheme{translit.BGN, translit.GOSTB, translit.LC, translit.ISO9} {
					out = append(out, fold(translit.Romanize(s, sc, e.Get("language"))))
				}
			}
		}
	}
	for _, role := range []string{"author", "editor", "translator"} {
		ns := e.Names(role)
		if len(ns) == 0 {
			continue
		}
		n := ns[0]
		add(n.Family)
		add(n.Literal)
		for _, k := range []string{"family-translit", "family-translated", "literal-translit", "literal-translated"} {
			add(n.Alt[k])
		}
		return out
	}
	for _, v := range []string{"title", "title-translit", "title-translated", "container-title"} {
		add(e.Get(v))
	}
	return out
}

// KeepNarrative returns the manuscript.Options filter that keeps a
// narrative author–date marker ("Smith (2012)") only when every cite
// resolves in lib: "Minister (1994)" is prose, not a citation.
func KeepNarrative(lib *bib.Library) func(*manuscript.Marker) bool {
	rs := &resolver{lib: lib}
	return func(m *manuscript.Marker) bool {
		for k := range m.Cites {
			if rs.authorYear(m.Cites[k].Author, m.Cites[k].Year) == nil {
				return false
			}
		}
		return len(m.Cites) > 0
	}
}
