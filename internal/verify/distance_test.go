package verify

import (
	"math/bits"
	"math/rand"
	"testing"
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
// character signature never rules out a pair within the limit.
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
		}
	}
}
