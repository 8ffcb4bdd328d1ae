package verify

import (
	"fmt"
	"math/bits"
	"math/rand"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

// fullDistance is the plain Levenshtein distance.
func fullDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// TestBoundedDistanceRandom compares boundedDistance with the full
// Levenshtein table on random short strings, and checks that the
// signatures never rule out a pair within the limit.
func TestBoundedDistanceRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 200000; n++ {
		a := make([]rune, rng.Intn(8))
		b := make([]rune, rng.Intn(8))
		for i := range a {
			a[i] = rune('a' + rng.Intn(3))
		}
		for i := range b {
			b[i] = rune('a' + rng.Intn(3))
		}
		for limit := 0; limit <= 3; limit++ {
			want := min(fullDistance(a, b), limit+1)
			if got := boundedDistance(a, b, limit); got != want {
				t.Fatalf("boundedDistance(%q, %q, %d) = %d; want %d", string(a), string(b), limit, got, want)
			}
			if d := fullDistance(a, b); d <= limit && bits.OnesCount64(charSig(a)^charSig(b)) > 2*d {
				t.Fatalf("signature of %q, %q differs in more than %d bits", string(a), string(b), 2*d)
			}
			if d := fullDistance(a, b); d <= limit && !sigsOf(a).within(sigsOf(b), d) {
				t.Fatalf("signatures of %q, %q rule out their distance %d", string(a), string(b), d)
			}
		}
	}
}

// didYouMeanReference is didYouMean without an index or signatures: the
// lengths n, n-1, n+1, n-2, n+2 in turn, every id of a length in library
// order, the full Levenshtein distance.
func didYouMeanReference(ids []string, key string) string {
	lk := []rune(strings.ToLower(key))
	best, bestD := "", maxSuggestDistance+1
	for d := 0; d <= maxSuggestDistance && d < bestD && bestD > 1; d++ {
		for _, n := range []int{len(lk) - d, len(lk) + d} {
			for _, id := range ids {
				l := []rune(strings.ToLower(id))
				if len(l) != n {
					continue
				}
				if dist := fullDistance(lk, l); dist < bestD {
					best, bestD = id, dist
					if dist <= 1 {
						break
					}
				}
			}
			if d == 0 {
				break
			}
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// TestDidYouMeanRandom compares didYouMean with didYouMeanReference on
// random libraries (ids of Latin capitals and small letters, Cyrillic,
// digits and dashes, some repeated) and keys made from their ids by a few
// edits, or at random.
func TestDidYouMeanRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	alphabets := [][]rune{[]rune("abcAB1-жЖ"), []rune("abcdefghijklmnopqrstuvwxyzABC0123456789-")}
	var alphabet []rune
	word := func(n int) []rune {
		w := make([]rune, n)
		for i := range w {
			w[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return w
	}
	for round := 0; round < 400; round++ {
		alphabet = alphabets[round%2]
		lib := &bib.Library{}
		var ids []string
		for n := rng.Intn(60); n > 0; n-- {
			id := string(word(rng.Intn(12)))
			if rng.Intn(20) == 0 { // lengths around 64, where the index keeps them apart
				id = string(word(60 + rng.Intn(8)))
			}
			if len(ids) > 0 && rng.Intn(10) == 0 {
				id = ids[rng.Intn(len(ids))]
			}
			ids = append(ids, id)
			lib.Entries = append(lib.Entries, &bib.Entry{ID: id})
		}
		r := &Result{lib: lib}
		for k := 0; k < 40; k++ {
			var key []rune
			if len(ids) > 0 && rng.Intn(4) > 0 {
				key = []rune(ids[rng.Intn(len(ids))])
				for e := rng.Intn(4); e > 0; e-- {
					p := rng.Intn(len(key) + 1)
					switch rng.Intn(3) {
					case 0:
						key = append(key[:p:p], append(word(1), key[p:]...)...)
					case 1:
						if p < len(key) {
							key = append(key[:p:p], key[p+1:]...)
						}
					default:
						if p < len(key) {
							key[p] = word(1)[0]
						}
					}
				}
			} else {
				key = word(rng.Intn(9))
			}
			if got, want := r.didYouMean(string(key)), didYouMeanReference(ids, string(key)); got != want {
				t.Fatalf("ids %q, key %q: didYouMean = %q; want %q", ids, string(key), got, want)
			}
		}
	}
}
