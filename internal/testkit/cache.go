package testkit

import "os"

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
