package lockedfile

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/atomicfile"
)

func TestUpdateCreatesAndChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.toml")
	err := Update(path, Options{}, func(old []byte, exists bool) ([]byte, error) {
		if exists || old != nil {
			t.Errorf("edit of a new file got exists = %v, old = %q; want false, nil", exists, old)
		}
		return []byte("one\n"), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = Update(path, Options{}, func(old []byte, exists bool) ([]byte, error) {
		if !exists || string(old) != "one\n" {
			t.Errorf("edit got exists = %v, old = %q; want true, %q", exists, old, "one\n")
		}
		return append(old, "two\n"...), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "one\ntwo\n" {
		t.Errorf("file = %q; want %q", got, "one\ntwo\n")
	}
	if _, err := os.Stat(LockPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file left behind: %v", err)
	}
}

func TestUpdateEditErrorWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.toml")
	os.WriteFile(path, []byte("keep"), 0o644)
	boom := errors.New("boom")
	if err := Update(path, Options{}, func([]byte, bool) ([]byte, error) { return []byte("lost"), boom }); !errors.Is(err, boom) {
		t.Fatalf("Update = %v; want the edit's error", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "keep" {
		t.Errorf("file = %q after a failed edit; want it untouched", got)
	}
}

func TestUpdateUnchangedDoesNotWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.toml")
	os.WriteFile(path, []byte("same"), 0o644)
	before, _ := os.Stat(path)
	if err := Update(path, Options{}, func(old []byte, _ bool) ([]byte, error) { return old, nil }); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if !os.SameFile(before, after) {
		t.Error("an edit that changed nothing replaced the file")
	}
}

func TestUpdateRefusesReadOnlyBeforeEdit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.toml")
	os.WriteFile(path, []byte("x"), 0o444)
	os.Chmod(path, 0o444)
	called := false
	err := Update(path, Options{}, func(old []byte, _ bool) ([]byte, error) { called = true; return old, nil })
	var ro *atomicfile.ReadOnlyError
	if !errors.As(err, &ro) || !strings.Contains(err.Error(), "read-only: chmod u+w "+path+" to allow it") {
		t.Errorf("Update(0444) = %v; want the read-only error", err)
	}
	if called {
		t.Error("edit ran on a read-only file")
	}
}

// TestUpdateTimesOut: while the lock is held throughout, Update gives up
// with a *LockError after its wait, or at once with no wait, and never
// runs edit. (Nothing here depends on how fast the machine is: the lock is
// held for longer than any wait.)
func TestUpdateTimesOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.toml")
	held, err := Acquire(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Unlock()
	noEdit := func([]byte, bool) ([]byte, error) {
		t.Error("edit ran without the lock")
		return nil, nil
	}
	start := time.Now()
	err = Update(path, Options{Wait: 300 * time.Millisecond}, noEdit)
	var le *LockError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "could not get the lock") || !strings.Contains(err.Error(), "within 300ms") {
		t.Fatalf("Update while locked = %v; want a *LockError", err)
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("gave up after %v; want it to wait 300ms first", d)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("the file was written without the lock")
	}
	// No wait at all: one attempt, no waiting, no note that it waits.
	var notes []string
	if err := Update(path, Options{Wait: -1, Notify: func(m string) { notes = append(notes, m) }}, noEdit); !errors.As(err, &le) {
		t.Errorf("Update with Wait -1 = %v; want a *LockError", err)
	}
	if len(notes) != 0 {
		t.Errorf("Update with Wait -1 said %q; want it to give up without waiting", notes)
	}
}

// TestUpdateWaitsForHolder: a writer that finds the lock held says that it
// waits, and once the holder lets go it reads what the holder wrote (the
// re-read after locking) and adds to it. The holder lets go when the
// waiter says it waits, not after some time, so the two always meet.
func TestUpdateWaitsForHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.toml")
	held, err := Acquire(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan string, 1)
	go func() {
		note := <-waiting
		if !strings.Contains(note, "waiting up to 1h0m0s") || !strings.Contains(note, path) {
			t.Errorf("note = %q; want it to say that it waits, how long and for which file", note)
		}
		os.WriteFile(path, []byte("holder's\n"), 0o644)
		held.Unlock()
	}()
	notify := func(m string) {
		select {
		case waiting <- m:
		default:
		}
	}
	err = Update(path, Options{Wait: time.Hour, Notify: notify}, func(old []byte, _ bool) ([]byte, error) {
		if string(old) != "holder's\n" {
			t.Errorf("edit read %q; want what the holder wrote (re-read after locking)", old)
		}
		return append(old, "mine\n"...), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "holder's\nmine\n" {
		t.Errorf("file = %q; want the holder's line and the waiter's", got)
	}
}

// TestUpdateConcurrentIncrements runs many read-modify-writes at once; a
// single lost update shows as a count below the number of writers.
func TestUpdateConcurrentIncrements(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "counter")
	link := filepath.Join(dir, "link") // half the writers go through a symlink: one lock for both names
	os.WriteFile(path, []byte("0"), 0o644)
	if err := os.Symlink("counter", link); err != nil {
		t.Fatal(err)
	}
	const writers = 40
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := path
			if i%2 == 1 {
				p = link
			}
			// A wait no load can exhaust: the property is no lost
			// update, not how fast forty writers take turns.
			errs <- Update(p, Options{Wait: time.Hour}, func(old []byte, _ bool) ([]byte, error) {
				n, err := strconv.Atoi(string(old))
				if err != nil {
					return nil, err
				}
				return []byte(strconv.Itoa(n + 1)), nil
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	got, _ := os.ReadFile(path)
	if string(got) != strconv.Itoa(writers) {
		t.Errorf("counter = %s after %d locked increments; want %d", got, writers, writers)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
}

func TestUpdateRemovesStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.toml")
	os.WriteFile(path, []byte("x"), 0o644)
	stale := filepath.Join(dir, ".lib.toml.tmp-4242")
	os.WriteFile(stale, []byte("half"), 0o600)
	old := time.Now().Add(-3 * time.Hour)
	os.Chtimes(stale, old, old)
	var notes []string
	err := Update(path, Options{Notify: func(m string) { notes = append(notes, m) }}, func(b []byte, _ bool) ([]byte, error) { return b, nil })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("stale temporary file was not removed")
	}
	if len(notes) != 1 || !strings.Contains(notes[0], stale) {
		t.Errorf("notes = %q; want one naming %s", notes, stale)
	}
}

func TestUpdateInReadOnlyDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any directory")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.toml")
	os.WriteFile(path, []byte("x"), 0o644)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	err := Update(path, Options{}, func(b []byte, _ bool) ([]byte, error) { return append(b, 'y'), nil })
	if err == nil || !strings.Contains(err.Error(), "needs write permission on "+dir) {
		t.Errorf("Update in a read-only directory = %v; want it to say the directory must be writable", err)
	}
}

func TestLockFileSymlinkIsNotFollowed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.toml")
	elsewhere := filepath.Join(dir, "elsewhere")
	if err := os.Symlink(elsewhere, LockPath(path)); err != nil {
		t.Fatal(err)
	}
	err := Update(path, Options{}, func([]byte, bool) ([]byte, error) { return []byte("x"), nil })
	if err == nil {
		t.Error("Update locked through a symlink planted as the lock file")
	}
	if _, err := os.Stat(elsewhere); err == nil {
		t.Error("the planted symlink's target was created")
	}
}
