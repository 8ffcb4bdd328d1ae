// Package eval evaluates a parsed CSL style over items into the rich-text
// tree of package output: conditions, groups, names, dates, numbers,
// labels, text-case, sorting, disambiguation, cite collapsing and
// subsequent-author substitution. It performs no I/O and never fails on
// item data: problems are collected as warnings.
package eval
