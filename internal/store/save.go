package store

import (
	"bytes"
	"fmt"
	"io"
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
	for i, e := range entries {
		if i > 0 {
			b.WriteByte('\n')
		}
		encodeEntry(&b, e)
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

func encodeEntry(b *bytes.Buffer, e *bib.Entry) {
	b.WriteString("[[reference]]\n")
	keyValue(b, "id", e.ID)
	if len(e.Aliases) > 0 {
		b.WriteString("aliases = [")
		for i, a := range e.Aliases {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quote(a))
		}
		b.WriteString("]\n")
	}
	keyValue(b, "type", e.Type)
	// Fields and dates are interleaved in canonical order so that, say,
	// issued sits next to the publication facts.
	keys := append(e.FieldNames(), e.DateVariables()...)
	for _, k := range bib.SortVariables(keys) {
		d, isDate := e.Dates[k]
		switch {
		case !isDate:
			keyValue(b, k, e.Fields[k])
		case d.Literal != "":
			fmt.Fprintf(b, "%s = { literal = %s }\n", bareOrQuoted(k), quote(d.Literal))
		default:
			keyValue(b, k, d.String())
		}
	}
	for _, role := range e.NameVariables() {
		for _, n := range e.Names[role] {
			fmt.Fprintf(b, "\n[[reference.%s]]\n", bareOrQuoted(role))
			for _, p := range bib.NameParts {
				if v := n.Part(p); v != "" {
					keyValue(b, p, v)
				}
				for _, form := range []string{bib.TranslitSuffix, bib.TranslatedSuffix} {
					if v, ok := n.Alt[p+form]; ok {
						keyValue(b, p+form, v)
					}
				}
			}
			for _, flag := range []struct {
				key string
				on  bool
			}{{"comma-suffix", n.CommaSuffix}, {"static-ordering", n.StaticOrdering}, {"parse-names", n.ParseNames}} {
				if flag.on {
					fmt.Fprintf(b, "%s = true\n", flag.key)
				}
			}
		}
	}
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
	b.WriteString(quote(v))
	b.WriteByte('\n')
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
