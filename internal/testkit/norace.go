//go:build !race

package testkit

// RaceFactor multiplies allocation budgets; it is 1 without the race detector.
const RaceFactor = 1
