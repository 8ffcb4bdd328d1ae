package bibtex

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/lazyregexp"
)

// File is a .bib file as written: every item in source order, with its
// position. Parse builds it; Decode maps it onto the cite model.
type File struct {
	Name  string
	Items []Item
}

// ItemKind says what an Item of a File is.
type ItemKind int

// The kinds of item in a .bib file.
const (
	EntryItem    ItemKind = iota // @article{key, …} and every other entry type
	StringItem                   // @string{name = value}
	PreambleItem                 // @preamble{value}
	CommentItem                  // @comment{…}, or a %-comment line outside entries
	TextItem                     // free text between entries, which BibTeX ignores
)

// Item is one top-level element of a .bib file. Entry is set for an
// EntryItem; Field holds a @string's name and value; Value a @preamble's
// value; Text the text of a comment or of free text, verbatim.
type Item struct {
	Kind  ItemKind
	Pos   bib.Pos
	Entry *RawEntry
	Field RawField
	Value Value
	Text  string
	// Start and End are the byte offsets of the item in the file.
	Start, End int
}

// RawEntry is an entry as written: its type (lower-cased), its key (case
// kept), and its fields in source order, duplicates included.
type RawEntry struct {
	Type   string
	Key    string
	Fields []RawField
	Pos    bib.Pos
}

// Field returns the first field named name (lower case) and whether there
// is one.
func (e *RawEntry) Field(name string) (RawField, bool) {
	for _, f := range e.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return RawField{}, false
}

// RawField is one "name = value" pair; Name is lower-cased, as BibTeX
// field names are case-insensitive.
type RawField struct {
	Name  string
	Value Value
	Pos   bib.Pos
	// Offset is the byte offset of the field's name in the file.
	Offset int
}

// PieceKind says how a piece of a value was written.
type PieceKind int

// The kinds of value piece.
const (
	Braced PieceKind = iota // {text}
	Quoted                  // "text"
	Number                  // 1986
	Macro                   // jan, or a @string name
)

// Piece is one operand of a value: a literal (Text without its delimiters)
// or a macro name (lower-cased).
type Piece struct {
	Kind PieceKind
	Text string
	Pos  bib.Pos
}

// Value is a field value: one or more pieces joined with "#".
type Value []Piece

// SyntaxError is a place where a .bib file is not BibTeX. Key is the key
// of the entry it breaks, when the reader got that far, and Start the
// byte offset where that entry (or other item) starts.
type SyntaxError struct {
	Pos   bib.Pos
	Msg   string
	Key   string
	Field string
	Start int
	// Partial holds what was read of a broken entry before the error, or
	// nil; its fields are not imported.
	Partial *RawEntry
}

// Error returns "file:line:col: message".
func (e *SyntaxError) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

// ErrorList is every syntax error of a file, in source order.
type ErrorList []*SyntaxError

// Error returns the errors one a line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Parse reads a .bib file. It accepts what BibTeX and biber accept: braces
// or parentheses around entries, any Unicode letter in keys, "@" inside
// values and comments, "%" comment lines and free text between entries,
// and a UTF-8 byte-order mark. It never stops the process, keeps no state
// between calls and so may run in parallel. After a syntax error it skips to
// the next line that starts with "@" and goes on, so that the returned
// ErrorList names every broken entry; the File holds what could be read.
func Parse(name string, data []byte) (*File, error) {
	p := &parser{src: string(data), name: name, line: 1, col: 1}
	if strings.HasPrefix(p.src, "\uFEFF") {
		p.i = len("\uFEFF")
	}
	f := &File{Name: name}
	for p.i < len(p.src) {
		start := p.pos()
		c := p.src[p.i]
		switch {
		case c == '@':
			from := p.i
			p.key = ""
			it, err := p.item()
			if err != nil {
				err.Key, err.Start = p.key, from
				p.errs = append(p.errs, err)
				p.recover()
				continue
			}
			it.Start, it.End = from, p.i
			f.Items = append(f.Items, it)
		case c == '%':
			from := p.i
			text := p.restOfLine()
			f.Items = append(f.Items, Item{Kind: CommentItem, Pos: start, Text: text, Start: from, End: p.i})
		case isSpace(c):
			p.next()
		default:
			// Free text runs to the next "@" or "%" line; BibTeX ignores it.
			from := p.i
			for p.i < len(p.src) && p.src[p.i] != '@' && !(p.src[p.i] == '%' && p.atLineStart()) {
				p.next()
			}
			f.Items = append(f.Items, Item{Kind: TextItem, Pos: start, Text: strings.TrimSpace(p.src[from:p.i]), Start: from, End: p.i})
		}
	}
	if len(p.errs) > 0 {
		return f, p.errs
	}
	return f, nil
}

type parser struct {
	src       string
	i         int
	name      string
	line, col int
	errs      ErrorList
	key       string // key of the entry being read, for errors
}

func (p *parser) pos() bib.Pos { return bib.Pos{File: p.name, Line: p.line, Col: p.col} }

func (p *parser) errorf(at bib.Pos, format string, args ...any) *SyntaxError {
	return &SyntaxError{Pos: at, Msg: fmt.Sprintf(format, args...)}
}

// next consumes one rune and returns it.
func (p *parser) next() rune {
	r, w := utf8.DecodeRuneInString(p.src[p.i:])
	p.i += w
	if r == '\n' {
		p.line++
		p.col = 1
	} else {
		p.col++
	}
	return r
}

func (p *parser) peek() rune {
	if p.i >= len(p.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.i:])
	return r
}

func (p *parser) atLineStart() bool {
	j := p.i
	for j > 0 && (p.src[j-1] == ' ' || p.src[j-1] == '\t') {
		j--
	}
	return j == 0 || p.src[j-1] == '\n' || p.src[j-1] == '\r'
}

func (p *parser) restOfLine() string {
	start := p.i
	for p.i < len(p.src) && p.src[p.i] != '\n' {
		p.next()
	}
	return strings.TrimRight(p.src[start:p.i], "\r")
}

// recover skips to the next "@" at the start of a line.
func (p *parser) recover() {
	for p.i < len(p.src) {
		if p.src[p.i] == '@' && p.atLineStart() {
			return
		}
		p.next()
	}
}

// skip skips white space and, inside entries, "%" comments to the end of
// the line (as biber does).
func (p *parser) skip() {
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case isSpace(c):
			p.next()
		case c == '%':
			p.restOfLine()
		default:
			return
		}
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// isIdentRune reports whether r may appear in an entry type, a field name
// or a macro name. BibTeX allows any printing character except a few
// delimiters; we add Unicode letters.
func isIdentRune(r rune) bool {
	if r < 0x80 {
		return r > ' ' && r < 0x7f && !strings.ContainsRune("\"#%'(),={}@\\~", r)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isKeyRune reports whether r may appear in a citation key: anything but
// white space, a comma and braces (biber's rule). Parentheses are allowed in
// keys of brace-delimited entries.
func isKeyRune(r rune, close rune) bool {
	if unicode.IsSpace(r) || r == ',' || r == '{' || r == '}' || r == '"' || r == '#' || r == '%' || r == '\'' || r == '=' || r == '\\' {
		return false
	}
	return r != close && unicode.IsPrint(r)
}

func (p *parser) ident() string {
	start := p.i
	for p.i < len(p.src) && isIdentRune(p.peek()) {
		p.next()
	}
	return p.src[start:p.i]
}

// item parses one "@…" item; p is at the "@".
func (p *parser) item() (Item, *SyntaxError) {
	at := p.pos()
	p.next() // @
	p.skip()
	typ := strings.ToLower(p.ident())
	if typ == "" {
		return Item{}, p.errorf(at, "\"@\" must be followed by an entry type such as @article")
	}
	p.skip()
	if typ == "comment" {
		return p.comment(at)
	}
	open := p.peek()
	if open != '{' && open != '(' {
		return Item{}, p.errorf(p.pos(), "@%s must be followed by \"{\" or \"(\"", typ)
	}
	p.next()
	close := '}'
	if open == '(' {
		close = ')'
	}
	switch typ {
	case "string":
		return p.stringDef(at, close)
	case "preamble":
		p.skip()
		v, err := p.value(close)
		if err != nil {
			return Item{}, err
		}
		if err := p.expectClose(close, "@preamble"); err != nil {
			return Item{}, err
		}
		return Item{Kind: PreambleItem, Pos: at, Value: v}, nil
	}
	e, err := p.entry(at, typ, close)
	if err != nil {
		err.Partial = e
		return Item{}, err
	}
	return Item{Kind: EntryItem, Pos: at, Entry: e}, nil
}

// comment reads @comment: a balanced {…} or (…) body, or else the rest of
// the line.
func (p *parser) comment(at bib.Pos) (Item, *SyntaxError) {
	open := p.peek()
	if open != '{' && open != '(' {
		return Item{Kind: CommentItem, Pos: at, Text: strings.TrimSpace(p.restOfLine())}, nil
	}
	p.next()
	start := p.i
	if open == '{' {
		if err := p.balanced(at, "@comment", false); err != nil {
			return Item{}, err
		}
		return Item{Kind: CommentItem, Pos: at, Text: p.src[start : p.i-1]}, nil
	}
	depth := 0
	for p.i < len(p.src) {
		switch p.next() {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return Item{Kind: CommentItem, Pos: at, Text: p.src[start : p.i-1]}, nil
			}
			depth--
		}
	}
	return Item{}, p.errorf(at, "@comment( is never closed with \")\"")
}

// balanced consumes up to and including the "}" that closes an already
// consumed "{". For a field value (value set), the start of the next entry
// ("@article{" at the start of a line) also stops it, so that one missing
// "}" costs one entry, not the rest of the file.
func (p *parser) balanced(at bib.Pos, what string, value bool) *SyntaxError {
	depth := 1
	for p.i < len(p.src) {
		if value {
			if line, ok := p.nextEntryAhead(); ok {
				return p.errorf(at, "the value that starts here is not closed before the next entry on line %d: its braces do not balance; add the missing \"}\" or remove the extra \"{\"", line)
			}
		}
		// Like BibTeX, count every brace, escaped or not: "\{" must be
		// balanced too.
		switch p.next() {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return nil
			}
		}
	}
	if value {
		return p.errorf(at, "the value that starts here is never closed: the file ends inside it; add the missing \"}\"")
	}
	return p.errorf(at, "%s: \"{\" is never closed; the file ends inside it", what)
}

// nextEntryAhead reports whether p is at a line break followed by the
// start of an entry ("@word{" or "@word(" at the start of the next line),
// and that line's number.
func (p *parser) nextEntryAhead() (int, bool) {
	if p.src[p.i] != '\n' {
		return 0, false
	}
	j := p.i + 1
	for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t') {
		j++
	}
	if j >= len(p.src) || p.src[j] != '@' {
		return 0, false
	}
	j++
	k := j
	for k < len(p.src) && k-j < 40 && isLetter(p.src[k]) {
		k++
	}
	for k < len(p.src) && (p.src[k] == ' ' || p.src[k] == '\t') {
		k++
	}
	if k == j || k >= len(p.src) || (p.src[k] != '{' && p.src[k] != '(') {
		return 0, false
	}
	return p.line + 1, true
}

// runOn explains the commonest cause of a missing comma: a braced value
// whose braces do not balance runs on past its line into the next field
// and ends at the entry's closing brace. It returns nil when v does not
// look like that.
func runOn(typ, key, name string, v Value) *SyntaxError {
	if len(v) == 0 {
		return nil
	}
	last := v[len(v)-1]
	if last.Kind != Braced {
		return nil
	}
	first, rest, ok := strings.Cut(last.Text, "\n")
	if !ok || !fieldLine().MatchString(rest) {
		return nil
	}
	return &SyntaxError{Pos: last.Pos, Field: name, Msg: fmt.Sprintf("@%s{%s: field %s: its braces do not balance, so the value {%s… runs on into the fields that follow; add the missing \"}\" or remove the extra \"{\"", typ, key, name, clip(first))}
}

// fieldLine matches a line that starts like a field ("  doi = {").
var fieldLine = lazyregexp.New(`(?m)^[ \t]*[A-Za-z][A-Za-z0-9_-]*[ \t]*=`)

func (p *parser) expectClose(close rune, what string) *SyntaxError {
	p.skip()
	if p.peek() != close {
		if p.i >= len(p.src) {
			return p.errorf(p.pos(), "%s is not closed with %q before the end of the file", what, close)
		}
		return p.errorf(p.pos(), "%s: expected %q, found %q", what, close, p.peek())
	}
	p.next()
	return nil
}

func (p *parser) stringDef(at bib.Pos, close rune) (Item, *SyntaxError) {
	p.skip()
	fat, foff := p.pos(), p.i
	name := strings.ToLower(p.ident())
	if name == "" {
		return Item{}, p.errorf(fat, "@string needs a name, as in @string{acm = \"Association for Computing Machinery\"}")
	}
	p.skip()
	if p.peek() != '=' {
		return Item{}, p.errorf(p.pos(), "@string{%s: expected \"=\"", name)
	}
	p.next()
	p.skip()
	v, err := p.value(close)
	if err != nil {
		return Item{}, err
	}
	if err := p.expectClose(close, "@string{"+name); err != nil {
		return Item{}, err
	}
	return Item{Kind: StringItem, Pos: at, Field: RawField{Name: name, Value: v, Pos: fat, Offset: foff}}, nil
}

func (p *parser) entry(at bib.Pos, typ string, close rune) (*RawEntry, *SyntaxError) {
	e := &RawEntry{Type: typ, Pos: at}
	p.skip()
	kat := p.pos()
	start := p.i
	for p.i < len(p.src) && isKeyRune(p.peek(), close) {
		p.next()
	}
	e.Key = p.src[start:p.i]
	p.key = e.Key
	p.skip()
	switch c := p.peek(); {
	case e.Key == "" && c == ',':
		return e, p.errorf(kat, "@%s has an empty key", typ)
	case e.Key == "":
		return e, p.errorf(kat, "@%s needs a key, as in @%s{smith2020, …}", typ, typ)
	case c == close:
		p.next()
		return e, nil
	case c == ',':
		p.next()
	case c == -1:
		return e, p.errorf(at, "@%s{%s is not closed before the end of the file", typ, e.Key)
	default:
		return e, p.errorf(p.pos(), "@%s{%s: the key is followed by %q; a key ends with \",\" and may not contain spaces", typ, e.Key, c)
	}
	for {
		p.skip()
		if p.peek() == close {
			p.next()
			return e, nil
		}
		if p.i >= len(p.src) {
			return e, p.errorf(at, "@%s{%s is not closed with %q before the end of the file", typ, e.Key, close)
		}
		fat, foff := p.pos(), p.i
		name := strings.ToLower(p.ident())
		if name == "" {
			return e, p.errorf(fat, "@%s{%s: expected a field name or %q, found %q", typ, e.Key, close, p.peek())
		}
		p.skip()
		if p.peek() != '=' {
			return e, p.errorf(p.pos(), "@%s{%s: field %s: expected \"=\", found %q (is a comma missing before it?)", typ, e.Key, name, p.peek())
		}
		p.next()
		p.skip()
		v, err := p.value(close)
		if err != nil {
			return e, &SyntaxError{Pos: err.Pos, Msg: fmt.Sprintf("@%s{%s: field %s: %s", typ, e.Key, name, err.Msg), Field: name}
		}
		e.Fields = append(e.Fields, RawField{Name: name, Value: v, Pos: fat, Offset: foff})
		p.skip()
		switch c := p.peek(); c {
		case ',':
			p.next()
		case close:
		default:
			if err := runOn(typ, e.Key, name, v); err != nil {
				return e, err
			}
			if c == -1 {
				return e, p.errorf(at, "@%s{%s is not closed with %q before the end of the file", typ, e.Key, close)
			}
			return e, p.errorf(p.pos(), "@%s{%s: after field %s expected \",\" or %q, found %q", typ, e.Key, name, close, c)
		}
	}
}

// value reads pieces joined by "#".
func (p *parser) value(close rune) (Value, *SyntaxError) {
	var v Value
	for {
		at := p.pos()
		switch c := p.peek(); {
		case c == '{':
			p.next()
			start := p.i
			if err := p.balanced(at, "value", true); err != nil {
				return nil, err
			}
			v = append(v, Piece{Kind: Braced, Text: p.src[start : p.i-1], Pos: at})
		case c == '"':
			p.next()
			start := p.i
			depth := 0
		quoted:
			for {
				if p.i >= len(p.src) {
					return nil, p.errorf(at, "a quoted value is never closed with '\"'")
				}
				if line, ok := p.nextEntryAhead(); ok {
					return nil, p.errorf(at, "the quoted value that starts here is not closed before the next entry on line %d; add the missing '\"'", line)
				}
				switch p.next() {
				case '{':
					depth++
				case '}':
					depth--
					if depth < 0 {
						return nil, p.errorf(at, "a quoted value has a \"}\" without its \"{\"")
					}
				case '"':
					if depth == 0 {
						break quoted
					}
				}
			}
			v = append(v, Piece{Kind: Quoted, Text: p.src[start : p.i-1], Pos: at})
		case c >= '0' && c <= '9':
			start := p.i
			for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
				p.next()
			}
			v = append(v, Piece{Kind: Number, Text: p.src[start:p.i], Pos: at})
		case c != -1 && isIdentRune(c):
			v = append(v, Piece{Kind: Macro, Text: strings.ToLower(p.ident()), Pos: at})
		case c == -1:
			return nil, p.errorf(at, "the file ends where a value should be")
		default:
			return nil, p.errorf(at, "expected a value ({…}, \"…\", a number or a macro name), found %q", c)
		}
		p.skip()
		if p.peek() != '#' {
			return v, nil
		}
		p.next()
		p.skip()
	}
}
