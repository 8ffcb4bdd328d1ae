// Package bib is cite's data model: a Library of bibliographic entries whose
// field names are CSL 1.0.2 variable names, and of claims that link statements
// in a manuscript to the entries that back them.
//
// The model does no I/O. Reading and writing TOML is package store's job,
// validation is package check's, and formatting goes through package cite to
// the CSL engine. Every value that came from a file carries its Pos so that
// later stages can report problems as file:line.
package bib
