//go:build unix

package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// copyAttributes gives f the owner, group and mode of the file info
// describes. The owner can be kept only by root and the group only by a
// member of it; when they cannot be kept the new file has the user's, as
// any editor's save would. The mode is set last because chown clears the
// setuid and setgid bits.
func copyAttributes(f *os.File, info fs.FileInfo) error {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		uid, gid := int(st.Uid), int(st.Gid)
		if uid != os.Geteuid() || gid != os.Getegid() {
			if err := f.Chown(uid, gid); err != nil {
				if !errors.Is(err, fs.ErrPermission) {
					return err
				}
				// Not root: keep the group when the user belongs to it.
				if err := f.Chown(-1, gid); err != nil && !errors.Is(err, fs.ErrPermission) {
					return err
				}
			}
		}
	}
	return f.Chmod(info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky))
}

// writable reports whether this user may write path (access(2) with W_OK).
func writable(path string) bool {
	return syscall.Access(path, 2 /* W_OK */) == nil
}
