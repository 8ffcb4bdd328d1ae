package verify

import (
	"fmt"
	"math/bits"
	"strings"

	"github.com/cite-project/cite/internal/bib"
)

// maxSuggestDistance is the largest edit distance at which didYouMean
// suggests an id.
const maxSuggestDistance = 2

// didYouMean suggests the library id closest to key, if it is close: the
// first id, in library order, of the lengths nearest key's (n, n-1, n+1,
// n-2, n+2) at the least edit distance found so far, the search of a
// length ending at an id one edit away, and the whole search at an id one
// edit away or less. Ids whose length differs from key's by the best
// distance so far or more are skipped without computing anything, and so
// are ids whose signatures (see idSigs) show that they are that far.
func (r *Result) didYouMean(key string) string {
	if r.ids == nil {
		r.ids = newIDIndex(r.lib)
	}
	best, bestD := "", maxSuggestDistance+1
	lk := []rune(strings.ToLower(key))
	ks := sigsOf(lk)
	for d := 0; d <= maxSuggestDistance && d < bestD && bestD > 1; d++ {
		for j, n := range [2]int{len(lk) - d, len(lk) + d} {
			if j == 1 && d == 0 || bestD <= 1 {
				// one length at distance 0; and once an id is one edit
				// away, only an equal id, of key's length, could be closer
				break
			}
			g := r.ids.group(n)
			for i := range g.sigs {
				if !g.sigs[i].within(ks, bestD-1) {
					continue
				}
				f := &g.forms[i]
				if dist := boundedDistance(lk, f.lower, bestD-1); dist < bestD {
					best, bestD = f.id, dist
					if dist <= 1 {
						break
					}
				}
			}
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// idIndex holds the library's ids by length, for suggesting the id a
// mistyped key meant (see didYouMean); built on the first suggestion.
type idIndex struct {
	groups []idGroup
	byLen  map[int]int // length → index in groups
}

// idGroup holds the ids of one length: their forms, and beside them
// their signatures, which the search reads first and which are thus kept
// together (a search reads every signature of a length).
type idGroup struct {
	forms []idForm
	sigs  []idSigs // sigs[i] is sigsOf(forms[i].lower)
}

// idForm is an id as suggestions compare it: lower case.
type idForm struct {
	id    string
	lower []rune
}

// idSigs are two 64-bit sets (hashed) of a string: of its characters and
// of its pairs of adjacent characters. One edit changes at most two bits
// of the first (a character out, one in) and four of the second (two
// pairs out, two in), so that the bits in which two strings' sets differ
// bound their edit distance from below.
type idSigs struct {
	chars, pairs uint64
}

// within reports whether s and t may be at most limit edits apart.
func (s idSigs) within(t idSigs, limit int) bool {
	return bits.OnesCount64(s.chars^t.chars) <= 2*limit && bits.OnesCount64(s.pairs^t.pairs) <= 4*limit
}

// sigsOf returns the signatures of s.
func sigsOf(s []rune) idSigs {
	return idSigs{chars: charSig(s), pairs: pairSig(s)}
}

// charSig returns a 64-bit set of the characters of s (hashed), so that
// popcount(a^b) bounds their edit distance from below: one edit changes at
// most two bits.
func charSig(s []rune) uint64 {
	var sig uint64
	for _, r := range s {
		sig |= 1 << (uint32(r) * 2654435761 >> 26)
	}
	return sig
}

// pairSig returns a 64-bit set of the pairs of adjacent characters of s
// (hashed): one edit changes at most four bits.
func pairSig(s []rune) uint64 {
	var sig uint64
	for i := 1; i < len(s); i++ {
		h := (uint64(uint32(s[i-1]))<<32 | uint64(uint32(s[i]))) * 0x9e3779b97f4a7c15
		sig |= 1 << (h >> 58)
	}
	return sig
}

// group returns the ids whose lower-case length is n.
func (ix *idIndex) group(n int) idGroup {
	if k, ok := ix.byLen[n]; ok {
		return ix.groups[k]
	}
	return idGroup{}
}

// newIDIndex groups the library's ids by length, in library order: each
// length's list made at its size, and every id's runes in one array (a
// library of 100,000 makes as many). Each id is read once: the grouping
// works on the array.
func newIDIndex(lib *bib.Library) *idIndex {
	type lowered struct {
		id         string
		start, end int // its runes, lower case, are all[start:end]
	}
	ids := make([]lowered, len(lib.Entries))
	all := make([]rune, 0, 16*len(lib.Entries))
	var short [64]int // the number of ids of each length below 64
	long := map[int]int{}
	for i, e := range lib.Entries {
		start := len(all)
		for _, r := range strings.ToLower(e.ID) { // the id itself when it has no capital
			all = append(all, r)
		}
		ids[i] = lowered{e.ID, start, len(all)}
		if n := len(all) - start; n < len(short) {
			short[n]++
		} else {
			long[n]++
		}
	}
	ix := &idIndex{byLen: map[int]int{}}
	group := func(n, count int) {
		ix.byLen[n] = len(ix.groups)
		ix.groups = append(ix.groups, idGroup{forms: make([]idForm, 0, count), sigs: make([]idSigs, 0, count)})
	}
	for n, c := range short {
		if c > 0 {
			group(n, c)
		}
	}
	for n, c := range long {
		group(n, c)
	}
	var slot [64]int // index in ix.groups of each length below 64
	for n := range short {
		slot[n] = ix.byLen[n]
	}
	for _, id := range ids {
		l := all[id.start:id.end:id.end]
		k := 0
		if len(l) < len(slot) {
			k = slot[len(l)]
		} else {
			k = ix.byLen[len(l)]
		}
		g := &ix.groups[k]
		g.forms = append(g.forms, idForm{id: id.id, lower: l})
		g.sigs = append(g.sigs, sigsOf(l))
	}
	return ix
}

// boundedDistance returns the Levenshtein distance between a and b, or
// limit+1 as soon as it must exceed limit: when the lengths differ by
// more, or every cell of a row's band (the cells within limit of the
// diagonal, the only ones that can stay within it) does.
func boundedDistance(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	inf := limit + 1
	// Two rows of the table; on the stack for the ids of most libraries
	// (the function runs for every candidate id of every unknown key).
	var prevBuf, curBuf [48]int
	prev, cur := prevBuf[:0], curBuf[:0]
	if len(b)+1 <= len(prevBuf) {
		prev, cur = prevBuf[:len(b)+1], curBuf[:len(b)+1]
	} else {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = min(j, inf)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[lo-1] = inf
		if lo == 1 {
			cur[0] = min(i, inf)
		}
		best := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if j <= i-1+limit && prev[j]+1 < v {
				v = prev[j] + 1
			}
			if cur[j-1]+1 < v {
				v = cur[j-1] + 1
			}
			cur[j] = min(v, inf)
			best = min(best, cur[j])
		}
		if hi < len(b) {
			cur[hi+1] = inf
		}
		if best > limit {
			return inf
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], inf)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
