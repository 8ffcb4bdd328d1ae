package eval

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
)

// sasState drives subsequent-author-substitute for one entry (CSL 1.0.2,
// "Reference Grouping").
type sasState struct {
	text string
	all  bool // complete-all: replace the whole list
	// count names are replaced, one by one (complete-each, partial-*).
	count int
}

func (s *sasState) replace(i int, _ *output.Node) *output.Node {
	if s.all || i >= s.count {
		return nil
	}
	return output.Str(s.text)
}

// bibliography renders the entries in order.
func (r *run) bibliography(order []*item.Item) ([]*output.Node, []string) {
	var entries []*output.Node
	var ids []string
	r.eachEntry(order, false, func(id string, n *output.Node) error {
		entries = append(entries, n)
		ids = append(ids, id)
		return nil
	})
	return entries, ids
}

// eachEntry renders the entries in order and passes each to emit. With
// reuse, an entry's nodes are only valid during the call to emit: their
// memory is reused for the next entry, so that the whole bibliography is
// never held at once. It stops at the first error of emit.
func (r *run) eachEntry(order []*item.Item, reuse bool, emit func(id string, n *output.Node) error) error {
	return r.eachEntryText(order, reuse, nil, func(id string, n *output.Node, _ string) error { return emit(id, n) })
}

// eachEntryText is eachEntry with each entry also rendered by text (when
// not nil), by the goroutine that rendered the entry: a parallel run
// spreads the writing of the entries over the processors too.
func (r *run) eachEntryText(order []*item.Item, reuse bool, text func(*output.Node) string, emit func(id string, n *output.Node, s string) error) error {
	bib := r.e.st.Bibliography
	sasText, sasOn := bib.Options["subsequent-author-substitute"]
	rule := bib.Options["subsequent-author-substitute-rule"]
	if rule == "" {
		rule = "complete-all"
	}
	align := bib.Options["second-field-align"]
	slots := r.slotsOf(order)
	if !sasOn && r.budgetErr == nil && workerCount(len(order)) > 1 {
		return r.eachEntryParallel(order, slots, reuse, align, text, emit)
	}
	var prevNames []string
	count := 0
	for i, it := range order {
		if reuse {
			r.resetSlabs()
		}
		n, c := r.renderEntry(it, int(slots[i]), nil, align)
		if sasOn && len(c.firstNames) > 0 {
			cur := c.firstNames
			var sas *sasState
			switch rule {
			case "complete-all":
				if equalStrings(cur, prevNames) {
					sas = &sasState{text: sasText, all: true}
				}
			case "complete-each":
				if equalStrings(cur, prevNames) {
					sas = &sasState{text: sasText, count: len(cur)}
				}
			case "partial-each":
				k := 0
				for k < len(cur) && k < len(prevNames) && cur[k] == prevNames[k] {
					k++
				}
				if k > 0 {
					sas = &sasState{text: sasText, count: k}
				}
			case "partial-first":
				if len(prevNames) > 0 && cur[0] == prevNames[0] {
					sas = &sasState{text: sasText, count: 1}
				}
			}
			prevNames = cur
			if sas != nil {
				var c2 *ctx
				n, c2 = r.renderEntry(it, int(slots[i]), sas, align)
				r.release(c2)
			}
		} else if sasOn {
			prevNames = nil
		}
		r.release(c)
		n = r.finishEntry(it, n)
		if n = r.emptyEntry(n, count); n == nil {
			continue
		}
		count++
		s := ""
		if text != nil {
			s = text(n)
		}
		if err := emit(it.ID, n, s); err != nil {
			return err
		}
	}
	return nil
}

// finishEntry returns the rendered entry n of it as printed, or nil
// (with a warning) when it prints nothing.
func (r *run) finishEntry(it *item.Item, n *output.Node) *output.Node {
	if fl := firstWordLeaf(n); fl != nil && fl.FromTerm {
		// A term that starts an entry is capitalized (citeproc-js:
		// "(N.d.-a).", as in a note).
		applyTextCase(&output.Node{Children: []*output.Node{fl}}, "capitalize-first", "")
	}
	if n == nil || n.Empty() {
		r.warn("bibliography entry %q has no printed form", it.ID)
		return nil
	}
	return n
}

// emptyEntry returns n, or for an entry that prints nothing (n nil) the
// configured marker when the style is numbered (citeproc-js numbers it
// with the entry's position, count entries having come before), or nil.
func (r *run) emptyEntry(n *output.Node, count int) *output.Node {
	if n != nil {
		return n
	}
	if r.e.emptyEntry == "" || !r.e.numbered {
		return nil
	}
	return output.Str(strconv.Itoa(count+1) + ". " + r.e.emptyEntry)
}

// eachEntryParallel is eachEntry without subsequent-author-substitute
// (where an entry depends on the one before), with the entries rendered
// by forks of r, a chunk at a time, and passed to emit in order as their
// chunks are done. A fork renders its next chunk into its slabs only
// once emit has seen the chunk before (forks go round a pool of twice
// as many as there are workers), so entries are as valid during emit
// as eachEntry makes them. slots holds the slots of order's items.
func (r *run) eachEntryParallel(order []*item.Item, slots []int32, reuse bool, align string, text func(*output.Node) string, emit func(id string, n *output.Node, s string) error) error {
	n := len(order)
	w := workerCount(n)
	type chunk struct {
		entries []*output.Node // nil where an entry prints nothing
		texts   []string       // the entries rendered by text
		res     chunkResult
		fork    *run
		done    chan struct{}
	}
	chunks := make([]chunk, (n+renderChunk-1)/renderChunk)
	for i := range chunks {
		chunks[i].done = make(chan struct{})
	}
	pool := make(chan *run, 2*w)
	for range 2 * w {
		pool <- r.fork()
	}
	quit := make(chan struct{})
	var next atomic.Int64
	var failed workerPanic
	var wg sync.WaitGroup
	render := func(f *run, ci int) {
		c := &chunks[ci]
		defer close(c.done)
		defer failed.catch()
		if reuse {
			f.resetSlabs()
		}
		f.startChunk()
		lo := ci * renderChunk
		for i, it := range order[lo:min(lo+renderChunk, n)] {
			e, ec := f.renderEntry(it, int(slots[lo+i]), nil, align)
			f.release(ec)
			e = f.finishEntry(it, e)
			c.entries = append(c.entries, e)
			if text != nil {
				s := ""
				if e != nil {
					s = text(e)
				}
				c.texts = append(c.texts, s)
			}
		}
		c.res, c.fork = f.endChunk(), f
	}
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				var f *run
				select {
				case f = <-pool:
				case <-quit:
					return
				}
				ci := int(next.Add(1)) - 1
				if ci >= len(chunks) {
					return
				}
				render(f, ci)
			}
		}()
	}
	var err error
	count := 0
emitting:
	for ci := range chunks {
		c := &chunks[ci]
		<-c.done
		if failed.failed() {
			break
		}
		r.take([]chunkResult{c.res})
		for j, e := range c.entries {
			s := ""
			if text != nil {
				s = c.texts[j]
			}
			if e == nil {
				if e = r.emptyEntry(e, count); e == nil {
					continue
				}
				if text != nil {
					s = text(e)
				}
			}
			count++
			if err = emit(order[ci*renderChunk+j].ID, e, s); err != nil {
				break emitting
			}
		}
		c.entries, c.texts = nil, nil
		pool <- c.fork
	}
	close(quit)
	wg.Wait()
	failed.raise()
	return err
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// renderEntry renders the bibliography entry of it at slot; with
// second-field-align the first field goes into a left-margin block and
// the rest into a right-inline block.
func (r *run) renderEntry(it *item.Item, slot int, sas *sasState, align string) (*output.Node, *ctx) {
	c, layout := r.newCtxAt(it, slot, true)
	c.sas = sas
	if align == "" {
		n := c.renderAll(layout.Children, "")
		return c.formatLayout(n, &layout.Formatting), c
	}
	var first *output.Node
	j := c.joiner()
	for _, e := range layout.Children {
		n := c.render(e)
		if n == nil || n.Empty() {
			continue
		}
		if first == nil {
			first = n
			continue
		}
		j.add(n)
	}
	if first == nil {
		return nil, c
	}
	f := layout.Formatting
	pre, suf := f.Prefix, f.Suffix
	f.Prefix, f.Suffix = "", ""
	rest := j.node()
	if rest == nil {
		// Only the first field: the layout suffix follows it ("2."
		// rather than "2. ." for an entry with nothing else, as
		// citeproc-js prints it).
		lj := c.joiner()
		lj.add(first)
		lj.add(c.affix(suf))
		first, suf = lj.node(), ""
	}
	left := c.format(&output.Node{Children: []*output.Node{c.affix(pre), first}}, &style.Formatting{})
	rj := c.joiner()
	rj.add(rest)
	rj.add(c.affix(suf))
	right := rj.node()
	out := &output.Node{Children: []*output.Node{{Children: []*output.Node{left}, Display: "left-margin"}}}
	if right != nil {
		// Trailing spaces go after the right-inline block (citeproc-js).
		trailing := false
		if l, q := lastLeaf(right); l != nil && q == nil && l.IsLeaf() && strings.HasSuffix(l.Text, " ") {
			l.Text = strings.TrimRight(l.Text, " ")
			trailing = true
		}
		out.Children = append(out.Children, &output.Node{Children: []*output.Node{right}, Display: "right-inline"})
		if trailing {
			out.Children = append(out.Children, output.Str(" "))
		}
	}
	return c.format(out, &f), c
}

// firstWordLeaf returns the first leaf of n with a letter or digit,
// passing over leaves of punctuation only (opening affixes such as "(").
func firstWordLeaf(n *output.Node) *output.Node {
	var found *output.Node
	var walk func(n *output.Node) bool
	walk = func(n *output.Node) bool {
		if n == nil {
			return false
		}
		if n.IsLeaf() {
			if strings.IndexFunc(n.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				found = n
				return true
			}
			return false
		}
		if n.Quote != nil {
			return true // quoted text is not a term
		}
		for _, c := range n.Children {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(n)
	return found
}
