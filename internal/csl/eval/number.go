package eval

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
)

var numTokenRe = regexp.MustCompile(`\d+|[^\d]+`)

// number renders cs:number (CSL 1.0.2, "Number").
func (c *ctx) number(nm *style.Number) *output.Node {
	c.calls++
	v := c.lookupVar(nm.Variable)
	if v == "" {
		return nil
	}
	c.hits++
	if c.substituting > 0 {
		c.substVars = append(c.substVars, nm.Variable)
	}
	if !isNumeric(v) {
		if s, ok := c.labelledNumber(v, nm); ok {
			return c.format(c.supers(s), &nm.Formatting)
		}
		// cs:number prints a non-numeric value as plain text, markup
		// included (as citeproc-js does).
		return c.format(c.r.str(v), &nm.Formatting)
	}
	if c.sorting {
		return c.r.str(padNumbers(v))
	}
	gender := c.loc.Gender(c.varTerm(nm.Variable))
	var b strings.Builder
	for _, tok := range numTokenRe.FindAllString(v, -1) {
		if tok[0] >= '0' && tok[0] <= '9' {
			n, err := strconv.Atoi(tok)
			if err != nil {
				b.WriteString(tok)
				continue
			}
			switch nm.Form {
			case "ordinal":
				b.WriteString(c.loc.Ordinal(n, gender))
			case "long-ordinal":
				b.WriteString(c.loc.LongOrdinal(n, gender))
			case "roman":
				b.WriteString(roman(n))
			default:
				b.WriteString(tok)
			}
			continue
		}
		t := strings.TrimSpace(tok)
		switch t {
		case "-", "–":
			b.WriteString("–")
		case ",":
			b.WriteString(", ")
		case "&":
			amp, _ := c.term("and", "symbol", false)
			if amp == "" {
				amp = "&"
			}
			b.WriteString(" " + amp + " ")
		case "and":
			b.WriteString(" and ")
		default:
			b.WriteString(tok)
		}
	}
	return c.format(c.supers(b.String()), &nm.Formatting)
}

// unitLabels maps the unit abbreviations a number may carry ("p. 3-8")
// to their terms, as citeproc-js recognizes them.
var unitLabels = map[string]string{
	"vrs.": "verse", "sv.": "sub-verbo", "op.": "opus", "art.": "article", "bk.": "book", "ch.": "chapter",
	"col.": "column", "fig.": "figure", "fol.": "folio", "n.": "note", "l.": "line", "no.": "issue",
	"p.": "page", "pp.": "page", "para.": "paragraph", "pt.": "part", "sec.": "section", "tit.": "title",
	"vol.": "volume", "app.": "appendix", "supp.": "supplement", "tbl.": "table",
}

var (
	numSegmentSplitRe = regexp.MustCompile(`\s*[,;&]\s*`)
	numSegmentRe      = regexp.MustCompile(`^(?:([a-z]{1,5}\.)\s*)?(\d+)(?:\s*[-–]\s*(\d+))?$`)
)

// labelledNumber renders a number whose value names units of its own
// ("7, p. 3-8" → "7th, pp. 3–8"): the variable's own numbers take the
// element's form, the unit's numbers stay as written, each unit abbreviation becomes its short term (plural when it covers
// more than one number), ranges get an en dash. ok is false unless every
// part is a number or range, optionally after a known unit.
func (c *ctx) labelledNumber(v string, nm *style.Number) (string, bool) {
	parts := numSegmentSplitRe.Split(v, -1)
	delims := numSegmentSplitRe.FindAllString(v, -1)
	type seg struct{ label, from, to string }
	segs := make([]seg, len(parts))
	labelled := false
	for i, p := range parts {
		m := numSegmentRe.FindStringSubmatch(p)
		if m == nil {
			return "", false
		}
		if m[1] != "" {
			if _, ok := unitLabels[m[1]]; !ok {
				return "", false
			}
			labelled = true
		}
		segs[i] = seg{m[1], m[2], m[3]}
	}
	if !labelled {
		return "", false
	}
	gender := c.loc.Gender(c.varTerm(nm.Variable))
	num := func(tok string) string {
		n, err := strconv.Atoi(tok)
		if err != nil {
			return tok
		}
		switch nm.Form {
		case "ordinal":
			return c.loc.Ordinal(n, gender)
		case "long-ordinal":
			return c.loc.LongOrdinal(n, gender)
		case "roman":
			return roman(n)
		}
		return tok
	}
	var b strings.Builder
	unit := false // the numbers after a unit label are that unit's, not the variable's
	for i, s := range segs {
		if s.label != "" {
			unit = true
		}
		num := num
		if unit {
			num = func(tok string) string { return tok }
		}
		if i > 0 {
			d := strings.TrimSpace(delims[i-1])
			if d == "&" {
				b.WriteString(" & ")
			} else {
				b.WriteString(d + " ")
			}
		}
		if s.label != "" {
			// The unit covers this part and the unlabelled ones after it.
			count := 0
			for k := i; k < len(segs) && (k == i || segs[k].label == ""); k++ {
				count++
				if segs[k].to != "" {
					count++
				}
			}
			term, ok := c.term(unitLabels[s.label], "short", count > 1)
			if !ok {
				term = s.label
			}
			b.WriteString(term + " ")
		}
		b.WriteString(num(s.from))
		if s.to != "" {
			b.WriteString("–" + num(s.to))
		}
	}
	return b.String(), true
}

// padNumbers zero-pads each number in s so that strings sort numerically.
func padNumbers(s string) string {
	return numTokenRe.ReplaceAllStringFunc(s, func(t string) string {
		if t[0] >= '0' && t[0] <= '9' && len(t) < 10 {
			return strings.Repeat("0", 10-len(t)) + t
		}
		return t
	})
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// varTerm returns the term that labels a number variable: the term of
// the same name (CSL 1.0.2, Appendix II, "Number Variable Terms") when
// the locale chain has one, else the older locator term (page, volume,
// chapter) that locales without number-variable terms provide.
func (c *ctx) varTerm(v string) string {
	t := termForVar(v)
	if t == v {
		return v
	}
	// The most specific locale with either term decides, so that a
	// Russian locale's "page" is not passed over for the English
	// "number-of-pages" of the en-US fallback.
	for _, l := range c.loc {
		if l.Lookup(v, "long", "", "") != nil {
			return v
		}
		if l.Lookup(t, "long", "", "") != nil {
			return t
		}
	}
	return t
}

// termForVar returns the locator term that labels a number variable.
func termForVar(v string) string {
	switch v {
	case "number-of-pages", "page-first":
		return "page"
	case "number-of-volumes":
		return "volume"
	case "chapter-number":
		return "chapter"
	case "collection-number":
		return "collection-number"
	}
	return v
}

// label renders cs:label for a number variable or the locator (CSL 1.0.2,
// "Label").
func (c *ctx) label(l *style.Label, variable string) *output.Node {
	var v, term string
	if variable == "locator" {
		if c.cite == nil || c.cite.Locator == "" {
			return nil
		}
		v = c.cite.Locator
		term = c.cite.Label
		if term == "" {
			term = "page"
		}
		if term == "sub verbo" {
			term = "sub-verbo"
		}
	} else {
		v = c.lookupVar(variable)
		if v == "" {
			return nil
		}
		term = c.varTerm(variable)
	}
	if variable == "locator" {
		if embeddedLabelRe.MatchString(v) {
			// The locator names its own unit ("vol. 1, fol. 186").
			return nil
		}
		if loc := embeddedLabelAfterRe.FindStringIndex(v); loc != nil {
			// Only the part before another unit counts for the plural
			// ("367-368, fig. 333").
			v = v[:loc[0]]
		}
	}
	plural := false
	switch l.Plural {
	case "always":
		plural = true
	case "never":
	default:
		if variable == "number-of-pages" || variable == "number-of-volumes" {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			plural = err == nil && n > 1
		} else {
			plural = isPlural(v)
		}
	}
	s, ok := c.term(term, l.Form, plural)
	if !ok || s == "" {
		return nil
	}
	return c.formatTerm(c.rich(s), &l.Formatting)
}

// embeddedLabelRe matches a locator that starts with its own label
// abbreviation; embeddedLabelAfterRe finds one later in the locator.
var (
	embeddedLabelRe      = regexp.MustCompile(`^\s*\p{L}{1,6}\.\s*\d`)
	embeddedLabelAfterRe = regexp.MustCompile(`[,;]?\s+\p{L}{1,6}\.\s*\d`)
)

// pageRange formats a page range per the style's page-range-format
// (CSL 1.0.2, Appendix V) and replaces hyphens with en dashes.
func (c *ctx) pageRange(v string) string {
	format := c.opt("page-range-format")
	return formatRanges(v, format, c.rangeDelim())
}

func (c *ctx) rangeDelim() string {
	if c.lang == c.r.e.lang && c.r.rangeDelim != "" {
		return c.r.rangeDelim
	}
	d := "–"
	if s, ok := c.term("page-range-delimiter", "long", false); ok {
		d = s
	}
	if c.lang == c.r.e.lang && d != "" {
		c.r.rangeDelim = d
	}
	return d
}

var rangeRe = regexp.MustCompile(`([A-Za-z0-9]+)\s*(?:-+|–|—)\s*([A-Za-z0-9]+)`)

var prefixedNumRe = regexp.MustCompile(`^((?:\d*[A-Za-z]+)?)(\d+)$`)

// formatRanges formats the ranges in a page or locator value: ranges of
// numbers with the same (or no) letter prefix are abbreviated per format
// and joined with delim; ranges of roman numerals get delim; anything
// else ("N110-5", "123N110-N5") is left as written.
func formatRanges(v, format, delim string) string {
	if !strings.ContainsAny(v, "-–—") {
		return v
	}
	if a, b, ok := simpleRange(v); ok {
		// The common case, a whole value "101-120", without regexps.
		if format == "" {
			return a + delim + b
		}
		end, ok := abbreviateRange(a, b, format)
		if !ok {
			return v
		}
		return a + delim + end
	}
	return rangeRe.ReplaceAllStringFunc(v, func(m string) string {
		sub := rangeRe.FindStringSubmatch(m)
		a, b := sub[1], sub[2]
		ma, mb := prefixedNumRe.FindStringSubmatch(a), prefixedNumRe.FindStringSubmatch(b)
		switch {
		case format == "" && (ma != nil && mb != nil || romanRe.MatchString(a) && romanRe.MatchString(b)):
			return a + delim + b
		case ma != nil && mb != nil && ma[1] == mb[1]:
			end, ok := abbreviateRange(ma[2], mb[2], format)
			if !ok {
				return m
			}
			if format == "expanded" {
				end = mb[1] + end
			}
			return a + delim + end
		case ma == nil && mb == nil && romanRe.MatchString(a) && romanRe.MatchString(b):
			return a + delim + b
		}
		return a + "-" + b
	})
}

// simpleRange splits a value that is just a range of two numbers
// ("101-120", "7 – 9"; hyphens, an en or em dash) into its ends.
func simpleRange(v string) (a, b string, ok bool) {
	i := 0
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	if i == 0 {
		return "", "", false
	}
	a = v[:i]
	for i < len(v) && v[i] == ' ' {
		i++
	}
	switch {
	case strings.HasPrefix(v[i:], "-"):
		for i < len(v) && v[i] == '-' {
			i++
		}
	case strings.HasPrefix(v[i:], "–"), strings.HasPrefix(v[i:], "—"):
		i += len("–")
	default:
		return "", "", false
	}
	for i < len(v) && v[i] == ' ' {
		i++
	}
	j := i
	for j < len(v) && v[j] >= '0' && v[j] <= '9' {
		j++
	}
	if j == i || j != len(v) {
		return "", "", false
	}
	return a, v[i:], true
}

// abbreviateRange returns the end of the range na–nb (digits only) in the
// page-range-format (CSL 1.0.2, Appendix V); ok is false when the end is
// below the start.
func abbreviateRange(na, nb, format string) (string, bool) {
	ia, _ := strconv.Atoi(na)
	ib, _ := strconv.Atoi(nb)
	if len(nb) < len(na) {
		// Expand an already-abbreviated end ("321-8") first.
		nb = na[:len(na)-len(nb)] + nb
		ib, _ = strconv.Atoi(nb)
	}
	if ib < ia {
		return "", false
	}
	switch format {
	case "expanded":
		return nb, true
	case "minimal":
		return minimal(na, nb, 1), true
	case "minimal-two":
		return minimal(na, nb, 2), true
	case "chicago", "chicago-15", "chicago-16":
		return chicago(ia, na, nb, format), true
	}
	return nb, true
}

func minimal(a, b string, keep int) string {
	if len(a) != len(b) {
		return b
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(b)-i < keep {
		i = len(b) - keep
		if i < 0 {
			i = 0
		}
	}
	return b[i:]
}

func chicago(ia int, a, b, format string) string {
	switch {
	case ia < 100 || ia%100 == 0:
		return b
	case ia%100 < 10:
		return minimal(a, b, 1)
	case len(a) == 4 && format != "chicago-16" && len(b) == 4 && a[0] == b[0]:
		// Chicago 15th: four-digit numbers that change in more than the
		// last two digits keep three.
		m := minimal(a, b, 2)
		if len(m) > 2 {
			return b
		}
		return m
	}
	return minimal(a, b, 2)
}

// trigraph generates a citation-label as citeproc-js does by default
// ("Aaaa00:AaAa00:AaAA00:AAAA00"): letters of the first authors' family
// names and the last two digits of the year.
func (c *ctx) trigraph() string {
	var names []item.Name
	for _, v := range []string{"author", "editor", "translator"} {
		if len(c.it.NamesOf(v)) > 0 {
			names = c.it.NamesOf(v)
			break
		}
	}
	var b strings.Builder
	take := func(n item.Name, k int) {
		rs := []rune(n.Family)
		if n.IsLiteral() {
			rs = []rune(n.LiteralText())
		}
		if len(rs) > k {
			rs = rs[:k]
		}
		b.WriteString(string(rs))
	}
	switch {
	case len(names) == 1:
		take(names[0], 4)
	case len(names) == 2:
		take(names[0], 2)
		take(names[1], 2)
	case len(names) == 3:
		take(names[0], 2)
		take(names[1], 1)
		take(names[2], 1)
	case len(names) >= 4:
		for _, n := range names[:4] {
			take(n, 1)
		}
	}
	if d, ok := c.it.Date("issued"); ok && d.Year() != 0 {
		fmt.Fprintf(&b, "%02d", d.Year()%100)
	}
	return b.String()
}
