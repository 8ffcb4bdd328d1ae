// Package lockedfile is how cite changes a library file that another
// process may be changing at the same time: a locked read-modify-write.
//
// Every command that rewrites a library file (import --into, add, fmt -w,
// merge, replace) goes through Update:
//
//	err := lockedfile.Update(path, lockedfile.Options{Wait: wait}, func(old []byte, exists bool) ([]byte, error) {
//		lib, _, err := store.Decode(path, old) // parse what is on disk NOW, under the lock
//		...
//		return newBytes, nil // or an error: nothing is written
//	})
//
// Update
//
//  1. resolves symbolic links (atomicfile.Target), so that every name of
//     one file shares one lock;
//  2. takes an exclusive advisory lock on a lock file beside the target,
//     ".NAME.lock" (flock(2) on Unix), waiting at most Options.Wait
//     (DefaultWait when zero) and failing with a *LockError that says so;
//  3. removes stale temporary files of earlier, killed writes
//     (atomicfile.CleanStale) and tells Options.Notify;
//  4. reads the file as it is now — after the lock, never before — through
//     package input (regular files only, size limit Options.MaxSize);
//  5. calls edit with the contents (exists is false, and old nil, for a
//     file that does not exist yet); an error from edit is returned as it
//     is and nothing is written; the same bytes back mean nothing to write;
//  6. writes the result with atomicfile.Write (temp file, fsync, rename;
//     symlink target, mode, group and owner kept; a read-only file is
//     refused with *atomicfile.ReadOnlyError, checked before edit runs);
//  7. removes the lock file and releases the lock.
//
// Readers do not lock: the atomic rename means they see the old file or
// the new one. Lock files are removed after use; a waiter that locked a
// lock file just as its holder removed it notices (the path no longer
// names the file it locked) and tries again, so two processes never both
// hold the lock. The lock is advisory: editors and other programs do not
// take it, which is why step 4 reads the file only once the lock is held.
//
// In internal/cli, use the helper that maps these errors to exit code 2
// with a message naming --wait (internal/cli/write.go): e.updateFile.
package lockedfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cite-project/cite/internal/atomicfile"
	"github.com/cite-project/cite/internal/input"
)

// DefaultWait is how long Update waits for another writer by default.
const DefaultWait = 5 * time.Second

// Options tune Update. The zero value is ready to use.
type Options struct {
	// Wait is how long to wait for the lock; zero means DefaultWait and a
	// negative value means not to wait at all.
	Wait time.Duration
	// MaxSize is the largest file Update reads; zero means input.DefaultLimit.
	MaxSize int64
	// Notify, when set, is told of things worth a line on standard error:
	// stale temporary files removed, waiting for another writer.
	Notify func(msg string)
}

// LockError reports that the lock could not be had within the wait.
type LockError struct {
	Path     string        // the file to be written, as given
	LockPath string        // the lock file
	Wait     time.Duration // how long Update waited
}

// Error says that the lock could not be had and why that is probably so.
func (e *LockError) Error() string {
	return fmt.Sprintf("could not get the lock on %s within %v: another cite command is writing it (lock file %s)",
		e.Path, e.Wait, e.LockPath)
}

// Update changes the file at path under an exclusive lock; see the package
// documentation for the steps.
func Update(path string, opts Options, edit func(old []byte, exists bool) ([]byte, error)) error {
	target, err := atomicfile.Target(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	l, err := lock(path, target, opts)
	if err != nil {
		return err
	}
	defer l.unlock()
	old, exists, err := readLocked(path, target, opts)
	if err != nil {
		return err
	}
	data, err := edit(old, exists)
	if err != nil {
		return err
	}
	if exists && bytes.Equal(data, old) {
		return nil
	}
	return atomicfile.Write(target, data)
}

// readLocked is steps 3 and 4 of Update for a file whose lock is held:
// stale temporary files removed, the file read, a read-only file refused.
func readLocked(path, target string, opts Options) (old []byte, exists bool, err error) {
	if removed, err := atomicfile.CleanStale(target, atomicfile.StaleAge); err == nil && opts.Notify != nil {
		for _, r := range removed {
			opts.Notify(fmt.Sprintf("removed %s, a temporary file left by an interrupted write more than an hour ago", r))
		}
	}
	old, err = input.ReadFile(target, opts.MaxSize)
	exists = err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, false, err
	}
	if exists {
		// Refuse a read-only file before the caller does its work.
		if err := atomicfile.CheckWritable(path); err != nil {
			return nil, false, err
		}
	}
	return old, exists, nil
}

// UpdateAll is Update for several files that change together (a merge
// that moves a record from one file to another). It takes their locks in
// one order every caller shares, whatever the order of paths (by resolved
// path), so that two commands locking the same files never each hold one
// lock and wait for the other; then it reads every file and calls edit
// once with their contents by path (a file that does not exist is absent
// from old). It writes the files edit returns, in the order of paths, so
// that the caller chooses which is written first; a file left out, or
// returned unchanged, is not written. An error from edit writes nothing.
// Paths naming one file (through links) take its lock once.
func UpdateAll(paths []string, opts Options, edit func(old map[string][]byte) (map[string][]byte, error)) error {
	targets := make([]string, len(paths))
	for i, p := range paths {
		t, err := atomicfile.Target(p)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		targets[i] = t
	}
	order := make([]int, len(paths))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(targets[a], targets[b]) })
	locked := map[string]bool{}
	for _, i := range order {
		if locked[targets[i]] {
			continue
		}
		l, err := lock(paths[i], targets[i], opts)
		if err != nil {
			return err
		}
		defer l.unlock()
		locked[targets[i]] = true
	}
	old := map[string][]byte{}
	for i, p := range paths {
		data, exists, err := readLocked(p, targets[i], opts)
		if err != nil {
			return err
		}
		if exists {
			old[p] = data
		}
	}
	out, err := edit(old)
	if err != nil {
		return err
	}
	for i, p := range paths {
		data, ok := out[p]
		if !ok {
			continue
		}
		if prev, exists := old[p]; exists && bytes.Equal(prev, data) {
			continue
		}
		if err := atomicfile.Write(targets[i], data); err != nil {
			return err
		}
	}
	return nil
}

// Lock is a held lock on a file; see Acquire.
type Lock struct {
	l *held
}

// Acquire takes the lock Update takes on path, for callers that must hold
// it across more than one read and write (merging two files, say). Release
// it with Unlock. Prefer Update.
func Acquire(path string, opts Options) (*Lock, error) {
	target, err := atomicfile.Target(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	l, err := lock(path, target, opts)
	if err != nil {
		return nil, err
	}
	return &Lock{l: l}, nil
}

// Unlock releases the lock.
func (l *Lock) Unlock() {
	if l != nil && l.l != nil {
		l.l.unlock()
		l.l = nil
	}
}

// LockPath returns the lock file that guards target (a resolved path).
func LockPath(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".lock")
}

// held is an acquired lock file.
type held struct {
	path string
	f    *os.File
}

func (h *held) unlock() {
	// Remove first, then release: a waiter that gets the lock on the
	// removed file sees that the path no longer names it and tries again.
	os.Remove(h.path)
	release(h.f)
	h.f.Close()
}

// lock acquires the lock for target, polling until opts.Wait has passed.
func lock(path, target string, opts Options) (*held, error) {
	wait := opts.Wait
	if wait == 0 {
		wait = DefaultWait
	}
	wait = max(wait, 0)
	lp := LockPath(target)
	deadline := time.Now().Add(wait)
	delay := 2 * time.Millisecond
	told := false
	for {
		f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE|noFollow, 0o666)
		if err != nil {
			if errors.Is(err, fs.ErrPermission) {
				return nil, fmt.Errorf("lock %s: cannot create the lock file %s (permission denied): cite writes a lock file and a temporary file beside the file it changes, so it needs write permission on %s", path, lp, filepath.Dir(lp))
			}
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if ok {
			if same(f, lp) {
				return &held{path: lp, f: f}, nil
			}
			// The previous holder removed this lock file: start again.
			release(f)
			f.Close()
			continue
		}
		f.Close()
		if !time.Now().Before(deadline) {
			return nil, &LockError{Path: path, LockPath: lp, Wait: wait}
		}
		if !told && opts.Notify != nil && delay >= 64*time.Millisecond {
			opts.Notify(fmt.Sprintf("waiting up to %v for another cite command to finish writing %s", wait, path))
			told = true
		}
		time.Sleep(min(delay, time.Until(deadline)+time.Millisecond))
		delay = min(delay*2, 100*time.Millisecond)
	}
}

// same reports whether the open file f is still the file at path.
func same(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	if err != nil {
		return false
	}
	return os.SameFile(a, b)
}
