package store

import (
	"strings"
)

// node records where a TOML table and its keys are written. Child tables
// (from [[a.b]] headers, [a.b] headers and arrays of inline tables) are kept
// per key, in document order.
type node struct {
	line int
	keys map[string]int
	sub  map[string][]*node
}

func newNode(line int) *node {
	return &node{line: line, keys: map[string]int{}, sub: map[string][]*node{}}
}

// keyLine returns the line of key in n, or n's own line.
func (n *node) keyLine(key string) int {
	if n == nil {
		return 0
	}
	if l, ok := n.keys[key]; ok {
		return l
	}
	return n.line
}

// tableLine returns the line of n's header, or 0 for a missing node.
func (n *node) tableLine() int {
	if n == nil {
		return 0
	}
	return n.line
}

// child returns the i-th child table under key, or nil.
func (n *node) child(key string, i int) *node {
	if n == nil || i >= len(n.sub[key]) {
		return nil
	}
	return n.sub[key][i]
}

// indexLines scans a TOML document that has already parsed without error
// and records the line of every table and key. BurntSushi/toml does not
// export key positions, and checks that run after decoding need them.
//
// The scanner understands what it must to stay in step with the document:
// comments, the four kinds of string (including multi-line ones), arrays,
// inline tables, dotted keys and table headers. It never fails; on input
// that is not TOML its answers are merely approximate.
func indexLines(src string) *node { return scanLines(src, nil) }

// scanLines is indexLines that also collects comments when comments is
// not nil.
func scanLines(src string, comments *[]Comment) *node {
	s := &scanner{src: src, line: 1, comments: comments}
	root := newNode(0)
	cur := root
	for s.i < len(s.src) {
		s.skipSpace(true)
		if s.i >= len(s.src) {
			break
		}
		c := s.src[s.i]
		switch {
		case c == '[':
			array := strings.HasPrefix(s.src[s.i:], "[[")
			if array {
				s.i += 2
			} else {
				s.i++
			}
			path := s.keyPath(']')
			s.i++
			if array && s.i < len(s.src) && s.src[s.i] == ']' {
				s.i++
			}
			cur = root.open(path, array, s.line)
		default:
			line := s.line
			path := s.keyPath('=')
			if s.i < len(s.src) && s.src[s.i] == '=' {
				s.i++
			}
			key := strings.Join(path, ".")
			cur.keys[key] = line
			s.value(cur, key, false)
		}
		s.skipLine()
	}
	return root
}

// open finds or creates the table a header names. For [[a.b]] a new
// element is appended to the last a's "b" list; for [a.b] the existing
// table is reused.
func (n *node) open(path []string, array bool, line int) *node {
	cur := n
	for i, k := range path {
		last := i == len(path)-1
		list := cur.sub[k]
		if (last && array) || len(list) == 0 {
			nn := newNode(line)
			cur.sub[k] = append(list, nn)
			cur = nn
			continue
		}
		cur = list[len(list)-1]
	}
	return cur
}

type scanner struct {
	src  string
	i    int
	line int
	// comments, when not nil, collects the comments met, for Scan.
	comments *[]Comment
}

// comment records the comment starting at s.i, if comments are collected;
// trailing says whether something else stands before it on its line.
func (s *scanner) comment(trailing bool) {
	if s.comments == nil {
		return
	}
	end := strings.IndexByte(s.src[s.i:], '\n')
	if end < 0 {
		end = len(s.src) - s.i
	}
	text := strings.TrimRight(s.src[s.i:s.i+end], "\r")
	*s.comments = append(*s.comments, Comment{Line: s.line, Text: text, Trailing: trailing})
}

// skipSpace skips blanks and, when newlines is set, newlines and comments.
func (s *scanner) skipSpace(newlines bool) {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r':
			s.i++
		case '\n':
			if !newlines {
				return
			}
			s.line++
			s.i++
		case '#':
			if !newlines {
				return
			}
			s.comment(s.lineHasContent())
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

// skipLine moves past the rest of the current line.
func (s *scanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		if s.src[s.i] == '#' {
			s.comment(true)
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
			return
		}
		s.i++
	}
}

// lineHasContent reports whether anything but blanks precedes s.i on its
// line.
func (s *scanner) lineHasContent() bool {
	for j := s.i - 1; j >= 0 && s.src[j] != '\n'; j-- {
		if c := s.src[j]; c != ' ' && c != '\t' && c != '\r' {
			return true
		}
	}
	return false
}

// keyPath reads a dotted key up to (not past) the byte end.
func (s *scanner) keyPath(end byte) []string {
	var path []string
	for s.i < len(s.src) {
		s.skipSpace(false)
		if s.i >= len(s.src) {
			break
		}
		c := s.src[s.i]
		switch {
		case c == end || c == '\n':
			return path
		case c == '.':
			s.i++
		case c == '"' || c == '\'':
			path = append(path, s.str())
		default:
			start := s.i
			for s.i < len(s.src) && isBareKey(s.src[s.i]) {
				s.i++
			}
			if s.i == start {
				s.i++ // not a key character: skip it to make progress
				continue
			}
			path = append(path, s.src[start:s.i])
		}
	}
	return path
}

func isBareKey(c byte) bool {
	return c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// str reads a string of any of TOML's four kinds and returns its raw body
// (escapes are not decoded; only keys use the result).
func (s *scanner) str() string {
	q := s.src[s.i]
	triple := strings.HasPrefix(s.src[s.i:], strings.Repeat(string(q), 3))
	if triple {
		s.i += 3
		start := s.i
		closing := strings.Repeat(string(q), 3)
		for s.i < len(s.src) {
			if strings.HasPrefix(s.src[s.i:], closing) {
				body := s.src[start:s.i]
				s.i += 3
				for s.i < len(s.src) && s.src[s.i] == q { // up to two extra quotes belong to the body
					s.i++
				}
				return body
			}
			if q == '"' && s.src[s.i] == '\\' {
				s.i++
			}
			if s.i < len(s.src) && s.src[s.i] == '\n' {
				s.line++
			}
			s.i++
		}
		return s.src[start:]
	}
	s.i++
	start := s.i
	for s.i < len(s.src) && s.src[s.i] != q && s.src[s.i] != '\n' {
		if q == '"' && s.src[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	end := min(s.i, len(s.src))
	if s.i < len(s.src) && s.src[s.i] == q {
		s.i++
	}
	return s.src[start:end]
}

// value skips one value. Inline tables inside an array under key become
// child nodes of parent, so that each name in `author = [{…}, {…}]` has
// its own line; inArray says whether the value is an array element.
func (s *scanner) value(parent *node, key string, inArray bool) {
	s.skipSpace(inArray)
	if s.i >= len(s.src) {
		return
	}
	switch c := s.src[s.i]; c {
	case '"', '\'':
		s.str()
	case '[':
		s.i++
		for s.i < len(s.src) {
			s.skipSpace(true)
			if s.i >= len(s.src) {
				return
			}
			switch s.src[s.i] {
			case ']':
				s.i++
				return
			case ',':
				s.i++
			default:
				before := s.i
				s.value(parent, key, true)
				if s.i == before {
					s.i++
				}
			}
		}
	case '{':
		t := newNode(s.line)
		if inArray {
			parent.sub[key] = append(parent.sub[key], t)
		}
		s.i++
		for s.i < len(s.src) {
			s.skipSpace(true)
			if s.i >= len(s.src) {
				return
			}
			switch s.src[s.i] {
			case '}':
				s.i++
				return
			case ',':
				s.i++
			default:
				line := s.line
				path := s.keyPath('=')
				if s.i < len(s.src) && s.src[s.i] == '=' {
					s.i++
				}
				k := strings.Join(path, ".")
				t.keys[k] = line
				before := s.i
				s.value(t, k, false)
				if s.i == before && s.i < len(s.src) && s.src[s.i] != '}' && s.src[s.i] != ',' {
					s.i++
				}
			}
		}
	default:
		for s.i < len(s.src) {
			switch s.src[s.i] {
			case ',', ']', '}', '\n', '#':
				return
			}
			s.i++
		}
	}
}
