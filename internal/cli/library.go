package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
	ucli "github.com/urfave/cli/v2"
)

// loadLibrary reads the library named by the global --library flag. The
// diagnostics are the problems met while reading; an error (exit code 2)
// means the library could not be read at all.
func loadLibrary(c *ucli.Context) (*bib.Library, []bib.Diagnostic, error) {
	path := c.String("library")
	if path == "" {
		return nil, nil, usageErrorf("--library is empty; give a .toml file, a directory of .toml files or a CSL-JSON .json file")
	}
	return loadLibraryAt(path)
}

// loadLibraryAt reads the library at path: a .toml file, a directory of
// them, or a CSL-JSON .json file.
func loadLibraryAt(path string) (*bib.Library, []bib.Diagnostic, error) {
	var (
		lib   *bib.Library
		diags []bib.Diagnostic
		err   error
	)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		lib, diags, err = loadCSLJSON(path)
	default:
		lib, diags, err = store.Load(path)
	}
	if err != nil {
		var se *store.SyntaxError
		if errors.As(err, &se) {
			return nil, nil, inputError(fmt.Errorf("%v\nfix the TOML syntax at %s:%d and run the command again", se, se.File, se.Line))
		}
		return nil, nil, inputError(err)
	}
	return lib, diags, nil
}

// openLibrary loads the library for commands that use it as it is (list,
// format, verify): the errors met while reading go to standard error, and
// the command carries on with what could be read.
func (e *env) openLibrary(c *ucli.Context) (*bib.Library, error) {
	lib, diags, err := loadLibrary(c)
	if err != nil {
		return nil, err
	}
	for _, d := range diags {
		if d.Severity == bib.Error {
			fmt.Fprintln(e.stderr, d.String())
		}
	}
	return lib, nil
}
