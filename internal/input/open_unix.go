//go:build unix

package input

import (
	"os"
	"syscall"
)

// openNonBlocking opens path with O_NONBLOCK, so that opening a FIFO that
// has no writer returns at once instead of waiting for one. O_NONBLOCK has
// no effect on regular files, the only kind that is then read.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
