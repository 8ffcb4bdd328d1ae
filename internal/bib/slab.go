package bib

// Slab gives the slots of many entries' variables and positions from a
// few large blocks, for a reader that makes a library's entries at once
// (the parse cache): a few allocations per kind for thousands of entries,
// instead of one per entry and kind, which a large library's loading and
// every garbage collection after it pay for. An entry's slots hold
// exactly the room asked for, so that growing them later moves them out
// of the block instead of over a neighbour's. The zero Slab is ready to
// use; a Slab is not safe for concurrent use.
type Slab struct {
	fields []field
	names  []nameVar
	dates  []dateVar
	lines  []keyLine
}

// slabBlock is how many slots of a kind a block of a Slab holds (fewer
// than a request that is larger, which gets a block of its own size).
const slabBlock = 512

// take returns an empty slice of capacity n cut from *block, which it
// replaces with a new block when there is no room left.
func take[S any](block *[]S, n int) []S {
	if cap(*block)-len(*block) < n {
		*block = make([]S, 0, max(n, slabBlock))
	}
	b := *block
	*block = b[:len(b)+n]
	return b[len(b) : len(b) : len(b)+n]
}

// Grow is e.Grow(fields, names, dates, positions) taking the room from
// s: for each kind of which e has no slots yet, exactly the room asked
// for; a kind e already has slots of grows as Grow grows it.
func (s *Slab) Grow(e *Entry, fields, names, dates, positions int) {
	if fields > 0 && cap(e.fields) == 0 {
		e.fields = take(&s.fields, fields)
	}
	if names > 0 && cap(e.names) == 0 {
		e.names = take(&s.names, names)
	}
	if dates > 0 && cap(e.dates) == 0 {
		e.dates = take(&s.dates, dates)
	}
	if positions > 0 && cap(e.lines) == 0 {
		e.lines = take(&s.lines, positions)
	}
	e.Grow(fields, names, dates, positions)
}
