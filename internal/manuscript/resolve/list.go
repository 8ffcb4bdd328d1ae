package resolve

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/lazyregexp"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/translit"
)

// How says how an entry of a reference list was matched with a record.
type How int

// The ways an entry is matched.
const (
	Unmatched How = iota // no record
	ByKey                // by its \bibitem key
	ByText               // by its words: authors, year, title
	ByPlace              // by its number: the library's record of that number, whose author and year it names
)

// EntryMatch is the record an entry of a manuscript's reference list is.
type EntryMatch struct {
	// Entry is the record, nil when the entry is none the library has.
	Entry *bib.Entry
	// Number is Entry's 1-based place in the library, 0 without Entry.
	Number int
	// How says how Entry was found.
	How How
	// Described is set, for an entry matched by its \bibitem key, to the
	// other record its text plainly describes: the key or the entry is
	// wrong.
	Described *bib.Entry
	// Years are the years the entry's text gives, in order.
	Years []int
	// YearMatch reports whether one of Years is Entry's year.
	YearMatch bool
}

// List is a manuscript's own reference list matched with the library.
type List struct {
	// Entries holds the match of each entry of the list, in order.
	Entries  []EntryMatch
	byNumber map[int]int    // entry number → index in Entries
	pages    map[int]string // entry number → the page the entry cites
}

// Record returns the record of the list's entry numbered n, or nil.
func (l *List) Record(n int) *bib.Entry {
	if k, ok := l.byNumber[n]; ok {
		return l.Entries[k].Entry
	}
	return nil
}

// Page returns the page the list's entry numbered n gives as the cited
// one ("… – Алматы, 1993. – С. 9."), or "".
func (l *List) Page(n int) string { return l.pages[n] }

// List matches each entry of rl with the library: an entry with a
// \bibitem key that the library has is that record; any other is the
// record its words describe well enough (see the scoring in best); and
// an entry of a numbered list that describes none is the library's record
// of its number when it names that record's first author, in any form,
// and no other year than the record's (a library transcribed from the
// list, whose entries are too short to match by title).
func (r *Resolver) List(rl *manuscript.ReferenceList) *List {
	l := &List{byNumber: map[int]int{}, pages: map[int]string{}}
	if rl == nil {
		return l
	}
	if r.list == nil {
		r.list = newListIndex(r.lib)
	}
	for k, e := range rl.Entries {
		n := e.Number
		if n == 0 {
			n = k + 1
		}
		m := r.entry(e, rl.Numbered)
		if m.Entry != nil {
			m.Number = r.lib.Number(m.Entry.ID)
		}
		if _, dup := l.byNumber[n]; !dup {
			l.byNumber[n] = len(l.Entries)
		}
		l.Entries = append(l.Entries, m)
		if p := citedPage(e.Text); p != "" {
			l.pages[n] = p
		}
	}
	return l
}

// entry matches one entry of a reference list.
func (r *Resolver) entry(e manuscript.ReferenceEntry, numbered bool) EntryMatch {
	ix := r.list
	ws := wordSet(e.Text)
	years := yearsIn(e.Text)
	m := ix.best(ws, years)
	if e.Key != "" {
		if keyed, ok := r.lib.Resolve(e.Key); ok {
			ki := r.lib.Number(keyed.ID) - 1
			km := ix.score(ki, ws, years)
			out := EntryMatch{Entry: keyed, How: ByKey, Years: years, YearMatch: km.yearMatch}
			if m.rec >= 0 && m.rec != ki && !km.accepted() && m.value() > km.value()+1 {
				out.Described = r.lib.Entries[m.rec]
			}
			return out
		}
	}
	if m.rec >= 0 {
		return EntryMatch{Entry: r.lib.Entries[m.rec], How: ByText, Years: years, YearMatch: m.yearMatch}
	}
	if numbered && e.Key == "" && e.Number >= 1 && e.Number <= len(r.lib.Entries) {
		if pm := ix.score(e.Number-1, ws, years); pm.author > 0 && pm.firstAuthor && (len(years) == 0 || pm.yearMatch) {
			return EntryMatch{Entry: r.lib.Entries[e.Number-1], How: ByPlace, Years: years, YearMatch: pm.yearMatch}
		}
	}
	return EntryMatch{Years: years}
}

// Words returns the words by which a reference list's entries are
// matched with records: lower case, ё as е, without stop words ("the",
// "и") and one-letter words. Two entries with the same words are one
// entry written twice.
func Words(s string) []string {
	var out []string
	for _, w := range words(s) {
		if utf8.RuneCountInString(w) < 2 || stopWords[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// stopWords are left out of the words a title is matched by.
var stopWords = map[string]bool{
	"the": true, "and": true, "of": true, "for": true, "in": true, "on": true, "an": true, "to": true, "with": true,
	"и": true, "в": true, "на": true, "по": true, "с": true, "к": true, "о": true, "от": true, "для": true, "из": true,
	"во": true, "об": true, "при": true, "de": true, "la": true, "le": true, "der": true, "die": true, "und": true,
}

func wordSet(text string) map[string]bool {
	ws := map[string]bool{}
	for _, w := range Words(text) {
		ws[w] = true
	}
	return ws
}

// recordForms are the words a library record is recognised by in a
// reference list: each form of its title (as written, transliterated,
// translated, romanised) and its first authors' names.
type recordForms struct {
	titles  [][]string
	authors [][]string // per author, the forms of the name
	year    int
}

// listIndex finds library records by the words of a list entry.
type listIndex struct {
	forms    []recordForms
	postings map[string][]int32
}

// romanised returns s and, when it is Cyrillic, its romanisations.
func romanised(s, lang string) []string {
	out := []string{s}
	if translit.IsCyrillic(s) {
		out = append(out, translit.Romanize(s, translit.BGN, lang), translit.Romanize(s, translit.GOSTB, lang))
	}
	return out
}

func newListIndex(lib *bib.Library) *listIndex {
	ix := &listIndex{forms: make([]recordForms, len(lib.Entries)), postings: map[string][]int32{}}
	for i, e := range lib.Entries {
		lang := e.Get("language")
		f := recordForms{year: e.Year()}
		titles := []string{e.Get("title"), e.Get("title-translit"), e.Get("title-translated")}
		if e.Get("title") == "" {
			titles = append(titles, e.Get("container-title"), e.Get("container-title-translated"))
		}
		for _, t := range titles {
			if t == "" {
				continue
			}
			for _, form := range romanised(t, lang) {
				if ws := Words(form); len(ws) > 0 {
					f.titles = append(f.titles, ws)
				}
			}
		}
		for _, role := range []string{"author", "editor"} {
			for k, n := range names(e, role) {
				if k >= 3 {
					break
				}
				var written []string
				for _, v := range []string{n.Family, n.Literal, n.Alt["family-translit"], n.Alt["family-translated"], n.Alt["literal-translit"], n.Alt["literal-translated"]} {
					if v != "" {
						written = append(written, romanised(v, lang)...)
					}
				}
				var forms []string
				for _, v := range written {
					if ws := Words(v); len(ws) > 0 {
						forms = append(forms, strings.Join(ws, " "))
					}
				}
				if len(forms) > 0 {
					f.authors = append(f.authors, forms)
				}
			}
			if len(f.authors) > 0 {
				break
			}
		}
		ix.forms[i] = f
		seen := map[string]bool{}
		add := func(w string) {
			if !seen[w] {
				seen[w] = true
				ix.postings[w] = append(ix.postings[w], int32(i))
			}
		}
		for _, t := range f.titles {
			for _, w := range t {
				add(w)
			}
		}
		for _, a := range f.authors {
			for _, form := range a {
				for _, w := range strings.Fields(form) {
					add(w)
				}
			}
		}
	}
	return ix
}

// maxPosting skips words that too many records share to tell them apart.
const maxPosting = 2000

// listMatch is how well a list entry describes a record.
type listMatch struct {
	rec int // index in lib.Entries, -1 when none
	// title is the largest share of a title form's words the entry has,
	// titleHits the number of those words.
	title     float64
	titleHits int
	// author is the share of the record's first authors the entry names;
	// firstAuthor reports whether the first is among them; hasAuthors
	// whether the record has any.
	author                  float64
	firstAuthor, hasAuthors bool
	yearMatch               bool
}

var entryYear = lazyregexp.New(`(?:^|[^\d])(1[5-9]\d\d|20\d\d)(?:[a-zа-я]?)(?:[^\d]|$)`)

// yearsIn returns the four-digit years written in s.
func yearsIn(s string) []int {
	var out []int
	for _, m := range entryYear().FindAllStringSubmatch(s, -1) {
		y, err := strconv.Atoi(m[1])
		if err == nil {
			out = append(out, y)
		}
	}
	return out
}

// score rates how well the entry words ws (a set) describe record i.
func (ix *listIndex) score(i int, ws map[string]bool, years []int) listMatch {
	f := ix.forms[i]
	m := listMatch{rec: i}
	for _, t := range f.titles {
		hit := 0
		for _, w := range t {
			if ws[w] {
				hit++
			}
		}
		if s := float64(hit) / float64(len(t)); s > m.title || s == m.title && hit > m.titleHits {
			m.title, m.titleHits = s, hit
		}
	}
	if len(f.authors) > 0 {
		m.hasAuthors = true
		found := 0
		for k, forms := range f.authors {
			for _, form := range forms {
				all := true
				for _, w := range strings.Fields(form) {
					if !ws[w] {
						all = false
						break
					}
				}
				if all {
					found++
					m.firstAuthor = m.firstAuthor || k == 0
					break
				}
			}
		}
		m.author = float64(found) / float64(len(f.authors))
	}
	for _, y := range years {
		if y == f.year {
			m.yearMatch = true
		}
	}
	return m
}

// minTitleWords is how many of a title's words identify a work by
// themselves: one or two ("Gamma", "Memoirs") are shared by many works,
// and need the author or the year besides, unless the record has no
// author to name.
const minTitleWords = 3

// accepted reports whether the match is good enough to say the entry is
// the record: most of a title, by enough words or of a work without
// authors; or much of the title with the author or the year; or all the
// authors and the year with some of the title.
func (m listMatch) accepted() bool {
	if m.rec < 0 {
		return false
	}
	backed := m.author >= 0.5 || m.yearMatch
	return m.title >= 0.6 && (m.titleHits >= minTitleWords || backed || m.title == 1 && !m.hasAuthors) ||
		m.title >= 0.3 && backed ||
		m.author == 1 && m.yearMatch && m.title > 0
}

func (m listMatch) value() float64 {
	v := 2*m.title + m.author
	if m.yearMatch {
		v += 0.5
	}
	return v
}

// best finds the record the entry words ws describe best among those that
// share the most words with it, or rec -1 when none is accepted.
func (ix *listIndex) best(ws map[string]bool, years []int) listMatch {
	hits := map[int32]int{}
	for w := range ws {
		p := ix.postings[w]
		if len(p) > maxPosting {
			continue
		}
		for _, i := range p {
			hits[i]++
		}
	}
	type cand struct {
		i    int32
		hits int
	}
	cs := make([]cand, 0, len(hits))
	for i, h := range hits {
		cs = append(cs, cand{i, h})
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].hits != cs[b].hits {
			return cs[a].hits > cs[b].hits
		}
		return cs[a].i < cs[b].i
	})
	best := listMatch{rec: -1}
	for k, c := range cs {
		if k >= 30 {
			break
		}
		if m := ix.score(int(c.i), ws, years); m.accepted() && (best.rec < 0 || m.value() > best.value()) {
			best = m
		}
	}
	return best
}

// pageAtEnd finds the cited page at the end of an entry of a numbered
// list: "… – Алматы, 1993. – С. 9." or "…, p. 9.".
var pageAtEnd = lazyregexp.New(`(?:^|[\s.,;–—-])(?:[СсCc]|[Pp]p?)\.\s?(\d+(?:\s?[–-]\s?\d+)?)\.?\s*$`)

// citedPage returns the page an entry's text ends with, spaces removed,
// or "".
func citedPage(text string) string {
	m := pageAtEnd().FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(m[1]), "")
}
