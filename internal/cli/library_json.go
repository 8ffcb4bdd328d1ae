package cli

import (
	"fmt"
	"os"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csljson"
)

// loadCSLJSON reads a CSL-JSON library file.
func loadCSLJSON(path string) (*bib.Library, []bib.Diagnostic, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open library: %w", err)
	}
	lib, diags, err := csljson.Decode(path, data)
	if err != nil {
		return nil, nil, err
	}
	lib.Files = []string{path}
	return lib, diags, nil
}
