package bib

import (
	"fmt"
	"strconv"
	"strings"
)

// DatePart is one end of a date: a year, optionally a month and a day.
// Zero Month or Day means "not given". Parse keeps out-of-range numbers so
// that check can report them with their position.
type DatePart struct {
	Year  int
	Month int
	Day   int
}

// MaxYear is the largest year, in magnitude, that a Date holds: ParseDate
// reads years of at most nine digits, and String writes every year from
// -MaxYear to MaxYear so that ParseDate reads it back. Importers refuse
// years beyond it, which neither EDTF as cite stores it nor CSL-JSON
// processors can use.
const MaxYear = 999_999_999

// IsZero reports whether p holds no date at all.
func (p DatePart) IsZero() bool { return p == DatePart{} }

// Date is a CSL date variable: a single date or a range, possibly
// approximate ("circa") or uncertain, or a Literal that cannot be parsed
// (such as "n.d." or "Spring term"). Season is 1–4 (spring, summer, autumn,
// winter) when only a season is known.
type Date struct {
	Start       DatePart
	End         DatePart
	Range       bool
	Season      int
	Approximate bool
	Uncertain   bool
	Literal     string
	Pos         Pos
}

// IsZero reports whether d holds nothing.
func (d Date) IsZero() bool {
	return d.Start.IsZero() && d.End.IsZero() && !d.Range && d.Season == 0 && d.Literal == ""
}

// Year returns the first year of d, or 0.
func (d Date) Year() int { return d.Start.Year }

// ParseDate parses an EDTF (ISO 8601-2) date string as cite stores dates:
// "1992", "1992-05", "1992-05-16", ranges "2014/2020" and
// "1992-05-16/1992-05-20", open ranges "2014/..", seasons "2001-21"…"2001-24",
// and the qualifiers "?" (uncertain), "~" (approximate) and "%" (both).
//
// Only the shape is checked here: a month of 13 or a day of 31 February parse
// and are reported by package check, which knows the field's position. A
// year range written with a hyphen or a dash ("2014-2020") is refused with a
// hint, since in EDTF it would read as a month.
func ParseDate(s string) (Date, error) {
	var d Date
	t := strings.TrimSpace(s)
	if t == "" {
		return d, fmt.Errorf("empty date")
	}
	first, second, isRange := strings.Cut(t, "/")
	if !isRange {
		for _, dash := range []string{"–", "—"} {
			if a, b, ok := strings.Cut(t, dash); ok {
				return d, fmt.Errorf("date %q uses a dash; write a range as %s/%s", s, strings.TrimSpace(a), strings.TrimSpace(b))
			}
		}
	}
	d.Range = isRange
	var err error
	if d.Start, err = d.parseEnd(first, s, isRange); err != nil {
		return Date{}, err
	}
	if isRange {
		if d.End, err = d.parseEnd(second, s, true); err != nil {
			return Date{}, err
		}
		if d.Start.IsZero() && d.End.IsZero() {
			return Date{}, fmt.Errorf("date %q has no year on either side of the range", s)
		}
	}
	if !isRange && d.Start.Month >= 21 && d.Start.Month <= 24 {
		d.Season = d.Start.Month - 20
		d.Start.Month = 0
	}
	return d, nil
}

// parseEnd parses one side of a date; an open side (".." or empty) of a
// range is the zero DatePart.
func (d *Date) parseEnd(s, whole string, inRange bool) (DatePart, error) {
	var p DatePart
	s = strings.TrimSpace(s)
	if inRange && (s == ".." || s == "") {
		return p, nil
	}
	for len(s) > 0 {
		switch s[len(s)-1] {
		case '?':
			d.Uncertain = true
		case '~':
			d.Approximate = true
		case '%':
			d.Uncertain, d.Approximate = true, true
		default:
			goto done
		}
		s = s[:len(s)-1]
	}
done:
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	fields := strings.Split(s, "-")
	if len(fields) > 3 {
		return p, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", whole)
	}
	nums := make([]int, len(fields))
	for i, f := range fields {
		if f == "" || len(f) > 9 || strings.Trim(f, "0123456789") != "" {
			return p, fmt.Errorf("date %q is not an EDTF date (YYYY, YYYY-MM, YYYY-MM-DD, or START/END)", whole)
		}
		n, err := strconv.Atoi(f)
		if err != nil {
			return p, fmt.Errorf("date %q: %v", whole, err)
		}
		nums[i] = n
	}
	for i, f := range fields[1:] {
		if len(f) <= 2 {
			continue
		}
		if i == 0 && len(f) == 4 {
			return p, fmt.Errorf("date %q looks like a year range; write it as %s/%s", whole, fields[0], f)
		}
		return p, fmt.Errorf("date %q: a month or day has at most two digits", whole)
	}
	p.Year = nums[0]
	if neg {
		p.Year = -p.Year
	}
	if len(nums) > 1 {
		p.Month = nums[1]
	}
	if len(nums) > 2 {
		p.Day = nums[2]
	}
	return p, nil
}

// CheckCalendar reports the first end of d that names no day of the
// calendar: a month other than 1–12 (or, without a day, a season 21–24), a
// day the month does not have, a day without a month, a year beyond
// MaxYear. ParseDate keeps such numbers so that package check can report
// them in a library file; importers call CheckCalendar to refuse them on
// the way in, since neither EDTF nor CSL-JSON can express them (CSL-JSON
// would read a month 13 as a season). A Literal date has nothing to check.
func (d Date) CheckCalendar() error {
	if d.Literal != "" {
		return nil
	}
	if d.Season != 0 && d.Start.Day != 0 {
		return fmt.Errorf("the season %d has a day, %d", d.Season+20, d.Start.Day)
	}
	for _, p := range []DatePart{d.Start, d.End} {
		if err := p.checkCalendar(); err != nil {
			return err
		}
	}
	return nil
}

func (p DatePart) checkCalendar() error {
	switch {
	case p.IsZero():
		return nil
	case p.Year > MaxYear || p.Year < -MaxYear:
		return fmt.Errorf("the year %d has more than nine digits", p.Year)
	case p.Month == 0 && p.Day != 0:
		return fmt.Errorf("the day %d has no month", p.Day)
	case p.Month >= 21 && p.Month <= 24 && p.Day == 0:
		return nil // a season
	case p.Month < 0 || p.Month > 12:
		return fmt.Errorf("the month %d is neither 1 to 12 nor a season, 21 to 24", p.Month)
	case p.Day != 0 && (p.Day < 1 || p.Day > DaysIn(p.Year, p.Month)):
		return fmt.Errorf("the day %d is not a day of %04d-%02d", p.Day, p.Year, p.Month)
	}
	return nil
}

// DaysIn returns the number of days of month (1–12) in year, in the
// proleptic Gregorian calendar that EDTF uses.
func DaysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// String formats d in the canonical EDTF form that ParseDate reads back:
// ParseDate(d.String()) equals d for every d without a Literal. A Literal date
// returns its text.
func (d Date) String() string {
	if d.Literal != "" {
		return d.Literal
	}
	q := ""
	switch {
	case d.Approximate && d.Uncertain:
		q = "%"
	case d.Approximate:
		q = "~"
	case d.Uncertain:
		q = "?"
	}
	start := d.Start
	if d.Season != 0 && start.Month == 0 {
		start.Month = d.Season + 20
	}
	if !d.Range {
		return formatPart(start) + q
	}
	a, b := "..", ".."
	if !start.IsZero() {
		a = formatPart(start) + q
	}
	if !d.End.IsZero() {
		b = formatPart(d.End) + q
	}
	return a + "/" + b
}

func formatPart(p DatePart) string {
	y := p.Year
	sign := ""
	if y < 0 {
		sign, y = "-", -y
	}
	s := fmt.Sprintf("%s%04d", sign, y)
	if p.Month != 0 || p.Day != 0 {
		s += fmt.Sprintf("-%02d", p.Month)
	}
	if p.Day != 0 {
		s += fmt.Sprintf("-%02d", p.Day)
	}
	return s
}
