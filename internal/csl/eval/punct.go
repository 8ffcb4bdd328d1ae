package eval

import (
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/csl/output"
)

// joiner concatenates rendered pieces the way citeproc-js does: duplicate
// punctuation at the seams collapses ("Ed.." → "Ed."), doubled spaces
// collapse, and with punctuation-in-quote a period or comma that follows a
// closing quotation mark moves inside it. The first pieces are held in
// the joiner itself, so that joining allocates only the result.
type joiner struct {
	small        [6]*output.Node
	n            int
	more         []*output.Node
	punctInQuote bool
	r            *run
}

const seamPunct = ".,;:!?"

// at returns part i.
func (j *joiner) at(i int) *output.Node {
	if i < len(j.small) {
		return j.small[i]
	}
	return j.more[i-len(j.small)]
}

// add appends n (nil and empty nodes are ignored).
func (j *joiner) add(n *output.Node) {
	first, nonEmpty := firstLeafOf(n)
	if !nonEmpty {
		return
	}
	j.addFirst(n, first)
}

// addFirst appends n, which renders some text and whose first leaf with
// text is first (see firstLeafOf).
func (j *joiner) addFirst(n, first *output.Node) {
	if j.n > 0 && j.seamAt(j.at(j.n-1), first) && n.Empty() {
		return // the seam took the only character n had
	}
	if j.n < len(j.small) {
		j.small[j.n] = n
	} else {
		j.more = append(j.more, n)
	}
	j.n++
}

// text appends a plain string.
func (j *joiner) text(s string) {
	if s == "" {
		return
	}
	j.add(j.r.str(s))
}

func (j *joiner) empty() bool { return j.n == 0 }

// parts returns the pieces in a slice of their own.
func (j *joiner) parts() []*output.Node {
	if j.n == 0 {
		return nil
	}
	out := j.r.children(j.n)
	k := copy(out, j.small[:min(j.n, len(j.small))])
	copy(out[k:], j.more)
	return out
}

// node returns the joined pieces as one node (nil when empty).
func (j *joiner) node() *output.Node {
	switch j.n {
	case 0:
		return nil
	case 1:
		return j.small[0]
	}
	return j.span()
}

// span returns the pieces as the children of a new node.
func (j *joiner) span() *output.Node {
	n := j.r.newNode()
	n.Children = j.parts()
	return n
}

// seamAt fixes punctuation between left and what follows it, given the
// first leaf with text of what follows (nil when it starts with a quoted
// span or renders nothing). It reports whether it took a character from
// that leaf, which may leave what follows empty.
func (j *joiner) seamAt(left, first *output.Node) (took bool) {
	if first == nil {
		return false
	}
	b, bw := utf8.DecodeRuneInString(first.Text)
	if bw == 0 {
		return
	}
	last, quote := lastLeaf(left)
	if last == nil {
		return
	}
	if quote != nil {
		inner, _ := lastLeafInside(quote)
		if inner == nil {
			return
		}
		a, aw := utf8.DecodeLastRuneInString(inner.Text)
		aIsP := aw > 0 && strings.ContainsRune(seamPunct, a)
		switch {
		case j.punctInQuote && strings.ContainsRune(".,!?", b):
			if aIsP {
				inner.Text = inner.Text[:len(inner.Text)-aw] + mergePunct(a, b)
			} else {
				inner.Text += string(b)
			}
			first.Text, took = first.Text[bw:], true
		case aIsP && strings.ContainsRune(seamPunct, b) && mergePunct(a, b) == string(a):
			first.Text, took = first.Text[bw:], true
		}
		return
	}
	a, aw := utf8.DecodeLastRuneInString(last.Text)
	switch {
	case a == ' ' && b == ' ':
		first.Text, took = first.Text[bw:], true
	case strings.ContainsRune(seamPunct, a) && strings.ContainsRune(seamPunct, b):
		switch mergePunct(a, b) {
		case string(a):
			first.Text, took = first.Text[bw:], true
		case string(b):
			last.Text = last.Text[:len(last.Text)-aw]
			if last.Text == "" {
				// What precedes may now be a closing quote.
				return j.seamAt(left, first)
			}
		}
	}
	return took
}

// mergePunct returns what replaces punctuation a followed by b, following
// citeproc-js's table (the punctuation_FullMonty fixtures): a repeated
// mark collapses, "!?" absorb a following ":" or ".", ":" and ";" give
// way to a following "!" or "?", and other pairs are kept.
func mergePunct(a, b rune) string {
	if a == b {
		return string(a)
	}
	switch b {
	case ':':
		if strings.ContainsRune(";!?", a) {
			return string(a)
		}
	case '.':
		if strings.ContainsRune(":;!?", a) {
			return string(a)
		}
	case '!', '?':
		if a == ':' || a == ';' {
			return string(b)
		}
	}
	return string(a) + string(b)
}

// firstLeaf returns the first leaf with text.
func firstLeaf(n *output.Node) *output.Node {
	l, _ := firstLeafOf(n)
	return l
}

// firstLeafOf is firstLeaf, and whether n renders any text (!n.Empty()),
// found in one descent: asking Empty of each node on the way down would
// walk each subtree again.
func firstLeafOf(n *output.Node) (leaf *output.Node, nonEmpty bool) {
	if n == nil {
		return nil, false
	}
	if n.Quote != nil {
		return nil, true
	}
	if n.IsLeaf() {
		if n.Text == "" {
			return nil, false
		}
		return n, true
	}
	for _, c := range n.Children {
		if l, ne := firstLeafOf(c); ne {
			return l, true
		}
	}
	return nil, false
}

// lastLeaf returns the last leaf with text; when the node ends with a
// quoted span, quote is that span and leaf is nil-safe. A node that
// renders text always has one (a leaf or a quoted span), so the descent
// needs no separate test of emptiness.
func lastLeaf(n *output.Node) (leaf, quote *output.Node) {
	if n == nil {
		return nil, nil
	}
	if n.Quote != nil {
		return n, n
	}
	if n.IsLeaf() {
		if n.Text == "" {
			return nil, nil
		}
		return n, nil
	}
	for i := len(n.Children) - 1; i >= 0; i-- {
		if l, q := lastLeaf(n.Children[i]); l != nil {
			return l, q
		}
	}
	return nil, nil
}

// lastLeafInside returns the last text leaf inside a quoted span.
func lastLeafInside(q *output.Node) (*output.Node, bool) {
	if q.IsLeaf() {
		return q, true
	}
	for i := len(q.Children) - 1; i >= 0; i-- {
		c := q.Children[i]
		if c.Empty() {
			continue
		}
		if c.Quote != nil {
			return lastLeafInside(c)
		}
		l, _ := lastLeaf(c)
		if l != nil && l.Quote != nil {
			return lastLeafInside(l)
		}
		return l, true
	}
	return nil, false
}

// plainLast returns the last rune of n's plain text.
func plainLast(n *output.Node) rune {
	s := n.Plain()
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
