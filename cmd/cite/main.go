// Command cite keeps a library of references as TOML, checks it, formats it
// in APA 7 and GOST with its own CSL engine, imports and exports BibTeX and
// CSL-JSON, and verifies a manuscript's citations and claims.
//
// Run "cite --help" for the commands. All the work is done by package
// internal/cli; this file only connects it to the process.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/cite-project/cite/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
