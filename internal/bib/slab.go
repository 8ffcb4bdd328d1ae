package bib

import "github.com/cite-project/cite/internal/arena"

// Slab gives the slots of many entries' variables and positions from a
// few large blocks, for a reader that makes a library's entries at once
// (the parse cache): a few allocations per kind for thousands of entries,
// instead of one per entry and kind, which a large library's loading and
// every garbage collection after it pay for. An entry's slots hold
// exactly the room asked for, so that growing them later moves them out
// of the block instead of over a neighbour's. The zero Slab is ready to
// use; a Slab is not safe for concurrent use.
type Slab struct {
	fields arena.Slab[field]
	names  arena.Slab[nameVar]
	dates  arena.Slab[dateVar]
	lines  arena.Slab[keyLine]
}

// Grow is e.Grow(fields, names, dates, positions) taking the room from
// s: for each kind of which e has no slots yet, exactly the room asked
// for; a kind e already has slots of grows as Grow grows it.
func (s *Slab) Grow(e *Entry, fields, names, dates, positions int) {
	if fields > 0 && cap(e.fields) == 0 {
		e.fields = s.fields.Take(fields)
	}
	if names > 0 && cap(e.names) == 0 {
		e.names = s.names.Take(names)
	}
	if dates > 0 && cap(e.dates) == 0 {
		e.dates = s.dates.Take(dates)
	}
	if positions > 0 && cap(e.lines) == 0 {
		e.lines = s.lines.Take(positions)
	}
	e.Grow(fields, names, dates, positions)
}
