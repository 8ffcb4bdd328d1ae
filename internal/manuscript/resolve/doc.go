// Package resolve matches what a manuscript names with the records of a
// library: the cites of its markers (keys, numbers, authors and years)
// and the entries of its own reference list.
//
// It is the one resolver of cite. verify and render both read a
// manuscript.Document (the one manuscript model) and ask a Resolver which
// record each cite and each list entry is, so that the two commands agree
// on what a manuscript cites:
//
//   - a key ("[@smith2012]", "\cite{smith2012}") is a record's id or one
//     of its aliases (bib.Library.Resolve);
//   - a number ("[3]", "³") is the library's third record or, when the
//     caller asks for it and the manuscript has a numbered reference list,
//     the record that list's third entry is (see Numbering);
//   - an author and a year ("(Smith, 2012)", "(Петров, Сидоров, 2018)",
//     "Smith et al. (2012b)") are a record's first author in any of the
//     forms the record keeps or romanisation gives, and its year, the
//     letter picking among the author's works of that year;
//   - an entry of the manuscript's reference list is the record its
//     \bibitem key names, or the one its words describe (authors, year,
//     title, with transliterated, translated and romanised forms), or, in
//     a numbered list, the record of its number when the entry names that
//     record's author and year (see Resolver.List).
//
// The package reads a bib.Library and a manuscript.Document and does no
// I/O. A Resolver builds its indexes on first use; it is not safe for
// concurrent use.
package resolve
