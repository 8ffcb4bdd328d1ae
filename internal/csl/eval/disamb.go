package eval

import (
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/style"
)

// disambiguate resolves ambiguous cites (CSL 1.0.2, "Disambiguation"):
// global name disambiguation, then for each set of cites that render the
// same, showing more names, expanding given names, the disambiguate
// condition, and year-suffixes.
func (r *run) disambiguate(clusters [][]*citeState) {
	cs := r.e.st.Citation
	if cs == nil {
		return
	}
	o := func(k string) string {
		if v, ok := cs.Options[k]; ok {
			return v
		}
		return r.e.st.Options[k]
	}
	addNames := o("disambiguate-add-names") == "true"
	addGiven := o("disambiguate-add-givenname") == "true"
	addYS := o("disambiguate-add-year-suffix") == "true"
	rule := o("givenname-disambiguation-rule")
	if rule == "" {
		rule = "by-cite"
	}
	items := r.order
	if len(items) < 2 {
		return
	}
	if addGiven && rule != "by-cite" && !addNames {
		r.globalNames(items, rule)
	}
	groups, groupSlots := r.ambiguousSlots(items)
	if addNames {
		// The groups share no item and an item's cite depends only on its
		// own state: they are tried apart, on all processors.
		for gi, g := range groups {
			for i, it := range g {
				r.disForAt(it, int(groupSlots[gi][i])) // forks make no states
			}
		}
		// Only tryGiven asks for expanded keys again: a one-shot run
		// without it lets go of a group's once the group is done.
		dropExpanded := r.transient && !(addGiven && rule == "by-cite")
		r.parallel(len(groups), func(f *run, lo, hi int) {
			for gi := lo; gi < hi; gi++ {
				f.tryAddNames(groups[gi], groupSlots[gi], addGiven)
				if dropExpanded {
					for _, s := range groupSlots[gi] {
						if s >= 0 {
							f.expKeys[s] = nil
						}
					}
				}
			}
		})
		if addGiven && rule != "by-cite" {
			// Global name disambiguation sees the names added above.
			r.globalNames(items, rule)
		}
	}
	if addGiven && rule == "by-cite" {
		for _, g := range groups {
			r.tryGiven(g)
		}
	}
	// Remaining ambiguity: the disambiguate condition, then year-suffix.
	// Only cites that were alike to begin with can still be: showing
	// more names and given names keeps different cites different, so
	// the cites of the other items need not be rendered again.
	var alike []*item.Item
	var alikeSlots []int32 // their slots: found again, each would be a lookup
	for gi, g := range groups {
		alike = append(alike, g...)
		alikeSlots = append(alikeSlots, groupSlots[gi]...)
	}
	if r.transient {
		r.keepKeysOf(alikeSlots)
	}
	items = alike
	if r.e.observes.disambiguate {
		// A style that never tests the condition would render every
		// level alike: trying them would change nothing but the states.
		for _, g := range r.ambiguous(items) {
			r.tryCondition(g)
		}
	}
	// Cites the condition did not separate go back to their earlier
	// rendering only when the condition changed nothing at all.
	if addYS {
		suffixGroups, suffixSlots := r.ambiguousIgnoringCondition(items, alikeSlots)
		if len(suffixGroups) == 0 {
			return
		}
		for gi, g := range suffixGroups {
			slots := suffixSlots[gi]
			r.sortByBibOrder(g, slots)
			for i, it := range g {
				r.disForAt(it, int(slots[i])).yearSuffix = i + 1
			}
		}
	}
}

// keepKeysOf lets go of the expanded keys, which no later phase asks
// for, and of the keys of all items but those at the slots alike, the
// only ones later phases render: a large bibliography's keys are a tenth
// of its memory.
func (r *run) keepKeysOf(alike []int32) {
	clear(r.expKeys)
	keep := make([]bool, len(r.keys))
	for _, s := range alike {
		if s >= 0 {
			keep[s] = true
		}
	}
	for s := range r.keys {
		if !keep[s] {
			r.keys[s] = nil
		}
	}
}

// sortByBibOrder sorts g (registered items) into bibliography order:
// by citation number, then registration order, and slots (their slots)
// with them. numberAndSort gives each item its own number; were two the
// same, the earlier registered comes first.
func (r *run) sortByBibOrder(g []*item.Item, slots []int32) {
	type placed struct {
		it        *item.Item
		num, slot int
	}
	byNum := make([]placed, len(g))
	for i, it := range g {
		s := int(slots[i])
		byNum[i] = placed{it, r.citeNumAt(s), s}
	}
	slices.SortFunc(byNum, func(a, b placed) int {
		if a.num != b.num {
			return a.num - b.num
		}
		return a.slot - b.slot
	})
	for i, p := range byNum {
		g[i], slots[i] = p.it, int32(p.slot)
	}
}

// key renders the disambiguation form of an item's cite: subsequent
// position, no locator, plain text. Keys are cached with the state they
// were rendered in (see disSig).
func (r *run) key(it *item.Item) string { return r.keyEntry(it).key }

// keyEntry returns the cached key of it, rendering it if its state
// changed.
func (r *run) keyEntry(it *item.Item) *cachedKey { return r.keyEntryAt(it, r.slotOf(it)) }

// keyEntryAt is keyEntry for it at slot s (an item without a slot has
// its key rendered each time).
func (r *run) keyEntryAt(it *item.Item, s int) *cachedKey {
	sig, cache := r.keySig(it, s)
	if s >= 0 && s < len(cache) {
		if k := cache[s]; k != nil && k.sig == sig {
			return k
		}
	}
	k := r.renderKey(it, s)
	k.sig = sig
	if s >= 0 && s < len(cache) {
		cache[s] = k
	}
	return k
}

// keySig returns the signature the key of it at slot s must have and
// the slots of keys that hold it.
func (r *run) keySig(it *item.Item, s int) (disSig, []*cachedKey) {
	// An item without a state has the zero signature: reading it makes
	// none, so that states are made only for the items disambiguation
	// touched.
	var sig disSig
	if d := r.disAt(it, s); d != nil {
		sig = d.sig()
	}
	if r.e.numbered {
		// The cite may print its number, which a Document's edits change.
		sig.citeNum = r.citeNumAt(s)
	}
	if r.byCite && r.e.observes.firstRef {
		sig.firstNote = r.firstNoteAt(s)
	}
	return sig, r.cacheFor(sig)
}

// cacheFor returns the slots of keys with signature sig. Keys with every
// given name expanded are asked for between normal ones: they are cached
// apart, so that neither evicts the other.
func (r *run) cacheFor(sig disSig) []*cachedKey {
	if sig.expandAll {
		return r.expKeys
	}
	return r.keys
}

// prefetchKeys renders the stale keys of items on all processors, so
// that the keyEntry calls that follow find them cached. A key depends
// only on its item and the item's state, so rendering them apart gives
// the keys keyEntry would.
func (r *run) prefetchKeys(items []*item.Item, slots []int32) {
	if workerCount(len(items)) <= 1 {
		return
	}
	todo := r.stale[:0] // the run's buffer: prefetches come one after another
	for i, it := range items {
		s := int(slots[i])
		if s < 0 {
			continue // keyEntry renders it: it has no slot to cache it in
		}
		sig, cache := r.keySig(it, s)
		if k := cache[s]; k == nil || k.sig != sig {
			if todo == nil {
				todo = make([]staleKey, 0, len(items))
			}
			todo = append(todo, staleKey{it, s, sig})
		}
	}
	r.stale = todo
	if workerCount(len(todo)) <= 1 {
		return
	}
	keys := make([]*cachedKey, len(todo))
	r.parallel(len(todo), func(f *run, lo, hi int) {
		for i := lo; i < hi; i++ {
			keys[i] = f.renderKey(todo[i].it, todo[i].slot)
		}
	})
	for i, s := range todo {
		keys[i].sig = s.sig
		r.cacheFor(s.sig)[s.slot] = keys[i]
	}
}

// staleKey is an item whose key prefetchKeys renders, its slot, and the
// state it renders it in.
type staleKey struct {
	it   *item.Item
	slot int
	sig  disSig
}

// cachedKey is a disambiguation key with the state it was rendered in
// and the first names the cite showed.
type cachedKey struct {
	sig disSig
	key string
	// truncated records that some name list was cut short (et-al), so
	// that adding names could change the cite.
	truncated bool
	first     *shownList // nil, or &firstList
	// firstList holds the shown names.
	firstList shownList
}

// shownList records the names of a cite's first cs:names as rendered:
// the names, whether each was inverted, and the cs:name and options that
// formatted them, so that their forms at other given-name levels can be
// computed without rendering the cite again.
type shownList struct {
	names    []item.Name
	inverted []bool
	nm       *style.Name
	o        *nameOpts
}

// disSig identifies what a disambiguation key depends on: the item's
// disambiguation state and, where the cite prints them, its citation
// number and first-reference note number.
type disSig struct {
	addNames, yearSuffix, disambiguate int
	expandAll                          bool
	given                              string
	citeNum, firstNote                 int
}

// sig returns the signature of d; given-name levels of 0 count as absent.
func (d *disState) sig() disSig {
	s := disSig{addNames: d.addNames, yearSuffix: d.yearSuffix, disambiguate: d.disambiguate, expandAll: d.expandAll}
	if d.givenSigGen == d.givenGen+1 {
		s.given = d.givenSig
		return s
	}
	s.given = d.givenString()
	d.givenSig, d.givenSigGen = s.given, d.givenGen+1
	return s
}

// setGiven sets the given-name level of a name.
func (d *disState) setGiven(k nameRef, level int) {
	d.given.set(k, level)
	d.givenGen++
}

// givenLevels holds the given-name levels of a cite's names: a short
// list, since a cite shows a few names, and far smaller than a map when a
// bibliography holds one per entry.
type givenLevels []givenLevel

type givenLevel struct {
	k nameRef
	v int
}

// get returns the level of k, 0 when none was set.
func (g givenLevels) get(k nameRef) int {
	for i := range g {
		if g[i].k == k {
			return g[i].v
		}
	}
	return 0
}

// set sets the level of k.
func (g *givenLevels) set(k nameRef, v int) {
	for i := range *g {
		if (*g)[i].k == k {
			(*g)[i].v = v
			return
		}
	}
	*g = append(*g, givenLevel{k, v})
}

// givenString is the canonical form of the given-name levels.
func (d *disState) givenString() string {
	n := 0
	for _, l := range d.given {
		if l.v != 0 {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	levels := make([]givenLevel, 0, n)
	for _, l := range d.given {
		if l.v != 0 {
			levels = append(levels, l)
		}
	}
	sort.Slice(levels, func(i, j int) bool { return levels[i].k.less(levels[j].k) })
	var b strings.Builder
	for _, l := range levels {
		b.WriteString(l.k.family)
		b.WriteByte(0)
		b.WriteString(l.k.given)
		b.WriteByte(0)
		b.WriteString(l.k.literal)
		b.WriteByte(0)
		b.WriteString(l.k.ndp)
		b.WriteByte('=')
		b.WriteString(strconv.Itoa(l.v))
		b.WriteByte(';')
	}
	return b.String()
}

// signature is sig as a string.
func (d *disState) signature() string {
	s := d.sig()
	return fmt.Sprintf("%d/%d/%d/%v/%s", s.addNames, s.yearSuffix, s.disambiguate, s.expandAll, s.given)
}

// renderKey renders the key of it at slot s.
func (r *run) renderKey(it *item.Item, s int) *cachedKey {
	c, layout := r.newCtxAt(it, s, false)
	c.citeBuf = citeState{CiteItem: CiteItem{ID: it.ID}, position: posSubsequent, nearNote: true}
	c.cite = &c.citeBuf
	if r.byCite {
		// A back-reference to the first note can tell cites apart
		// (citeproc-js, with the by-cite rule).
		c.cite.firstNote = r.firstNoteAt(s)
	}
	// The access date does not tell works apart (as in citeproc-js).
	c.suppress("accessed")
	c.captureFirst = true
	n := c.renderAll(layout.Children, "")
	k := new(cachedKey) // not from a slab: a key replaced by a newer one is let go
	k.truncated = c.truncated
	if c.shownSet {
		k.firstList = c.shown
		k.first = &k.firstList
	}
	if n != nil {
		k.key = n.Plain()
	}
	r.release(c)
	r.reuseSlabs()
	return k
}

// ambiguous groups items whose cites render identically.
func (r *run) ambiguous(items []*item.Item) [][]*item.Item {
	groups, _ := r.ambiguousSlots(items)
	return groups
}

// ambiguousSlots is ambiguous that also returns the slots of the
// groups' members.
func (r *run) ambiguousSlots(items []*item.Item) ([][]*item.Item, [][]int32) {
	return r.ambiguousAt(items, r.slotsOf(items))
}

// ambiguousAt is ambiguousSlots for items whose slots are known.
func (r *run) ambiguousAt(items []*item.Item, slots []int32) ([][]*item.Item, [][]int32) {
	r.prefetchKeys(items, slots)
	// Each item's key gets a number in order of first appearance; only
	// keys that several items share make a group (in that order, their
	// items in order).
	number := make(map[string]int32, len(items))
	keyOf := make([]int32, len(items))
	var count []int32
	for i, it := range items {
		k := r.keyEntryAt(it, int(slots[i])).key
		n, ok := number[k]
		if !ok {
			n = int32(len(count))
			number[k] = n
			count = append(count, 0)
		}
		keyOf[i] = n
		count[n]++
	}
	groupOf := make([]int32, len(count)) // key number → index in out plus one
	var out [][]*item.Item
	var outSlots [][]int32
	for i, it := range items {
		n := keyOf[i]
		if count[n] < 2 {
			continue
		}
		if groupOf[n] == 0 {
			out = append(out, make([]*item.Item, 0, count[n]))
			outSlots = append(outSlots, make([]int32, 0, count[n]))
			groupOf[n] = int32(len(out))
		}
		g := groupOf[n] - 1
		out[g] = append(out[g], it)
		outSlots[g] = append(outSlots[g], slots[i])
	}
	return out, outSlots
}

// tryCondition raises the disambiguate-condition level of the members of
// an ambiguous group one step at a time. A level that separates some
// members is followed by the next for those still alike; a level that
// separates none ends the attempt, as in citeproc-js (bugreports_EnvAndUrb
// keeps the first level although the second would tell the cites apart).
func (r *run) tryCondition(g []*item.Item) {
	const maxLevel = 16
	distinct := 1
	for level := 1; len(g) > 1 && level <= maxLevel; level++ {
		for _, it := range g {
			r.disFor(it).disambiguate = level
		}
		groups := r.ambiguous(g)
		n := len(g)
		for _, sub := range groups {
			n -= len(sub) - 1
		}
		if n <= distinct {
			return
		}
		distinct = len(groups)
		var rest []*item.Item
		for _, sub := range groups {
			rest = append(rest, sub...)
		}
		g = rest
	}
}

// ambiguousIgnoringCondition groups items that stay identical whether or
// not the disambiguate condition holds. slots holds the items' slots,
// and the groups' slots are returned beside them.
func (r *run) ambiguousIgnoringCondition(items []*item.Item, slots []int32) ([][]*item.Item, [][]int32) {
	return r.ambiguousAt(items, slots)
}

// tryAddNames adds names one by one to all members of an ambiguous group
// while that separates more of them.
// slots holds the members' slots.
func (r *run) tryAddNames(g []*item.Item, slots []int32, expand bool) {
	if shortcuts && !r.anyTruncated(g, slots) {
		// A cite that truncates no name list shows the same with names
		// added (see below): when no member's does, the first level
		// leaves every member with its look-alikes, and each keeps its
		// names, without its cites rendered with given names expanded.
		// Whether a cite truncates a list does not depend on given
		// names, so its key as it stands tells.
		for i, it := range g {
			r.disForAt(it, int(slots[i])).addNames = 0
		}
		return
	}
	maxNames := 0
	for _, it := range g {
		for _, names := range it.AllNames() {
			if len(names) > maxNames {
				maxNames = len(names)
			}
		}
	}
	keyOf := r.keyEntryAt
	if expand {
		keyOf = r.expandedEntryAt
	}
	// keys[k][i] is member i's cite with k added names. A cite that
	// truncated no name list shows the same with more names allowed.
	keys := make([][]string, maxNames)
	truncated := make([]bool, len(g))
	// alone[i] records (with shortcuts) that member i's cite is like no
	// other member's at some level: showing more names keeps different
	// cites different, so it stays alone at every level after, where it
	// is not rendered again but stands for a key no other has (aloneKey).
	// Its fewest look-alikes are then known (none, at the first level it
	// was alone), and it counts for no other member's.
	var alone []bool
	if shortcuts {
		alone = make([]bool, len(g))
	}
	for k := range keys {
		keys[k] = make([]string, len(g))
		changed := false
		for i, it := range g {
			r.disForAt(it, int(slots[i])).addNames = k
			if k > 0 && !truncated[i] {
				keys[k][i] = keys[k-1][i]
				continue
			}
			if k > 0 && alone != nil && alone[i] {
				keys[k][i] = aloneKey(i)
				continue
			}
			e := keyOf(it, int(slots[i]))
			keys[k][i], truncated[i] = e.key, e.truncated
			changed = changed || k > 0 && keys[k][i] != keys[k-1][i]
		}
		if k > 0 && !changed {
			// No level after this one shows any member otherwise.
			keys = keys[:k]
			break
		}
		if alone != nil {
			markAlone(alone, keys[k], truncated)
		}
	}
	// Each member gets the fewest added names that leave it with the
	// fewest look-alikes (citeproc-js adds names per cite).
	counts := make([]map[string]int, len(keys))
	for k := range keys {
		counts[k] = map[string]int{}
		for _, key := range keys[k] {
			counts[k][key]++
		}
	}
	for i, it := range g {
		best, bestClash := 0, len(g)
		for k := range keys {
			if clash := counts[k][keys[k][i]] - 1; clash < bestClash {
				best, bestClash = k, clash
			}
		}
		r.disForAt(it, int(slots[i])).addNames = best
	}
}

// aloneKey stands for the key of member i of a group once its cite is
// like no other's (see tryAddNames): no rendered cite begins with the
// byte 0xFF, which is not UTF-8.
func aloneKey(i int) string { return "\xff" + strconv.Itoa(i) }

// markAlone sets alone[i] for each member whose key in keys no other
// member has and whose cite still truncates a name list (a cite that
// truncates none is not rendered again anyway).
func markAlone(alone []bool, keys []string, truncated []bool) {
	count := make(map[string]int, len(keys))
	for _, k := range keys {
		count[k]++
	}
	for i, k := range keys {
		if count[k] == 1 && truncated[i] {
			alone[i] = true
		}
	}
}

// anyTruncated reports whether the cite of a member of g, in its
// present state, cuts a name list short (et-al); slots holds the
// members' slots.
func (r *run) anyTruncated(g []*item.Item, slots []int32) bool {
	for i, it := range g {
		if r.keyEntryAt(it, int(slots[i])).truncated {
			return true
		}
	}
	return false
}

// shortcuts enables the steps of disambiguation that skip renderings
// whose outcome is known (see SetShortcuts).
var shortcuts = true

// SetShortcuts turns off (or on) the steps of disambiguation that skip
// renderings whose outcome is known, and returns a function that
// restores the setting. It is for tests that check that the shortcuts
// change nothing; it must not be called while an engine runs.
func SetShortcuts(on bool) (restore func()) {
	old := shortcuts
	shortcuts = on
	return func() { shortcuts = old }
}

// expandedKey renders an item's cite with every given name in full: what
// given-name expansion could achieve.
func (r *run) expandedKey(it *item.Item) string { return r.expandedEntry(it).key }

// expandedEntry is keyEntry with every given name in full.
func (r *run) expandedEntry(it *item.Item) *cachedKey { return r.expandedEntryAt(it, r.slotOf(it)) }

// expandedEntryAt is expandedEntry for it at slot s.
func (r *run) expandedEntryAt(it *item.Item, s int) *cachedKey {
	d := r.disForAt(it, s)
	saved := d.expandAll
	d.expandAll = true
	k := r.keyEntryAt(it, s)
	d.expandAll = saved
	return k
}

func (r *run) distinct(g []*item.Item) int {
	seen := map[string]bool{}
	for _, it := range g {
		seen[r.key(it)] = true
	}
	return len(seen)
}

// nameFormsOf holds the nameForms of the items of globalNames at one
// level, by the items' index: forms[k] is valid when done[k] is set.
type nameFormsOf struct {
	forms [][]string
	done  []bool
}

// prefetchForms puts into fs, on all processors, the nameForms of the
// items of the occurrences active (whose shown names are lists, and
// slots their slots), for the loop of globalNames.
func (r *run) prefetchForms(items []*item.Item, slots []int32, lists []*shownList, active []occurrence, fs *nameFormsOf, level, limit int) {
	if workerCount(len(active)) <= 1 {
		return // formOf renders them as it needs them
	}
	var todo []int
	for _, o := range active {
		if !fs.done[o.item] {
			fs.done[o.item] = true // listed; filled below
			todo = append(todo, o.item)
		}
	}
	r.parallel(len(todo), func(f *run, lo, hi int) {
		for _, k := range todo[lo:hi] {
			fs.forms[k] = f.nameForms(items[k], int(slots[k]), lists[k], level, limit)
		}
	})
}

// shownNames returns the names of an item's first cs:names as rendered
// in its cite, in order.
func (r *run) shownNames(it *item.Item) []item.Name {
	if f := r.keyEntry(it).first; f != nil {
		return f.names
	}
	return nil
}

// nameForms returns the rendered forms of the shown names f (see
// cachedKey.first) of it, at slot, with every given name at level (0 as
// styled, 1 initials, 2 full).
func (r *run) nameForms(it *item.Item, slot int, f *shownList, level, limit int) []string {
	if f == nil {
		return nil
	}
	names := f.names
	if limit >= 0 && len(names) > limit {
		names = names[:limit]
	}
	forms := make([]string, len(names))
	var c *ctx
	for i, n := range names {
		// A name's form depends on the name, its level, the cs:name and
		// options, its inversion and the item's language (through text
		// cases and quotes): the same person in many works is rendered
		// once per level.
		k := formKey{n: n, nm: f.nm, o: f.o, inverted: f.inverted[i], level: level, lang: it.Language}
		h := r.forms.hash(k)
		if s, ok := r.forms.get(h, &k); ok && shortcuts {
			forms[i] = s
			continue
		}
		if c == nil {
			c, _ = r.newCtxAt(it, slot, false)
			c.citeBuf = citeState{CiteItem: CiteItem{ID: it.ID}, position: posSubsequent, nearNote: true}
			c.cite = &c.citeBuf
			r.formsDis = disState{given: r.formsDis.given[:0]} // a scratch state: nameForms only reads it while it runs
			c.dis = &r.formsDis
			for _, n := range names {
				c.dis.setGiven(nameKey(n), level)
			}
		}
		forms[i] = c.name(n, f.nm, *f.o, f.inverted[i]).Plain()
		r.forms.put(h, &k, &names[i], forms[i])
	}
	if c != nil {
		r.release(c)
		r.reuseSlabs() // the forms are strings: the nodes are garbage
	}
	return forms
}

// formKey identifies a name form nameForms renders (see run.forms).
type formKey struct {
	n        item.Name
	nm       *style.Name
	o        *nameOpts // interned: equal pointers hold equal options
	inverted bool
	level    int
	lang     string
}

// formMemo holds the name forms nameForms rendered. A map keyed by the
// large formKey itself spends more on copying and rehashing its keys
// than the forms cost to render, where few repeat: the map holds hashes,
// and the keys are compared in the entries a hash leads to.
type formMemo struct {
	seed  maphash.Seed
	first map[uint64]int32 // hash → its last entry, plus one
	// entries holds the entries in blocks of formBlock, so that the memo
	// grows without copying them: a large bibliography has hundreds of
	// thousands.
	entries [][]formEntry
	n       int
}

// formBlock is the number of entries of a block of formMemo.
const formBlock = 1024

// formEntry is a formKey and its form. It points at the name it was
// made for (the engine does not change an item's names) instead of
// holding a copy: the entries of a large bibliography are many.
type formEntry struct {
	n     *item.Name
	nm    *style.Name
	o     *nameOpts
	lang  string
	form  string
	level int
	next  int32 // the entry before with the same hash, plus one
	inv   bool
}

// is reports whether e is the entry of k.
func (e *formEntry) is(k *formKey) bool {
	return e.nm == k.nm && e.o == k.o && e.inv == k.inverted && e.level == k.level && e.lang == k.lang && *e.n == k.n
}

// hash returns the hash of k (a memo that holds nothing yet picks its
// seed).
func (m *formMemo) hash(k formKey) uint64 {
	m.reserve(0)
	return maphash.Comparable(m.seed, k)
}

// reserve makes room for n forms in the map of hashes.
func (m *formMemo) reserve(n int) {
	if m.first == nil {
		m.seed, m.first = maphash.MakeSeed(), make(map[uint64]int32, n)
	}
}

// entry returns the i-th entry, counted from 1.
func (m *formMemo) entry(i int32) *formEntry {
	return &m.entries[(i-1)/formBlock][(i-1)%formBlock]
}

// get returns the form of k, whose hash is h.
func (m *formMemo) get(h uint64, k *formKey) (string, bool) {
	for i := m.first[h]; i != 0; {
		e := m.entry(i)
		if e.is(k) {
			return e.form, true
		}
		i = e.next
	}
	return "", false
}

// put records the form of k, whose hash is h and whose name is n (equal
// to k.n, and kept as it is while the memo lives).
func (m *formMemo) put(h uint64, k *formKey, n *item.Name, form string) {
	if m.n == math.MaxInt32 {
		return // not remembered: the entries' links are 32 bits
	}
	if m.n%formBlock == 0 {
		m.entries = append(m.entries, make([]formEntry, 0, formBlock))
	}
	b := &m.entries[len(m.entries)-1]
	*b = append(*b, formEntry{n: n, nm: k.nm, o: k.o, lang: k.lang, form: form, level: k.level, next: m.first[h], inv: k.inverted})
	m.n++
	m.first[h] = int32(m.n)
}

// tryGiven expands given names (initials, then full names) in the
// members of an ambiguous group (rule by-cite). Only names that render
// alike but belong to different people are expanded, one at a time, until
// the group's cites are distinct.
func (r *run) tryGiven(g []*item.Item) {
	shown := make([][]item.Name, len(g))
	maxPos := 0
	for i, it := range g {
		shown[i] = r.shownNames(it)
		maxPos = max(maxPos, len(shown[i]))
	}
	// Stop as soon as the cites are as distinct as full names can make
	// them (identical works stay identical).
	seen := map[string]bool{}
	for _, it := range g {
		seen[r.expandedKey(it)] = true
	}
	target := len(seen)
	// people[pos][family] holds the different people with that family
	// name at that position.
	people := make([]map[string]map[string]bool, maxPos)
	for pos := range people {
		people[pos] = map[string]map[string]bool{}
		for i := range g {
			if pos < len(shown[i]) {
				n := shown[i][pos]
				k := n.Family + "\x00" + n.Literal
				if people[pos][k] == nil {
					people[pos][k] = map[string]bool{}
				}
				people[pos][k][personKey(n)] = true
			}
		}
	}
	for level := 1; level <= 2; level++ {
		for pos := 0; pos < maxPos; pos++ {
			changed := false
			for i, it := range g {
				if pos >= len(shown[i]) {
					continue
				}
				if n := shown[i][pos]; len(people[pos][n.Family+"\x00"+n.Literal]) < 2 {
					continue
				}
				d := r.disFor(it)
				if k := nameKey(shown[i][pos]); d.given.get(k) < level {
					d.setGiven(k, level)
					changed = true
				}
			}
			if changed && r.distinct(g) >= target {
				return
			}
		}
	}
}

// globalNames performs global name disambiguation: a name whose rendered
// form is shared with a different person is expanded in every cite
// (rules all-names, all-names-with-initials, primary-name,
// primary-name-with-initials).
func (r *run) globalNames(items []*item.Item, rule string) {
	maxLevel := 2
	if rule == "all-names-with-initials" || rule == "primary-name-with-initials" {
		maxLevel = 1
	}
	primary := rule == "primary-name" || rule == "primary-name-with-initials"
	slots := r.slotsOf(items)
	r.prefetchKeys(items, slots)
	// Only items with a family name shared by different people can need
	// expansion.
	families := map[string]*item.Name{} // family → a person with it, or nil once several
	shown := make([][]item.Name, len(items))
	// Which names a cite shows does not depend on their given names, so
	// the lists of the keys as they are now serve every level.
	lists := make([]*shownList, len(items))
	for k, it := range items {
		if lists[k] = r.keyEntryAt(it, int(slots[k])).first; lists[k] != nil {
			shown[k] = lists[k].names
		}
		for i := range shown[k] {
			n := &shown[k][i]
			if q, ok := families[n.Family]; !ok {
				families[n.Family] = n
			} else if q != nil && !samePerson(*q, *n) {
				families[n.Family] = nil
			}
		}
	}
	// The occurrences of names in the cites of those items.
	var active []occurrence
	for k := range items {
		clash := false
		for _, n := range shown[k] {
			if families[n.Family] == nil {
				clash = true
			}
		}
		if !clash {
			continue
		}
		for i := range shown[k] {
			if primary && i > 0 {
				break
			}
			active = append(active, occurrence{k, i})
		}
	}
	// Level by level, a name takes the first level at which no other
	// person's name looks the same. Names that differ at one level differ
	// at the next (expanding given names keeps the family name), so each
	// level need only be rendered for the names still alike.
	limit := -1
	if primary {
		limit = 1
	}
	fs := &nameFormsOf{forms: make([][]string, len(items)), done: make([]bool, len(items))}
	if workerCount(len(active)) <= 1 {
		r.forms.reserve(len(active)) // the forms of the first level, at most
	}
	for level := 0; level <= maxLevel && len(active) > 0; level++ {
		for _, o := range active {
			fs.done[o.item] = false
		}
		// A group is the occurrences of a form: the person of the
		// first, and whether another person's looks the same.
		type group struct {
			person *item.Name
			multi  bool
		}
		groups := map[string]*group{}
		r.prefetchForms(items, slots, lists, active, fs, level, limit)
		formOf := func(o occurrence) (string, bool) {
			if !fs.done[o.item] {
				fs.forms[o.item] = r.nameForms(items[o.item], int(slots[o.item]), lists[o.item], level, limit)
				fs.done[o.item] = true
			}
			forms := fs.forms[o.item]
			if o.idx >= len(forms) {
				return "", false
			}
			return forms[o.idx], true
		}
		for _, o := range active {
			f, ok := formOf(o)
			if !ok {
				continue
			}
			p := &shown[o.item][o.idx]
			if g := groups[f]; g == nil {
				groups[f] = &group{person: p}
			} else if !g.multi && !samePerson(*g.person, *p) {
				g.multi = true
			}
		}
		next := active[:0] // filtered in place: o is read before its place is written
		for _, o := range active {
			f, ok := formOf(o)
			if !ok {
				continue // no level separates it: it stays as styled
			}
			if groups[f].multi {
				next = append(next, o)
				continue
			}
			if level > 0 {
				r.disForAt(items[o.item], int(slots[o.item])).setGiven(nameKey(shown[o.item][o.idx]), level)
			}
		}
		active = next
	}
	r.forms = formMemo{}
	for _, f := range r.retired {
		f.forms = formMemo{}
	}
}

// occurrence is a name of an item's cite in globalNames: the item's index
// and the name's.
type occurrence struct {
	item, idx int
}

var initialsNormalizer = strings.NewReplacer(" ", "", ".", "")

// samePerson reports whether a and b are the same person, as their
// personKeys being equal does, without making the keys.
func samePerson(a, b item.Name) bool {
	return a.Family == b.Family && a.Literal == b.Literal && a.NonDroppingParticle == b.NonDroppingParticle &&
		a.DroppingParticle == b.DroppingParticle && a.Suffix == b.Suffix && sameInitials(a.Given, b.Given)
}

// sameInitials reports whether a and b are equal once spaces and periods
// are taken out (initialsNormalizer), byte by byte: both are ASCII, so no
// character of several bytes is cut.
func sameInitials(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && (a[i] == ' ' || a[i] == '.') {
			i++
		}
		for j < len(b) && (b[j] == ' ' || b[j] == '.') {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

// personKey identifies a person for disambiguation; given names that
// differ only in spacing and periods ("J. J." and "J.J.") are the same.
func personKey(n item.Name) string {
	given := initialsNormalizer.Replace(n.Given)
	return n.Family + "\x00" + given + "\x00" + n.Literal + "\x00" + n.NonDroppingParticle + "\x00" + n.DroppingParticle + "\x00" + n.Suffix
}
