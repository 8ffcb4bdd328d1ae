package render_test

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/render"
)

// benchManuscript writes a Markdown manuscript of about 50 pages (100
// paragraphs of 250 words, 2,000 markers) citing 400 of the library's
// references: single cites, clusters of two and three, locators,
// narrative and suppressed-author cites.
func benchManuscript(lib *bib.Library) (string, [][]string) {
	rng := rand.New(rand.NewSource(1))
	cited := make([]string, 400)
	for i := range cited {
		cited[i] = lib.Entries[rng.Intn(len(lib.Entries))].ID
	}
	words := strings.Fields("the of results method data analysis shows that model we in for and our approach with previous work has been studied")
	var b strings.Builder
	var clusters [][]string
	b.WriteString("---\ntitle: Benchmark\n---\n\n# Introduction\n\n")
	for p := 0; p < 100; p++ {
		if p%10 == 9 {
			fmt.Fprintf(&b, "# Section %d\n\n", p/10+2)
		}
		for s := 0; s < 20; s++ {
			for w := 0; w < 12; w++ {
				b.WriteString(words[rng.Intn(len(words))] + " ")
			}
			var keys []string
			for k := 0; k < 1+rng.Intn(3); k++ {
				keys = append(keys, cited[rng.Intn(len(cited))])
			}
			clusters = append(clusters, keys)
			switch s % 4 {
			case 0:
				fmt.Fprintf(&b, "[@%s]", strings.Join(keys, "; @"))
			case 1:
				fmt.Fprintf(&b, "[see @%s, p. %d]", keys[0], 1+rng.Intn(300))
				clusters[len(clusters)-1] = keys[:1]
			case 2:
				fmt.Fprintf(&b, "as @%s shows", keys[0])
				clusters[len(clusters)-1] = keys[:1]
			default:
				fmt.Fprintf(&b, "[-@%s]", keys[0])
				clusters[len(clusters)-1] = keys[:1]
			}
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	return b.String(), clusters
}

// BenchmarkRender renders the 50-page manuscript with 2,000 markers
// against a 10,000-reference library in APA: parsing, resolving, one
// engine run, splicing. BenchmarkFormatCited is the floor: the engine
// alone formatting the same 2,000 citations and the cited references.
//
//	go test ./internal/render -run '^$' -bench . -benchmem
func BenchmarkRender(b *testing.B) {
	lib := gen.Library(10000, 1)
	text, _ := benchManuscript(lib)
	st, _ := cite.LoadStyle("apa", nil)
	f, err := cite.New(st, cite.Options{Format: output.Markdown})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc := manuscript.Parse("bench.md", text, manuscript.Markdown, manuscript.Options{KeepNarrative: render.KeepNarrative(lib)})
		res, err := render.Render(doc, lib, f, render.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Citations != 2000 || len(res.Problems) > 0 {
			b.Fatalf("rendered %d citations with %d problems; want 2000 and none", res.Citations, len(res.Problems))
		}
	}
}

func BenchmarkFormatCited(b *testing.B) {
	lib := gen.Library(10000, 1)
	_, clusters := benchManuscript(lib)
	var cits []cite.Citation
	for _, keys := range clusters {
		var c cite.Citation
		for _, k := range keys {
			c.Refs = append(c.Refs, cite.Ref{ID: k})
		}
		cits = append(cits, c)
	}
	st, _ := cite.LoadStyle("apa", nil)
	f, err := cite.New(st, cite.Options{Format: output.Markdown})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := f.Process(lib, cits, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range r.Citations {
			_ = f.Render(n)
		}
		for _, n := range r.Entries {
			_ = f.Render(n)
		}
	}
}
