package xmltree

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits on the documents Parse accepts.
const (
	MaxBytes    = 8 << 20 // 8 MiB
	MaxDepth    = 128
	MaxElements = 200000
)

// Element is one XML element.
type Element struct {
	Name     string // local name, namespace dropped
	Attrs    []xml.Attr
	Children []*Element
	Text     string // character data directly inside the element, concatenated
	Line     int
}

// Attr returns the value of the attribute with the local name name.
func (e *Element) Attr(name string) (string, bool) {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// Get returns the value of attribute name, or "".
func (e *Element) Get(name string) string {
	v, _ := e.Attr(name)
	return v
}

// Child returns the first child element called name, or nil.
func (e *Element) Child(name string) *Element {
	for _, c := range e.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Error is a problem in a CSL document: an XML syntax or size error, or
// (from packages style and locale) an element or attribute that breaks the
// CSL schema. Doc names the kind of document ("style", "locale"); Line,
// Element and Attribute say where, when known.
type Error struct {
	Doc       string
	Line      int
	Element   string
	Attribute string
	Msg       string
}

// Error formats e as "doc: line N: cs:element attribute "a": message",
// leaving out the parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Doc != "" {
		b.WriteString(e.Doc + ": ")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Element != "" {
		fmt.Fprintf(&b, "cs:%s", e.Element)
		if e.Attribute != "" {
			fmt.Fprintf(&b, " attribute %q", e.Attribute)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// InDoc sets the Doc of err when err is an *Error without one, and returns
// err.
func InDoc(err error, doc string) error {
	var e *Error
	if errors.As(err, &e) && e.Doc == "" {
		e.Doc = doc
	}
	return err
}

// Parse reads data into an element tree and returns its root.
func Parse(data []byte) (*Element, error) {
	if len(data) > MaxBytes {
		return nil, &Error{Msg: fmt.Sprintf("document too large (%d bytes, limit %d)", len(data), MaxBytes)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
			return input, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	var stack []*Element
	var root *Element
	count := 0
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &Error{Line: se.Line, Msg: se.Msg}
			}
			return nil, &Error{Line: line, Msg: err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > MaxElements {
				return nil, &Error{Line: line, Msg: fmt.Sprintf("too many elements (limit %d)", MaxElements)}
			}
			if len(stack) >= MaxDepth {
				return nil, &Error{Line: line, Msg: fmt.Sprintf("elements nested too deeply (limit %d)", MaxDepth)}
			}
			el := &Element{Name: t.Name.Local, Attrs: append([]xml.Attr(nil), t.Attr...), Line: line}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, el)
			} else if root == nil {
				root = el
			} else {
				return nil, &Error{Line: line, Msg: "more than one root element"}
			}
			stack = append(stack, el)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(t)
			}
		}
	}
	if root == nil {
		return nil, &Error{Msg: "no root element"}
	}
	return root, nil
}
