//go:build !linux

package memtune

// adviseHugePages gives no advice outside Linux (see huge_linux.go).
func adviseHugePages(n int64) (lo, hi uintptr) { return 0, 0 }
