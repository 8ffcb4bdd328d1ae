package bib

import "fmt"

// Pos is a position in a source file. Line and Col count from 1; a zero Line
// means the position is unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line (or file:line:col when Col is set).
func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}
