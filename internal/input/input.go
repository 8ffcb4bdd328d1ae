// Package input reads the files cite is given — libraries, import sources,
// styles, manuscripts, LaTeX .aux files — so that hostile or mistaken input
// cannot hang a command or exhaust memory.
//
// Every command's reader goes through this package:
//
//   - Only regular files are read (symbolic links are followed). A FIFO, a
//     device such as /dev/zero, a socket or a directory is refused with an
//     error naming what it is, before anything is read: the file is opened
//     with O_NONBLOCK, so that even opening a FIFO with no writer cannot
//     block, and checked with fstat on the open descriptor, so that a file
//     swapped after a check cannot slip through.
//   - "-" means standard input; ReadPath reads it when the caller passes the
//     reader.
//   - Everything is read with a size limit (DefaultLimit unless the caller
//     gives another): a file larger than the limit is refused from its size
//     before it is read, and a stream, or a file that grows while it is read,
//     stops one byte past the limit. The error says how to raise the limit:
//     cite's global flag --max-input SIZE or the environment variable
//     CITE_MAX_INPUT (see ParseSize for the forms SIZE takes).
//
// Errors are *NotRegularError and *TooLargeError (both name the file), or
// the *fs.PathError of the failed open. Code in internal/cli reads through
// the helper readInput (internal/cli/input.go), which applies the limit the
// user chose; packages that read files themselves (store.Load) take the
// limit as a parameter. Never call os.ReadFile on a path a user gave.
package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// DefaultLimit is the largest input cite reads unless told otherwise:
// 256 MiB, four times a 100,000-reference library in one TOML file.
const DefaultLimit int64 = 256 << 20

// LimitHint says how a user raises the input size limit; error messages end with it.
const LimitHint = "raise the limit with --max-input SIZE (e.g. --max-input 1GiB) or CITE_MAX_INPUT"

// Stdin is the path that names standard input.
const Stdin = "-"

// NotRegularError reports a path that is not a regular file: reading a
// FIFO could block forever and reading a device could never end.
type NotRegularError struct {
	Path string
	Kind string // "a named pipe (FIFO)", "a device", "a directory", …
}

// Error returns "PATH: is a named pipe (FIFO), not a regular file; …".
func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s: is %s, not a regular file; cite reads only regular files (or - for standard input)", e.Path, e.Kind)
}

// TooLargeError reports input larger than the size limit.
type TooLargeError struct {
	Path  string
	Limit int64
	Size  int64 // the file's size, or 0 for a stream that went past the limit
}

// Error returns "PATH:1: larger than the input limit of N; raise …".
func (e *TooLargeError) Error() string {
	size := "larger than"
	if e.Size > 0 {
		size = FormatSize(e.Size) + ", larger than"
	}
	return fmt.Sprintf("%s:1: %s the input limit of %s; %s", e.Path, size, FormatSize(e.Limit), LimitHint)
}

// ReadFile reads the regular file at path, refusing it when it holds more
// than limit bytes (limit <= 0 means DefaultLimit).
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpen(f, path, limit)
}

// ReadFileInto is ReadFile reading into dst's memory when it has room
// for the file (and into a new buffer otherwise): a reader that looks at
// many files and keeps none of them, such as one that only checksums
// them, reuses one buffer. The data it returns is dst's when it fits.
func ReadFileInto(dst []byte, path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpenInto(dst, f, path, limit)
}

// ReadPath reads path, or stdin when path is "-" (then name is "<stdin>").
// It returns the data and the name to use in messages.
func ReadPath(path string, stdin io.Reader, limit int64) (data []byte, name string, err error) {
	if path == Stdin {
		if stdin == nil {
			return nil, "<stdin>", errors.New("standard input is not available here")
		}
		data, err = Read(stdin, "<stdin>", limit)
		return data, "<stdin>", err
	}
	data, err = ReadFile(path, limit)
	return data, path, err
}

// Read reads r to its end, or fails with a *TooLargeError (naming name)
// after limit bytes (limit <= 0 means DefaultLimit).
func Read(r io.Reader, name string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Path: name, Limit: limit}
	}
	return data, nil
}

// Open opens path for reading without blocking, and returns it only when
// it is a regular file (after following symbolic links).
func Open(path string) (*os.File, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, &NotRegularError{Path: path, Kind: kind(info.Mode())}
	}
	return f, nil
}

// CheckRegular reports, without opening it, whether path names a regular
// file; it returns the same errors as Open. Directory walkers use it to
// refuse a FIFO among a library's files before anything tries to read it.
func CheckRegular(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return &NotRegularError{Path: path, Kind: kind(info.Mode())}
	}
	return nil
}

func readOpen(f *os.File, path string, limit int64) ([]byte, error) {
	return readOpenInto(nil, f, path, limit)
}

// readOpenInto is readOpen reading into dst's memory when it has room.
func readOpenInto(dst []byte, f *os.File, path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, &TooLargeError{Path: path, Limit: limit, Size: info.Size()}
	}
	// Read into a buffer the size of the file (plus room to notice that it
	// grew), as os.ReadFile does, so that a large library is read in one go.
	if int64(cap(dst)) < info.Size()+512 {
		dst = make([]byte, 0, info.Size()+512)
	}
	buf := bytes.NewBuffer(dst[:0])
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(buf.Len()) > limit {
		return nil, &TooLargeError{Path: path, Limit: limit} // it grew while being read
	}
	return buf.Bytes(), nil
}

// kind names a file mode that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "not a plain file (" + m.Type().String() + ")"
}

// ParseSize reads a size such as 1048576, 512KiB, 64MiB, 1GiB (also KB,
// MB, GB, K, M, G, all as powers of 1024; case does not matter).
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"TIB", 1 << 40}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"TB", 1 << 40}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("size %q: give a positive number of bytes, optionally with KiB, MiB or GiB", s)
	}
	return n * mult, nil
}

// FormatSize writes n bytes the way ParseSize reads them: "256 MiB",
// "1.5 GiB", "100 bytes".
func FormatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size {
			if n%u.size == 0 {
				return fmt.Sprintf("%d %s", n/u.size, u.name)
			}
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.size), u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}
