package bib

import "strconv"

// Pos is a position in a source file. Line and Col count from 1; a zero Line
// means the position is unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line (or file:line:col when Col is set).
func (p Pos) String() string { return string(p.AppendText(nil)) }

// AppendText appends p as String formats it to b: "-" when unknown, the
// file alone without a line, file:line, or file:line:col when Col is set.
func (p Pos) AppendText(b []byte) []byte {
	switch {
	case p.File == "" && p.Line == 0:
		return append(b, '-')
	case p.Line == 0:
		return append(b, p.File...)
	}
	b = strconv.AppendInt(append(append(b, p.File...), ':'), int64(p.Line), 10)
	if p.Col != 0 {
		b = strconv.AppendInt(append(b, ':'), int64(p.Col), 10)
	}
	return b
}
