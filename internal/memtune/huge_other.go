//go:build !linux || !(amd64 || arm64)

package memtune

// adviseHugePages gives no advice outside Linux on 64-bit x86 and Arm (see
// huge_linux.go): a 32-bit address space has no room to map ahead.
func adviseHugePages(n int64) (lo, hi uintptr) { return 0, 0 }
