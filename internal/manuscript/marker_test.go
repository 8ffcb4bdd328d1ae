package manuscript

import (
	"fmt"
	"strings"
	"testing"
)

// describe renders markers as "text{form: key@label locator, …}" for
// comparison in tests; a volume shows as "vol N", a prefix as "<see> ",
// a suffix as " <and elsewhere>", suppress-author as "-", author-in-text
// as "+".
func describe(ms []Marker) string {
	var parts []string
	for _, m := range ms {
		var cs []string
		for _, c := range m.Cites {
			s := c.Key
			if c.SuppressAuthor {
				s = "-" + s
			}
			if c.AuthorInText {
				s = "+" + s
			}
			if c.Prefix != "" {
				s = "<" + c.Prefix + "> " + s
			}
			if c.Locator != "" {
				s += "@" + c.Label + " " + c.Locator
			}
			if c.Volume != "" {
				s += " vol " + c.Volume
			}
			if c.Suffix != "" {
				s += " <" + c.Suffix + ">"
			}
			cs = append(cs, s)
		}
		parts = append(parts, fmt.Sprintf("%s{%s: %s}", m.Text, m.Form, strings.Join(cs, ", ")))
	}
	return strings.Join(parts, " | ")
}

// TestParseMarkers covers every marker form, each as issue 12 lists it.
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
		{"colon locator", "[1: 5]", "[1: 5]{numeric: 1@page 5}"},
		{"volume and page in Russian", "[4, т. 2, с. 15]", "[4, т. 2, с. 15]{numeric: 4@page 15 vol 2}"},
		{"volume and page in English", "[1, vol. 2, p. 15]", "[1, vol. 2, p. 15]{numeric: 1@page 15 vol 2}"},
		{"range with en dash", "[1–3]", "[1–3]{numeric: 1, 2, 3}"},
		{"range with hyphen", "[2-4]", "[2-4]{numeric: 2, 3, 4}"},
		{"IEEE range", "as in [1]–[3].", "[1]–[3]{numeric: 1, 2, 3}"},
		{"IEEE list", "as in [1], [3].", "[1]{numeric: 1} | [3]{numeric: 3}"},
		{"list with semicolon", "[1; 4]", "[1; 4]{numeric: 1, 4}"},
		{"list with comma", "[1, 4, 6]", "[1, 4, 6]{numeric: 1, 4, 6}"},
		{"items with pages", "[2, с. 9; 4, с. 12–13]", "[2, с. 9; 4, с. 12–13]{numeric: 2@page 9, 4@page 12–13}"},
		{"see prefix", "[see 3]", "[see 3]{numeric: <see> 3}"},
		{"no-break spaces", "[2,\u00a0с.\u00a09]", "[2,\u00a0с.\u00a09]{numeric: 2@page 9}"},
		{"two markers", "a [1] and b [2]", "[1]{numeric: 1} | [2]{numeric: 2}"},
		{"a year is no marker", "in [1995] and [2016]", ""},
		{"ellipsis is no marker", "difficult [...] and [sic] and [ ] and []", ""},
		{"editorial words are no marker", "the relations [between Russia and Turkey]", ""},
		{"unknown locator term", "[2, foo 9]", ""},
		{"descending range", "[3–1]", ""},
		{"superscript", "as studies show.¹ Next", "¹{superscript: 1}"},
		{"superscript range", "many studies²⁻⁴ agree", "²⁻⁴{superscript: 2, 3, 4}"},
		{"superscript list", "many studies¹,³ agree", "¹,³{superscript: 1, 3}"},
		{"superscript unit is no marker", "an area of 5 km² and x² and 10³", ""},
		{"pandoc", "[@doe99, p. 33]", "[@doe99, p. 33]{pandoc: doe99@page 33}"},
		{"pandoc many", "[see @doe99, pp. 33-35; also @smith04, chap. 1]", "[see @doe99, pp. 33-35; also @smith04, chap. 1]{pandoc: <see> doe99@page 33-35, <also> smith04@chapter 1}"},
		{"pandoc suffix", "[@doe99, p. 33 and elsewhere]", "[@doe99, p. 33 and elsewhere]{pandoc: doe99@page 33 <and elsewhere>}"},
		{"pandoc suppress author", "[-@doe99]", "[-@doe99]{pandoc: -doe99}"},
		{"pandoc key punctuation", "[@Smith:2012.a]", "[@Smith:2012.a]{pandoc: Smith:2012.a}"},
		{"pandoc braced key", "[@{doe 99}]", "[@{doe 99}]{pandoc: doe 99}"},
		{"pandoc bare locator", "[@doe99, 33]", "[@doe99, 33]{pandoc: doe99@page 33}"},
		{"pandoc in-text", "as @doe99 says", "@doe99{pandoc: +doe99}"},
		{"pandoc in-text with locator", "as @doe99 [p. 33] says", "@doe99 [p. 33]{pandoc: +doe99@page 33}"},
		{"pandoc in-text at sentence end", "shown by @doe99.", "@doe99{pandoc: +doe99}"},
		{"crossref is no citation", "see @fig:map and [@eq:one; @eq:two] and @tbl:x and @sec:intro", ""},
		{"e-mail is no citation", "write to me@example.org or [me@example.org]", ""},
		{"latex cite", `as \cite{knuth84} shows`, `\cite{knuth84}{latex: knuth84}`},
		{"latex several keys", `\citep{a, b,c}`, `\citep{a, b,c}{latex: a, b, c}`},
		{"latex keys over lines", "\\cite{a,\n    b, % comment\n    c}", "\\cite{a,\n    b, % comment\n    c}{latex: a, b, c}"},
		{"latex postnote", `\parencite[p.~9]{zhigalov1993}`, `\parencite[p.~9]{zhigalov1993}{latex: zhigalov1993@page 9}`},
		{"latex pre and postnote", `\textcite[see][33]{doe}`, `\textcite[see][33]{doe}{latex: <see> +doe@page 33}`},
		{"latex postnote not a locator", `\cite[and elsewhere]{doe}`, `\cite[and elsewhere]{doe}{latex: doe <and elsewhere>}`},
		{"latex starred", `\cite*{doe}`, `\cite*{doe}{latex: doe}`},
		{"latex multicite", `\parencites[12]{a}{b}`, `\parencites[12]{a}{b}{latex: a@page 12, b}`},
		{"latex multicite roman pages", `\cites[vii--x, 5, 7]{a}[v"--~x, 25]{b}`, `\cites[vii--x, 5, 7]{a}[v"--~x, 25]{b}{latex: a@page vii–x, 5, 7, b@page v–x, 25}`},
		{"latex citenum", `[\citenum{a}, с.~54]`, `\citenum{a}{latex: a}`},
		{"latex nocite is silent", `\nocite{*}\nocite{a}`, ""},
		{"latex other command", `\section{Intro}`, ""},
		{"author-date", "(Smith, 2012)", "(Smith, 2012){author-date: Smith 2012}"},
		{"author-date without comma", "(Smith 2010)", "(Smith 2010){author-date: Smith 2010}"},
		{"author-date bare page", "(Smith 2010, 5)", "(Smith 2010, 5){author-date: Smith 2010@page 5}"},
		{"author-date colon page", "(Smith, 2010: 5)", "(Smith, 2010: 5){author-date: Smith 2010@page 5}"},
		{"author-date with page", "(Smith & Jones, 2012a, p. 5)", "(Smith & Jones, 2012a, p. 5){author-date: Smith & Jones 2012a@page 5}"},
		{"author-date GOST two authors", "(Петров, Сидоров, 2018)", "(Петров, Сидоров, 2018){author-date: Петров, Сидоров 2018}"},
		{"author-date three authors", "(Lee, Kim, & Park, 2015)", "(Lee, Kim, & Park, 2015){author-date: Lee, Kim, & Park 2015}"},
		{"author-date et al without comma", "(Jones et al. 2012)", "(Jones et al. 2012){author-date: Jones et al. 2012}"},
		{"author-date et al", "(Smith et al., 2012; Brown, 2010)", "(Smith et al., 2012; Brown, 2010){author-date: Smith et al. 2012, Brown 2010}"},
		{"author-date two years", "(Smith, 2010, 2012)", "(Smith, 2010, 2012){author-date: Smith 2010, Smith 2012}"},
		{"author-date Cyrillic", "(Жигалов, 1993, с. 9)", "(Жигалов, 1993, с. 9){author-date: Жигалов 1993@page 9}"},
		{"author-date no date", "(Konyrova, n.d.)", "(Konyrova, n.d.){author-date: Konyrova n.d.}"},
		{"author-date institution", "(Ministry of Foreign Affairs, 2013)", "(Ministry of Foreign Affairs, 2013){author-date: Ministry of Foreign Affairs 2013}"},
		{"author-date prefix", "(see Smith, 2012)", "(see Smith, 2012){author-date: <see> Smith 2012}"},
		{"narrative", "as Smith (2012) argues", "Smith (2012){author-date: +Smith 2012}"},
		{"narrative with page", "Smith et al. (2012, p. 7) argue", "Smith et al. (2012, p. 7){author-date: +Smith et al. 2012@page 7}"},
		{"narrative possessive", "Smith's (2010) model", "Smith's (2010){author-date: +Smith 2010}"},
		{"narrative two authors", "Smith and Jones (2010) show", "Smith and Jones (2010){author-date: +Smith and Jones 2010}"},
		{"a month is no author", "(April 2010) and (Summer 2012) and (in 2010)", ""},
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

func TestParseMarkersPositions(t *testing.T) {
	in := "First line.\nSecond «line» [2, с. 9] and Kazakhstan[4]."
	ms := ParseMarkers(in)
	if len(ms) != 2 {
		t.Fatalf("ParseMarkers found %d markers; want 2", len(ms))
	}
	for i, want := range []struct{ line, col int }{{2, 15}, {2, 39}} {
		if ms[i].Line != want.line || ms[i].Column != want.col {
			t.Errorf("marker %d (%s) at %d:%d; want %d:%d", i, ms[i].Text, ms[i].Line, ms[i].Column, want.line, want.col)
		}
		if in[ms[i].Start:ms[i].End] != ms[i].Text {
			t.Errorf("marker %d: span %d–%d is %q, not its text %q", i, ms[i].Start, ms[i].End, in[ms[i].Start:ms[i].End], ms[i].Text)
		}
	}
	if c := ms[0].Cites[0]; in[c.Start:c.End] != "2" {
		t.Errorf("cite key span is %q; want \"2\"", in[c.Start:c.End])
	}
}

// TestHTMLPandocMarkers: pandoc markers in HTML are found in text nodes,
// with the input's offsets, and nowhere else: not in tags or attribute
// values, code, pre, kbd, script, style or comments; e-mail addresses and
// a bare "@" are not markers.
func TestHTMLPandocMarkers(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"bracketed", "<p>As shown [@doe99].</p>", "[@doe99]{pandoc: doe99}"},
		{"several with locator", "<p>Shown [@a; @b, p. 3] twice.</p>", "[@a; @b, p. 3]{pandoc: a, b@page 3}"},
		{"suppress author", "<p>Doe says so [-@doe99].</p>", "[-@doe99]{pandoc: -doe99}"},
		{"in-text with locator", "<p>As @doe99 [p. 33] says.</p>", "@doe99 [p. 33]{pandoc: +doe99@page 33}"},
		{"in-text at the start of an element", "<p><em>@doe99</em> says.</p>", "@doe99{pandoc: +doe99}"},
		{"prefix", "<li>[see @doe99, ch. 2]</li>", "[see @doe99, ch. 2]{pandoc: <see> doe99@chapter 2}"},
		{"after an entity", "<p>Text&nbsp;[@doe99]&nbsp;and&nbsp;@smith04.</p>", "[@doe99]{pandoc: doe99} | @smith04{pandoc: +smith04}"},
		{"with numeric and author-date", "<p>One [2], two (Smith, 2012), three [@c].</p>", "[2]{numeric: 2} | (Smith, 2012){author-date: Smith 2012} | [@c]{pandoc: c}"},
		{"e-mail", "<p>Write to user@example.org or <a href=\"mailto:me@example.org\">me@example.org</a>.</p>", ""},
		{"e-mail across tags", "<p>Write to user<wbr>@example.org or me<span class=\"at\"></span>@example.org.</p>", ""},
		{"across inline tags", "<p>See [@a, <i>p.</i> 3] now.</p>", "[@a, <i>p.</i> 3]{pandoc: a@page 3}"},
		{"bare at sign", "<p>Apples @ 5 kg, @2x, and @-1.</p>", ""},
		{"attribute values", "<p title=\"[@doe99]\" data-x=\"@smith\"><img alt=\"@alt [@x]\"> Text.</p>", ""},
		{"code and pre", "<p>Type <code>[@doe99]</code> or <kbd>@smith</kbd>.</p><pre>[@a; @b]\n@c</pre>", ""},
		{"script and style", "<script>var x = \"[@doe99]\"; // @smith</script><style>@media print { a { } }</style><p>Text.</p>", ""},
		{"comment", "<p>Text <!-- [@doe99] @smith --> here.</p>", ""},
		{"crossref", "<p>See @fig:map and [@eq:one].</p>", ""},
		{"URL", "<p>At https://example.org/@doe99/post and www.example.org/@x.</p>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Parse("t.html", tt.in, HTML, Options{})
			if got := describe(d.Markers); got != tt.want {
				t.Errorf("Parse(%q, HTML).Markers = %s; want %s", tt.in, got, tt.want)
			}
			for _, m := range d.Markers {
				if tt.in[m.Start:m.End] != m.Text {
					t.Errorf("marker %q: span %d–%d is %q", m.Text, m.Start, m.End, tt.in[m.Start:m.End])
				}
				for _, c := range m.Cites {
					if m.Form == PandocMarker && tt.in[c.Start:c.End] != c.Key {
						t.Errorf("cite %q: span %d–%d is %q", c.Key, c.Start, c.End, tt.in[c.Start:c.End])
					}
				}
			}
		})
	}
	// Positions: line, column and offsets of a marker after tags and
	// multi-byte text on an earlier line.
	in := "<html><body>\n<h1>Étude</h1>\n<p>Résumé «cité» <b>[@doe99, p. 3]</b>.</p>\n</body></html>\n"
	d := Parse("t.html", in, HTML, Options{})
	if len(d.Markers) != 1 {
		t.Fatalf("markers = %s; want one", describe(d.Markers))
	}
	m := d.Markers[0]
	if want := strings.Index(in, "[@doe99"); m.Start != want || m.End != want+len("[@doe99, p. 3]") || m.Line != 3 || m.Column != 21 {
		t.Errorf("marker at %d–%d, %d:%d; want %d–%d, 3:21", m.Start, m.End, m.Line, m.Column, want, want+len("[@doe99, p. 3]"))
	}
}
