//go:build unix

package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/lockedfile"
)

// runCiteWith runs cite in-process with the given standard input and fails
// the test if the command does not return within a minute (a FIFO read
// would block forever).
func runCiteWith(t *testing.T, stdin io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb bytes.Buffer
		e := &env{stdin: stdin, stdout: &out, stderr: &errb, now: func() time.Time { return testNow }}
		c := e.run(context.Background(), append([]string{"cite"}, args...))
		done <- result{c, out.String(), errb.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(time.Minute):
		t.Fatalf("cite %s did not return within a minute", strings.Join(args, " "))
	}
	return
}

// TestSpecialFilesAreRefused is the regression test for a FIFO that
// blocked every command forever and /dev/zero that ate memory: as
// --library, inside a library directory, as import source, --into target,
// style, manuscript and export -o target, each is refused at once with
// exit code 2 and the file named.
func TestSpecialFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := func(name string) string {
		p := filepath.Join(dir, name)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		return p
	}
	libDir := filepath.Join(dir, "lib")
	os.Mkdir(libDir, 0o755)
	os.WriteFile(filepath.Join(libDir, "a.toml"), []byte("[[reference]]\nid = \"a\"\ntype = \"book\"\ntitle = \"A\"\n"), 0o644)
	if err := syscall.Mkfifo(filepath.Join(libDir, "b.toml"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	refs := filepath.Join("..", "..", "refs")
	tests := []struct {
		name string
		args []string
		file string
	}{
		{"library-fifo", []string{"--library", fifo("lib.toml"), "list"}, "lib.toml"},
		{"library-dir-with-fifo", []string{"--library", libDir, "list"}, "b.toml"},
		{"library-dev-zero", []string{"--library", "/dev/zero", "check"}, "/dev/zero"},
		{"library-json-fifo", []string{"--library", fifo("lib.json"), "list"}, "lib.json"},
		{"import-fifo", []string{"import", fifo("in.bib")}, "in.bib"},
		{"import-dev-zero", []string{"import", "/dev/zero"}, "/dev/zero"},
		{"import-into-fifo", []string{"import", filepath.Join("testdata", "import", "small.bib"), "--into", fifo("into.toml")}, "into.toml"},
		{"style-fifo", []string{"--library", refs, "format", "--style", fifo("style.csl")}, "style.csl"},
		{"style-dev-zero", []string{"--library", refs, "format", "--style", "/dev/zero"}, "/dev/zero"},
		{"manuscript-fifo", []string{"--library", refs, "verify", "--manuscript", fifo("essay.md")}, "essay.md"},
		{"manuscript-dev-zero", []string{"--library", refs, "verify", "--manuscript", "/dev/zero"}, "/dev/zero"},
		{"export-to-fifo", []string{"--library", refs, "export", "--to", "bibtex", "-o", fifo("out.bib")}, "out.bib"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := allocated()
			code, _, stderr := runCiteWith(t, strings.NewReader(""), tt.args...)
			if code != ExitUsage || !strings.Contains(stderr, tt.file) || !strings.Contains(stderr, "not a regular file") {
				t.Errorf("cite %s: exit %d, stderr %q; want exit 2 naming %s as not a regular file", strings.Join(tt.args, " "), code, stderr, tt.file)
			}
			if used := allocated() - before; used > 64<<20 {
				t.Errorf("cite %s allocated %d MiB; want it refused before reading", strings.Join(tt.args, " "), used>>20)
			}
		})
	}
}

// allocated returns the bytes this process has allocated so far.
func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// endless is standard input that never ends (cat /dev/zero | cite …).
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// TestStdinIsBounded: an endless standard input stops at the input limit,
// with the limit and how to raise it in the message, and memory bounded
// by the limit.
func TestStdinIsBounded(t *testing.T) {
	refs := filepath.Join("..", "..", "refs")
	// The huge-page advice of package memtune maps its memory with one
	// large object, which never holds data but counts as allocated.
	t.Setenv("GODEBUG", "disablethp=1")
	before := allocated()
	code, _, stderr := runCiteWith(t, endless{}, "--max-input", "1MiB", "--library", refs, "verify", "--manuscript", "-")
	used := allocated() - before
	if code != ExitUsage || !strings.Contains(stderr, "<stdin>:1: larger than the input limit of 1 MiB") || !strings.Contains(stderr, "--max-input") {
		t.Errorf("verify -m - < endless: exit %d, stderr %q; want exit 2 and the limit", code, stderr)
	}
	if used > 16<<20 {
		t.Errorf("reading an endless stdin with a 1 MiB limit allocated %d MiB", used>>20)
	}
}

func TestInputLimitFlagAndEnv(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "lib.toml")
	os.WriteFile(lib, []byte("[[reference]]\nid = \"a\"\ntype = \"book\"\ntitle = \""+strings.Repeat("x", 2000)+"\"\n"), 0o644)
	code, _, stderr := runCite(t, "", "--max-input", "1KiB", "--library", lib, "list")
	if code != ExitUsage || !strings.Contains(stderr, lib+":1: 2 KiB, larger than the input limit of 1 KiB; raise the limit with --max-input") {
		t.Errorf("--max-input 1KiB: exit %d, stderr %q", code, stderr)
	}
	t.Setenv("CITE_MAX_INPUT", "1KiB")
	if code, _, _ := runCite(t, "", "--library", lib, "list"); code != ExitUsage {
		t.Errorf("CITE_MAX_INPUT=1KiB: exit %d; want 2", code)
	}
	t.Setenv("CITE_MAX_INPUT", "4KiB")
	if code, _, stderr := runCite(t, "", "--library", lib, "list"); code != ExitOK {
		t.Errorf("CITE_MAX_INPUT=4KiB: exit %d, %s; want 0", code, stderr)
	}
	if code, _, stderr := runCite(t, "", "--max-input", "lots", "--library", lib, "list"); code != ExitUsage || !strings.Contains(stderr, "--max-input") {
		t.Errorf("--max-input lots: exit %d, %s; want a usage error", code, stderr)
	}
}

// TestTOMLNestingLimit: deep nesting is refused with file:line and the
// flag, before the parser runs; the flag and the variable raise the limit.
func TestTOMLNestingLimit(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "deep.toml")
	deep := func(n int) string {
		return "[[reference]]\nid = \"a\"\ntype = \"book\"\ntitle = \"A\"\n\n[reference.extra]\nx = \"1\"\n\n[weird]\nv = " +
			strings.Repeat("[", n) + "1" + strings.Repeat("]", n) + "\n"
	}
	os.WriteFile(lib, []byte(deep(40)), 0o644)
	code, _, stderr := runCite(t, "", "--library", lib, "list")
	if code != ExitUsage || !strings.Contains(stderr, lib+":10:") || !strings.Contains(stderr, "--max-toml-depth") || !strings.Contains(stderr, "CITE_MAX_TOML_DEPTH") {
		t.Errorf("depth 40: exit %d, stderr %q; want exit 2 with file:line and the flag", code, stderr)
	}
	if code, _, stderr := runCite(t, "", "--max-toml-depth", "50", "--library", lib, "list"); code != ExitOK {
		t.Errorf("depth 40 with --max-toml-depth 50: exit %d, %s; want 0", code, stderr)
	}
	t.Setenv("CITE_MAX_TOML_DEPTH", "50")
	if code, _, stderr := runCite(t, "", "--library", lib, "list"); code != ExitOK {
		t.Errorf("depth 40 with CITE_MAX_TOML_DEPTH=50: exit %d, %s; want 0", code, stderr)
	}
	// import --into reads the target with the same limit.
	t.Setenv("CITE_MAX_TOML_DEPTH", "")
	code, _, stderr = runCite(t, "", "import", filepath.Join("testdata", "import", "small.bib"), "--into", lib)
	if code != ExitUsage || !strings.Contains(stderr, "--max-toml-depth") {
		t.Errorf("import --into a deep file: exit %d, stderr %q; want exit 2 naming the limit", code, stderr)
	}
}

// TestWritesThroughSymlinks: import --into and export -o replace the file
// a symbolic link points to and leave the link a link.
func TestWritesThroughSymlinks(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "shared")
	os.Mkdir(shared, 0o755)
	real := filepath.Join(shared, "lib.toml")
	os.WriteFile(real, []byte("# mine\n"), 0o640)
	os.Chmod(real, 0o640)
	link := filepath.Join(dir, "lib.toml")
	if err := os.Symlink(filepath.Join("shared", "lib.toml"), link); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCite(t, "", "import", filepath.Join("testdata", "import", "small.bib"), "--into", link); code != ExitOK {
		t.Fatalf("import --into link: exit %d, %s", code, stderr)
	}
	assertLink(t, link)
	if b, _ := os.ReadFile(real); !strings.HasPrefix(string(b), "# mine\n") || !strings.Contains(string(b), "knuth1984") {
		t.Errorf("the link's target holds:\n%s", b)
	}
	if info, _ := os.Stat(real); info.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v; want 0640 kept", info.Mode().Perm())
	}
	realBib := filepath.Join(shared, "out.bib")
	os.WriteFile(realBib, nil, 0o600)
	linkBib := filepath.Join(dir, "out.bib")
	os.Symlink(realBib, linkBib)
	if code, _, stderr := runCite(t, "", "--library", link, "export", "--to", "biblatex", "-o", linkBib); code != ExitOK {
		t.Fatalf("export -o link: exit %d, %s", code, stderr)
	}
	assertLink(t, linkBib)
	if b, _ := os.ReadFile(realBib); !strings.Contains(string(b), "knuth1984") {
		t.Errorf("export -o link: target holds %q", b)
	}
	if info, _ := os.Stat(realBib); info.Mode().Perm() != 0o600 {
		t.Errorf("export target mode %v; want 0600 kept", info.Mode().Perm())
	}
}

func assertLink(t *testing.T, path string) {
	t.Helper()
	if info, err := os.Lstat(path); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a symbolic link", path)
	}
}

// TestWritesRefuseReadOnly: a 0444 library or export target is refused
// with exit code 2 and how to allow it, and left untouched.
func TestWritesRefuseReadOnly(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "lib.toml")
	out := filepath.Join(dir, "out.bib")
	for _, p := range []string{lib, out} {
		os.WriteFile(p, []byte("# read-only\n"), 0o444)
		os.Chmod(p, 0o444)
	}
	code, _, stderr := runCite(t, "", "import", filepath.Join("testdata", "import", "small.bib"), "--into", lib)
	if want := "read-only: chmod u+w " + lib + " to allow it"; code != ExitUsage || !strings.Contains(stderr, want) {
		t.Errorf("import --into 0444: exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
	}
	code, _, stderr = runCite(t, "", "--library", filepath.Join("..", "..", "refs"), "export", "--to", "bibtex", "-o", out)
	if want := "read-only: chmod u+w " + out + " to allow it"; code != ExitUsage || !strings.Contains(stderr, want) {
		t.Errorf("export -o 0444: exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
	}
	for _, p := range []string{lib, out} {
		if b, _ := os.ReadFile(p); string(b) != "# read-only\n" {
			t.Errorf("%s changed: %q", p, b)
		}
	}
}

// TestNewFilesFollowUmask: a library file that import --into creates, and
// an export -o file, get 0666 less the umask (not always 0644).
func TestNewFilesFollowUmask(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	lib := filepath.Join(dir, "new.toml")
	if code, _, stderr := runCite(t, "", "import", filepath.Join("testdata", "import", "small.bib"), "--into", lib); code != ExitOK {
		t.Fatalf("import: exit %d, %s", code, stderr)
	}
	out := filepath.Join(dir, "new.bib")
	if code, _, stderr := runCite(t, "", "--library", lib, "export", "--to", "bibtex", "-o", out); code != ExitOK {
		t.Fatalf("export: exit %d, %s", code, stderr)
	}
	for _, p := range []string{lib, out} {
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s under umask 077: mode %v; want 0600", p, info.Mode().Perm())
		}
	}
}

// TestImportIntoLockTimeout: while another process holds the library's
// lock, import --into waits --wait, then exits 2 saying it could not get
// the lock, and writes nothing.
func TestImportIntoLockTimeout(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "lib.toml")
	os.WriteFile(lib, []byte("# locked\n"), 0o644)
	held, err := lockedfile.Acquire(lib, lockedfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Unlock()
	start := time.Now()
	code, _, stderr := runCite(t, "", "import", filepath.Join("testdata", "import", "small.bib"), "--into", lib, "--wait", "300ms")
	if code != ExitUsage || !strings.Contains(stderr, "could not get the lock on "+lib+" within 300ms") || !strings.Contains(stderr, "--wait") {
		t.Errorf("import while locked: exit %d, stderr %q; want exit 2, could not get the lock", code, stderr)
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("gave up after %v; want it to wait --wait 300ms", d)
	}
	if b, _ := os.ReadFile(lib); string(b) != "# locked\n" {
		t.Errorf("the locked file changed: %q", b)
	}
	t.Setenv("CITE_WAIT", "100ms")
	if code, _, stderr := runCite(t, "", "import", filepath.Join("testdata", "import", "small.bib"), "--into", lib); code != ExitUsage || !strings.Contains(stderr, "within 100ms") {
		t.Errorf("CITE_WAIT=100ms: exit %d, %q", code, stderr)
	}
}

// TestImportIntoRemovesStaleTemporaryFiles: a temporary file an earlier,
// killed write left beside the library is removed once it is an hour old,
// and the command says so.
func TestImportIntoRemovesStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "lib.toml")
	os.WriteFile(lib, []byte("# lib\n"), 0o644)
	stale := filepath.Join(dir, ".lib.toml.tmp-123456789")
	os.WriteFile(stale, []byte("[[refer"), 0o600)
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(stale, old, old)
	code, _, stderr := runCite(t, "", "import", filepath.Join("testdata", "import", "small.bib"), "--into", lib)
	if code != ExitOK || !strings.Contains(stderr, fmt.Sprintf("removed %s, a temporary file left by an interrupted write", stale)) {
		t.Errorf("exit %d, stderr %q; want the stale file removed and reported", code, stderr)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale temporary file is still there")
	}
}

// TestEveryRewriteTakesTheLock: each command that rewrites a library file
// (import --into, import --on-duplicate replace, add, fmt -w, merge,
// merge-driver) takes the file's lock. While another process holds it the
// command exits 2 saying it could not get the lock, and the file is
// unchanged; once the lock is free the same command changes the file
// (so the lock, nothing else, stopped it the first time).
func TestEveryRewriteTakesTheLock(t *testing.T) {
	const lib = "# lib\n[[reference]]\nid = \"a\"\ntype = \"book\"\ntitle   =   \"First\"\n\n[[reference]]\nid = \"b\"\ntype = \"book\"\ntitle = \"Second\"\n"
	const theirs = lib + "\n[[reference]]\nid = \"c\"\ntype = \"book\"\ntitle = \"Theirs\"\n"
	small := filepath.Join("testdata", "import", "small.bib")
	tests := []struct {
		name string
		args []string // LIB is the library file, DIR its directory
	}{
		{"import --into", []string{"import", small, "--into", "LIB"}},
		{"import --on-duplicate replace", []string{"import", "DIR/dup.bib", "--into", "LIB", "--on-duplicate", "replace"}},
		{"add", []string{"--library", "LIB", "add", "--type", "book", "--id", "new", "--into", "LIB"}},
		{"fmt -w", []string{"--library", "LIB", "fmt", "-w"}},
		{"merge", []string{"--library", "LIB", "merge", "a", "b"}},
		{"merge-driver", []string{"merge-driver", "DIR/base.toml", "LIB", "DIR/theirs.toml", "refs/lib.toml"}},
	}
	t.Setenv("CITE_WAIT", "100ms")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "lib.toml")
			for name, body := range map[string]string{
				"lib.toml":    lib,
				"base.toml":   lib,
				"theirs.toml": theirs,
				"dup.bib":     "@book{a, title = {Replaced}, publisher = {P}}\n",
			} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(strings.ReplaceAll(a, "LIB", path), "DIR", dir)
			}
			held, err := lockedfile.Acquire(path, lockedfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCite(t, "", args...)
			held.Unlock()
			if code != ExitUsage || !strings.Contains(stderr, "could not get the lock on "+path) || !strings.Contains(stderr, "nothing was written") {
				t.Errorf("while locked: exit %d, stderr %q; want exit 2 and the lock-timeout message", code, stderr)
			}
			if got, _ := os.ReadFile(path); string(got) != lib {
				t.Errorf("while locked, the file changed:\n%s", got)
			}
			code, _, stderr = runCite(t, "", args...)
			if code != ExitOK {
				t.Errorf("once unlocked: exit %d, stderr %q; want 0", code, stderr)
			}
			if got, _ := os.ReadFile(path); string(got) == lib {
				t.Error("once unlocked, the command did not change the file: the test proves nothing for it")
			}
		})
	}
}

// TestStylesRefuseEntities: what held before the issue and must keep
// holding. A style cannot read a local file through an external entity
// (XXE), and cannot grow through nested internal entities (the "billion
// laughs"): either is an error naming the style, at once, with nothing
// of the entity's text in the output.
func TestStylesRefuseEntities(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.txt")
	os.WriteFile(secret, []byte("TOP-SECRET-CONTENT"), 0o644)
	const body = `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><id>x</id><title>x</title><updated>2024-01-01T00:00:00+00:00</updated></info>` +
		`<citation><layout><text value="&e;"/></layout></citation><bibliography><layout><text value="&e;"/><text variable="title"/></layout></bibliography></style>`
	var laughs strings.Builder
	laughs.WriteString(`<?xml version="1.0"?><!DOCTYPE style [<!ENTITY l0 "lol">`)
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&laughs, `<!ENTITY l%d "%s">`, i, strings.Repeat(fmt.Sprintf("&l%d;", i-1), 10))
	}
	laughs.WriteString(`<!ENTITY e "&l9;">]>`)
	tests := []struct{ name, style string }{
		{"external entity", `<?xml version="1.0"?><!DOCTYPE style [<!ENTITY e SYSTEM "file://` + secret + `">]>` + body},
		{"billion laughs", laughs.String() + body},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "evil.csl")
			os.WriteFile(path, []byte(tt.style), 0o644)
			var (
				code           int
				stdout, stderr string
			)
			allocs := testing.AllocsPerRun(1, func() {
				code, stdout, stderr = runCite(t, "", "--library", filepath.Join("..", "..", "refs"), "format", "--style", path)
			})
			if code != ExitUsage || !strings.Contains(stderr, "evil.csl") {
				t.Errorf("exit %d, stderr %q; want exit 2 naming the style", code, stderr)
			}
			if strings.Contains(stdout+stderr, "TOP-SECRET") || strings.Contains(stdout+stderr, "lollol") {
				t.Errorf("the entity was expanded:\n%s\n%s", stdout, stderr)
			}
			t.Logf("exit %d: %s", code, strings.TrimSpace(stderr))
			if allocs > 1e6 {
				t.Errorf("%.0f allocations to refuse a %d-byte style", allocs, len(tt.style))
			}
		})
	}
}

// TestHostileFieldsAreEscaped: what held before the issue and must keep
// holding. Markup, control words and entities in a reference's fields
// come out as text in every output format: no element or attribute in
// HTML, no block or entity in Markdown, no group or control word in RTF.
func TestHostileFieldsAreEscaped(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "lib.toml")
	os.WriteFile(lib, []byte(`[[reference]]
id = "x"
type = "book"
title = "<script>alert(1)</script> <img src=x onerror=\"alert(2)\"> &amp; {\\rtf1 \\par} [link](javascript:alert(3))"
publisher = "# Heading\n> quote\n- item"
issued = "2001"

[[reference.author]]
family = "</i><b>Doe"
given = "J."
`), 0o644)
	for _, tt := range []struct {
		to  string
		bad []string
	}{
		{"html", []string{"<script", "<img", "<b>", "</i><b>", "&amp;"}},
		{"markdown", []string{"\n# Heading", "\n> quote", "\n- item", "[link](", " &amp;"}},
		{"rtf", []string{`{\rtf1 \par}`, `\par} [link]`}},
	} {
		for _, style := range []string{"apa", "gost"} {
			code, out, stderr := runCite(t, "", "--library", lib, "format", "--style", style, "--to", tt.to)
			if code != ExitOK || !strings.Contains(out, "alert(1)") {
				t.Fatalf("format --style %s --to %s: exit %d, %s\n%s", style, tt.to, code, stderr, out)
			}
			for _, b := range tt.bad {
				if strings.Contains(out, b) {
					t.Errorf("format --style %s --to %s: %q reached the output unescaped:\n%s", style, tt.to, b, out)
				}
			}
		}
	}
}
