package eval

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
)

// Document is a citing document whose citation clusters change one at a
// time, as in a word processor: each change returns the clusters whose
// rendering changed. Only cited items are registered (numbered,
// disambiguated, listed in the bibliography). A Document is not safe for
// concurrent use.
//
// After each change the registry (citation numbers, positions,
// disambiguation) is recomputed, reusing the disambiguation renders of
// earlier calls, and only the clusters whose inputs changed are rendered
// again. The inputs of a cluster are its cites, their items' citation
// numbers (numbered styles), positions, first-reference note numbers and
// note number (styles that test positions or print note numbers), and the
// disambiguation state of their items (names, given names, condition
// level, year-suffix; in note styles that test disambiguate, also whether
// the item is cited more than once). These are the registry states for
// which citeproc-js's processCitationCluster reports a citation.
type Document struct {
	e        *Engine
	items    []*item.Item
	clusters []Cluster
	index    map[string]int // cluster ID → position in clusters
	state    map[string]*clusterState
	cache    *runCache
	warnings []string
	bibOrder []*item.Item
	run      *run
	seq      int
}

// clusterState is what a cluster was last rendered from, and the result.
type clusterState struct {
	inputs string
	node   *output.Node
	html   string
	// refs holds, per cite, its item and the first-reference note number
	// it sees (0 for a first cite).
	refs []citeRef
}

type citeRef struct {
	it       *item.Item
	firstRef int
}

// Update reports one cluster whose rendering changed.
type Update struct {
	// Index is the cluster's position in the document, ID its ID.
	Index int
	ID    string
	// Node is the cluster's new rendering (nil when it prints nothing).
	Node *output.Node
	// TextChanged reports that the output differs from the previous one
	// (always true for a new cluster). It is false when only the
	// registry state the cluster was rendered from changed, or when the
	// cluster itself was edited without a visible effect.
	TextChanged bool
}

// NewDocument starts an empty document over items.
func (e *Engine) NewDocument(items []*item.Item) *Document {
	return &Document{e: e, items: items, index: map[string]int{}, state: map[string]*clusterState{}, cache: newRunCache()}
}

// Clusters returns the document's clusters in order.
func (d *Document) Clusters() []Cluster { return append([]Cluster(nil), d.clusters...) }

// Node returns the current rendering of the cluster with the given ID.
func (d *Document) Node(id string) (*output.Node, bool) {
	st, ok := d.state[id]
	if !ok {
		return nil, false
	}
	return st.node, true
}

// Warnings returns the warnings of the last update.
func (d *Document) Warnings() []string { return d.warnings }

// Insert adds a cluster at position at (0 inserts before all others,
// len(Clusters()) appends). A cluster without ID gets a fresh one.
func (d *Document) Insert(at int, c Cluster) ([]Update, error) {
	if at < 0 || at > len(d.clusters) {
		return nil, fmt.Errorf("insert at %d: the document has %d clusters", at, len(d.clusters))
	}
	if c.ID == "" {
		d.seq++
		c.ID = "cluster-" + strconv.Itoa(d.seq)
	}
	if _, dup := d.index[c.ID]; dup {
		return nil, fmt.Errorf("insert: cluster %q is already in the document", c.ID)
	}
	next := make([]Cluster, 0, len(d.clusters)+1)
	next = append(next, d.clusters[:at]...)
	next = append(next, c)
	next = append(next, d.clusters[at:]...)
	return d.update(next, c.ID)
}

// Edit replaces the cites (and note number) of the cluster with c's ID.
func (d *Document) Edit(c Cluster) ([]Update, error) {
	i, ok := d.index[c.ID]
	if !ok {
		return nil, fmt.Errorf("edit: no cluster %q", c.ID)
	}
	next := append([]Cluster(nil), d.clusters...)
	next[i] = c
	return d.update(next, c.ID)
}

// Remove deletes the cluster with the given ID.
func (d *Document) Remove(id string) ([]Update, error) {
	i, ok := d.index[id]
	if !ok {
		return nil, fmt.Errorf("remove: no cluster %q", id)
	}
	next := make([]Cluster, 0, len(d.clusters)-1)
	next = append(next, d.clusters[:i]...)
	next = append(next, d.clusters[i+1:]...)
	return d.update(next, "")
}

// Set replaces the whole list of clusters (matched to the current ones by
// ID; every cluster needs a distinct ID), as citeproc-js's
// processCitationCluster does with its citations-before and -after lists.
// current names the cluster being processed, which is reported even when
// nothing about it changed; it may be "".
func (d *Document) Set(clusters []Cluster, current string) ([]Update, error) {
	seen := map[string]bool{}
	for _, c := range clusters {
		if c.ID == "" {
			return nil, fmt.Errorf("set: a cluster has no ID")
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("set: cluster %q appears twice", c.ID)
		}
		seen[c.ID] = true
	}
	return d.update(append([]Cluster(nil), clusters...), current)
}

// Bibliography renders the bibliography of the cited items as of the last
// update.
func (d *Document) Bibliography() Result {
	var res Result
	if d.e.st.Bibliography == nil || d.run == nil {
		return res
	}
	res.Entries, res.EntryIDs = d.run.bibliography(d.bibOrder)
	res.Format = d.e.bibFormat()
	res.Warnings = d.run.warnings
	if d.run.budgetErr != nil {
		res.Err = d.run.budgetErr
	}
	return res
}

// update recomputes the registry for clusters and renders the clusters
// whose inputs changed. A rendering over the evaluation budget is an
// error, and the document keeps its previous state.
func (d *Document) update(clusters []Cluster, current string) ([]Update, error) {
	r := d.e.newRun(d.cache)
	cites, bibOrder := r.prepare(Request{Items: d.items, Clusters: clusters, Uncited: []string{}})
	citations := map[*item.Item]int{}
	refs := make([][]citeRef, len(cites))
	for ci, cl := range cites {
		seen := map[*item.Item]bool{}
		for _, cs := range cl {
			it := r.byID[cs.ID]
			if !seen[it] {
				seen[it] = true
				citations[it]++
			}
			ref := citeRef{it: it}
			if cs.position != posFirst {
				ref.firstRef = cs.firstNote
			}
			refs[ci] = append(refs[ci], ref)
		}
	}
	// An item whose first-reference note number changed for a cite that
	// was already there concerns all its citations (citeproc-js taints
	// the item).
	tainted := map[*item.Item]bool{}
	if d.e.observes.positions {
		for i, cl := range clusters {
			old := d.state[cl.ID]
			if old == nil || cl.ID == current || len(old.refs) != len(refs[i]) {
				continue
			}
			for k, ref := range refs[i] {
				if o := old.refs[k]; o.it == ref.it && o.firstRef != ref.firstRef {
					tainted[ref.it] = true
				}
			}
		}
	}
	var updates []Update
	state := make(map[string]*clusterState, len(clusters))
	index := make(map[string]int, len(clusters))
	for i, cl := range clusters {
		index[cl.ID] = i
		inputs := d.inputs(r, cites[i], citations)
		old := d.state[cl.ID]
		taint := false
		for _, ref := range refs[i] {
			taint = taint || tainted[ref.it]
		}
		if old != nil && old.inputs == inputs && cl.ID != current && !taint {
			old.refs = refs[i]
			state[cl.ID] = old
			continue
		}
		n := r.renderCluster(cites[i])
		html := output.Render(n, output.HTML)
		state[cl.ID] = &clusterState{inputs: inputs, node: n, html: html, refs: refs[i]}
		updates = append(updates, Update{Index: i, ID: cl.ID, Node: n, TextChanged: old == nil || old.html != html})
	}
	if r.budgetErr != nil {
		return nil, r.budgetErr
	}
	d.run, d.bibOrder, d.warnings = r, bibOrder, r.warnings
	d.clusters, d.state, d.index = clusters, state, index
	return updates, nil
}

// inputs describes everything a cluster's rendering depends on, and the
// registry states for which citeproc-js reports a citation although its
// text may not change.
func (d *Document) inputs(r *run, cites []*citeState, citations map[*item.Item]int) string {
	obs := d.e.observes
	var b strings.Builder
	for _, cs := range cites {
		it := r.byID[cs.ID]
		fmt.Fprintf(&b, "%q %q %q %q %q %v %v %d|", cs.ID, cs.Locator, cs.Label, cs.Prefix, cs.Suffix,
			cs.SuppressAuthor, cs.AuthorOnly, cs.Position)
		if obs.positions {
			fmt.Fprintf(&b, "p%d %v|", cs.position, cs.nearNote)
		}
		if (obs.positions || obs.firstRef) && cs.position != posFirst {
			// Only later cites print the first cite's note number.
			fmt.Fprintf(&b, "f%d|", cs.firstNote)
		}
		if d.e.numbered {
			fmt.Fprintf(&b, "c%d|", r.citeNumOf(it))
		}
		if dis := r.disOf(it); dis != nil {
			b.WriteString(dis.signature())
		} else {
			b.WriteString((&disState{}).signature())
		}
		if obs.disambiguate && d.e.st.Class == "note" {
			// citeproc-js re-renders an item's citations when it comes
			// to be cited more than once (or no longer is).
			fmt.Fprintf(&b, "m%v", citations[it] > 1)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// observations records which registry states a style can print.
type observations struct {
	positions    bool // position conditions or et-al-subsequent options
	firstRef     bool // first-reference-note-number
	disambiguate bool // the disambiguate condition
}

// observe walks the style for what its citations can observe.
func observe(st *style.Style) observations {
	var o observations
	// et-al-subsequent-* options that differ from their plain
	// counterparts make the output depend on positions.
	subsequent := func(opts ...map[string]string) bool {
		get := func(k string) string {
			for _, m := range opts {
				if v, ok := m[k]; ok {
					return v
				}
			}
			return ""
		}
		for _, k := range []string{"et-al-min", "et-al-use-first"} {
			if v := get(strings.Replace(k, "et-al-", "et-al-subsequent-", 1)); v != "" && v != get(k) {
				return true
			}
		}
		return false
	}
	var citeOpts map[string]string
	if st.Citation != nil {
		citeOpts = st.Citation.Options
	}
	o.positions = subsequent(citeOpts, st.Options)
	var walk func(els []style.Element)
	walk = func(els []style.Element) {
		for _, e := range els {
			switch e := e.(type) {
			case *style.Text:
				if e.Variable == "first-reference-note-number" {
					o.firstRef = true
				}
			case *style.Number:
				if e.Variable == "first-reference-note-number" {
					o.firstRef = true
				}
			case *style.Group:
				walk(e.Children)
			case *style.Names:
				if e.Name != nil && subsequent(e.Name.Options, citeOpts, st.Options) {
					o.positions = true
				}
				walk(e.Substitute)
			case *style.Choose:
				for _, b := range e.Branches {
					for _, c := range b.Conditions {
						switch c.Kind {
						case "position":
							o.positions = true
						case "disambiguate":
							o.disambiguate = true
						}
					}
					walk(b.Children)
				}
			}
		}
	}
	for _, m := range st.Macros {
		walk(m.Children)
	}
	for _, ctx := range []*style.Context{st.Citation, st.Bibliography} {
		if ctx != nil {
			for _, l := range ctx.Layouts {
				walk(l.Children)
			}
		}
	}
	return o
}
