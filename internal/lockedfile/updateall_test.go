package lockedfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestUpdateAllLocksInOneOrder: whatever the order of its paths, UpdateAll
// takes the locks by resolved path, so two merges of the same files never
// hold one lock each while waiting for the other. Here the test holds b;
// UpdateAll([b, a]) must take a's lock first and then wait for b (taking
// b first it would hold nothing while waiting). Nothing depends on timing:
// the test waits for a's lock to be taken, however long that is.
func TestUpdateAllLocksInOneOrder(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.toml"), filepath.Join(dir, "b.toml")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("old "+filepath.Base(p)+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	hold, err := Acquire(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- UpdateAll([]string{b, a}, Options{Wait: time.Hour}, func(old map[string][]byte) (map[string][]byte, error) {
			return map[string][]byte{a: []byte("new a\n"), b: append(old[b], "more\n"...)}, nil
		})
	}()
	giveUp := time.Now().Add(time.Minute) // only to fail rather than hang
	for {
		if time.Now().After(giveUp) {
			t.Fatal("UpdateAll never took a's lock while b was held: it locks in the order of its paths")
		}
		l, err := Acquire(a, Options{Wait: -1})
		var le *LockError
		if errors.As(err, &le) {
			break // UpdateAll holds a, and waits for b
		}
		if err != nil {
			t.Fatal(err)
		}
		l.Unlock()
		select {
		case err := <-done:
			t.Fatalf("UpdateAll returned %v while b was locked", err)
		default:
		}
		time.Sleep(time.Millisecond)
	}
	hold.Unlock()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{a: "new a\n", b: "old b.toml\nmore\n"} {
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Errorf("%s = %q; want %q", filepath.Base(p), got, want)
		}
	}
}

// TestUpdateAllEditErrorWritesNothing: an error from edit leaves every file
// as it was, and a file edit leaves out or returns unchanged is not written.
func TestUpdateAllEditErrorWritesNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.toml"), filepath.Join(dir, "b.toml")
	os.WriteFile(a, []byte("a\n"), 0o644)
	os.WriteFile(b, []byte("b\n"), 0o644)
	boom := errors.New("boom")
	err := UpdateAll([]string{a, b}, Options{}, func(old map[string][]byte) (map[string][]byte, error) {
		return map[string][]byte{a: []byte("x\n")}, boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v; want the edit's", err)
	}
	before, _ := os.Stat(b)
	err = UpdateAll([]string{a, b}, Options{}, func(old map[string][]byte) (map[string][]byte, error) {
		return map[string][]byte{a: []byte("x\n"), b: old[b]}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(b)
	if got, _ := os.ReadFile(a); string(got) != "x\n" {
		t.Errorf("a = %q; want x", got)
	}
	if !os.SameFile(before, after) {
		t.Errorf("b was rewritten though unchanged")
	}
	for _, p := range []string{a, b} {
		if _, err := os.Stat(LockPath(p)); !os.IsNotExist(err) {
			t.Errorf("lock file of %s left behind", filepath.Base(p))
		}
	}
}
