// Package verify checks a manuscript's citations against a library: the
// markers it contains ([4], [2, с. 9], [1–3], [@id, p. 9], \cite{id},
// (Author, 2012)), the claims recorded in the library's [[claim]] tables,
// and the statements that need a source but cite none.
//
// Run does the analysis and returns a Result, which marshals to the JSON
// contract of cite verify and writes itself as text (WriteText) or as one
// self-contained HTML page (WriteHTML). Every problem is a Finding with a
// stable code (see Codes). The package does no I/O beyond writing to the
// io.Writer it is given: the caller reads the manuscript and the library.
package verify
