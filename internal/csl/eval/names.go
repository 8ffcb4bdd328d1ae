package eval

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
)

// nameOpts are the effective options of one cs:name after inheritance
// (CSL 1.0.2, "Inheritable Name Options").
type nameOpts struct {
	and               string
	delimiter         string
	precedesEtAl      string
	precedesLast      string
	etAlMin           int
	etAlUseFirst      int
	etAlUseLast       bool
	initialize        bool
	initializeWith    string
	hasInitializeWith bool
	sortOrder         string
	sortSeparator     string
	form              string
	demote            string
	hyphenInitials    bool
}

func (c *ctx) nameOptions(nm *style.Name) nameOpts {
	key := nameOptsKey{nm: nm, bib: c.bib, subsequent: c.cite != nil && !c.bib && c.cite.position >= posSubsequent}
	if c.sorting && len(c.sortNameOpts) > 0 {
		// A sort key's names-min and the like apply: the options are
		// those of this key.
		key.sortKey = c.sortKey
	}
	if o, ok := c.r.nameOpts[key]; ok {
		return o
	}
	o := c.computeNameOptions(nm)
	c.r.nameOpts[key] = o
	return o
}

// nameOptsKey identifies a cached set of effective name options.
type nameOptsKey struct {
	nm              *style.Name
	bib, subsequent bool
	// sortKey is the sort key being rendered when its name options
	// apply, or nil.
	sortKey *style.SortKey
}

func (c *ctx) computeNameOptions(nm *style.Name) nameOpts {
	get := func(attr, inherited string) (string, bool) {
		if nm != nil {
			if v, ok := nm.Options[attr]; ok {
				return v, true
			}
		}
		if inherited == "" {
			inherited = attr
		}
		return c.optOK(inherited)
	}
	str := func(attr, inherited, def string) string {
		if v, ok := get(attr, inherited); ok {
			return v
		}
		return def
	}
	num := func(attr string, def int) int {
		v, ok := get(attr, "")
		if !ok {
			return def
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return def
		}
		return n
	}
	o := nameOpts{
		and:            str("and", "", ""),
		delimiter:      str("delimiter", "name-delimiter", ", "),
		precedesEtAl:   str("delimiter-precedes-et-al", "", "contextual"),
		precedesLast:   str("delimiter-precedes-last", "", "contextual"),
		etAlMin:        num("et-al-min", 0),
		etAlUseFirst:   num("et-al-use-first", -1),
		etAlUseLast:    str("et-al-use-last", "", "false") == "true",
		initialize:     str("initialize", "", "true") != "false",
		sortOrder:      str("name-as-sort-order", "", ""),
		sortSeparator:  str("sort-separator", "", ", "),
		form:           str("form", "name-form", "long"),
		demote:         c.opt("demote-non-dropping-particle"),
		hyphenInitials: c.opt("initialize-with-hyphen") != "false",
	}
	o.initializeWith, o.hasInitializeWith = get("initialize-with", "")
	if c.cite != nil && !c.bib && c.cite.position >= posSubsequent {
		if v := num("et-al-subsequent-min", 0); v > 0 {
			o.etAlMin = v
		}
		if v := num("et-al-subsequent-use-first", 0); v > 0 {
			o.etAlUseFirst = v
		}
	}
	if c.sorting && c.sortNameOpts != nil {
		for k, v := range c.sortNameOpts {
			n, err := strconv.Atoi(v)
			switch k {
			case "et-al-min":
				if err == nil {
					o.etAlMin = n
				}
			case "et-al-use-first":
				if err == nil {
					o.etAlUseFirst = n
				}
			case "et-al-use-last":
				o.etAlUseLast = v == "true"
			}
		}
	}
	if o.demote == "" {
		o.demote = "display-and-sort"
	}
	return o
}

// names renders cs:names (CSL 1.0.2, "Names"), with substitution.
func (c *ctx) names(n *style.Names) *output.Node {
	c.namesSeen++
	first := (c.namesSeen == 1 && c.substituting == 0) || c.firstSubst
	nm, etal, label, labelFirst := n.Name, n.EtAl, n.Label, n.LabelFirst
	if p := c.substParent; p != nil && nm == nil && etal == nil && label == nil {
		// Shorthand inside cs:substitute: inherit the parent's cs:name,
		// cs:et-al and cs:label (CSL 1.0.2, "Substitute").
		nm, etal, label, labelFirst = p.Name, p.EtAl, p.Label, p.LabelFirst
	}
	out := c.namesVars(n, nm, etal, label, labelFirst, first)
	if out != nil {
		c.calls++
		c.hits++
		return c.format(out, &n.Formatting)
	}
	c.calls += max(1, len(n.Variables))
	if !n.HasSubstitute {
		return nil
	}
	c.substituting++
	savedFirst, savedParent := c.firstSubst, c.substParent
	c.firstSubst, c.substParent = first, n
	defer func() { c.substituting--; c.firstSubst, c.substParent = savedFirst, savedParent }()
	for _, sub := range n.Substitute {
		if t, ok := sub.(*style.Text); ok && t.Term != "" {
			// A term always counts as a substitute, even an empty one,
			// and ends the substitution (citeproc-js).
			r := c.render(sub)
			if r == nil || r.Empty() {
				return nil
			}
			c.calls++
			c.hits++
			return c.format(r, &n.Formatting)
		}
		// A cs:names without children inherits the parent's cs:name,
		// cs:et-al and cs:label (see names above).
		calls, hits := c.calls, c.hits
		saved := c.substVars
		c.substVars = nil
		r := c.render(sub)
		c.calls, c.hits = calls, hits
		if r != nil && !r.Empty() {
			for _, v := range c.substVars {
				c.suppress(v)
			}
		}
		c.substVars = saved
		if first && c.hideNames && (c.namesHidden || (r != nil && !r.Empty())) {
			// Suppress-author (or a collapsed cite) hides what stands
			// for the author too: a names substitute's names, or the
			// title of a work without one (as citeproc-js does).
			c.namesHidden = true
			c.calls++
			c.hits++
			return &output.Node{Children: []*output.Node{output.Str("")}}
		}
		if r != nil && !r.Empty() {
			c.calls++
			c.hits++
			if _, isNames := sub.(*style.Names); !isNames && first && !c.firstDone {
				// Substituted output takes part in subsequent-author-
				// substitute like names.
				c.firstDone = true
				c.firstNames = []string{r.Plain()}
				c.firstNamesOut = c.firstNames[0]
			}
			if _, isNames := sub.(*style.Names); !isNames && first && c.sas != nil && (c.sas.all || c.sas.count > 0) {
				r = c.r.str(c.sas.text)
			}
			return c.format(r, &n.Formatting)
		}
	}
	return nil
}

func (c *ctx) suppress(v string) {
	if !c.isSuppressed(v) {
		c.suppressed = append(c.suppressed, v)
	}
}

// isSuppressed reports whether variable v was used by a substitute (or
// is left out of the rendering).
func (c *ctx) isSuppressed(v string) bool {
	for _, s := range c.suppressed {
		if s == v {
			return true
		}
	}
	return false
}

// namesVars renders the name variables of a cs:names element. Inside a
// cs:substitute, the variables that produced output are suppressed for
// the rest of the item.
func (c *ctx) namesVars(n *style.Names, nm *style.Name, etal *style.EtAl, label *style.Label, labelFirst, first bool) *output.Node {
	var varsBuf [6]string
	vars := varsBuf[:0]
	for _, v := range n.Variables {
		if !c.isSuppressed(v) && len(c.it.NamesOf(v)) > 0 {
			vars = append(vars, v)
		}
	}
	if len(vars) == 0 {
		return nil
	}
	out := c.namesOf(n, nm, etal, label, labelFirst, first, vars)
	if out != nil && c.substituting > 0 {
		for _, v := range vars {
			c.suppress(v)
		}
	}
	return out
}

// namesOf renders the name variables vars of n.
func (c *ctx) namesOf(n *style.Names, nm *style.Name, etal *style.EtAl, label *style.Label, labelFirst, first bool, vars []string) *output.Node {
	o := c.nameOptions(nm)
	// Editor and translator that are the same people print once, labelled
	// with the editortranslator term.
	editorTerm := "editor"
	if contains(vars, "editor") && contains(vars, "translator") && sameNames(c.it.NamesOf("editor"), c.it.NamesOf("translator")) {
		if et, _ := c.term("editortranslator", "long", false); et != "" {
			vars = remove(vars, "translator")
			editorTerm = "editortranslator"
		}
	}
	if o.form == "count" {
		total := 0
		for _, v := range vars {
			total += c.shownCount(c.it.NamesOf(v), o)
		}
		if total == 0 {
			return nil
		}
		if c.sorting {
			return c.r.str(padNumbers(strconv.Itoa(total)))
		}
		return c.r.str(strconv.Itoa(total))
	}
	if first && c.hideNames {
		// Collapsed: the names are printed by an earlier cite.
		c.namesHidden = true
		return &output.Node{Children: []*output.Node{output.Str("")}, Quote: nil}
	}
	delim := n.Delimiter
	if !n.HasDelim {
		delim = c.opt("names-delimiter")
	}
	j := c.joiner()
	var captured []string
	listed := false
	for _, v := range vars {
		names := c.it.NamesOf(v)
		list, strs := c.nameList(names, nm, etal, o, first)
		captured = append(captured, strs...)
		if list == nil {
			continue
		}
		listed = true
		var piece *output.Node
		if label != nil && !c.sorting {
			term := v
			if v == "editor" {
				term = editorTerm
			}
			lab := c.nameLabel(label, term, len(names))
			pj := c.joiner()
			if labelFirst {
				pj.add(lab)
				pj.add(list)
			} else {
				pj.add(list)
				pj.add(lab)
			}
			piece = pj.node()
		} else {
			piece = list
		}
		if !j.empty() && delim != "" {
			j.text(delim)
		}
		j.add(piece)
	}
	if first && !c.firstDone {
		c.firstDone = true
		c.firstNames = captured
		if c.wantNamesOut {
			if nd := j.node(); nd != nil {
				c.firstNamesOut = nd.Plain()
			}
		}
	}
	if nd := j.node(); nd != nil || !listed {
		return nd
	}
	// The names were replaced by an empty subsequent-author-substitute:
	// they still count as printed, so cs:substitute does not run.
	return &output.Node{Children: []*output.Node{output.Str("")}}
}

func (c *ctx) nameLabel(l *style.Label, term string, count int) *output.Node {
	plural := count > 1
	switch l.Plural {
	case "always":
		plural = true
	case "never":
		plural = false
	}
	s, ok := c.term(term, l.Form, plural)
	if !ok || s == "" {
		return nil
	}
	return c.formatTerm(c.rich(s), &l.Formatting)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func remove(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

func sameNames(a, b []item.Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// etAlCut returns how many names to show and whether et-al applies.
func (c *ctx) etAlCut(total int, o nameOpts) (int, bool) {
	shown := total
	if o.etAlMin > 0 && o.etAlUseFirst >= 0 && total >= o.etAlMin && o.etAlUseFirst < total {
		shown = o.etAlUseFirst
	}
	if c.dis != nil && c.dis.addNames > 0 && !c.sorting && shown < total {
		shown = min(total, shown+c.dis.addNames)
	}
	return shown, shown < total
}

func (c *ctx) shownCount(names []item.Name, o nameOpts) int {
	shown, _ := c.etAlCut(len(names), o)
	return shown
}

// nameList renders one name variable's list with et-al abbreviation and
// the "and" connector. It also returns the plain text of each shown name
// for subsequent-author-substitute.
func (c *ctx) nameList(names []item.Name, nm *style.Name, etal *style.EtAl, o nameOpts, first bool) (*output.Node, []string) {
	shown, truncated := c.etAlCut(len(names), o)
	if truncated {
		c.truncated = true
	}
	if shown == 0 {
		// et-al-use-first="0" prints no names at all.
		return nil, nil
	}
	useLast := truncated && o.etAlUseLast && shown+2 <= len(names)
	if c.sorting {
		// Names in a macro sort key sort as the macro renders them
		// (initials, short form), family name first.
		keys := make([]string, 0, shown+1)
		sortNames := names[:shown]
		if useLast {
			sortNames = append(append([]item.Name(nil), sortNames...), names[len(names)-1])
		}
		for _, n := range sortNames {
			m := n
			if o.hasInitializeWith && c.givenLevel(n) < 2 {
				m.Given = c.r.initials(n.Given, o)
			}
			if o.form == "short" {
				m.Given, m.DroppingParticle, m.Suffix = "", "", ""
			}
			keys = append(keys, sortKeyForName(m, o))
		}
		return c.r.str(strings.Join(keys, "\x01")), keys
	}
	var renderedBuf [8]*output.Node
	var invertedBuf [8]bool
	rendered := renderedBuf[:0]
	// The plain text of each name is needed for the first names only
	// (subsequent-author-substitute, cite grouping, disambiguation).
	var strs []string
	wantStrs := first && !c.firstDone && !c.captureFirst
	if wantStrs {
		strs = make([]string, 0, shown)
	}
	inverted := invertedBuf[:0]
	capture := first && c.captureFirst && !c.firstDone
	if capture {
		if !c.shownSet {
			c.shownSet = true
			c.shown = shownList{nm: nm, o: c.r.intern(o), names: names[:shown:shown], inverted: make([]bool, 0, shown)}
		} else {
			c.shown.names = append(c.shown.names, names[:shown]...)
		}
	}
	for i, n := range names[:shown] {
		inv := o.sortOrder == "all" || (o.sortOrder == "first" && i == 0)
		r := c.name(n, nm, o, inv)
		if capture {
			c.shown.inverted = append(c.shown.inverted, inv)
		}
		if c.sas != nil && first {
			if s := c.sas.replace(i, r); s != nil {
				r = s
			}
		}
		rendered = append(rendered, r)
		if wantStrs {
			strs = append(strs, r.Plain())
		}
		inverted = append(inverted, inv && !n.IsLiteral())
	}
	if c.sas != nil && first && c.sas.all {
		// complete-all: the whole list becomes the substitute string.
		if c.sas.text == "" {
			return &output.Node{Children: []*output.Node{output.Str("")}}, strs
		}
		return c.r.str(c.sas.text), strs
	}
	j := c.joiner()
	andTerm := ""
	switch o.and {
	case "text":
		andTerm, _ = c.term("and", "long", false)
	case "symbol":
		andTerm, _ = c.term("and", "symbol", false)
		if andTerm == "" {
			andTerm = "&"
		}
	}
	for i, r := range rendered {
		if i > 0 {
			last := i == len(rendered)-1 && !truncated
			if last && andTerm != "" {
				useDelim := false
				switch o.precedesLast {
				case "always":
					useDelim = true
				case "never":
				case "after-inverted-name":
					useDelim = inverted[i-1]
				default:
					useDelim = len(rendered) >= 3
				}
				if last, _ := utf8.DecodeLastRuneInString(andTerm); unicode.IsSpace(last) {
					// A term carrying its own spacing (Hebrew "ו&#8200;")
					// is joined as is.
					j.text(andTerm)
				} else {
					if useDelim {
						j.text(o.delimiter)
					} else {
						j.text(" ")
					}
					j.text(andTerm + " ")
				}
			} else {
				j.text(o.delimiter)
			}
		}
		j.add(r)
	}
	list := j.node()
	if nm != nil {
		list = c.format(list, &nm.Formatting)
	}
	if !truncated {
		return list, strs
	}
	tj := c.joiner()
	tj.add(list)
	if useLast {
		last := names[len(names)-1]
		inv := o.sortOrder == "all"
		tj.text(o.delimiter)
		tj.text("… ")
		tj.add(c.name(last, nm, o, inv))
		return tj.node(), strs
	}
	term := "et-al"
	var ef *style.Formatting
	if etal != nil {
		term = etal.Term
		ef = &etal.Formatting
	}
	s, _ := c.term(term, "long", false)
	if s == "" {
		return list, strs
	}
	useDelim := false
	switch o.precedesEtAl {
	case "always":
		useDelim = true
	case "never":
	case "after-inverted-name":
		useDelim = inverted[len(inverted)-1]
	default:
		useDelim = shown >= 2
	}
	r0, _ := utf8.DecodeRuneInString(s)
	switch {
	case useDelim:
		tj.text(o.delimiter)
	case unicode.In(r0, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		// CJK et-al terms (等) attach without a space.
	default:
		tj.text(" ")
	}
	tj.add(c.format(c.rich(s), ef))
	return tj.node(), strs
}

// givenLevel returns the disambiguation level of a name: 0 as styled, 1
// initials, 2 full given name.
func (c *ctx) givenLevel(n item.Name) int {
	if c.dis == nil {
		return 0
	}
	if c.dis.expandAll {
		return 2
	}
	return c.dis.given.get(nameKey(n))
}

// nameRef identifies a name for given-name disambiguation.
type nameRef struct{ family, given, literal, ndp string }

func (a nameRef) less(b nameRef) bool {
	if a.family != b.family {
		return a.family < b.family
	}
	if a.given != b.given {
		return a.given < b.given
	}
	if a.literal != b.literal {
		return a.literal < b.literal
	}
	return a.ndp < b.ndp
}

func nameKey(n item.Name) nameRef {
	return nameRef{n.Family, n.Given, n.Literal, n.NonDroppingParticle}
}

// name renders one name (CSL 1.0.2, "Name-part Order").
func (c *ctx) name(n item.Name, nm *style.Name, o nameOpts, inverted bool) *output.Node {
	if n.IsLiteral() {
		s := n.LiteralText()
		node := c.rich(s)
		if nm != nil && nm.Family != nil {
			node = c.format(node, nm.Family)
		}
		return node
	}
	if n.Family == "" && n.Given != "" {
		// A name with only a given name (a mononym) prints as given.
		nd := c.rich(joinParticle(n.Given, n.DroppingParticle))
		if nm != nil && nm.Given != nil {
			nd = c.format(nd, nm.Given)
		}
		return nd
	}
	level := c.givenLevel(n)
	given := n.Given
	form := o.form
	if form == "short" && level >= 1 {
		form = "long"
		if level == 1 && !o.hasInitializeWith {
			level = 2
		}
	}
	var givenNode *output.Node
	if o.hasInitializeWith && level < 2 {
		if strings.ContainsRune(given, '<') {
			// Markup in the given name: initialize each marked-up run.
			givenNode = c.richInitials(given, o)
		}
		given = c.r.initials(given, o)
	}
	var gf, ff *style.Formatting
	if nm != nil {
		gf, ff = nm.Given, nm.Family
	}
	ndp, dp := n.NonDroppingParticle, n.DroppingParticle
	if !isLatinOrCyrillic(n.Family + n.Given) {
		// CJK and similar names: family then given, no space.
		if form == "short" {
			return c.namePart(ff, c.atom(n.Family, ff))
		}
		j := c.joiner()
		j.add(c.namePart(ff, c.atom(n.Family, ff)))
		j.add(c.namePart(gf, c.givenAtom(given, givenNode, gf)))
		return j.node()
	}
	// French, Russian and Czech typography keep a particle on the line of
	// its family name (citeproc-js joins them with a no-break space when
	// the style's locale is fr, ru or cs).
	psep := " "
	if c.r.e.nbspParticles {
		psep = "\u00a0"
	}
	if form == "short" {
		return c.namePart(ff, c.atomsSep(psep, c.atom(ndp, ff), c.atom(n.Family, ff)))
	}
	var suffix *output.Node
	if n.Suffix != "" {
		suffix = c.rich(n.Suffix)
	}
	j := c.joiner()
	if !inverted || n.StaticOrdering {
		j.add(c.namePart(gf, c.givenAtom(given, givenNode, gf)))
		fam := c.atomsSep(psep, c.atom(dp, gf), c.atom(ndp, ff), c.atom(n.Family, ff))
		if suffix != nil {
			fj := c.joiner()
			fj.add(fam)
			if n.CommaSuffix {
				fj.text(", ")
			} else {
				fj.text(" ")
			}
			fj.add(suffix)
			fam = fj.node()
		}
		if !j.empty() && !unicode.IsSpace(plainLast(j.node())) {
			// A given name ending in a no-break space (initialize-with
			// ".&#160;") is followed by the family name directly.
			j.text(" ")
		}
		j.add(c.namePart(ff, fam))
		return j.node()
	}
	// Inverted: "Family, Given particles, Suffix".
	sep := o.sortSeparator
	var famPart, givenPart *output.Node
	if o.demote == "display-and-sort" {
		famPart = c.atom(n.Family, ff)
		givenPart = c.atoms(c.givenAtom(given, givenNode, gf), c.atom(dp, gf), c.atom(strings.TrimRight(ndp, " "), ff))
	} else {
		famPart = c.atomsSep(psep, c.atom(ndp, ff), c.atom(n.Family, ff))
		givenPart = c.atoms(c.givenAtom(given, givenNode, gf), c.atom(dp, gf))
	}
	j.add(c.namePart(ff, famPart))
	if givenPart != nil {
		j.text(sep)
		j.add(c.namePart(gf, givenPart))
	}
	if suffix != nil {
		j.text(sep)
		j.add(suffix)
	}
	return j.node()
}

// givenAtom is atom for the given name, using a pre-built node (given
// names with markup) when there is one.
func (c *ctx) givenAtom(given string, n *output.Node, f *style.Formatting) *output.Node {
	if n == nil {
		return c.atom(given, f)
	}
	if f != nil {
		inner := *f
		inner.Prefix, inner.Suffix = "", ""
		n = c.format(n, &inner)
	}
	return n
}

// richInitials initializes a given name that carries markup
// ("<b>John</b> Quiggly" → "<b>J.</b> Q."), run by run.
func (c *ctx) richInitials(given string, o nameOpts) *output.Node {
	n := c.rich(given)
	sep := ""
	if strings.HasSuffix(o.initializeWith, " ") {
		sep = " "
	}
	n.Leaves(func(l *output.Node, _ bool) {
		body := strings.TrimLeft(l.Text, " -")
		lead := l.Text[:len(l.Text)-len(body)]
		switch {
		case strings.Contains(lead, "-") && o.hyphenInitials:
			lead = "-"
		case strings.Contains(lead, "-"):
			lead = ""
		case lead != "":
			lead = sep
		}
		l.Text = lead + initials(body, o.initializeWith, o.initialize, o.hyphenInitials)
	})
	return n
}

// atom renders one name part (given, particle, family) with the
// formatting, but not the affixes, of its cs:name-part.
func (c *ctx) atom(s string, f *style.Formatting) *output.Node {
	if s == "" {
		return nil
	}
	n := c.rich(s)
	if f != nil {
		inner := *f
		inner.Prefix, inner.Suffix = "", ""
		n = c.format(n, &inner)
	}
	return n
}

// atoms joins name atoms with spaces, without a space after a particle
// ending in an apostrophe or hyphen ("d’Artagnan", "al-One").
func (c *ctx) atoms(parts ...*output.Node) *output.Node {
	return c.atomsSep(" ", parts...)
}

// atomsSep is atoms with another separator than a space.
func (c *ctx) atomsSep(sep string, parts ...*output.Node) *output.Node {
	j := c.joiner()
	prev := ""
	for _, p := range parts {
		if p == nil || p.Empty() {
			continue
		}
		if !j.empty() {
			last, _ := utf8.DecodeLastRuneInString(prev)
			if last != '\'' && last != '’' && last != '-' && last != ' ' {
				j.text(sep)
			}
		}
		j.add(p)
		prev = p.Plain()
	}
	return j.node()
}

// namePart wraps name atoms in the affixes of a cs:name-part.
func (c *ctx) namePart(f *style.Formatting, n *output.Node) *output.Node {
	if n == nil || f == nil || (f.Prefix == "" && f.Suffix == "") {
		return n
	}
	j := c.joiner()
	j.text(f.Prefix)
	j.add(n)
	j.text(f.Suffix)
	return j.node()
}

// initialsKey identifies one initials computation.
type initialsKey struct {
	given, with        string
	initialize, hyphen bool
}

// initials is initials with the options of o, cached per run: a name is
// initialized in every rendering of its item.
func (r *run) initials(given string, o nameOpts) string {
	k := initialsKey{given, o.initializeWith, o.initialize, o.hyphenInitials}
	if v, ok := r.inits[k]; ok {
		return v
	}
	v := initials(given, o.initializeWith, o.initialize, o.hyphenInitials)
	r.inits[k] = v
	return v
}
