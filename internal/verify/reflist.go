package verify

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/translit"
)

// The finding codes of the comparison of a manuscript's own reference list
// with the library, and of years.
const (
	CodeListMismatch    = "list-mismatch"
	CodeListUnmatched   = "list-unmatched"
	CodeYearMismatch    = "year-mismatch"
	CodeDuplicateSource = "duplicate-source"
)

// stopWords are left out of the words a title is matched by.
var stopWords = map[string]bool{
	"the": true, "and": true, "of": true, "for": true, "in": true, "on": true, "an": true, "to": true, "with": true,
	"и": true, "в": true, "на": true, "по": true, "с": true, "к": true, "о": true, "от": true, "для": true, "из": true,
	"во": true, "об": true, "при": true, "de": true, "la": true, "le": true, "der": true, "die": true, "und": true,
}

// matchWords returns the normalised words of s (lower case, "ё" as "е"),
// stop words and one-letter words left out.
func matchWords(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), "ё", "е")
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) < 2 || stopWords[w] {
			continue
		}
		out = append(out, w)
	}
	return out
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
	lib      *bib.Library
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
	ix := &listIndex{lib: lib, forms: make([]recordForms, len(lib.Entries)), postings: map[string][]int32{}}
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
				if ws := matchWords(form); len(ws) > 0 {
					f.titles = append(f.titles, ws)
				}
			}
		}
		for _, role := range []string{"author", "editor"} {
			for k, n := range e.Names(role) {
				if k >= 3 {
					break
				}
				var names []string
				for _, v := range []string{n.Family, n.Literal, n.Alt["family-translit"], n.Alt["family-translated"], n.Alt["literal-translit"], n.Alt["literal-translated"]} {
					if v != "" {
						names = append(names, romanised(v, lang)...)
					}
				}
				var forms []string
				for _, v := range names {
					if ws := matchWords(v); len(ws) > 0 {
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

// listMatch is the library record a list entry is, with its score.
type listMatch struct {
	rec                 int // index in lib.Entries, -1 when none
	title, author       float64
	yearMatch, hasYears bool
	years               []int
}

var entryYear = regexp.MustCompile(`(?:^|[^\d])(1[5-9]\d\d|20\d\d)(?:[a-zа-я]?)(?:[^\d]|$)`)

// yearsIn returns the four-digit years written in s.
func yearsIn(s string) []int {
	var out []int
	for _, m := range entryYear.FindAllStringSubmatch(s, -1) {
		y, _ := strconv.Atoi(m[1])
		out = append(out, y)
	}
	return out
}

// score rates how well the entry words ws (a set) describe record i.
func (ix *listIndex) score(i int, ws map[string]bool, years []int) listMatch {
	f := ix.forms[i]
	m := listMatch{rec: i, years: years, hasYears: len(years) > 0}
	for _, t := range f.titles {
		hit := 0
		for _, w := range t {
			if ws[w] {
				hit++
			}
		}
		m.title = max(m.title, float64(hit)/float64(len(t)))
	}
	if len(f.authors) > 0 {
		found := 0
		for _, forms := range f.authors {
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

// accepted reports whether the match is good enough to say the entry is
// the record.
func (m listMatch) accepted() bool {
	return m.rec >= 0 && (m.title >= 0.6 || m.title >= 0.3 && (m.author >= 0.5 || m.yearMatch) || m.author == 1 && m.yearMatch && m.title > 0)
}

func (m listMatch) value() float64 {
	v := 2*m.title + m.author
	if m.yearMatch {
		v += 0.5
	}
	return v
}

// best finds the record the entry text describes best.
func (ix *listIndex) best(text string) listMatch {
	words := matchWords(text)
	ws := make(map[string]bool, len(words))
	for _, w := range words {
		ws[w] = true
	}
	years := yearsIn(text)
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
	var cs []cand
	for i, h := range hits {
		cs = append(cs, cand{i, h})
	}
	sort.Slice(cs, func(a, b int) bool {
		if cs[a].hits != cs[b].hits {
			return cs[a].hits > cs[b].hits
		}
		return cs[a].i < cs[b].i
	})
	best := listMatch{rec: -1, years: years, hasYears: len(years) > 0}
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

// referenceLists compares each manuscript's own reference list with the
// library: list-unmatched for an entry that is no record of the library,
// list-mismatch for a numbered entry that is not the record its number
// cites (or a \bibitem whose text is another record than its key),
// year-mismatch for an entry whose year is not its record's, and
// duplicate-source for two entries that are one work.
func (r *Result) referenceLists() {
	var ix *listIndex
	numeric := false
	for _, m := range r.Markers {
		numeric = numeric || m.numeric()
	}
	for di, dc := range r.docs {
		rl := dc.d.References
		if rl == nil || len(rl.Entries) == 0 {
			continue
		}
		if ix == nil {
			ix = newListIndex(r.lib)
		}
		seen := map[int]int{} // record → number of the first entry that is it
		texts := map[string]int{}
		for k, e := range rl.Entries {
			n := e.Number
			if n == 0 {
				n = k + 1
			}
			label := fmt.Sprintf("entry %d", n)
			m := ix.best(e.Text)
			if e.Key != "" {
				if keyed, ok := r.lib.Resolve(e.Key); ok {
					ki := r.lib.Number(keyed.ID) - 1
					km := ix.score(ki, wordSet(e.Text), yearsIn(e.Text))
					if m.rec >= 0 && m.rec != ki && !km.accepted() && m.value() > km.value()+1 {
						r.add(Finding{Code: CodeListMismatch, Ref: keyed.ID, Message: fmt.Sprintf("\\bibitem{%s} cites %s, but its text describes %s: correct the key or the entry",
							e.Key, r.label(keyed.ID), r.label(r.lib.Entries[m.rec].ID))}, di, e.Start, e.End, bib.Pos{})
					}
					m = km
					m.rec = ki
				}
			}
			norm := strings.Join(matchWords(e.Text), " ")
			if prev, dup := texts[norm]; dup && norm != "" {
				r.add(Finding{Code: CodeDuplicateSource, Message: fmt.Sprintf("%s repeats entry %d of the reference list: list each work once", label, prev)}, di, e.Start, e.End, bib.Pos{})
				continue
			}
			texts[norm] = n
			if m.rec < 0 || e.Key == "" && !m.accepted() {
				r.add(Finding{Code: CodeListUnmatched, Message: fmt.Sprintf("%s of the reference list (%q) is no reference of the library: add it (cite add, cite import) or correct the entry", label, clip(e.Text))}, di, e.Start, e.End, bib.Pos{})
				continue
			}
			rec := r.lib.Entries[m.rec]
			if prev, dup := seen[m.rec]; dup {
				r.add(Finding{Code: CodeDuplicateSource, Ref: rec.ID, Message: fmt.Sprintf("%s and entry %d of the reference list are one work, %s: list it once", label, prev, r.label(rec.ID))}, di, e.Start, e.End, bib.Pos{})
				continue
			}
			seen[m.rec] = n
			if e.Number > 0 && e.Key == "" && numeric && m.rec+1 != e.Number {
				msg := fmt.Sprintf("%s of the reference list is %s, but a marker [%d] cites the library's record %d", label, r.label(rec.ID), e.Number, e.Number)
				if e.Number <= len(r.lib.Entries) {
					msg += fmt.Sprintf(", %s", r.lib.Entries[e.Number-1].ID)
				}
				msg += ": renumber the list or reorder the library, or the text cites the wrong works"
				r.add(Finding{Code: CodeListMismatch, Ref: rec.ID, Message: msg}, di, e.Start, e.End, bib.Pos{})
			}
			if y := rec.Year(); y != 0 && m.hasYears && !m.yearMatch {
				r.add(Finding{Code: CodeYearMismatch, Ref: rec.ID, Message: fmt.Sprintf("%s of the reference list gives %s, but the library's %s is from %d", label, joinYears(m.years), rec.ID, y)}, di, e.Start, e.End, bib.Pos{})
			}
		}
	}
}

func wordSet(text string) map[string]bool {
	ws := map[string]bool{}
	for _, w := range matchWords(text) {
		ws[w] = true
	}
	return ws
}

func joinYears(ys []int) string {
	var parts []string
	for _, y := range ys {
		parts = append(parts, strconv.Itoa(y))
	}
	return strings.Join(parts, ", ")
}

// keyYear is a year written in a citation key: "hanks2012", "smith_2010a".
// A year inside a DOI or between dots or slashes ("doi:10.1080/0193.2010.5")
// is not the key's.
var keyYear = regexp.MustCompile(`(?:^|[^\d./])(1[5-9]\d\d|20\d\d)[a-z]?(?:[^\d./]|$)`)

// markerYears reports markers whose year differs from their record's: a
// key that spells a year ([@hanks2012] for a 2009 item), or an author–date
// cite resolved by its author alone.
func (r *Result) markerYears() {
	for i := range r.Markers {
		m := &r.Markers[i]
		for _, c := range m.Cites {
			if c.Ref == "" {
				continue
			}
			e, ok := r.lib.Resolve(c.Ref)
			if !ok || e.Year() == 0 {
				continue
			}
			var written string
			switch m.form {
			case manuscript.PandocMarker, manuscript.LaTeXMarker:
				if strings.HasPrefix(strings.ToLower(c.Key), "doi:") || strings.HasPrefix(c.Key, "10.") {
					continue
				}
				ms := keyYear.FindAllStringSubmatch(c.Key, -1)
				if len(ms) != 1 {
					continue
				}
				written = ms[0][1]
			case manuscript.AuthorDateMarker:
				written = strings.TrimRight(c.Year, "abcdefghijklmnopqrstuvwxyz")
			default:
				continue
			}
			y, err := strconv.Atoi(written)
			if err != nil || y == e.Year() {
				continue
			}
			what := fmt.Sprintf("marker %s gives the year %d", clip(m.Text), y)
			if len(m.Cites) > 1 && m.form != manuscript.AuthorDateMarker {
				what = fmt.Sprintf("the key %q of marker %s gives the year %d", c.Key, clip(m.Text), y)
			}
			r.add(Finding{Code: CodeYearMismatch, Ref: e.ID, Excerpt: clip(m.Text), Message: fmt.Sprintf("%s, but the library's %s is from %d: correct the marker or the record", what, e.ID, e.Year())}, m.doc, m.Start, m.End, bib.Pos{})
		}
	}
}
