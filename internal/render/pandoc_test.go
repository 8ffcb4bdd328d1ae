package render_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csljson"
	"github.com/cite-project/cite/internal/testkit"
)

// pandocDifferences lists where cite's rendering of the JOSS paper with
// the official apa.csl differs from pandoc --citeproc 2.17 on the same
// CSL-JSON, keyed by "cite N" or "entry ID", each with the rule that
// decides it (the README repeats them). A difference not listed fails
// the test; a listed one that no longer occurs is reported.
var pandocDifferences = map[string]string{
	"entry Ghahramani1994": "APA 7 10.5 prints a proceedings paper's volume, pages and publisher: (Vol. 6, pp. 120–127). Morgan-Kaufmann.; " +
		"citeproc-js 1.4 prints them with the same apa.csl, pandoc 2.17 drops them",
}

// TestPandocJOSS renders ../shared/corpus/real/gmr-joss-paper/paper.md
// with its paper.bib imported and ../shared/csl/styles/apa.csl, and
// compares every citation and every bibliography entry with pandoc
// --citeproc on the CSL-JSON cite exports from the same library. It
// skips without pandoc or the shared corpus.
func TestPandocJOSS(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc not installed")
	}
	dir := testkit.Shared(t, "corpus", "real", "gmr-joss-paper")
	stylePath := testkit.Shared(t, "csl", "styles", "apa.csl")
	bibData, err := os.ReadFile(filepath.Join(dir, "paper.bib"))
	if err != nil {
		t.Fatal(err)
	}
	lib, _, err := bibtex.Decode("paper.bib", bibData)
	if err != nil {
		t.Fatal(err)
	}
	var js bytes.Buffer
	if err := csljson.Encode(&js, lib.Entries); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	jsonPath := filepath.Join(tmp, "paper.json")
	if err := os.WriteFile(jsonPath, js.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	mdPath := filepath.Join(dir, "paper.md")
	cmd := exec.Command(pandoc, "--citeproc", "--csl", stylePath, "--bibliography", jsonPath, "-t", "json", mdPath)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pandoc: %v", err)
	}
	pCites, pEntries := pandocCitations(t, out)

	md, err := os.ReadFile(mdPath)
	if err != nil {
		t.Fatal(err)
	}
	style, err := os.ReadFile(stylePath)
	if err != nil {
		t.Fatal(err)
	}
	res := run(t, lib, formatter(t, style, "", output.Text), "paper.md", string(md), output.Text)
	if len(res.Problems) > 0 {
		t.Errorf("problems: %v", res.Problems)
	}
	seen := map[string]bool{}
	check := func(key, ours, theirs string) {
		seen[key] = true
		if ours == theirs {
			return
		}
		if why, ok := pandocDifferences[key]; ok {
			t.Logf("%s: known difference (%s)\n  cite:   %s\n  pandoc: %s", key, why, ours, theirs)
			return
		}
		t.Errorf("%s differs from pandoc:\n  cite:   %s\n  pandoc: %s", key, ours, theirs)
	}
	if len(res.Cites) != len(pCites) {
		t.Errorf("cite rendered %d citations, pandoc %d", len(res.Cites), len(pCites))
	}
	for i := 0; i < len(res.Cites) && i < len(pCites); i++ {
		check("cite "+res.Cites[i].Marker, res.Cites[i].Text, pCites[i])
	}
	if len(res.Bibliography) != len(pEntries) {
		t.Errorf("cite listed %d entries, pandoc %d", len(res.Bibliography), len(pEntries))
	}
	for i := 0; i < len(res.Bibliography) && i < len(pEntries); i++ {
		check("entry "+pEntries[i][0], res.Bibliography[i], pEntries[i][1])
	}
	for key := range pandocDifferences {
		if !seen[key] {
			t.Errorf("listed difference %q no longer occurs; remove it (and from the README)", key)
		}
	}
	t.Logf("pandoc comparison: %d citations, %d entries", len(pCites), len(pEntries))
}

// pandocCitations reads pandoc's JSON AST: the text of every Cite in
// document order, and each entry of the refs div with its id.
func pandocCitations(t *testing.T, data []byte) ([]string, [][2]string) {
	t.Helper()
	var doc struct {
		Blocks []json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var cites []string
	var entries [][2]string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			switch x["t"] {
			case "Cite":
				c := x["c"].([]any)
				cites = append(cites, plainInlines(c[1]))
				return
			case "Div":
				c := x["c"].([]any)
				attr := c[0].([]any)
				if id, _ := attr[0].(string); strings.HasPrefix(id, "ref-") {
					entries = append(entries, [2]string{strings.TrimPrefix(id, "ref-"), strings.TrimSpace(plainBlocks(c[1]))})
					return
				}
			}
			for _, v := range x {
				walk(v)
			}
		case []any:
			for _, v := range x {
				walk(v)
			}
		}
	}
	for _, b := range doc.Blocks {
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		walk(v)
	}
	return cites, entries
}

func plainBlocks(v any) string {
	var b strings.Builder
	for _, blk := range v.([]any) {
		m := blk.(map[string]any)
		if m["t"] == "Para" || m["t"] == "Plain" {
			b.WriteString(plainInlines(m["c"]))
		}
	}
	return b.String()
}

// plainInlines flattens pandoc inlines to text: formatting dropped,
// quotations with curly marks, as cite's text output prints them.
func plainInlines(v any) string {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			switch x["t"] {
			case "Str":
				b.WriteString(x["c"].(string))
			case "Space", "SoftBreak", "LineBreak":
				b.WriteString(" ")
			case "Quoted":
				c := x["c"].([]any)
				open, closing := "“", "”"
				if q, _ := c[0].(map[string]any); q != nil && q["t"] == "SingleQuote" {
					open, closing = "‘", "’"
				}
				b.WriteString(open)
				walk(c[1])
				b.WriteString(closing)
			case "Link":
				walk(x["c"].([]any)[1])
			case "Span":
				walk(x["c"].([]any)[1])
			case "Code", "Math":
				c := x["c"].([]any)
				b.WriteString(c[len(c)-1].(string))
			default:
				if c, ok := x["c"]; ok {
					walk(c)
				}
			}
		}
	}
	walk(v)
	return b.String()
}
