package ris

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bib"
)

// Options controls Encode.
type Options struct {
	// Warn, when set, receives what RIS cannot hold (a romanised form of a
	// name, a variable without a tag, case protection), so that nothing is
	// lost silently.
	Warn func(bib.Diagnostic)
}

// CodeNotExported is the code of the warnings Encode passes to Options.Warn.
const CodeNotExported = "not-exported"

// Encode writes entries as RIS: each record from "TY  - " to "ER  - ",
// the tags in the table's order, then the tags that Decode kept in Extra,
// records separated by a blank line. The output is the same from run to
// run, and Decode reads it back into the same entries, for what RIS holds.
func Encode(w io.Writer, entries []*bib.Entry, opts Options) error {
	var b bytes.Buffer
	for i, e := range entries {
		if i > 0 {
			b.WriteByte('\n')
		}
		c := &encoder{e: e, opts: opts, b: &b, done: map[string]bool{}}
		if err := c.record(); err != nil {
			return err
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

type encoder struct {
	e    *bib.Entry
	opts Options
	b    *bytes.Buffer
	typ  string
	done map[string]bool // variables written, and "extra.TAG" for kept tags
}

func (c *encoder) warn(field, msg string) {
	if c.opts.Warn != nil {
		c.opts.Warn(bib.Diagnostic{Pos: c.e.PosOf(field), Severity: bib.Warning, Code: CodeNotExported, Ref: c.e.ID, Field: field, Message: msg})
	}
}

// put writes one tag; line breaks in the value become continuation lines
// for the tags that keep them, spaces otherwise.
func (c *encoder) put(tag, value string) {
	if value == "" {
		return
	}
	switch {
	case strings.Contains(value, "\n") && !multiline[tag]:
		c.warn(tag, fmt.Sprintf("%s holds a line break, which RIS writes in this tag as a space", tag))
		value = strings.Join(strings.Fields(value), " ")
	case strings.Contains(value, "\n\n"):
		c.warn(tag, fmt.Sprintf("%s holds a blank line, which RIS writes in this tag as one line break", tag))
		for strings.Contains(value, "\n\n") {
			value = strings.ReplaceAll(value, "\n\n", "\n")
		}
	}
	if t := strings.TrimRight(value, " \t"); t != value {
		c.warn(tag, fmt.Sprintf("%s ends with white space, which RIS does not keep; written without it", tag))
		value = t
	}
	// Continuation lines (AB, N1) follow the tag line as they are.
	c.b.WriteString(tag + "  - " + value + "\n")
}

func (c *encoder) record() error {
	e := c.e
	c.typ = e.Type
	ty := risType(e.Type)
	if orig := e.Extra["TY"]; orig != "" { // an empty TY read from "TY -" must not leave the record without one
		if t, known := cslType(orig); (known && t == e.Type) || (!known && e.Type == "document") {
			ty = orig
		}
	} else if ty == "GEN" && e.Type != "document" {
		c.warn("type", fmt.Sprintf("type %s has no RIS type; written as GEN, which reads back as document", e.Type))
	}
	c.put("TY", ty)
	conference := e.Type == "paper-conference" && e.Get("event-title") != ""
	for _, row := range fields {
		if !row.writes || !row.applies(c.typ) {
			continue
		}
		if w, ok := writeTag(row.csl, c.typ); !ok || w.tag != row.tag || c.done[row.csl] {
			continue
		}
		switch {
		case row.kind == kID:
			c.put("ID", e.ID)
		case row.kind == kNames:
			c.names(row)
		case row.kind == kDate:
			c.date(row)
		case row.kind == kStart:
			c.pages(row.csl)
		case row.kind == kEnd:
		case row.kind == kSerial:
			for _, v := range strings.FieldsFunc(e.Get(row.csl), func(r rune) bool { return r == ';' || r == ',' }) {
				c.put("SN", strings.TrimSpace(v))
			}
		case row.kind == kKeyword:
			for _, v := range strings.Split(e.Get(row.csl), ", ") {
				c.put("KW", v)
			}
		case row.kind == kLanguage:
			lang := c.e.Get(row.csl)
			if raw, ok := c.e.Extra["LA"]; ok {
				if tag, known := languageTag(raw); known && tag == lang {
					lang = raw
				}
			}
			c.put("LA", lang)
		case row.kind == kNote:
			for _, v := range strings.Split(e.Get(row.csl), "\n\n") {
				c.put("N1", v)
			}
		case conference && row.tag == "T2" && row.csl == "container-title":
			c.put("T2", c.text("event-title"))
			c.put("C3", c.text("container-title"))
			c.done["event-title"] = true
		default:
			c.put(row.tag, c.text(row.csl))
		}
		c.done[row.csl] = true
	}
	c.leftOut()
	c.extra()
	c.b.WriteString("ER  - \n")
	return nil
}

// text returns a text variable as RIS holds it: without the markup of case
// protection, which RIS has no way to write.
func (c *encoder) text(v string) string {
	s := c.e.Get(v)
	if plain := withoutNocase.Replace(s); plain != s {
		c.warn(v, fmt.Sprintf("%s has case protection (<span class=\"nocase\">), which RIS cannot hold; written without it", v))
		return plain
	}
	return s
}

var withoutNocase = strings.NewReplacer(`<span class="nocase">`, "", "</span>", "")

func (c *encoder) names(row field) {
	for _, n := range c.e.Names(row.csl) {
		if len(n.Alt) > 0 {
			c.warn(row.csl, fmt.Sprintf("%s: the romanised or translated forms of %s cannot be written in RIS", row.csl, n.String()))
		}
		c.put(row.tag, formatName(n))
	}
}

// formatName writes "Family, Given, Suffix", or an institution as it is.
func formatName(n bib.Name) string {
	if n.IsLiteral() {
		return n.Literal
	}
	family := n.Family
	if n.NonDroppingParticle != "" {
		family = n.NonDroppingParticle + " " + family
	}
	given := n.Given
	if n.DroppingParticle != "" {
		given = strings.TrimSpace(given + " " + n.DroppingParticle)
	}
	s := family
	if given != "" || n.Suffix != "" {
		s += ", " + given
	}
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

// date writes issued as PY (the year) and DA (the full date) as Zotero
// does, accessed as Y2; an original form Decode kept (a time, a season)
// is written back when it still reads as the date.
func (c *encoder) date(row field) {
	d, ok := c.e.Date(row.csl)
	if !ok {
		return
	}
	kept := func(tag string) (string, bool) {
		raw, ok := c.e.Extra[tag]
		if !ok {
			return "", false
		}
		got, _, ok := risDate(raw)
		got.Pos = d.Pos
		if ok && got == d {
			c.done["extra."+tag] = true
			return raw, true
		}
		return "", false
	}
	if row.csl == "accessed" {
		s, _ := canonicalDate(d)
		if raw, ok := kept("Y2"); ok {
			s = raw
		}
		c.put("Y2", s)
		return
	}
	full, canon := canonicalDate(d)
	if d.Start.Year > 0 {
		py := strconv.Itoa(d.Start.Year)
		if raw, ok := kept("PY"); ok {
			py = raw
		}
		c.put("PY", py)
	}
	if raw, ok := kept("DA"); ok {
		c.put("DA", raw)
	} else if !canon || d.Start.Month != 0 {
		c.put("DA", full)
	}
}

// pages writes page as SP and EP (a range with an en dash), and a whole
// work's number of pages as SP.
func (c *encoder) pages(v string) {
	p := c.e.Get(v)
	if p == "" {
		return
	}
	if v == "number-of-pages" {
		c.put("SP", p)
		if c.e.Get("page") != "" {
			c.warn("page", "a book or thesis writes its number of pages as SP; its page is not written")
			c.done["page"] = true
		}
		return
	}
	if a, b, ok := strings.Cut(p, "–"); ok && strings.TrimSpace(a) != "" && strings.TrimSpace(b) != "" {
		c.put("SP", strings.TrimSpace(a))
		c.put("EP", strings.TrimSpace(b))
		return
	}
	c.put("SP", p)
}

// leftOut reports the variables that no tag holds.
func (c *encoder) leftOut() {
	var missing []string
	for _, v := range c.e.FieldNames() {
		if !c.done[v] {
			missing = append(missing, v)
		}
	}
	for _, v := range c.e.NameVariables() {
		if !c.done[v] {
			missing = append(missing, v)
		}
	}
	for _, v := range c.e.DateVariables() {
		if !c.done[v] {
			missing = append(missing, v)
		}
	}
	for _, v := range missing {
		if c.e.Type == "paper-conference" && v == "event-title" {
			continue
		}
		c.warn(v, fmt.Sprintf("%s has no RIS tag for type %s; not written", v, c.e.Type))
	}
}

// extra writes the tags Decode kept in Extra (a tag without a variable,
// TAG-2 for a repeat), sorted, and reports the other extra fields.
func (c *encoder) extra() {
	keys := make([]string, 0, len(c.e.Extra))
	for k := range c.e.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "TY" || c.done["extra."+k] {
			continue
		}
		tag, _, _ := strings.Cut(k, "-")
		if !isTag(tag) {
			c.warn("extra."+k, fmt.Sprintf("extra field %q has no RIS tag; not written", k))
			continue
		}
		if k == "LA" && c.done["language"] {
			if tag, known := languageTag(c.e.Extra[k]); known && tag == c.e.Get("language") {
				continue // the original LA, written as the language above
			}
		}
		c.put(tag, c.e.Extra[k])
	}
}
