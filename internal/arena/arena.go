// Package arena copies strings into large shared blocks, so that many
// small strings kept together cost few allocations and little memory
// beyond their bytes, and so that the memory they were copied from (a
// file read whole, or another arena most of whose strings are no longer
// needed) can go.
package arena

import (
	"strings"
	"unsafe"
)

// BlockSize is the size of the blocks of a Strings.
const BlockSize = 64 << 10

// Strings holds copies of strings in blocks of BlockSize bytes; a string
// longer than an eighth of a block gets an allocation of its own. A block
// is never written where a string lies, and it lives as long as any
// string in it does: copy together strings that are let go together. The
// zero value is ready to use; a Strings is not safe for concurrent use.
type Strings struct{ block []byte }

// Copy returns a copy of s held by a ("" for "").
func (a *Strings) Copy(s string) string {
	switch {
	case s == "":
		return ""
	case len(s) > BlockSize/8:
		return strings.Clone(s)
	case cap(a.block)-len(a.block) < len(s):
		a.block = make([]byte, 0, BlockSize)
	}
	start := len(a.block)
	a.block = append(a.block, s...)
	return unsafe.String(&a.block[start], len(s))
}
