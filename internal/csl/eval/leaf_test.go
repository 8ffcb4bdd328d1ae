package eval

import (
	"math/rand"
	"testing"

	"github.com/cite-project/cite/internal/csl/output"
)

// The definitions firstLeaf and lastLeaf had, which asked Empty of every
// node on the way down: the reference the one-descent versions must
// agree with.
func firstLeafByEmpty(n *output.Node) *output.Node {
	if n == nil || n.Quote != nil {
		return nil
	}
	if n.IsLeaf() {
		if n.Text == "" {
			return nil
		}
		return n
	}
	for _, c := range n.Children {
		if c.Empty() {
			continue
		}
		return firstLeafByEmpty(c)
	}
	return nil
}

func lastLeafByEmpty(n *output.Node) (leaf, quote *output.Node) {
	if n == nil || n.Empty() {
		return nil, nil
	}
	if n.Quote != nil {
		return n, n
	}
	if n.IsLeaf() {
		return n, nil
	}
	for i := len(n.Children) - 1; i >= 0; i-- {
		if !n.Children[i].Empty() {
			return lastLeafByEmpty(n.Children[i])
		}
	}
	return nil, nil
}

// randomTree makes a node tree with empty leaves, empty groups, quoted
// spans and nil children.
func randomTree(rng *rand.Rand, depth int) *output.Node {
	switch k := rng.Intn(8); {
	case k == 0:
		return nil
	case k <= 2 || depth == 0:
		n := &output.Node{}
		if rng.Intn(2) == 0 {
			n.Text = "x"
		}
		if rng.Intn(6) == 0 {
			n.Quote = &output.Quotes{}
		}
		return n
	default:
		n := &output.Node{}
		for i := rng.Intn(4); i >= 0; i-- {
			n.Children = append(n.Children, randomTree(rng, depth-1))
		}
		if rng.Intn(6) == 0 {
			n.Quote = &output.Quotes{}
		}
		return n
	}
}

func TestLeavesAgreeWithEmpty(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		n := randomTree(rng, 4)
		if got, want := firstLeaf(n), firstLeafByEmpty(n); got != want {
			t.Fatalf("tree %d: firstLeaf = %p; want %p", i, got, want)
		}
		gl, gq := lastLeaf(n)
		wl, wq := lastLeafByEmpty(n)
		if gl != wl || gq != wq {
			t.Fatalf("tree %d: lastLeaf = %p, %p; want %p, %p", i, gl, gq, wl, wq)
		}
		if _, ne := firstLeafOf(n); ne == n.Empty() {
			t.Fatalf("tree %d: firstLeafOf says non-empty %v, Empty says %v", i, ne, n.Empty())
		}
	}
}
