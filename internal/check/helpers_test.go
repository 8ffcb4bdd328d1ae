package check

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

const testFile = "t.toml"

var (
	coveredMu sync.Mutex
	covered   = map[string]bool{}
)

// TestMain runs the tests and then, on a full run, checks that every code
// in Rules was asserted by at least one table case.
func TestMain(m *testing.M) {
	code := m.Run()
	if f := flag.Lookup("test.run"); code == 0 && (f == nil || f.Value.String() == "") {
		for _, r := range Rules() {
			if !covered[r.Code] {
				fmt.Fprintf(os.Stderr, "rule %s has no test case that expects it\n", r.Code)
				code = 1
			}
		}
	}
	os.Exit(code)
}

// ent builds an entry from field/value pairs. Dates are parsed (a value
// that does not parse becomes a literal date); names are "Family|Given" or
// "=Literal", and repeating a name variable appends. Each key gets its own
// line so that positions can be checked.
func ent(id, typ string, kv ...string) *bib.Entry {
	e := bib.NewEntry(id, typ)
	e.Pos = bib.Pos{File: testFile, Line: 1}
	for i := 0; i+1 < len(kv); i += 2 {
		set(e, kv[i], kv[i+1])
	}
	return e
}

func set(e *bib.Entry, k, v string) {
	pos := bib.Pos{File: testFile, Line: e.Pos.Line + 1 + e.NumPositions()}
	if _, ok := e.KeyPos(k); !ok {
		e.SetPos(k, pos)
	}
	switch bib.VariableKind(k) {
	case bib.DateKind:
		d, err := bib.ParseDate(v)
		if err != nil {
			d = bib.Date{Literal: v}
		}
		d.Pos = pos
		e.SetDate(k, d)
	case bib.NameList:
		var nm bib.Name
		if lit, ok := strings.CutPrefix(v, "="); ok {
			nm.Literal = lit
		} else {
			nm.Family, nm.Given, _ = strings.Cut(v, "|")
		}
		nm.Pos = pos
		e.AddName(k, nm)
	default:
		e.Set(k, v) // keep blanks and spaces as written
	}
}

// with returns a copy of e with the pairs kv set ("" removes a field).
func with(e *bib.Entry, kv ...string) *bib.Entry {
	c := clone(e)
	for i := 0; i+1 < len(kv); i += 2 {
		k, v := kv[i], kv[i+1]
		if v == "" {
			c.Set(k, "")
			c.DeleteDate(k)
			c.SetNames(k, nil)
			c.DeletePos(k) // absent, as if never written
			continue
		}
		c.SetNames(k, nil)
		set(c, k, v)
	}
	return c
}

func clone(e *bib.Entry) *bib.Entry {
	return e.Clone()
}

func library(es ...*bib.Entry) *bib.Library {
	l := &bib.Library{}
	l.Entries = append(l.Entries, es...)
	return l
}

// run checks l and verifies the invariants every finding must hold: a code
// listed in Rules with the same severity, a position with a line, a ref,
// and a well-formed message.
func run(t *testing.T, l *bib.Library, style string) []bib.Diagnostic {
	t.Helper()
	ds := Run(l, Options{Style: style, Now: essayNow})
	checkInvariants(t, ds)
	return ds
}

func checkInvariants(t *testing.T, ds []bib.Diagnostic) {
	t.Helper()
	sev := map[string]string{}
	for _, r := range Rules() {
		sev[r.Code] = r.Severity
	}
	for _, d := range ds {
		s, ok := sev[d.Code]
		switch {
		case !ok:
			t.Errorf("finding %v has code %q, which Rules() does not list", d, d.Code)
		case s != d.Severity.String():
			t.Errorf("finding %v has severity %s; Rules() says %s", d, d.Severity, s)
		}
		if d.Pos.Line == 0 || d.Pos.File == "" {
			t.Errorf("finding %v has no file:line", d)
		}
		if d.Ref == "" && d.Code != CodeClaimNoID {
			t.Errorf("finding %v names no ref", d)
		}
		if !wellFormedMessage(d.Message) {
			t.Errorf("finding %v: message should start in lower case (or with a field name) and have no final period", d)
		}
	}
}

// ruleCase is one line of a rule table: Run on lib (or on entry e alone)
// under style must report code on field with a message containing msg,
// or, with absent, must not report code at all.
type ruleCase struct {
	name   string
	e      *bib.Entry
	lib    *bib.Library
	style  string
	code   string
	field  string
	msg    string
	absent bool
}

func runCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.lib
			if l == nil {
				l = library(tt.e)
			}
			ds := run(t, l, tt.style)
			var got []string
			found := false
			for _, d := range ds {
				got = append(got, d.Field+":"+d.Code)
				if d.Code != tt.code {
					continue
				}
				if tt.absent {
					t.Errorf("Run(%s) = %v; want no %s", tt.name, d, tt.code)
					continue
				}
				if (tt.field == "" || d.Field == tt.field) && strings.Contains(d.Message, tt.msg) {
					found = true
				}
			}
			if !tt.absent && !found {
				t.Errorf("Run(%s) = %v; want %s on %s with %q", tt.name, got, tt.code, tt.field, tt.msg)
				for _, d := range ds {
					t.Log(d)
				}
			}
			if found {
				coveredMu.Lock()
				covered[tt.code] = true
				coveredMu.Unlock()
			}
		})
	}
}

// Complete, well-formed entries of the main types: each is clean under
// every style, and the rule tables break one thing at a time.
var (
	book = ent("book", "book", "language", "ru", "title", "История Казахстана", "title-translated", "History of Kazakhstan",
		"author", "Иванов|И. И.", "issued", "2010", "publisher", "Наука", "publisher-place", "Москва", "number-of-pages", "200",
		"ISBN", "978-5-02-037418-8")
	article = ent("article", "article-journal", "language", "en", "title", "Foreign policy of Kazakhstan",
		"author", "Smith|J. A.", "issued", "2016-03", "container-title", "Central Asian Survey", "volume", "35", "issue", "2",
		"page", "150–170", "DOI", "10.1080/02634937.2016.1234567", "ISSN", "0263-4937")
	webpage = ent("webpage", "webpage", "language", "en", "title", "Foreign policy", "author", "=Ministry of Foreign Affairs of the Republic of Kazakhstan",
		"issued", "2020-01-15", "URL", "https://www.gov.kz/memleket/entities/mfa", "accessed", "2024-05-01")
	newspaper = ent("newspaper", "article-newspaper", "language", "en", "title", "Kazakhstan plays key role", "author", "Konyrova|A.",
		"container-title", "Kazinform", "issued", "2016-06-28", "page", "3")
	chapter = ent("chapter", "chapter", "language", "en", "title", "The steppe", "author", "Brown|K.", "editor", "Green|L. M.",
		"container-title", "Central Asia", "page", "12–30", "publisher", "Routledge", "publisher-place", "London", "issued", "2012")
	thesis = ent("thesis", "thesis", "language", "kk", "title", "Қазақстанның сыртқы саясаты", "title-translated", "Kazakhstan's foreign policy",
		"author", "Сейітова|Ә. Б.", "genre", "дис. … канд. ист. наук", "publisher", "Әл-Фараби атындағы ҚазҰУ", "publisher-place", "Алматы",
		"issued", "2015", "number-of-pages", "180")
	report = ent("report", "report", "language", "en", "title", "Annual report", "author", "=World Bank", "publisher", "World Bank",
		"publisher-place", "Washington, DC", "number", "12", "issued", "2019")
	law = ent("law", "legislation", "language", "ru", "title", "О национальной безопасности", "title-translated", "On national security",
		"number", "527-IV", "issued", "2012-01-06")
)

func cleanEntries() []*bib.Entry {
	return []*bib.Entry{book, article, webpage, newspaper, chapter, thesis, report, law}
}

func TestCleanEntries(t *testing.T) {
	for _, style := range Styles {
		for _, e := range cleanEntries() {
			if ds := run(t, library(e), style); len(ds) != 0 {
				t.Errorf("Run(%s, %s) = %v; want no findings", e.ID, style, ds)
			}
		}
	}
}
