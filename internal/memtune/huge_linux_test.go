//go:build linux && (amd64 || arm64)

package memtune

import (
	"bufio"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
)

// TestAdviseHugePages checks that the advised range is one the kernel
// marked for huge pages (VmFlags "hg" in /proc/self/smaps) and that the
// object that mapped it is garbage, collected, once the call returns.
func TestAdviseHugePages(t *testing.T) {
	const n = 64 << 20
	lo, hi := adviseHugePages(n)
	if lo == hi {
		t.Skip("no huge-page advice on this system (GODEBUG, overcommit or kernel)")
	}
	if hi-lo < n-2*hugePageSize || lo%hugePageSize != 0 || hi%hugePageSize != 0 {
		t.Fatalf("advised [%#x, %#x): want %d bytes in whole huge pages", lo, hi, n)
	}
	flags, ok := vmFlagsAt(t, lo)
	if !ok {
		t.Fatalf("no mapping holds %#x", lo)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("mapping at %#x has VmFlags %q; want hg (MADV_HUGEPAGE)", lo, flags)
	}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if live := sample[0].Value.Uint64(); live >= n {
		t.Errorf("heap objects take %d bytes after the call; the %d-byte object should be freed", live, n)
	}
}

// TestAdviseHugePagesDisabled checks the runtime's own switch.
func TestAdviseHugePagesDisabled(t *testing.T) {
	t.Setenv("GODEBUG", "disablethp=1")
	if lo, hi := adviseHugePages(64 << 20); lo != hi {
		t.Errorf("advised [%#x, %#x) with GODEBUG=disablethp=1", lo, hi)
	}
}

// vmFlagsAt returns the VmFlags of the mapping that holds addr.
func vmFlagsAt(t *testing.T, addr uintptr) (string, bool) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if r, _, ok := strings.Cut(line, " "); ok && strings.Contains(r, "-") && !strings.HasSuffix(r, ":") {
			a, b, _ := strings.Cut(r, "-")
			start, err1 := strconv.ParseUint(a, 16, 64)
			end, err2 := strconv.ParseUint(b, 16, 64)
			in = err1 == nil && err2 == nil && uint64(addr) >= start && uint64(addr) < end
			continue
		}
		if in {
			if v, ok := strings.CutPrefix(line, "VmFlags:"); ok {
				return strings.TrimSpace(v), true
			}
		}
	}
	return "", false
}
