//go:build unix

package input

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

// TestReadFileRefusesSpecialFiles is the regression test for a FIFO that
// blocked every command forever and /dev/zero that ate memory until the
// process was killed. Each read must return an error at once, having read
// nothing.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	tests := []struct {
		path, kind string
	}{
		{fifo, "named pipe"},
		{"/dev/zero", "character device"},
		{dir, "directory"},
	}
	for _, tt := range tests {
		if _, err := os.Stat(tt.path); err != nil {
			t.Logf("skip %s: %v", tt.path, err)
			continue
		}
		done := make(chan error, 1)
		go func() {
			_, err := ReadFile(tt.path, 0)
			done <- err
		}()
		select {
		case err := <-done:
			var nr *NotRegularError
			if !errors.As(err, &nr) || !strings.Contains(err.Error(), tt.kind) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("ReadFile(%s) error = %v; want a *NotRegularError naming the file and %q", tt.path, err, tt.kind)
			}
		case <-time.After(time.Minute):
			t.Fatalf("ReadFile(%s) blocked", tt.path)
		}
	}
}

func ExampleReadFile() {
	_, err := ReadFile("/dev/zero", 0)
	fmt.Println(err)
	// Output: /dev/zero: is a character device, not a regular file; cite reads only regular files (or - for standard input)
}
