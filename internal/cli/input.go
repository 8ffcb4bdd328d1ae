package cli

import (
	"fmt"
	"io/fs"

	"github.com/cite-project/cite/internal/input"
	ucli "github.com/urfave/cli/v2"
)

// maxInputFlag is the global flag that bounds the size of every file cite
// reads (package input).
func maxInputFlag() ucli.Flag {
	return &ucli.StringFlag{
		Name:    "max-input",
		Value:   input.FormatSize(input.DefaultLimit),
		EnvVars: []string{"CITE_MAX_INPUT"},
		Usage:   "the largest input file cite reads (a library file, import source, style, manuscript), e.g. 64MiB or 1GiB",
	}
}

// inputLimit returns the --max-input limit in bytes.
func inputLimit(c *ucli.Context) (int64, error) {
	s := c.String("max-input")
	if s == "" {
		return input.DefaultLimit, nil
	}
	n, err := input.ParseSize(s)
	if err != nil {
		return 0, usageErrorf("--max-input: %v", err)
	}
	return n, nil
}

// readInput reads a file the user named, "-" for standard input, with the
// size limit the user chose: a FIFO, a device or a directory is refused
// rather than read, and too large a file is refused with how to raise the
// limit. It returns the data and the name for messages ("<stdin>" for -).
// Every command reads its inputs through it (or through e.reader for APIs
// that take a read function); never call os.ReadFile on a user's path.
// Errors are exit code 2 and name the file.
func (e *env) readInput(c *ucli.Context, path string) ([]byte, string, error) {
	limit, err := inputLimit(c)
	if err != nil {
		return nil, path, err
	}
	data, name, err := input.ReadPath(path, e.stdin, limit)
	if err != nil {
		return nil, name, inputError(describeReadError(err))
	}
	return data, name, nil
}

// reader returns a read function with the --max-input limit, for APIs that
// take one (cite.LoadStyle). Its errors are the input package's, unmapped,
// so that callers can still tell a missing file (fs.ErrNotExist).
func (e *env) reader(c *ucli.Context) func(string) ([]byte, error) {
	limit, err := inputLimit(c)
	if err != nil {
		limit = input.DefaultLimit // the flag's error is reported by readInput
	}
	return func(path string) ([]byte, error) {
		data, _, err := input.ReadPath(path, e.stdin, limit)
		return data, err
	}
}

// describeReadError turns a failed open into "read FILE: no such file or
// directory"; the input package's own errors already name the file.
func describeReadError(err error) error {
	if pe, ok := err.(*fs.PathError); ok && (pe.Op == "open" || pe.Op == "read") {
		return fmt.Errorf("read %s: %w", pe.Path, pe.Err)
	}
	return err
}
