package check

import (
	"fmt"

	"github.com/cite-project/cite/internal/bib"
)

// dates checks every date variable of e: months and days that exist,
// plausible years, run-together year ranges, ordered ranges, and access
// dates that are neither in the future nor before the work was issued.
func (c *checker) dates(e *bib.Entry) {
	for name, d := range e.AllDates() {
		if d.Literal != "" || d.IsZero() {
			continue
		}
		pos := d.Pos
		if pos.Line == 0 {
			pos = e.PosOf(name)
		}
		ok := c.datePart(e, name, pos, d, d.Start)
		if d.Range {
			ok = c.datePart(e, name, pos, d, d.End) && ok
			if ok && !d.Start.IsZero() && !d.End.IsZero() {
				if cmp, sure := comparePart(d.End, d.Start); sure && cmp < 0 {
					fix := d
					fix.Start, fix.End = d.End, d.Start
					c.reportAt(pos, e.ID, name, CodeDateRangeOrder, fmt.Sprintf("%s %q ends before it starts: write %s = %q", name, d.String(), name, fix.String()))
				}
			}
		}
		if name == "accessed" && ok {
			c.accessed(e, pos, d)
		}
	}
}

// datePart checks one end of a date and reports whether it is valid.
func (c *checker) datePart(e *bib.Entry, name string, pos bib.Pos, d bib.Date, p bib.DatePart) bool {
	if p.IsZero() {
		return true
	}
	if a, b, ok := splitYears(p.Year, c.today.Year); ok {
		c.reportAt(pos, e.ID, name, CodeRunTogetherYears, fmt.Sprintf("%s year %d looks like the years %d–%d run together: write %s = \"%d/%d\"", name, p.Year, a, b, name, a, b))
		return false
	}
	valid := true
	if p.Year > c.today.Year+1 {
		c.reportAt(pos, e.ID, name, CodeImplausibleYear, fmt.Sprintf("%s year %d lies in the future: check the year", name, p.Year))
		valid = false
	}
	switch {
	case p.Month == 0 && p.Day != 0:
		c.reportAt(pos, e.ID, name, CodeInvalidDate, fmt.Sprintf("%s %q has a day but no month: write %s = \"YYYY-MM-DD\"", name, d.String(), name))
		return false
	case p.Month >= 21 && p.Month <= 24 && p.Day == 0:
		// EDTF seasons: 21 spring … 24 winter.
	case p.Month < 0 || p.Month > 12:
		c.reportAt(pos, e.ID, name, CodeInvalidDate, fmt.Sprintf("%s %q has the month %d; months run from 1 to 12 (seasons 21–24): check the date", name, d.String(), p.Month))
		return false
	case p.Day != 0:
		if n := bib.DaysIn(p.Year, p.Month); p.Day < 1 || p.Day > n {
			c.reportAt(pos, e.ID, name, CodeInvalidDate, fmt.Sprintf("%s %q has the day %d, but %s %d has %d days: check the date", name, d.String(), p.Day, monthNames[p.Month-1], p.Year, n))
			return false
		}
	}
	return valid
}

// accessed checks the access date against today and the issued date.
func (c *checker) accessed(e *bib.Entry, pos bib.Pos, d bib.Date) {
	last := d.Start
	if d.Range && !d.End.IsZero() {
		last = d.End
	}
	if cmp, sure := comparePart(last, c.today); sure && cmp > 0 {
		c.reportAt(pos, e.ID, "accessed", CodeFutureAccess, fmt.Sprintf("accessed %q lies after today (%s): write the day you consulted the work", d.String(), bib.Date{Start: c.today}.String()))
		return
	}
	issued, ok := e.Date("issued")
	if !ok || issued.Literal != "" || issued.Start.IsZero() {
		return
	}
	if cmp, sure := comparePart(last, issued.Start); sure && cmp < 0 {
		c.reportAt(pos, e.ID, "accessed", CodeAccessBeforeIssue, fmt.Sprintf("accessed %q lies before issued %q: check both dates", d.String(), issued.String()))
	}
}

// splitYears reports whether y is two plausible years written without
// the dash between them (20142020 → 2014, 2020): eight digits whose halves
// are years from 1000 to thisYear+1, in increasing order.
func splitYears(y, thisYear int) (int, int, bool) {
	if y < 10000000 || y > 99999999 {
		return 0, 0, false
	}
	a, b := y/10000, y%10000
	if a < 1000 || b <= a || b > thisYear+1 || b-a > 200 {
		return 0, 0, false
	}
	return a, b, true
}

// comparePart compares two partial dates on the precision both give. It
// reports sure = false when they agree as far as both go (1992 and
// 1992-05), since either may then come first.
func comparePart(a, b bib.DatePart) (cmp int, sure bool) {
	if a.Year != b.Year {
		return sign(a.Year - b.Year), true
	}
	if a.Month == 0 || b.Month == 0 || a.Month > 12 || b.Month > 12 {
		return 0, false
	}
	if a.Month != b.Month {
		return sign(a.Month - b.Month), true
	}
	if a.Day == 0 || b.Day == 0 {
		return 0, false
	}
	return sign(a.Day - b.Day), a.Day != b.Day
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// runTogetherYears finds 8-digit numbers in s that read as two years run
// together ("20142020") and returns each as its digits and the fixed
// form "2014–2020".
func runTogetherYears(s string, thisYear int) (found, fixed []string) {
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i == 8 {
			y := 0
			for _, ch := range s[i:j] {
				y = y*10 + int(ch-'0')
			}
			if a, b, ok := splitYears(y, thisYear); ok {
				found = append(found, s[i:j])
				fixed = append(fixed, fmt.Sprintf("%d–%d", a, b))
			}
		}
		i = j
	}
	return found, fixed
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
