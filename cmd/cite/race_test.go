//go:build race

package main

// raceEnabled: the race detector needs far more address space than a cap allows.
const raceEnabled = true
