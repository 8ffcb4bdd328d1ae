package charset

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Problem is one place where text breaks the rule: a byte that is not
// valid in the file's encoding, or a control character. Offset is a byte
// offset in the scanned data; Line and Col count from 1, Col in
// characters (an invalid byte counts as one).
type Problem struct {
	Offset    int
	Line, Col int
	// What says what is there, for a message: "control character U+0015",
	// "byte 0x98, which is not valid windows-1251".
	What string
}

// Allowed reports whether r may appear in text that cite stores: any
// character but the control characters (Unicode category Cc), of which tab,
// line feed and carriage return are allowed.
func Allowed(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || !unicode.IsControl(r)
}

// Describe names a character that Allowed refuses, for messages.
func Describe(r rune) string {
	if r == 0 {
		return "a NUL character (U+0000)"
	}
	return fmt.Sprintf("the control character %U", r)
}

func invalidByte(b byte, enc Encoding) string {
	if enc.IsUTF8() {
		return fmt.Sprintf("the byte 0x%02X, which is not valid UTF-8", b)
	}
	return fmt.Sprintf("the byte 0x%02X, which is not a character in %s", b, enc)
}

// Scan returns every problem in data, read as UTF-8 (after Decode from
// enc, which is named in the messages), in order.
func Scan(data []byte, enc Encoding) []Problem {
	var out []Problem
	walk(data, func(p Problem, _ int) { out = append(out, p) }, enc)
	return out
}

// walk calls f for each problem with its width in bytes.
func walk(data []byte, f func(Problem, int), enc Encoding) {
	line, col := 1, 1
	for i := 0; i < len(data); {
		b := data[i]
		if b >= 0x20 && b < 0x7f {
			i++
			col++
			continue
		}
		r, w := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && w <= 1:
			f(Problem{Offset: i, Line: line, Col: col, What: invalidByte(b, enc)}, 1)
		case !Allowed(r):
			f(Problem{Offset: i, Line: line, Col: col, What: Describe(r)}, w)
		}
		i += w
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
}

// Fix returns data with each problem replaced by one character of the same
// width in columns: a control character by a space, an invalid byte by
// U+FFFD, so that the positions of everything else stay as they were. The
// problems are returned for the import to report.
func Fix(data []byte, enc Encoding) ([]byte, []Problem) {
	var probs []Problem
	var widths []int
	walk(data, func(p Problem, w int) {
		probs = append(probs, p)
		widths = append(widths, w)
	}, enc)
	if len(probs) == 0 {
		return data, nil
	}
	out := make([]byte, 0, len(data)+2*len(probs))
	last := 0
	for i, p := range probs {
		out = append(out, data[last:p.Offset]...)
		if widths[i] == 1 && data[p.Offset] >= 0x80 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, ' ')
		}
		last = p.Offset + widths[i]
	}
	return append(out, data[last:]...), probs
}

// CheckString reports the first character of s that Allowed refuses (or
// the first invalid byte) and its index in characters, or ok.
func CheckString(s string) (what string, index int, ok bool) {
	n := 0
	for i, r := range s {
		if r == utf8.RuneError {
			if _, w := utf8.DecodeRuneInString(s[i:]); w <= 1 {
				return invalidByte(s[i], UTF8), n, false
			}
		}
		if !Allowed(r) {
			return Describe(r), n, false
		}
		n++
	}
	return "", 0, true
}

// FixString replaces what CheckString refuses as Fix does and reports
// whether anything was replaced.
func FixString(s string) (string, bool) {
	if _, _, ok := CheckString(s); ok {
		return s, false
	}
	out, _ := Fix([]byte(s), UTF8)
	return string(out), true
}

// Within splits problems, sorted by offset, into those before end that
// lie at or after start (the problems of one item) and the rest after end;
// those before start are dropped (they belonged to earlier text).
func Within(probs []Problem, start, end int) (in, rest []Problem) {
	for len(probs) > 0 && probs[0].Offset < end {
		if probs[0].Offset >= start {
			in = append(in, probs[0])
		}
		probs = probs[1:]
	}
	return in, probs
}
