package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/cite-project/cite/internal/atomicfile"
	"github.com/cite-project/cite/internal/lockedfile"
	ucli "github.com/urfave/cli/v2"
)

// waitFlag is the --wait flag of every command that rewrites a library
// file: how long to wait for another cite command writing the same file.
// Add it to the command's Flags and write through e.updateFile.
func waitFlag() ucli.Flag {
	return &ucli.DurationFlag{
		Name:    "wait",
		Value:   lockedfile.DefaultWait,
		EnvVars: []string{"CITE_WAIT"},
		Usage:   "how long to wait for another cite command writing the same file (e.g. 30s, 2m)",
	}
}

// updateFile is the locked read-modify-write of a library file for every
// command that rewrites one (import --into, add, fmt -w, merge): it takes
// the lock (waiting up to --wait), reads the file as it is once locked
// (old is nil and exists false for a new file), calls edit, and writes what
// edit returns atomically through symbolic links with the file's own
// permissions. An error from edit is returned unchanged and nothing is
// written. The lock timeout, a read-only file and an unreadable file are
// exit code 2 with a message saying what to do; a stale temporary file of
// an earlier, killed write is removed and mentioned on standard error.
func (e *env) updateFile(c *ucli.Context, path string, edit func(old []byte, exists bool) ([]byte, error)) error {
	opts, err := e.lockOptions(c)
	if err != nil {
		return err
	}
	return writeError(lockedfile.Update(path, opts, edit))
}

// updateFiles is updateFile for files that change together (merge):
// lockedfile.UpdateAll, with the same options and errors. edit gets the
// files that exist, by path, and returns those to write, written in the
// order of paths.
func (e *env) updateFiles(c *ucli.Context, paths []string, edit func(old map[string][]byte) (map[string][]byte, error)) error {
	opts, err := e.lockOptions(c)
	if err != nil {
		return err
	}
	return writeError(lockedfile.UpdateAll(paths, opts, edit))
}

// lockOptions are the lockedfile options of a command: --wait (0: do not
// wait), the input size limit, and notices on standard error.
func (e *env) lockOptions(c *ucli.Context) (lockedfile.Options, error) {
	limit, err := inputLimit(c)
	if err != nil {
		return lockedfile.Options{}, err
	}
	wait := lockedfile.DefaultWait
	if hasFlag(c, "wait") {
		wait = c.Duration("wait")
	}
	if wait <= 0 {
		wait = -1 // --wait 0: do not wait
	}
	return lockedfile.Options{
		Wait:    wait,
		MaxSize: limit,
		Notify:  func(msg string) { fmt.Fprintf(e.stderr, "cite: %s\n", msg) },
	}, nil
}

// writeFile writes data to path atomically (export -o, and any file cite
// writes that it does not read first): through symbolic links, keeping the
// file's mode, group and owner, refusing a read-only file. Temporary files
// that an earlier, killed write left beside it over an hour ago are
// removed, and mentioned on standard error.
func (e *env) writeFile(path string, data []byte) error {
	if err := writeError(atomicfile.Write(path, data)); err != nil {
		return err
	}
	removed, _ := atomicfile.CleanStale(path, atomicfile.StaleAge)
	for _, r := range removed {
		fmt.Fprintf(e.stderr, "cite: removed %s, a temporary file left by an interrupted write more than an hour ago\n", r)
	}
	return nil
}

// writeError maps the errors of a locked update or a write to exit code 2
// (the file could not be locked, read or written; nothing was changed); an
// edit's own exit error passes unchanged.
func writeError(err error) error {
	var (
		le *lockedfile.LockError
		ee *exitError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ee):
		return err
	case errors.As(err, &le):
		return inputError(fmt.Errorf("%v; nothing was written: try again, or wait longer with --wait %v", err, max(2*le.Wait, 30*time.Second)))
	}
	return inputError(describeReadError(err))
}

// hasFlag reports whether the command defines the flag name.
func hasFlag(c *ucli.Context, name string) bool {
	for _, f := range c.Command.Flags {
		for _, n := range f.Names() {
			if n == name {
				return true
			}
		}
	}
	return false
}
