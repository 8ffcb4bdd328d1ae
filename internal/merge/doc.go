// Package merge combines records that describe one work.
//
// Entries merges duplicates into the entry to keep: what the kept entry
// lacks is taken from the others, values that differ are Conflicts, won by
// the kept entry unless the caller prefers one of the others, and every
// dropped id becomes an alias of the kept entry (see bib.Library.Resolve),
// so that manuscripts citing it still resolve. Claims re-points claims'
// sources from the dropped ids to the kept one.
//
// The three-way merge of library files for git, by record and by field,
// is in Files. The package does no I/O.
package merge
