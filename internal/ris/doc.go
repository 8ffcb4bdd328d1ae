// Package ris reads and writes RIS, the tagged format that EndNote,
// Zotero, Mendeley, Scopus, Web of Science and most publishers export
// ("TY  - JOUR" … "ER  - ").
//
// Decode maps each record onto the cite model through the one table in
// fields.go: TY onto a CSL item type, and each tag onto a CSL variable —
// AU/A1 onto author, A2 onto editor, TI/T1 onto title, T2/JF/JO onto
// container-title, PY/Y1/DA onto issued (the forms 2012, 2012///,
// 2012/03/27/ and ISO dates), SP and EP onto one page range, SN onto ISBN
// or ISSN by its form, and so on. Repeated AU, KW, N1 and SN are lists; a
// tag without a variable (L1, C1, U1, AN, …) is kept in the entry's Extra
// under its own name, and a tag that repeats where the model holds one
// value keeps its first value and the later ones in Extra as TAG-2, …, so
// that nothing is dropped.
//
// Decode is tolerant like the BibTeX importer: a record that cannot be
// imported as it is (a control character, a byte that is not valid text,
// a record without TY) is skipped and reported with file:line:col, and
// the other records are imported.
//
// Encode writes entries back as RIS in a fixed tag order, with the id as
// ID, so that a library can go back to EndNote or Zotero; what RIS cannot
// hold (romanised and translated forms of names, case protection) is
// reported through Options.Warn. Decode(Encode(x)) gives x back for what
// RIS holds, and RIS → TOML → RIS is byte-identical for records written in
// Encode's tag order.
//
// No well-kept Go RIS library exists among the modules this project may
// use (the module list has none), so the reader is cite's own; it does no
// I/O.
package ris
