// Package atomicfile writes files so that a reader, or a crash, never sees
// a half-written file: the data goes to a temporary file in the target's
// own directory, is synced to disk, and is then renamed over the target.
//
// Write treats the file it replaces as the user's, not its own:
//
//   - A symbolic link is followed (through any number of links) and the
//     file it points to is replaced, in that file's directory; the link
//     itself stays a link. A dangling link creates its target.
//   - An existing file keeps its mode (including the setgid, setuid and
//     sticky bits), its group where the user may set it, and its owner
//     where the user may (root). A new file gets 0666 less the umask, as
//     any program's new file does.
//   - A file the user may not write (no u+w bit, or not writable by this
//     user) is refused with a *ReadOnlyError ("read-only: chmod u+w FILE to
//     allow it") rather than silently replaced through the directory.
//   - Only regular files (and links to them) are replaced.
//
// Temporary files are named ".NAME.tmp-NNNNNNNNN" beside the target. One
// left behind by a killed write is harmless (the target is untouched) and
// is removed by CleanStale once it is older than an hour; lockedfile.Update
// calls it under the lock and reports what it removed.
//
// A hard-linked file is replaced by a new inode, as with every atomic
// rename: the other names keep the old contents.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// StaleAge is how old a temporary file of ours must be before CleanStale
// removes it: far longer than any write takes.
const StaleAge = time.Hour

// ReadOnlyError reports a target the user may not write.
type ReadOnlyError struct {
	Path   string // the path as given
	Target string // the file it resolves to
	NotOwn bool   // the file is writable by its owner, but not by this user
}

// Error returns "read-only: chmod u+w FILE to allow it" (or, for another
// user's file, that it is not writable by this user).
func (e *ReadOnlyError) Error() string {
	if e.NotOwn {
		return fmt.Sprintf("read-only: %s is not writable by you (permission denied); ask its owner, or write to a copy", e.Path)
	}
	return fmt.Sprintf("read-only: chmod u+w %s to allow it", e.Path)
}

// Write replaces the file at path (or the file a symbolic link at path
// points to) with data atomically. On any error the target is left
// exactly as it was and the temporary file is removed.
func Write(path string, data []byte) error {
	target, err := Target(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	info, err := os.Stat(target)
	switch {
	case err == nil:
		if !info.Mode().IsRegular() {
			return fmt.Errorf("write %s: not a regular file", path)
		}
		if err := checkWritable(path, target, info); err != nil {
			return err
		}
	case errors.Is(err, fs.ErrNotExist):
		info = nil
	default:
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := replace(target, data, info); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// CheckWritable returns a *ReadOnlyError when Write would refuse to
// replace path because the user may not write it, and nil when it would
// (or when path does not exist yet).
func CheckWritable(path string) error {
	target, err := Target(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	info, err := os.Stat(target)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	return checkWritable(path, target, info)
}

// checkWritable refuses a target without the owner's write bit, or one
// this user may not write.
func checkWritable(path, target string, info fs.FileInfo) error {
	if info.Mode().Perm()&0o200 == 0 {
		return &ReadOnlyError{Path: path, Target: target}
	}
	if !writable(target) {
		return &ReadOnlyError{Path: path, Target: target, NotOwn: true}
	}
	return nil
}

// replace writes data to a temporary file beside target, gives it the
// attributes of the file it replaces (info, nil for a new file), syncs it
// and renames it over target.
func replace(target string, data []byte, info fs.FileInfo) (err error) {
	dir := filepath.Dir(target)
	tmp, err := createTemp(dir, filepath.Base(target), info == nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if info != nil {
		if err = copyAttributes(tmp, info); err != nil {
			return err
		}
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	// Sync the directory so that the rename itself survives a crash.
	if d, dirErr := os.Open(dir); dirErr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// tempInfix separates the target's name from the random part in a
// temporary file's name: ".lib.toml.tmp-123456789".
const tempInfix = ".tmp-"

// createTemp creates a new temporary file for base in dir. A file that
// will become a new target is created with 0666, so that the umask decides
// its permissions; one that replaces a file starts as 0600 and gets the
// old file's mode before it is renamed.
func createTemp(dir, base string, fresh bool) (*os.File, error) {
	perm := os.FileMode(0o600)
	if fresh {
		perm = 0o666
	}
	for range 100 {
		name := filepath.Join(dir, "."+base+tempInfix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("cannot create a temporary file in %s: %w", dir, errors.Unwrap(err))
		}
		return f, nil
	}
	return nil, fmt.Errorf("cannot create a temporary file in %s: too many exist", dir)
}

// Target returns the file a write to path replaces: path itself, or the
// end of the chain of symbolic links that starts at path (which need not
// exist yet). Links are resolved one at a time, relative to the directory
// of the link, up to 40 of them.
func Target(path string) (string, error) {
	cur := path
	for range 40 {
		info, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return cur, nil
		}
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return cur, nil
		}
		link, err := os.Readlink(cur)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(cur), link)
		}
		cur = link
	}
	return "", fmt.Errorf("too many levels of symbolic links")
}

// CleanStale removes the temporary files that writes of path (after its
// symbolic links are followed) left behind, when they are older than age;
// it returns the paths it removed. Only files named exactly as Write names
// its own are considered.
func CleanStale(path string, age time.Duration) ([]string, error) {
	target, err := Target(path)
	if err != nil {
		return nil, err
	}
	dir, base := filepath.Dir(target), filepath.Base(target)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	prefix := "." + base + tempInfix
	cutoff := time.Now().Add(-age)
	var removed []string
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() || !allDigits(rest) {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(cutoff) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if err := os.Remove(p); err == nil {
			removed = append(removed, p)
		}
	}
	return removed, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
