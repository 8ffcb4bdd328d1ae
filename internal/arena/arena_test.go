package arena

import (
	"strings"
	"testing"
	"unsafe"
)

// TestCopy: a copy equals its original, shares no memory with it, and is
// not overwritten by the copies after it, whether it fits the block, ends
// it, starts a new one or is too long for one.
func TestCopy(t *testing.T) {
	long := strings.Repeat("ж", BlockSize/8) // more than an eighth of a block in bytes
	var a Strings
	var originals, copies []string
	for i, s := range []string{"", "Иванов", "a", long, "", "Kazakhstan's foreign policy", "e\u0301", strings.Repeat("x", BlockSize/8)} {
		for range 1 + i*300 { // enough copies to fill several blocks
			b := []byte(s) // an original of its own, written over below
			orig := string(b)
			c := a.Copy(orig)
			if c != orig {
				t.Fatalf("Copy(%.20q) = %.20q", orig, c)
			}
			if len(c) > 0 && unsafe.StringData(c) == unsafe.StringData(orig) {
				t.Fatalf("Copy(%.20q) shares the original's memory", orig)
			}
			originals, copies = append(originals, strings.Clone(orig)), append(copies, c)
		}
	}
	for i := range copies {
		if copies[i] != originals[i] {
			t.Fatalf("copy %d became %.20q; want %.20q", i, copies[i], originals[i])
		}
	}
	if got := a.Copy(""); got != "" {
		t.Errorf(`Copy("") = %q`, got)
	}
}

func BenchmarkCopy(b *testing.B) {
	var a Strings
	s := "Интеграционные процессы постсоветских государств"
	for b.Loop() {
		a.Copy(s)
	}
}
