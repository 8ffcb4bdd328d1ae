package testkit

import (
	"fmt"
	"os"
	"testing"
)

// IsolateCache points cite's parse cache (CITE_CACHE_DIR, and
// XDG_CACHE_HOME for anything that asks os.UserCacheDir) at a new
// temporary directory, so that the tests of a package never write the
// user's cache; call it from TestMain before m.Run and call the returned
// function after.
func IsolateCache() (cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "cite-test-cache-")
	if err != nil {
		return nil, err
	}
	os.Setenv("CITE_CACHE_DIR", dir)
	os.Setenv("XDG_CACHE_HOME", dir)
	return func() { os.RemoveAll(dir) }, nil
}

// RunIsolated is the TestMain of a package whose tests run cite: it runs
// m with the cache isolated (see IsolateCache) and exits with its code.
func RunIsolated(m *testing.M) {
	cleanup, err := IsolateCache()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	cleanup()
	os.Exit(code)
}
