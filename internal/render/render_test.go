package render_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/render"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/testkit"
)

func formatter(t *testing.T, style []byte, name string, to output.Format) *cite.Formatter {
	t.Helper()
	var st *cite.Style
	var err error
	if style != nil {
		st = &cite.Style{Name: "test.csl", XML: style}
	} else if st, err = cite.LoadStyle(name, nil); err != nil {
		t.Fatal(err)
	}
	f, err := cite.New(st, cite.Options{Format: to})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func run(t *testing.T, lib *bib.Library, f *cite.Formatter, name, text string, to output.Format) *render.Result {
	t.Helper()
	doc := manuscript.Parse(name, text, manuscript.Detect(name), manuscript.Options{KeepNarrative: render.KeepNarrative(lib)})
	res, err := render.Render(doc, lib, f, render.Options{To: to})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func essayLibrary(t *testing.T) *bib.Library {
	t.Helper()
	lib, _, err := store.Load(filepath.Join(testkit.ModuleRoot(t), "refs"))
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// TestEssay renders the essay in APA and GOST. Every citation of the
// goldens was checked by hand: testdata/NOTES.md gives the rule for each.
func TestEssay(t *testing.T) {
	path := testkit.Shared(t, "seed", "000_0e6108aa741f98bb.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	lib := essayLibrary(t)
	for _, style := range []string{"apa", "gost"} {
		t.Run(style, func(t *testing.T) {
			res := run(t, lib, formatter(t, nil, style, output.Text), "essay.txt", text, output.Text)
			if len(res.Problems) > 0 {
				t.Errorf("problems: %v", res.Problems)
			}
			testkit.Golden(t, filepath.Join("testdata", "essay-"+style+".golden"), []byte(res.Text))
			checkUnchanged(t, text, res)
		})
	}
}

// checkUnchanged checks that the text before the reference list is the
// source with only the markers replaced: splicing the source's markers
// out of both leaves the same bytes.
func checkUnchanged(t *testing.T, src string, res *render.Result) {
	t.Helper()
	out := res.Text
	at := 0
	for _, c := range res.Cites {
		i := strings.Index(src[at:], c.Marker)
		if i < 0 {
			t.Fatalf("marker %q not found in the source after offset %d", c.Marker, at)
		}
		before := src[at : at+i]
		if !strings.HasPrefix(out, before) && !strings.HasPrefix(out, strings.TrimRight(before, " ")) {
			t.Fatalf("text before %q changed:\nsource: %q\noutput: %q", c.Marker, tailOf(before, 60), headOf(out, 60))
		}
		out = strings.TrimPrefix(out, before)
		out = strings.TrimPrefix(strings.TrimPrefix(out, " "), c.Text)
		at += i + len(c.Marker)
	}
}

func tailOf(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func headOf(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func smithLibrary() *bib.Library {
	lib := &bib.Library{}
	add := func(id, family, title string, year int) {
		e := bib.NewEntry(id, "book")
		e.Set("title", title)
		e.Set("publisher", "Publisher")
		e.AddName("author", bib.Name{Family: family, Given: "John"})
		e.SetDate("issued", bib.Date{Start: bib.DatePart{Year: year}})
		lib.Add(e)
	}
	add("smithB", "Smith", "Beta studies", 2012)
	add("smithA", "Smith", "Alpha studies", 2012)
	add("jones", "Jones", "Gamma", 2001)
	return lib
}

// TestDisambiguation: two works by Smith from 2012 are "2012a" and
// "2012b" in the text and in the list (APA 7, 8.19: the suffixes follow
// the order of the titles in the list).
func TestDisambiguation(t *testing.T) {
	text := "# Intro\n\nFirst [@smithB, p. 4], then [@smithA; @jones], and @smithA says so.\n"
	res := run(t, smithLibrary(), formatter(t, nil, "apa", output.Markdown), "paper.md", text, output.Markdown)
	var got []string
	for _, c := range res.Cites {
		got = append(got, c.Text)
	}
	want := []string{"(Smith, 2012b, p. 4)", "(Jones, 2001; Smith, 2012a)", "Smith (2012a)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("citations = %q; want %q", got, want)
	}
	if want := []string{"Jones, J. (2001). *Gamma*. Publisher.", "Smith, J. (2012a). *Alpha studies*. Publisher.", "Smith, J. (2012b). *Beta studies*. Publisher."}; !reflect.DeepEqual(res.Bibliography, want) {
		t.Errorf("bibliography = %q; want %q", res.Bibliography, want)
	}
	if !strings.Contains(res.Text, "\n# References\n\nJones, J. (2001).") {
		t.Errorf("no References section under a level-1 heading:\n%s", res.Text)
	}
}

// noteStyle is a minimal CSL note style: full note at first, short note
// after, "Ibid." when CSL 1.0.2's position rules say ibid, "Ibid., p. N"
// for ibid-with-locator.
const noteStyle = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" default-locale="en-US">
  <info><title>Note test</title><id>note-test</id><category citation-format="note"/></info>
  <citation>
    <layout suffix="." delimiter="; ">
      <choose>
        <if position="ibid-with-locator">
          <group delimiter=", "><text term="ibid" text-case="capitalize-first" suffix="."/><group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group></group>
        </if>
        <else-if position="ibid">
          <text term="ibid" text-case="capitalize-first" suffix="."/>
        </else-if>
        <else-if position="subsequent">
          <group delimiter=", "><names variable="author"><name form="short"/></names><text variable="title" form="short" font-style="italic"/><group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group></group>
        </else-if>
        <else>
          <group delimiter=", "><names variable="author"/><text variable="title" font-style="italic"/><date variable="issued"><date-part name="year"/></date><group delimiter=" "><label variable="locator" form="short"/><text variable="locator"/></group></group>
        </else>
      </choose>
    </layout>
  </citation>
  <bibliography><layout><names variable="author"><name name-as-sort-order="all"/></names><text variable="title" prefix=". "/></layout></bibliography>
</style>`

// TestNoteStyleIbid: each citation becomes a footnote; a cite of the
// item cited alone in the previous note is "Ibid." (with a locator,
// "Ibid., p. 5"); after a note with two cites, the short form follows
// (CSL 1.0.2, "Position").
func TestNoteStyleIbid(t *testing.T) {
	text := "One [@jones]. Two [@jones]. Three [@jones, p. 5]. Four [@smithA; @jones]. Five [@jones]. Six [@smithA].\n"
	res := run(t, smithLibrary(), formatter(t, []byte(noteStyle), "", output.Markdown), "notes.md", text, output.Markdown)
	var got []string
	for _, c := range res.Cites {
		got = append(got, c.Text)
	}
	want := []string{"John Jones, *Gamma*, 2001.", "Ibid.", "Ibid., p. 5.", "John Smith, *Alpha studies*, 2012; Jones, *Gamma*.", "Jones, *Gamma*.", "Smith, *Alpha studies*."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("notes = %q; want %q", got, want)
	}
	if !strings.HasPrefix(res.Text, "One [^cite-1]. Two [^cite-2].") || !strings.Contains(res.Text, "\n[^cite-2]: Ibid.\n") {
		t.Errorf("footnotes not in Markdown form:\n%s", res.Text)
	}
}

// TestUnresolved: a marker naming an unknown key is left as written and
// reported with its line and column; the rest is rendered.
func TestUnresolved(t *testing.T) {
	text := "Known [@jones].\n\nUnknown [@nobody, p. 3] here.\n"
	res := run(t, smithLibrary(), formatter(t, nil, "apa", output.Markdown), "paper.md", text, output.Markdown)
	if len(res.Problems) != 1 || res.Problems[0].String() != `paper.md:3:9: unresolved-marker: [@nobody, p. 3]: no reference "nobody" in the library` {
		t.Fatalf("problems = %v", res.Problems)
	}
	if !strings.HasPrefix(res.Text, "Known (Jones, 2001).\n\nUnknown [@nobody, p. 3] here.\n") {
		t.Errorf("output:\n%s", res.Text)
	}
}

// TestPlaceholders: the bibliography goes where the manuscript asks.
func TestPlaceholders(t *testing.T) {
	lib := smithLibrary()
	tests := []struct {
		name, file, text, want string
	}{
		{"template line", "a.txt", "Text [3].\n\n{{bibliography}}\n\nAppendix.\n", "Text (Jones, 2001).\n\nJones, J. (2001). Gamma. Publisher.\n\nAppendix.\n"},
		{"pandoc div", "a.md", "Text [@jones].\n\n# Works cited\n\n::: {#refs}\n:::\n\n# Appendix\n", "Text (Jones, 2001).\n\n# Works cited\n\n::: {#refs}\nJones, J. (2001). *Gamma*. Publisher.\n:::\n\n# Appendix\n"},
		{"html div", "a.html", "<html><body><p>Text [3].</p>\n<div id=\"refs\"></div>\n<p>End</p></body></html>\n", "<html><body><p>Text (Jones, 2001).</p>\n<div id=\"refs\">\n<div class=\"csl-bib-body\" style=\"padding-left: 2em; text-indent: -2em; line-height: 2;\">\n  <div class=\"csl-entry\">Jones, J. (2001). <i>Gamma</i>. Publisher.</div>\n</div>\n</div>\n<p>End</p></body></html>\n"},
		{"end of html", "a.html", "<html><body><p>Text [3].</p>\n</body></html>\n", "<html><body><p>Text (Jones, 2001).</p>\n<h2>References</h2>\n<div class=\"csl-bib-body\" style=\"padding-left: 2em; text-indent: -2em; line-height: 2;\">\n  <div class=\"csl-entry\">Jones, J. (2001). <i>Gamma</i>. Publisher.</div>\n</div>\n</body></html>\n"},
		// Lower-casing İ or the Kelvin sign changes their length in bytes:
		// the place of </body> must be found in the text itself.
		{"end of html after İ and K", "a.html", "<html><body><p>İİİ KKK Text [3].</p>\n</BODY></html>\n", "<html><body><p>İİİ KKK Text (Jones, 2001).</p>\n<h2>References</h2>\n<div class=\"csl-bib-body\" style=\"padding-left: 2em; text-indent: -2em; line-height: 2;\">\n  <div class=\"csl-entry\">Jones, J. (2001). <i>Gamma</i>. Publisher.</div>\n</div>\n</BODY></html>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			to := render.OwnFormat(manuscript.Detect(tt.file))
			res := run(t, lib, formatter(t, nil, "apa", to), tt.file, tt.text, to)
			if res.Text != tt.want {
				t.Errorf("Render(%q) =\n%s\nwant\n%s", tt.text, res.Text, tt.want)
			}
		})
	}
}

// TestTextToHTML: a text manuscript becomes an HTML page, its text
// escaped and its paragraphs in <p>.
func TestTextToHTML(t *testing.T) {
	text := "Title line\n\nA & B <c> [3].\n"
	res := run(t, smithLibrary(), formatter(t, nil, "apa", output.HTML), "a.txt", text, output.HTML)
	for _, want := range []string{"<p>A &amp; B &lt;c&gt; (Jones, 2001).</p>", "<h2>References</h2>", "<i>Gamma</i>"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("HTML output lacks %q:\n%s", want, res.Text)
		}
	}
}

// TestAliases: a key merged into another entry (its alias) still cites
// that entry.
func TestAliases(t *testing.T) {
	lib := smithLibrary()
	e, _ := lib.Lookup("jones")
	e.Aliases = []string{"jones-old"}
	lib.Reindex()
	res := run(t, lib, formatter(t, nil, "apa", output.Markdown), "a.md", "Old key [@jones-old].\n", output.Markdown)
	if len(res.Problems) > 0 || len(res.Cites) != 1 || res.Cites[0].Text != "(Jones, 2001)" {
		t.Errorf("alias: cites %+v, problems %v", res.Cites, res.Problems)
	}
}

// TestYearLetters: a manuscript's own year letters name the works an
// author–date style letters so, by title (APA 7, 8.19): rendering it in
// that style gives the same letters. (Both resolvers lettered in library
// order, and swapped them here.)
func TestYearLetters(t *testing.T) {
	text := "First (Smith, 2012b), then (Smith, 2012a, p. 3).\n"
	res := run(t, smithLibrary(), formatter(t, nil, "apa", output.Markdown), "paper.md", text, output.Markdown)
	if !strings.HasPrefix(res.Text, "First (Smith, 2012b), then (Smith, 2012a, p. 3).\n") || len(res.Problems) > 0 {
		t.Errorf("output:\n%s\nproblems: %v", res.Text, res.Problems)
	}
}

// TestAuthorDateForms: author–date markers resolve through every form
// of a name that verify resolves too: a BibTeX "R Core Team" (given "R
// Core", family "Team"), an initial before the family name, romanised
// Cyrillic, co-authors. render did not resolve the first two before. An
// author's only work of another year is not taken: the marker is
// reported, naming that work.
func TestAuthorDateForms(t *testing.T) {
	lib := smithLibrary()
	add := func(id string, year int, names ...bib.Name) {
		e := bib.NewEntry(id, "book")
		e.Set("title", id)
		e.SetDate("issued", bib.Date{Start: bib.DatePart{Year: year}})
		for _, n := range names {
			e.AddName("author", n)
		}
		lib.Add(e)
	}
	add("rcore", 2022, bib.Name{Given: "R Core", Family: "Team"})
	add("terra", 2022, bib.Name{Given: "Robert J.", Family: "Hijmans"})
	add("zhigalov", 1993, bib.Name{Family: "Жигалов", Given: "К. В."}, bib.Name{Family: "Султанов", Given: "Б. К."})
	text := "R (R Core Team, 2022) and terra (J Hijmans, 2022); (Zhigalov & Sultanov, 1993); (Jones, 2002).\n"
	res := run(t, lib, formatter(t, nil, "apa", output.Markdown), "paper.md", text, output.Markdown)
	var got []string
	for _, c := range res.Cites {
		got = append(got, c.Text)
	}
	// "Team": the record holds BibTeX's reading of the name; APA romanises
	// the Russian names (9.38).
	want := []string{"(Team, 2022)", "(Hijmans, 2022)", "(Zhigalov & Sultanov, 1993)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("citations = %q; want %q", got, want)
	}
	wantProblem := `paper.md:1:81: unresolved-marker: (Jones, 2002): no reference "Jones 2002" in the library (the library's only work by Jones, jones, is from 2001)`
	if len(res.Problems) != 1 || res.Problems[0].String() != wantProblem {
		t.Errorf("problems = %v; want %s", res.Problems, wantProblem)
	}
}

// TestHTMLPandocMarkers renders an HTML manuscript whose markers are
// pandoc's, in APA; only the markers in text nodes are citations (none in
// the head, attributes, code, pre, comments, e-mail addresses). The
// citations of testdata/pandoc-markers.apa.golden were checked by hand:
// see testdata/NOTES.md.
func TestHTMLPandocMarkers(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "pandoc-markers.html"))
	if err != nil {
		t.Fatal(err)
	}
	res := run(t, smithLibrary(), formatter(t, nil, "apa", output.HTML), "pandoc-markers.html", string(src), output.HTML)
	if len(res.Problems) > 0 {
		t.Errorf("problems: %v", res.Problems)
	}
	var got []string
	for _, c := range res.Cites {
		got = append(got, c.Marker+" → "+c.Text)
	}
	want := []string{
		"[@smithA, p. 4] → (Smith, 2012a, p. 4)",
		"[@smithB; @jones] → (Jones, 2001; Smith, 2012b)",
		"@jones [p. 7] → Jones (2001, p. 7)",
		"[-@smithA] → (2012a)",
		"[see @jones, ch. 2] → (see Jones, 2001, Chapter 2)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("citations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	testkit.Golden(t, filepath.Join("testdata", "pandoc-markers.apa.golden"), []byte(res.Text))
	checkUnchanged(t, string(src), res)
}
