package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cite-project/cite/internal/atomicfile"
	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/store"
	ucli "github.com/urfave/cli/v2"
)

// generateCommand writes a large synthetic library for benchmarks and load
// tests. It is hidden from the command list: it is a developer's tool.
func (e *env) generateCommand() *ucli.Command {
	return &ucli.Command{
		Name:   "generate",
		Hidden: true,
		Usage:  "write a reproducible synthetic library (for benchmarks)",
		Description: "Writes COUNT generated references (Russian, Kazakh and English, every\n" +
			"common type, about one in eight with a deliberate mistake) and one claim per\n" +
			"ten references into OUT/refs-NNN.toml, 1,000 references a file. The same\n" +
			"--seed always gives the same files.\n\n" +
			"Example:\n" +
			"   cite generate --count 100000 --seed 1 --out /tmp/big && cite --library /tmp/big check",
		Flags: []ucli.Flag{
			&ucli.IntFlag{Name: "count", Value: 100000, Usage: "number of references"},
			&ucli.Int64Flag{Name: "seed", Value: 1, Usage: "random seed"},
			&ucli.StringFlag{Name: "out", Required: true, Usage: "directory to write into (created if missing)"},
		},
		Action: func(c *ucli.Context) error {
			n := c.Int("count")
			if n < 1 {
				return usageErrorf("--count must be at least 1")
			}
			out := c.String("out")
			if err := os.MkdirAll(out, 0o755); err != nil {
				return inputError(err)
			}
			lib := gen.Library(n, c.Int64("seed"))
			const perFile = 1000
			files := (len(lib.Entries) + perFile - 1) / perFile
			for i := 0; i < len(lib.Entries); i += perFile {
				entries := lib.Entries[i:min(i+perFile, len(lib.Entries))]
				// Claims are spread evenly over the files.
				f := i / perFile
				claims := lib.Claims[f*len(lib.Claims)/files : (f+1)*len(lib.Claims)/files]
				var b bytes.Buffer
				if err := store.Encode(&b, entries, claims); err != nil {
					return err
				}
				path := filepath.Join(out, fmt.Sprintf("refs-%03d.toml", i/perFile))
				if err := atomicfile.Write(path, b.Bytes()); err != nil {
					return inputError(err)
				}
			}
			fmt.Fprintf(e.stderr, "wrote %s and %s to %s\n", plural(len(lib.Entries), "reference"), plural(len(lib.Claims), "claim"), out)
			return nil
		},
	}
}
