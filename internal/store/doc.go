// Package store reads and writes cite libraries as TOML: one [[reference]]
// table per work, whose keys are CSL variable names, and [[claim]] tables
// that link statements to references.
//
// Load and Decode turn files into a bib.Library and collect every problem
// they meet as a bib.Diagnostic with file:line, rather than stopping at the
// first: unknown keys (warnings), and duplicate ids, unknown types, dates and
// names that cannot be read (errors). Only a file that is not TOML at all
// (a *SyntaxError) or cannot be read stops loading.
//
// Encode and Save write a library back in a fixed order, so that Save(Load(x))
// reproduces a canonical file and refs/ diffs stay small; Save writes
// atomically.
package store
