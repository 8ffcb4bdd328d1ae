// Package search finds references in a library by a query such as
//
//	author:Zhigalov year:1990..1995 type:book Назарбаев
//
// A query is a list of terms that must all hold. A free word matches the
// titles (in every recorded form) and the names of a reference; a field
// term (author:, title:, container:, publisher:, id:, or any CSL variable)
// matches that field; year:, type:, lang:, has: and missing: test the
// issued year, the item type, the language tag and the presence of a
// field. A term written -term must not hold. Quotes group words into one
// phrase: title:"nuclear lesson".
//
// Matching ignores case, diacritics and punctuation, and crosses scripts
// through the romanisation schemes of package translit in both directions:
// a Latin word is compared with the BGN/PCGN, GOST 7.79 B, ALA-LC and ISO 9
// romanisations of Cyrillic text (author:Zhigalov finds Жигалов), and a
// Cyrillic word is romanised by the same schemes to find Latin text
// (Назарбаев finds Nazarbayev).
//
// The package does no I/O: Parse turns a query into a *Query, and
// Query.Match tests an entry.
package search
