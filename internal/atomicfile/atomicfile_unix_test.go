//go:build unix

package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeFile(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile's mode is subject to the umask
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWriteThroughSymlink is the regression test for a symlinked library
// (dotfiles, a library shared from another folder) that was replaced by a
// regular file while the file it pointed to stayed stale.
func TestWriteThroughSymlink(t *testing.T) {
	root := t.TempDir()
	shared := filepath.Join(root, "shared")
	home := filepath.Join(root, "home")
	for _, d := range []string{shared, home} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	real := filepath.Join(shared, "lib.toml")
	writeFile(t, real, "old", 0o640)
	// home/lib.toml → home/middle.toml → ../shared/lib.toml (relative links)
	if err := os.Symlink(filepath.Join("..", "shared", "lib.toml"), filepath.Join(home, "middle.toml")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(home, "lib.toml")
	if err := os.Symlink("middle.toml", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new")); err != nil {
		t.Fatalf("Write(symlink): %v", err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: Lstat = %v, %v; want a symbolic link", info, err)
	}
	if got := readFile(t, real); got != "new" {
		t.Errorf("target holds %q; want %q", got, "new")
	}
	if info, _ := os.Stat(real); info.Mode().Perm() != 0o640 {
		t.Errorf("target mode = %v; want 0640", info.Mode().Perm())
	}
	for _, d := range []string{shared, home} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Errorf("temporary file %s left in %s", e.Name(), d)
			}
		}
	}
}

func TestWriteDanglingSymlinkCreatesTarget(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "lib.toml")
	if err := os.Symlink("real.toml", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new")); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if got := readFile(t, filepath.Join(dir, "real.toml")); got != "new" {
		t.Errorf("real.toml = %q; want %q", got, "new")
	}
}

func TestWriteSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.Symlink("b", a)
	os.Symlink("a", b)
	if err := Write(a, []byte("x")); err == nil {
		t.Error("Write through a symlink loop succeeded; want an error")
	}
}

// TestWriteKeepsPermissions is the regression test for group ownership
// and mode bits beyond rw that were lost on every write.
func TestWriteKeepsPermissions(t *testing.T) {
	for _, mode := range []os.FileMode{0o600, 0o664, 0o755, 0o640 | os.ModeSetgid} {
		path := filepath.Join(t.TempDir(), "lib.toml")
		writeFile(t, path, "old", mode)
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		if err := Write(path, []byte("new")); err != nil {
			t.Fatalf("Write: %v", err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode() & (os.ModePerm | os.ModeSetgid); got != mode {
			t.Errorf("mode after Write = %v; want %v", got, mode)
		}
	}
}

func TestWriteKeepsOwnerAndGroup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.toml")
	writeFile(t, path, "old", 0o664)
	uid, gid := os.Getuid(), os.Getgid()
	if os.Geteuid() == 0 {
		// root may give the file away: then both must be kept.
		uid, gid = 65534, 65534
	} else if groups, _ := os.Getgroups(); len(groups) > 1 {
		// a user may give it to another of their groups.
		for _, g := range groups {
			if g != gid {
				gid = g
				break
			}
		}
	} else {
		t.Skip("not root and in one group only: nothing to change ownership to")
	}
	if err := os.Chown(path, uid, gid); err != nil {
		t.Skipf("chown: %v", err)
	}
	if err := Write(path, []byte("new")); err != nil {
		t.Fatalf("Write: %v", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := info.Sys().(*syscall.Stat_t)
	if int(st.Uid) != uid || int(st.Gid) != gid {
		t.Errorf("owner:group after Write = %d:%d; want %d:%d", st.Uid, st.Gid, uid, gid)
	}
}

// TestWriteRefusesReadOnly is the regression test for a 0444 file that
// was silently replaced.
func TestWriteRefusesReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.toml")
	writeFile(t, path, "old", 0o444)
	err := Write(path, []byte("new"))
	var ro *ReadOnlyError
	if !errors.As(err, &ro) {
		t.Fatalf("Write(0444 file) error = %v; want a *ReadOnlyError", err)
	}
	if want := "read-only: chmod u+w " + path + " to allow it"; err.Error() != want {
		t.Errorf("error = %q; want %q", err, want)
	}
	if got := readFile(t, path); got != "old" {
		t.Errorf("read-only file now holds %q; want it untouched", got)
	}
	if err := CheckWritable(path); !errors.As(err, &ro) {
		t.Errorf("CheckWritable(0444 file) = %v; want a *ReadOnlyError", err)
	}
}

// TestWriteNewFileFollowsUmask is the regression test for new files that
// got 0644 even under umask 077.
func TestWriteNewFileFollowsUmask(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		umask int
		want  os.FileMode
	}{{0o077, 0o600}, {0o022, 0o644}, {0o002, 0o664}} {
		old := syscall.Umask(tt.umask)
		path := filepath.Join(dir, fmt.Sprintf("new-%o.toml", tt.umask))
		err := Write(path, []byte("x"))
		syscall.Umask(old)
		if err != nil {
			t.Fatalf("Write: %v", err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != tt.want {
			t.Errorf("new file under umask %03o has mode %v; want %v", tt.umask, info.Mode().Perm(), tt.want)
		}
	}
}

// TestCleanStale is the regression test for .lib.toml.tmp-* files from a
// killed write that were never cleaned up.
func TestCleanStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.toml")
	writeFile(t, path, "x", 0o644)
	old := time.Now().Add(-2 * time.Hour)
	files := map[string]bool{ // name → should be removed
		".lib.toml.tmp-123456":  true,
		".lib.toml.tmp-99":      true,
		".lib.toml.tmp-7young":  false, // not our pattern
		".lib.toml.tmp-":        false,
		".other.toml.tmp-12345": false, // another file's
		"lib.toml.tmp-12345":    false, // not hidden: not ours
		".lib.toml.lock":        false,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		writeFile(t, p, "partial", 0o600)
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	young := filepath.Join(dir, ".lib.toml.tmp-555")
	writeFile(t, young, "in progress", 0o600) // a concurrent write's
	files[".lib.toml.tmp-555"] = false
	removed, err := CleanStale(path, StaleAge)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 {
		t.Errorf("CleanStale removed %v; want the two stale temporary files", removed)
	}
	for name, gone := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if exists := err == nil; exists == gone {
			t.Errorf("%s: exists = %v after CleanStale; want %v", name, exists, !gone)
		}
	}
}
