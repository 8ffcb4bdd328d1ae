package bib

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
	}{
		{"1992", Date{Start: DatePart{Year: 1992}}},
		{"1992-05", Date{Start: DatePart{1992, 5, 0}}},
		{"1992-05-16", Date{Start: DatePart{1992, 5, 16}}},
		{" 1992-5-16 ", Date{Start: DatePart{1992, 5, 16}}},
		{"2014/2020", Date{Start: DatePart{Year: 2014}, End: DatePart{Year: 2020}, Range: true}},
		{"1992-05-16/1992-05-20", Date{Start: DatePart{1992, 5, 16}, End: DatePart{1992, 5, 20}, Range: true}},
		{"2014/..", Date{Start: DatePart{Year: 2014}, Range: true}},
		{"../2014", Date{End: DatePart{Year: 2014}, Range: true}},
		{"1993?", Date{Start: DatePart{Year: 1993}, Uncertain: true}},
		{"1993~", Date{Start: DatePart{Year: 1993}, Approximate: true}},
		{"1993%", Date{Start: DatePart{Year: 1993}, Approximate: true, Uncertain: true}},
		{"2001-21", Date{Start: DatePart{Year: 2001}, Season: 1}},
		{"-0044-03-15", Date{Start: DatePart{-44, 3, 15}}},
		// Shape only: out-of-range numbers are check's business.
		{"1992-13-40", Date{Start: DatePart{1992, 13, 40}}},
		{"20142020", Date{Start: DatePart{Year: 20142020}}},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil {
			t.Errorf("ParseDate(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %+v; want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct{ in, wantSubstr string }{
		{"", "empty"},
		{"May 16, 1992", "not an EDTF date"},
		{"2014–2020", "write a range as 2014/2020"},
		{"2014-2020", "write it as 2014/2020"},
		{"1992-05-16-01", "not YYYY"},
		{"../..", "no year"},
		{"1992/x", "not an EDTF date"},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in)
		if err == nil {
			t.Errorf("ParseDate(%q) succeeded; want error containing %q", tt.in, tt.wantSubstr)
			continue
		}
		if !contains(err.Error(), tt.wantSubstr) {
			t.Errorf("ParseDate(%q) error = %q; want it to contain %q", tt.in, err, tt.wantSubstr)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestDateStringRoundTrip(t *testing.T) {
	for _, in := range []string{"1992", "1992-05", "1992-05-16", "2014/2020", "2014/..", "../2014", "1993?", "1993~", "1993%", "2001-21", "-0044-03-15", "1990-01~/1995-02~"} {
		d, err := ParseDate(in)
		if err != nil {
			t.Fatalf("ParseDate(%q): %v", in, err)
		}
		if got := d.String(); got != in {
			t.Errorf("ParseDate(%q).String() = %q; want %q", in, got, in)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1992-05-16", "2014/2020", "1993%", "20142020", "../..", "2001-21"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var (
			d   Date
			err error
		)
		testkit.AllocBudget(t, "ParseDate", len(s), 256, 64<<10, func() { d, err = ParseDate(s) })
		if err != nil {
			return
		}
		testkit.OutputBudget(t, "Date.String", len(s), len(d.String()), 4, 64)
		again, err := ParseDate(d.String())
		if err != nil {
			t.Fatalf("ParseDate(%q) = %+v whose String %q does not parse: %v", s, d, d.String(), err)
		}
		if again != d {
			t.Fatalf("round trip of %q: %+v -> %q -> %+v", s, d, d.String(), again)
		}
	})
}

func TestCheckCalendar(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // "" for a date of the calendar
	}{
		{"2020", ""},
		{"2020-02-29", ""},
		{"2000-02-29", ""},
		{"-0004-02-29", ""},
		{"2001-21", ""},
		{"2001-21/2002-24", ""},
		{"2014/..", ""},
		{"1992-05-16/1992-05-20", ""},
		{"2020-13-45", "the month 13"},
		{"2020-13", "the month 13"},
		{"2001-21-05", "the season 21 has a day"},
		{"2020-00-10", "the day 10 has no month"},
		{"2019-02-29", "the day 29 is not a day of 2019-02"},
		{"1900-02-29", "the day 29 is not a day of 1900-02"},
		{"2020-04-31", "the day 31"},
		{"2020-01-00", ""}, // a zero day is "not given"
		{"2020/2021-99", "the month 99"},
	} {
		d, err := ParseDate(tt.in)
		if err != nil {
			t.Fatalf("ParseDate(%q): %v", tt.in, err)
		}
		err = d.CheckCalendar()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckCalendar(%s) = %v; want nil", tt.in, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("CheckCalendar(%s) = %v; want an error saying %q", tt.in, err, tt.want)
		}
	}
	if err := (Date{Literal: "n.d."}).CheckCalendar(); err != nil {
		t.Errorf("a literal date: %v", err)
	}
	if err := (Date{Start: DatePart{Year: MaxYear + 1}}).CheckCalendar(); err == nil {
		t.Error("a ten-digit year passed")
	}
}
