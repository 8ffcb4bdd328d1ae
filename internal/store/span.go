package store

import "strings"

// Statement is one line-level piece of a TOML document, as written: a
// table header, a key/value pair (spanning every line of its value), a
// comment line or a blank line. Statements let a caller change one record
// of a file and leave every other byte as it was.
type Statement struct {
	// Start and End are byte offsets: from the start of the statement's
	// first line to just past the newline that ends its last line (or the
	// end of the document).
	Start, End int
	// Line is the 1-based line the statement starts on.
	Line int
	// Kind says what the statement is.
	Kind StatementKind
	// Table is the path of the header the statement is under, for key/value
	// statements and comments; for a header, the path it opens.
	Table []string
	// Array is set for an array-of-tables header ([[a.b]]).
	Array bool
	// Key is the dotted key of a key/value statement.
	Key []string
	// Comment is the text of a comment line, or of a comment that follows a
	// value or header on its last line, starting at '#'.
	Comment string
}

// StatementKind tells the kinds of Statement apart.
type StatementKind int

// The kinds of Statement.
const (
	Blank StatementKind = iota
	CommentLine
	Header
	KeyValue
)

// Statements splits a TOML document into statements, in order; together
// they cover every byte of src. Like the line index, it assumes a
// document that parses and never fails on one that does not.
func Statements(src string) []Statement {
	s := &scanner{src: src, line: 1}
	scratch := newNode(0)
	var out []Statement
	var table []string
	for s.i < len(s.src) {
		st := Statement{Start: s.i, Line: s.line, Table: table}
		s.skipSpace(false)
		switch {
		case s.i >= len(s.src) || s.src[s.i] == '\n':
			st.Kind = Blank
		case s.src[s.i] == '#':
			st.Kind = CommentLine
			st.Comment = s.restOfLine()
		case s.src[s.i] == '[':
			st.Kind = Header
			st.Array = strings.HasPrefix(s.src[s.i:], "[[")
			if st.Array {
				s.i += 2
			} else {
				s.i++
			}
			st.Table = s.keyPath(']')
			table = st.Table
			if s.i < len(s.src) {
				s.i++
			}
			if st.Array && s.i < len(s.src) && s.src[s.i] == ']' {
				s.i++
			}
			st.Comment = s.trailingComment()
		default:
			st.Kind = KeyValue
			st.Key = s.keyPath('=')
			if s.i < len(s.src) && s.src[s.i] == '=' {
				s.i++
			}
			s.value(scratch, "", false)
			st.Comment = s.trailingComment()
		}
		s.skipLine()
		if s.i < len(s.src) {
			s.i++ // the newline
			s.line++
		}
		st.End = s.i
		out = append(out, st)
	}
	return out
}

// restOfLine returns the text up to the end of the line and moves there.
func (s *scanner) restOfLine() string {
	start := s.i
	s.skipLine()
	return strings.TrimRight(s.src[start:s.i], "\r")
}

// trailingComment returns a comment that follows on the current line.
func (s *scanner) trailingComment() string {
	s.skipSpace(false)
	if s.i < len(s.src) && s.src[s.i] == '#' {
		return s.restOfLine()
	}
	return ""
}
