package eval

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/locale"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
	"github.com/cite-project/cite/internal/runes"
)

// Config configures an Engine.
type Config struct {
	// Locale is the locale chain of the style's (or forced) language.
	Locale locale.Chain
	// Lang is the language tag Locale was built for ("en-US").
	Lang string
	// LocaleFor returns the chain for another language, used by CSL-M
	// localized layouts. It may be nil.
	LocaleFor func(lang string) locale.Chain
	// EmptyEntry, when set, is printed for a bibliography entry (or
	// citation) with no printed form instead of dropping it.
	EmptyEntry string
	// NarrowSpaces turns a space before : ; ? ! » and after « in rendered
	// text (not affixes) into a narrow no-break space, as citeproc-js does.
	NarrowSpaces bool
	// Budget is the CSL evaluation budget: the element evaluations one
	// rendering of one item may take; 0 means DefaultBudget.
	Budget int
}

// Engine evaluates one style. It is safe for concurrent use.
type Engine struct {
	st           *style.Style
	loc          locale.Chain
	lang         string
	localeFor    func(string) locale.Chain
	emptyEntry   string
	narrowSpaces bool
	numbered     bool // the style prints citation-number

	// ysExplicit records that the style calls the year-suffix variable.
	ysExplicit bool
	// observes records which registry states the style can print.
	observes observations
	// budget is the evaluation budget per rendering of an item.
	budget int
	// asciiColl: plain ASCII sort keys compare as lower-case bytes;
	// russianColl: so do keys with Russian letters.
	asciiColl, russianColl bool
	// scriptsFirst is the script order of a sort without a script-order
	// extension (see scriptOrder), decided once by the locale.
	scriptsFirst []string
	// optChain holds, for the citation (0) and the bibliography (1),
	// the option maps a ctx looks options up in.
	optChain [2][]map[string]string
	// nbspParticles joins name particles to family names with a no-break
	// space (French, Russian and Czech locales).
	nbspParticles bool

	mu     sync.Mutex
	quotes map[*locale.Locale]*output.Quotes
	chains map[string]locale.Chain
}

// New returns an engine for st.
func New(st *style.Style, cfg Config) *Engine {
	e := &Engine{st: st, loc: cfg.Locale, lang: cfg.Lang, localeFor: cfg.LocaleFor, emptyEntry: cfg.EmptyEntry,
		narrowSpaces: cfg.NarrowSpaces,
		quotes:       map[*locale.Locale]*output.Quotes{}, chains: map[string]locale.Chain{},
		ysExplicit: usesVariable(st, "year-suffix"), numbered: usesVariable(st, "citation-number"), observes: observe(st),
		nbspParticles: hasLangPrefix(cfg.Lang, "fr", "ru", "cs"), budget: cfg.Budget}
	if e.budget <= 0 {
		e.budget = DefaultBudget
	}
	base, _, _ := strings.Cut(strings.ToLower(cfg.Lang), "-")
	e.asciiColl = asciiCollation[base] || cfg.Lang == ""
	e.russianColl = russianCollation[base] || cfg.Lang == ""
	if cyrillicFirst[base] {
		e.scriptsFirst = []string{"cyrillic"}
	}
	if st.Citation != nil {
		e.optChain[0] = []map[string]string{st.Citation.Options, st.Options}
	}
	if st.Bibliography != nil {
		e.optChain[1] = []map[string]string{st.Bibliography.Options, st.Options}
	}
	return e
}

// hasLangPrefix reports whether the language tag's primary language is
// one of langs.
func hasLangPrefix(tag string, langs ...string) bool {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	for _, l := range langs {
		if base == l {
			return true
		}
	}
	return false
}

// Style returns the engine's style.
func (e *Engine) Style() *style.Style { return e.st }

func (e *Engine) quotesFor(ch locale.Chain) *output.Quotes {
	var key *locale.Locale
	if len(ch) > 0 {
		key = ch[0]
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if q, ok := e.quotes[key]; ok {
		return q
	}
	q := output.DefaultQuotes
	if s, ok := ch.Term("open-quote", "long", false); ok {
		q.Open = s
	}
	if s, ok := ch.Term("close-quote", "long", false); ok {
		q.Close = s
	}
	if s, ok := ch.Term("open-inner-quote", "long", false); ok {
		q.InnerOpen = s
	}
	if s, ok := ch.Term("close-inner-quote", "long", false); ok {
		q.InnerClose = s
	}
	e.quotes[key] = &q
	return &q
}

func (e *Engine) chainFor(lang string) locale.Chain {
	if e.localeFor == nil || lang == "" {
		return e.loc
	}
	e.mu.Lock()
	ch, ok := e.chains[lang]
	e.mu.Unlock()
	if ok {
		return ch
	}
	ch = e.localeFor(lang)
	if ch == nil {
		ch = e.loc
	}
	e.mu.Lock()
	e.chains[lang] = ch
	e.mu.Unlock()
	return ch
}

// CiteItem is one cite of a cluster.
type CiteItem struct {
	ID             string
	Locator        string
	Label          string // locator label: page, chapter, ...; "" means page
	Prefix, Suffix string
	SuppressAuthor bool
	AuthorOnly     bool
	// Position, when set, overrides the position computed from the
	// document (as citeproc-js accepts one in a cite for previews).
	Position Position
}

// Position is a cite's position (CSL 1.0.2, "position").
type Position int

// Positions a cite may be given; PositionAuto means computed.
const (
	PositionAuto Position = iota
	PositionFirst
	PositionSubsequent
	PositionIbid
	PositionIbidWithLocator
)

// Cluster is one citation: cites rendered together, with the note number
// it sits in (0 for in-text citations).
type Cluster struct {
	Items     []CiteItem
	NoteIndex int
	// ID names the cluster in a Document; Process ignores it.
	ID string
}

// Request is the input of Process.
type Request struct {
	Items    []*item.Item
	Clusters []Cluster
	// Bibliography asks for the bibliography of all items.
	Bibliography bool
	// Uncited lists items to register (and put in the bibliography)
	// before any cited ones; nil means all Items after the cited ones.
	Uncited []string
}

// BibFormat holds the bibliography-wide layout options (CSL 1.0.2,
// "Whitespace").
type BibFormat struct {
	HangingIndent    bool
	SecondFieldAlign string
	LineSpacing      int
	EntrySpacing     int
}

// Result is the output of Process.
type Result struct {
	// Clusters holds one rendered citation per request cluster, in
	// order; an entry is nil when its cluster printed nothing.
	Clusters []*output.Node
	// Entries holds the bibliography entries and EntryIDs their item ids.
	Entries  []*output.Node
	EntryIDs []string
	// Format holds the bibliography's layout options (hanging indent,
	// second-field-align, spacing) for the renderer.
	Format BibFormat
	// Warnings lists problems with the items (missing cited items, entries
	// with no printed form, ...); rendering went on regardless.
	Warnings []string
	// Err is set when rendering stopped: a *BudgetError when the style
	// needed more than the evaluation budget for an item. The output is
	// then incomplete.
	Err error
}

// position values of a cite.
const (
	posFirst = iota
	posSubsequent
	posIbid
	posIbidLocator
)

type citeState struct {
	CiteItem
	position  int
	nearNote  bool
	firstNote int
	noteIndex int
}

// disState is the disambiguation state of one item.
type disState struct {
	addNames   int
	given      givenLevels
	yearSuffix int
	// disambiguate is the disambiguate-condition level: the first
	// disambiguate tests of a render, up to this many, are true.
	disambiguate int
	// expandAll shows every given name in full (what given-name
	// expansion could achieve).
	expandAll bool
	// givenGen counts changes of given; givenSig caches its canonical
	// form as of givenSigGen-1.
	givenGen, givenSigGen int
	givenSig              string
}

// plain reports whether d (which may be nil) changes nothing in a
// rendering: no added names, given names, year-suffix or condition.
func (d *disState) plain() bool {
	return d == nil || d.addNames == 0 && len(d.given) == 0 && d.yearSuffix == 0 && d.disambiguate == 0 && !d.expandAll
}

// plainFor reports whether d changes nothing in a sort key that depends
// on the state only as deps says. A sort key ignores added names
// (etAlCut) and given names expanded to initials (a sort key shows
// initials anyway where the style initializes, and full given names
// where it does not), so only a year-suffix, the disambiguate condition
// and full given names count.
func (d *disState) plainFor(deps keyDeps) bool {
	if d == nil {
		return true
	}
	if d.yearSuffix != 0 && deps.yearSuffix || d.disambiguate != 0 && deps.condition {
		return false
	}
	return !deps.names || !d.fullGivenNames()
}

// fullGivenNames reports whether d shows some given name in full, which
// is all of its given-name state that a sort key can show.
func (d *disState) fullGivenNames() bool {
	if d.expandAll {
		return true
	}
	for _, l := range d.given {
		if l.v >= 2 {
			return true
		}
	}
	return false
}

// keyDeps says what of an item's disambiguation state a sort key can
// show: its year-suffix (the key prints or tests the variable), the
// disambiguate condition (the key tests it), its names' given names (it
// has names).
type keyDeps struct {
	yearSuffix, condition, names bool
}

// sortKeyDeps finds what of the state key can depend on, from the
// elements its macro (and the macros that calls) is made of.
func sortKeyDeps(key *style.SortKey) keyDeps {
	var d keyDeps
	if key.Macro == "" {
		d.names = item.IsNameVar(key.Variable)
		d.yearSuffix = key.Variable == "year-suffix"
		return d
	}
	seen := map[*style.Macro]bool{}
	var walk func(els []style.Element)
	walk = func(els []style.Element) {
		for _, e := range els {
			switch e := e.(type) {
			case *style.Text:
				d.yearSuffix = d.yearSuffix || e.Variable == "year-suffix"
				if m := e.MacroDef; m != nil && !seen[m] {
					seen[m] = true
					walk(m.Children)
				}
			case *style.Number:
				d.yearSuffix = d.yearSuffix || e.Variable == "year-suffix"
			case *style.Names:
				d.names = true
				walk(e.Substitute)
			case *style.Group:
				walk(e.Children)
			case *style.Choose:
				for _, b := range e.Branches {
					for _, c := range b.Conditions {
						d.condition = d.condition || c.Op == style.CondDisambiguate
						d.yearSuffix = d.yearSuffix || slices.Contains(c.Values, "year-suffix")
					}
					walk(b.Children)
				}
			}
		}
	}
	if key.MacroDef != nil {
		seen[key.MacroDef] = true
		walk(key.MacroDef.Children)
	}
	return d
}

type run struct {
	e *Engine
	// stale is prefetchKeys' buffer of the keys to render.
	stale []staleKey
	items []*item.Item
	byID  map[string]*item.Item
	order []*item.Item // registration order
	// slots holds each registered item's slot: its index in order, by
	// which the per-item state below is kept (see slotOf).
	slots map[*item.Item]int32
	// bibOrder is the bibliography order numberAndSort made last, and
	// bibSlots its items' slots.
	bibOrder []*item.Item
	bibSlots []int32
	// citeNum holds the citation number of each slot.
	citeNum []int
	// dis holds the disambiguation state of each slot, nil for none yet
	// (see disFor); disCount counts the states made, and disBlock is
	// the block new states are taken from.
	dis      []*disState
	disCount int
	disBlock []disState
	// unregisteredDis holds the states of items that are not
	// registered (none the engine renders has none).
	unregisteredDis map[*item.Item]*disState
	coll            *collate.Collator
	warnings        []string
	warned          map[string]bool
	nameOpts        map[nameOptsKey]nameOpts
	inits           map[initialsKey]string
	collBuf         collate.Buffer
	// keys and expKeys hold the cached disambiguation key of each slot,
	// normal and with every given name expanded (see cacheFor); a fork
	// shares its base's and writes only the slots of its own items.
	keys    []*cachedKey
	expKeys []*cachedKey
	// cache is the Document cache the run's keys are taken from and
	// given back to, or nil for a transient run.
	cache *runCache
	// transient is set for a run whose caches no later run reuses (not a
	// Document's): it may let go of keys as soon as no phase of its own
	// needs them.
	transient bool
	// textTerms caches the term of each cs:text element (by Text.ID)
	// in the default language.
	textTerms []cachedTerm
	// rangeDelim caches the page-range delimiter of the default language.
	rangeDelim string
	// collated caches collation keys.
	collated map[collKey]collValue
	// interned holds one copy of each set of name options a
	// disambiguation key records (see intern).
	interned map[nameOpts]*nameOpts
	// retired holds forks done with their work, for fork to reuse.
	retired []*run
	// formsDis is nameForms' scratch disambiguation state; forms holds
	// the name forms it rendered, while globalNames runs.
	formsDis disState
	forms    formMemo
	// bibKeys holds the keys of the last bibliography sort, for the
	// next (see sortIndexes).
	bibKeys *lazyKeys
	// dateFmts caches resolved localized date formats.
	dateFmts map[datePartsKey]datePartsValue
	// caser holds the buffers of text-case transformations.
	caser caser
	// freeCtx holds released render contexts; layouts caches the
	// localized layout per context and language.
	freeCtx []*ctx
	layouts map[layoutKey]*style.Layout
	// nodes and kids are slabs the run allocates output nodes and their
	// children slices from.
	nodes    slabs[output.Node]
	kids     slabs[*output.Node]
	byteSlab []byte
	// budgetErr is set when a rendering exceeded the evaluation budget;
	// every later rendering of the run stops at once.
	budgetErr *BudgetError
	// preparing is set while prepare sorts and disambiguates.
	preparing bool
	// firstNoteOf holds the note number of each slot's first cite (0
	// for none); byCite records the by-cite given-name rule.
	firstNoteOf []int
	byCite      bool
	terms       map[termKey]termValue
	quotes      map[string]*output.Quotes
}

func (r *run) warn(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if r.warned[msg] {
		return
	}
	r.warned[msg] = true
	r.warnings = append(r.warnings, msg)
}

// slotOf returns the slot of it (its index in r.order), or -1 when it
// is not registered.
func (r *run) slotOf(it *item.Item) int {
	if s, ok := r.slots[it]; ok {
		return int(s)
	}
	return -1
}

// slotsOf returns the slots of items: r.order's are its indexes and the
// bibliography order's are known, found without a lookup.
func (r *run) slotsOf(items []*item.Item) []int32 {
	out := make([]int32, len(items))
	if sameSlice(items, r.order) {
		for i := range out {
			out[i] = int32(i)
		}
		return out
	}
	if sameSlice(items, r.bibOrder) && len(r.bibSlots) == len(items) {
		copy(out, r.bibSlots)
		for i, s := range out {
			if r.order[s] != items[i] {
				out[i] = int32(r.slotOf(items[i])) // changed since
			}
		}
		return out
	}
	for i, it := range items {
		out[i] = int32(r.slotOf(it))
	}
	return out
}

// sameSlice reports whether a and b are the same slice: same start and
// length.
func sameSlice(a, b []*item.Item) bool {
	return len(a) > 0 && len(a) == len(b) && &a[0] == &b[0]
}

// citeNumAt returns the citation number of slot s (0 for none).
func (r *run) citeNumAt(s int) int {
	if s < 0 || s >= len(r.citeNum) {
		return 0
	}
	return r.citeNum[s]
}

// citeNumOf returns the citation number of it (0 for none).
func (r *run) citeNumOf(it *item.Item) int { return r.citeNumAt(r.slotOf(it)) }

// disAt returns the disambiguation state of slot s of it, or nil.
func (r *run) disAt(it *item.Item, s int) *disState {
	if s < 0 || s >= len(r.dis) {
		return r.unregisteredDis[it]
	}
	return r.dis[s]
}

// disOf returns the disambiguation state of it, or nil.
func (r *run) disOf(it *item.Item) *disState { return r.disAt(it, r.slotOf(it)) }

// disFor returns the disambiguation state of it, made if it has none.
func (r *run) disFor(it *item.Item) *disState { return r.disForAt(it, r.slotOf(it)) }

// disForAt is disFor for it at slot s. New states are taken from blocks,
// which keeps them together in memory.
func (r *run) disForAt(it *item.Item, s int) *disState {
	if s < 0 || s >= len(r.dis) {
		d := r.unregisteredDis[it]
		if d == nil {
			if r.unregisteredDis == nil {
				r.unregisteredDis = map[*item.Item]*disState{}
			}
			d = &disState{}
			r.unregisteredDis[it] = d
			r.disCount++
		}
		return d
	}
	d := r.dis[s]
	if d == nil {
		if len(r.disBlock) == 0 {
			r.disBlock = make([]disState, disBlockSize)
		}
		d, r.disBlock = &r.disBlock[0], r.disBlock[1:]
		r.dis[s] = d
		r.disCount++
	}
	return d
}

// disBlockSize is how many disambiguation states a block holds.
const disBlockSize = 256

// firstNoteAt returns the note number of slot s's first cite (0 for
// none).
func (r *run) firstNoteAt(s int) int {
	if s < 0 || s >= len(r.firstNoteOf) {
		return 0
	}
	return r.firstNoteOf[s]
}

// newCtx prepares the rendering of it in the citation (bib false) or
// bibliography context.
func (r *run) newCtx(it *item.Item, bib bool) (*ctx, *style.Layout) {
	return r.newCtxAt(it, r.slotOf(it), bib)
}

// newCtxAt is newCtx for it at slot s.
func (r *run) newCtxAt(it *item.Item, s int, bib bool) (*ctx, *style.Layout) {
	sc, b := r.e.st.Citation, 0
	if bib {
		sc, b = r.e.st.Bibliography, 1
	}
	var c *ctx
	if n := len(r.freeCtx); n > 0 {
		c = r.freeCtx[n-1]
		r.freeCtx = r.freeCtx[:n-1]
	} else {
		c = new(ctx)
	}
	suppressed, macros := c.suppressed[:0], c.macros[:0]
	*c = ctx{r: r, it: it, slot: s, bib: bib, loc: r.e.loc, lang: r.e.lang, dis: r.disAt(it, s), opts: r.e.optChain[b],
		suppressed: suppressed, macros: macros}
	layout := sc.Layouts[len(sc.Layouts)-1]
	if len(sc.Layouts) > 1 && it.Language != "" {
		if l := r.localLayout(sc, b, it.Language); l != nil {
			layout = l
			c.loc = r.e.chainFor(it.Language)
			c.lang = it.Language
		}
	}
	return c, layout
}

// localLayout returns the CSL-M layout of sc for lang, or nil, cached
// per run.
func (r *run) localLayout(sc *style.Context, b int, lang string) *style.Layout {
	k := layoutKey{b, lang}
	if l, ok := r.layouts[k]; ok {
		return l
	}
	var found *style.Layout
	for _, l := range sc.Layouts[:len(sc.Layouts)-1] {
		if langMatches(l.Locale, lang) {
			found = l
			break
		}
	}
	if r.layouts == nil {
		r.layouts = map[layoutKey]*style.Layout{}
	}
	r.layouts[k] = found
	return found
}

type layoutKey struct {
	ctx  int
	lang string
}

// release returns a ctx that nothing refers to any more for reuse.
func (r *run) release(c *ctx) {
	if c != nil {
		r.freeCtx = append(r.freeCtx, c)
	}
}

// langMatches reports whether lang ("ru-RU") matches one of the layout's
// tags ("ru" or "ru-RU").
func langMatches(tags []string, lang string) bool {
	lang = strings.ToLower(lang)
	base, _, _ := strings.Cut(lang, "-")
	for _, t := range tags {
		t = strings.ToLower(t)
		if t == lang || t == base {
			return true
		}
		if tb, _, _ := strings.Cut(t, "-"); tb == base && !strings.Contains(t, "-") {
			return true
		}
	}
	return false
}

func (e *Engine) collator() *collate.Collator {
	tag := language.Und
	if e.lang != "" {
		if t, err := language.Parse(e.lang); err == nil {
			tag = t
		}
	}
	return collate.New(tag, collate.IgnoreCase, collate.IgnoreDiacritics)
}

// Process registers the items, computes positions, sorts, disambiguates,
// and renders the clusters and (when asked) the bibliography.
func (e *Engine) Process(req Request) Result {
	r, res, bibOrder := e.oneShot(req)
	if req.Bibliography && e.st.Bibliography != nil {
		res.Entries, res.EntryIDs = r.bibliography(bibOrder)
		res.Format = e.bibFormat()
	}
	r.finish(&res)
	return res
}

// oneShot starts the run of Process and ProcessEach: it prepares req,
// lets go of what only preparing needed (see releaseKeys) and renders the
// clusters; the bibliography order is left for the caller to render.
func (e *Engine) oneShot(req Request) (*run, Result, []*item.Item) {
	r := e.newRun(nil)
	clusters, bibOrder := r.prepare(req)
	r.releaseKeys()
	var res Result
	for ci := range clusters {
		res.Clusters = append(res.Clusters, r.renderCluster(clusters[ci]))
	}
	return r, res, bibOrder
}

// finish puts the run's warnings and budget error into res.
func (r *run) finish(res *Result) {
	res.Warnings = r.warnings
	if r.budgetErr != nil {
		res.Err = r.budgetErr
	}
}

// slabSize is how many nodes (and child pointers) a slab holds.
const slabSize = 256

// newNode returns a zero node from the run's slab.
func (r *run) newNode() *output.Node { return &r.nodes.take(1)[0] }

// slabs hands out values of T from slabs of slabSize, and takes them all
// back at once (reset), so that a run renders item after item in the
// same memory.
type slabs[T any] struct {
	cur []T
	// full holds the slabs filled since the last reset, spare those
	// reset made free again.
	full, spare [][]T
}

// take returns n (at most slabSize) zero values, from a new or spare
// slab when the current one lacks room.
func (s *slabs[T]) take(n int) []T {
	if len(s.cur)+n > cap(s.cur) {
		if cap(s.cur) > 0 {
			s.full = append(s.full, s.cur)
		}
		if k := len(s.spare); k > 0 {
			s.cur, s.spare = s.spare[k-1], s.spare[:k-1]
		} else {
			s.cur = make([]T, 0, slabSize)
		}
	}
	out := s.cur[len(s.cur) : len(s.cur)+n : len(s.cur)+n]
	s.cur = s.cur[:len(s.cur)+n]
	return out
}

// reset clears every slab and makes them all available again: nothing
// taken before may be used after.
func (s *slabs[T]) reset() {
	clear(s.cur)
	s.cur = s.cur[:0]
	for _, f := range s.full {
		clear(f)
		s.spare = append(s.spare, f[:0])
	}
	s.full = s.full[:0]
}

// releaseKeys lets go of what only sorting and disambiguation needed (the
// disambiguation keys and collation keys), before a one-shot run renders
// its entries: a large bibliography then never holds both at once.
func (r *run) releaseKeys() {
	clear(r.keys)
	clear(r.expKeys)
	r.collated = nil
}

// intern returns the run's copy of o: the keys of a large run record
// the same few sets of name options.
func (r *run) intern(o nameOpts) *nameOpts {
	if p, ok := r.interned[o]; ok {
		return p
	}
	if r.interned == nil {
		r.interned = map[nameOpts]*nameOpts{}
	}
	p := new(nameOpts) // not &o, which would put every o on the heap
	*p = o
	r.interned[o] = p
	return p
}

// reuseSlabs resets the slabs (see resetSlabs) when the run is preparing:
// a sort or disambiguation key is kept as a string, so its nodes are
// garbage once it is read, and no other rendering is under way then.
func (r *run) reuseSlabs() {
	if r.preparing {
		r.resetSlabs()
	}
}

// resetSlabs makes the current node and child slabs available again
// from the start, clearing them: nothing rendered before may be used
// after the call.
func (r *run) resetSlabs() {
	r.nodes.reset()
	r.kids.reset()
}

// freshSlabs starts new slabs, leaving the nodes rendered so far to
// whoever holds them.
func (r *run) freshSlabs() {
	r.nodes, r.kids = slabs[output.Node]{}, slabs[*output.Node]{}
}

// str returns a leaf holding s.
func (r *run) str(s string) *output.Node {
	n := r.newNode()
	n.Text = s
	return n
}

// wrap returns a node from the run's slab whose one child is n.
func (r *run) wrap(n *output.Node) *output.Node {
	w := r.newNode()
	w.Children = r.kids.take(1)
	w.Children[0] = n
	return w
}

// bytes returns a copy of b from the run's byte slab.
func (r *run) bytes(b []byte) []byte {
	if len(b) > 1024 {
		return append([]byte(nil), b...)
	}
	if len(r.byteSlab)+len(b) > cap(r.byteSlab) {
		r.byteSlab = make([]byte, 0, 16<<10)
	}
	n := len(r.byteSlab)
	r.byteSlab = append(r.byteSlab, b...)
	return r.byteSlab[n : n+len(b) : n+len(b)]
}

// children returns a slice of n child pointers from the run's slab.
func (r *run) children(n int) []*output.Node {
	if n > slabSize/4 {
		return make([]*output.Node, n)
	}
	return r.kids.take(n)
}

// ProcessEach is Process for a bibliography that is never held whole:
// each entry is passed to emit as soon as it is rendered, and its nodes
// are only valid during the call (render them there). The result has the
// clusters and warnings but no entries. It stops at the first error emit
// returns.
func (e *Engine) ProcessEach(req Request, emit func(id string, n *output.Node) error) (Result, error) {
	return e.ProcessEachText(req, nil, func(id string, n *output.Node, _ string) error { return emit(id, n) })
}

// ProcessEachText is ProcessEach with each entry also rendered by text
// (when not nil) before emit is called with it: the entries of a large
// bibliography are rendered, and so written, on all processors.
func (e *Engine) ProcessEachText(req Request, text func(*output.Node) string, emit func(id string, n *output.Node, s string) error) (Result, error) {
	r, res, bibOrder := e.oneShot(req)
	var err error
	if e.st.Bibliography != nil {
		res.Format = e.bibFormat()
		// The clusters keep their nodes: entries start in fresh slabs.
		r.freshSlabs()
		err = r.eachEntryText(bibOrder, true, text, emit)
	}
	r.finish(&res)
	return res, err
}

// bibFormat returns the bibliography's layout options.
func (e *Engine) bibFormat() BibFormat {
	o := e.st.Bibliography.Options
	f := BibFormat{HangingIndent: o["hanging-indent"] == "true", SecondFieldAlign: o["second-field-align"]}
	fmt.Sscan(o["line-spacing"], &f.LineSpacing)
	fmt.Sscan(o["entry-spacing"], &f.EntrySpacing)
	return f
}

// runCache holds what a run computes that depends only on the style and
// the items, so that a Document reuses it from one update to the next.
type runCache struct {
	inits    map[initialsKey]string
	nameOpts map[nameOptsKey]nameOpts
	keys     map[*item.Item]*cachedKey
	expKeys  map[*item.Item]*cachedKey
	terms    map[termKey]termValue
	quotes   map[string]*output.Quotes
}

func newRunCache() *runCache {
	return &runCache{inits: map[initialsKey]string{}, nameOpts: map[nameOptsKey]nameOpts{}, keys: map[*item.Item]*cachedKey{}, expKeys: map[*item.Item]*cachedKey{},
		terms: map[termKey]termValue{}, quotes: map[string]*output.Quotes{}}
}

// newRun starts a run; cache may be nil for a fresh one.
func (e *Engine) newRun(cache *runCache) *run {
	transient := cache == nil
	if cache == nil {
		cache = newRunCache()
	}
	r := &run{e: e, transient: transient, textTerms: make([]cachedTerm, e.st.Texts),
		warned: map[string]bool{}, coll: e.collator(),
		nameOpts: cache.nameOpts, inits: cache.inits,
		terms: cache.terms, quotes: cache.quotes}
	if !transient {
		r.cache = cache
	}
	return r
}

// prepare registers the items and the cited ones, numbers and sorts them,
// disambiguates, sorts the cites of each cluster and computes positions.
// It returns the clusters' cites and the bibliography order.
func (r *run) prepare(req Request) ([][]*citeState, []*item.Item) {
	e := r.e
	// This run's slabs hold nothing yet that outlives a key (see
	// reuseSlabs).
	r.freshSlabs()
	r.preparing = true
	defer func() { r.preparing = false }()
	r.items = req.Items
	// The maps of all items are made at their size: grown from empty, a
	// large library's were copied over and over.
	if r.byID == nil {
		r.byID = make(map[string]*item.Item, len(req.Items))
	}
	dups := false
	for _, it := range req.Items {
		if it == nil {
			continue
		}
		if _, dup := r.byID[it.ID]; dup {
			r.warn("duplicate item id %q; the last one is used", it.ID)
			dups = true
		}
		r.byID[it.ID] = it
	}
	// Registration order, which gives each item its slot.
	r.slots = make(map[*item.Item]int32, len(req.Items))
	r.order = slices.Grow(r.order, len(req.Items))
	register := func(it *item.Item) {
		if it == nil {
			return
		}
		if _, seen := r.slots[it]; !seen {
			r.slots[it] = int32(len(r.order))
			r.order = append(r.order, it)
		}
	}
	for _, id := range req.Uncited {
		register(r.byID[id])
	}
	clusters := make([][]*citeState, len(req.Clusters))
	for ci, cl := range req.Clusters {
		for _, ci2 := range cl.Items {
			it := r.byID[ci2.ID]
			if it == nil {
				r.warn("cited item %q not found", ci2.ID)
				continue
			}
			register(it)
			clusters[ci] = append(clusters[ci], &citeState{CiteItem: ci2, noteIndex: cl.NoteIndex})
		}
	}
	if req.Uncited == nil {
		for _, it := range req.Items {
			if dups && it != nil {
				it = r.byID[it.ID] // the last item of its id
			}
			register(it)
		}
	}
	r.startSlots()
	bibOrder := r.numberAndSort()
	if !e.ysExplicit {
		r.bibKeys = nil // no second sort (below) reads them
	}
	noted := make([]bool, len(r.order))
	for _, cl := range clusters {
		for _, cs := range cl {
			if s := r.slotOf(r.byID[cs.ID]); s >= 0 && !noted[s] {
				noted[s] = true
				r.firstNoteOf[s] = cs.noteIndex
			}
		}
	}
	if c := e.st.Citation; c != nil {
		rule, ok := c.Options["givenname-disambiguation-rule"]
		if !ok {
			rule = e.st.Options["givenname-disambiguation-rule"]
		}
		r.byCite = rule == "" || rule == "by-cite"
	}
	r.disambiguate(clusters)
	r.returnKeys()
	if e.ysExplicit && r.disCount > 0 {
		// Sort keys may print year-suffixes: sort again.
		bibOrder = r.numberAndSort()
	}
	r.bibKeys = nil
	for ci := range clusters {
		r.sortCites(clusters[ci])
	}
	r.positions(clusters)
	return clusters, bibOrder
}

// numberAndSort sorts the registered items for the bibliography and
// assigns citation numbers (CSL 1.0.2, "citation-number").
func (r *run) numberAndSort() []*item.Item {
	for s := range r.order {
		r.citeNum[s] = s + 1
	}
	bib := r.e.st.Bibliography
	if bib == nil || bib.Sort == nil || len(bib.Sort.Keys) == 0 {
		// Registration order: the slots are the places.
		r.bibOrder, r.bibSlots = append([]*item.Item(nil), r.order...), make([]int32, len(r.order))
		for s := range r.bibSlots {
			r.bibSlots[s] = int32(s)
		}
		return r.bibOrder
	}
	byNumber := false
	for _, k := range bib.Sort.Keys {
		if k.Variable == "citation-number" {
			byNumber = true
		}
	}
	// r.order itself is sorted (sortIndexes changes nothing in it): its
	// indexes are the slots.
	sorted, slots := r.sortIndexes(r.order, bib.Sort, true, r.bibKeys)
	if !byNumber {
		for i, s := range slots {
			r.citeNum[s] = i + 1
		}
	}
	r.bibOrder, r.bibSlots = sorted, slots
	return sorted
}

// startSlots makes the per-slot state of the registered items, with the
// keys a Document's cache holds for them.
func (r *run) startSlots() {
	n := len(r.order)
	r.citeNum = make([]int, n)
	r.dis = make([]*disState, n)
	r.firstNoteOf = make([]int, n)
	r.keys, r.expKeys = make([]*cachedKey, n), make([]*cachedKey, n)
	if r.cache == nil {
		return
	}
	for s, it := range r.order {
		r.keys[s], r.expKeys[s] = r.cache.keys[it], r.cache.expKeys[it]
	}
}

// returnKeys gives the keys of a Document's run back to its cache, for
// its next run.
func (r *run) returnKeys() {
	if r.cache == nil {
		return
	}
	for s, it := range r.order {
		if k := r.keys[s]; k != nil {
			r.cache.keys[it] = k
		}
		if k := r.expKeys[s]; k != nil {
			r.cache.expKeys[it] = k
		}
	}
}

// sortIndexes sorts items by the keys of s, stably, and returns, for
// each place of the sorted order, the index in items of the item there.
//
// prev, when not nil, holds the keys of an earlier sort of the same
// items by s (before disambiguation): the keys of an item whose
// disambiguation state changes nothing in that key (plainFor) are the
// same and are taken from it.
func (r *run) sortIndexes(items []*item.Item, s *style.Sort, bib bool, prev *lazyKeys) ([]*item.Item, []int32) {
	lk := newLazyKeys(r, items, s, bib)
	var start []int32 // an order to start the sort from, or nil
	// changed marks the items some of whose keys may differ from prev's.
	var changed []bool
	if prev != nil && prev.s == s && slices.Equal(prev.items, items) {
		// The sort takes prev's keys over (nothing reads prev after it)
		// and computes again those the states may have changed.
		start = prev.sorted
		lk.vals, lk.done = prev.vals, prev.done
		prev.vals, prev.done = nil, nil
		changed = make([]bool, len(items))
		deps := make([]keyDeps, len(s.Keys))
		for k, key := range s.Keys {
			deps[k] = sortKeyDeps(key)
		}
		for i, it := range items {
			d := r.disAt(it, int(lk.slots[i]))
			if d.plain() {
				continue
			}
			for k := range s.Keys {
				if !shortcuts || !d.plainFor(deps[k]) {
					changed[i] = true
					if lk.done[k] != nil {
						lk.vals[k][i], lk.done[k][i] = sortValue{}, false
					}
				}
			}
		}
	}
	if bib {
		r.bibKeys = lk
	}
	if workerCount(len(items)) > 1 {
		r.precomputeKeys(lk)
	}
	recs := lk.records()
	// Stable: items that compare equal keep their order (the records'
	// indexes break ties, which lets the faster unstable sort do it, and
	// makes the order a total one: the same from any start).
	cmp := func(a, b sortRecord) int {
		if c := lk.compareRecords(a, b); c != 0 {
			return c
		}
		return int(a.idx) - int(b.idx)
	}
	if shortcuts && len(start) == len(recs) {
		// The earlier sort's order, in which the items whose keys are
		// the same as then are still in order among themselves: only
		// the others are sorted, then merged in.
		nMoved := 0
		for _, c := range changed {
			if c {
				nMoved++
			}
		}
		stay, moved := make([]sortRecord, 0, len(start)-nMoved), make([]sortRecord, 0, nMoved)
		for _, i := range start {
			if changed[i] {
				moved = append(moved, recs[i])
			} else {
				stay = append(stay, recs[i])
			}
		}
		slices.SortFunc(moved, cmp)
		recs = mergeSorted(recs[:0], stay, moved, cmp)
	} else {
		slices.SortFunc(recs, cmp)
	}
	out := make([]*item.Item, len(items))
	lk.sorted = make([]int32, len(recs))
	for i, rec := range recs {
		out[i] = items[rec.idx]
		lk.sorted[i] = rec.idx
	}
	return out, lk.sorted
}

// precomputeKeys computes, on all processors, the keys the sort will ask
// for: the first key of every item, and each later key of the items that
// tie on the keys before it. Two values tie only when they are equal but
// for case (compareValues), so items that share their keys so far folded
// to one case are taken to tie; a key this misses is computed by the
// comparison that needs it.
func (r *run) precomputeKeys(lk *lazyKeys) {
	tied := make([]int, len(lk.items)) // the items that may need key k
	for i := range tied {
		tied[i] = i
	}
	folded := make([]uint64, len(lk.items)) // hashes of the keys so far, folded
	for k := range lk.s.Keys {
		vals, _ := lk.column(k) // allocated before the forks write to it
		var todo []int
		for _, i := range tied {
			if !lk.has(i, k) {
				todo = append(todo, i)
			}
		}
		r.parallel(len(todo), func(f *run, lo, hi int) {
			for _, i := range todo[lo:hi] {
				lk.set(i, k, f.sortKey(lk.items[i], int(lk.slots[i]), lk.s, k, lk.bib, nil))
			}
		})
		if k == len(lk.s.Keys)-1 {
			break
		}
		count := make(map[uint64]int, len(tied))
		for _, i := range tied {
			folded[i] = foldHash(folded[i], vals[i].s)
			count[folded[i]]++
		}
		next := tied[:0]
		for _, i := range tied {
			if count[folded[i]] > 1 {
				next = append(next, i)
			}
		}
		if tied = next; len(tied) == 0 {
			break
		}
	}
}

// foldHash returns h extended with s folded to one case (FNV-1a over
// its letters, upper-cased then lower-cased, after a separator): values
// that tie give equal hashes; unequal values seldom do, and when they do
// precomputeKeys computes a key the sort does not need.
func foldHash(h uint64, s string) uint64 {
	const prime = 1099511628211
	if h == 0 {
		h = 14695981039346656037
	}
	h = (h ^ 0xff) * prime
	for _, c := range s {
		h = (h ^ uint64(runes.ToLower(runes.ToUpper(c)))) * prime
	}
	return h
}

// usesVariable reports whether any cs:text in the style's layouts or
// macros renders variable v.
func usesVariable(st *style.Style, v string) bool {
	var walk func(els []style.Element) bool
	walk = func(els []style.Element) bool {
		for _, e := range els {
			switch e := e.(type) {
			case *style.Text:
				if e.Variable == v {
					return true
				}
			case *style.Group:
				if walk(e.Children) {
					return true
				}
			case *style.Choose:
				for _, b := range e.Branches {
					if walk(b.Children) {
						return true
					}
				}
			case *style.Names:
				if walk(e.Substitute) {
					return true
				}
			}
		}
		return false
	}
	for _, m := range st.Macros {
		if walk(m.Children) {
			return true
		}
	}
	for _, ctx := range []*style.Context{st.Citation, st.Bibliography} {
		if ctx == nil {
			continue
		}
		for _, l := range ctx.Layouts {
			if walk(l.Children) {
				return true
			}
		}
	}
	return false
}
