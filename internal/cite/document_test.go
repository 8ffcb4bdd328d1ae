package cite_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
)

// TestDocument pins the layout of a two-section document in every format;
// Document and a DocumentWriter fed entry by entry write the same bytes.
func TestDocument(t *testing.T) {
	secs := []cite.Section{{Entries: []string{"A.", "B."}}, {Title: "References & more", Entries: []string{"C."}}}
	tests := []struct {
		f    output.Format
		want string
	}{
		{output.Text, "A.\nB.\n\nReferences & more\n\nC.\n"},
		{output.HTML, "<div class=\"csl-bib-body\">\n  <div class=\"csl-entry\">A.</div>\n  <div class=\"csl-entry\">B.</div>\n</div>\n" +
			"<h2>References &#38; more</h2>\n<div class=\"csl-bib-body\">\n  <div class=\"csl-entry\">C.</div>\n</div>\n"},
		{output.Markdown, "A.\n\nB.\n\n## References & more\n\nC.\n"},
		{output.RTF, "{\\rtf1\\ansi\\deff0\n{\\pard A.\\par}\n{\\pard B.\\par}\n{\\pard\\b References & more\\par}\n{\\pard C.\\par}\n}\n"},
	}
	for _, tt := range tests {
		got := cite.Document(tt.f, secs...)
		if got != tt.want {
			t.Errorf("%s:\n%q\nwant\n%q", tt.f, got, tt.want)
		}
		var b strings.Builder
		d := cite.NewDocumentWriter(&b, tt.f)
		for _, s := range secs {
			d.Section(s.Title)
			for _, e := range s.Entries {
				d.Entry(e)
			}
		}
		if err := d.Close(); err != nil || b.String() != got {
			t.Errorf("%s: writer gave %q, %v; Document %q", tt.f, b.String(), err, got)
		}
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n += len(p); w.n > 10 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestDocumentWriterError: a failed write is not lost; Close returns it.
func TestDocumentWriterError(t *testing.T) {
	d := cite.NewDocumentWriter(&failingWriter{}, output.Text)
	for range 10000 {
		d.Entry("An entry long enough to fill the buffer.")
	}
	if err := d.Close(); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Close = %v; want the writer's error", err)
	}
}
