//go:build race

package testkit

// RaceFactor multiplies allocation budgets: under the race detector
// sync.Pool drops what it holds at random, so code that pools allocates more.
const RaceFactor = 4
