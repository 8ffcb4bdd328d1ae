package bibtex

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
	nbib "github.com/nickng/bibtex"
)

// Options controls Encode.
type Options struct {
	// Dialect is the .bib flavour to write; the zero value is BibLaTeX.
	Dialect Dialect
	// Warn, when set, receives what the dialect cannot hold exactly (a
	// dropping particle in BibTeX, say), so that nothing is lost silently.
	Warn func(bib.Diagnostic)
}

// CodeNotExported is the code of the warnings Encode passes to Options.Warn.
const CodeNotExported = "not-exported"

// Encode writes entries as a .bib file in the chosen dialect. Fields are
// written in a fixed order (the field table's, then other CSL variables
// under their own names, then Extra in alphabetical order), so that the
// same entries always give the same bytes; Decode reads the output back
// into the same entries.
//
// Values are written in braces, with LaTeX specials escaped and, in titles,
// capitals and acronyms protected (see protection). A value that Decode
// kept in Extra because its LaTeX has no exact Unicode form is written as
// it was, as long as the entry's value still equals its decoded form.
//
// Encode fails, writing nothing, when an id cannot be a BibTeX key (it has
// white space, a comma, a brace, a quote, "#", "%", "=" or "\"), when two ids
// differ only in case, or when a value holds a control character.
func Encode(w io.Writer, entries []*bib.Entry, opts Options) error {
	var b bytes.Buffer
	seen := map[string]string{}
	for i, e := range entries {
		if err := checkKey(e.ID); err != nil {
			return fmt.Errorf("%s: id %q %v", e.Pos, e.ID, err)
		}
		k := strings.ToLower(e.ID)
		if prev, dup := seen[k]; dup {
			return fmt.Errorf("%s: id %q repeats %q; BibTeX keys must be unique, ignoring case", e.Pos, e.ID, prev)
		}
		seen[k] = e.ID
		be, order, err := toBibEntry(e, opts)
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		writeEntry(&b, be, order)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// checkKey reports why id cannot be a citation key, or nil.
func checkKey(id string) error {
	if id == "" {
		return fmt.Errorf("is empty and cannot be a BibTeX key")
	}
	for _, r := range id {
		if unicode.IsSpace(r) || strings.ContainsRune(",{}\"#%'=\\", r) || !unicode.IsPrint(r) {
			return fmt.Errorf("cannot be a BibTeX key: it contains %q; give the entry an id without it", r)
		}
	}
	return nil
}

// writeEntry prints an entry of nickng/bibtex's model in the given field
// order, with names aligned. Its own PrettyString is not used: it writes Go
// escapes (\u00a0) and String() prints fields in random order.
func writeEntry(b *bytes.Buffer, be *nbib.BibEntry, order []string) {
	fmt.Fprintf(b, "@%s{%s,\n", be.Type, be.CiteName)
	width := 0
	for _, k := range order {
		width = max(width, len(k))
	}
	for i, k := range order {
		fmt.Fprintf(b, "  %-*s = ", width, k)
		switch v := be.Fields[k].(type) {
		case *nbib.BibVar:
			b.WriteString(v.Key)
		default:
			b.WriteString("{" + v.String() + "}")
		}
		if i < len(order)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
}

// encoder builds one entry.
type encoder struct {
	e        *bib.Entry
	d        Dialect
	g        group
	opts     Options
	be       *nbib.BibEntry
	consumed map[string]bool // Extra keys written as a field's value
}

func (c *encoder) warn(field, msg string) {
	if c.opts.Warn != nil {
		c.opts.Warn(bib.Diagnostic{Pos: c.e.PosOf(field), Severity: bib.Warning, Code: CodeNotExported, Ref: c.e.ID, Field: field, Message: msg})
	}
}

func (c *encoder) set(name string, v nbib.BibString, field string) {
	if _, dup := c.be.Fields[name]; dup {
		c.warn(field, fmt.Sprintf("%s and another variable both map to the .bib field %s; only the first is written", field, name))
		return
	}
	c.be.Fields[name] = v
}

// fresh returns the LaTeX that Decode kept in Extra for variable v, if it
// still decodes to the entry's value, and marks it as used. Decode keeps it
// under the field's BibLaTeX name (journaltitle, not journal), so that is
// where it is looked for besides name; other aliases in Extra are fields
// of their own and are left alone.
func (c *encoder) fresh(name, v string, same func(raw string) bool) (string, bool) {
	cands := []string{name}
	if row, ok := writeRow(v, c.g, BibLaTeX); ok && row.bib != name {
		cands = append(cands, row.bib)
	}
	for _, k := range cands {
		raw, ok := c.e.Extra[k]
		if ok && !c.consumed[k] && same(raw) {
			c.consumed[k] = true
			return raw, true
		}
	}
	return "", false
}

func toBibEntry(e *bib.Entry, opts Options) (*nbib.BibEntry, []string, error) {
	c := &encoder{e: e, d: opts.Dialect, opts: opts, consumed: map[string]bool{}}
	bt := entryType(e, c.d)
	if t, ok := e.Extra["@type"]; ok {
		c.consumed["@type"] = true
		valid := c.d == BibLaTeX || bibtexTypes[t]
		if rt := readType(t, ""); valid && (rt == e.Type || rt == "document") {
			bt = t
		} else {
			c.warn("type", fmt.Sprintf("the original entry type @%s does not fit type %s in %s; @%s is written", t, e.Type, c.d, bt))
		}
	}
	c.g = gOther
	if info, ok := bibTypes[bt]; ok {
		c.g = info.g
	}
	// The entry is built in nickng/bibtex's model; NewBibEntry is not used
	// because it strips spaces from keys.
	c.be = &nbib.BibEntry{Type: bt, CiteName: e.ID, Fields: map[string]nbib.BibString{}}
	if sub := subtype(bt, e.Type); sub != "" {
		c.set("entrysubtype", nbib.NewBibConst(sub), "type")
	}
	if err := c.names(); err != nil {
		return nil, nil, err
	}
	if err := c.fields(); err != nil {
		return nil, nil, err
	}
	if err := c.dates(); err != nil {
		return nil, nil, err
	}
	c.webMisc()
	c.extra()
	if len(e.Aliases) > 0 {
		// biblatex's ids field (manual, 2.2.3 "Special Fields") holds the
		// other keys an entry is cited by: exactly what aliases are.
		for _, a := range e.Aliases {
			if err := checkKey(a); err != nil {
				return nil, nil, fmt.Errorf("%s: alias %q of %q %v", e.PosOf("aliases"), a, e.ID, err)
			}
		}
		c.set("ids", nbib.NewBibConst(strings.Join(e.Aliases, ", ")), "aliases")
	}
	order := make([]string, 0, len(c.be.Fields))
	for k := range c.be.Fields {
		order = append(order, k)
	}
	sort.Slice(order, func(i, j int) bool {
		ri, rj := rank(order[i]), rank(order[j])
		if ri != rj {
			return ri < rj
		}
		return order[i] < order[j]
	})
	return c.be, order, nil
}

// fieldRank orders the fields of the table; other CSL variables follow in
// CSL order, then extra fields alphabetically.
var fieldRank = func() map[string]int {
	m := map[string]int{}
	add := func(n string) {
		if _, ok := m[n]; !ok {
			m[n] = len(m)
		}
	}
	for _, f := range fields {
		if f.bib == "date" {
			add("date")
			add("year")
			add("month")
			continue
		}
		add(f.bib)
		if f.bib == "type" {
			add("entrysubtype")
		}
	}
	add("crossref")
	return m
}()

func rank(name string) int {
	if name == "ids" {
		return -1 // an entry's former keys lead, as biblatex's manual writes them
	}
	if r, ok := fieldRank[name]; ok {
		return r
	}
	if v, ok := genericVar(name); ok {
		return 1000 + bib.VariableOrder(v)
	}
	return 1 << 20
}

func (c *encoder) names() error {
	for _, role := range c.e.NameVariables() {
		names := c.e.Names(role)
		name := genericName(role)
		if row, ok := writeRow(role, c.g, c.d); ok {
			name = row.bib
		}
		warn := func(msg string) { c.warn(role, msg) }
		s, err := formatNames(names, c.d, warn)
		if err != nil {
			return fmt.Errorf("%s: %s: %s: %w", c.e.PosOf(role), c.e.ID, role, err)
		}
		if raw, ok := c.fresh(name, role, func(raw string) bool { return sameNames(parseNames(raw).names, names) }); ok {
			s = raw
		}
		c.set(name, nbib.NewBibConst(s), role)
		for _, form := range []string{bib.TranslitSuffix, bib.TranslatedSuffix} {
			var parts []string
			hasAlt := false
			for _, n := range names {
				alt := altName(n, form)
				if alt.IsEmpty() {
					parts = append(parts, "{}")
					continue
				}
				hasAlt = true
				s, err := formatName(alt, c.d, warn)
				if err != nil {
					return fmt.Errorf("%s: %s: %s%s: %w", c.e.PosOf(role), c.e.ID, role, form, err)
				}
				parts = append(parts, s)
			}
			if hasAlt {
				c.set(genericName(role+form), nbib.NewBibConst(strings.Join(parts, " and ")), role)
			}
		}
	}
	return nil
}

// altName returns the name made of n's alternative parts of one form.
func altName(n bib.Name, form string) bib.Name {
	var out bib.Name
	for _, p := range bib.NameParts {
		if v, ok := n.Alt[p+form]; ok {
			out.SetPart(p, v)
		}
	}
	return out
}

// sameNames compares the parts that a .bib name list holds.
func sameNames(a, b []bib.Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		x.Pos, y.Pos, x.Alt, y.Alt = bib.Pos{}, bib.Pos{}, nil, nil
		x.CommaSuffix, x.StaticOrdering, x.ParseNames = y.CommaSuffix, y.StaticOrdering, y.ParseNames
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

func (c *encoder) fields() error {
	for _, v := range c.e.FieldNames() {
		val := splitSubtitle(c.e, v, c.e.Get(v))
		k, name := genericKind(v, c.g), genericName(v)
		if row, ok := writeRow(v, c.g, c.d); ok {
			k, name = row.kind, row.bib
		}
		if v == "genre" {
			key, skip := genreKey(c.e, c.be.Type)
			if skip {
				continue
			}
			if key != "" {
				c.set(name, nbib.NewBibConst(key), v)
				continue
			}
		}
		var s string
		switch k {
		case kVerbatim:
			if !balanced(val) {
				return fmt.Errorf("%s: %s: %s: %q has unbalanced braces, which a .bib file cannot hold", c.e.PosOf(v), c.e.ID, v, val)
			}
			s = val
			if raw, ok := c.fresh(name, v, func(raw string) bool { return unescapeVerbatim(raw) == val }); ok {
				s = raw
			}
		case kLang:
			babel, exact := babelName(val)
			if !exact {
				c.warn(v, fmt.Sprintf("language %q has no babel name; written as %s = {%s}", val, name, babel))
			}
			s = babel
			if raw, ok := c.fresh(name, v, func(raw string) bool {
				tag, ok := languageTag(decodeLaTeX(raw).text)
				return ok && tag == val
			}); ok {
				s = raw
			}
		default:
			enc, err := encodeLaTeX(val, c.d, k == kTitle)
			if err != nil {
				return fmt.Errorf("%s: %s: %s: %w", c.e.PosOf(v), c.e.ID, v, err)
			}
			if k == kList && hasTopLevelAnd(enc) {
				enc = "{" + enc + "}"
			}
			s = enc
			if raw, ok := c.fresh(name, v, func(raw string) bool {
				if country, ok := countryName(raw, c.e.Get("language")); ok {
					return country == val
				}
				return decodeText(raw, k) == val
			}); ok {
				s = raw
			}
		}
		c.set(name, nbib.NewBibConst(s), v)
	}
	return nil
}

func balanced(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

func (c *encoder) dates() error {
	for _, v := range c.e.DateVariables() {
		d, _ := c.e.Date(v)
		if v == "issued" && c.d == BibTeX && d.Literal == "" {
			c.yearMonth(d)
			continue
		}
		name := genericName(v)
		if row, ok := writeRow(v, c.g, c.d); ok && d.Literal == "" {
			name = row.bib
		}
		if d.Literal == "" {
			s := d.String()
			if raw, ok := c.fresh(name, v, func(raw string) bool {
				loose, ok := looseDate(raw)
				loose.Pos = d.Pos
				return ok && loose == d
			}); ok {
				s = raw
			}
			c.set(name, nbib.NewBibConst(s), v)
			continue
		}
		s, err := encodeLaTeX(d.Literal, c.d, false)
		if err != nil {
			return fmt.Errorf("%s: %s: %s: %w", c.e.PosOf(v), c.e.ID, v, err)
		}
		c.set(name, nbib.NewBibConst(s), v)
	}
	return nil
}

// yearMonth writes issued for classic BibTeX: year, a month macro, and
// the whole date in a date field when year and month cannot hold it.
func (c *encoder) yearMonth(d bib.Date) {
	if d.Start.Year != 0 && !d.Range {
		y := strconv.Itoa(d.Start.Year)
		if raw, ok := c.fresh("year", "year", func(raw string) bool {
			n, err := strconv.Atoi(strings.TrimSpace(decodeLaTeX(raw).text))
			return err == nil && n == d.Start.Year
		}); ok {
			y = raw
		}
		c.set("year", nbib.NewBibConst(y), "issued")
		if m := d.Start.Month; m >= 1 && m <= 12 {
			if raw, ok := c.fresh("month", "month", func(raw string) bool {
				pm, pd, _ := parseMonth(expField{raw: raw})
				return pm == m && pd == d.Start.Day
			}); ok {
				c.set("month", nbib.NewBibConst(raw), "issued")
			} else {
				c.set("month", &nbib.BibVar{Key: months[m-1][:3], Value: nbib.NewBibConst(months[m-1])}, "issued")
			}
		}
	}
	plain := d.Start.Year != 0 && !d.Range && d.Season == 0 && !d.Approximate && !d.Uncertain &&
		d.Start.Day == 0 && (d.Start.Month == 0 || d.Start.Month <= 12)
	if !plain {
		c.set("date", nbib.NewBibConst(d.String()), "issued")
	}
}

// webMisc adds howpublished = {\url{…}} to a web page written as BibTeX's
// @misc, which classic styles print where @online's url would be.
func (c *encoder) webMisc() {
	if c.d != BibTeX || c.be.Type != "misc" || c.e.Get("URL") == "" {
		return
	}
	if _, ok := c.be.Fields["howpublished"]; ok {
		return
	}
	if _, ok := c.e.Extra["howpublished"]; ok {
		return
	}
	c.be.Fields["howpublished"] = nbib.NewBibConst(`\url{` + c.e.Get("URL") + `}`)
}

// extra writes the Extra fields not used above, verbatim, with their names
// in lower case as BibTeX reads them.
func (c *encoder) extra() {
	for _, k := range c.e.ExtraNames() {
		if c.consumed[k] || k == "@type" {
			continue
		}
		v := c.e.Extra[k]
		name := strings.ToLower(k)
		if !validFieldName(name) {
			c.warn("extra."+k, fmt.Sprintf("extra field %q cannot be a .bib field name and is not written", k))
			continue
		}
		if _, dup := c.be.Fields[name]; dup {
			c.warn("extra."+k, fmt.Sprintf("extra field %q is also written from the entry's variables; the extra value %q is not written", k, clip(v)))
			continue
		}
		if !balanced(v) {
			enc, err := encodeLaTeX(v, c.d, false)
			if err != nil {
				c.warn("extra."+k, fmt.Sprintf("extra field %q %v and is not written", k, err))
				continue
			}
			c.warn("extra."+k, fmt.Sprintf("extra field %q has unbalanced braces; it is written as text", k))
			v = enc
		}
		c.be.Fields[name] = nbib.NewBibConst(v)
	}
}

func validFieldName(s string) bool {
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for _, r := range s {
		if !isIdentRune(r) {
			return false
		}
	}
	return true
}
