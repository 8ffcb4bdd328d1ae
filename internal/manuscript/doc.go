// Package manuscript reads a manuscript (plain text, Markdown, LaTeX or
// HTML) into one Document: which bytes are prose and which are not
// (front matter, code, maths, comments, markup), every citation marker
// with its cites, quotations, paragraphs and sentences, headings, the
// manuscript's own reference list, nocite requests and bibliography
// placeholders, all with exact byte offsets into the input.
//
// It is the one manuscript model of cite: verify checks a Document's
// markers and statements against a library, and render replaces its
// marker spans with formatted citations, copying every other byte
// unchanged. Which library record each cite and each entry of the
// reference list is, both ask one resolver, the subpackage resolve. This
// package knows nothing of libraries and does no I/O.
//
// Parse is linear in the size of its input: every scanner moves forward,
// any look-ahead is bounded or cached, and line and column numbers come
// from an index built once (see Document.Position).
package manuscript
