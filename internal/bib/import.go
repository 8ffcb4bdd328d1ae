package bib

// Import is what an importer (BibTeX, CSL-JSON, RIS) read from one file:
// the entries it could import, in file order, every diagnostic, and the
// entries it left out because they cannot be imported as they are. Each
// skipped entry has at least one Error among the diagnostics saying why.
type Import struct {
	Library     *Library
	Diagnostics []Diagnostic
	Skipped     []Skip
	// Encoding names the character encoding the file was read in
	// ("UTF-8", "windows-1251", …) and How says how it was chosen.
	Encoding, How string
}

// Skip names an entry that an import left out: its key (or "#N", the
// N-th item, when it has none) and where it starts.
type Skip struct {
	Ref string
	Pos Pos
}

// MarkSkipped adds what happens to the entry ("the record is skipped") to
// the message of each Error in ds, the diagnostics of one entry, and
// reports whether there was any.
func MarkSkipped(ds []Diagnostic, what string) bool {
	skipped := false
	for i := range ds {
		if ds[i].Severity == Error {
			ds[i].Message += "; " + what
			skipped = true
		}
	}
	return skipped
}
