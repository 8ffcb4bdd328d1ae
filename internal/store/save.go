package store

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/atomicfile"
	"github.com/cite-project/cite/internal/bib"
)

// Encode writes entries and claims as a library file in canonical form:
// for each entry id, aliases, type, its fields in CSL order (bib.VariableOrder), its
// dates as EDTF strings, then one [[reference.<role>]] table per name and a
// [reference.extra] table; then the claims. The same input always gives the
// same bytes, and Decode(Encode(x)) equals x.
func Encode(w io.Writer, entries []*bib.Entry, claims []*bib.Claim) error {
	var b bytes.Buffer
	b.Grow(len(entries)*512 + len(claims)*256)
	enc := &encoder{b: &b}
	for i, e := range entries {
		if i > 0 {
			b.WriteByte('\n')
		}
		enc.entry(e)
	}
	for i, c := range claims {
		if i > 0 || len(entries) > 0 {
			b.WriteByte('\n')
		}
		encodeClaim(&b, c)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Save writes lib to path atomically in the form Encode produces.
func Save(path string, lib *bib.Library) error {
	var b bytes.Buffer
	if err := Encode(&b, lib.Entries, lib.Claims); err != nil {
		return err
	}
	return atomicfile.Write(path, b.Bytes())
}

// encoder writes entries, reusing its scratch space from one to the next.
type encoder struct {
	b    *bytes.Buffer
	keys []string
	ord  []int
}

// altKeys are the keys of the alternative forms of each name part, in the
// order they are written.
var altKeys = func() [][2]string {
	out := make([][2]string, len(bib.NameParts))
	for i, p := range bib.NameParts {
		out[i] = [2]string{p + bib.TranslitSuffix, p + bib.TranslatedSuffix}
	}
	return out
}()

// sorted returns keys in canonical order (bib.VariableOrder, then by
// name), in the encoder's scratch space.
func (c *encoder) sorted(keys []string) []string {
	c.ord = c.ord[:0]
	for _, k := range keys {
		c.ord = append(c.ord, bib.VariableOrder(k))
	}
	sort.Sort(byOrder{keys, c.ord})
	return keys
}

type byOrder struct {
	keys []string
	ord  []int
}

func (s byOrder) Len() int { return len(s.keys) }
func (s byOrder) Less(i, j int) bool {
	if s.ord[i] != s.ord[j] {
		return s.ord[i] < s.ord[j]
	}
	return s.keys[i] < s.keys[j]
}
func (s byOrder) Swap(i, j int) {
	s.keys[i], s.keys[j] = s.keys[j], s.keys[i]
	s.ord[i], s.ord[j] = s.ord[j], s.ord[i]
}

func (c *encoder) entry(e *bib.Entry) {
	b := c.b
	b.WriteString("[[reference]]\n")
	keyValue(b, "id", e.ID)
	if len(e.Aliases) > 0 {
		b.WriteString("aliases = [")
		for i, a := range e.Aliases {
			if i > 0 {
				b.WriteString(", ")
			}
			writeQuoted(b, a)
		}
		b.WriteString("]\n")
	}
	keyValue(b, "type", e.Type)
	// Fields and dates are interleaved in canonical order so that, say,
	// issued sits next to the publication facts.
	keys := c.keys[:0]
	for k := range e.Fields() {
		keys = append(keys, k)
	}
	for k := range e.AllDates() {
		keys = append(keys, k)
	}
	for _, k := range c.sorted(keys) {
		d, isDate := e.Date(k)
		switch {
		case !isDate:
			keyValue(b, k, e.Get(k))
		case d.Literal != "":
			b.WriteString(bareOrQuoted(k))
			b.WriteString(" = { literal = ")
			writeQuoted(b, d.Literal)
			b.WriteString(" }\n")
		default:
			keyValue(b, k, d.String())
		}
	}
	keys = keys[:0]
	for role, names := range e.AllNames() {
		for _, n := range names {
			b.WriteString("\n[[reference.")
			b.WriteString(bareOrQuoted(role))
			b.WriteString("]]\n")
			for i, p := range bib.NameParts {
				if v := n.Part(p); v != "" {
					keyValue(b, p, v)
				}
				if len(n.Alt) == 0 {
					continue
				}
				for _, k := range altKeys[i] {
					if v, ok := n.Alt[k]; ok {
						keyValue(b, k, v)
					}
				}
			}
			if n.CommaSuffix {
				b.WriteString("comma-suffix = true\n")
			}
			if n.StaticOrdering {
				b.WriteString("static-ordering = true\n")
			}
			if n.ParseNames {
				b.WriteString("parse-names = true\n")
			}
		}
	}
	c.keys = keys[:0]
	if len(e.Extra) > 0 {
		b.WriteString("\n[reference.extra]\n")
		for _, k := range e.ExtraNames() {
			keyValue(b, k, e.Extra[k])
		}
	}
}

func encodeClaim(b *bytes.Buffer, c *bib.Claim) {
	b.WriteString("[[claim]]\n")
	keyValue(b, "id", c.ID)
	for _, f := range []struct{ k, v string }{
		{"kind", c.Kind}, {"statement", c.Statement}, {"excerpt", c.Excerpt}, {"status", c.Status}, {"note", c.Note},
	} {
		if f.v != "" {
			keyValue(b, f.k, f.v)
		}
	}
	for _, s := range c.Sources {
		b.WriteString("\n[[claim.sources]]\n")
		for _, f := range []struct{ k, v string }{
			{"ref", s.Ref}, {"locator", s.Locator}, {"label", s.Label}, {"support", s.Support},
		} {
			if f.v != "" {
				keyValue(b, f.k, f.v)
			}
		}
	}
}

func keyValue(b *bytes.Buffer, k, v string) {
	b.WriteString(bareOrQuoted(k))
	b.WriteString(" = ")
	writeQuoted(b, v)
	b.WriteByte('\n')
}

// writeQuoted writes s as quote does, without building a string when
// nothing needs escaping.
func writeQuoted(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' || c < 0x20 || c == 0x7f {
			b.WriteString(quote(s))
			return
		}
	}
	if !utf8.ValidString(s) {
		b.WriteString(quote(s))
		return
	}
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
}

func bareOrQuoted(k string) string {
	if k == "" {
		return `""`
	}
	for i := 0; i < len(k); i++ {
		if !isBareKey(k[i]) {
			return quote(k)
		}
	}
	return k
}

// quote writes s as a TOML basic string. Non-ASCII text stays readable;
// only quotes, backslashes and control characters are escaped.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// Invalid UTF-8 cannot come from a TOML file; keep the byte
			// visible rather than writing an invalid file.
			fmt.Fprintf(&b, `\u%04X`, s[i])
			i++
			continue
		}
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}
