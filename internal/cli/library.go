package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/memtune"
	"github.com/cite-project/cite/internal/store"
	ucli "github.com/urfave/cli/v2"
)

// loadLibrary reads the library named by the global --library flag. The
// diagnostics are the problems met while reading; an error (exit code 2)
// means the library could not be read at all.
func loadLibrary(c *ucli.Context) (*bib.Library, []bib.Diagnostic, error) {
	return loadLibraryLean(c, false)
}

// loadLibraryLean is loadLibrary reading for a command that keeps only a
// part of the library while it works when lean is set (store.Limits.Lean).
func loadLibraryLean(c *ucli.Context, lean bool) (*bib.Library, []bib.Diagnostic, error) {
	path := c.String("library")
	if path == "" {
		return nil, nil, usageErrorf("--library is empty; give a .toml file, a directory of .toml files or a CSL-JSON .json file")
	}
	limits, err := libraryLimits(c)
	if err != nil {
		return nil, nil, err
	}
	limits.Lean = lean
	paceCollector(path, append(c.StringSlice("manuscript"), c.Args().Slice()...))
	return loadLibraryAt(path, limits)
}

// paceCollector paces the garbage collector by the size of what the
// command reads (see package memtune): the library at path, and the
// files among others (a manuscript to render or verify; arguments that
// are not files, such as ids, count for nothing).
func paceCollector(path string, others []string) {
	files, err := store.Files(path)
	if err != nil {
		return // loading says why
	}
	var size int64
	for _, f := range append(files, others...) {
		if fi, err := os.Stat(f); err == nil && fi.Mode().IsRegular() {
			size += fi.Size()
		}
	}
	memtune.ForInput(size)
}

// loadLibraryAt reads the library at path: a .toml file, a directory of
// them, or a CSL-JSON .json file, within limits (see libraryLimits).
func loadLibraryAt(path string, limits store.Limits) (*bib.Library, []bib.Diagnostic, error) {
	var (
		lib   *bib.Library
		diags []bib.Diagnostic
		err   error
	)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		lib, diags, err = loadCSLJSON(path, limits)
	default:
		lib, diags, err = store.LoadWith(path, limits)
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

// libraryLimits returns the limits the user chose (--max-input,
// --max-toml-depth) for reading library files, with the parse cache's
// directory (see cacheDir); pass them to store.LoadWith and
// store.DecodeWith.
func libraryLimits(c *ucli.Context) (store.Limits, error) {
	size, err := inputLimit(c)
	if err != nil {
		return store.Limits{}, err
	}
	depth := c.Int("max-toml-depth")
	if depth < 0 {
		return store.Limits{}, usageErrorf("--max-toml-depth must be a positive number, not %d", depth)
	}
	return store.Limits{MaxSize: size, MaxDepth: depth, CacheDir: cacheDir(c)}, nil
}

// maxDepthFlag is the global flag that bounds the nesting of arrays and
// inline tables in a library file (store.DefaultMaxDepth).
func maxDepthFlag() ucli.Flag {
	return &ucli.IntFlag{
		Name:    "max-toml-depth",
		Value:   store.DefaultMaxDepth,
		EnvVars: []string{"CITE_MAX_TOML_DEPTH"},
		Usage:   "how deeply arrays and inline tables may nest in a library file",
	}
}

// openLibrary loads the library for commands that use it as it is (list,
// format, verify): the errors met while reading go to standard error, and
// the command carries on with what could be read.
func (e *env) openLibrary(c *ucli.Context) (*bib.Library, error) {
	return e.openLibraryLean(c, false)
}

// openLibraryForOutput is openLibrary for a command that prints the
// library, reports nothing about its fields and keeps only a part of it
// while it works (format): see store.Limits.Lean, which on a large
// library saves a good part of its memory.
func (e *env) openLibraryForOutput(c *ucli.Context) (*bib.Library, error) {
	return e.openLibraryLean(c, true)
}

func (e *env) openLibraryLean(c *ucli.Context, lean bool) (*bib.Library, error) {
	lib, diags, err := loadLibraryLean(c, lean)
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
