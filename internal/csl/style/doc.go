// Package style parses CSL 1.0.2 styles (independent and dependent) into a
// typed tree. Errors name the element, the attribute and the line. It
// performs no I/O; a dependent style's parent is resolved by the caller.
//
// Extensions: a cs:layout may carry a locale attribute (CSL-M, as
// citeproc-js implements it): a style may then have several layouts in
// cs:citation and cs:bibliography, and the first whose locale list matches
// an item's language is used, with that locale's terms. A layout without
// the attribute is the default. cs:sort may carry script-order="cyrillic
// latin" to place Cyrillic-script entries before Latin-script ones (each
// key compares the script of its first letter before collating).
package style
