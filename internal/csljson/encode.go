package csljson

import (
	"bytes"
	"encoding/json"
	"io"
	"sort"
	"strconv"

	"github.com/cite-project/cite/internal/bib"
)

// schemaKeys are the item keys that csl-data.json (CSL 1.0.2) allows. A
// variable of the cite model that is not among them (part-number,
// editor-translator, the -translit and -translated forms) is written to
// the item's custom object, as is Extra.
var schemaKeys = map[string]bool{}

func init() {
	for _, k := range []string{
		"type", "id", "citation-key", "categories", "language", "journalAbbreviation", "shortTitle",
		"author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
		"curator", "director", "editor", "editorial-director", "executive-producer", "guest", "host",
		"interviewer", "illustrator", "narrator", "organizer", "original-author", "performer", "producer",
		"recipient", "reviewed-author", "script-writer", "series-creator", "translator",
		"accessed", "available-date", "event-date", "issued", "original-date", "submitted",
		"abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place",
		"authority", "call-number", "chapter-number", "citation-number", "citation-label",
		"collection-number", "collection-title", "container-title", "container-title-short",
		"dimensions", "division", "DOI", "edition", "event", "event-title", "event-place",
		"first-reference-note-number", "genre", "ISBN", "ISSN", "issue", "jurisdiction", "keyword",
		"locator", "medium", "note", "number", "number-of-pages", "number-of-volumes",
		"original-publisher", "original-publisher-place", "original-title", "page", "page-first",
		"part", "part-title", "PMCID", "PMID", "printing", "publisher", "publisher-place", "references",
		"reviewed-genre", "reviewed-title", "scale", "section", "source", "status", "supplement",
		"title", "title-short", "URL", "version", "volume", "volume-title", "volume-title-short",
		"year-suffix", "custom",
	} {
		schemaKeys[k] = true
	}
}

// Encode writes entries as a CSL-JSON array that validates against
// csl-data.json and that pandoc --citeproc reads. Keys come in a fixed
// order (id, type, the variables in cite's canonical order, names, then
// custom with its keys sorted) and values are strings, so the same entries
// always give the same bytes. Dates are date objects; an uncertain date or
// an open range also gets its EDTF form as "raw". What CSL-JSON has no key
// for goes to custom: the romanised and translated forms (title-translit,
// and author-translit as an array aligned with author), variables outside
// the schema, the entry's aliases (former ids) as the array custom.aliases,
// and Extra, as the object custom.extra. Decode reads all of it back.
func Encode(w io.Writer, entries []*bib.Entry) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, e := range entries {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		o := &object{b: &b, indent: "\n    "}
		o.key("id")
		o.str(e.ID)
		o.key("type")
		o.str(e.Type)
		custom := map[string]any{}
		keys := bib.SortVariables(append(e.FieldNames(), e.DateVariables()...))
		for _, k := range keys {
			if d, ok := e.Date(k); ok {
				if schemaKeys[k] {
					o.key(k)
					o.raw(dateJSON(d))
				} else {
					custom[k] = json.RawMessage(dateJSON(d))
				}
				continue
			}
			if schemaKeys[k] {
				o.key(k)
				o.str(e.Get(k))
			} else {
				custom[k] = e.Get(k)
			}
		}
		for _, role := range e.NameVariables() {
			names := e.Names(role)
			list := make([]json.RawMessage, len(names))
			for j, n := range names {
				list[j] = nameJSON(n, "")
			}
			if schemaKeys[role] {
				o.key(role)
				o.raw(array(list, "\n    "))
			} else {
				custom[role] = json.RawMessage(array(list, ""))
			}
			for _, form := range []string{bib.TranslitSuffix, bib.TranslatedSuffix} {
				alts := make([]json.RawMessage, len(names))
				hasAlt := false
				for j, n := range names {
					alts[j] = nameJSON(n, form)
					hasAlt = hasAlt || string(alts[j]) != "{}"
				}
				if hasAlt {
					custom[role+form] = json.RawMessage(array(alts, ""))
				}
			}
		}
		if len(e.Aliases) > 0 {
			// Former ids of a merged entry; CSL-JSON has no key for them.
			list := make([]json.RawMessage, len(e.Aliases))
			for j, a := range e.Aliases {
				list[j] = quote(a)
			}
			custom["aliases"] = json.RawMessage(array(list, ""))
		}
		if len(e.Extra) > 0 {
			// Extra goes in an object of its own, so that its keys never
			// meet the variables above.
			ex := &object{b: &bytes.Buffer{}, indent: "\n        "}
			ex.b.WriteString("{")
			for _, k := range e.ExtraNames() {
				ex.key(k)
				ex.str(e.Extra[k])
			}
			ex.b.WriteString("\n      }")
			custom["extra"] = json.RawMessage(ex.b.Bytes())
		}
		if len(custom) > 0 {
			o.key("custom")
			ck := make([]string, 0, len(custom))
			for k := range custom {
				ck = append(ck, k)
			}
			sort.Strings(ck)
			c := &object{b: &b, indent: "\n      "}
			b.WriteString("{")
			for _, k := range ck {
				c.key(k)
				switch v := custom[k].(type) {
				case string:
					c.str(v)
				case json.RawMessage:
					c.raw(v)
				}
			}
			b.WriteString("\n    }")
		}
		b.WriteString("\n  }")
	}
	if len(entries) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := w.Write(b.Bytes())
	return err
}

// object writes the members of a JSON object, one a line.
type object struct {
	b      *bytes.Buffer
	indent string
	n      int
}

func (o *object) key(k string) {
	if o.n > 0 {
		o.b.WriteString(",")
	}
	o.n++
	o.b.WriteString(o.indent)
	o.b.Write(quote(k))
	o.b.WriteString(": ")
}

func (o *object) str(s string) { o.b.Write(quote(s)) }

func (o *object) raw(r []byte) { o.b.Write(r) }

// quote writes s as a JSON string, leaving <, > and & as they are.
func quote(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return []byte(`""`)
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// array writes a JSON array of compact elements, one a line when indent
// is set.
func array(items []json.RawMessage, indent string) []byte {
	var b bytes.Buffer
	b.WriteString("[")
	for i, it := range items {
		if i > 0 {
			b.WriteString(",")
			if indent == "" {
				b.WriteString(" ")
			}
		}
		if indent != "" {
			b.WriteString(indent + "  ")
		}
		b.Write(it)
	}
	if indent != "" && len(items) > 0 {
		b.WriteString(indent)
	}
	b.WriteString("]")
	return b.Bytes()
}

// nameJSON writes a name's parts (form "") or its alternative parts of one
// form, under the plain part names.
func nameJSON(n bib.Name, form string) json.RawMessage {
	var b bytes.Buffer
	b.WriteString("{")
	first := true
	add := func(k string, v []byte) {
		if !first {
			b.WriteString(", ")
		}
		first = false
		b.Write(quote(k))
		b.WriteString(": ")
		b.Write(v)
	}
	for _, p := range bib.NameParts {
		v := n.Part(p)
		if form != "" {
			v = n.Alt[p+form]
		}
		if v != "" {
			add(p, quote(v))
		}
	}
	if form == "" {
		for _, f := range []struct {
			k  string
			on bool
		}{{"comma-suffix", n.CommaSuffix}, {"static-ordering", n.StaticOrdering}, {"parse-names", n.ParseNames}} {
			if f.on {
				add(f.k, []byte("true"))
			}
		}
	}
	b.WriteString("}")
	return b.Bytes()
}

// dateJSON writes a date object.
func dateJSON(d bib.Date) json.RawMessage {
	var b bytes.Buffer
	o := &object{b: &b}
	b.WriteString("{")
	lit := d.Literal
	if lit == "" && d.CheckCalendar() != nil {
		// A date no calendar has (a month 13, 30 February; cite check
		// reports it) goes out as the text it is: as date-parts a
		// processor would read a month 13 as spring.
		lit = d.String()
	}
	if lit != "" {
		o.key("literal")
		o.str(lit)
		b.WriteString("}")
		return b.Bytes()
	}
	part := func(p bib.DatePart) string {
		s := "[" + strconv.Itoa(p.Year)
		if p.Month != 0 || p.Day != 0 {
			s += ", " + strconv.Itoa(p.Month)
		}
		if p.Day != 0 {
			s += ", " + strconv.Itoa(p.Day)
		}
		return s + "]"
	}
	parts := "[" + part(d.Start)
	if d.Range && !d.End.IsZero() {
		parts += ", " + part(d.End)
	}
	parts += "]"
	if d.Range && d.Start.IsZero() {
		parts = "[" + part(d.End) + "]"
	}
	o.key("date-parts")
	o.raw([]byte(parts))
	if d.Season != 0 {
		o.key("season")
		o.raw([]byte(strconv.Itoa(d.Season)))
	}
	if d.Approximate {
		o.key("circa")
		o.raw([]byte("true"))
	}
	if d.Uncertain || (d.Range && (d.Start.IsZero() || d.End.IsZero())) {
		o.key("raw")
		o.str(d.String())
	}
	b.WriteString("}")
	return b.Bytes()
}
