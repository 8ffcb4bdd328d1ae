// Package locale parses CSL locale files and inline cs:locale elements
// (CSL 1.0.2, "Locale Files") into terms, date formats and options, and
// looks terms up along a fallback chain. It performs no I/O: locale XML
// comes in as bytes.
//
// Extension: a cs:term may carry case="genitive". Such a term is used for
// month names when the day is rendered in the same date, so that Russian
// prints "16 мая 1992" while "май 1992" keeps the nominative. A locale
// earlier in the chain that defines only the plain term still wins.
package locale
