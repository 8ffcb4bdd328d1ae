package check

import (
	"fmt"
	"strings"
	"unicode"

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

// consistency runs the library-wide rules. Each works in one pass over
// the library with maps keyed by normalised values, plus a deletion
// neighbourhood (every key with one letter removed, hashed) for the
// one-letter-apart variants, so the cost grows linearly with the library.
func (c *checker) consistency() {
	persons := newPersonIndex()
	outlets := map[string]*outletIndex{"container-title": newOutletIndex(), "publisher": newOutletIndex()}
	dups := newDuplicateIndex()
	for i, e := range c.lib.Entries {
		if e == nil {
			continue
		}
		for _, role := range e.NameVariables() {
			for _, nm := range e.Names[role] {
				pos := nm.Pos
				if pos.Line == 0 {
					pos = e.PosOf(role)
				}
				if msg := persons.add(nm, e.ID, pos); msg != "" {
					c.reportAt(pos, e.ID, role, CodeNameVariant, fmt.Sprintf("%s %q %s", role, nm.String(), msg))
				}
			}
		}
		for _, f := range []string{"container-title", "publisher"} {
			if v := e.Get(f); v != "" {
				if msg := outlets[f].add(v, e.ID, e.PosOf(f)); msg != "" {
					c.report(e, f, CodeOutletVariant, fmt.Sprintf("%s %q %s", f, v, msg))
				}
			}
		}
		dups.add(c, i, e)
	}
}

// normKey folds s for comparison: lower case, ё as е, Latin diacritics
// dropped, punctuation removed and spaces collapsed.
func normKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			r = unicode.ToLower(r)
			switch {
			case r == 'ё':
				r = 'е'
			case r >= 0x80 && unicode.Is(unicode.Latin, r):
				if d := norm.NFD.String(string(r)); d != "" {
					r = []rune(d)[0]
				}
			}
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		default:
			space = true
		}
	}
	return b.String()
}

// personIndex finds one person spelled in several ways.
type personIndex struct {
	buckets map[string]*personBucket // normalised family|initials
	fuzzy   map[uint64]*personBucket // deletion neighbourhood of the family
}

type personBucket struct {
	family  []rune
	initial string
	givens  map[string]occurrence // normalised given → first spelling
	order   []string
	alias   *occurrence // first spelling of a family one letter away
}

func newPersonIndex() *personIndex {
	return &personIndex{buckets: map[string]*personBucket{}, fuzzy: map[uint64]*personBucket{}}
}

// add records one name and returns, when it spells an earlier person
// differently, the rest of a message naming the earlier spelling.
func (x *personIndex) add(nm bib.Name, ref string, pos bib.Pos) string {
	if nm.IsLiteral() || strings.TrimSpace(nm.Family) == "" {
		return ""
	}
	fam := normKey(strings.TrimSpace(nm.NonDroppingParticle + " " + nm.Family))
	if fam == "" {
		return ""
	}
	given := normKey(nm.Given)
	initials := initialsKey(nm.Given)
	spelled := collapseSpaces(nm.Family) + ", " + collapseSpaces(nm.Given)
	occ := occurrence{spelled: spelled, ref: ref, pos: pos}
	key := fam + "|" + initials
	b, ok := x.buckets[key]
	if !ok {
		b = &personBucket{family: []rune(fam), initial: initials, givens: map[string]occurrence{}}
		x.buckets[key] = b
		b.alias = x.fuzzyMatch(b)
	}
	if first, ok := b.givens[given]; ok {
		if first.spelled != spelled {
			return fmt.Sprintf("is spelled %q in %s: use one spelling", first.spelled, first.where())
		}
	} else {
		// A given name one letter away from an earlier full given name.
		if len([]rune(given)) >= 4 && len(b.order) <= 32 {
			for _, g := range b.order {
				if len([]rune(g)) >= 4 && withinOne([]rune(g), []rune(given)) {
					first := b.givens[g]
					return fmt.Sprintf("is spelled %q in %s: use one spelling", first.spelled, first.where())
				}
			}
		}
		b.givens[given] = occ
		b.order = append(b.order, given)
	}
	if b.alias != nil && b.alias.ref != ref {
		return fmt.Sprintf("is spelled %q in %s, one letter apart with the same initials: use one spelling if they are the same person", b.alias.spelled, b.alias.where())
	}
	return ""
}

// fuzzyMatch looks for an earlier family one letter away from b's, with
// the same initials, and indexes b's deletion neighbourhood.
func (x *personIndex) fuzzyMatch(b *personBucket) *occurrence {
	if len(b.family) < 5 || b.initial == "" {
		return nil
	}
	var found *occurrence
	seed := hashString(b.initial)
	for _, h := range deletionHashes(b.family, seed) {
		other, ok := x.fuzzy[h]
		if !ok {
			x.fuzzy[h] = b
			continue
		}
		if found == nil && other != b && other.initial == b.initial && withinOne(other.family, b.family) && !genderPair(other.family, b.family) && len(other.order) > 0 {
			occ := other.givens[other.order[0]]
			found = &occ
		}
	}
	return found
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

// initialsKey returns the first letters of the parts of a given name, in
// lower case: "К.В." and "Константин Васильевич" give "кв".
func initialsKey(given string) string {
	var b strings.Builder
	start := true
	for _, r := range given {
		if unicode.IsLetter(r) {
			if start {
				b.WriteRune(unicode.ToLower(r))
			}
			start = false
			continue
		}
		start = true
	}
	return b.String()
}

// outletIndex finds one journal, newspaper, site or publisher spelled in
// several ways.
type outletIndex struct {
	first map[string]occurrence // normalised → first spelling
	fuzzy map[uint64]string     // deletion neighbourhood → normalised key
	alias map[string]string     // normalised key → earlier key one letter away
}

func newOutletIndex() *outletIndex {
	return &outletIndex{first: map[string]occurrence{}, fuzzy: map[uint64]string{}, alias: map[string]string{}}
}

func (x *outletIndex) add(v, ref string, pos bib.Pos) string {
	key := normKey(v)
	if key == "" {
		return ""
	}
	spelled := collapseSpaces(v)
	if first, ok := x.first[key]; ok {
		if first.spelled != spelled {
			return fmt.Sprintf("is spelled %q in %s: use one spelling", first.spelled, first.where())
		}
		if a, ok := x.alias[key]; ok {
			o := x.first[a]
			return fmt.Sprintf("is spelled %q in %s, one letter apart: use one spelling if they are the same", o.spelled, o.where())
		}
		return ""
	}
	x.first[key] = occurrence{spelled: spelled, ref: ref, pos: pos}
	rs := []rune(key)
	if len(rs) < 8 {
		return ""
	}
	var msg string
	for _, h := range deletionHashes(rs, 0) {
		other, ok := x.fuzzy[h]
		if !ok {
			x.fuzzy[h] = key
			continue
		}
		if msg == "" && other != key && oneWordApart(other, key) {
			x.alias[key] = other
			o := x.first[other]
			msg = fmt.Sprintf("is spelled %q in %s, one letter apart: use one spelling if they are the same", o.spelled, o.where())
		}
	}
	return msg
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

// deletionHashes returns the hashes of s and of s with each letter
// removed in turn, mixed with seed. Two strings within one edit share at
// least one hash; matches are confirmed with withinOne.
func deletionHashes(s []rune, seed uint64) []uint64 {
	const base = 1099511628211
	n := len(s)
	prefix := make([]uint64, n+1) // hash of s[:i]
	for i, r := range s {
		prefix[i+1] = prefix[i]*base + uint64(r) + 1
	}
	pow := make([]uint64, n+1)
	pow[0] = 1
	for i := 1; i <= n; i++ {
		pow[i] = pow[i-1] * base
	}
	out := make([]uint64, 0, n+1)
	out = append(out, mix(prefix[n], n, seed))
	for i := 0; i < n; i++ {
		// hash(s[:i] + s[i+1:]) = hash(s[:i])·base^(n-i-1) + hash(s[i+1:])
		suffix := prefix[n] - prefix[i+1]*pow[n-i-1]
		out = append(out, mix(prefix[i]*pow[n-i-1]+suffix, n-1, seed))
	}
	return out
}

func mix(h uint64, length int, seed uint64) uint64 {
	h ^= uint64(length)*0x9e3779b97f4a7c15 ^ seed
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

func hashString(s string) uint64 {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}
