package store

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// parseFast reads a TOML document in one pass, building what
// BurntSushi/toml and indexLines together build from it: the values (with
// the Go types BurntSushi/toml gives them: string, int64, bool, []any,
// []map[string]any, map[string]any) and the line index, plus the root keys
// in the order they first appear (the keys MetaData.Undecoded would name).
//
// It reads the TOML that library files are made of (table headers, keys
// and values of every kind but floats, times and date-times, arrays and one-line inline
// tables) and checks it as strictly as TOML 1.0 does. Anything else, valid
// or not, makes it give up (ok is false): the caller then reads the
// document with BurntSushi/toml, the parser of record, which decodes what
// parseFast does not and words every syntax error. parseFast never accepts
// a document that BurntSushi/toml refuses, and never reads one differently:
// TestParseFastAgreesWithBurntSushi and FuzzParseFast hold it to that.
func parseFast(src string) (root map[string]any, idx *node, rootKeys []string, ok bool) {
	if !utf8.ValidString(src) {
		return nil, nil, nil, false
	}
	p := &fastParser{src: src, line: 1, root: map[string]any{}, idx: newNode(0)}
	p.rootMeta = &tableMeta{m: p.root}
	p.cur, p.curNode = p.root, p.idx
	if !p.document() {
		return nil, nil, nil, false
	}
	return p.root, p.idx, p.rootKeys, true
}

type fastParser struct {
	src  string
	i    int
	line int

	root     map[string]any
	rootMeta *tableMeta
	idx      *node
	rootKeys []string

	cur     map[string]any // the table key/value lines go into
	curNode *node
}

// tableMeta records the tables that headers made, so that a header can
// tell a table it may extend (or an array of tables it may append to)
// from a key that a key/value line defined.
type tableMeta struct {
	m        map[string]any
	sub      map[string]*tableMeta
	implicit bool         // made as the parent of a header's table, not named by one
	array    []*tableMeta // for an array of tables: its elements
}

func (t *tableMeta) child(k string) *tableMeta {
	if t.sub == nil {
		return nil
	}
	return t.sub[k]
}

func (t *tableMeta) setChild(k string, c *tableMeta) {
	if t.sub == nil {
		t.sub = map[string]*tableMeta{}
	}
	t.sub[k] = c
}

func (p *fastParser) noteRootKey(k string) {
	for _, r := range p.rootKeys {
		if r == k {
			return
		}
	}
	p.rootKeys = append(p.rootKeys, k)
}

func (p *fastParser) document() bool {
	for p.i < len(p.src) {
		p.skipBlank()
		if p.i >= len(p.src) {
			return true
		}
		switch c := p.src[p.i]; {
		case c == '\n':
			p.i++
			p.line++
			continue
		case c == '\r':
			if !p.newline() {
				return false
			}
			continue
		case c == '#':
			if !p.comment() {
				return false
			}
			continue
		case c == '[':
			if !p.header() {
				return false
			}
		default:
			if !p.keyValue() {
				return false
			}
		}
		if !p.endOfLine() {
			return false
		}
	}
	return true
}

// skipBlank skips spaces and tabs.
func (p *fastParser) skipBlank() {
	for p.i < len(p.src) && (p.src[p.i] == ' ' || p.src[p.i] == '\t') {
		p.i++
	}
}

// newline consumes "\n" or "\r\n".
func (p *fastParser) newline() bool {
	switch {
	case p.i < len(p.src) && p.src[p.i] == '\n':
		p.i++
	case p.i+1 < len(p.src) && p.src[p.i] == '\r' && p.src[p.i+1] == '\n':
		p.i += 2
	default:
		return false
	}
	p.line++
	return true
}

// comment consumes a comment up to (not including) its newline. Control
// characters other than tab are refused, as TOML refuses them.
func (p *fastParser) comment() bool {
	p.i++ // '#'
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c == '\n' || c == '\r' && p.i+1 < len(p.src) && p.src[p.i+1] == '\n' {
			return true
		}
		if c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
		p.i++
	}
	return true
}

// endOfLine consumes blanks, an optional comment and the newline that must
// end a header or a key/value line (or the end of the document).
func (p *fastParser) endOfLine() bool {
	p.skipBlank()
	if p.i < len(p.src) && p.src[p.i] == '#' && !p.comment() {
		return false
	}
	if p.i >= len(p.src) {
		return true
	}
	return p.newline()
}

// key reads a bare or quoted key. raw is the text as written between the
// quotes (what the line index uses), name the key itself.
func (p *fastParser) key() (name, raw string, ok bool) {
	if p.i >= len(p.src) {
		return "", "", false
	}
	switch c := p.src[p.i]; {
	case c == '"':
		if strings.HasPrefix(p.src[p.i:], `"""`) {
			return "", "", false
		}
		start := p.i + 1
		s, ok := p.basicString()
		if !ok {
			return "", "", false
		}
		return s, p.src[start : p.i-1], true
	case c == '\'':
		if strings.HasPrefix(p.src[p.i:], `'''`) {
			return "", "", false
		}
		s, ok := p.literalString()
		return s, s, ok
	}
	start := p.i
	for p.i < len(p.src) && isBareKey(p.src[p.i]) {
		p.i++
	}
	if p.i == start {
		return "", "", false
	}
	s := p.src[start:p.i]
	return s, s, true
}

// header reads [a.b] or [[a.b]] and makes its table current.
func (p *fastParser) header() bool {
	line := p.line
	array := strings.HasPrefix(p.src[p.i:], "[[")
	if array {
		p.i += 2
	} else {
		p.i++
	}
	var names, raws []string
	for {
		p.skipBlank()
		name, raw, ok := p.key()
		if !ok {
			return false
		}
		names, raws = append(names, name), append(raws, raw)
		p.skipBlank()
		if p.i < len(p.src) && p.src[p.i] == '.' {
			p.i++
			continue
		}
		break
	}
	if array {
		if !strings.HasPrefix(p.src[p.i:], "]]") {
			return false
		}
		p.i += 2
	} else {
		if p.i >= len(p.src) || p.src[p.i] != ']' {
			return false
		}
		p.i++
	}
	p.noteRootKey(names[0])
	t := p.rootMeta
	for _, k := range names[:len(names)-1] {
		c := t.child(k)
		if c == nil {
			if _, taken := t.m[k]; taken {
				return false // a key/value line defined it
			}
			c = &tableMeta{m: map[string]any{}, implicit: true}
			t.m[k] = c.m
			t.setChild(k, c)
		}
		if c.array != nil {
			c = c.array[len(c.array)-1]
		}
		t = c
	}
	last := names[len(names)-1]
	c := t.child(last)
	switch {
	case array && c == nil:
		if _, taken := t.m[last]; taken {
			return false
		}
		el := &tableMeta{m: map[string]any{}}
		c = &tableMeta{array: []*tableMeta{el}}
		list := make([]map[string]any, 1, 4)
		list[0] = el.m
		t.m[last] = list
		t.setChild(last, c)
		p.cur = el.m
	case array && c.array != nil:
		el := &tableMeta{m: map[string]any{}}
		c.array = append(c.array, el)
		t.m[last] = append(t.m[last].([]map[string]any), el.m)
		p.cur = el.m
	case array:
		return false
	case c == nil:
		if _, taken := t.m[last]; taken {
			return false
		}
		c = &tableMeta{m: map[string]any{}}
		t.m[last] = c.m
		t.setChild(last, c)
		p.cur = c.m
	case c.implicit && c.array == nil:
		c.implicit = false
		p.cur = c.m
	default:
		return false // defined twice
	}
	p.curNode = p.idx.open(raws, array, line)
	return true
}

// keyValue reads key = value into the current table.
func (p *fastParser) keyValue() bool {
	line := p.line
	name, raw, ok := p.key()
	if !ok {
		return false
	}
	p.skipBlank()
	if p.i >= len(p.src) || p.src[p.i] != '=' {
		return false // a dotted key, or no value
	}
	p.i++
	p.skipBlank()
	if _, taken := p.cur[name]; taken {
		return false
	}
	p.curNode.keys[raw] = line
	v, ok := p.value(p.curNode, raw, false)
	if !ok {
		return false
	}
	p.cur[name] = v
	if p.curNode == p.idx {
		p.noteRootKey(name)
	}
	return true
}

// value reads one value. Inline tables that are elements of an array get
// a node under parent's key, as indexLines gives them; parent is nil where
// indexLines keeps no record.
func (p *fastParser) value(parent *node, key string, inArray bool) (any, bool) {
	if p.i >= len(p.src) {
		return nil, false
	}
	switch c := p.src[p.i]; {
	case c == '"':
		if strings.HasPrefix(p.src[p.i:], `"""`) {
			return p.multilineBasic()
		}
		return p.basicString()
	case c == '\'':
		if strings.HasPrefix(p.src[p.i:], `'''`) {
			return p.multilineLiteral()
		}
		return p.literalString()
	case c == '[':
		return p.array(parent, key)
	case c == '{':
		return p.inlineTable(parent, key, inArray)
	case c == 't':
		return p.word("true", true)
	case c == 'f':
		return p.word("false", false)
	case c >= '0' && c <= '9' && isLocalDate(p.src[p.i:]):
		return p.localDate()
	case c >= '0' && c <= '9' || c == '+' || c == '-':
		return p.integer()
	}
	return nil, false
}

func (p *fastParser) word(w string, v bool) (any, bool) {
	if !strings.HasPrefix(p.src[p.i:], w) {
		return nil, false
	}
	p.i += len(w)
	if p.i < len(p.src) && !isValueEnd(p.src[p.i]) {
		return nil, false
	}
	return v, true
}

// isValueEnd reports whether c may follow a value.
func isValueEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', ',', ']', '}', '#':
		return true
	}
	return false
}

// isLocalDate reports whether s starts with a TOML local date, YYYY-MM-DD,
// that ends the value (a date with a time is left to BurntSushi/toml).
func isLocalDate(s string) bool {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) == 10 || isValueEnd(s[10]) && s[10] != ' ' && s[10] != '\t'
}

// localDateZone is the location BurntSushi/toml gives local dates, so that
// parseFast's dates are the same values.
var localDateZone = sync.OnceValue(func() *time.Location {
	var v map[string]any
	if _, err := toml.Decode("d = 2000-01-01", &v); err == nil {
		if t, ok := v["d"].(time.Time); ok {
			return t.Location()
		}
	}
	return time.UTC
})

// localDate reads YYYY-MM-DD as BurntSushi/toml does.
func (p *fastParser) localDate() (any, bool) {
	t, err := time.ParseInLocation("2006-01-02", p.src[p.i:p.i+10], localDateZone())
	if err != nil {
		return nil, false
	}
	p.i += 10
	return t, true
}

// integer reads a decimal integer; floats, dates, times and integers in
// other bases are left to BurntSushi/toml.
func (p *fastParser) integer() (any, bool) {
	start := p.i
	for p.i < len(p.src) && !isValueEnd(p.src[p.i]) {
		p.i++
	}
	tok := p.src[start:p.i]
	digits := tok
	if digits != "" && (digits[0] == '+' || digits[0] == '-') {
		digits = digits[1:]
	}
	if digits == "" || digits[0] == '0' && len(digits) > 1 {
		return nil, false
	}
	plain := true
	for i := 0; i < len(digits); i++ {
		switch c := digits[i]; {
		case c >= '0' && c <= '9':
		case c == '_' && i > 0 && i+1 < len(digits) && digits[i-1] != '_' && digits[i+1] >= '0' && digits[i+1] <= '9':
			plain = false
		default:
			return nil, false
		}
	}
	if !plain {
		tok = strings.ReplaceAll(tok, "_", "")
	}
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		return nil, false
	}
	return n, true
}

// basicString reads "…" with its escapes.
func (p *fastParser) basicString() (string, bool) {
	p.i++
	start := p.i
	var b []byte // the decoded text, once an escape is met
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '"':
			var s string
			if b == nil {
				s = p.src[start:p.i]
			} else {
				s = string(b)
			}
			p.i++
			return s, true
		case c == '\\':
			if b == nil {
				b = append(make([]byte, 0, p.i-start+16), p.src[start:p.i]...)
			}
			var ok bool
			if b, ok = p.escape(b); !ok {
				return "", false
			}
			continue
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", false // a newline or a control character
		}
		if b != nil {
			b = append(b, c)
		}
		p.i++
	}
	return "", false
}

// escape decodes the escape at p.i (a backslash) onto b. The escapes of
// TOML 1.1 (\e, \x) are left to BurntSushi/toml.
func (p *fastParser) escape(b []byte) ([]byte, bool) {
	if p.i+1 >= len(p.src) {
		return b, false
	}
	c := p.src[p.i+1]
	p.i += 2
	switch c {
	case 'b':
		return append(b, '\b'), true
	case 't':
		return append(b, '\t'), true
	case 'n':
		return append(b, '\n'), true
	case 'f':
		return append(b, '\f'), true
	case 'r':
		return append(b, '\r'), true
	case '"':
		return append(b, '"'), true
	case '\\':
		return append(b, '\\'), true
	case 'u', 'U':
		n := 4
		if c == 'U' {
			n = 8
		}
		if p.i+n > len(p.src) {
			return b, false
		}
		hex := p.src[p.i : p.i+n]
		for i := 0; i < n; i++ {
			if !isHexDigit(hex[i]) {
				return b, false
			}
		}
		v, err := strconv.ParseUint(hex, 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return b, false
		}
		p.i += n
		return utf8.AppendRune(b, rune(v)), true
	}
	return b, false
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// literalString reads '…'.
func (p *fastParser) literalString() (string, bool) {
	p.i++
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '\'':
			s := p.src[start:p.i]
			p.i++
			return s, true
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", false
		}
		p.i++
	}
	return "", false
}

// closing reports how many quotes q close a multi-line string at p.i: 0
// when p.i does not start a run of three or more, else the length of the
// run (3 to 5; up to two quotes before the delimiter belong to the text).
func (p *fastParser) closing(q byte) int {
	n := 0
	for p.i+n < len(p.src) && p.src[p.i+n] == q {
		n++
	}
	if n < 3 {
		return 0
	}
	return n
}

// multilineBasic reads """…""". A carriage return inside is left to
// BurntSushi/toml.
func (p *fastParser) multilineBasic() (any, bool) {
	p.i += 3
	if p.i < len(p.src) && p.src[p.i] == '\n' {
		p.i++
		p.line++
	}
	start := p.i
	var b []byte
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '"':
			n := p.closing('"')
			if n == 0 {
				break
			}
			if n > 5 {
				return nil, false
			}
			var s string
			if b == nil {
				s = p.src[start : p.i+n-3]
			} else {
				s = string(append(b, p.src[p.i:p.i+n-3]...))
			}
			p.i += n
			return s, true
		case c == '\\':
			if b == nil {
				b = append(make([]byte, 0, p.i-start+16), p.src[start:p.i]...)
			}
			if p.lineEndingBackslash() {
				continue
			}
			var ok bool
			if b, ok = p.escape(b); !ok {
				return nil, false
			}
			continue
		case c == '\n':
			p.line++
		case c < 0x20 && c != '\t' || c == 0x7f:
			return nil, false // including '\r'
		}
		if b != nil {
			b = append(b, c)
		}
		p.i++
	}
	return nil, false
}

// lineEndingBackslash consumes a backslash that ends its line (blanks may
// follow it) and the blanks and newlines after it, and reports whether
// there was one.
func (p *fastParser) lineEndingBackslash() bool {
	j := p.i + 1
	for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t') {
		j++
	}
	if j >= len(p.src) || p.src[j] != '\n' {
		return false
	}
	for j < len(p.src) {
		switch p.src[j] {
		case '\n':
			p.line++
		case ' ', '\t':
		default:
			p.i = j
			return true
		}
		j++
	}
	p.i = j
	return true
}

// multilineLiteral reads a multi-line literal string, between three
// single quotes.
func (p *fastParser) multilineLiteral() (any, bool) {
	p.i += 3
	if p.i < len(p.src) && p.src[p.i] == '\n' {
		p.i++
		p.line++
	}
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '\'':
			n := p.closing('\'')
			if n == 0 {
				break
			}
			if n > 5 {
				return nil, false
			}
			s := p.src[start : p.i+n-3]
			p.i += n
			return s, true
		case c == '\n':
			p.line++
		case c < 0x20 && c != '\t' || c == 0x7f:
			return nil, false
		}
		p.i++
	}
	return nil, false
}

// skipArraySpace skips blanks, newlines and comments between the elements
// of an array.
func (p *fastParser) skipArraySpace() bool {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t':
			p.i++
		case '\n', '\r':
			if !p.newline() {
				return false
			}
		case '#':
			if !p.comment() {
				return false
			}
		default:
			return true
		}
	}
	return true
}

// array reads [v, v, …].
func (p *fastParser) array(parent *node, key string) (any, bool) {
	p.i++
	list := make([]any, 0, 2)
	for {
		if !p.skipArraySpace() || p.i >= len(p.src) {
			return nil, false
		}
		if p.src[p.i] == ']' {
			p.i++
			return list, true
		}
		v, ok := p.value(parent, key, true)
		if !ok {
			return nil, false
		}
		list = append(list, v)
		if !p.skipArraySpace() || p.i >= len(p.src) {
			return nil, false
		}
		switch p.src[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return list, true
		default:
			return nil, false
		}
	}
}

// inlineTable reads { k = v, … } on one line.
func (p *fastParser) inlineTable(parent *node, key string, inArray bool) (any, bool) {
	var t *node
	if inArray && parent != nil {
		t = newNode(p.line)
		parent.sub[key] = append(parent.sub[key], t)
	}
	p.i++
	m := map[string]any{}
	p.skipBlank()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		return m, true
	}
	for {
		p.skipBlank()
		line := p.line
		name, raw, ok := p.key()
		if !ok {
			return nil, false
		}
		p.skipBlank()
		if p.i >= len(p.src) || p.src[p.i] != '=' {
			return nil, false
		}
		p.i++
		p.skipBlank()
		if _, taken := m[name]; taken {
			return nil, false
		}
		if t != nil {
			t.keys[raw] = line
		}
		v, ok := p.value(t, raw, false)
		if !ok {
			return nil, false
		}
		m[name] = v
		p.skipBlank()
		if p.i >= len(p.src) {
			return nil, false
		}
		switch p.src[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return m, true
		default:
			return nil, false
		}
	}
}
