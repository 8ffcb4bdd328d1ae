// Package translit romanises Russian and Kazakh Cyrillic text with named,
// published schemes, so that styles such as APA can print a Latin form of a
// Cyrillic name or title when a record has none.
//
// The schemes are:
//
//   - [BGN]: the BGN/PCGN 1947 system for Russian and the BGN/PCGN 1979 system
//     for Kazakh (PCGN, "Romanization of Russian" and "Romanization of
//     Kazakh", checked for validity in 2019).
//   - [ISO9]: ISO 9:1995, which GOST 7.79-2000 adopts as its System A: one
//     Latin letter, possibly with diacritics, for each Cyrillic letter, so the
//     result can be turned back into Cyrillic ([Deromanize]).
//   - [GOSTB]: GOST 7.79-2000 System B, Table 4: basic Latin letters, digraphs
//     and the grave accent "`".
//   - [LC]: the ALA-LC romanization tables (Library of Congress) for Russian,
//     and for the Kazakh letters the LC table for non-Slavic languages in
//     Cyrillic script, with the ligature tie (U+0361) in t͡s, i͡u, i͡a.
//   - [LCASCII]: the same tables written in plain ASCII: no ties, no
//     diacritics, ' and " for the soft and hard signs.
//
// [Romanize] does the work. Text that is not Cyrillic (Latin letters, digits,
// punctuation, spaces) passes through unchanged. A Cyrillic letter missing
// from the chosen scheme's tables (a Ukrainian ї in a BGN romanisation, say)
// is written with its ISO 9 form, so no Cyrillic is left in the output.
//
// Where the chosen language changes the table (BGN/PCGN has separate Russian
// and Kazakh systems), the lang argument of [Romanize] picks one: "ru" or
// "kk". An empty or unknown lang is guessed from the text: Kazakh if it has
// any of the letters Ә Ғ Қ Ң Ө Ұ Ү Һ І, Russian otherwise.
//
// [Script] and [IsCyrillic] tell which script a string is mostly written in,
// so callers can decide whether a field needs romanising at all.
package translit
