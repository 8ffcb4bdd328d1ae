// Package tomlfmt rewrites a library file in the canonical form that
// package store writes on import, as gofmt does for Go: records keep their
// order, and within each record the keys come in canonical order (id,
// aliases, type, the variables in CSL order, one [[reference.<role>]]
// table per name, [reference.extra]), values in canonical form (dates as
// EDTF strings, numbers as strings, names as tables).
//
// Comments stay with what they describe. A comment block before a record
// stays before it; a comment inside a record stays before the key (or
// name, or source) that follows it, and a comment at the end of a line
// stays at the end of that key's line; comments at the head of the file,
// separated from the first record by a blank line, stay at its head, and
// those after the last record at its end.
//
// Nothing else changes: Format refuses a file that cite would read with
// any diagnostic (an unknown key would be dropped, a bad date lost), and
// checks its own result, which must decode to the same records and hold
// the same comments, before returning it. The package does no I/O.
package tomlfmt
