package store

import (
	"bytes"
	"sort"
	"strconv"
)

// Comment is a TOML comment in a library file: its line, its text from
// the "#" on, and whether it ends a line that holds something else
// (title = "…" # like this).
type Comment struct {
	Line     int
	Text     string
	Trailing bool
}

// Anchor is a table header or a key of a library file, named by its path
// from the document root with array elements numbered from 0:
// ["reference", "2"] is the third [[reference]] header, ["reference", "2",
// "title"] its title, ["reference", "2", "author", "0", "family"] the
// family name of its first author, whether written as a [[reference.author]]
// table or inline. A key whose value is an array of inline tables has an
// anchor of its own and one per element.
type Anchor struct {
	Line int
	Path []string
}

// Key returns the path joined by "/", for maps.
func (a Anchor) Key() string { return joinPath(a.Path) }

func joinPath(p []string) string {
	var b bytes.Buffer
	for i, s := range p {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(s)
	}
	return b.String()
}

// Scan returns the anchors and the comments of a library file, both in
// line order, so that a formatter can keep each comment with the record
// and key it belongs to. It never fails; on input that is not TOML its
// answers are approximate (see Decode for the errors).
func Scan(data []byte) ([]Anchor, []Comment) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var comments []Comment
	root := scanLines(string(data), &comments)
	var anchors []Anchor
	var walk func(n *node, path []string)
	walk = func(n *node, path []string) {
		for k, l := range n.keys {
			anchors = append(anchors, Anchor{Line: l, Path: appendPath(path, k)})
		}
		for k, list := range n.sub {
			for i, c := range list {
				p := appendPath(path, k, strconv.Itoa(i))
				anchors = append(anchors, Anchor{Line: c.line, Path: p})
				walk(c, p)
			}
		}
	}
	walk(root, nil)
	sort.SliceStable(anchors, func(i, j int) bool {
		if anchors[i].Line != anchors[j].Line {
			return anchors[i].Line < anchors[j].Line
		}
		return len(anchors[i].Path) < len(anchors[j].Path) || len(anchors[i].Path) == len(anchors[j].Path) && anchors[i].Key() < anchors[j].Key()
	})
	return anchors, comments
}

func appendPath(path []string, more ...string) []string {
	out := make([]string, 0, len(path)+len(more))
	return append(append(out, path...), more...)
}
