package eval

import (
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
)

// positions computes the position of each cite (CSL 1.0.2, "position":
// first, subsequent, ibid, ibid-with-locator, near-note).
func (r *run) positions(clusters [][]*citeState) {
	firstNote := map[*item.Item]int{}
	lastNote := map[*item.Item]int{}
	distance := 5
	if v := r.e.st.Citation.Options["near-note-distance"]; v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			distance = n
		}
	}
	var prevCluster []*citeState
	for _, cl := range clusters {
		for k, cs := range cl {
			it := r.byID[cs.ID]
			if _, seen := firstNote[it]; !seen {
				cs.position = posFirst
				firstNote[it] = cs.noteIndex
				cs.firstNote = cs.noteIndex
				lastNote[it] = cs.noteIndex
				continue
			}
			cs.firstNote = firstNote[it]
			var prev *citeState
			if k > 0 {
				prev = cl[k-1]
			} else if len(prevCluster) == 1 {
				prev = prevCluster[0]
			}
			cs.position = posSubsequent
			if prev != nil && prev.ID == cs.ID {
				switch {
				case cs.Locator == "" && prev.Locator == "":
					cs.position = posIbid
				case cs.Locator != "" && prev.Locator == "":
					cs.position = posIbidLocator
				case cs.Locator != "" && (cs.Locator != prev.Locator || cs.Label != prev.Label):
					cs.position = posIbidLocator
				case cs.Locator != "":
					cs.position = posIbid
				}
			}
			cs.nearNote = cs.noteIndex-lastNote[it] <= distance
			lastNote[it] = cs.noteIndex
		}
		if len(cl) > 0 {
			prevCluster = cl
		}
	}
}

// citeRender is one rendered cite of a cluster.
type citeRender struct {
	cs     *citeState
	it     *item.Item
	node   *output.Node
	names  string
	layout *style.Layout
	ctx    *ctx
}

// renderCite renders one cite with its prefix and suffix.
func (r *run) renderCite(cs *citeState, hideNames bool) citeRender {
	it := r.byID[cs.ID]
	c, layout := r.newCtx(it, false)
	c.cite = cs
	c.hideNames = hideNames || cs.SuppressAuthor
	n := c.renderAll(layout.Children, "")
	if cs.AuthorOnly {
		c2, _ := r.newCtx(it, false)
		c2.cite = cs
		n = c2.authorOnly(layout)
	}
	if cs.Prefix != "" || cs.Suffix != "" {
		j := c.joiner()
		j.add(c.rich(cs.Prefix))
		j.add(n)
		j.add(c.rich(cs.Suffix))
		n = j.node()
	}
	return citeRender{cs: cs, it: it, node: n, names: c.firstNamesOut, layout: layout, ctx: c}
}

// authorOnly renders just the first cs:names output of the layout.
func (c *ctx) authorOnly(layout *style.Layout) *output.Node {
	var found *output.Node
	var walk func(els []style.Element) bool
	walk = func(els []style.Element) bool {
		for _, e := range els {
			switch e := e.(type) {
			case *style.Names:
				n := c.names(e)
				if n != nil {
					found = n
					return true
				}
			case *style.Group:
				if walk(e.Children) {
					return true
				}
			case *style.Text:
				if e.Macro != "" {
					if m := c.r.e.st.Macros[e.Macro]; m != nil && walk(m.Children) {
						return true
					}
				}
			case *style.Choose:
				for _, b := range e.Branches {
					if c.test(b) {
						if walk(b.Children) {
							return true
						}
						break
					}
				}
			}
		}
		return false
	}
	walk(layout.Children)
	return found
}

// renderCluster renders one citation: cites joined by the layout
// delimiter with grouping and collapsing (CSL 1.0.2, "Cite Grouping",
// "Cite Collapsing"), inside the layout's affixes and formatting.
func (r *run) renderCluster(cites []*citeState) *output.Node {
	if len(cites) == 0 {
		return nil
	}
	cs := r.e.st.Citation
	opts := cs.Options
	collapse := opts["collapse"]
	groupDelim, grouping := opts["cite-group-delimiter"]
	if !grouping {
		groupDelim = ", "
	}
	grouping = grouping || strings.HasPrefix(collapse, "year")
	outs := make([]citeRender, len(cites))
	for i, ci := range cites {
		outs[i] = r.renderCite(ci, false)
	}
	layout := outs[0].layout
	delim := layout.Delimiter
	afterCollapse, ok := opts["after-collapse-delimiter"]
	if !ok {
		afterCollapse = delim
	}
	ysDelim, ok := opts["year-suffix-delimiter"]
	if !ok {
		ysDelim = delim
	}
	c, _ := r.newCtx(outs[0].it, false)
	j := c.joiner()
	switch {
	case collapse == "citation-number":
		r.collapseNumbers(j, outs, delim, afterCollapse)
	case grouping:
		// Group cites by their rendered names, keeping first-appearance
		// order.
		var groups [][]citeRender
		index := map[string]int{}
		for _, o := range outs {
			if o.names == "" || o.cs.SuppressAuthor {
				groups = append(groups, []citeRender{o})
				continue
			}
			if gi, ok := index[o.names]; ok {
				groups[gi] = append(groups[gi], o)
				continue
			}
			index[o.names] = len(groups)
			groups = append(groups, []citeRender{o})
		}
		prevCollapsed := false
		for gi, g := range groups {
			if gi > 0 {
				if prevCollapsed {
					j.text(afterCollapse)
				} else {
					j.text(delim)
				}
			}
			prevCollapsed = len(g) > 1
			for k, o := range g {
				if k == 0 {
					j.add(o.node)
					continue
				}
				prev := g[k-1]
				if strings.HasPrefix(collapse, "year-suffix") && r.sameYearSuffixable(prev, o) {
					// Collapse to the year-suffix alone ("2000a, b").
					if collapse == "year-suffix-ranged" && k+1 < len(g) && r.sameYearSuffixable(o, g[k+1]) &&
						r.dis[o.it].yearSuffix == r.dis[prev.it].yearSuffix+1 && r.dis[g[k+1].it].yearSuffix == r.dis[o.it].yearSuffix+1 {
						// Middle of a run: skip, the range end prints it.
						end := k + 1
						for end+1 < len(g) && r.sameYearSuffixable(g[end], g[end+1]) && r.dis[g[end+1].it].yearSuffix == r.dis[g[end].it].yearSuffix+1 {
							end++
						}
						_ = end
					}
					j.text(ysDelim)
					j.add(output.Str(yearSuffix(r.dis[o.it].yearSuffix)))
					continue
				}
				j.text(groupDelim)
				j.add(r.renderCite(o.cs, true).node)
			}
		}
	default:
		for _, o := range outs {
			if o.node == nil || o.node.Empty() {
				continue
			}
			if !j.empty() && !strings.HasPrefix(o.cs.Prefix, ",") {
				j.text(delim)
			}
			j.add(o.node)
		}
	}
	body := j.node()
	if body == nil {
		return nil
	}
	return c.formatLayout(body, &layout.Formatting)
}

// formatLayout applies a cs:layout's attributes: unlike other elements,
// its affixes sit inside its formatting (as citeproc-js renders them).
func (c *ctx) formatLayout(n *output.Node, f *style.Formatting) *output.Node {
	if n == nil || n.Empty() {
		return nil
	}
	inner := *f
	inner.Prefix, inner.Suffix = "", ""
	if f.Prefix != "" || f.Suffix != "" {
		j := c.joiner()
		j.add(c.affix(f.Prefix))
		j.add(n)
		j.add(c.affix(f.Suffix))
		n = &output.Node{Children: j.parts}
	}
	return c.format(n, &inner)
}

// sameYearSuffixable reports whether b can collapse onto a as a bare
// year-suffix: both have suffixes, the same year, and no locator.
func (r *run) sameYearSuffixable(a, b citeRender) bool {
	da, db := r.dis[a.it], r.dis[b.it]
	if da == nil || db == nil || da.yearSuffix == 0 || db.yearSuffix == 0 {
		return false
	}
	if a.cs.Locator != "" || b.cs.Locator != "" || b.cs.Prefix != "" || a.cs.Suffix != "" {
		return false
	}
	return a.it.Dates["issued"].Year() == b.it.Dates["issued"].Year()
}

// collapseNumbers joins cites, collapsing runs of three or more
// consecutive citation numbers into ranges ("1–3").
func (r *run) collapseNumbers(j *joiner, outs []citeRender, delim, afterCollapse string) {
	i := 0
	first := true
	prevRange := false
	for i < len(outs) {
		k := i
		for k+1 < len(outs) && r.citeNum[outs[k+1].it] == r.citeNum[outs[k].it]+1 &&
			outs[k].cs.Locator == "" && outs[k+1].cs.Locator == "" && outs[k+1].cs.Prefix == "" && outs[k].cs.Suffix == "" {
			k++
		}
		if !first {
			if prevRange {
				j.text(afterCollapse)
			} else {
				j.text(delim)
			}
		}
		first = false
		if k-i >= 2 {
			j.add(outs[i].node)
			j.text("–")
			j.add(outs[k].node)
			prevRange = true
			i = k + 1
			continue
		}
		j.add(outs[i].node)
		prevRange = false
		i++
	}
}
