package cite

import (
	"fmt"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
)

// Citation is one citation of a document: cites rendered together, in
// the note it sits in for note styles (NoteIndex 1, 2, …; 0 for a
// citation in the running text).
type Citation struct {
	Refs      []Ref
	NoteIndex int
}

// Rendered is a document's citations and bibliography, rendered together.
type Rendered struct {
	// Citations holds one node per Citation, in order; nil when the
	// style prints nothing for it.
	Citations []*output.Node
	// Entries holds the bibliography in the style's order, IDs the id of
	// each entry.
	Entries []*output.Node
	IDs     []string
	// Warnings holds what the engine noticed; rendering went on.
	Warnings []string
	res      csl.Result
}

// Bibliography renders the whole bibliography in format f with the
// style's layout options (hanging indent, spacing), as
// csl.RenderBibliography does.
func (r *Rendered) Bibliography(f output.Format) string { return csl.RenderBibliography(r.res, f) }

// HangingIndent reports whether the style asks for a hanging indent.
func (r *Rendered) HangingIndent() bool { return r.res.Format.HangingIndent }

// Process renders the citations of a document in order, as one run of
// the engine, so that numeric styles number the entries by first
// citation across the document (and list them in that order), author–date
// styles disambiguate across the document (year suffixes "2012a", added
// names and initials) and collapse cites, and note styles see positions
// (first, subsequent, ibid, ibid-with-locator, near-note; CSL 1.0.2,
// "Position"). The bibliography holds the cited entries, then the
// entries of nocite that are not cited, in the order given. Only those
// entries are prepared and given to the engine, so a large library costs
// no more than the entries a document uses. Ids are resolved through the
// library's aliases; an id the library lacks is an error (*UnknownIDError).
func (f *Formatter) Process(lib *bib.Library, citations []Citation, nocite []string) (*Rendered, error) {
	var missing []string
	seen := map[string]bool{}
	var items []*item.Item
	p := f.prep()
	use := func(key string) (string, bool) {
		e, ok := lib.Resolve(key)
		if !ok {
			if !seen["\x00"+key] {
				seen["\x00"+key] = true
				missing = append(missing, key)
			}
			return "", false
		}
		if !seen[e.ID] {
			seen[e.ID] = true
			items = append(items, Prepare(e, p))
		}
		return e.ID, true
	}
	clusters := make([]csl.Cluster, len(citations))
	for i, c := range citations {
		cl := csl.Cluster{NoteIndex: c.NoteIndex, Items: make([]csl.CiteItem, 0, len(c.Refs))}
		for _, r := range c.Refs {
			id, ok := use(r.ID)
			if !ok {
				continue
			}
			cl.Items = append(cl.Items, csl.CiteItem{ID: id, Locator: r.Locator, Label: r.Label,
				Prefix: r.Prefix, Suffix: r.Suffix, SuppressAuthor: r.SuppressAuthor, AuthorOnly: r.AuthorOnly})
		}
		clusters[i] = cl
	}
	for _, key := range nocite {
		use(key)
	}
	if len(missing) > 0 {
		return nil, &UnknownIDError{IDs: missing}
	}
	// Uncited nil: the engine registers the cited items first, in order
	// of citation, then the remaining items (the nocite ones) in order.
	res := f.proc.Process(items, clusters, true)
	if res.Err != nil {
		return nil, fmt.Errorf("style %s: %w", f.style.Name, res.Err)
	}
	for i, c := range citations {
		if authorOnly(c) && i < len(res.Clusters) {
			res.Clusters[i] = f.stripLayoutAffixes(res.Clusters[i])
		}
	}
	out := &Rendered{Citations: res.Clusters, Entries: res.Entries, IDs: res.EntryIDs, Warnings: res.Warnings, res: res}
	return out, nil
}

// Render renders a node in the Formatter's output format, trimmed.
func (f *Formatter) Render(n *output.Node) string {
	if n == nil {
		return ""
	}
	return strings.TrimSpace(csl.Render(n, f.opts.Format))
}

// Info describes the Formatter's style (see Describe).
func (f *Formatter) Info() StyleInfo {
	si, err := Describe(f.style.XML)
	if err != nil || si.Parent != "" {
		// A dependent style: the engine runs its parent, whose class is
		// what counts; the citation format is the dependent's own.
		st := f.proc.Style()
		si.Class = st.Class
		if si.Title == "" {
			si.Title = st.Info.Title
		}
	}
	return si
}

// Lang returns the locale the Formatter renders in ("en-US", "ru-RU").
func (f *Formatter) Lang() string { return f.proc.Lang() }

func authorOnly(c Citation) bool {
	for _, r := range c.Refs {
		if !r.AuthorOnly {
			return false
		}
	}
	return len(c.Refs) > 0
}

// WithoutLayoutAffixes returns a copy of a rendered citation without
// the citation layout's prefix and suffix: "2012a" from "(2012a)".
func (f *Formatter) WithoutLayoutAffixes(n *output.Node) *output.Node { return f.stripLayoutAffixes(n) }

// stripLayoutAffixes removes the citation layout's prefix and suffix
// ("(" and ")") from a rendered author-only citation, which names the
// author in the running text: "Smith (2012)", as citeproc-js and pandoc
// print an author-in-text citation.
func (f *Formatter) stripLayoutAffixes(n *output.Node) *output.Node {
	if n == nil || f.proc.Style().Citation == nil {
		return n
	}
	n = n.Clone()
	for _, l := range f.proc.Style().Citation.Layouts {
		if l.Prefix == "" && l.Suffix == "" {
			continue
		}
		first, last := edgeLeaf(n, true), edgeLeaf(n, false)
		if first == nil || !strings.HasPrefix(first.Text, l.Prefix) || !strings.HasSuffix(last.Text, l.Suffix) {
			continue
		}
		first.Text = strings.TrimPrefix(first.Text, l.Prefix)
		last.Text = strings.TrimSuffix(last.Text, l.Suffix)
		break
	}
	return n
}

// edgeLeaf returns the first (or last) leaf of n with text.
func edgeLeaf(n *output.Node, first bool) *output.Node {
	if n.IsLeaf() {
		if n.Text == "" {
			return nil
		}
		return n
	}
	for i := range n.Children {
		c := n.Children[i]
		if !first {
			c = n.Children[len(n.Children)-1-i]
		}
		if l := edgeLeaf(c, first); l != nil {
			return l
		}
	}
	return nil
}
