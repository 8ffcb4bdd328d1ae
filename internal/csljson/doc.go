// Package csljson reads and writes CSL-JSON, the bibliographic data format
// of CSL processors such as citeproc-js and pandoc --citeproc (schema:
// csl-data.json, CSL 1.0.2).
//
// The cite model maps one to one onto CSL-JSON items, so Decode and Encode
// are exact: TOML → CSL-JSON → TOML gives the same entries. What CSL-JSON
// has no key for (the -translit and -translated forms of titles and names,
// variables outside the schema, and an entry's Extra) travels in the
// item's custom object, which the schema provides for that purpose.
// Decode keeps every key it does not know in Extra with a warning, and
// reports malformed JSON as file:line:col.
package csljson
