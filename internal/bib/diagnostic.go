package bib

import (
	"sort"
)

// Severity ranks a Diagnostic.
type Severity int

// The severities, from least to most serious.
const (
	Warning Severity = iota
	Error
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText encodes s as its name, for JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one problem found in a library, a manuscript or an import:
// where it is, how serious it is, a stable machine-readable Code, and a
// message for people. Ref and Field name the entry (or claim) and the field
// concerned when there is one.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string
	Ref      string
	Field    string
	Message  string
}

// String formats d as "file:line: severity: ref: field: message [code]".
// An empty ref or field prints as "-", so that every line has the same
// columns for scripts that split it.
func (d Diagnostic) String() string { return string(d.AppendText(nil)) }

// AppendText appends d as String formats it to b, for a writer of many
// diagnostics that reuses one buffer.
func (d Diagnostic) AppendText(b []byte) []byte {
	b = append(d.Pos.AppendText(b), ": "...)
	b = append(append(b, d.Severity.String()...), ": "...)
	b = append(append(b, dash(d.Ref)...), ": "...)
	b = append(append(b, dash(d.Field)...), ": "...)
	b = append(b, d.Message...)
	if d.Code != "" {
		b = append(append(append(b, " ["...), d.Code...), ']')
	}
	return b
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// SortDiagnostics orders ds by file, line, column, code and message, so that
// output is stable whatever order the rules ran in.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Message < b.Message
	})
}

// HasErrors reports whether any diagnostic in ds is an Error.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}
