//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package lockedfile

import (
	"errors"
	"os"
	"syscall"
)

// noFollow keeps a symbolic link planted where the lock file goes from
// sending the lock file's creation elsewhere.
const noFollow = syscall.O_NOFOLLOW

// tryLock takes an exclusive flock(2) on f without blocking; ok is false
// when another process holds it.
func tryLock(f *os.File) (ok bool, err error) {
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		}
		return false, err
	}
}

// release drops the flock on f.
func release(f *os.File) {
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
