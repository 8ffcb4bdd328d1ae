package verify

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/manuscript"

	"github.com/cite-project/cite/internal/testkit"
)

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"«The Republic»  must\nhave", "the republic must have"},
		{"“complete trust” [1].", "complete trust."},
		{"Kazakhstan[4]. The", "kazakhstan. the"},
		{"peoples [2].»", "peoples."},
		{"(1994– 2002)", "(1994-2002)"},
		{"a — b - c", "a-b-c"},
		{"wait…", "wait..."},
		{"it’s", "its"},
		{"Ёлка\u00a0и\u00adёж", "елка иеж"},
	}
	for _, tt := range tests {
		if got := normalise(tt.in, markerSpans(tt.in)).str; got != tt.want {
			t.Errorf("normalise(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindAll(t *testing.T) {
	text := "He said: «The Republic must have a reasonable balance [2].» Then, later, the balance held."
	tests := []struct {
		excerpt string
		want    []string // the original text of each match
	}{
		{"The Republic must have a reasonable balance", []string{"The Republic must have a reasonable balance"}},
		{"\"the republic must have\"", []string{"The Republic must have"}},
		{"reasonable balance.", []string{"reasonable balance [2]."}},
		{"The Republic ... the balance held", []string{"The Republic must have a reasonable balance [2].» Then, later, the balance held"}},
		{"balance", []string{"balance", "balance"}},
		{"not there", nil},
	}
	n := normalise(text, markerSpans(text))
	for _, tt := range tests {
		var got []string
		for _, m := range n.findAll(normalise(tt.excerpt, nil), 10) {
			got = append(got, text[m.start:m.end])
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("findAll(%q) = %q; want %q", tt.excerpt, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	text := strings.Repeat("Filler sentence about nothing in particular. ", 50) +
		"The city was founded on the right bank of the river Ishim in 1830. " +
		strings.Repeat("More filler text that says other things. ", 50)
	n := normalise(text, nil)
	idx := newTrigramIndex(n.runes)
	near, ok := n.closest(idx, []rune("the city was founded on the left bank of the river ishim"))
	if !ok {
		t.Fatal("closest found nothing")
	}
	s, e := n.span(near.start, near.end)
	if got := text[s:e]; !strings.Contains(got, "founded on the right bank of the river Ishim") || near.similarity < 0.85 {
		t.Errorf("closest = %q (%.2f); want the sentence about the founding, over 85%% alike", got, near.similarity)
	}
}

func TestSellers(t *testing.T) {
	tests := []struct {
		p, t       string
		dist, s, e int
	}{
		{"abc", "xxabcxx", 0, 2, 5},
		{"abc", "xxabdxx", 1, 2, 4},
		{"abc", "", 3, 0, 0},
		{"kitten", "sitting", 2, 0, 6},
	}
	for _, tt := range tests {
		d, s, e := sellers([]rune(tt.p), []rune(tt.t))
		if d != tt.dist || s != tt.s || e != tt.e {
			t.Errorf("sellers(%q, %q) = %d, %d, %d; want %d, %d, %d", tt.p, tt.t, d, s, e, tt.dist, tt.s, tt.e)
		}
	}
}

// largeCase builds a manuscript of about size bytes from numbered
// paragraphs with markers, and a library with claims, most of them
// misquoted so that each needs a closest-passage search.
func largeCase(size, claims int) (*bib.Library, *Manuscript) {
	lib := &bib.Library{}
	for i := 1; i <= 50; i++ {
		e := bib.NewEntry(fmt.Sprintf("ref%d", i), "book")
		e.Set("title", fmt.Sprintf("Book %d", i))
		if err := lib.Add(e); err != nil {
			panic(err)
		}
	}
	var b strings.Builder
	for p := 0; b.Len() < size; p++ {
		fmt.Fprintf(&b, "Paragraph %d says that the treaty number %d was signed by the parties after long talks [%d]. "+
			"Its terms, as the minister put it, “were fair to every side of the table %d” [%d, p. %d].\n\n", p, p, p%50+1, p, p%50+1, p%300+1)
	}
	for i := 0; i < claims; i++ {
		p := i * 37
		lib.Claims = append(lib.Claims, &bib.Claim{
			ID: fmt.Sprintf("claim%d", i), Kind: bib.ClaimFact,
			Excerpt: fmt.Sprintf("the treaty numbr %d was signed by the partys", p),
			Sources: []bib.Source{{Ref: fmt.Sprintf("ref%d", p%50+1), Support: bib.SupportDirect}},
		})
	}
	return lib, &Manuscript{Name: "large.txt", Text: b.String()}
}

func TestLargeManuscriptSuggestions(t *testing.T) {
	lib, ms := largeCase(200_000, 10)
	r := Run(lib, ms, Options{})
	n := 0
	for _, f := range r.Findings {
		if f.Code == CodeClaimNotFound {
			n++
			if !strings.Contains(f.Message, "closest passage") {
				t.Errorf("claim %s: no suggestion: %s", f.Claim, f.Message)
			}
		}
	}
	if n != 10 {
		t.Errorf("%d claims not found; want 10", n)
	}
}

// BenchmarkRun verifies a manuscript of about 1 MB with 100 claims whose
// excerpts are all misquoted, the worst case for the closest-passage search.
func BenchmarkRun(b *testing.B) {
	lib, ms := largeCase(1_000_000, 100)
	b.ReportAllocs()
	b.SetBytes(int64(len(ms.Text)))
	for b.Loop() {
		Run(lib, ms, Options{})
	}
}

// BenchmarkWriteHTML renders the page of the same 1 MB manuscript.
func BenchmarkWriteHTML(b *testing.B) {
	lib, ms := largeCase(1_000_000, 100)
	r := Run(lib, ms, Options{})
	b.ReportAllocs()
	for b.Loop() {
		if err := r.WriteHTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzRun checks that no manuscript, in any format, makes Run panic, and
// that every finding's span and position lie inside the input.
func FuzzRun(f *testing.F) {
	for _, s := range []string{
		"He said «A b c d [1].» In 1991 it rained.", "“open and never closed [2]", "1. item\n2. item\n\nReferences\n1. A. 2001.",
		"[3] before [1] and [2]", "(Smith, 2012) and @key and \\cite{k}", "", "\n\n\n", "…[1]…", "a. b. c. [1] D.",
		"---\ntitle: x\nnocite: '@*'\n---\n# Intro\n\nAs @key [p. 3] says, $x=1$ in 1991 [@a, p. 2].\n\n# References\n",
		"\\section*{Введение}\nКак показано~\\cite[с.~5]{a}, в 1991 г. %comment 1992\n\\begin{equation}x=2020\\end{equation}\n\\begin{thebibliography}{9}\\bibitem{a} A. 2001.\\end{thebibliography}",
		"<p>In 1991 <q>it rained a lot here</q><sup>1</sup>.</p><h2>References</h2><ol><li>A. 2001.</li></ol>",
	} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
		f.Add(s, uint8(2))
		f.Add(s, uint8(3))
	}
	lib, _ := largeCase(0, 0)
	lib.Claims = []*bib.Claim{{ID: "c", Kind: bib.ClaimQuote, Excerpt: "it rained", Sources: []bib.Source{{Ref: "ref1"}}}}
	f.Fuzz(func(t *testing.T, text string, format uint8) {
		ms := &Manuscript{Name: "m", Text: text, Format: manuscript.Format(format % 4)}
		var r *Result
		testkit.AllocBudget(t, "Run", len(text), 4096, 16<<20, func() { r = Run(lib, ms, Options{}) })
		for _, fd := range r.Findings {
			if !fd.inManuscript() {
				continue
			}
			if fd.Start < 0 || fd.End > len(text) || fd.Start > fd.End || fd.Line < 1 || fd.Column < 1 {
				t.Fatalf("%s: finding %s at %d–%d (line %d, column %d) is outside the text of %d bytes", ms.Format, fd.Code, fd.Start, fd.End, fd.Line, fd.Column, len(text))
			}
		}
		for _, m := range r.Markers {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Fatalf("%s: marker %q at %d–%d is not its span of the input", ms.Format, m.Text, m.Start, m.End)
			}
		}
		var b strings.Builder
		if err := r.WriteHTML(&b); err != nil {
			t.Fatal(err)
		}
		testkit.OutputBudget(t, "WriteHTML", len(text), b.Len(), 64, 1<<20)
	})
}

// markerSpans returns the spans of the markers of a plain text.
func markerSpans(text string) []manuscript.Span {
	var out []manuscript.Span
	for _, m := range manuscript.ParseMarkers(text) {
		out = append(out, m.Span)
	}
	return out
}
