package manuscript

import (
	"fmt"
	"strings"
	"testing"
)

// TestNocite checks the two ways a manuscript lists works it does not
// cite: YAML front matter and LaTeX \nocite.
func TestNocite(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		in     string
		want   string // "keys|all" of each request
	}{
		{"yaml block", Markdown, "---\nnocite: |\n  @a, @b\n---\nText.\n", "a,b|false"},
		{"yaml string", Markdown, "---\ntitle: x\nnocite: '@*'\n---\nText.\n", "|true"},
		{"yaml list", Markdown, "---\nnocite:\n  - '@c'\n  - '@{d e}'\n---\n", "c,d e|false"},
		{"latex keys", LaTeX, "Text.\\nocite{a, b}\n", "a,b|false"},
		{"latex all", LaTeX, "\\nocite{*}\n", "|true"},
		{"latex comment", LaTeX, "%\\nocite{x}\n", ""},
	}
	for _, tt := range tests {
		d := Parse("in", tt.in, tt.format, Options{})
		var got []string
		for _, n := range d.Nocite {
			got = append(got, strings.Join(n.Keys, ",")+"|"+fmt.Sprint(n.All))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: nocite = %q; want %q", tt.name, got, tt.want)
		}
	}
}

// TestPlaceholders checks the bibliography placeholders and their spans.
func TestPlaceholders(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		in     string
		want   string // the placeholder's text
		kind   PlaceholderKind
	}{
		{"pandoc div", Markdown, "# References\n\n::: {#refs}\n:::\n", "::: {#refs}\n:::", PandocDiv},
		{"pandoc div with content", Markdown, "Text.\n\n::: {#refs .references}\nold list\n:::\n\nAfter.\n", "::: {#refs .references}\nold list\n:::", PandocDiv},
		{"html div in markdown", Markdown, "Text.\n\n<div id=\"refs\"></div>\n", "<div id=\"refs\"></div>", HTMLDiv},
		{"html div", HTML, "<p>Text.</p><div id=\"refs\" class=\"references\"><div>x</div></div><p>End</p>", "<div id=\"refs\" class=\"references\"><div>x</div></div>", HTMLDiv},
		{"template line", Text, "Text.\n\n{{bibliography}}\n", "{{bibliography}}", TemplateTag},
		{"template line in markdown", Markdown, "Text.\n\n  {{bibliography}}\n", "{{bibliography}}", TemplateTag},
		{"printbibliography", LaTeX, "Text.\n\\printbibliography[title={Литература}]\n", "\\printbibliography[title={Литература}]", LaTeXCommand},
		{"bibliography", LaTeX, "Text.\n\\bibliography{refs,more}\n", "\\bibliography{refs,more}", LaTeXCommand},
	}
	for _, tt := range tests {
		d := Parse("in", tt.in, tt.format, Options{})
		if len(d.Placeholders) != 1 {
			t.Errorf("%s: %d placeholders; want 1", tt.name, len(d.Placeholders))
			continue
		}
		p := d.Placeholders[0]
		if got := d.Text[p.Start:p.End]; got != tt.want || p.Kind != tt.kind {
			t.Errorf("%s: placeholder %q (kind %d); want %q (kind %d)", tt.name, got, p.Kind, tt.want, tt.kind)
		}
	}
}

// TestQuotes checks the quotation marks of each format.
func TestQuotes(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		in     string
		want   []string // the quotations' texts
	}{
		{"guillemets", Text, "Он сказал: «Вода — это жизнь для нас».", []string{"«Вода — это жизнь для нас»"}},
		{"curly", Text, "He said “water is life” and ‘so it is’.", []string{"“water is life”", "‘so it is’"}},
		{"straight", Markdown, "He said \"water is life\" today.", []string{"\"water is life\""}},
		{"apostrophe is no closing mark", Text, "He said ‘Kazakhstan’s water is life’ today.", []string{"‘Kazakhstan’s water is life’"}},
		{"latex backticks", LaTeX, "He said ``water is life'' today.", []string{"``water is life''"}},
		{"latex enquote", LaTeX, "He said \\enquote{water is life} today.", []string{"\\enquote{water is life}"}},
		{"latex babel guillemets", LaTeX, "Он сказал <<вода --- это жизнь>> и \"<так\">.", []string{"<<вода --- это жизнь>>", "\"<так\">"}},
		{"latex german quotes", LaTeX, "Он сказал ,,Варяг`` вчера.", []string{",,Варяг``"}},
		{"latex straight quotes are babel", LaTeX, "Один \"--- два \"--- три.", nil},
		{"latex quote environment", LaTeX, "Text.\n\\begin{quote}\nA long quotation here.\n\\end{quote}\nAfter.", []string{"\\begin{quote}\nA long quotation here.\n\\end{quote}"}},
		{"markdown block quote", Markdown, "Text.\n\n> A long quotation\n> goes on.\n\nAfter.", []string{"> A long quotation\n> goes on."}},
		{"html q", HTML, "<p>He said <q>water is life</q>.</p>", []string{"<q>water is life</q>"}},
		{"html blockquote", HTML, "<blockquote><p>Water is life.</p></blockquote>", []string{"<blockquote><p>Water is life.</p></blockquote>"}},
		{"unclosed runs to the paragraph end", Text, "He said «water is life.\n\nNext.", []string{"«water is life."}},
	}
	for _, tt := range tests {
		d := Parse("in", tt.in, tt.format, Options{})
		var got []string
		for _, q := range d.Quotes {
			got = append(got, d.Text[q.Start:q.End])
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("%s: quotes = %q; want %q", tt.name, got, tt.want)
		}
	}
}

// TestReferenceListHeadings checks each heading that opens a reference
// list, in each format, and that the list's entries are not searched for
// markers.
func TestReferenceListHeadings(t *testing.T) {
	for _, h := range []string{"References", "Bibliography", "Literature Cited", "Works Cited", "Список литературы",
		"Библиографический список", "Использованная литература", "Источники и литература", "Список использованных источников"} {
		for _, tt := range []struct {
			format Format
			in     string
		}{
			{Markdown, "# Intro\n\nText [1].\n\n# " + h + "\n\n1. Smith J. (2010). A book [2]. London.\n2. Doe J. (2011). Other.\n"},
			{LaTeX, "\\section{Intro}\nText [1].\n\\section*{" + h + "}\n\\begin{enumerate}\n\\item Smith J. A book [2]. 2010.\n\\item Doe J. Other. 2011.\n\\end{enumerate}\n"},
			{Text, "Intro\n\nText [1].\n\n" + h + "\n\n1. Smith J. A book [2]. 2010.\n2. Doe J. Other. 2011.\n"},
			{HTML, "<h1>Intro</h1><p>Text [1].</p><h2>" + h + "</h2><ol><li>Smith J. A book [2]. 2010.</li><li>Doe J. Other. 2011.</li></ol>"},
		} {
			d := Parse("in", tt.in, tt.format, Options{})
			rl := d.References
			switch {
			case rl == nil:
				t.Errorf("%s %q: no reference list", tt.format, h)
			case rl.Heading != h:
				t.Errorf("%s %q: list heading %q", tt.format, h, rl.Heading)
			case len(rl.Entries) != 2 || !strings.HasPrefix(rl.Entries[0].Text, "Smith J.") || !strings.HasPrefix(rl.Entries[1].Text, "Doe J."):
				t.Errorf("%s %q: entries %+v", tt.format, h, rl.Entries)
			}
			if len(d.Markers) != 1 || d.Markers[0].Text != "[1]" {
				t.Errorf("%s %q: markers %v; want only [1] of the body", tt.format, h, d.Markers)
			}
		}
	}
}

// TestBibitems checks thebibliography's entries: keys, labels, numbers,
// texts.
func TestBibitems(t *testing.T) {
	in := "Text \\cite{a}.\n\\begin{thebibliography}{99}\n\\bibitem{a} Smith J. A book. 2010.\n\\bibitem[Doe(2011)]{b}\n  Doe J. Other. 2011.\n\\end{thebibliography}\nAfter."
	d := Parse("in", in, LaTeX, Options{})
	rl := d.References
	if rl == nil || len(rl.Entries) != 2 {
		t.Fatalf("references = %+v; want 2 entries", rl)
	}
	want := []ReferenceEntry{{Number: 1, Key: "a", Text: "Smith J. A book. 2010."}, {Number: 2, Key: "b", Label: "Doe(2011)", Text: "Doe J. Other. 2011."}}
	for i, w := range want {
		e := rl.Entries[i]
		if e.Number != w.Number || e.Key != w.Key || e.Label != w.Label || e.Text != w.Text {
			t.Errorf("entry %d = %d %q %q %q; want %d %q %q %q", i, e.Number, e.Key, e.Label, e.Text, w.Number, w.Key, w.Label, w.Text)
		}
	}
	if got := d.Text[rl.Start:rl.End]; !strings.HasPrefix(got, "\\begin{thebibliography}") || !strings.HasSuffix(got, "\\end{thebibliography}") {
		t.Errorf("list span = %q; want the environment", got)
	}
}

// TestFootnotes checks Markdown footnote definitions and their bodies.
func TestFootnotes(t *testing.T) {
	in := "A claim.[^1] More.[^long]\n\n[^1]: As @doe99 says.\n[^long]: A note\n    that goes on.\n\nAfter the notes.\n"
	d := Parse("in", in, Markdown, Options{})
	if len(d.Footnotes) != 2 {
		t.Fatalf("footnotes = %+v; want 2", d.Footnotes)
	}
	for i, want := range []struct{ label, body string }{{"1", "As @doe99 says."}, {"long", "A note\n    that goes on."}} {
		f := d.Footnotes[i]
		if f.Label != want.label || strings.TrimSpace(d.Text[f.Body.Start:f.Body.End]) != want.body {
			t.Errorf("footnote %d = %q %q; want %q %q", i, f.Label, d.Text[f.Body.Start:f.Body.End], want.label, want.body)
		}
	}
	notes := 0
	for _, p := range d.Paragraphs {
		if p.Note {
			notes++
		}
	}
	if notes != 2 {
		t.Errorf("%d note paragraphs; want 2", notes)
	}
}

// TestSentences checks sentence ends: abbreviations, initials, markers
// after the period, quotations that end a sentence, list items.
func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Dr. Smith came. He left.", []string{"Dr. Smith came.", "He left."}},
		{"К.В. Жигалов пишет. Далее, т. е. позже.", []string{"К.В. Жигалов пишет.", "Далее, т. е. позже."}},
		{"It grew [1]. Then it fell.", []string{"It grew [1].", "Then it fell."}},
		{"It grew. [1] Then it fell.", []string{"It grew. [1]", "Then it fell."}},
		{"He said «A. B.» [8]. Next one.", []string{"He said «A. B.» [8].", "Next one."}},
		{"Trade grew in the 1990s. It fell.", []string{"Trade grew in the 1990s.", "It fell."}},
		{"The aims:\n  • first aim;\n  • second aim [3].", []string{"The aims:", "• first aim;", "• second aim [3]."}},
	}
	for _, tt := range tests {
		d := Parse("in", tt.in, Text, Options{})
		var got []string
		for _, s := range d.Sentences {
			got = append(got, d.Text[s.Start:s.End])
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("sentences of %q = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestPositions checks line and column on long lines and after
// multi-byte text, against counting from the start.
func TestPositions(t *testing.T) {
	line := strings.Repeat("Жигалов пишет [1]. ", 500)
	in := "Первая строка.\n" + line + "\nПоследняя [2]."
	d := Parse("in", in, Text, Options{})
	if len(d.Markers) != 501 {
		t.Fatalf("%d markers; want 501", len(d.Markers))
	}
	for _, m := range d.Markers {
		before := in[:m.Start]
		wantLine := strings.Count(before, "\n") + 1
		wantCol := len([]rune(before[strings.LastIndexByte(before, '\n')+1:])) + 1
		if m.Line != wantLine || m.Column != wantCol {
			t.Fatalf("marker at %d: %d:%d; want %d:%d", m.Start, m.Line, m.Column, wantLine, wantCol)
		}
	}
}
