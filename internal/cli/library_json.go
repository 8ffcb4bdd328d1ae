package cli

import (
	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csljson"
	"github.com/cite-project/cite/internal/input"
)

// loadCSLJSON reads a CSL-JSON library file of at most limit bytes.
func loadCSLJSON(path string, limit int64) (*bib.Library, []bib.Diagnostic, error) {
	data, err := input.ReadFile(path, limit)
	if err != nil {
		return nil, nil, describeReadError(err)
	}
	lib, diags, err := csljson.Decode(path, data)
	if err != nil {
		return nil, nil, err
	}
	lib.Files = []string{path}
	return lib, diags, nil
}
