package verify

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
)

// describe renders markers as "text{form: key@label locator, …}" for
// comparison in tests.
func describe(ms []Marker) string {
	var parts []string
	for _, m := range ms {
		var cs []string
		for _, c := range m.Cites {
			s := c.Key
			if c.Locator != "" {
				s += "@" + c.Label + " " + c.Locator
			}
			cs = append(cs, s)
		}
		parts = append(parts, fmt.Sprintf("%s{%s: %s}", m.Text, m.Form, strings.Join(cs, ", ")))
	}
	return strings.Join(parts, " | ")
}

func TestParseMarkers(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"numeric", "as shown [4].", "[4]{numeric: 4}"},
		{"glued to a word", "in Kazakhstan[4]. Next", "[4]{numeric: 4}"},
		{"inside closing quotes", "«Turkic peoples [2].»", "[2]{numeric: 2}"},
		{"page in Russian", "[2, с. 9]", "[2, с. 9]{numeric: 2@page 9}"},
		{"page with Latin c", "[2, c. 9]", "[2, c. 9]{numeric: 2@page 9}"},
		{"page in English", "[12, pp. 33–35]", "[12, pp. 33–35]{numeric: 12@page 33–35}"},
		{"paragraph", "[8, para. 4]", "[8, para. 4]{numeric: 8@paragraph 4}"},
		{"range with en dash", "[1–3]", "[1–3]{numeric: 1, 2, 3}"},
		{"range with hyphen", "[2-4]", "[2-4]{numeric: 2, 3, 4}"},
		{"list with semicolon", "[1; 4]", "[1; 4]{numeric: 1, 4}"},
		{"list with comma", "[1, 4, 6]", "[1, 4, 6]{numeric: 1, 4, 6}"},
		{"items with pages", "[2, с. 9; 4, с. 12–13]", "[2, с. 9; 4, с. 12–13]{numeric: 2@page 9, 4@page 12–13}"},
		{"see prefix", "[see 3]", "[see 3]{numeric: 3}"},
		{"no-break spaces", "[2,\u00a0с.\u00a09]", "[2,\u00a0с.\u00a09]{numeric: 2@page 9}"},
		{"two markers", "a [1] and b [2]", "[1]{numeric: 1} | [2]{numeric: 2}"},
		{"a year is no marker", "in [1995] and [2016]", ""},
		{"ellipsis is no marker", "difficult [...] and [sic] and [ ] and []", ""},
		{"editorial words are no marker", "the relations [between Russia and Turkey]", ""},
		{"unknown locator term", "[2, foo 9]", ""},
		{"descending range", "[3–1]", ""},
		{"pandoc", "[@doe99, p. 33]", "[@doe99, p. 33]{pandoc: doe99@page 33}"},
		{"pandoc many", "[see @doe99, pp. 33-35; also @smith04, chap. 1]", "[see @doe99, pp. 33-35; also @smith04, chap. 1]{pandoc: doe99@page 33-35, smith04@chapter 1}"},
		{"pandoc suppress author", "[-@doe99]", "[-@doe99]{pandoc: doe99}"},
		{"pandoc key punctuation", "[@Smith:2012.a]", "[@Smith:2012.a]{pandoc: Smith:2012.a}"},
		{"pandoc braced key", "[@{doe 99}]", "[@{doe 99}]{pandoc: doe 99}"},
		{"pandoc bare locator", "[@doe99, 33]", "[@doe99, 33]{pandoc: doe99@page 33}"},
		{"pandoc in-text", "as @doe99 says", "@doe99{pandoc: doe99}"},
		{"pandoc in-text with locator", "as @doe99 [p. 33] says", "@doe99 [p. 33]{pandoc: doe99@page 33}"},
		{"e-mail is no citation", "write to me@example.org", ""},
		{"latex cite", `as \cite{knuth84} shows`, `\cite{knuth84}{latex: knuth84}`},
		{"latex several keys", `\citep{a, b,c}`, `\citep{a, b,c}{latex: a, b, c}`},
		{"latex postnote", `\parencite[p.~9]{zhigalov1993}`, `\parencite[p.~9]{zhigalov1993}{latex: zhigalov1993@page 9}`},
		{"latex pre and postnote", `\textcite[see][33]{doe}`, `\textcite[see][33]{doe}{latex: doe@page 33}`},
		{"latex starred", `\cite*{doe}`, `\cite*{doe}{latex: doe}`},
		{"latex multicite", `\parencites[12]{a}{b}`, `\parencites[12]{a}{b}{latex: a@page 12, b}`},
		{"latex nocite is silent", `\nocite{*}\nocite{a}`, ""},
		{"latex other command", `\section{Intro}`, ""},
		{"author-date", "(Smith, 2012)", "(Smith, 2012){author-date: Smith 2012}"},
		{"author-date with page", "(Smith & Jones, 2012a, p. 5)", "(Smith & Jones, 2012a, p. 5){author-date: Smith & Jones 2012a@page 5}"},
		{"author-date et al", "(Smith et al., 2012; Brown, 2010)", "(Smith et al., 2012; Brown, 2010){author-date: Smith et al. 2012, Brown 2010}"},
		{"author-date two years", "(Smith, 2010, 2012)", "(Smith, 2010, 2012){author-date: Smith 2010, Smith 2012}"},
		{"author-date Cyrillic", "(Жигалов, 1993, с. 9)", "(Жигалов, 1993, с. 9){author-date: Жигалов 1993@page 9}"},
		{"author-date no date", "(Konyrova, n.d.)", "(Konyrova, n.d.){author-date: Konyrova n.d.}"},
		{"narrative", "as Smith (2012) argues", "Smith (2012){author-date: Smith 2012}"},
		{"narrative with page", "Smith et al. (2012, p. 7) argue", "Smith et al. (2012, p. 7){author-date: Smith et al. 2012@page 7}"},
		{"parenthesis without year", "the Agency (IAEA) and (between Russia and Turkey)", ""},
		{"years in parentheses", "Minister (1994–1994 and 2003–2007)", ""},
		{"unclosed bracket", "text [4 and more", ""},
		{"bracket across lines", "text [4\n]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(ParseMarkers(tt.in))
			if got != tt.want {
				t.Errorf("ParseMarkers(%q) = %s; want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestResolveAuthorDate(t *testing.T) {
	lib := &bib.Library{}
	add := func(id, lang, year string, n bib.Name) {
		e := bib.NewEntry(id, "book")
		e.Set("language", lang)
		d, err := bib.ParseDate(year)
		if err != nil {
			t.Fatal(err)
		}
		e.SetDate("issued", d)
		e.AddName("author", n)
		if err := lib.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	add("zhigalov1993", "ru", "1993", bib.Name{Family: "Жигалов", Given: "К.В."})
	add("smith2012a", "en", "2012", bib.Name{Family: "Smith"})
	add("smith2012b", "en", "2012", bib.Name{Family: "Smith"})
	add("mfa2013", "ru", "2013", bib.Name{Literal: "Министерство иностранных дел", Alt: map[string]string{"literal-translated": "Ministry of Foreign Affairs"}})
	rs := newResolver(lib)
	tests := []struct{ author, year, want string }{
		{"Жигалов", "1993", "zhigalov1993"},
		{"Zhigalov", "1993", "zhigalov1993"},
		{"Žigalov", "1993", "zhigalov1993"},
		{"Smith", "2012", "smith2012a"},
		{"Smith", "2012b", "smith2012b"},
		{"Smith", "2012c", ""},
		{"smith", "2011", ""},
		{"Ministry of Foreign Affairs", "2013", "mfa2013"},
		{"Nobody", "2013", ""},
	}
	for _, tt := range tests {
		if got := rs.authorYear(tt.author, tt.year); got != tt.want {
			t.Errorf("authorYear(%q, %q) = %q; want %q", tt.author, tt.year, got, tt.want)
		}
	}
}

func TestParseMarkersPositions(t *testing.T) {
	in := "First line.\nSecond «line» [2, с. 9] and Kazakhstan[4]."
	ms := ParseMarkers(in)
	if len(ms) != 2 {
		t.Fatalf("ParseMarkers found %d markers; want 2", len(ms))
	}
	for i, want := range []struct{ line, col int }{{2, 15}, {2, 39}} {
		if ms[i].Line != want.line || ms[i].Col != want.col {
			t.Errorf("marker %d (%s) at %d:%d; want %d:%d", i, ms[i].Text, ms[i].Line, ms[i].Col, want.line, want.col)
		}
		if in[ms[i].Start:ms[i].End] != ms[i].Text {
			t.Errorf("marker %d: span %d–%d is %q, not its text %q", i, ms[i].Start, ms[i].End, in[ms[i].Start:ms[i].End], ms[i].Text)
		}
	}
	if c := ms[0].Cites[0]; in[c.Start:c.End] != "2" {
		t.Errorf("cite key span is %q; want \"2\"", in[c.Start:c.End])
	}
}

// FuzzParseMarkers checks that no input makes the parser panic, and that
// the markers it returns are in order, do not overlap, and are what the
// input says at their spans.
func FuzzParseMarkers(f *testing.F) {
	for _, s := range []string{
		"[4]", "[2, с. 9]", "[1–3]", "[1; 4]", "Kazakhstan[4].", "«peoples [2].»",
		"[@id, p. 9]", "[see @a; -@b, chap. 2]", "@key [p. 3]", `\cite{a,b}`, `\parencites[1]{a}[2]{b}`,
		"(Smith, 2012)", "(Smith et al., 2012a, p. 5; Brown, n.d.)", "Smith (2012)", "[", "(", "\\cite", "@",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ms := ParseMarkers(in)
		end := 0
		for _, m := range ms {
			if m.Start < end || m.End <= m.Start || m.End > len(in) {
				t.Fatalf("ParseMarkers(%q): marker %q at %d–%d overlaps or leaves the text (previous end %d)", in, m.Text, m.Start, m.End, end)
			}
			if in[m.Start:m.End] != m.Text {
				t.Fatalf("ParseMarkers(%q): marker text %q is not its span %q", in, m.Text, in[m.Start:m.End])
			}
			if len(m.Cites) == 0 {
				t.Fatalf("ParseMarkers(%q): marker %q names nothing", in, m.Text)
			}
			for _, c := range m.Cites {
				if c.Start < m.Start || c.End > m.End || c.End < c.Start {
					t.Fatalf("ParseMarkers(%q): cite %q at %d–%d is outside its marker %d–%d", in, c.Key, c.Start, c.End, m.Start, m.End)
				}
			}
			if m.Line < 1 || m.Col < 1 || (utf8.ValidString(in) && m.Line != strings.Count(in[:m.Start], "\n")+1) {
				t.Fatalf("ParseMarkers(%q): marker %q at line %d col %d", in, m.Text, m.Line, m.Col)
			}
			end = m.End
		}
	})
}
