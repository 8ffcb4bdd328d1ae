//go:build linux && (amd64 || arm64)

package memtune

import (
	"os"
	"runtime"
	"strings"
	"syscall"
	"unsafe"

	"github.com/cite-project/cite/internal/input"
)

// hugePageSize is the size of a transparent huge page on the machines
// cite runs on (x86-64 and arm64 with 4 KiB pages).
const hugePageSize = 2 << 20

// madvHugePage is MADV_HUGEPAGE of <linux/mman.h>, which package syscall
// does not name.
const madvHugePage = 14

// adviseHugePages asks Linux to back the first n bytes of the heap the
// run will fill with transparent huge pages, where the system leaves
// them to the program's advice (enabled = madvise, the default of most
// distributions). A run of 10,000 references fills some 70 MB of fresh
// heap with the collector off: in 4 KiB pages that is 18,000 page
// faults, an eighth of the run's CPU time; with 2 MiB pages the run
// takes 2,500 faults in all, and the rendering, which follows pointers
// across all of the heap, misses the TLB less.
//
// Go's runtime gives no such advice itself (since Go 1.21.1). So the
// runtime is made to map the memory now: a single object of n bytes,
// taken fresh from the system and never touched, whose pages are
// advised and then freed by a collection of the still tiny heap (well
// under a millisecond). The runtime keeps the pages mapped and fills
// them first, from the lowest address, with what the run allocates.
//
// It returns the advised range, empty when it gave no advice: with
// GODEBUG=disablethp=1 (the runtime's own switch for this), on a kernel
// with pages larger than 4 KiB, under strict overcommit accounting
// (vm.overcommit_memory=2, where mapping more than the run needs could
// fail it), or when the kernel refuses. n is capped at a quarter of the
// machine's memory.
func adviseHugePages(n int64) (lo, hi uintptr) {
	if strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") || os.Getpagesize() != 4<<10 {
		return 0, 0 // with larger pages, huge pages are not 2 MiB
	}
	if b, err := input.ReadFile("/proc/sys/vm/overcommit_memory", 64); err != nil || strings.TrimSpace(string(b)) == "2" {
		return 0, 0
	}
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) == nil {
		n = min(n, int64(si.Totalram)*int64(si.Unit)/4)
	}
	if n < 2*hugePageSize {
		return 0, 0
	}
	b := make([]byte, n)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo = (p + hugePageSize - 1) &^ (hugePageSize - 1)
	hi = (p + uintptr(n)) &^ (hugePageSize - 1)
	if lo >= hi || syscall.Madvise(b[lo-p:hi-p], madvHugePage) != nil {
		lo, hi = 0, 0
	}
	runtime.KeepAlive(b)
	b = nil
	runtime.GC()
	return lo, hi
}
