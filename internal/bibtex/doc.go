// Package bibtex reads and writes BibTeX and BibLaTeX (.bib) files for the
// cite model.
//
// Decode maps a .bib file onto bib.Library: @string macros (case-insensitive,
// with BibTeX's month macros predefined), "#" concatenation and crossref
// inheritance (biblatex's rules) are resolved; LaTeX accents, special
// letters, escaped specials, dashes and quotes become Unicode; name lists
// are split into family, given, particle and suffix, with braced corporate
// names kept whole; each field maps onto a CSL variable through the one
// table in fields.go. Nothing is dropped: a field without a variable, and
// the original LaTeX of a value that plain text cannot hold exactly (math,
// \emph, a command cite does not know, braces that protect a capital), are
// kept in the entry's Extra under the field's name, and every such case is
// a warning. Encode writes the model as BibLaTeX (UTF-8, for biber) or
// classic BibTeX, in a fixed field order, and Decode(Encode(x)) gives x
// back, which makes export → import → export byte-identical.
//
// # Why the parser is our own
//
// The issue asks for github.com/nickng/bibtex (v1.4.0). Its parser cannot be
// made safe behind a guard, because the defects are in its core:
//
//   - an undefined or upper-case macro (month = Mar) calls log.Fatalf, which
//     ends the process; no recover() can catch it, and a guard would need
//     a BibTeX parser of its own to know in advance which macros are used;
//   - its state lives in package variables (the goyacc result and the
//     scanner's parseField flag): parallel parses return each other's
//     results, and a truncated file breaks the next, valid one;
//   - it loses data without an error: "#" keeps only its first operand, a
//     "%" line or a byte-order mark gives zero entries, braces inside quoted
//     values and @preamble vanish, a repeated field overwrites the first,
//     @comment is dropped;
//   - it refuses valid files: "@" inside a value or a comment, keys with
//     Cyrillic, Kazakh or most accented Latin letters, "(" ")" delimiters,
//     free text between entries;
//   - its output is not BibTeX: PrettyString writes Go escapes (\u00a0,
//     doubled backslashes), String prints fields in random order, and
//     NewBibEntry strips spaces from keys.
//
// So Parse is a reader of our own, and the library is kept for what works:
// its value model (BibConst, BibVar, BibComposite) carries @string
// definitions and concatenation, and Encode builds each entry as a
// BibEntry (without NewBibEntry) that its own writer prints. The tests in
// defects_test.go reproduce every defect above with v1.4.0 next to this
// package's handling of the same input.
package bibtex
