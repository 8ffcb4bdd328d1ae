package cli

import (
	"os"
	"strings"

	"github.com/cite-project/cite/internal/parsecache"
	ucli "github.com/urfave/cli/v2"
)

// noCacheFlag is the global flag that turns the parse cache off.
func noCacheFlag() ucli.Flag {
	return &ucli.BoolFlag{
		Name:  "no-cache",
		Usage: "parse every library file instead of using the parse cache (also CITE_CACHE=off; CITE_CACHE_DIR moves the cache)",
	}
}

// cacheDir returns the directory of the parse cache, or "" when the user
// turned the cache off (--no-cache, CITE_CACHE=off) or there is no user
// cache directory. CITE_CACHE_DIR names another directory.
func cacheDir(c *ucli.Context) string {
	if c.Bool("no-cache") {
		return ""
	}
	switch strings.ToLower(strings.TrimSpace(os.Getenv("CITE_CACHE"))) {
	case "off", "0", "false", "no":
		return ""
	}
	if d := os.Getenv("CITE_CACHE_DIR"); d != "" {
		return d
	}
	d, err := parsecache.Dir()
	if err != nil {
		return ""
	}
	return d
}
