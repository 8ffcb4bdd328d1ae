package cli

import "testing"

// BenchmarkVerify100k runs `cite verify` without a manuscript on the
// 100,000-reference library (10,000 claims): it must cost no more than
// about 1.5 times `cite list` (BenchmarkList100k; issue 12).
// BenchmarkVerify100kJSON is the same with --format json.
//
//	go test ./internal/cli -run '^$' -bench 'List100k$|Verify100k' -benchmem
func BenchmarkVerify100k(b *testing.B) { benchCommand(b, ExitProblems, "verify") }

func BenchmarkVerify100kJSON(b *testing.B) {
	benchCommand(b, ExitProblems, "verify", "--format", "json")
}
