package input

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFileRegular(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lib.toml")
	if err := os.WriteFile(path, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path, 0)
	if err != nil || string(got) != "x = 1\n" {
		t.Fatalf("ReadFile = %q, %v; want %q, nil", got, err, "x = 1\n")
	}
	link := filepath.Join(t.TempDir(), "link.toml")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadFile(link, 0); err != nil || string(got) != "x = 1\n" {
		t.Errorf("ReadFile(symlink) = %q, %v; want the target's contents", got, err)
	}
}

func TestReadFileMissing(t *testing.T) {
	_, err := ReadFile(filepath.Join(t.TempDir(), "none.toml"), 0)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(missing) error = %v; want fs.ErrNotExist", err)
	}
}

func TestReadFileSizeLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.bib")
	if err := os.WriteFile(path, bytes.Repeat([]byte("a"), 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path, 1000); err != nil {
		t.Errorf("ReadFile at the limit: %v; want no error", err)
	}
	_, err := ReadFile(path, 999)
	var tl *TooLargeError
	if !errors.As(err, &tl) {
		t.Fatalf("ReadFile over the limit: %v; want a *TooLargeError", err)
	}
	for _, want := range []string{path + ":1:", "999 bytes", "--max-input", "CITE_MAX_INPUT"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

// TestReadFileInto reads files of several sizes into one buffer: the
// contents are the file's whatever the buffer held, the buffer's memory is
// used when the file fits and a new one is made when it does not, and the
// limit holds as for ReadFile.
func TestReadFileInto(t *testing.T) {
	dir := t.TempDir()
	var buf []byte
	for i, size := range []int{0, 10, 5000, 3, 5000, 70000, 1} {
		path := filepath.Join(dir, "f.toml")
		want := bytes.Repeat([]byte{byte('a' + i)}, size)
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		before := buf
		got, err := ReadFileInto(buf, path, 0)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("ReadFileInto(%d bytes) = %d bytes, %v; want the file", size, len(got), err)
		}
		if fits := cap(before) >= size+512; fits && (len(got) > 0 && &got[:1][0] != &before[:1][0]) {
			t.Errorf("ReadFileInto(%d bytes) into a buffer of %d: a new buffer; want the given one", size, cap(before))
		}
		buf = got[:0]
	}
	path := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(path, bytes.Repeat([]byte("a"), 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	var tl *TooLargeError
	if _, err := ReadFileInto(make([]byte, 0, 4096), path, 999); !errors.As(err, &tl) {
		t.Errorf("ReadFileInto over the limit: %v; want a *TooLargeError", err)
	}
	if _, err := ReadFileInto(nil, filepath.Join(dir, "none.toml"), 0); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFileInto(missing) error = %v; want fs.ErrNotExist", err)
	}
}

// endless is a reader that never ends, as /dev/zero or a runaway pipe on
// standard input.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	e.n += int64(len(p))
	return len(p), nil
}

func TestReadStopsAtLimit(t *testing.T) {
	r := &endless{}
	_, err := Read(r, "<stdin>", 1<<20)
	var tl *TooLargeError
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), "<stdin>:1:") {
		t.Fatalf("Read(endless) error = %v; want a *TooLargeError naming <stdin>", err)
	}
	if r.n > 2<<20 {
		t.Errorf("Read consumed %d bytes of an endless stream; want about the 1 MiB limit", r.n)
	}
}

func TestReadPathStdin(t *testing.T) {
	data, name, err := ReadPath("-", strings.NewReader("text"), 0)
	if err != nil || string(data) != "text" || name != "<stdin>" {
		t.Errorf(`ReadPath("-") = %q, %q, %v; want "text", "<stdin>", nil`, data, name, err)
	}
	if _, _, err := ReadPath("-", nil, 0); err == nil {
		t.Error(`ReadPath("-") without a reader succeeded; want an error`)
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"1048576", 1 << 20},
		{"512KiB", 512 << 10},
		{"64MiB", 64 << 20},
		{"64mb", 64 << 20},
		{"1GiB", 1 << 30},
		{"2 G", 2 << 30},
		{"100B", 100},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "0", "-1", "lots", "1.5GiB", "99999999999TiB"} {
		if got, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) = %d; want an error", bad, got)
		}
	}
}

func TestFormatSize(t *testing.T) {
	tests := []struct {
		in   int64
		want string
	}{
		{100, "100 bytes"},
		{256 << 20, "256 MiB"},
		{3 << 29, "1.5 GiB"},
		{1 << 10, "1 KiB"},
	}
	for _, tt := range tests {
		if got := FormatSize(tt.in); got != tt.want {
			t.Errorf("FormatSize(%d) = %q; want %q", tt.in, got, tt.want)
		}
		if back, err := ParseSize(FormatSize(tt.in)); err == nil && back != tt.in {
			t.Errorf("ParseSize(FormatSize(%d)) = %d", tt.in, back)
		}
	}
}
