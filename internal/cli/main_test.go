package cli

import (
	"fmt"
	"os"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// TestMain keeps the tests away from the user's parse cache: every
// command the tests run caches into a temporary directory.
func TestMain(m *testing.M) {
	cleanup, err := testkit.IsolateCache()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	cleanup()
	os.Exit(code)
}
