package check

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cite-project/cite/internal/bib"
)

// occurrence is where a spelling was first seen.
type occurrence struct {
	spelled string
	ref     string
	pos     bib.Pos
}

func (o occurrence) where() string { return fmt.Sprintf("%s (%s)", o.ref, o.pos) }

// consistency runs the library-wide rules. Spelling variants take two
// passes: the first groups every person and outlet by a normalised key and
// counts each spelling, then links groups one letter apart through a
// deletion neighbourhood (every key with one letter removed, hashed); the
// second reports each occurrence that departs from its group's most
// common spelling. Duplicates take one pass with maps keyed by DOI, ISBN,
// URL and title. The cost grows linearly with the library.
func (c *checker) consistency() {
	persons := newVariantIndex(5, true, samePerson)
	outlets := [2]*variantIndex{newVariantIndex(8, false, oneWordApart), newVariantIndex(8, false, oneWordApart)}
	outletFields := [2]string{"container-title", "publisher"}
	// seen is one occurrence of a person (name set) or an outlet (name
	// nil) in field of e; the value and the position are looked up again
	// for the few that are reported.
	type seen struct {
		e     *bib.Entry
		name  *bib.Name
		g     *group
		sp    *spelling
		field string
	}
	all := make([]seen, 0, len(c.lib.Entries)*2)
	dups := newDuplicateIndex(len(c.lib.Entries))
	var key, spelled []byte
	var roleBuf []string
	for i, e := range c.lib.Entries {
		if e == nil {
			continue
		}
		roleBuf = appendRoles(roleBuf[:0], e)
		for _, role := range roleBuf {
			names := e.Names(role)
			for k := range names {
				nm := &names[k]
				if nm.IsLiteral() || isBlank(nm.Family) {
					continue
				}
				key = key[:0]
				if nm.NonDroppingParticle != "" {
					key = append(appendNorm(key, nm.NonDroppingParticle), ' ')
				}
				n := len(key)
				if key = appendNorm(key, nm.Family); len(key) == n {
					continue
				}
				key = appendNorm(append(key, '|'), nm.Given)
				spelled = appendCollapsed(spelled[:0], nm.Family)
				spelled = appendCollapsed(append(spelled, ", "...), nm.Given)
				g, sp := persons.add(key, spelled, e.ID, personPos(e, role, nm))
				all = append(all, seen{e, nm, g, sp, role})
			}
		}
		for k, f := range outletFields {
			v := e.Get(f)
			if v == "" {
				continue
			}
			key = appendNorm(key[:0], v)
			if len(key) == 0 {
				continue
			}
			spelled = appendCollapsed(spelled[:0], v)
			g, sp := outlets[k].add(key, spelled, e.ID, e.PosOf(f))
			all = append(all, seen{e, nil, g, sp, f})
		}
		dups.add(c, i, e)
	}
	index := &hashIndex{}
	persons.link(index)
	for _, x := range outlets {
		x.link(index)
	}
	for _, s := range all {
		root := s.g.root()
		m := root.majority()
		fuzzy := root != s.g
		if !fuzzy && s.sp == m {
			continue
		}
		var pos bib.Pos
		if s.name != nil {
			pos = personPos(s.e, s.field, s.name)
		} else {
			pos = s.e.PosOf(s.field)
		}
		if m.first.ref == s.e.ID && m.first.pos == pos {
			continue
		}
		ref := m.first
		var code, same, what string
		if s.name != nil {
			code, same, what = CodeNameVariant, "if they are the same person", fmt.Sprintf("%s %q", s.field, s.name.String())
		} else {
			code, same, what = CodeOutletVariant, "if they are the same", fmt.Sprintf("%s %q", s.field, s.e.Get(s.field))
		}
		msg := fmt.Sprintf("%s is spelled %q in %s: use one spelling", what, ref.spelled, ref.where())
		if fuzzy {
			msg = fmt.Sprintf("%s is spelled %q in %s, one letter apart: use one spelling %s", what, ref.spelled, ref.where(), same)
		}
		c.reportAt(pos, s.e.ID, s.field, code, msg)
	}
}

// personPos is where the name nm of e's name variable role is: its own
// position, or the variable's.
func personPos(e *bib.Entry, role string, nm *bib.Name) bib.Pos {
	if nm.Pos.Line == 0 {
		return e.PosOf(role)
	}
	return nm.Pos
}

// appendCollapsed appends s to dst with its words joined by single
// spaces. The bytes between spaces are copied a run at a time.
func appendCollapsed(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		j := i // s[i:j] holds no space
		size := 0
		for j < len(s) {
			b := s[j]
			if b < utf8.RuneSelf {
				if b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f' {
					size = 1
					break
				}
				j++
				continue
			}
			if !mayStartSpace(b) {
				j++ // a byte of a letter, or a stray one
				continue
			}
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				size = n
				break
			}
			j += n
		}
		if j > i {
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, s[i:j]...)
		}
		if size > 0 { // a space at s[j]
			space = true
		}
		i = j + size
	}
	return dst
}

// mayStartSpace reports whether b may be the first byte of a non-ASCII
// space: U+0085 and U+00A0 (0xC2), U+1680 (0xE1), U+2000–U+205F (0xE2),
// U+3000 (0xE3).
func mayStartSpace(b byte) bool { return b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 }

// continuation reports whether b continues a UTF-8 sequence.
func continuation(b byte) bool { return b&0xC0 == 0x80 }

// asciiNorm maps the ASCII letters and digits to their folded form (the
// letters lower-cased) and every other byte to 0.
var asciiNorm = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	return t
}()

// normKey folds s for comparison: lower case, ё as е, Latin diacritics
// dropped, punctuation removed and spaces collapsed.
func normKey(s string) string { return string(appendNorm(nil, s)) }

// appendNorm appends the folded form of s (see normKey) to dst.
func appendNorm(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			// ASCII: letters lower-cased, digits kept, the rest a space;
			// a run of letters and digits is copied, then lower-cased.
			if asciiNorm[c] == 0 {
				space = true
				i++
				continue
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			j := i + 1
			for j < len(s) && asciiNorm[s[j]] != 0 {
				j++
			}
			n := len(dst)
			dst = append(dst, s[i:j]...)
			for k := n; k < len(dst); k++ {
				dst[k] = asciiNorm[dst[k]]
			}
			i = j
			continue
		}
		if (c == 0xD0 || c == 0xD1) && i+1 < len(s) && continuation(s[i+1]) {
			// Russian letters, the bulk of a Cyrillic library, in bytes:
			// А–Я and а–я (U+0410–U+044F) lower-cased, Ё and ё as е.
			r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			if r >= 0x410 && r <= 0x44F || r == 'ё' || r == 'Ё' {
				if space && len(dst) > start {
					dst = append(dst, ' ')
				}
				space = false
				switch {
				case r == 'ё' || r == 'Ё':
					dst = append(dst, 0xD0, 0xB5)
				case r <= 0x41F:
					dst = append(dst, 0xD0, s[i+1]+0x20)
				case r <= 0x42F:
					dst = append(dst, 0xD1, s[i+1]-0x20)
				default:
					dst = append(dst, c, s[i+1])
				}
				i += 2
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !isLetter(r) && !unicode.IsDigit(r) {
			if !unicode.Is(unicode.Mn, r) {
				space = true
			}
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		switch {
		case r >= 0x430 && r <= 0x44F:
		case r >= 0x410 && r <= 0x42F:
			r += 0x20
		case r == 'ё' || r == 'Ё':
			r = 'е'
		case r >= 0xC0 && r <= 0x24F || r >= 0x1E00 && r <= 0x1EFF:
			r = unicode.ToLower(r)
			if d := norm.NFD.String(string(r)); d != "" {
				r, _ = utf8.DecodeRuneInString(d)
			}
		default:
			r = unicode.ToLower(r)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// appendRoles appends the name variables of e to dst in a fixed order
// (sorted by name), reusing dst's memory.
func appendRoles(dst []string, e *bib.Entry) []string {
	for r := range e.NameVariablesSeq() {
		dst = append(dst, r)
	}
	if len(dst) > 1 {
		slices.Sort(dst)
	}
	return dst
}

// samePerson reports whether two person keys one edit apart name one
// person: the same given name (or initials) with a family name of five
// letters or more one letter away, not the masculine and feminine forms;
// or the same family with a full given name one letter away.
func samePerson(a, b string) bool {
	famA, givA, _ := strings.Cut(a, "|")
	famB, givB, _ := strings.Cut(b, "|")
	switch {
	case famA == famB:
		ga, gb := []rune(givA), []rune(givB)
		return len(ga) >= 4 && len(gb) >= 4 && !initialsOnly(givA) && !initialsOnly(givB) && withinOne(ga, gb)
	case givA == givB:
		fa, fb := []rune(famA), []rune(famB)
		return givA != "" && len(fa) >= 5 && len(fb) >= 5 && withinOne(fa, fb) && !genderPair(fa, fb)
	}
	return false
}

// initialsOnly reports whether a normalised given name is only initials.
func initialsOnly(given string) bool {
	for _, w := range strings.Fields(given) {
		if len([]rune(w)) > 2 {
			return false
		}
	}
	return true
}

// genderPair reports whether a and b differ only by a final "а"/"a", as
// the masculine and feminine forms of a Slavic family name do.
func genderPair(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b) != len(a)+1 || (b[len(b)-1] != 'а' && b[len(b)-1] != 'a') {
		return false
	}
	return string(a) == string(b[:len(a)])
}

// group gathers the spellings of one normalised key.
type group struct {
	key    string
	person bool
	// order holds the spellings in the order first seen; spellings indexes
	// them once there are two or more (most groups have one).
	order     []*spelling
	spellings map[string]*spelling
	total     int
	alias     *group    // a larger group one letter away
	best      *spelling // the majority, once computed
	// one is the first spelling, kept in the group itself (order[0]
	// points to it), so that finding the spelling of a group that has only
	// one reads no other memory.
	one spelling
}

type spelling struct {
	count int
	first occurrence
}

// spelling returns the group's spelling spelled, or nil.
func (g *group) spelling(spelled []byte) *spelling {
	if g.spellings != nil {
		return g.spellings[string(spelled)]
	}
	if len(g.order) > 0 && g.one.first.spelled == string(spelled) {
		return &g.one
	}
	return nil
}

// addSpelling records a new spelling of the group.
func (g *group) addSpelling(sp *spelling) {
	g.order = append(g.order, sp)
	switch {
	case g.spellings != nil:
		g.spellings[sp.first.spelled] = sp
	case len(g.order) > 1:
		g.spellings = make(map[string]*spelling, 4)
		for _, o := range g.order {
			g.spellings[o.first.spelled] = o
		}
	}
}

// majority returns the group's most common spelling, the earliest on a
// tie. It is computed once, after all spellings have been counted.
func (g *group) majority() *spelling {
	if g.best == nil {
		for _, sp := range g.order {
			if g.best == nil || sp.count > g.best.count {
				g.best = sp
			}
		}
	}
	return g.best
}

func (g *group) root() *group {
	for g.alias != nil {
		g = g.alias
	}
	return g
}

// variantIndex groups the spellings of persons or outlets.
type variantIndex struct {
	groups map[string]*group
	order  []*group
	minLen int  // keys shorter than this are not matched one letter apart
	person bool // the index holds persons, not outlets
	same   func(a, b string) bool
}

func newVariantIndex(minLen int, person bool, same func(a, b string) bool) *variantIndex {
	return &variantIndex{groups: map[string]*group{}, minLen: minLen, person: person, same: same}
}

// add counts one occurrence of spelled under key. The byte slices are
// copied only when they are new.
func (x *variantIndex) add(key, spelled []byte, ref string, pos bib.Pos) (*group, *spelling) {
	g, ok := x.groups[string(key)]
	if !ok {
		g = &group{key: string(key), person: x.person}
		x.groups[g.key] = g
		x.order = append(x.order, g)
	}
	sp := g.spelling(spelled)
	if sp == nil {
		first := occurrence{spelled: string(spelled), ref: ref, pos: pos}
		if len(g.order) == 0 {
			g.one.first = first
			sp = &g.one
		} else {
			sp = &spelling{first: first}
		}
		g.addSpelling(sp)
	}
	sp.count++
	g.total++
	return g, sp
}

// link aliases each group to an earlier or larger group one letter away,
// found through the deletion neighbourhood of the keys: each hash of a key
// and of the key with one letter removed is owned by the first group that
// has it, and every later group with that hash is compared with the owner.
//
// The table of hashes is index's memory, made empty and grown as needed,
// so that the indexes of persons and outlets take turns with one table.
func (x *variantIndex) link(index *hashIndex) {
	var rs []rune
	var hashes deletionBuffers
	var n int
	for _, g := range x.order {
		if c := utf8.RuneCountInString(g.key); c >= x.minLen {
			n += c + 1
		}
	}
	index.reset(n)
	for gi, g := range x.order {
		rs = rs[:0]
		for _, r := range g.key {
			rs = append(rs, r)
		}
		if len(rs) < x.minLen {
			continue
		}
		for _, h := range hashes.of(rs, 0) {
			oi, ok := index.owner(h, int32(gi))
			if !ok {
				continue
			}
			other := x.order[oi]
			a, b := other.root(), g.root()
			if a == b || !x.same(other.key, g.key) {
				continue
			}
			if b.total > a.total {
				a, b = b, a
			}
			b.alias = a
		}
	}
}

// hashIndex maps 64-bit hashes to the first group that had them, by its
// index: an open-addressing table without pointers, faster than a map for
// the millions of deletion hashes of a large library and nothing for the
// garbage collector to scan.
type hashIndex struct {
	slots []hashSlot
	mask  uint64
}

type hashSlot struct {
	key   uint64
	group int32 // the index of the group plus one; 0 is an empty slot
}

// reset empties x and sizes it for n hashes (a power of two at least one
// and a half times n: the hashes are well mixed, and a smaller table
// stays more in the processor's caches), reusing its memory when it is
// large enough.
func (x *hashIndex) reset(n int) {
	size := 16
	for size < n+n/2 {
		size *= 2
	}
	if cap(x.slots) >= size {
		x.slots = x.slots[:size]
		clear(x.slots)
	} else {
		x.slots = make([]hashSlot, size)
	}
	x.mask = uint64(size - 1)
}

// owner returns the index of the group that had h first and true, or
// records g as its owner and returns false.
func (x *hashIndex) owner(h uint64, g int32) (int32, bool) {
	for i := h & x.mask; ; i = (i + 1) & x.mask {
		switch s := &x.slots[i]; {
		case s.group == 0:
			s.key, s.group = h, g+1
			return 0, false
		case s.key == h:
			return s.group - 1, true
		}
	}
}

// oneWordApart reports whether a and b are one letter apart inside a
// single word of four letters or more, so that "Journal of Physics A" and
// "Journal of Physics B", or volumes 1 and 2, are not taken for variants.
func oneWordApart(a, b string) bool {
	if !withinOne([]rune(a), []rune(b)) {
		return false
	}
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) != len(wb) {
		return false
	}
	diff := 0
	for i := range wa {
		if wa[i] == wb[i] {
			continue
		}
		diff++
		ra, rb := []rune(wa[i]), []rune(wb[i])
		if len(ra) < 4 || len(rb) < 4 || hasDigit(wa[i]) || hasDigit(wb[i]) {
			return false
		}
	}
	return diff == 1
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// withinOne reports whether the Levenshtein distance of a and b is at
// most one.
func withinOne(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) == len(b) {
		return string(a[i+1:]) == string(b[i+1:])
	}
	return string(a[i:]) == string(b[i+1:])
}

// deletionBuffers holds the scratch space of deletion hashes, reused
// from key to key.
type deletionBuffers struct {
	prefix, pow, out []uint64
}

// of returns the hashes of s and of s with each letter removed in turn,
// mixed with seed. Two strings within one edit share at least one hash;
// matches are confirmed with withinOne. The result is valid until the
// next call.
func (d *deletionBuffers) of(s []rune, seed uint64) []uint64 {
	const base = 1099511628211
	n := len(s)
	d.prefix = append(d.prefix[:0], 0) // hash of s[:i]
	for i, r := range s {
		d.prefix = append(d.prefix, d.prefix[i]*base+uint64(r)+1)
	}
	d.pow = append(d.pow[:0], 1)
	for i := 1; i <= n; i++ {
		d.pow = append(d.pow, d.pow[i-1]*base)
	}
	prefix, pow := d.prefix, d.pow
	out := append(d.out[:0], mix(prefix[n], n, seed))
	for i := 0; i < n; i++ {
		// hash(s[:i] + s[i+1:]) = hash(s[:i])·base^(n-i-1) + hash(s[i+1:])
		suffix := prefix[n] - prefix[i+1]*pow[n-i-1]
		out = append(out, mix(prefix[i]*pow[n-i-1]+suffix, n-1, seed))
	}
	d.out = out
	return out
}

// deletionHashes returns the hashes of deletionBuffers.of in a new slice.
func deletionHashes(s []rune, seed uint64) []uint64 {
	var d deletionBuffers
	return d.of(s, seed)
}

func mix(h uint64, length int, seed uint64) uint64 {
	h ^= uint64(length)*0x9e3779b97f4a7c15 ^ seed
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}
