// Package cite is the bridge between cite's data model (package bib) and
// the CSL engine (package csl): it maps each bib.Entry to the engine's
// item.Item (Item, the one field-to-variable map of the project),
// prepares the items for the chosen style, runs the engine and returns
// rendered text, HTML, Markdown or RTF together with the engine's
// warnings.
//
// # Styles
//
// A style is named ("apa", "gost", "gost-alphabetical", "gost-2008",
// "gost-2008-alphabetical", embedded by package styles) or is any CSL
// file the caller has read (LoadStyle takes the reader, so the package
// does no I/O of its own). The style's cs:info id tells the bridge which
// preparation applies:
//
//   - APA 7 (APA Publication Manual, 7th ed., 9.38): names and titles in
//     Cyrillic are romanised, from the record's "-translit" forms or, when
//     a record has none, with package translit (BGN/PCGN unless another
//     scheme is chosen); the English translation of the title
//     ("title-translated") is printed in square brackets after it; an
//     institution with a "literal-translated" form is named in English.
//   - GOST R 7.0.100-2018 and GOST R 7.0.5-2008: the description is in the
//     language and script of the work, so nothing is romanised; the
//     bridge only marks works by one to three persons (variable
//     "author-heading"), which the styles begin with a heading.
//   - Any other style gets the items as stored.
//
// # Languages
//
// Each item carries its language (the record's "language", or a guess
// from the script of its title: Cyrillic with a Kazakh letter is "kk",
// other Cyrillic "ru", Latin "en"), so that styles with localized layouts
// (CSL-M) print "и др." for a Russian work and "et al." for an English
// one in the same list.
//
// # Numbering
//
// Citation numbers follow the library's order, which is the order in
// which the manuscript cites its sources: Cite registers every entry of
// the library, in order, before the cited ones, so "[2, с. 9]" names the
// library's second entry whatever else the citation holds.
package cite
