//go:build unix

package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/lockedfile"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/testkit"
)

// These tests run cite as real processes: the test binary re-executes
// itself as the cite command (see TestMain), so that locks, signals and
// resource limits act on separate processes as they do for users.

const asCite = "CITE_TEST_RUN_AS_CITE"

func TestMain(m *testing.M) {
	if os.Getenv(asCite) == "1" {
		if s := os.Getenv("CITE_TEST_FSIZE"); s != "" {
			n, _ := strconv.ParseUint(s, 10, 64)
			// A file size limit makes writes fail as a full disk does
			// (EFBIG instead of ENOSPC); Go ignores the SIGXFSZ it raises.
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
				fmt.Fprintln(os.Stderr, "setrlimit:", err)
				os.Exit(3)
			}
		}
		if s := os.Getenv("CITE_TEST_AS"); s != "" {
			n, _ := strconv.ParseUint(s, 10, 64)
			// A cap on the address space, so that a regression that reads
			// /dev/zero dies quickly instead of eating the machine.
			if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
				fmt.Fprintln(os.Stderr, "setrlimit:", err)
				os.Exit(3)
			}
		}
		os.Args[0] = "cite"
		main()
		return
	}
	// The cite processes the tests start cache into a temporary directory,
	// never the user's.
	testkit.RunIsolated(m)
}

// citeCmd returns a command that runs cite with args in dir.
func citeCmd(dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), asCite+"=1"), env...)
	return cmd
}

// writeBib writes n BibTeX entries with ids prefix0001… to path.
func writeBib(t *testing.T, path, prefix string, n int) {
	t.Helper()
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "@book{%s%04d,\n  author = {Family%d, Given},\n  title = {Title number %d of %s},\n  publisher = {Publisher},\n  address = {Almaty},\n  year = {%d}\n}\n\n",
			prefix, i, i, i, prefix, 1950+i%70)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ids returns the reference ids of the library file at path, and fails
// the test if it does not load.
func ids(t *testing.T, path string) map[string]int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lib, _, err := store.Decode(path, data)
	if err != nil {
		t.Fatalf("%s does not load: %v", path, err)
	}
	got := map[string]int{}
	for _, e := range lib.Entries {
		got[e.ID]++
	}
	return got
}

func prefixed(m map[string]int, prefix string) int {
	n := 0
	for id := range m {
		if strings.HasPrefix(id, prefix) {
			n++
		}
	}
	return n
}

const seedLibrary = "# my library\n\n[[reference]]\nid = \"mine\"\ntype = \"book\"\ntitle = \"Kept\"\n"

// TestConcurrentImports is the regression test for the lost update: two
// `cite import … --into lib.toml` at once lost one import's 1,500
// references in 48 of 50 runs while both exited 0.
//
// What it checks holds whatever the timing, so that a loaded machine can
// slow the test down but not fail it: every import either lands all its
// references and exits 0, or exits 2 with the lock-timeout message having
// written nothing; the file always loads, keeps the library's own
// reference, holds no id twice and nothing else; at least one import lands;
// no lock or temporary file is left. Where the two imports must meet, the
// test makes them meet instead of hoping they do: it holds the library's
// lock itself until both are waiting for it.
func TestConcurrentImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cite processes")
	}
	dir := t.TempDir()
	const n = 1500
	writeBib(t, filepath.Join(dir, "a.bib"), "a", n)
	writeBib(t, filepath.Join(dir, "b.bib"), "b", n)
	lib := filepath.Join(dir, "lib.toml")
	rounds := []struct {
		name string
		// wait is the imports' --wait ("" for the default).
		wait string
		// hold: the test holds the lock until both imports wait for it,
		// then lets them go; with a wait no load can exhaust, both land.
		hold bool
		reps int
	}{
		{"both wait for a held lock", "1h", true, 3},
		{"no wait", "0s", false, 3},
		{"default wait", "", false, 3},
	}
	lockedOut := 0
	defer func() { t.Logf("%d imports were locked out (exit 2) in the rounds that allow it", lockedOut) }()
	for _, r := range rounds {
		for rep := range r.reps {
			if err := os.WriteFile(lib, []byte(seedLibrary), 0o644); err != nil {
				t.Fatal(err)
			}
			var held *lockedfile.Lock
			if r.hold {
				var err error
				if held, err = lockedfile.Acquire(lib, lockedfile.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			imports := map[string]*citeRun{}
			for _, src := range []string{"a", "b"} {
				args := []string{"import", src + ".bib", "--into", "lib.toml"}
				if r.wait != "" {
					args = append(args, "--wait", r.wait)
				}
				imports[src] = startCite(t, dir, args...)
			}
			if r.hold {
				for src, c := range imports {
					select {
					case <-c.waiting:
					case <-c.done:
						t.Fatalf("%s round %d: import %s.bib ended (exit %d) while the test held the lock\n%s",
							r.name, rep, src, c.code, c.stderr.String())
					}
				}
				held.Unlock()
			}
			for _, c := range imports {
				<-c.done
			}
			landedAny := false
			got := ids(t, lib)
			for src, c := range imports {
				landed := prefixed(got, src)
				switch {
				case c.code == 0 && landed == n:
					landedAny = true
				case c.code == 2 && !r.hold && landed == 0 &&
					strings.Contains(c.stderr.String(), "could not get the lock") && strings.Contains(c.stderr.String(), "nothing was written"):
					lockedOut++
				default:
					t.Errorf("%s round %d: import %s.bib exited %d with %d of its %d references in the file\n%s",
						r.name, rep, src, c.code, landed, n, c.stderr.String())
				}
			}
			if !landedAny {
				t.Errorf("%s round %d: neither import landed", r.name, rep)
			}
			if got["mine"] != 1 {
				t.Errorf("%s round %d: the library's own reference is gone", r.name, rep)
			}
			for id, k := range got {
				if k != 1 {
					t.Errorf("%s round %d: %s is in the file %d times", r.name, rep, id, k)
				}
			}
			if len(got) != 1+prefixed(got, "a")+prefixed(got, "b") {
				t.Errorf("%s round %d: unexpected ids in the file", r.name, rep)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp-") || strings.HasSuffix(e.Name(), ".lock") {
					t.Errorf("%s round %d: %s left behind", r.name, rep, e.Name())
				}
			}
		}
	}
}

// citeRun is a cite process started by startCite.
type citeRun struct {
	stderr  lockedBuffer
	waiting chan struct{} // closed when cite says it waits for the lock
	done    chan struct{} // closed when the process has ended; code is set
	code    int
}

// startCite starts cite with args in dir without waiting for it.
func startCite(t *testing.T, dir string, args ...string) *citeRun {
	t.Helper()
	c := &citeRun{waiting: make(chan struct{}), done: make(chan struct{})}
	c.stderr.mark, c.stderr.seen = "waiting up to", c.waiting
	cmd := citeCmd(dir, nil, args...)
	cmd.Stderr = &c.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(c.done)
		cmd.Wait()
		c.code = cmd.ProcessState.ExitCode()
	}()
	return c
}

// lockedBuffer collects a process's standard error and closes seen the
// first time mark appears in it.
type lockedBuffer struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	mark string
	seen chan struct{}
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	if b.seen != nil && strings.Contains(b.buf.String(), b.mark) {
		close(b.seen)
		b.seen = nil
	}
	return n, err
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestKillDuringImport: kill -9 at any moment of an import leaves the old
// file or the new one, never a partial one, and the next import still
// gets the lock (the kernel releases a dead process's flock).
func TestKillDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cite processes")
	}
	dir := t.TempDir()
	writeBib(t, filepath.Join(dir, "big.bib"), "k", 4000)
	// The complete result, for comparison.
	lib := filepath.Join(dir, "lib.toml")
	os.WriteFile(lib, []byte(seedLibrary), 0o644)
	if out, err := citeCmd(dir, nil, "import", "big.bib", "--into", "lib.toml").CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	newer, _ := os.ReadFile(lib)
	rng := rand.New(rand.NewPCG(1, 2))
	counts := map[string]int{}
	for run := range 25 {
		os.WriteFile(lib, []byte(seedLibrary), 0o644)
		cmd := citeCmd(dir, nil, "import", "big.bib", "--into", "lib.toml")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(600)) * time.Millisecond)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		got, err := os.ReadFile(lib)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case string(got) == seedLibrary:
			counts["old"]++
		case bytes.Equal(got, newer):
			counts["new"]++
		default:
			t.Fatalf("run %d: after kill -9 the file is neither the old nor the new one (%d bytes)", run, len(got))
		}
	}
	t.Logf("after kill -9: %v", counts)
	// Temporary files of the killed writes may remain; the lock may not.
	os.WriteFile(lib, []byte(seedLibrary), 0o644)
	if out, err := citeCmd(dir, nil, "import", "big.bib", "--into", "lib.toml", "--wait", "1s").CombinedOutput(); err != nil {
		t.Fatalf("import after the kills: %v\n%s", err, out)
	}
}

// TestFullDiskFailsCleanly: when the disk fills during the write (here a
// file size limit, which fails the write the same way), import exits 2
// with a plain message, the library is unchanged and no temporary file is
// left behind.
func TestFullDiskFailsCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cite processes")
	}
	dir := t.TempDir()
	writeBib(t, filepath.Join(dir, "big.bib"), "f", 2000)
	lib := filepath.Join(dir, "lib.toml")
	os.WriteFile(lib, []byte(seedLibrary), 0o644)
	cmd := citeCmd(dir, []string{"CITE_TEST_FSIZE=65536"}, "import", "big.bib", "--into", "lib.toml")
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); err == nil || code != 2 {
		t.Fatalf("import onto a full disk: exit %d (%v); want 2\n%s", code, err, out)
	}
	if strings.Contains(string(out), "goroutine") || !strings.Contains(string(out), "lib.toml") {
		t.Errorf("output is not a plain message naming the file:\n%s", out)
	}
	if got, _ := os.ReadFile(lib); string(got) != seedLibrary {
		t.Errorf("the library changed after a failed write")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestDevZeroRSS is the regression test for /dev/zero as --style,
// --library, import source or manuscript, and for an endless standard
// input, eating memory until the process was killed: each exits 2 at once,
// and the process's peak resident memory stays small.
func TestDevZeroRSS(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cite processes")
	}
	refs := filepath.Join("..", "..", "refs")
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"library", "", []string{"--library", "/dev/zero", "check"}, "not a regular file"},
		{"style", "", []string{"--library", refs, "format", "--style", "/dev/zero"}, "not a regular file"},
		{"import", "", []string{"import", "/dev/zero"}, "not a regular file"},
		{"manuscript", "", []string{"--library", refs, "verify", "--manuscript", "/dev/zero"}, "not a regular file"},
		{"manuscript-stdin", "/dev/zero", []string{"--max-input", "16MiB", "--library", refs, "verify", "--manuscript", "-"}, "larger than the input limit of 16 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var env []string
			if !raceEnabled {
				env = []string{"CITE_TEST_AS=" + strconv.Itoa(2<<30)}
			}
			cmd := citeCmd(".", env, tt.args...)
			if tt.stdin != "" {
				f, err := os.Open(tt.stdin)
				if err != nil {
					t.Skip(err)
				}
				defer f.Close()
				cmd.Stdin = f
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			done := make(chan error, 1)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(time.Minute):
				cmd.Process.Kill()
				<-done
				t.Fatalf("cite %s did not end within a minute", strings.Join(tt.args, " "))
			}
			if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("cite %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, stderr.String(), tt.want)
			}
			ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			if !ok {
				return
			}
			// Maxrss is in KiB on Linux (bytes on macOS: a looser check there).
			limit := int64(200 << 10)
			if raceEnabled {
				limit *= 5 // the race detector's shadow memory
			}
			if rss := ru.Maxrss; rss > limit {
				t.Errorf("cite %s: peak RSS %d MiB; want it bounded by the 16 MiB limit", strings.Join(tt.args, " "), rss>>10)
			} else {
				t.Logf("peak RSS %d MiB", rss>>10)
			}
		})
	}
}

// TestWritesAsAnotherUser runs cite as an unprivileged user (when the
// tests run as root) to check what only a non-root user meets: a file of
// another user's that the directory would let it replace is refused, the
// group is kept when the user belongs to it, and otherwise the write
// succeeds with the user's own group rather than failing.
func TestWritesAsAnotherUser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cite processes")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to run cite as another user")
	}
	const uid, gid, group = 65534, 65534, 100 // nobody, nogroup, a supplementary group
	dir, err := os.MkdirTemp("", "cite-other-user-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o777)
	// The test binary's own directory is private: copy it where the user can run it.
	bin := filepath.Join(dir, "cite")
	data, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	writeBib(t, filepath.Join(dir, "new.bib"), "n", 3)
	run := func(lib string) (int, string) {
		cmd := exec.Command(bin, "import", "new.bib", "--into", lib)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), asCite+"=1")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uid, Gid: gid, Groups: []uint32{group}}}
		out, _ := cmd.CombinedOutput()
		return cmd.ProcessState.ExitCode(), string(out)
	}
	owned := func(name string, u, g int, mode os.FileMode) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(seedLibrary), 0o600)
		os.Chown(p, u, g)
		os.Chmod(p, mode)
		return name
	}
	stat := func(name string) (int, int, os.FileMode) {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		st := info.Sys().(*syscall.Stat_t)
		return int(st.Uid), int(st.Gid), info.Mode().Perm()
	}

	// Another user's file, 0644: the directory allows a rename, the file does not allow a write.
	lib := owned("roots.toml", 0, 0, 0o644)
	if code, out := run(lib); code != 2 || !strings.Contains(out, "read-only: roots.toml is not writable by you") {
		t.Errorf("import into root's 0644 file as nobody: exit %d\n%s", code, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, lib)); string(got) != seedLibrary {
		t.Error("root's file changed")
	}
	// The user's file in one of its groups: the group is kept.
	lib = owned("shared.toml", uid, group, 0o660)
	if code, out := run(lib); code != 0 {
		t.Fatalf("import into nobody:%d 0660: exit %d\n%s", group, code, out)
	}
	if u, g, m := stat(lib); u != uid || g != group || m != 0o660 {
		t.Errorf("after the write: %d:%d %v; want %d:%d 0660", u, g, m, uid, group)
	}
	// The user's file in a group it is not in: written, with the user's group.
	lib = owned("foreign-group.toml", uid, 0, 0o664)
	if code, out := run(lib); code != 0 {
		t.Fatalf("import into nobody:root 0664: exit %d\n%s", code, out)
	}
	if u, g, m := stat(lib); u != uid || g != gid || m != 0o664 {
		t.Errorf("after the write: %d:%d %v; want %d:%d 0664", u, g, m, uid, gid)
	}
}

// TestRealFullDisk is TestFullDiskFailsCleanly on a filesystem that is
// really full (ENOSPC): a 64 KiB tmpfs, mounted when the tests run as root
// and the system allows it.
func TestRealFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("runs cite processes")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("mount tmpfs: %v", err)
	}
	defer syscall.Unmount(dir, 0)
	src := t.TempDir()
	writeBib(t, filepath.Join(src, "big.bib"), "d", 2000)
	lib := filepath.Join(dir, "lib.toml")
	if err := os.WriteFile(lib, []byte(seedLibrary), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := citeCmd(dir, nil, "import", filepath.Join(src, "big.bib"), "--into", "lib.toml")
	out, _ := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 2 || !strings.Contains(string(out), "no space left on device") || strings.Contains(string(out), "goroutine") {
		t.Errorf("import onto a full disk: exit %d\n%s", code, out)
	}
	if got, _ := os.ReadFile(lib); string(got) != seedLibrary {
		t.Error("the library changed after a failed write")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "lib.toml" {
			t.Errorf("%s left behind on the full disk", e.Name())
		}
	}
}
