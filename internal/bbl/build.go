package bbl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/lazyregexp"
)

// Warning is a problem with one cited key, at the .aux line that cites
// it; the .bbl is written without the entry, as bibtex does.
type Warning struct {
	Citation
	Message string
}

// String returns "file:line: warning: message".
func (w Warning) String() string { return fmt.Sprintf("%s: warning: %s", w.Pos(), w.Message) }

// Result is a bibliography built for an .aux file.
type Result struct {
	Items    []Item
	Warnings []Warning
	// Engine holds the CSL engine's warnings (missing data and the like).
	Engine []string
}

// Build formats the entries an .aux file cites with f, from lib: in
// order of first citation for numeric styles (the style sorts the rest),
// with \citation{*} adding every other entry of lib after the cited ones.
// A key is resolved through the library's aliases, and \bibitem keeps
// the key as the document cites it. Numeric styles' entries lose the
// number the style prints before them, since LaTeX prints its own label;
// author–date styles get natbib's "Author(Year)" label, so that \citet
// and \citep work.
func Build(aux *Aux, lib *bib.Library, f *cite.Formatter) (*Result, error) {
	res := &Result{}
	keyOf := map[string]string{} // entry id → key as cited
	var ids []string
	for _, c := range aux.Citations {
		e, ok := lib.Resolve(c.Key)
		if !ok {
			res.Warnings = append(res.Warnings, Warning{c, fmt.Sprintf("no entry %q in the bibliography databases (\\citation{%s})", c.Key, c.Key)})
			continue
		}
		if prev, dup := keyOf[e.ID]; dup {
			res.Warnings = append(res.Warnings, Warning{c, fmt.Sprintf("%q names the same entry as %q, cited before; \\cite{%s} stays undefined: cite one key", c.Key, prev, c.Key)})
			continue
		}
		keyOf[e.ID] = c.Key
		ids = append(ids, e.ID)
	}
	var nocite []string
	if aux.All {
		for _, e := range lib.Entries {
			if _, cited := keyOf[e.ID]; !cited {
				keyOf[e.ID] = e.ID
				nocite = append(nocite, e.ID)
			}
		}
	}
	numeric := f.Info().Numeric()
	var cits []cite.Citation
	for _, id := range ids {
		cits = append(cits, cite.Citation{Refs: []cite.Ref{{ID: id}}})
	}
	all := append(append([]string(nil), ids...), nocite...)
	if !numeric {
		for _, id := range all {
			cits = append(cits,
				cite.Citation{Refs: []cite.Ref{{ID: id, AuthorOnly: true}}},
				cite.Citation{Refs: []cite.Ref{{ID: id, SuppressAuthor: true}}})
		}
	}
	r, err := f.Process(lib, cits, nocite)
	if err != nil {
		return nil, err
	}
	res.Engine = r.Warnings
	labels := map[string]string{}
	if !numeric {
		base := len(ids)
		for i, id := range all {
			author := strings.TrimSpace(r.Citations[base+2*i].Plain())
			year := strings.TrimSpace(f.WithoutLayoutAffixes(r.Citations[base+2*i+1]).Plain())
			// A work without an author is cited by its title, which
			// suppress-author keeps: "Title, 1992" gives "1992".
			if rest, ok := strings.CutPrefix(year, author); ok && author != "" {
				year = strings.TrimLeft(rest, ",;: ")
			}
			labels[id] = Escape(author) + "(" + Escape(year) + ")"
		}
	}
	for i, n := range r.Entries {
		id := r.IDs[i]
		if numeric {
			n = stripNumber(n, i+1)
		}
		res.Items = append(res.Items, Item{Key: keyOf[id], Label: labels[id], Text: strings.TrimSpace(LaTeX(n))})
	}
	return res, nil
}

// leadingNumber matches the number a numeric style prints before an
// entry: "1. ", "[1] ", "1 ".
var leadingNumber = lazyregexp.New(`^\s*\[?(\d+)\]?\.?\s*`)

// stripNumber removes the entry's own number n from the start of the
// rendered entry.
func stripNumber(n *output.Node, num int) *output.Node {
	m := leadingNumber().FindStringSubmatch(n.Plain())
	if m == nil || m[1] != strconv.Itoa(num) {
		return n
	}
	n = n.Clone()
	trimLeading(n, len(m[0]))
	return n
}

// trimLeading removes k bytes of text from the start of n's leaves.
func trimLeading(n *output.Node, k int) int {
	if k <= 0 {
		return 0
	}
	if n.IsLeaf() {
		if len(n.Text) <= k {
			k -= len(n.Text)
			n.Text = ""
			return k
		}
		n.Text = n.Text[k:]
		return 0
	}
	for _, c := range n.Children {
		if k = trimLeading(c, k); k == 0 {
			return 0
		}
	}
	return k
}
