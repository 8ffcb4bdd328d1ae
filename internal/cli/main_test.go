package cli

import (
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// TestMain keeps the tests away from the user's parse cache: every
// command the tests run caches into a temporary directory.
func TestMain(m *testing.M) {
	testkit.RunIsolated(m)
}
