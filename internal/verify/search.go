package verify

import (
	"sort"

	"github.com/cite-project/cite/internal/manuscript"
	"strings"
	"unicode"
	"unicode/utf8"
)

// normText is a manuscript (or an excerpt) in the form excerpts are matched
// in: lower case, quotation marks dropped, dashes unified as "-" without
// space around them, white space collapsed, no space before punctuation,
// "…" spelt "...", "ё" as "е", and citation markers removed. runes is the
// normalised text; from[i] and to[i] are the byte span in the original of
// the rune that produced runes[i].
type normText struct {
	runes    []rune
	from, to []int32
	str      string  // string(runes)
	byteRune []int32 // rune index of each byte of str
}

// normalise builds the normal form of text, skipping the spans of skip
// (sorted, non-overlapping markers).
func normalise(text string, skip []manuscript.Span) *normText {
	size := utf8.RuneCountInString(text)
	size += size / 16
	n := &normText{runes: make([]rune, 0, size), from: make([]int32, 0, size), to: make([]int32, 0, size)}
	k := 0
	pendingSpace := false
	for i := 0; i < len(text); {
		if k < len(skip) && skip[k].Start == i {
			i = skip[k].End
			k++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isQuoteMark(r), r == '\u00ad', r == '\u200b', r == '\u200c', r == '\u200d', r == '\ufeff':
			// dropped
		case unicode.IsSpace(r):
			pendingSpace = len(n.runes) > 0
		case manuscript.IsDash(r):
			n.trimSpace()
			n.add('-', i, i+size)
			pendingSpace = false
			i += size
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				if !unicode.IsSpace(r) {
					break
				}
				i += size
			}
			continue
		case r == '…':
			if pendingSpace {
				n.add(' ', i, i)
			}
			pendingSpace = false
			for range 3 {
				n.add('.', i, i+size)
			}
		default:
			if pendingSpace && !strings.ContainsRune(".,;:!?)]", r) && !(len(n.runes) > 0 && n.runes[len(n.runes)-1] == '-') {
				n.add(' ', i, i)
			}
			pendingSpace = false
			r = unicode.ToLower(r)
			if r == 'ё' {
				r = 'е'
			}
			n.add(r, i, i+size)
		}
		i += size
	}
	n.str = string(n.runes)
	n.byteRune = make([]int32, 0, len(n.str))
	for ri, r := range n.runes {
		for range utf8.RuneLen(r) {
			n.byteRune = append(n.byteRune, int32(ri))
		}
	}
	return n
}

func (n *normText) add(r rune, from, to int) {
	n.runes = append(n.runes, r)
	n.from = append(n.from, int32(from))
	n.to = append(n.to, int32(to))
}

func (n *normText) trimSpace() {
	for len(n.runes) > 0 && n.runes[len(n.runes)-1] == ' ' {
		n.runes = n.runes[:len(n.runes)-1]
		n.from = n.from[:len(n.from)-1]
		n.to = n.to[:len(n.to)-1]
	}
}

// span returns the original byte span of runes[s:e].
func (n *normText) span(s, e int) (int, int) {
	if e <= s {
		return int(n.from[s]), int(n.from[s])
	}
	return int(n.from[s]), int(n.to[e-1])
}

func isQuoteMark(r rune) bool {
	switch r {
	case '"', '\'', '«', '»', '“', '”', '„', '‟', '‘', '’', '‚', '‛', '‹', '›', '`', '´', '″', '′', '\x01', '\x02':
		return true
	}
	return false
}

// match is an occurrence of an excerpt: the byte span in the original.
type match struct{ start, end int }

// maxGap bounds the text that "..." in an excerpt may stand for.
const maxGap = 2000

// findAll returns the occurrences of the normalised excerpt in n, at most
// limit. An excerpt with "..." matches its pieces in order, each within
// maxGap bytes of the one before.
func (n *normText) findAll(excerpt *normText, limit int) []match {
	pieces := splitEllipsis(excerpt.str)
	if len(pieces) == 0 {
		return nil
	}
	var out []match
	for off := 0; off < len(n.str) && len(out) < limit; {
		k := strings.Index(n.str[off:], pieces[0])
		if k < 0 {
			break
		}
		s := off + k
		e := s + len(pieces[0])
		ok := true
		for _, p := range pieces[1:] {
			window := n.str[e:min(len(n.str), e+maxGap)]
			k := strings.Index(window, p)
			if k < 0 {
				ok = false
				break
			}
			e += k + len(p)
		}
		if ok {
			bs, be := n.span(int(n.byteRune[s]), int(n.byteRune[e-1])+1)
			out = append(out, match{bs, be})
		}
		_, size := utf8.DecodeRuneInString(n.str[s:])
		off = s + size
	}
	return out
}

// splitEllipsis cuts a normalised excerpt at "..." into the pieces that
// must appear in order.
func splitEllipsis(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "...") {
		if p = strings.Trim(p, " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// trigramIndex maps each three-rune sequence of a normalised text to the
// rune positions where it starts. It is built once, on the first excerpt
// that is not found, and makes each closest-passage search cost about the
// length of the excerpt rather than of the manuscript. The positions of
// all trigrams sit in one array, grouped by trigram (4 bytes a rune), and
// a map from each distinct trigram to its group.
type trigramIndex struct {
	groups map[uint64]trigramGroup
	pos    []int32
}

type trigramGroup struct{ start, n int32 }

// trigramKey packs three runes (21 bits each) into one key.
func trigramKey(a, b, c rune) uint64 {
	return uint64(a)<<42 | uint64(b)<<21 | uint64(c)
}

func newTrigramIndex(runes []rune) *trigramIndex {
	idx := &trigramIndex{groups: map[uint64]trigramGroup{}}
	if len(runes) < 3 {
		return idx
	}
	for i := 0; i+3 <= len(runes); i++ {
		k := trigramKey(runes[i], runes[i+1], runes[i+2])
		g := idx.groups[k]
		g.n++
		idx.groups[k] = g
	}
	var off int32
	for k, g := range idx.groups {
		g.start, off = off, off+g.n
		g.n = 0
		idx.groups[k] = g
	}
	idx.pos = make([]int32, off)
	for i := 0; i+3 <= len(runes); i++ {
		k := trigramKey(runes[i], runes[i+1], runes[i+2])
		g := idx.groups[k]
		idx.pos[g.start+g.n] = int32(i)
		g.n++
		idx.groups[k] = g
	}
	return idx
}

// at returns the positions where the trigram a b c starts, in order.
func (idx *trigramIndex) at(a, b, c rune) []int32 {
	g, ok := idx.groups[trigramKey(a, b, c)]
	if !ok {
		return nil
	}
	return idx.pos[g.start : g.start+g.n]
}

// nearest is the closest passage to an excerpt: its rune span in the
// normalised text and its similarity, 1 minus edit distance over length.
type nearest struct {
	start, end int
	similarity float64
}

// closest finds the passage of n most like pattern p (a normalised
// excerpt). Trigrams shared with the text vote for alignments (diagonals)
// of p, the rarest trigrams first, within a budget of votes, so that common
// trigrams ("the", " an") cost nothing and the work per excerpt is bounded
// whatever the length of the text. The best few diagonals are then scored
// exactly by edit distance over a window around each, with free ends in
// the text (Sellers).
func (n *normText) closest(idx *trigramIndex, p []rune) (nearest, bool) {
	const (
		bucket     = 8 // diagonals within 8 runes vote together
		candidates = 6
		budget     = 1 << 15 // votes cast at most
	)
	m := len(p)
	if m < 3 || len(n.runes) == 0 {
		return nearest{}, false
	}
	type gram struct{ j, count int }
	grams := make([]gram, 0, m)
	for j := 0; j+3 <= m; j++ {
		if c := len(idx.at(p[j], p[j+1], p[j+2])); c > 0 {
			grams = append(grams, gram{j, c})
		}
	}
	sort.Slice(grams, func(a, b int) bool { return grams[a].count < grams[b].count })
	var diags []int
	for _, g := range grams {
		if len(diags)+g.count > budget && len(diags) > 0 {
			break
		}
		for _, pos := range idx.at(p[g.j], p[g.j+1], p[g.j+2]) {
			diags = append(diags, (int(pos)-g.j+m)/bucket)
		}
	}
	if len(diags) == 0 {
		return nearest{}, false
	}
	sort.Ints(diags)
	type cand struct{ b, v int }
	var cs []cand
	for i := 0; i < len(diags); {
		k := i
		for k < len(diags) && diags[k] == diags[i] {
			k++
		}
		cs = append(cs, cand{diags[i], k - i})
		i = k
	}
	for i := range cs { // a diagonal near a bucket's edge votes in two
		if i+1 < len(cs) && cs[i+1].b == cs[i].b+1 {
			cs[i].v += cs[i+1].v
		}
	}
	// Pick the best few by votes, the earliest on a tie, in one pass.
	top := make([]cand, 0, candidates+1)
	for _, c := range cs {
		k := len(top)
		for k > 0 && c.v > top[k-1].v {
			k--
		}
		if k < candidates {
			top = append(top[:k], append([]cand{c}, top[k:]...)...)
			if len(top) > candidates {
				top = top[:candidates]
			}
		}
	}
	best := nearest{similarity: -1}
	for i := range top {
		diag := top[i].b*bucket - m
		ws := max(0, diag-m/4-bucket)
		we := min(len(n.runes), diag+m+m/4+2*bucket)
		if we <= ws {
			continue
		}
		dist, s, e := sellers(p, n.runes[ws:we])
		sim := 1 - float64(dist)/float64(m)
		if sim > best.similarity || (sim == best.similarity && ws+s < best.start) {
			best = nearest{start: ws + s, end: ws + e, similarity: sim}
		}
	}
	return best, best.similarity >= 0
}

// sellers returns the least edit distance between p and any substring of
// t, with that substring's rune span. It takes O(len(p)·len(t)) time and
// O(len(t)) space.
func sellers(p, t []rune) (dist, start, end int) {
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	prevStart := make([]int, len(t)+1)
	curStart := make([]int, len(t)+1)
	for j := range prevStart {
		prevStart[j] = j // an alignment may start anywhere in t
	}
	for i := 1; i <= len(p); i++ {
		cur[0], curStart[0] = i, 0
		for j := 1; j <= len(t); j++ {
			cost := 1
			if p[i-1] == t[j-1] {
				cost = 0
			}
			v, st := prev[j-1]+cost, prevStart[j-1]
			if d := prev[j] + 1; d < v {
				v, st = d, prevStart[j]
			}
			if d := cur[j-1] + 1; d < v {
				v, st = d, curStart[j-1]
			}
			cur[j], curStart[j] = v, st
		}
		prev, cur = cur, prev
		prevStart, curStart = curStart, prevStart
	}
	dist, end = prev[0], 0
	start = prevStart[0]
	for j := 1; j <= len(t); j++ {
		if prev[j] < dist {
			dist, start, end = prev[j], prevStart[j], j
		}
	}
	return dist, start, end
}
