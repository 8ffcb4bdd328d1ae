// Package xmltree reads an XML document into a small element tree that
// keeps line numbers, with limits on size and depth so that hostile input
// fails with a clear error instead of exhausting memory or the stack. It is
// shared by the CSL style and locale parsers and uses the standard library
// only.
package xmltree
