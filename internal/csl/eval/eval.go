package eval

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/locale"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
)

// maxDepth bounds element nesting during evaluation (macros are checked
// for recursion by the parser; this is a second line of defence).
const maxDepth = 256

// ctx is the state of rendering one item in one context.
type ctx struct {
	r  *run
	it *item.Item
	// slot is its slot in r (see run.slotOf), -1 for none.
	slot int
	loc  locale.Chain
	lang string
	bib  bool
	opts []map[string]string
	cite *citeState
	dis  *disState
	// typeBits is the bit of it's type in the style's type tests, once
	// typeKnown (see typeBit).
	typeBits  uint64
	typeKnown bool

	// sorting is set while computing sort keys: dates and numbers render
	// as sortable strings and names use the key's name options.
	sorting      bool
	sortNameOpts map[string]string
	sortKey      *style.SortKey // whose NameOptions sortNameOpts is

	// calls and hits count variables called and found, for cs:group
	// suppression (CSL 1.0.2, "Group").
	calls, hits int
	suppressed  []string

	// names bookkeeping for collapsing and subsequent-author-substitute.
	namesSeen  int
	firstNames []string
	// firstDone records that the first names were rendered.
	firstDone bool
	// firstNamesOut is the plain output of the first names, for cite
	// grouping; it is only computed when wantNamesOut is set.
	firstNamesOut string
	wantNamesOut  bool
	// captureFirst asks names to record the first names shown (with how
	// they were formatted) in shown.
	captureFirst bool
	shown        shownList
	shownSet     bool
	// truncated records that a name list was cut short by et-al.
	truncated bool
	// citeBuf holds the cite of a key or name-form rendering.
	citeBuf     citeState
	hideNames   bool // collapse: suppress the first cs:names output
	namesHidden bool // the first cs:names output was suppressed (hideNames)
	sas         *sasState
	// substituting is set while rendering cs:substitute children;
	// substVars collects the variables they print, which are then
	// suppressed for the rest of the item (CSL 1.0.2, "Substitute").
	substituting int
	substVars    []string
	// firstSubst is set while rendering the substitutes of the first
	// cs:names, whose output counts as the first names.
	firstSubst bool
	// substParent is the cs:names whose cs:substitute is being rendered:
	// a cs:names without children anywhere inside it (also inside
	// cs:choose) inherits its cs:name, cs:et-al and cs:label.
	substParent *style.Names
	// termCase is set while formatting a term, whose text-case does not
	// depend on the item's language.
	termCase bool

	// curDateVar is the date variable being rendered; ysDone records that
	// the implicit year-suffix was printed.
	curDateVar string
	ysDone     bool

	// disTrue counts the disambiguate tests that were true in this
	// render (see disState.disambiguate).
	disTrue int

	// piq caches the punctuation-in-quote option: 0 unknown, 1 on, 2 off.
	piq int8

	depth int
	// evals counts the element evaluations of this rendering (see
	// spend); macros is the stack of macros being expanded.
	evals  int
	macros []string
}

// implicitYearSuffix returns the year-suffix to append to the first
// rendered issued year (or citation-label) when the style never calls
// the year-suffix variable itself (CSL 1.0.2, "disambiguate-add-year-suffix").
func (c *ctx) implicitYearSuffix() string {
	if c.r.e.ysExplicit || c.ysDone || c.dis == nil || c.dis.yearSuffix == 0 || c.sorting {
		return ""
	}
	c.ysDone = true
	return yearSuffix(c.dis.yearSuffix)
}

// opt returns an option from the context (cs:citation or
// cs:bibliography) or the style.
func (c *ctx) opt(name string) string {
	for _, m := range c.opts {
		if v, ok := m[name]; ok {
			return v
		}
	}
	return ""
}

func (c *ctx) optOK(name string) (string, bool) {
	for _, m := range c.opts {
		if v, ok := m[name]; ok {
			return v, true
		}
	}
	return "", false
}

func (c *ctx) warn(format string, args ...any) { c.r.warn(format, args...) }

// renderAll evaluates a list of elements and joins their output. The
// chosen branch of a cs:choose is spliced into the list, so the enclosing
// delimiter also separates the branch's elements (as in citeproc-js).
func (c *ctx) renderAll(els []style.Element, delim string) *output.Node {
	j := c.joiner()
	c.renderInto(&j, els, delim)
	return j.node()
}

func (c *ctx) renderInto(j *joiner, els []style.Element, delim string) {
	for _, e := range els {
		if ch, ok := e.(*style.Choose); ok {
			if !c.spend() {
				return
			}
			c.depth++
			if c.depth <= maxDepth {
				for _, b := range ch.Branches {
					if c.test(b) {
						c.renderInto(j, b.Children, delim)
						break
					}
				}
			}
			c.depth--
			continue
		}
		n := c.render(e)
		first, nonEmpty := firstLeafOf(n)
		if !nonEmpty {
			continue
		}
		if !j.empty() && delim != "" {
			j.text(delim)
		}
		j.addFirst(n, first)
	}
}

func (c *ctx) joiner() joiner {
	if c.piq == 0 {
		c.piq = 2
		if c.loc.PunctuationInQuote() {
			c.piq = 1
		}
	}
	return joiner{punctInQuote: c.piq == 1, r: c.r}
}

func (c *ctx) render(e style.Element) *output.Node {
	if !c.spend() {
		return nil
	}
	if c.depth >= maxDepth {
		c.warn("style nests elements more than %d deep; output truncated", maxDepth)
		return nil
	}
	c.depth++
	n := c.render1(e)
	c.depth--
	return n
}

func (c *ctx) render1(e style.Element) *output.Node {
	switch e := e.(type) {
	case *style.Text:
		return c.text(e)
	case *style.Number:
		return c.number(e)
	case *style.Label:
		return c.label(e, e.Variable)
	case *style.Date:
		return c.date(e)
	case *style.Names:
		return c.names(e)
	case *style.Group:
		return c.group(e)
	case *style.Choose:
		return c.choose(e)
	}
	return nil
}

func (c *ctx) group(g *style.Group) *output.Node {
	calls, hits := c.calls, c.hits
	c.calls, c.hits = 0, 0
	n := c.renderAll(g.Children, g.Delimiter)
	gc, gh := c.calls, c.hits
	c.calls, c.hits = calls+gc, hits+gh
	if gc > 0 && gh == 0 {
		return nil
	}
	if n == nil {
		return nil
	}
	// A group with output counts as a non-empty variable for enclosing
	// groups.
	if n.Empty() {
		return nil // as format would make it
	}
	c.hits++
	c.calls++
	return c.formatNonEmpty(n, &g.Formatting)
}

func (c *ctx) choose(ch *style.Choose) *output.Node {
	for _, b := range ch.Branches {
		if c.test(b) {
			return c.renderAll(b.Children, "")
		}
	}
	return nil
}

// lookupVar returns the string value of a standard or number variable,
// including the engine-supplied ones, honouring substitution suppression.
func (c *ctx) lookupVar(name string) string {
	if c.isSuppressed(name) {
		return ""
	}
	switch name {
	case "locator":
		if c.cite != nil {
			return strings.TrimSpace(c.cite.Locator)
		}
		return ""
	case "citation-number":
		if n := c.r.citeNumAt(c.slot); n > 0 {
			return strconv.Itoa(n)
		}
		return ""
	case "year-suffix":
		if c.dis != nil && c.dis.yearSuffix > 0 {
			return yearSuffix(c.dis.yearSuffix)
		}
		return ""
	case "first-reference-note-number":
		// Only later cites refer back to the first one.
		if c.cite != nil && c.cite.firstNote > 0 && c.cite.position >= posSubsequent {
			return strconv.Itoa(c.cite.firstNote)
		}
		return ""
	case "citation-label":
		if v := c.it.Var("citation-label"); v != "" {
			return v
		}
		return c.trigraph()
	case "page-first":
		if v := c.it.Var("page-first"); v != "" {
			return v
		}
		p := c.it.Var("page")
		if i := strings.IndexAny(p, "-–,&"); i > 0 {
			p = strings.TrimSpace(p[:i])
		}
		return p
	case "title-short":
		if v := c.it.Var("title-short"); v != "" {
			return v
		}
		return c.it.Var("shortTitle")
	case "container-title-short":
		if v := c.it.Var("container-title-short"); v != "" {
			return v
		}
		return c.it.Var("journalAbbreviation")
	}
	return c.it.Var(name)
}

// localAmpersand replaces " & " in a locator with the locale's "and"
// symbol term.
func (c *ctx) localAmpersand(v string) string {
	if !strings.Contains(v, " & ") {
		return v
	}
	if amp, ok := c.term("and", "symbol", false); ok && amp != "" && amp != "&" {
		return strings.ReplaceAll(v, " & ", " "+amp+" ")
	}
	return v
}

// unescapeHyphen turns the "\-" escape (a hyphen that is not a range)
// into a plain hyphen.
func unescapeHyphen(s string) string { return strings.ReplaceAll(s, `\-`, "-") }

func yearSuffix(n int) string {
	// 1 → a, 26 → z, 27 → aa, ...
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

func (c *ctx) text(t *style.Text) *output.Node {
	switch {
	case t.Variable != "":
		return c.textVar(t)
	case t.Macro != "":
		m := t.MacroDef
		if m == nil {
			c.warn("undefined macro %q", t.Macro)
			return nil
		}
		// A macro acts as an implicit group (as in citeproc-js): when it
		// calls variables and all are empty, its terms are dropped too.
		calls, hits := c.calls, c.hits
		c.calls, c.hits = 0, 0
		c.macros = append(c.macros, t.Macro)
		n := c.renderAll(m.Children, "")
		c.macros = c.macros[:len(c.macros)-1]
		mc, mh := c.calls, c.hits
		c.calls, c.hits = calls+mc, hits+mh
		if mc > 0 && mh == 0 {
			return nil
		}
		if n == nil || n.Empty() {
			return nil // as format would make it
		}
		c.hits++
		c.calls++
		return c.formatNonEmpty(n, &t.Formatting)
	case t.Term != "":
		form := t.Form
		if form == "" {
			form = "long"
		}
		s := c.textTerm(t, form)
		if s == "" {
			return nil
		}
		n := c.rich(s)
		if fl := firstLeaf(n); fl != nil {
			fl.FromTerm = true
		}
		return c.formatTerm(n, &t.Formatting)
	case t.HasValue:
		if t.Value == "" {
			return nil
		}
		return c.format(c.rich(t.Value), &t.Formatting)
	}
	return nil
}

func (c *ctx) rich(s string) *output.Node {
	if c.r.e.narrowSpaces {
		s = narrowSpaces(s)
	}
	if richKind(s) == plainText {
		return c.r.str(s)
	}
	return parseRich(s, c.quotes())
}

// supers returns s as a leaf, or as superscript runs when it has
// superscript characters.
func (c *ctx) supers(s string) *output.Node {
	if !hasSuperscript(s) {
		return c.r.str(s)
	}
	return &output.Node{Children: superscripts(s)}
}

// quotes returns the quotation marks of the ctx's locale, cached per run.
func (c *ctx) quotes() *output.Quotes {
	if q, ok := c.r.quotes[c.lang]; ok {
		return q
	}
	q := c.r.e.quotesFor(c.loc)
	c.r.quotes[c.lang] = q
	return q
}

var narrowSpacer = strings.NewReplacer(" :", "\u202f:", " ;", "\u202f;", " ?", "\u202f?", " !", "\u202f!", " »", "\u202f»", "« ", "«\u202f")

// narrowSpaces turns a space before a colon, semicolon, question or
// exclamation mark, and the spaces inside guillemets, into narrow no-break
// spaces in rendered text (not in affixes or delimiters), as citeproc-js
// does, so that "Текст : электронный" does not break before the colon.
func narrowSpaces(s string) string {
	// (an ASCII set is searched in one pass; guillemets apart)
	if !strings.ContainsAny(s, ":;?!") && !strings.Contains(s, "»") && !strings.Contains(s, "«") {
		return s
	}
	return narrowSpacer.Replace(s)
}

func (c *ctx) textVar(t *style.Text) *output.Node {
	name := t.Variable
	if name != "year-suffix" {
		// An empty year-suffix does not make a group empty (citeproc-js).
		c.calls++
	}
	var v string
	if t.Form == "short" {
		v = c.lookupVar(t.ShortVariable)
	}
	if v == "" {
		v = c.lookupVar(name)
	}
	if v == "" {
		// Name and date variables named in cs:text render nothing.
		return nil
	}
	c.hits++
	if c.substituting > 0 {
		c.substVars = append(c.substVars, name)
	}
	if c.sorting && (name == "citation-number") {
		return c.r.str(fmt.Sprintf("%08s", v))
	}
	var n *output.Node
	switch name {
	case "page":
		n = c.r.str(unescapeHyphen(c.pageRange(v)))
	case "locator":
		v = c.localAmpersand(v)
		if c.cite != nil && (c.cite.Label == "" || c.cite.Label == "page") {
			v = c.pageRange(v)
		} else {
			v = formatRanges(v, "", c.rangeDelim())
		}
		n = c.rich(unescapeHyphen(v))
	case "citation-label":
		n = c.r.str(v + c.implicitYearSuffix())
	case "citation-number", "year-suffix":
		n = c.r.str(v)
		if name == "year-suffix" {
			n = c.r.wrap(n)
		}
	case "URL", "DOI", "PMID", "PMCID":
		n = c.r.str(v)
	case "issue", "volume", "chapter-number", "collection-number", "number-of-volumes", "number-of-pages", "edition":
		if isNumeric(v) {
			// Numeric ranges get an en dash, as in cs:number.
			v = formatRanges(v, "", c.rangeDelim())
		}
		n = c.rich(v)
	default:
		n = c.rich(v)
	}
	return c.format(n, &t.Formatting)
}

// formatTerm formats a term (a cs:text term or a cs:label). Title case,
// which CSL reserves for English items' variables, applies to terms
// whatever the item's language, as citeproc-js renders "(J. Hercz, Ed. &
// Trans.)" in a German item's entry and "(Ред.)" in a Russian list.
func (c *ctx) formatTerm(n *output.Node, f *style.Formatting) *output.Node {
	saved := c.termCase
	c.termCase = true
	defer func() { c.termCase = saved }()
	return c.format(n, f)
}

// format applies strip-periods, text-case, formatting, quotes, affixes and
// display of an element to its content (CSL 1.0.2, "Formatting").
func (c *ctx) format(n *output.Node, f *style.Formatting) *output.Node {
	if n == nil || n.Empty() {
		return nil
	}
	return c.formatNonEmpty(n, f)
}

// formatNonEmpty is format for a node known to render some text.
func (c *ctx) formatNonEmpty(n *output.Node, f *style.Formatting) *output.Node {
	if f == nil {
		return n
	}
	if f.StripPeriods {
		stripPeriods(n)
	}
	if f.TextCase != "" {
		c.r.caser.apply(n, f.TextCase, c.caseLang())
	}
	if f.FontStyle != "" || f.FontVariant != "" || f.FontWeight != "" || f.TextDecoration != "" || f.VerticalAlign != "" || f.Quotes {
		w := c.r.wrap(n)
		w.Format = output.Formatting{FontStyle: f.FontStyle, FontVariant: f.FontVariant, FontWeight: f.FontWeight,
			TextDecoration: f.TextDecoration, VerticalAlign: f.VerticalAlign}
		if f.Quotes {
			w.Quote = c.quotes()
		}
		n = w
	}
	if f.Prefix != "" || f.Suffix != "" {
		j := c.joiner()
		j.add(c.affix(f.Prefix))
		j.add(n)
		j.add(c.affix(f.Suffix))
		n = j.span()
	}
	if f.Display != "" {
		n = c.r.wrap(n)
		n.Display = f.Display
	}
	return n
}

func (c *ctx) affix(s string) *output.Node {
	if s == "" {
		return nil
	}
	if strings.ContainsRune(s, '<') || hasSuperscript(s) {
		return parseRich(s, c.quotes())
	}
	return c.r.str(s)
}

// caseLang is the language deciding whether title case applies.
func (c *ctx) caseLang() string {
	if c.termCase {
		return "" // title case applies to terms in any language (citeproc-js)
	}
	if c.it != nil && c.it.Language != "" {
		return c.it.Language
	}
	return c.r.e.lang
}

// textTerm returns the term of a cs:text in the ctx's locale chain,
// cached per element for the run's default language.
func (c *ctx) textTerm(t *style.Text, form string) string {
	if c.lang != c.r.e.lang || t.ID >= len(c.r.textTerms) {
		s, _ := c.term(t.Term, form, t.Plural)
		return s
	}
	e := &c.r.textTerms[t.ID]
	if !e.done {
		e.s, _ = c.term(t.Term, form, t.Plural)
		e.done = true
	}
	return e.s
}

// cachedTerm is a term looked up once (done) for an element.
type cachedTerm struct {
	s    string
	done bool
}

// termKey identifies a term lookup in one locale chain.
type termKey struct {
	lang, name, form string
	plural           bool
}

type termValue struct {
	s  string
	ok bool
}

// term looks a term up in the ctx's locale chain, caching per run: terms
// such as "and" and "et-al" are asked for once per name list.
func (c *ctx) term(name, form string, plural bool) (string, bool) {
	k := termKey{c.lang, name, form, plural}
	if v, ok := c.r.terms[k]; ok {
		return v.s, v.ok
	}
	s, ok := c.loc.Term(name, form, plural)
	c.r.terms[k] = termValue{s, ok}
	return s, ok
}
