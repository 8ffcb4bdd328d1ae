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

// TestSlab: a slice from a slab has exactly the room asked for (so that
// appending past it moves it), and filling it never writes over another
// slice's values, whether it came from a block or was too long for one.
func TestSlab(t *testing.T) {
	var s Slab[int]
	if got := s.Take(0); got != nil {
		t.Fatalf("Take(0) = %v; want nil", got)
	}
	per := BlockSize / int(unsafe.Sizeof(0))
	var lists [][]int
	for i, n := range []int{1, 3, per / 8, per/8 + 1, 2, per, 7} {
		for k := range 1 + i*100 { // enough to fill several blocks
			l := s.Take(n)
			if len(l) != 0 || cap(l) != n {
				t.Fatalf("Take(%d): len %d, cap %d", n, len(l), cap(l))
			}
			for j := range n {
				l = append(l, k*1000+j)
			}
			lists = append(lists, l)
		}
	}
	for _, l := range lists {
		k := l[0] / 1000
		for j, v := range l {
			if v != k*1000+j {
				t.Fatalf("a slice's element %d was overwritten: %d", j, v)
			}
		}
	}
	if p := s.One(); *p != 0 {
		t.Fatalf("One() = %d; want 0", *p)
	}
}
