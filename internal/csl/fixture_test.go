package csl_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
)

// sharedDir returns ../shared relative to the module root, or "" when
// absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	shared := filepath.Join(testkit.ModuleRoot(t), "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "csl")); err != nil {
		return ""
	}
	return shared
}

// fixture is one test-suite case (see test-suite/README.rst).
type fixture struct {
	Name     string
	Sections map[string]string
}

var sectionRe = regexp.MustCompile(`(?s)>>=+ *([A-Z-]+) *=+>>\r?\n(.*?)\r?\n?<<=+ *([A-Z-]+) *=+<<`)

func parseFixture(name string, data []byte) fixture {
	s := strings.TrimPrefix(string(data), "\ufeff")
	f := fixture{Name: name, Sections: map[string]string{}}
	for _, m := range sectionRe.FindAllStringSubmatch(s, -1) {
		f.Sections[m[1]] = m[2]
	}
	return f
}

// fileLocales reads official locale files from dir.
func fileLocales(dir string) func(string) ([]byte, bool) {
	return func(tag string) ([]byte, bool) {
		data, err := os.ReadFile(filepath.Join(dir, "locales-"+tag+".xml"))
		return data, err == nil
	}
}

type jsonCite struct {
	ID             any    `json:"id"`
	Locator        any    `json:"locator"`
	Label          string `json:"label"`
	Prefix         string `json:"prefix"`
	Suffix         string `json:"suffix"`
	SuppressAuthor any    `json:"suppress-author"`
	AuthorOnly     any    `json:"author-only"`
	Position       *int   `json:"position"`
}

func str(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return fmt.Sprint(v)
	}
	return fmt.Sprint(v)
}

func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case float64:
		return v != 0
	case string:
		return v != "" && v != "false" && v != "0"
	}
	return false
}

func (j jsonCite) cite() csl.CiteItem {
	c := csl.CiteItem{ID: str(j.ID), Locator: str(j.Locator), Label: j.Label, Prefix: j.Prefix, Suffix: j.Suffix,
		SuppressAuthor: truthy(j.SuppressAuthor), AuthorOnly: truthy(j.AuthorOnly)}
	if j.Position != nil {
		// citeproc-js numbers positions from 0 (first).
		c.Position = csl.Position(*j.Position + 1)
	}
	return c
}

type jsonCitation struct {
	CitationID    string     `json:"citationID"`
	CitationItems []jsonCite `json:"citationItems"`
	Properties    struct {
		NoteIndex int `json:"noteIndex"`
	} `json:"properties"`
}

// run executes a fixture and returns the output to compare with RESULT.
func (f fixture) run(locales func(string) ([]byte, bool)) (string, error) {
	p, err := csl.New([]byte(f.Sections["CSL"]), csl.Options{Locales: locales, NarrowSpaces: true,
		EmptyEntry: "[CSL STYLE ERROR: reference with no printed form.]"})
	if err != nil {
		return "", err
	}
	items, err := item.DecodeJSON([]byte(f.Sections["INPUT"]))
	if err != nil {
		return "", err
	}
	mode := strings.TrimSpace(f.Sections["MODE"])
	var clusters []csl.Cluster
	cited := false
	if raw, ok := f.Sections["CITATION-ITEMS"]; ok {
		var groups [][]jsonCite
		if err := json.Unmarshal([]byte(raw), &groups); err != nil {
			return "", fmt.Errorf("CITATION-ITEMS: %w", err)
		}
		for i, g := range groups {
			var cl csl.Cluster
			cl.NoteIndex = i + 1
			for _, c := range g {
				cl.Items = append(cl.Items, c.cite())
			}
			clusters = append(clusters, cl)
		}
		cited = true
	}
	if raw, ok := f.Sections["CITATIONS"]; ok {
		if mode == "citation" {
			return runCitations(p, items, raw)
		}
		cs, err := finalCitations(raw)
		if err != nil {
			return "", err
		}
		clusters = cs
		cited = true
	}
	switch mode {
	case "citation":
		if clusters == nil {
			// citeproc-js's harness cites all items in registry order,
			// which is the bibliography's sort order when there is one.
			var cl csl.Cluster
			cl.NoteIndex = 1
			seen := map[string]bool{}
			if p.Style().Bibliography != nil && p.Style().Bibliography.Sort != nil {
				for _, id := range p.Process(items, nil, true).EntryIDs {
					seen[id] = true
					cl.Items = append(cl.Items, csl.CiteItem{ID: id})
				}
			}
			for _, it := range items {
				if !seen[it.ID] {
					seen[it.ID] = true
					cl.Items = append(cl.Items, csl.CiteItem{ID: it.ID})
				}
			}
			clusters = []csl.Cluster{cl}
		}
		res := p.Process(items, clusters, false)
		var lines []string
		for _, n := range res.Clusters {
			lines = append(lines, output.Render(n, output.HTML))
		}
		return strings.Join(lines, "\n"), nil
	case "bibliography":
		var res csl.Result
		if cited {
			res = p.ProcessCited(items, clusters, true)
		} else {
			res = p.Process(items, nil, true)
		}
		return bibHTML(res), nil
	}
	return "", fmt.Errorf("unknown mode %q", mode)
}

// bibHTML formats a bibliography as citeproc-js's HTML output does.
func bibHTML(res csl.Result) string {
	var b strings.Builder
	b.WriteString("<div class=\"csl-bib-body\">\n")
	for _, e := range res.Entries {
		s := output.Render(e, output.HTML)
		fmt.Fprintf(&b, "  <div class=\"csl-entry\">%s</div>\n", s)
	}
	b.WriteString("</div>")
	return b.String()
}

func parseCitations(raw string) ([][3]json.RawMessage, error) {
	var steps [][3]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &steps); err != nil {
		return nil, fmt.Errorf("CITATIONS: %w", err)
	}
	return steps, nil
}

type citationState struct {
	order []string
	byID  map[string]*jsonCitation
	notes map[string]int
}

func (s *citationState) step(st [3]json.RawMessage) error {
	var c jsonCitation
	if err := json.Unmarshal(st[0], &c); err != nil {
		return err
	}
	var pre, post [][]any
	if err := json.Unmarshal(st[1], &pre); err != nil {
		return err
	}
	if err := json.Unmarshal(st[2], &post); err != nil {
		return err
	}
	s.byID[c.CitationID] = &c
	s.notes[c.CitationID] = c.Properties.NoteIndex
	s.order = s.order[:0]
	for _, p := range pre {
		if len(p) == 2 {
			id := str(p[0])
			s.order = append(s.order, id)
			if n, ok := p[1].(float64); ok {
				s.notes[id] = int(n)
			}
		}
	}
	s.order = append(s.order, c.CitationID)
	for _, p := range post {
		if len(p) == 2 {
			id := str(p[0])
			s.order = append(s.order, id)
			if n, ok := p[1].(float64); ok {
				s.notes[id] = int(n)
			}
		}
	}
	return nil
}

func (s *citationState) clusters() []csl.Cluster {
	var out []csl.Cluster
	for _, id := range s.order {
		c := s.byID[id]
		if c == nil {
			continue
		}
		cl := csl.Cluster{ID: id, NoteIndex: s.notes[id]}
		for _, ci := range c.CitationItems {
			cl.Items = append(cl.Items, ci.cite())
		}
		out = append(out, cl)
	}
	return out
}

func finalCitations(raw string) ([]csl.Cluster, error) {
	steps, err := parseCitations(raw)
	if err != nil {
		return nil, err
	}
	s := &citationState{byID: map[string]*jsonCitation{}, notes: map[string]int{}}
	for _, st := range steps {
		if err := s.step(st); err != nil {
			return nil, err
		}
	}
	return s.clusters(), nil
}

// runCitations replays citeproc-js's processCitationCluster calls on a
// csl.Document: each step sets the citations before and after the one
// processed, and after the last step the citations it reported are
// marked ">>".
func runCitations(p *csl.Processor, items []*item.Item, raw string) (string, error) {
	steps, err := parseCitations(raw)
	if err != nil {
		return "", err
	}
	s := &citationState{byID: map[string]*jsonCitation{}, notes: map[string]int{}}
	doc := p.NewDocument(items)
	var updated map[string]bool
	for _, st := range steps {
		if err := s.step(st); err != nil {
			return "", err
		}
		var c jsonCitation
		if err := json.Unmarshal(st[0], &c); err != nil {
			return "", err
		}
		ups, err := doc.Set(s.clusters(), c.CitationID)
		if err != nil {
			return "", err
		}
		updated = map[string]bool{}
		for _, u := range ups {
			updated[u.ID] = true
		}
	}
	var lines []string
	for i, cl := range doc.Clusters() {
		mark := ".."
		if updated[cl.ID] {
			mark = ">>"
		}
		n, _ := doc.Node(cl.ID)
		lines = append(lines, fmt.Sprintf("%s[%d] %s", mark, i, output.Render(n, output.HTML)))
	}
	return strings.Join(lines, "\n"), nil
}
