// Package item defines the record the CSL engine renders (citeproc's
// Reference, hayagriva's EntryLike) and decodes it from CSL-JSON, the
// interchange format of CSL processors. It depends on the standard library
// only. Applications convert their own model to Item; the engine knows no
// other input.
package item
