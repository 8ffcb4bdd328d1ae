//go:build !unix

package input

import "os"

// openNonBlocking opens path for reading; systems without O_NONBLOCK have
// no FIFOs that an open could block on in the same way.
func openNonBlocking(path string) (*os.File, error) {
	return os.Open(path)
}
