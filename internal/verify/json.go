package verify

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// The JSON of WriteJSON, written by hand for the claims and the findings
// (a large library has a finding per reference): what encoding/json's
// Encoder writes with SetIndent("", "  ") and SetEscapeHTML(false), field
// for field in the order of the structs' declarations, with their tags.

// indentedJSON encodes v as encoding/json does at depth one of the
// report (the lines after the first indented by prefix), without the
// final newline.
func indentedJSON(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// writeJSONList writes list as an array at depth one of the report, each
// item appended by item to a buffer written out item by item.
func writeJSONList[T any](bw *bufio.Writer, list []T, item func([]byte, *T) []byte) {
	var b []byte
	for i := range list {
		b = item(appendItemStart(b[:0], i, "\n    "), &list[i])
		bw.Write(b)
	}
	bw.Write(appendListEnd(nil, list, "\n  "))
}

// appendJSONList appends list as an array of items appended by item,
// indent before each item and end before the closing bracket.
func appendJSONList[T any](b []byte, list []T, indent, end string, item func([]byte, *T) []byte) []byte {
	for i := range list {
		b = item(appendItemStart(b, i, indent), &list[i])
	}
	return appendListEnd(b, list, end)
}

// appendItemStart appends what comes before item i of an array: the
// opening bracket or a comma, and the indentation.
func appendItemStart(b []byte, i int, indent string) []byte {
	if i == 0 {
		return append(append(b, '['), indent...)
	}
	return append(append(b, ','), indent...)
}

// appendListEnd appends the end of the array list: null for nil, [] for
// an empty one, or the line and bracket that close its items.
func appendListEnd[T any](b []byte, list []T, end string) []byte {
	switch {
	case list == nil:
		return append(b, "null"...)
	case len(list) == 0:
		return append(b, "[]"...)
	}
	return append(append(b, end...), ']')
}

// appendFindingJSON appends f as an object at depth two.
func appendFindingJSON(b []byte, f *Finding) []byte {
	b = append(b, "{\n      \"code\": "...)
	b = appendJSONString(b, f.Code)
	b = append(b, ",\n      \"severity\": "...)
	b = appendJSONString(b, f.Severity)
	if f.File != "" {
		b = append(b, ",\n      \"file\": "...)
		b = appendJSONString(b, f.File)
	}
	b = append(b, ",\n      \"line\": "...)
	b = strconv.AppendInt(b, int64(f.Line), 10)
	b = append(b, ",\n      \"column\": "...)
	b = strconv.AppendInt(b, int64(f.Column), 10)
	b = append(b, ",\n      \"start\": "...)
	b = strconv.AppendInt(b, int64(f.Start), 10)
	b = append(b, ",\n      \"end\": "...)
	b = strconv.AppendInt(b, int64(f.End), 10)
	b = append(b, ",\n      \"excerpt\": "...)
	b = appendJSONString(b, f.Excerpt)
	b = append(b, ",\n      \"sentence\": "...)
	b = appendJSONString(b, f.Sentence)
	b = append(b, ",\n      \"claim\": "...)
	b = appendJSONString(b, f.Claim)
	b = append(b, ",\n      \"ref\": "...)
	b = appendJSONString(b, f.Ref)
	b = append(b, ",\n      \"message\": "...)
	b = appendJSONString(b, f.Message)
	return append(b, "\n    }"...)
}

// appendClaimJSON appends c as an object at depth two.
func appendClaimJSON(b []byte, c *ClaimResult) []byte {
	b = append(b, "{\n      \"id\": "...)
	b = appendJSONString(b, c.ID)
	b = append(b, ",\n      \"kind\": "...)
	b = appendJSONString(b, c.Kind)
	b = append(b, ",\n      \"excerpt\": "...)
	b = appendJSONString(b, c.Excerpt)
	b = append(b, ",\n      \"found\": "...)
	b = strconv.AppendBool(b, c.Found)
	b = append(b, ",\n      \"line\": "...)
	b = strconv.AppendInt(b, int64(c.Line), 10)
	if c.File != "" {
		b = append(b, ",\n      \"file\": "...)
		b = appendJSONString(b, c.File)
	}
	b = append(b, ",\n      \"sources\": "...)
	b = appendJSONList(b, c.Sources, "\n        ", "\n      ", appendSourceJSON)
	b = append(b, ",\n      \"problems\": "...)
	b = appendJSONList(b, c.Problems, "\n        ", "\n      ", func(b []byte, p *string) []byte { return appendJSONString(b, *p) })
	return append(b, "\n    }"...)
}

// appendSourceJSON appends s as an object at depth four.
func appendSourceJSON(b []byte, s *SourceResult) []byte {
	b = append(b, "{\n          \"ref\": "...)
	b = appendJSONString(b, s.Ref)
	b = append(b, ",\n          \"locator\": "...)
	b = appendJSONString(b, s.Locator)
	b = append(b, ",\n          \"label\": "...)
	b = appendJSONString(b, s.Label)
	b = append(b, ",\n          \"support\": "...)
	b = appendJSONString(b, s.Support)
	return append(b, "\n        }"...)
}

// appendJSONString appends s quoted as encoding/json quotes a string
// without HTML escaping: `"` and `\` escaped, \b \f \n \r \t by name, the
// other control characters as \u00XX, each byte of invalid UTF-8 as
// \ufffd, and U+2028 and U+2029 as \u2028 and \u2029.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}
