package eval

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/style"
)

// sortValue is one key of one item.
type sortValue struct {
	s      string
	key    []byte // collation key of s (computed when needed, see ascii)
	script int    // rank of the script of s's first letter
	empty  bool
	// ascii reports that s is plain (see plainKey) and the collation
	// orders such strings as their lower-case bytes: lower then stands for
	// key, which is only computed when s is compared with a string that
	// is not.
	ascii bool
	lower string
}

// asciiCollation lists the languages whose collation orders plain
// strings (ASCII letters, digits, spaces, hyphens and the Russian
// alphabet, case ignored, ё as е) as their lower-case bytes: no tailoring
// of those letters (Danish "aa", Czech "ch" have one). TestPlainCollation
// checks it.
var asciiCollation = map[string]bool{"en": true, "ru": true, "kk": true, "uk": true, "be": true, "de": true,
	"fr": true, "it": true, "pt": true, "es": true, "nl": true}

// russianCollation lists those of asciiCollation whose collation also
// orders the Russian alphabet as its code points (Kazakh and Belarusian
// tailor some of its letters).
var russianCollation = map[string]bool{"en": true, "ru": true, "uk": true, "de": true,
	"fr": true, "it": true, "pt": true, "es": true, "nl": true}

// plainKey returns what the collation compares of s when s is plain:
// ASCII letters, digits, spaces and hyphens (which collate in that order,
// as their bytes), letters of the Russian alphabet (after all Latin
// ones, in alphabetical order, ё as е; only when russian is set), and
// the \x01 that separates names
// in a names key (which the collation ignores). ok is false otherwise.
func plainKey(s string, russian bool) (key string, ok bool) {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			simple = false
			continue
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '-' || c == '\x01') {
			return "", false
		}
	}
	if !simple && !russian {
		return "", false
	}
	if simple {
		if strings.IndexByte(s, '\x01') >= 0 {
			s = strings.ReplaceAll(s, "\x01", "")
		}
		return strings.ToLower(s), true
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\x01':
		case r < 0x80:
			b.WriteRune(unicode.ToLower(r))
		case r >= 'а' && r <= 'я':
			b.WriteRune(r)
		case r >= 'А' && r <= 'Я':
			b.WriteRune(r + ('а' - 'А'))
		case r == 'ё' || r == 'Ё':
			b.WriteRune('е')
		default:
			return "", false
		}
	}
	return b.String(), true
}

// sortKeys computes all of an item's sort keys (CSL 1.0.2, "Sorting").
func (r *run) sortKeys(it *item.Item, s *style.Sort, bib bool, cite *citeState) []sortValue {
	out := make([]sortValue, len(s.Keys))
	slot := r.slotOf(it)
	for i := range s.Keys {
		out[i] = r.sortKey(it, slot, s, i, bib, cite)
	}
	return out
}

// sortKey computes the sort key number k of s of it at slot.
func (r *run) sortKey(it *item.Item, slot int, s *style.Sort, ki int, bib bool, cite *citeState) sortValue {
	k := s.Keys[ki]
	c, _ := r.newCtxAt(it, slot, bib)
	c.sorting = true
	c.sortKey = k
	c.cite = cite
	var v string
	switch {
	case k.Macro != "":
		c.sortNameOpts = k.NameOptions
		m := k.MacroDef
		if m != nil {
			if n := c.renderAll(m.Children, ""); n != nil {
				v = n.Plain()
			}
			r.reuseSlabs()
		}
	case item.IsNameVar(k.Variable):
		c.sortNameOpts = k.NameOptions
		o := c.nameOptions(nil)
		var keys []string
		for _, n := range it.NamesOf(k.Variable) {
			keys = append(keys, sortKeyForName(n, o))
		}
		v = strings.Join(keys, "\x01")
	case item.IsDateVar(k.Variable):
		if d, ok := it.Date(k.Variable); ok {
			v = dateSortKey(d, "", false)
		}
	case k.Variable == "citation-number":
		v = padNumbers(c.lookupVar("citation-number"))
	default:
		v = c.lookupVar(k.Variable)
		if isNumeric(v) {
			v = padNumbers(v)
		} else if richKind(v) != plainText {
			v = parseRich(v, nil).Plain()
		}
	}
	v = normalizeSortText(v)
	r.release(c)
	sv := sortValue{s: v, empty: v == ""}
	if !sv.empty {
		if r.e.asciiColl {
			if k, ok := plainKey(v, r.e.russianColl); ok {
				sv.ascii, sv.lower = true, k
				sv.script = r.scriptRank(s, v)
				return sv
			}
		}
		r.collateValue(s, &sv)
	}
	return sv
}

// collateValue computes the script rank and collation key of sv. Many
// items share a key (a year, an author): each string is collated once.
func (r *run) collateValue(s *style.Sort, sv *sortValue) {
	if sv.key != nil || sv.empty {
		return
	}
	if cv, ok := r.collated[collKey{s, sv.s}]; ok {
		sv.script, sv.key = cv.script, cv.key
		return
	}
	sv.script = r.scriptRank(s, sv.s)
	r.collBuf.Reset()
	sv.key = r.bytes(r.coll.KeyFromString(&r.collBuf, sv.s))
	if r.collated == nil {
		r.collated = map[collKey]collValue{}
	}
	r.collated[collKey{s, sv.s}] = collValue{sv.script, sv.key}
}

// normalizeSortText turns punctuation into spaces (dropPunct) and
// collapses white space, as strings.Join(strings.Fields(strings.Map(dropPunct,
// v)), " ") does, in one pass; v itself when nothing changes.
func normalizeSortText(v string) string {
	if sortTextClean(v) {
		return v
	}
	var b strings.Builder
	b.Grow(len(v))
	space := false // a space is due before the next character
	for i := 0; i < len(v); {
		r, n := rune(v[i]), 1
		if r >= utf8.RuneSelf {
			r, n = multiRuneAt(v, i)
		}
		switch {
		case sortSep(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			if r == utf8.RuneError && n == 1 {
				b.WriteRune(r)
			} else {
				b.WriteString(v[i : i+n]) // kept: dropPunct leaves it as it is
			}
		}
		i += n
	}
	return b.String()
}

// sortTextClean reports whether normalizeSortText leaves v as it is: no
// word break but single spaces between words.
func sortTextClean(v string) bool {
	for i := 0; i < len(v); {
		r, n := rune(v[i]), 1
		if r >= utf8.RuneSelf {
			r, n = multiRuneAt(v, i)
		}
		if r == ' ' {
			if i == 0 || i+1 == len(v) || v[i+1] == ' ' {
				return false
			}
		} else if sortSep(r) {
			return false
		}
		i += n
	}
	return true
}

// multiRuneAt returns the character at i of v, not ASCII, and its
// length, as a range over v gives them (an invalid byte is U+FFFD, of
// length 1); a valid two-byte character (accented Latin, Greek,
// Cyrillic…) without calling the decoder. Callers take an ASCII byte
// themselves: the call would cost more than the byte.
func multiRuneAt(v string, i int) (rune, int) {
	if r := rune(v[i]); r >= 0xC2 && r <= 0xDF && i+1 < len(v) && v[i+1]&0xC0 == 0x80 {
		return (r&0x1F)<<6 | rune(v[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(v[i:])
}

// isSortSep reports whether normalizeSortText turns r into a word break:
// white space, or punctuation that dropPunct turns into a space.
func isSortSep(r rune) bool { return unicode.IsSpace(dropPunct(r)) }

// sortSep is isSortSep, from a table for the characters below U+0800.
func sortSep(r rune) bool {
	if r < rune(len(sortSepTable)) {
		return sortSepTable[r]
	}
	return isSortSep(r)
}

// sortSepTable holds isSortSep of every character below U+0800 (those of
// one and two bytes in UTF-8).
var sortSepTable = func() (t [0x800]bool) {
	for r := range t {
		t[r] = isSortSep(rune(r))
	}
	return t
}()

// lazyKeys computes the sort keys of items as comparisons need them: a
// later key only for items that tie on the earlier ones. The values are
// held by key (column), a column allocated when first needed: most
// sorts are decided by the first key.
type lazyKeys struct {
	r     *run
	s     *style.Sort
	bib   bool
	items []*item.Item
	slots []int32       // the items' slots
	vals  [][]sortValue // vals[k][i]: key k of item i
	done  [][]bool
	// sorted is the order the sort gave: the indexes of items.
	sorted []int32
}

func newLazyKeys(r *run, items []*item.Item, s *style.Sort, bib bool) *lazyKeys {
	return &lazyKeys{r: r, s: s, bib: bib, items: items, slots: r.slotsOf(items), vals: make([][]sortValue, len(s.Keys)), done: make([][]bool, len(s.Keys))}
}

// column returns the values and the done marks of key k.
func (lk *lazyKeys) column(k int) ([]sortValue, []bool) {
	if lk.vals[k] == nil {
		lk.vals[k], lk.done[k] = make([]sortValue, len(lk.items)), make([]bool, len(lk.items))
	}
	return lk.vals[k], lk.done[k]
}

// has reports whether key k of item i is computed.
func (lk *lazyKeys) has(i, k int) bool { return lk.done[k] != nil && lk.done[k][i] }

// set records v as key k of item i.
func (lk *lazyKeys) set(i, k int, v sortValue) {
	vals, done := lk.column(k)
	vals[i], done[i] = v, true
}

func (lk *lazyKeys) get(i, k int) *sortValue {
	vals, done := lk.column(k)
	if !done[i] {
		vals[i] = lk.r.sortKey(lk.items[i], int(lk.slots[i]), lk.s, k, lk.bib, nil)
		done[i] = true
	}
	return &vals[i]
}

// sortRecord is an item in a sort: its index and what of its first key
// decides most comparisons at once, read from the record rather than
// from the key's strings (a large sort is mostly waiting on memory).
type sortRecord struct {
	// prefix and prefix2 hold the first 16 bytes of the first key's
	// comparison form (its lower-case form if plain, its collation key
	// if collated), big-endian, padded with zeros: in a large
	// bibliography many keys share their first 8 bytes ("ivanov, ").
	prefix, prefix2 uint64
	script          int32
	class           uint8 // of the first key: 0 other, 1 plain, 2 collated
	idx             int32
}

// records returns a record per item, in order, computing the first key
// of each (and its collation key, where it is not plain).
func (lk *lazyKeys) records() []sortRecord {
	recs := make([]sortRecord, len(lk.items))
	for i := range recs {
		v := lk.get(i, 0)
		rec := sortRecord{idx: int32(i)}
		switch {
		case v.empty:
		case v.ascii:
			rec.class, rec.prefix, rec.prefix2 = 1, prefix8(v.lower), prefix8(after8(v.lower))
		default:
			lk.r.collateValue(lk.s, v) // which sets v.script
			rec.class, rec.prefix, rec.prefix2 = 2, prefix8(v.key), prefix8(after8(v.key))
		}
		rec.script = int32(v.script)
		recs[i] = rec
	}
	return recs
}

// prefix8 returns the first 8 bytes of s as a big-endian number, padded
// with zeros: numbers that differ order as the strings do.
func prefix8[T string | []byte](s T) uint64 {
	var p uint64
	for i := 0; i < 8; i++ {
		p <<= 8
		if i < len(s) {
			p |= uint64(s[i])
		}
	}
	return p
}

// after8 returns s without its first 8 bytes.
func after8[T string | []byte](s T) T { return s[min(8, len(s)):] }

// compareRecords is compare for records: two first keys of one class and
// script whose prefixes differ compare as their prefixes (compareValues
// compares such keys by these bytes), the rest as compare does.
func (lk *lazyKeys) compareRecords(a, b sortRecord) int {
	if cmp, ok := prefixOrder(a, b); ok {
		if lk.s.Keys[0].Descending {
			cmp = -cmp
		}
		return cmp
	}
	return lk.compare(int(a.idx), int(b.idx))
}

// prefixOrder compares the first keys of two records by their prefixes
// (ascending): ok is false when the prefixes cannot tell.
func prefixOrder(a, b sortRecord) (cmp int, ok bool) {
	if a.class == 0 || a.class != b.class || a.script != b.script || a.prefix == b.prefix && a.prefix2 == b.prefix2 {
		return 0, false
	}
	if a.prefix < b.prefix || a.prefix == b.prefix && a.prefix2 < b.prefix2 {
		return -1, true
	}
	return 1, true
}

// compare compares items i and j: -1, 0 or 1.
func (lk *lazyKeys) compare(i, j int) int {
	for k, key := range lk.s.Keys {
		if cmp := lk.r.compareValues(lk.s, lk.get(i, k), lk.get(j, k), key.Descending); cmp != 0 {
			return cmp
		}
	}
	return 0
}

// less compares two key lists: -1, 0 or 1. Empty values sort last in
// both directions.
func (r *run) less(a, b []sortValue, s *style.Sort) int {
	for i, k := range s.Keys {
		if i >= len(a) || i >= len(b) {
			break
		}
		if cmp := r.compareValues(s, &a[i], &b[i], k.Descending); cmp != 0 {
			return cmp
		}
	}
	return 0
}

// compareValues compares two values of one key: -1, 0 or 1. Empty values
// sort last in both directions.
func (r *run) compareValues(s *style.Sort, x, y *sortValue, descending bool) int {
	switch {
	case x.empty && y.empty:
		return 0
	case x.empty:
		return 1
	case y.empty:
		return -1
	}
	cmp := x.script - y.script
	if cmp == 0 {
		if x.ascii && y.ascii {
			cmp = strings.Compare(x.lower, y.lower)
		} else {
			r.collateValue(s, x)
			r.collateValue(s, y)
			cmp = bytes.Compare(x.key, y.key)
		}
	}
	if cmp == 0 && x.s != y.s && !strings.EqualFold(x.s, y.s) {
		// Equal keys, unequal texts (not only in case): the texts decide.
		// Most ties are of equal texts, which need neither test.
		cmp = strings.Compare(x.s, y.s)
	}
	if cmp > 0 {
		cmp = 1
	} else if cmp < 0 {
		cmp = -1
	}
	if descending {
		cmp = -cmp
	}
	return cmp
}

// scriptOf classifies the first letter of s: "cyrillic", "latin" or "".
func scriptOf(s string) string {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				return "latin"
			}
			continue // no other ASCII character is a letter
		}
		if !unicode.IsLetter(r) {
			continue
		}
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return "cyrillic"
		case unicode.Is(unicode.Latin, r):
			return "latin"
		case unicode.Is(unicode.Greek, r):
			return "greek"
		}
		return ""
	}
	return ""
}

// sortCites sorts the cites of a cluster by the citation sort.
func (r *run) sortCites(cites []*citeState) {
	cs := r.e.st.Citation
	if cs == nil || cs.Sort == nil || len(cs.Sort.Keys) == 0 || len(cites) < 2 {
		return
	}
	keys := map[*citeState][]sortValue{}
	for _, ci := range cites {
		keys[ci] = r.sortKeys(r.byID[ci.ID], cs.Sort, false, nil)
	}
	sort.SliceStable(cites, func(i, j int) bool { return r.less(keys[cites[i]], keys[cites[j]], cs.Sort) < 0 })
}

// dropPunct turns punctuation in sort keys into spaces: citeproc-js
// ignores quotation marks, brackets and commas when sorting, and a particle
// such as d’ sorts as a separate word.
func dropPunct(r rune) rune {
	if unicode.IsPunct(r) && r != '-' {
		return ' '
	}
	return r
}

// cyrillicFirst lists languages whose collation (CLDR) puts the Cyrillic
// script before Latin.
var cyrillicFirst = map[string]bool{"ru": true, "uk": true, "be": true, "bg": true, "sr": true, "mk": true,
	"kk": true, "ky": true, "mn": true, "tg": true}

// scriptRank returns the rank of the script of v's first letter in the
// sort's script order (scripts not listed rank last, equal).
func (r *run) scriptRank(s *style.Sort, v string) int {
	order := r.scriptOrder(s)
	if len(order) == 0 {
		return 0
	}
	sc := scriptOf(v)
	for i, o := range order {
		if strings.EqualFold(o, sc) {
			return i
		}
	}
	return len(order)
}

// scriptOrder returns the scripts to sort first: the sort's script-order
// extension, or, for a Cyrillic-script locale, Cyrillic (as CLDR collation
// and citeproc-js do; x/text/collate does not reorder scripts).
func (r *run) scriptOrder(s *style.Sort) []string {
	if len(s.ScriptOrder) > 0 {
		return s.ScriptOrder
	}
	return r.e.scriptsFirst
}

// collKey and collValue cache collation keys per sort and string.
type collKey struct {
	s *style.Sort
	v string
}

type collValue struct {
	script int
	key    []byte
}

// mergeSorted appends to dst the merge of a and b, each sorted by cmp,
// and returns it; of equal records a's come first. dst must not share
// memory with a or b.
func mergeSorted[T any](dst, a, b []T, cmp func(x, y T) int) []T {
	for len(a) > 0 && len(b) > 0 {
		if cmp(b[0], a[0]) < 0 {
			dst, b = append(dst, b[0]), b[1:]
		} else {
			dst, a = append(dst, a[0]), a[1:]
		}
	}
	dst = append(dst, a...)
	return append(dst, b...)
}
