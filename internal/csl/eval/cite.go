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
	// prevNote holds the cites of the previous note (all its clusters),
	// for note styles where several citations share a footnote.
	var prevNote, curNote, prevInText []*citeState
	curNoteIndex := -1
	for _, cl := range clusters {
		if len(cl) > 0 {
			ni := cl[0].noteIndex
			if ni == 0 || ni != curNoteIndex {
				prevNote, curNote, curNoteIndex = curNote, nil, ni
			}
		}
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
			switch {
			case k > 0:
				prev = cl[k-1]
			case cs.noteIndex > 0 && len(prevCluster) > 0 && prevCluster[0].noteIndex == cs.noteIndex:
				// An earlier citation in the same note.
				prev = prevCluster[len(prevCluster)-1]
			case cs.noteIndex > 0 && len(prevNote) == 1 && prevNote[0].noteIndex >= cs.noteIndex-1:
				// The previous note, if it is the one just before (a
				// note without citations in between rules out ibid, as
				// in citeproc-js).
				prev = prevNote[0]
			case cs.noteIndex == 0 && len(prevInText) == 1:
				// In-text citations follow the previous in-text one,
				// whatever footnotes came between.
				prev = prevInText[0]
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
		for _, cs := range cl {
			if cs.Position != PositionAuto {
				cs.position = int(cs.Position) - 1
			}
		}
		if len(cl) > 0 {
			prevCluster = cl
			curNote = append(curNote, cl...)
			if cl[0].noteIndex == 0 {
				prevInText = cl
			}
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
// sentenceEnd reports whether a cite prefix ends a sentence: a period
// after at least two words ("This has been said. ", not "Cf. ").
func sentenceEnd(prefix string) bool {
	p := strings.TrimRight(strings.TrimSpace(prefix), "”’\"')»")
	return strings.HasSuffix(p, ".") && len(strings.Fields(p)) >= 2
}

func (r *run) renderCite(cs *citeState, hideNames bool) citeRender {
	return r.renderCiteAt(cs, hideNames, false)
}

func (r *run) renderCiteAt(cs *citeState, hideNames, first bool) citeRender {
	it := r.byID[cs.ID]
	c, layout := r.newCtx(it, false)
	c.cite = cs
	c.wantNamesOut = true
	c.hideNames = hideNames || cs.SuppressAuthor
	n := c.renderAll(layout.Children, "")
	if cs.AuthorOnly {
		c2, _ := r.newCtx(it, false)
		c2.cite = cs
		n = c2.authorOnly(layout)
	}
	if r.e.st.Class == "note" && (first && cs.Prefix == "" || sentenceEnd(cs.Prefix)) {
		if fl := firstLeaf(n); fl != nil && fl.FromTerm {
			applyTextCase(&output.Node{Children: []*output.Node{fl}}, "capitalize-first", "")
		}
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
	explicitGroup := grouping
	if !grouping {
		groupDelim = ", "
	}

	grouping = grouping || strings.HasPrefix(collapse, "year")
	outs := make([]citeRender, len(cites))
	for i, ci := range cites {
		outs[i] = r.renderCiteAt(ci, false, i == 0)
	}
	layout := outs[0].layout
	delim := layout.Delimiter
	if !explicitGroup && (r.e.st.Class != "in-text" || r.e.numbered) {
		// Without cite-group-delimiter, the cites of a collapsed group
		// are joined by ", " only in author-date in-text styles; note and
		// numeric styles keep the layout delimiter (citeproc-js;
		// disambiguate_YearSuffixWithEtAlSubsequent).
		groupDelim = delim
	}
	afterCollapse, ok := opts["after-collapse-delimiter"]
	if !ok {
		afterCollapse = delim
	}
	ysDelim, ok := opts["year-suffix-delimiter"]
	if !ok {
		ysDelim = delim
		if explicitGroup {
			ysDelim = groupDelim
		}
	}
	c, _ := r.newCtx(outs[0].it, false)
	j := c.joiner()
	switch {
	case collapse == "citation-number":
		r.collapseNumbers(&j, outs, delim, afterCollapse)
	case grouping:
		r.groupCites(&j, outs, collapse, delim, groupDelim, afterCollapse, ysDelim)
	default:
		prevSuffix := ""
		for _, o := range outs {
			if o.node == nil || o.node.Empty() {
				continue
			}
			if !j.empty() {
				j.text(citeDelimiter(delim, prevSuffix, o.cs.Prefix))
			}
			j.add(o.node)
			prevSuffix = o.cs.Suffix
		}
	}
	body := j.node()
	if body == nil {
		if r.e.emptyEntry == "" {
			return nil
		}
		// The marker takes the layout's affixes ("([CSL STYLE ERROR: …])"),
		// as in citeproc-js.
		body = output.Str(r.e.emptyEntry)
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
	if c.bib && f.Suffix != "" {
		if d := lastDisplay(n); d != nil {
			// An entry that ends in a display block takes the layout
			// suffix inside it (citeproc-js; bugreports_SmallCapsEscape).
			j := c.joiner()
			j.add(&output.Node{Children: d.Children, Format: d.Format, Quote: d.Quote, NoCase: d.NoCase})
			j.add(c.affix(f.Suffix))
			d.Children, d.Format, d.Quote, d.NoCase = j.parts(), output.Formatting{}, nil, false
			f = &style.Formatting{Prefix: f.Prefix}
		}
	}
	if c.bib {
		leadingSpaceOut(n)
	}
	if f.Prefix != "" || f.Suffix != "" {
		j := c.joiner()
		j.add(c.affix(f.Prefix))
		j.add(n)
		j.add(c.affix(f.Suffix))
		n = j.span()
	}
	return c.format(n, &inner)
}

// lastDisplay returns the display block that ends n, descending through
// unformatted spans, or nil.
func lastDisplay(n *output.Node) *output.Node {
	for n != nil && !n.IsLeaf() {
		if n.Display != "" {
			return n
		}
		if !n.Format.IsZero() || n.Quote != nil || n.NoCase {
			return nil
		}
		n = n.Children[len(n.Children)-1]
	}
	return nil
}

// leadingSpaceOut moves a space that starts the first display block of
// an entry out in front of it, as citeproc-js does
// (bugreports_NoCaseEscape).
func leadingSpaceOut(n *output.Node) {
	parent := n
	for parent != nil && !parent.IsLeaf() {
		first := parent.Children[0]
		if first.Display != "" {
			if fl := firstLeaf(first); fl != nil && strings.HasPrefix(fl.Text, " ") {
				fl.Text = fl.Text[1:]
				parent.Children = append([]*output.Node{output.Str(" ")}, parent.Children...)
			}
			return
		}
		if !first.Format.IsZero() || first.Quote != nil || first.NoCase {
			return
		}
		parent = first
	}
}

// citeDelimiter adjusts the layout delimiter between two cites: a prefix
// that starts with punctuation replaces it, and after a cite ending in
// punctuation (a suffix such as "is one source,") its own punctuation is
// dropped.
func citeDelimiter(delim, prevSuffix, prefix string) string {
	if p := strings.TrimLeft(prefix, " "); p != "" && strings.ContainsRune(",.;:", rune(p[0])) {
		return ""
	}
	if s := strings.TrimRight(prevSuffix, " "); s != "" && strings.ContainsRune(",.;:!?", rune(s[len(s)-1])) {
		return strings.TrimLeft(delim, ",.;:")
	}
	return delim
}

// sameYearSuffixable reports whether b can collapse onto a as a bare
// year-suffix: both have suffixes, the same year, and no locator.
func (r *run) sameYearSuffixable(a, b citeRender) bool {
	da, db := r.disOf(a.it), r.disOf(b.it)
	if da == nil || db == nil || da.yearSuffix == 0 || db.yearSuffix == 0 {
		return false
	}
	if a.cs.Locator != "" || b.cs.Locator != "" || b.cs.Prefix != "" || a.cs.Suffix != "" {
		return false
	}
	return dateYear(a.it) == dateYear(b.it)
}

// collapseNumbers joins cites, collapsing runs of three or more
// consecutive citation numbers into ranges ("1–3").
func (r *run) collapseNumbers(j *joiner, outs []citeRender, delim, afterCollapse string) {
	i := 0
	first := true
	prevRange := false
	for i < len(outs) {
		k := i
		for k+1 < len(outs) && r.citeNumOf(outs[k+1].it) == r.citeNumOf(outs[k].it)+1 &&
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

// groupCites joins cites with cite grouping and year / year-suffix
// collapsing: adjacent cites with the same rendered names form a group
// whose later members drop the names; within a group, cites of the same
// year with year-suffixes collapse to the suffix ("2000a, b", or "a–c"
// with year-suffix-ranged).
func (r *run) groupCites(j *joiner, outs []citeRender, collapse, delim, groupDelim, afterCollapse, ysDelim string) {
	var groups [][]citeRender
	index := map[string]int{}
	// Without a citation sort, cites keep their order and only adjacent
	// cites group (citeproc-js; name_CiteGroupDelimiterWithYearSuffixCollapse2).
	sorted := r.e.st.Citation.Sort != nil && len(r.e.st.Citation.Sort.Keys) > 0
	for _, o := range outs {
		if o.cs.SuppressAuthor || (o.names == "" && !strings.HasPrefix(collapse, "year-suffix")) {
			groups = append(groups, []citeRender{o})
			continue
		}
		if gi, ok := index[o.names]; ok && (sorted || gi == len(groups)-1) {
			groups[gi] = append(groups[gi], o)
			continue
		}
		index[o.names] = len(groups)
		groups = append(groups, []citeRender{o})
	}
	hide := strings.HasPrefix(collapse, "year")
	for gi, g := range groups {
		if gi > 0 {
			if len(groups[gi-1]) > 1 || collapse == "year" {
				j.text(afterCollapse)
			} else {
				j.text(delim)
			}
		}
		// Split the group into runs of year-suffix-collapsible cites.
		var runs [][]citeRender
		for _, o := range g {
			if n := len(runs); n > 0 && strings.HasPrefix(collapse, "year-suffix") && r.sameYearSuffixable(runs[n-1][len(runs[n-1])-1], o) {
				runs[n-1] = append(runs[n-1], o)
				continue
			}
			runs = append(runs, []citeRender{o})
		}
		for ri, run := range runs {
			if ri > 0 {
				hidden := r.renderCite(run[0].cs, hide).node
				if hidden == nil || hidden.Empty() {
					continue
				}
				prev := runs[ri-1]
				if prev[len(prev)-1].cs.Locator != "" || len(prev) > 1 {
					j.text(afterCollapse)
				} else {
					j.text(groupDelim)
				}
				j.add(hidden)
			} else {
				j.add(run[0].node)
			}
			r.suffixRun(j, run[1:], collapse == "year-suffix-ranged", ysDelim, run[0])
		}
	}
}

// suffixRun writes the year-suffixes of the collapsed members of a run,
// as ranges of three or more consecutive letters when ranged.
func (r *run) suffixRun(j *joiner, rest []citeRender, ranged bool, ysDelim string, first citeRender) {
	if len(rest) == 0 {
		return
	}
	all := append([]citeRender{first}, rest...)
	i := 1
	for i < len(all) {
		k := i
		if ranged {
			for k+1 < len(all) && r.disOf(all[k+1].it).yearSuffix == r.disOf(all[k].it).yearSuffix+1 {
				k++
			}
			// The run may start at the previous cite.
			if k > i || r.disOf(all[i].it).yearSuffix == r.disOf(all[i-1].it).yearSuffix+1 {
				start := i - 1
				if r.disOf(all[i].it).yearSuffix != r.disOf(all[i-1].it).yearSuffix+1 {
					start = i
				}
				if k-start >= 2 {
					if start == i {
						j.text(ysDelim)
						j.add(output.Str(yearSuffix(r.disOf(all[start].it).yearSuffix)))
					}
					j.text("–")
					j.add(output.Str(yearSuffix(r.disOf(all[k].it).yearSuffix)))
					i = k + 1
					continue
				}
			}
			k = i
		}
		j.text(ysDelim)
		j.add(output.Str(yearSuffix(r.disOf(all[i].it).yearSuffix)))
		i++
	}
}

func dateYear(it *item.Item) int {
	d, _ := it.Date("issued")
	return d.Year()
}
