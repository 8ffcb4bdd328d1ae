package cli

import (
	"github.com/cite-project/cite/internal/bib"
)

// loadCSLJSON reads a CSL-JSON library file.
func loadCSLJSON(path string) (*bib.Library, []bib.Diagnostic, error) {
	return nil, nil, usageErrorf("%s: reading CSL-JSON libraries is not available yet", path)
}
