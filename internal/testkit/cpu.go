package testkit

import (
	"testing"
	"time"
)

// ReportCPU makes benchmark b report the CPU time the whole process spent
// per operation, user and system, on every thread (the garbage collector's
// too), as "cpu-ms/op", from the moment it is called to the moment the
// returned function is: on a machine that others share, CPU time says
// more than the time on the clock. Call it after the setup:
//
//	b.ResetTimer()
//	defer testkit.ReportCPU(b)()
func ReportCPU(b *testing.B) func() {
	start, ok := processCPU()
	return func() {
		end, ok2 := processCPU()
		if ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}
	}
}
