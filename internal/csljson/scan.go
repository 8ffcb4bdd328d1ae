package csljson

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// fastJSON turns on the one-pass reader (items and members found by
// scanJSON, common values read without encoding/json). Tests turn it off
// to compare with encoding/json's reading, which stays the reader of
// record: whatever scanJSON does not read with certainty (a syntax
// error, an escape in a key, an unusual value) goes to encoding/json.
var fastJSON = true

// maxFastDepth bounds the nesting scanJSON follows; deeper documents go
// to encoding/json, which has its own limit.
const maxFastDepth = 64

// rawItem is one item of the array as json.Decoder's token loop sees it:
// from and to are its input offsets before and after the item, open the
// offset of its "{", members its keys and raw values in order.
type rawItem struct {
	from, to, open int
	members        []rawMember
}

// rawMember is one key of an item: the key, its raw value (a slice of the
// document) and the offset at which DecodeWith places it (the end of the
// key less the length of the key quoted, as it computes it from
// json.Decoder's offsets).
type rawMember struct {
	key string
	raw json.RawMessage
	at  int
}

// scanJSON reads a document that is an array of objects in one pass,
// checking it as strictly as encoding/json does. ok is false for anything
// else, or anything it does not read itself; the caller then reads the
// document with json.Decoder, which words every error.
func scanJSON(data []byte) (items []rawItem, ok bool) {
	s := &jsonScanner{data: data}
	s.ws()
	if !s.byte('[') {
		return nil, false
	}
	s.ws()
	if s.byte(']') {
		return nil, s.atEnd()
	}
	// json.Decoder's offset before an item is where More left it: at the
	// item's "{" for the first, at the comma before it for the others.
	from := s.i
	for {
		s.ws()
		it := rawItem{from: from, open: s.i}
		if !s.byte('{') {
			return nil, false
		}
		s.ws()
		if !s.byte('}') {
			for {
				s.ws()
				if s.i >= len(s.data) || s.data[s.i] != '"' {
					return nil, false
				}
				key, plain, ok := s.str()
				if !ok || !plain {
					return nil, false
				}
				keyEnd := s.i
				s.ws()
				if !s.byte(':') {
					return nil, false
				}
				s.ws()
				start := s.i
				if !s.value(1) {
					return nil, false
				}
				it.members = append(it.members, rawMember{key: key, raw: s.data[start:s.i], at: keyEnd - len(strconv.Quote(key))})
				s.ws()
				if s.byte(',') {
					continue
				}
				if s.byte('}') {
					break
				}
				return nil, false
			}
		}
		it.to = s.i
		items = append(items, it)
		s.ws()
		from = s.i
		if s.byte(',') {
			continue
		}
		if s.byte(']') {
			return items, s.atEnd()
		}
		return nil, false
	}
}

type jsonScanner struct {
	data []byte
	i    int
}

func (s *jsonScanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *jsonScanner) byte(c byte) bool {
	if s.i < len(s.data) && s.data[s.i] == c {
		s.i++
		return true
	}
	return false
}

// atEnd reports whether only white space follows.
func (s *jsonScanner) atEnd() bool {
	s.ws()
	return s.i == len(s.data)
}

// str reads a string at s.i. plain says it holds neither an escape nor
// invalid UTF-8, so that its text is its bytes; only then is val set.
func (s *jsonScanner) str() (val string, plain, ok bool) { return s.stringAt(true) }

// skipString moves past a string at s.i, reporting whether it is one.
func (s *jsonScanner) skipString() bool {
	_, _, ok := s.stringAt(false)
	return ok
}

func (s *jsonScanner) stringAt(want bool) (val string, plain, ok bool) {
	s.i++ // '"'
	start := s.i
	plain = true
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			body := s.data[start:s.i]
			s.i++
			if !want {
				return "", false, true
			}
			if plain && !utf8.Valid(body) {
				plain = false
			}
			if plain {
				val = string(body)
			}
			return val, plain, true
		case c == '\\':
			plain = false
			if s.i+1 >= len(s.data) {
				return "", false, false
			}
			switch s.data[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if s.i+6 > len(s.data) {
					return "", false, false
				}
				for _, h := range s.data[s.i+2 : s.i+6] {
					if !isHex(h) {
						return "", false, false
					}
				}
				s.i += 6
			default:
				return "", false, false
			}
			continue
		case c < 0x20:
			return "", false, false
		}
		s.i++
	}
	return "", false, false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// value skips one valid value at s.i.
func (s *jsonScanner) value(depth int) bool {
	if s.i >= len(s.data) || depth > maxFastDepth {
		return false
	}
	switch c := s.data[s.i]; {
	case c == '"':
		return s.skipString()
	case c == '{':
		s.i++
		s.ws()
		if s.byte('}') {
			return true
		}
		for {
			s.ws()
			if s.i >= len(s.data) || s.data[s.i] != '"' || !s.skipString() {
				return false
			}
			s.ws()
			if !s.byte(':') {
				return false
			}
			s.ws()
			if !s.value(depth + 1) {
				return false
			}
			s.ws()
			if s.byte(',') {
				continue
			}
			return s.byte('}')
		}
	case c == '[':
		s.i++
		s.ws()
		if s.byte(']') {
			return true
		}
		for {
			s.ws()
			if !s.value(depth + 1) {
				return false
			}
			s.ws()
			if s.byte(',') {
				continue
			}
			return s.byte(']')
		}
	case c == 't':
		return s.word("true")
	case c == 'f':
		return s.word("false")
	case c == 'n':
		return s.word("null")
	case c == '-' || c >= '0' && c <= '9':
		return s.number()
	}
	return false
}

func (s *jsonScanner) word(w string) bool {
	if len(s.data)-s.i < len(w) || string(s.data[s.i:s.i+len(w)]) != w {
		return false
	}
	s.i += len(w)
	return true
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (s *jsonScanner) number() bool {
	s.byte('-')
	switch {
	case s.byte('0'):
	case s.i < len(s.data) && s.data[s.i] >= '1' && s.data[s.i] <= '9':
		s.digits()
	default:
		return false
	}
	if s.byte('.') {
		if s.digits() == 0 {
			return false
		}
	}
	if s.byte('e') || s.byte('E') {
		if !s.byte('+') {
			s.byte('-')
		}
		if s.digits() == 0 {
			return false
		}
	}
	return true
}

func (s *jsonScanner) digits() int {
	n := 0
	for s.i < len(s.data) && s.data[s.i] >= '0' && s.data[s.i] <= '9' {
		s.i++
		n++
	}
	return n
}

// The helpers below read the common shapes of valid raw values (as
// scanJSON or json.Decoder cut them out) as json.Unmarshal would, and
// report false for anything else, which the caller then unmarshals.

// fastString reads a raw JSON string without escapes or invalid UTF-8,
// or null (which json.Unmarshal leaves as "").
func fastString(raw []byte) (s string, ok bool) {
	if !fastJSON || len(raw) == 0 {
		return "", false
	}
	switch raw[0] {
	case '"':
		sc := &jsonScanner{data: raw}
		v, plain, ok := sc.str()
		if !ok || !plain || sc.i != len(raw) {
			return "", false
		}
		return v, true
	case 'n':
		if string(raw) == "null" {
			return "", true
		}
	}
	return "", false
}

// isRawNumber reports whether raw is one JSON number.
func isRawNumber(raw []byte) bool {
	if len(raw) == 0 || raw[0] != '-' && (raw[0] < '0' || raw[0] > '9') {
		return false
	}
	sc := &jsonScanner{data: raw}
	return sc.number() && sc.i == len(raw)
}

// fastObject reads a raw JSON object whose keys hold no escapes into the
// map json.Unmarshal makes of it (a repeated key keeps its last value).
func fastObject(raw []byte) (map[string]json.RawMessage, bool) {
	if !fastJSON || len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	sc := &jsonScanner{data: raw, i: 1}
	m := map[string]json.RawMessage{}
	sc.ws()
	if sc.byte('}') {
		return m, sc.i == len(raw)
	}
	for {
		sc.ws()
		if sc.i >= len(raw) || raw[sc.i] != '"' {
			return nil, false
		}
		key, plain, ok := sc.str()
		if !ok || !plain {
			return nil, false
		}
		sc.ws()
		if !sc.byte(':') {
			return nil, false
		}
		sc.ws()
		start := sc.i
		if !sc.value(1) {
			return nil, false
		}
		m[key] = raw[start:sc.i]
		sc.ws()
		if sc.byte(',') {
			continue
		}
		if !sc.byte('}') || sc.i != len(raw) {
			return nil, false
		}
		return m, true
	}
}

// fastArray cuts a raw JSON array into its raw elements, none of which
// may be null (json.Unmarshal turns a null element into the zero value of
// the element type, which its callers would have to mimic).
func fastArray(raw []byte) ([]json.RawMessage, bool) {
	if !fastJSON || len(raw) == 0 || raw[0] != '[' {
		return nil, false
	}
	sc := &jsonScanner{data: raw, i: 1}
	list := []json.RawMessage{}
	sc.ws()
	if sc.byte(']') {
		return list, sc.i == len(raw)
	}
	for {
		sc.ws()
		start := sc.i
		if !sc.value(1) {
			return nil, false
		}
		el := raw[start:sc.i]
		if string(el) == "null" {
			return nil, false
		}
		list = append(list, el)
		sc.ws()
		if sc.byte(',') {
			continue
		}
		if !sc.byte(']') || sc.i != len(raw) {
			return nil, false
		}
		return list, true
	}
}

// fastObjects reads an array of objects (a name list) as json.Unmarshal
// reads it into []map[string]json.RawMessage.
func fastObjects(raw []byte) ([]map[string]json.RawMessage, bool) {
	els, ok := fastArray(raw)
	if !ok {
		return nil, false
	}
	out := make([]map[string]json.RawMessage, len(els))
	for i, el := range els {
		if out[i], ok = fastObject(el); !ok {
			return nil, false
		}
	}
	return out, true
}

// fastStringMaps reads an array of objects of strings as json.Unmarshal
// reads it into []map[string]string.
func fastStringMaps(raw []byte) ([]map[string]string, bool) {
	objs, ok := fastObjects(raw)
	if !ok {
		return nil, false
	}
	out := make([]map[string]string, len(objs))
	for i, obj := range objs {
		m := make(map[string]string, len(obj))
		for k, v := range obj {
			if len(v) == 0 || v[0] != '"' {
				return nil, false // null, or not a string: json.Unmarshal's to judge
			}
			s, ok := fastString(v)
			if !ok {
				return nil, false
			}
			m[k] = s
		}
		out[i] = m
	}
	return out, true
}

// fastArrays reads an array of arrays (date-parts) as json.Unmarshal reads
// it into [][]json.RawMessage.
func fastArrays(raw []byte) ([][]json.RawMessage, bool) {
	els, ok := fastArray(raw)
	if !ok {
		return nil, false
	}
	out := make([][]json.RawMessage, len(els))
	for i, el := range els {
		if out[i], ok = fastArray(el); !ok {
			return nil, false
		}
	}
	return out, true
}

// fastStrings reads an array of strings as json.Unmarshal reads it into
// []string.
func fastStrings(raw []byte) ([]string, bool) {
	els, ok := fastArray(raw)
	if !ok {
		return nil, false
	}
	out := make([]string, len(els))
	for i, el := range els {
		if len(el) == 0 || el[0] != '"' {
			return nil, false
		}
		if out[i], ok = fastString(el); !ok {
			return nil, false
		}
	}
	return out, true
}
