package check

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestURLProblem(t *testing.T) {
	tests := []struct {
		in   string
		want string // substring; "" means valid
	}{
		{"https://www.gov.kz/memleket/entities/mfa", ""},
		{"http://example.org", ""},
		{"ftp://ftp.example.org/pub/file.txt", ""},
		{"https://user@example.org:8080/a?b=c#d", ""},
		{"https://абв.рф/путь", ""},
		{"http://127.0.0.1/x", ""},
		{"http:// Document/?doc_id=30006969", `has a space instead of a host after "http://"`},
		{"http:// Document/?doc_id=30006969", `"https://HOST/Document/?doc_id=30006969"`},
		{"nuclear_security_iran_kazakhstan_nursultan_nazarbaev/24528484.html", "has no scheme and no host (it is only a path)"},
		{"www.akorda.kz/ru/events", `has no scheme: write URL = "https://www.akorda.kz/ru/events"`},
		{"https:///path", `has no host after "https://"`},
		{"https://localhost/x", ""},
		{"https://intranet/x", `has the host "intranet", which is not a domain name`},
		{"mailto://a@b.c", `has the scheme "mailto"`},
		{"https://example.org/a b", "contains a space"},
	}
	for _, tt := range tests {
		got := urlProblem(tt.in)
		if tt.want == "" && got != "" || tt.want != "" && !contains(got, tt.want) {
			t.Errorf("urlProblem(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestISBNProblem(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"978-5-02-037418-8", ""},
		{"9785020374188", ""},
		{"978 5 02 037418 8", ""},
		{"0-306-40615-2", ""},
		{"0-8044-2957-X", ""},
		{"0-8044-2957-x", ""},
		{"978-5-02-037418-3", "has the check digit 3, but its other digits give 8"},
		{"0-306-40615-3", "has the check digit 3, but its other digits give 2"},
		{"978-5-02-03741", "has 11 digits; an ISBN has 10 or 13"},
		{"978-5-02-O37418-8", "has characters other than digits"},
		{"97X-5-02-037418-8", "has an X that is not the check digit"},
	}
	for _, tt := range tests {
		got := isbnProblem(tt.in)
		if tt.want == "" && got != "" || tt.want != "" && !contains(got, tt.want) {
			t.Errorf("isbnProblem(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	if got, want := isbn13("0-306-40615-2"), "9780306406157"; got != want {
		t.Errorf("isbn13(%q) = %q; want %q", "0-306-40615-2", got, want)
	}
}

func TestSplitIdentifiers(t *testing.T) {
	tests := []struct {
		in, label string
		want      []string
	}{
		{"978-5-02-037418-8", "ISBN", []string{"978-5-02-037418-8"}},
		{"ISBN 978-5-02-037418-8", "ISBN", []string{"978-5-02-037418-8"}},
		{"ISBN-13: 978-5-02-037418-8", "ISBN", []string{"978-5-02-037418-8"}},
		{"978-5-02-037418-8 (pbk.); 0-306-40615-2 (hbk.)", "ISBN", []string{"978-5-02-037418-8", "0-306-40615-2"}},
		{"ISSN 0263-4937, 1465-3354", "ISSN", []string{"0263-4937", "1465-3354"}},
	}
	for _, tt := range tests {
		got := splitIdentifiers(tt.in, tt.label)
		if len(got) != len(tt.want) {
			t.Errorf("splitIdentifiers(%q) = %q; want %q", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("splitIdentifiers(%q) = %q; want %q", tt.in, got, tt.want)
			}
		}
	}
}

func TestValidDOI(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"10.1080/02634937.2016.1234567", true},
		{"10.1000.10/123456", true},
		{"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0", true},
		{"10.123/abc", false},
		{"11.1080/abc", false},
		{"10.1080/", false},
		{"10.1080/ab c", false},
		{"doi:10.1080/abc", false},
	}
	for _, tt := range tests {
		if got := validDOI(tt.in); got != tt.want {
			t.Errorf("validDOI(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestIdentifierRules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "URL without host", e: with(webpage, "URL", "http:// Document/?doc_id=30006969"), code: CodeBadURL, field: "URL",
			msg: `URL "http:// Document/?doc_id=30006969" has a space instead of a host`},
		{name: "URL path only", e: with(webpage, "URL", "world/kazakhstan-plays-key-role/50000262-3008458"), code: CodeBadURL, field: "URL", msg: "has no scheme and no host"},
		{name: "good URL", e: webpage, code: CodeBadURL, absent: true},
		{name: "DOI as URL", e: with(article, "DOI", "https://doi.org/10.1080/02634937.2016.1234567"), code: CodeDOIURL, field: "DOI",
			msg: `write DOI = "10.1080/02634937.2016.1234567"`},
		{name: "DOI with label", e: with(article, "DOI", "doi:10.1080/02634937.2016.1234567"), code: CodeDOIURL, field: "DOI"},
		{name: "bad DOI", e: with(article, "DOI", "10.10/xyz"), code: CodeBadDOI, field: "DOI", msg: "is not of the form 10.NNNN/suffix"},
		{name: "article number and length as pages", e: with(article, "page", "177–13"), code: CodeBadPage, field: "page",
			msg: `if 177 is the article number and 13 the number of pages (as ACM's exports give them), write number = "177" and number-of-pages = "13" instead`},
		{name: "info:doi is a label", e: with(article, "DOI", "info:doi/10.1076/jnmr.32.4.395.18858"), code: CodeDOIURL, field: "DOI",
			msg: `write DOI = "10.1076/jnmr.32.4.395.18858"`},
		{name: "info:doi is not bad", e: with(article, "DOI", "info:doi/10.1076/jnmr.32.4.395.18858"), code: CodeBadDOI, absent: true},
		{name: "short DOI", e: with(article, "DOI", "10/f8tz8t"), code: CodeShortDOI, field: "DOI", msg: "https://doi.org/10/f8tz8t"},
		{name: "short DOI is not bad", e: with(article, "DOI", "10/f8tz8t"), code: CodeBadDOI, absent: true},
		{name: "short DOI behind a resolver", e: with(article, "DOI", "https://doi.org/10/f8tz8t"), code: CodeShortDOI, field: "DOI"},
		{name: "two ISBNs with a space", e: with(book, "ISBN", "978-1-4503-3145-6 978-0-306-40615-7"), code: CodeISBNList, field: "ISBN",
			msg: "holds 2 ISBNs run together (978-1-4503-3145-6, 978-0-306-40615-7)"},
		{name: "two ISBNs with a space are not bad", e: with(book, "ISBN", "978-1-4503-3145-6 978-0-306-40615-7"), code: CodeBadISBN, absent: true},
		{name: "two ISBNs run together", e: with(book, "ISBN", "03064061529780306406157"), code: CodeISBNList, field: "ISBN"},
		{name: "two ISBNs with a semicolon are fine", e: with(book, "ISBN", "978-1-4503-3145-6; 978-0-306-40615-7"), code: CodeISBNList, absent: true},
		{name: "bad DOI behind a resolver is bad-doi only", e: with(article, "DOI", "https://doi.org/xyz"), code: CodeDOIURL, absent: true},
		{name: "ISBN check digit", e: with(book, "ISBN", "978-5-02-037418-3"), code: CodeBadISBN, field: "ISBN", msg: "its other digits give 8"},
		{name: "second ISBN bad", e: with(book, "ISBN", "978-5-02-037418-8; 0-306-40615-3"), code: CodeBadISBN, field: "ISBN", msg: `"0-306-40615-3"`},
		{name: "good ISBN-10", e: with(book, "ISBN", "0-306-40615-2"), code: CodeBadISBN, absent: true},
		{name: "ISSN check digit", e: with(article, "ISSN", "0263-4936"), code: CodeBadISSN, field: "ISSN", msg: "has the check digit 6, but its other digits give 7"},
		{name: "ISSN with X", e: with(article, "ISSN", "2434-561X"), code: CodeBadISSN, absent: true},
		{name: "ISSN too short", e: with(article, "ISSN", "0263-493"), code: CodeBadISSN, field: "ISSN", msg: "is not of the form NNNN-NNNC"},
	})
}

func TestDateRules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "month 13", e: with(book, "issued", "2013-13"), code: CodeInvalidDate, field: "issued", msg: "has the month 13; months run from 1 to 12"},
		{name: "season", e: with(book, "issued", "2013-21"), code: CodeInvalidDate, absent: true},
		{name: "30 February", e: with(book, "issued", "2013-02-30"), code: CodeInvalidDate, field: "issued", msg: "has the day 30, but February 2013 has 28 days"},
		{name: "29 February in a leap year", e: with(book, "issued", "2012-02-29"), code: CodeInvalidDate, absent: true},
		{name: "29 February 1900", e: with(book, "issued", "1900-02-29"), code: CodeInvalidDate, field: "issued", msg: "February 1900 has 28 days"},
		{name: "31 April in a range end", e: with(book, "issued", "2014-04-01/2014-04-31"), code: CodeInvalidDate, field: "issued", msg: "April 2014 has 30 days"},
		{name: "day without month", e: with(book, "issued", "2014-00-05"), code: CodeInvalidDate, field: "issued", msg: "has a day but no month"},
		{name: "year far ahead", e: with(book, "issued", "2031"), code: CodeImplausibleYear, field: "issued", msg: "issued year 2031 lies in the future"},
		{name: "next year is plausible", e: with(book, "issued", "2027"), code: CodeImplausibleYear, absent: true},
		{name: "run-together years in a date", e: with(book, "issued", "20142020"), code: CodeRunTogetherYears, field: "issued",
			msg: `issued year 20142020 looks like the years 2014–2020 run together: write issued = "2014/2020"`},
		{name: "run-together years are not implausible too", e: with(book, "issued", "20142020"), code: CodeImplausibleYear, absent: true},
		{name: "eight digits that are not years", e: with(book, "issued", "30006969"), code: CodeImplausibleYear, field: "issued"},
		{name: "range reversed", e: with(book, "issued", "2020/2014"), code: CodeDateRangeOrder, field: "issued", msg: `issued "2020/2014" ends before it starts: write issued = "2014/2020"`},
		{name: "range in order", e: with(book, "issued", "2014/2020"), code: CodeDateRangeOrder, absent: true},
		{name: "open range", e: with(book, "issued", "2014/.."), code: CodeDateRangeOrder, absent: true},
		{name: "range reversed within a year", e: with(book, "issued", "2014-05-02/2014-05-01"), code: CodeDateRangeOrder, field: "issued"},
		{name: "access in the future", e: with(webpage, "accessed", "2026-12-01"), code: CodeFutureAccess, field: "accessed", msg: `accessed "2026-12-01" lies after today (2026-11-26)`},
		{name: "access today", e: with(webpage, "accessed", "2026-11-26"), code: CodeFutureAccess, absent: true},
		{name: "access this month without a day", e: with(webpage, "accessed", "2026-11"), code: CodeFutureAccess, absent: true},
		{name: "access before issue", e: with(webpage, "accessed", "2019-12-31"), code: CodeAccessBeforeIssue, field: "accessed",
			msg: `accessed "2019-12-31" lies before issued "2020-01-15"`},
		{name: "access in the issue year", e: with(webpage, "issued", "2020", "accessed", "2020-01-01"), code: CodeAccessBeforeIssue, absent: true},
		{name: "literal dates are not checked", e: with(book, "issued", "Spring term"), code: CodeInvalidDate, absent: true},
	})
}

func TestSplitYears(t *testing.T) {
	tests := []struct {
		in   int
		a, b int
		ok   bool
	}{
		{20142020, 2014, 2020, true},
		{19912016, 1991, 2016, true},
		{20202014, 0, 0, false}, // reversed
		{30006969, 0, 0, false},
		{50000262, 0, 0, false},
		{20142030, 0, 0, false}, // end too far ahead
		{2014, 0, 0, false},
		{15001900, 0, 0, false}, // more than two centuries apart
	}
	for _, tt := range tests {
		a, b, ok := splitYears(tt.in, 2026)
		if a != tt.a || b != tt.b || ok != tt.ok {
			t.Errorf("splitYears(%d) = %d, %d, %v; want %d, %d, %v", tt.in, a, b, ok, tt.a, tt.b, tt.ok)
		}
	}
}

func TestPageRules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "range reversed", e: with(article, "page", "250-32"), code: CodeBadPage, field: "page", msg: `page range "250-32" ends before it starts`},
		{name: "range shortened", e: with(article, "page", "321-28"), code: CodePageAbbreviated, field: "page", msg: `write "321–328"`},
		{name: "hyphen is fine", e: with(article, "page", "150-170"), code: CodeBadPage, absent: true},
		{name: "en dash is fine", e: article, code: CodePagePrefix, absent: true},
		{name: "roman numerals are left alone", e: with(article, "page", "xii–xv"), code: CodeBadPage, absent: true},
		{name: "several ranges", e: with(article, "page", "5–7, 90-19"), code: CodeBadPage, field: "page", msg: `"90-19"`},
		{name: "Russian label", e: with(article, "page", "С. 150–170"), code: CodePagePrefix, field: "page", msg: `write page = "150–170"`},
		{name: "English label", e: with(article, "page", "pp. 150-170"), code: CodePagePrefix, field: "page", msg: `write page = "150-170"`},
		{name: "label without period", e: with(article, "page", "pp 150-170"), code: CodePagePrefix, field: "page"},
		{name: "a word is not a label", e: with(article, "page", "A1"), code: CodePagePrefix, absent: true},
		{name: "cited page on a book", e: with(book, "page", "С. 9"), code: CodeLocatorAsPage, field: "page", msg: "reads as the page cited"},
		{name: "cited page on a book is not also a prefix", e: with(book, "page", "С. 9"), code: CodePagePrefix, absent: true},
	})
}

func TestLanguageRules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "ru", e: book, code: CodeBadLanguage, absent: true},
		{name: "underscore", e: with(article, "language", "en_US"), code: CodeBadLanguage, field: "language", msg: `write language = "en-US"`},
		{name: "a language name", e: with(article, "language", "english"), code: CodeBadLanguage, field: "language", msg: `such as "en"`},
		{name: "a Russian language name", e: with(book, "language", "русский"), code: CodeBadLanguage, field: "language", msg: `such as "ru"`},
		{name: "unknown subtag", e: with(article, "language", "xx"), code: CodeUnknownLanguage, field: "language", msg: `has the subtag "xx"`},
		{name: "three-letter code", e: with(book, "language", "rus"), code: CodeNoncanonicalLanguage, field: "language", msg: `write language = "ru"`},
		{name: "case does not matter", e: with(article, "language", "EN-us"), code: CodeNoncanonicalLanguage, absent: true},
		{name: "script subtag", e: with(thesis, "language", "kk-Cyrl"), code: CodeNoncanonicalLanguage, absent: true},
	})
}

func contains(s, sub string) bool { return len(sub) <= len(s) && (sub == "" || indexOf(s, sub) >= 0) }

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// The identifier helpers as they were before they stopped allocating:
// the reference that TestIdentifierFastPaths holds them to.
func slowISBNDigits(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'X' || r == 'x':
			b.WriteByte('X')
		case r == '-' || r == ' ' || r == '‐' || r == '–':
		default:
			return "", false
		}
	}
	return b.String(), true
}

func slowSplitIdentifiers(v, label string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' }) {
		if i := strings.IndexByte(part, '('); i >= 0 {
			part = part[:i]
		}
		part = strings.TrimSpace(part)
		if len(part) >= len(label) && strings.EqualFold(part[:len(label)], label) {
			part = part[len(label):]
			for _, n := range []string{"-10", "-13"} {
				part = strings.TrimPrefix(part, n)
			}
			part = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(part), ":"))
		}
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

func slowISBNList(s string) []string {
	var parts []string
	if words := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '/' }); len(words) > 1 {
		for _, w := range words {
			if isbnProblem(w) != "" {
				return nil
			}
		}
		parts = words
	} else if d, ok := slowISBNDigits(s); ok {
		for _, split := range [][2]int{{10, 10}, {13, 13}, {10, 13}, {13, 10}} {
			if len(d) == split[0]+split[1] && isbnProblem(d[:split[0]]) == "" && isbnProblem(d[split[0]:]) == "" {
				parts = []string{d[:split[0]], d[split[0]:]}
				break
			}
		}
	}
	return parts
}

func slowISBN13(s string) string {
	d, ok := slowISBNDigits(s)
	if !ok {
		return ""
	}
	if want, ok := isbnCheck(d); !ok || d[len(d)-1] != want {
		return ""
	}
	if len(d) == 13 {
		return d
	}
	t := "978" + d[:9] + "0"
	c, _ := isbnCheck(t)
	return t[:12] + string(c)
}

// TestIdentifierFastPaths holds the allocation-free identifier helpers to
// the plain versions they replace, on valid, invalid, run-together and
// oddly written ISBNs and ISSNs.
func TestIdentifierFastPaths(t *testing.T) {
	inputs := []string{
		"", " ", ";", ",,;", "0-306-40615-2", "0306406152", "978-0-306-40615-7", "9780306406157", "978‐0‐306‐40615‐7", "978–0–306–40615–7",
		"0-8044-2957-X", "0-8044-2957-x", "080442957X", "X-8044-2957-0", "ISBN 978-0-306-40615-7", "ISBN-13: 978-0-306-40615-7",
		"isbn-10: 0-306-40615-2", "978-0-306-40615-7 (pbk.); 978-0-306-40615-8 (ebk.)", "978-1-4503-3145-6 978-1-4503-3146-3",
		"97814503314569781450331463", "03064061520306406152", "0306406152/9780306406157", "ISSN 0317-8471", "0317-8471", "0317-847X",
		"1050-124X", "1050-1241", "03178471", "0317 8471", "03Ꮖ7-8471", "978-0-306-40615-7\u00a0", "\xff978", "978-0-306-4061\xe2\x80",
		"abc", "123", "12345678901234567890123456789012345678901234567890", "978-5-7749-0001-2; 978-5-7749-0002-9", "ISBN",
		"(pbk.) 978-0-306-40615-7", "978-0-306-40615-7 ,", "978 0 306 40615 7", "  0-306-40615-2  ",
	}
	for _, in := range inputs {
		for _, label := range []string{"ISBN", "ISSN"} {
			if got, want := splitIdentifiers(in, label), slowSplitIdentifiers(in, label); !slices.Equal(got, want) {
				t.Errorf("splitIdentifiers(%q, %q) = %q; want %q", in, label, got, want)
			}
		}
		gotD, gotOK := isbnDigits(in)
		wantD, wantOK := slowISBNDigits(in)
		if gotD != wantD || gotOK != wantOK {
			t.Errorf("isbnDigits(%q) = %q, %v; want %q, %v", in, gotD, gotOK, wantD, wantOK)
		}
		if got, want := isbnList(in), slowISBNList(in); !slices.Equal(got, want) {
			t.Errorf("isbnList(%q) = %q; want %q", in, got, want)
		}
		if got, want := isbn13(in), slowISBN13(in); got != want {
			t.Errorf("isbn13(%q) = %q; want %q", in, got, want)
		}
	}
}
