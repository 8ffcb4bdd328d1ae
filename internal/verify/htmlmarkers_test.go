package verify

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"
)

// TestHTMLPandocMarkers: pandoc markers in an HTML manuscript's text are
// verified like Markdown's; the ones in tags, attributes, code, comments
// and e-mail addresses are no markers at all.
func TestHTMLPandocMarkers(t *testing.T) {
	lib := &bib.Library{}
	for _, id := range []string{"doe99", "smith04"} {
		e := bib.NewEntry(id, "book")
		e.Set("title", "A book by "+id)
		if err := lib.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	text := "<html><body>\n<h1>Intro</h1>\n" +
		"<p>Shown [@doe99, p. 3] and @smith04 [p. 5] says so; [-@doe99] too.</p>\n" +
		"<p>Unknown <b>[@nobody]</b>. Mail user@example.org, @ 5 kg, <code>[@code]</code><!-- [@comment] -->.</p>\n" +
		"<p title=\"[@attr]\">End.</p>\n</body></html>\n"
	r := Run(lib, &Manuscript{Name: "paper.html", Text: text, Format: manuscript.HTML}, Options{})
	var got []string
	for _, m := range r.Markers {
		got = append(got, m.Text+"→"+strings.Join(m.Refs, ","))
		if text[m.Start:m.End] != m.Text {
			t.Errorf("marker %q: span %d–%d is %q", m.Text, m.Start, m.End, text[m.Start:m.End])
		}
	}
	want := "[@doe99, p. 3]→doe99 | @smith04 [p. 5]→smith04 | [-@doe99]→doe99 | [@nobody]→"
	if s := strings.Join(got, " | "); s != want {
		t.Errorf("markers = %s; want %s", s, want)
	}
	var unresolved []string
	for _, f := range r.Findings {
		switch f.Code {
		case CodeUnresolvedMarker:
			unresolved = append(unresolved, f.Excerpt)
			if f.Line != 4 || f.Column != 15 {
				t.Errorf("unresolved-marker at %d:%d; want 4:15", f.Line, f.Column)
			}
		case CodeUncitedReference:
			t.Errorf("%s: %s", f.Code, f.Message)
		}
	}
	if len(unresolved) != 1 || unresolved[0] != "[@nobody]" {
		t.Errorf("unresolved markers = %q; want [@nobody] only", unresolved)
	}
}
