package output

import "strings"

// Formatting holds the CSL formatting attributes of one node (CSL 1.0.2,
// "Formatting"). An empty field means "inherit".
type Formatting struct {
	FontStyle      string // normal, italic, oblique
	FontVariant    string // normal, small-caps
	FontWeight     string // normal, bold, light
	TextDecoration string // none, underline
	VerticalAlign  string // baseline, sup, sub
}

// IsZero reports whether f sets no attribute.
func (f Formatting) IsZero() bool {
	// Field by field: the comparison of whole structs calls a generated
	// function, and this test runs for every node formatted.
	return f.FontStyle == "" && f.FontVariant == "" && f.FontWeight == "" && f.TextDecoration == "" && f.VerticalAlign == ""
}

// Quotes holds the quotation marks of a locale: the outer pair and the inner
// pair used for quotations nested in quotations.
type Quotes struct {
	Open, Close, InnerOpen, InnerClose string
}

// DefaultQuotes are the English curly quotation marks.
var DefaultQuotes = Quotes{Open: "“", Close: "”", InnerOpen: "‘", InnerClose: "’"}

// Node is one node of the rich-text tree. A node with no Children is a leaf
// whose content is Text; otherwise Text is ignored and the node is a span
// over its children with Format, Quote and Display applied.
type Node struct {
	Text     string
	Children []*Node
	Format   Formatting
	// Quote, when non-nil, wraps the node in quotation marks; nested quoted
	// nodes alternate between the outer and inner pair.
	Quote *Quotes
	// Display is the CSL display attribute: block, left-margin,
	// right-inline or indent.
	Display string
	// NoCase protects the content from text-case transformations.
	NoCase bool
	// FromTerm marks a leaf rendered from a locale term, which the
	// engine capitalizes at the start of a note or an entry.
	FromTerm bool
	// Link, when set, is a URL the HTML renderer turns into a hyperlink.
	Link string
}

// Str returns a leaf node holding s.
func Str(s string) *Node { return &Node{Text: s} }

// Span returns a node grouping children without formatting.
func Span(children ...*Node) *Node { return &Node{Children: children} }

// IsLeaf reports whether n has no children.
func (n *Node) IsLeaf() bool { return len(n.Children) == 0 }

// Plain returns the text of n without formatting; quoted spans get the
// given quotation marks (none when q is nil).
func (n *Node) Plain() string {
	if n == nil {
		return ""
	}
	if n.IsLeaf() && n.Quote == nil {
		return n.Text
	}
	var b strings.Builder
	b.Grow(n.plainLen(0))
	n.plain(&b, 0)
	return b.String()
}

// plainLen returns the length of Plain's result.
func (n *Node) plainLen(depth int) int {
	if n == nil {
		return 0
	}
	k := 0
	if n.Quote != nil {
		if depth%2 == 1 {
			k = len(n.Quote.InnerOpen) + len(n.Quote.InnerClose)
		} else {
			k = len(n.Quote.Open) + len(n.Quote.Close)
		}
		depth++
	}
	if n.IsLeaf() {
		return k + len(n.Text)
	}
	for _, c := range n.Children {
		k += c.plainLen(depth)
	}
	return k
}

func (n *Node) plain(b *strings.Builder, depth int) {
	if n == nil {
		return
	}
	if n.Quote != nil {
		o, c := n.Quote.Open, n.Quote.Close
		if depth%2 == 1 {
			o, c = n.Quote.InnerOpen, n.Quote.InnerClose
		}
		_ = depth
		b.WriteString(o)
		n.content(b, depth+1)
		b.WriteString(c)
		return
	}
	n.content(b, depth)
}

func (n *Node) content(b *strings.Builder, depth int) {
	if n.IsLeaf() {
		b.WriteString(n.Text)
		return
	}
	for _, c := range n.Children {
		c.plain(b, depth)
	}
}

// Empty reports whether n renders no text at all.
func (n *Node) Empty() bool {
	if n == nil {
		return true
	}
	if n.IsLeaf() {
		return n.Text == "" && n.Quote == nil
	}
	for _, c := range n.Children {
		if !c.Empty() {
			return false
		}
	}
	return n.Quote == nil
}

// Clone returns a deep copy of n.
func (n *Node) Clone() *Node {
	if n == nil {
		return nil
	}
	c := *n
	if n.Children != nil {
		c.Children = make([]*Node, len(n.Children))
		for i, ch := range n.Children {
			c.Children[i] = ch.Clone()
		}
	}
	return &c
}

// Leaves calls f for each leaf of n in document order. The second argument
// tells whether the leaf is inside a NoCase span.
func (n *Node) Leaves(f func(leaf *Node, nocase bool)) {
	n.leaves(f, false)
}

func (n *Node) leaves(f func(*Node, bool), nocase bool) {
	if n == nil {
		return
	}
	nocase = nocase || n.NoCase
	if n.IsLeaf() {
		f(n, nocase)
		return
	}
	for _, c := range n.Children {
		c.leaves(f, nocase)
	}
}
