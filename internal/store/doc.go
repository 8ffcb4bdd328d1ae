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
// A library file is read in one pass that yields its values and the line
// of every key (parseFast); BurntSushi/toml stays the parser of record: it
// reads whatever that pass does not (unusual TOML) and words every syntax
// error, and tests hold the one pass to it on the toml-test suite and on
// fuzzed input. Files are decoded in parallel and merged in order.
//
// Encode and Save write a library back in a fixed order, so that Save(Load(x))
// reproduces a canonical file and refs/ diffs stay small; Save writes
// atomically.
package store
