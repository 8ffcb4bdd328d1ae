//go:build !unix

package testkit

import "time"

// processCPU is not available here: ReportCPU reports nothing.
func processCPU() (time.Duration, bool) { return 0, false }
