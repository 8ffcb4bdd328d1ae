package store

import (
	"fmt"
)

// DefaultMaxDepth is how deeply arrays and inline tables may nest in a
// library file unless the caller allows more. A library needs three levels
// at most (issued = { date-parts = [[1992, 5, 16]] }); BurntSushi/toml's
// time and memory grow with the square of the depth (10,000 nested inline
// tables in 60 KB take 35 s and 4 GB), so deeper nesting is refused before
// the parser sees the file.
const DefaultMaxDepth = 16

// DepthHint says how a user raises the nesting limit.
const DepthHint = "raise the limit with --max-toml-depth N or CITE_MAX_TOML_DEPTH"

// DepthError reports a file whose arrays and inline tables nest deeper
// than the limit.
type DepthError struct {
	File      string
	Line, Col int
	Limit     int
}

// Error returns "file:line:col: arrays and inline tables nest more than N
// deep; raise the limit with …".
func (e *DepthError) Error() string {
	return fmt.Sprintf("%s:%d:%d: arrays and inline tables nest more than %d deep, the limit for a library file; %s",
		e.File, e.Line, e.Col, e.Limit, DepthHint)
}

// checkDepth scans a TOML document and returns a *DepthError at the first
// bracket or brace that opens nesting level limit+1. It runs in one pass
// over the bytes, in constant memory, and understands what it must to stay
// in step: comments, the four kinds of string (a bracket inside a string
// does not count) and escapes. A table header ([a] or [[a]]) counts as
// nesting too, which costs at most two levels. Input that is not TOML is
// left to the parser to report.
func checkDepth(name string, data []byte, limit int) error {
	if limit <= 0 {
		limit = DefaultMaxDepth
	}
	depth, line, lineStart := 0, 1, 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
			lineStart = i + 1
		case '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			i = skipString(data, i, &line, &lineStart)
		case '[', '{':
			depth++
			if depth > limit {
				return &DepthError{File: name, Line: line, Col: columnOf(data[lineStart:i]) + 1, Limit: limit}
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

// skipString returns the index of the last byte of the string that opens
// at data[i] (one of TOML's four kinds), counting the lines it spans.
func skipString(data []byte, i int, line, lineStart *int) int {
	q := data[i]
	if i+2 < len(data) && data[i+1] == q && data[i+2] == q { // multi-line
		for j := i + 3; j < len(data); j++ {
			switch {
			case data[j] == '\n':
				*line++
				*lineStart = j + 1
			case q == '"' && data[j] == '\\':
				if j+1 < len(data) && data[j+1] == '\n' {
					*line++
					*lineStart = j + 2
				}
				j++
			case data[j] == q && j+2 < len(data) && data[j+1] == q && data[j+2] == q:
				j += 2
				for j+1 < len(data) && data[j+1] == q { // up to two quotes more belong to the string
					j++
				}
				return j
			}
		}
		return len(data) - 1
	}
	for j := i + 1; j < len(data); j++ {
		switch {
		case data[j] == '\n':
			return j - 1 // unterminated: the parser reports it; the newline is counted by the caller
		case q == '"' && data[j] == '\\':
			if j+1 < len(data) && data[j+1] != '\n' {
				j++
			}
		case data[j] == q:
			return j
		}
	}
	return len(data) - 1
}

// columnOf counts the characters (not bytes) of a line prefix.
func columnOf(prefix []byte) int {
	n := 0
	for _, b := range prefix {
		if b&0xC0 != 0x80 {
			n++
		}
	}
	return n
}
