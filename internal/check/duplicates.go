package check

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

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
// index in the library. Titles are keyed by a 64-bit hash of their
// normalised key, checked against the earlier entry on a hit.
type duplicateIndex struct {
	doi, isbn, url map[string]int
	title          map[uint64]int
	buf, other     []byte
	found          []match
}

func newDuplicateIndex(n int) *duplicateIndex {
	return &duplicateIndex{doi: map[string]int{}, isbn: map[string]int{}, url: map[string]int{}, title: make(map[uint64]int, n)}
}

// match is one reason why entry i repeats an earlier entry: the same
// field, with detail the DOI or ISBN that they share.
type match struct {
	earlier int
	field   string
	detail  string
}

// reason says what the entries share, as the message of the finding
// gives it.
func (m match) reason() string {
	switch m.field {
	case "DOI", "ISBN":
		return m.field + " " + m.detail
	case "title":
		return "title, year and first author"
	}
	return m.field
}

// look records that entry i has key in m (a map of field), or, when an
// earlier entry has it, the match.
func (x *duplicateIndex) look(c *checker, i int, e *bib.Entry, m map[string]int, key, field, detail string) {
	if j, ok := m[key]; ok {
		if c.lib.Entries[j].ID != e.ID { // a repeated id is the loader's duplicate-id
			x.found = append(x.found, match{j, field, detail})
		}
		return
	}
	m[key] = i
}

// add indexes entry i and reports it as a probable duplicate of each
// earlier entry with the same DOI, ISBN, URL, or title, year and first
// author, once per earlier entry with all the reasons.
func (x *duplicateIndex) add(c *checker, i int, e *bib.Entry) {
	x.found = x.found[:0]
	if v := e.Get("DOI"); v != "" {
		if d := doiKey(v); d != "" {
			x.look(c, i, e, x.doi, d, "DOI", d)
		}
	}
	if v := e.Get("ISBN"); v != "" && !componentTypes[e.Type] {
		for s := range identifiers(v, "ISBN") {
			parts := isbnList(s)
			if len(parts) == 0 {
				if k := isbn13(s); k != "" {
					x.look(c, i, e, x.isbn, k, "ISBN", s)
				}
				continue
			}
			for _, p := range parts {
				if k := isbn13(p); k != "" {
					x.look(c, i, e, x.isbn, k, "ISBN", p)
				}
			}
		}
	}
	if u := urlKey(e.Get("URL")); u != "" {
		x.look(c, i, e, x.url, u, "URL", "")
	}
	if x.buf = appendTitleKey(x.buf[:0], e); len(x.buf) > 0 {
		h := hashBytes(x.buf)
		if j, ok := x.title[h]; ok {
			x.other = appendTitleKey(x.other[:0], c.lib.Entries[j])
			if string(x.other) == string(x.buf) && c.lib.Entries[j].ID != e.ID {
				x.found = append(x.found, match{j, "title", ""})
			}
		} else {
			x.title[h] = i
		}
	}
	found := x.found
	if len(found) == 0 {
		return
	}
	slices.SortStableFunc(found, func(a, b match) int { return a.earlier - b.earlier })
	for k := 0; k < len(found); {
		j := found[k].earlier
		var reasons []string
		field := found[k].field
		onlyISBN := true
		for ; k < len(found) && found[k].earlier == j; k++ {
			reasons = append(reasons, found[k].reason())
			onlyISBN = onlyISBN && found[k].field == "ISBN"
		}
		o := c.lib.Entries[j]
		if onlyISBN && isbnVeto(e, o) {
			// Papers of one proceedings volume (or chapters of one book)
			// typed as books share its ISBN but not a DOI or a title.
			continue
		}
		c.report(e, field, CodeDuplicate, fmt.Sprintf("probably the same work as %s (%s): same %s; merge them with `cite merge %s %s` (the old id stays an alias), or tell them apart if they differ",
			o.ID, o.PosOf(field), strings.Join(reasons, ", "), o.ID, e.ID))
	}
}

// hashBytes hashes b to 64 bits, eight bytes at a time (a multiply and
// xor-shift per word, mixed with the length at the end), for the title
// keys: a hit is confirmed by comparing the keys themselves.
func hashBytes(b []byte) uint64 {
	const k = 0x9e3779b97f4a7c15
	h := uint64(len(b)) * k
	for len(b) >= 8 {
		h = (h ^ binary.LittleEndian.Uint64(b)) * k
		h ^= h >> 29
		b = b[8:]
	}
	var tail uint64
	for i, c := range b {
		tail |= uint64(c) << (8 * i)
	}
	h = (h ^ tail ^ uint64(len(b))<<56) * k
	return mix(h, 0, 0)
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

// appendTitleKey appends the normalised title, year and first author
// (or, for unsigned works, the container) of e to dst, and the container
// for parts of a larger work; it appends nothing without a title.
func appendTitleKey(dst []byte, e *bib.Entry) []byte {
	start := len(dst)
	if dst = appendNorm(dst, withoutMarkup(e.Get("title"))); len(dst) == start {
		return dst
	}
	dst = append(dst, '|')
	dst = strconv.AppendInt(dst, int64(e.Year()), 10)
	dst = append(dst, '|')
	who := len(dst)
	for _, role := range []string{"author", "editor"} {
		if ns := e.Names(role); len(ns) > 0 {
			if ns[0].IsLiteral() {
				dst = appendNorm(dst, ns[0].Literal)
			} else {
				dst = appendNorm(dst, ns[0].Family)
			}
			break
		}
	}
	if len(dst) == who || componentTypes[e.Type] {
		dst = appendNorm(append(dst, '|'), e.Get("container-title"))
	}
	return dst
}

// IdentifierKeys returns the keys by which e is the same work as another
// entry, as the duplicate rule compares them: "DOI 10.…" (lower case,
// without a resolver), "ISBN 978…" (every ISBN, as ISBN-13, except for parts
// of a larger work, which share their container's) and "URL host/path"
// (no scheme, "www." or trailing slash). cite add refuses a record whose
// keys an entry of the library already has.
func IdentifierKeys(e *bib.Entry) []string {
	var keys []string
	if d := doiKey(e.Get("DOI")); d != "" {
		keys = append(keys, "DOI "+d)
	}
	if v := e.Get("ISBN"); v != "" && !componentTypes[e.Type] {
		for _, s := range splitIdentifiers(v, "ISBN") {
			if k := isbn13(s); k != "" {
				keys = append(keys, "ISBN "+k)
			}
		}
	}
	if u := urlKey(e.Get("URL")); u != "" {
		keys = append(keys, "URL "+u)
	}
	return keys
}

// isbnVeto reports whether two entries that share an ISBN are still two
// works: their DOIs differ, or their titles clearly do.
func isbnVeto(a, b *bib.Entry) bool {
	if da, db := doiKey(a.Get("DOI")), doiKey(b.Get("DOI")); da != "" && db != "" && da != db {
		return true
	}
	return titlesDiffer(a.Get("title"), b.Get("title"))
}

// titlesDiffer reports whether two titles are clearly different: neither
// holds the other (after case, punctuation and markup are set aside) and
// they share fewer than half of their words.
func titlesDiffer(a, b string) bool {
	wa, wb := strings.Fields(normWords(a)), strings.Fields(normWords(b))
	na, nb := " "+strings.Join(wa, " ")+" ", " "+strings.Join(wb, " ")+" "
	if len(wa) == 0 || len(wb) == 0 || strings.Contains(na, nb) || strings.Contains(nb, na) {
		return false
	}
	set := map[string]bool{}
	for _, w := range wa {
		set[w] = true
	}
	shared := 0
	for _, w := range wb {
		if set[w] {
			shared++
			delete(set, w)
		}
	}
	return 2*shared < min(len(wa), len(wb))
}

// normWords lower-cases s without its rich-text markup and keeps its
// letters and digits, words apart.
func normWords(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return ' '
	}, withoutMarkup(s))
}

// markup is the rich text of CSL-JSON's convention that titles may hold
// (<span class="nocase">, <i>, …), which comparisons set aside.
var markup = strings.NewReplacer(`<span class="nocase">`, "", `<span style="font-variant:small-caps;">`, "", "</span>", "",
	"<i>", "", "</i>", "", "<b>", "", "</b>", "", "<sup>", "", "</sup>", "", "<sub>", "", "</sub>", "")

func withoutMarkup(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	return markup.Replace(s)
}
