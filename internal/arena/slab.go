package arena

import "unsafe"

// Slab hands out short slices of T from blocks of about BlockSize bytes,
// for values made by the thousand that live and go together (a library's
// entries, a preparation's items): a few allocations instead of one per
// slice. Each slice has exactly the capacity asked for, so that appending
// past it moves it out of the block instead of over a neighbour's. A
// request longer than an eighth of a block gets an allocation of its own.
// The zero value is ready to use; a Slab is not safe for concurrent use.
type Slab[T any] struct{ free []T }

// Take returns an empty slice with room for n elements (nil when n is 0).
func (s *Slab[T]) Take(n int) []T {
	if n <= 0 {
		return nil
	}
	if n > cap(s.free) {
		per := max(1, BlockSize/int(unsafe.Sizeof(*new(T))))
		if n > per/8 {
			return make([]T, 0, n)
		}
		s.free = make([]T, per)
	}
	out := s.free[:0:n]
	s.free = s.free[n:]
	return out
}

// One returns a pointer to a zero T from the slab.
func (s *Slab[T]) One() *T { return &s.Take(1)[:1][0] }
