// Package charset turns the bytes of a file that cite imports into text it
// can store, and applies one rule for text on the way in: what an import
// accepts, an export can write.
//
// Detect names the encoding of a file (a byte-order mark, a JabRef-style
// "% Encoding:" line, valid UTF-8, or the letter frequencies of Russian and
// Kazakh text in Windows-1251, KOI8-R or CP866), Lookup finds one by the
// name a user gives, and Decode converts to UTF-8 with
// golang.org/x/text/encoding/charmap. A byte that the encoding does not
// define is never turned into U+FFFD: it is passed through as it was, so
// that Scan reports it with its line and column.
//
// Scan finds what a library cannot hold: invalid UTF-8, and control
// characters other than tab, line feed and carriage return (including a
// raw NUL). Fix replaces them (a control character by a space, an invalid
// byte by U+FFFD, each one character wide so that positions stay valid)
// and says where, for import's --fix-text. The package does no I/O.
package charset
