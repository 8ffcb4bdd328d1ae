// Package check validates a bib.Library against the requirements of the
// target citation styles (APA 7 and GOST R 7.0.100-2018 / GOST R 7.0.5-2008)
// and against the form of its values, and checks the claims that link a
// manuscript to its references.
//
// Run returns every finding as a bib.Diagnostic with the position of the
// field concerned, a stable Code and a message that says what is wrong and
// how to fix it. Rules lists every code with its severity and a one-line
// explanation. The package does no I/O; loading (and the load diagnostics
// toml-syntax, unknown-key, duplicate-id, …) is package store's job.
package check
