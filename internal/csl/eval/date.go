package eval

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/locale"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
)

// date renders cs:date, localized or not, including date ranges (CSL
// 1.0.2, "Date", "Date Ranges").
func (c *ctx) date(d *style.Date) (out *output.Node) {
	c.calls++
	if c.isSuppressed(d.Variable) {
		return nil
	}
	dv, ok := c.it.Date(d.Variable)
	if !ok || dv.IsZero() {
		return nil
	}
	c.curDateVar = d.Variable
	if c.substituting > 0 {
		c.substVars = append(c.substVars, d.Variable)
	}
	if c.sorting {
		c.hits++
		which := d.DateParts
		if d.Form == "" {
			// A non-localized date sorts by the parts it shows.
			which = "year"
			for _, p := range d.Parts {
				if p.Name == "month" && which == "year" {
					which = "year-month"
				}
				if p.Name == "day" {
					which = "year-month-day"
				}
			}
		}
		return c.r.str(dateSortKey(dv, which, true))
	}
	if len(dv.Parts) == 0 {
		c.hits++
		return c.format(c.rich(dv.Literal), &d.Formatting)
	}
	// A date whose parts all turn out empty counts as an empty variable.
	defer func() {
		if out != nil && !out.Empty() {
			c.hits++
		}
	}()
	parts, delim, outer := c.dateParts(d)
	if len(parts) == 0 {
		return nil
	}
	n := c.renderDateParts(dv, parts, delim)
	if n == nil {
		return nil
	}
	f := d.Formatting
	if outer != nil {
		// A localized date's own formatting sits inside the cs:date's.
		n = c.format(n, &locale.Formatting{Prefix: outer.Prefix, Suffix: outer.Suffix, FontStyle: outer.FontStyle,
			FontWeight: outer.FontWeight, FontVariant: outer.FontVariant, TextDecoration: outer.TextDecoration,
			VerticalAlign: outer.VerticalAlign, TextCase: outer.TextCase})
	}
	return c.format(n, &f)
}

// dateParts resolves the date parts to render: a localized format filtered
// by date-parts and overridden by the element's cs:date-part children, or
// the element's own parts.
func (c *ctx) dateParts(d *style.Date) ([]locale.DatePart, string, *locale.Formatting) {
	if d.Form == "" {
		return d.Parts, d.Delimiter, nil
	}
	// The result depends on the element and the locale chain only.
	k := datePartsKey{d, c.lang}
	if v, ok := c.r.dateFmts[k]; ok {
		return v.parts, v.delim, v.f
	}
	parts, delim, f := c.resolveDateParts(d)
	if c.r.dateFmts == nil {
		c.r.dateFmts = map[datePartsKey]datePartsValue{}
	}
	c.r.dateFmts[k] = datePartsValue{parts, delim, f}
	return parts, delim, f
}

type datePartsKey struct {
	d    *style.Date
	lang string
}

type datePartsValue struct {
	parts []locale.DatePart
	delim string
	f     *locale.Formatting
}

func (c *ctx) resolveDateParts(d *style.Date) ([]locale.DatePart, string, *locale.Formatting) {
	df := c.loc.Date(d.Form)
	if df == nil {
		c.warn("locale has no %s date format", d.Form)
		return nil, "", nil
	}
	want := map[string]bool{"year": true}
	switch d.DateParts {
	case "year-month-day":
		want["month"], want["day"] = true, true
	case "year-month":
		want["month"] = true
	}
	var out []locale.DatePart
	for _, p := range df.Parts {
		if !want[p.Name] {
			continue
		}
		for _, o := range d.Parts {
			if o.Name != p.Name {
				continue
			}
			if o.Form != "" {
				p.Form = o.Form
			}
			if o.RangeDelimiter != "" {
				p.RangeDelimiter = o.RangeDelimiter
			}
			pf := p.Formatting
			of := o.Formatting
			if of.TextCase != "" {
				pf.TextCase = of.TextCase
			}
			if of.FontStyle != "" {
				pf.FontStyle = of.FontStyle
			}
			if of.FontWeight != "" {
				pf.FontWeight = of.FontWeight
			}
			if of.FontVariant != "" {
				pf.FontVariant = of.FontVariant
			}
			if of.TextDecoration != "" {
				pf.TextDecoration = of.TextDecoration
			}
			if of.VerticalAlign != "" {
				pf.VerticalAlign = of.VerticalAlign
			}
			if of.StripPeriods {
				pf.StripPeriods = true
			}
			if of.Prefix != "" {
				pf.Prefix = of.Prefix
			}
			if of.Suffix != "" {
				pf.Suffix = of.Suffix
			}
			p.Formatting = pf
		}
		out = append(out, p)
	}
	// The last part's suffix is dropped when parts were filtered away
	// and it was meant as a separator.
	if len(out) > 0 && len(out) < len(df.Parts) {
		lastKept := out[len(out)-1]
		if lastKept.Name != df.Parts[len(df.Parts)-1].Name && !strings.ContainsFunc(lastKept.Suffix, unicode.IsLetter) {
			// A separator suffix ("-", "/", ", ") goes with the dropped
			// part; a word suffix (年, 月) stays.
			out[len(out)-1].Suffix = ""
		}
		if out[0].Name != df.Parts[0].Name {
			out[0].Prefix = ""
		}
	}
	f := df.Formatting
	return out, df.Delimiter, &f
}

func (c *ctx) renderDateParts(dv item.Date, parts []locale.DatePart, delim string) *output.Node {
	start := dv.Parts[0]
	if dv.Season != "" && start.Month == 0 {
		if n, err := strconv.Atoi(dv.Season); err == nil && n >= 1 && n <= 4 {
			start.Month = 12 + n
		}
	}
	if dv.OpenEnd {
		// An open range ("1987–").
		j := c.joiner()
		j.add(c.datePartsSeq(start, parts, delim, dv))
		rd := "–"
		for _, p := range parts {
			if p.Name == "year" && p.RangeDelimiter != "" {
				rd = p.RangeDelimiter
			}
		}
		j.text(rd)
		return j.node()
	}
	if !dv.IsRange() {
		return c.datePartsSeq(start, parts, delim, dv)
	}
	end := dv.Parts[1]
	// Only parts with a value in the range take part.
	var present []locale.DatePart
	for _, p := range parts {
		switch {
		case p.Name == "month" && start.Month == 0 && end.Month == 0:
		case p.Name == "day" && start.Day == 0 && end.Day == 0:
		default:
			present = append(present, p)
		}
	}
	parts = present
	// Find the largest differing part.
	var diff string
	switch {
	case start.Year != end.Year:
		diff = "year"
	case start.Month != end.Month:
		diff = "month"
	default:
		diff = "day"
	}
	rank := map[string]int{"day": 0, "month": 1, "year": 2}
	inRange := func(p locale.DatePart) bool { return rank[p.Name] <= rank[diff] }
	// Only parts that are shown matter.
	rd := "–"
	for _, p := range parts {
		if p.Name == diff {
			rd = p.RangeDelimiter
			if rd == "" {
				rd = "–"
			}
		}
	}
	hasDiff := false
	for _, p := range parts {
		if p.Name == diff {
			hasDiff = true
		}
	}
	if !hasDiff {
		return c.datePartsSeq(start, parts, delim, dv)
	}
	if diff == "year" {
		a := c.datePartsSeq(start, trimLastSuffix(parts), delim, dv)
		b := c.datePartsSeq(end, parts, delim, dv)
		j := c.joiner()
		j.add(a)
		j.text(rd)
		j.add(b)
		return j.node()
	}
	// Split into the leading shared run, the differing run, and the
	// trailing shared run.
	first, last := -1, -1
	for i, p := range parts {
		if inRange(p) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	j := c.joiner()
	if first > 0 {
		j.add(c.datePartsSeq(start, parts[:first], delim, dv))
		if delim != "" {
			j.text(delim)
		}
	}
	seg := parts[first : last+1]
	j.add(c.datePartsSeq(start, trimLastSuffix(seg), delim, dv))
	j.text(rd)
	j.add(c.datePartsSeq(end, trimFirstPrefix(seg), delim, dv))
	if last < len(parts)-1 {
		if delim != "" {
			j.text(delim)
		}
		j.add(c.datePartsSeq(start, parts[last+1:], delim, dv))
	}
	return j.node()
}

func trimLastSuffix(ps []locale.DatePart) []locale.DatePart {
	out := append([]locale.DatePart(nil), ps...)
	if len(out) > 0 {
		out[len(out)-1].Suffix = ""
	}
	return out
}

func trimFirstPrefix(ps []locale.DatePart) []locale.DatePart {
	out := append([]locale.DatePart(nil), ps...)
	if len(out) > 0 {
		out[0].Prefix = ""
	}
	return out
}

func (c *ctx) datePartsSeq(dp item.DateParts, parts []locale.DatePart, delim string, dv item.Date) *output.Node {
	j := c.joiner()
	hasDay := false
	for _, p := range parts {
		if p.Name == "day" && dp.Day > 0 {
			hasDay = true
		}
	}
	for _, p := range parts {
		n := c.datePart(dp, p, hasDay)
		if n == nil {
			continue
		}
		if !j.empty() && delim != "" {
			j.text(delim)
		}
		j.add(n)
	}
	return j.node()
}

func (c *ctx) datePart(dp item.DateParts, p locale.DatePart, hasDay bool) *output.Node {
	var s string
	switch p.Name {
	case "year":
		y := dp.Year
		if y == 0 {
			return nil
		}
		switch {
		case y < 0:
			bc, _ := c.term("bc", "long", false)
			s = strconv.Itoa(-y) + bc
		case p.Form == "short":
			s = fmt.Sprintf("%02d", y%100)
		default:
			s = strconv.Itoa(y)
			if y < 1000 {
				ad, _ := c.term("ad", "long", false)
				s += ad
			}
		}
		if c.curDateVar == "issued" {
			s += c.implicitYearSuffix()
		}
	case "month":
		m := dp.Month
		if m == 0 {
			return nil
		}
		if m >= 13 && m <= 16 {
			// Seasons print as their term whatever the form.
			s, _ = c.term(fmt.Sprintf("season-%02d", m-12), "long", false)
			break
		}
		if m > 12 {
			return nil
		}
		switch p.Form {
		case "numeric":
			s = strconv.Itoa(m)
		case "numeric-leading-zeros":
			s = fmt.Sprintf("%02d", m)
		default:
			form := "long"
			if p.Form == "short" {
				form = "short"
			}
			gcase := ""
			if hasDay {
				gcase = "genitive"
			}
			if t := c.loc.Find(fmt.Sprintf("month-%02d", m), form, "", gcase); t != nil {
				s = t.Single
			}
		}
	case "day":
		d := dp.Day
		if d == 0 {
			return nil
		}
		switch p.Form {
		case "numeric-leading-zeros":
			s = fmt.Sprintf("%02d", d)
		case "ordinal":
			if d != 1 && c.loc.LimitDayOrdinals() {
				s = strconv.Itoa(d)
			} else {
				s = c.loc.Ordinal(d, c.monthGender(dp.Month))
			}
		default:
			s = strconv.Itoa(d)
		}
	}
	if s == "" {
		return nil
	}
	f := p.Formatting
	return c.format(c.supers(s), &f)
}

func (c *ctx) monthGender(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return c.loc.Gender(fmt.Sprintf("month-%02d", m))
}

// dateSortKey returns a string that sorts dates chronologically: the
// year (offset so BC sorts first), month and day zero-padded, with the
// range end appended. Only the parts a date element shows are used when
// it is called from a macro.
func dateSortKey(d item.Date, which string, filtered bool) string {
	if len(d.Parts) == 0 {
		return d.Literal
	}
	var buf [25]byte
	b := buf[:0]
	one := func(p item.DateParts) {
		m, dd := p.Month, p.Day
		if filtered {
			switch which {
			case "year":
				m, dd = 0, 0
			case "year-month":
				dd = 0
			}
		}
		if m > 12 {
			m = 0
		}
		b = appendPadded(b, p.Year+50000000, 8)
		b = appendPadded(b, m, 2)
		b = appendPadded(b, dd, 2)
	}
	one(d.Parts[0])
	if len(d.Parts) > 1 {
		b = append(b, '-')
		one(d.Parts[1])
	}
	return string(b)
}

// appendPadded appends n in decimal, zero-padded to width digits (as
// fmt's %0*d does, a minus sign counting as a digit).
func appendPadded(b []byte, n, width int) []byte {
	var d [20]byte
	i := len(d)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 || i == len(d) {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	digits := len(d) - i
	if neg {
		digits++
	}
	if neg {
		b = append(b, '-')
	}
	for ; digits < width; digits++ {
		b = append(b, '0')
	}
	return append(b, d[i:]...)
}
