package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// allocPerInputByte and allocSlack bound what Decode may allocate (in
// total, garbage included) for an input of n bytes: allocPerInputByte*n +
// allocSlack. A generated library allocates about 35 bytes per input byte;
// short lines of inline tables about 230, and 570 when they nest as deep
// as the limit allows (TestDecodeAllocationAtDepthLimit). Without the
// limit, 2,000 levels in 12 KB allocate 470 MB (40,000 per byte), and the
// cost grows with the square of the depth.
const (
	allocPerInputByte = 1024
	allocSlack        = 4 << 20
)

func TestCheckDepth(t *testing.T) {
	tests := []struct {
		name, src string
		limit     int
		line, col int // 0: no error
	}{
		{"library", "[[reference]]\nid = \"a\"\nissued = { date-parts = [[1992, 5, 16]] }\nauthor = [{ family = \"А\" }]\n", 3, 0, 0},
		{"at the limit", "a = [[[1]]]\n", 3, 0, 0},
		{"over", "a = [[[[1]]]]\n", 3, 1, 8},
		{"header", "[[a]]\nb = [[[1]]]\n", 3, 0, 0},
		{"strings", "a = \"[[[[[\"\nb = '{{{{{'\nc = \"\"\"\n[[[[[\n\"\"\"\nd = '''{{{{{'''\n", 3, 0, 0},
		{"escaped quote", "a = \"\\\"[[[[[\"\nb = [[[[1]]]]\n", 3, 2, 8},
		{"comment", "# [[[[[[[\na = 1 # {{{{{{\n", 3, 0, 0},
		{"column in characters", "ж = [[[[1]]]]\n", 3, 1, 8},
		{"multi-line array", "a = [\n [\n  [\n   [\n1]]]]\n", 3, 4, 4},
		{"unterminated string", "a = \"[[[[\nb = [[[[1]]]]\n", 3, 2, 8},
	}
	for _, tt := range tests {
		err := checkDepth("f.toml", []byte(tt.src), tt.limit)
		var de *DepthError
		switch {
		case tt.line == 0 && err != nil:
			t.Errorf("%s: checkDepth = %v; want nil", tt.name, err)
		case tt.line != 0 && (!errors.As(err, &de) || de.Line != tt.line || de.Col != tt.col):
			t.Errorf("%s: checkDepth = %v; want a *DepthError at %d:%d", tt.name, err, tt.line, tt.col)
		}
	}
}

// TestDeepNestingIsCheap is the regression test for 10,000 nested inline
// tables in 60 KB that took BurntSushi/toml 35 s and 4.2 GB (its issue
// #496). The pre-scan refuses them with file:line and the way to raise the
// limit, allocating next to nothing. (On the old code 2,000 levels alone
// allocate 470 MB.)
func TestDeepNestingIsCheap(t *testing.T) {
	for _, n := range []int{2000, 10000} {
		for _, open := range []string{"{b = ", "[", "[{c = "} {
			src := []byte("[[reference]]\nid = \"a\"\ntype = \"book\"\nx = " + strings.Repeat(open, n) + "1" + strings.Repeat("}", n) + "\n")
			var err error
			used := testkit.Allocated(func() { _, _, err = Decode("deep.toml", src) })
			var de *DepthError
			if !errors.As(err, &de) || de.Line != 4 || !strings.Contains(err.Error(), "deep.toml:4:") || !strings.Contains(err.Error(), "--max-toml-depth") {
				t.Errorf("Decode(%d × %q) = %v; want a *DepthError at deep.toml:4 naming --max-toml-depth", n, open, err)
			}
			if used > 1<<20 {
				t.Errorf("Decode(%d × %q, %d bytes) allocated %d KiB; want under 1 MiB", n, open, len(src), used>>10)
			}
		}
	}
}

// TestDecodeAllocationAtDepthLimit: nesting as deep as the limit allows,
// filling a file, costs a bounded multiple of its size.
func TestDecodeAllocationAtDepthLimit(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 256<<10; i++ {
		fmt.Fprintf(&b, "k%d = %s1%s\n", i, strings.Repeat("{b = ", DefaultMaxDepth-1), strings.Repeat("}", DefaultMaxDepth-1))
	}
	var err error
	used := testkit.Allocated(func() { _, _, err = Decode("full.toml", []byte(b.String())) })
	if err != nil {
		t.Fatal(err)
	}
	if limit := uint64(allocPerInputByte*b.Len()) + allocSlack; used > limit {
		t.Errorf("Decode of %d bytes nested %d deep allocated %d MiB; want under %d MiB", b.Len(), DefaultMaxDepth, used>>20, limit>>20)
	}
	t.Logf("%d bytes nested %d deep: %d bytes allocated (%d per input byte)", b.Len(), DefaultMaxDepth, used, used/uint64(b.Len()))
}

func TestDepthLimitOption(t *testing.T) {
	src := []byte("a = " + strings.Repeat("[", 20) + strings.Repeat("]", 20) + "\n")
	if _, _, err := Decode("f.toml", src); err == nil {
		t.Error("Decode of 20 levels succeeded with the default limit")
	}
	if _, _, err := DecodeWith("f.toml", src, Limits{MaxDepth: 20}); err != nil {
		t.Errorf("DecodeWith(MaxDepth 20) = %v; want nil", err)
	}
}
