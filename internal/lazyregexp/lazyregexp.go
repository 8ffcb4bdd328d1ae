// Package lazyregexp compiles a package's regular expressions when a run
// first uses them rather than at start-up: a package-level
// regexp.MustCompile runs in every command's package initialisation,
// whether or not that command ever matches the expression, and compiling
// is not cheap (tens of thousands of instructions an expression, more for
// bounded repetitions).
package lazyregexp

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr with regexp.MustCompile on its
// first call and returns that same expression on every call; it is safe
// for concurrent use. An invalid expr panics on the first call, as
// MustCompile would at start-up: the package's tests must call it.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
