package cite

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
)

// StyleInfo is what a style says about itself in its cs:style attributes
// and cs:info (CSL 1.0.2, "Info"): enough to list styles and to tell how
// citations look without rendering any.
type StyleInfo struct {
	// Title and ID are cs:info's title and id.
	Title, ID string
	// Class is "in-text" or "note".
	Class string
	// Format is the citation-format category: "numeric", "author-date",
	// "author", "label" or "note"; "" when the style declares none.
	Format string
	// DefaultLocale is the style's default-locale ("ru-RU"), or "".
	DefaultLocale string
	// Parent is the independent parent's URI of a dependent style.
	Parent string
}

// Numeric reports whether the style's citations are numbers, so that the
// bibliography of a document is numbered in order of first citation.
func (si StyleInfo) Numeric() bool { return si.Format == "numeric" }

// Describe reads the cs:style attributes and cs:info of a CSL style. It
// reads only up to the end of cs:info, so it is cheap on large styles;
// only XML that is not a style is an error.
func Describe(styleXML []byte) (StyleInfo, error) {
	var si StyleInfo
	dec := xml.NewDecoder(bytes.NewReader(styleXML))
	dec.Strict = true
	var path []string
	root := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return si, fmt.Errorf("line %d: %w", line, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			path = append(path, t.Name.Local)
			switch {
			case len(path) == 1 && t.Name.Local != "style":
				return si, fmt.Errorf("not a CSL style: the root element is <%s>, not <style>", t.Name.Local)
			case len(path) == 1:
				root = true
				si.Class = attr(t, "class")
				si.DefaultLocale = attr(t, "default-locale")
			case len(path) == 3 && path[1] == "info" && t.Name.Local == "category":
				if f := attr(t, "citation-format"); f != "" {
					si.Format = f
				}
			case len(path) == 3 && path[1] == "info" && t.Name.Local == "link" && attr(t, "rel") == "independent-parent":
				si.Parent = attr(t, "href")
			case len(path) == 3 && path[1] == "info" && (t.Name.Local == "title" || t.Name.Local == "id"):
				var text string
				if err := dec.DecodeElement(&text, &t); err != nil {
					line, _ := dec.InputPos()
					return si, fmt.Errorf("line %d: %w", line, err)
				}
				path = path[:len(path)-1]
				if t.Name.Local == "title" {
					si.Title = text
				} else {
					si.ID = text
				}
			}
		case xml.EndElement:
			if len(path) == 2 && path[1] == "info" {
				return si, nil
			}
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		}
	}
	if !root {
		return si, fmt.Errorf("not a CSL style: no <style> element")
	}
	return si, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
