//go:build race

package testkit

// RaceFactor multiplies allocation budgets under the race detector, whose
// runtime drops what sync.Pool holds at random (a quarter of all Puts), so
// that code whose pooled state is large allocates it again and again. The
// largest effect measured is regexp's backtracker state, pooled per
// Regexp: manuscript's Markdown scan, ten line regexps per line, allocates
// 17 times its normal bytes under -race (TestParseIsLinear). 32 leaves
// room over that and still catches the blow-ups budgets exist for, which
// are orders of magnitude.
const RaceFactor = 32
