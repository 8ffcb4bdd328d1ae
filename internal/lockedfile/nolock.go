//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly)

package lockedfile

import (
	"os"
	"sync"
)

// Without flock(2), the lock only excludes other goroutines of this
// process; the atomic write still keeps the file whole.
var inProcess sync.Mutex

const noFollow = 0

func tryLock(*os.File) (bool, error) { return inProcess.TryLock(), nil }

func release(*os.File) { inProcess.Unlock() }
