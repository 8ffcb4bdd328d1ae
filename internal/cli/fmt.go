package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/cite-project/cite/internal/input"
	"github.com/cite-project/cite/internal/parsecache"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/tomlfmt"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) fmtCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "fmt",
		Usage:     "rewrite library files in canonical order, keeping comments (like gofmt)",
		ArgsUsage: "[PATH…]",
		Description: "Formats library files as 'cite import' writes them: id, aliases, type, the\n" +
			"variables in CSL order, one [[reference.<role>]] table per name, then\n" +
			"[reference.extra]. Records keep their order. A comment before a record or\n" +
			"inside it stays with that record (before the same key, or at the end of the\n" +
			"same key's line); nothing else changes, and a file that cite reads with any\n" +
			"warning or error (an unknown key, a bad date) is left alone, since rewriting\n" +
			"it would lose what the warning is about.\n\n" +
			"PATH is a .toml file or a directory of them; the default is the library\n" +
			"(--library). Without flags the formatted files are printed. -w rewrites the\n" +
			"files that change, atomically and locked against other cite commands writing\n" +
			"them (waiting up to --wait); -l lists them; --check lists them and exits 1\n" +
			"if there are any (for CI and pre-commit hooks), writing nothing.\n\n" +
			"Exit code 0 when all is formatted (or was written), 1 with --check when a\n" +
			"file would change, 2 when a file cannot be read or formatted.\n\n" +
			"Examples:\n" +
			"   cite fmt --check               # in CI: is refs/ formatted?\n" +
			"   cite fmt -l -w                 # format refs/ and name the files changed\n" +
			"   cite fmt refs/books.toml       # print the formatted file\n" +
			"   cite fmt -w refs/ other/lib.toml",
		Flags: []ucli.Flag{
			&ucli.BoolFlag{Name: "l", Usage: "list the files whose formatting differs"},
			&ucli.BoolFlag{Name: "w", Usage: "write the formatted files back (atomically)"},
			&ucli.BoolFlag{Name: "check", Usage: "list the files that would change and exit 1 if any; write nothing"},
			waitFlag(),
		},
		Action: e.runFmt,
	}
}

// fmtResult is what formatting one file gave.
type fmtResult struct {
	path    string
	out     []byte
	err     error
	changed bool
	// canonical: the file is formatted (known from the cache, then
	// known is set too); record identifies its contents.
	canonical, known bool
	record           *parsecache.File
}

func (e *env) runFmt(c *ucli.Context) error {
	args, err := trailingFlags(c, c.Args().Slice(), map[string]bool{"wait": true}, map[string]bool{"l": true, "w": true, "check": true})
	if err != nil {
		return err
	}
	list, write, check := c.Bool("l"), c.Bool("w"), c.Bool("check")
	if check && write {
		return usageErrorf("--check writes nothing; use -w to write, or --check alone")
	}
	if len(args) == 0 {
		lib := c.String("library")
		if strings.EqualFold(filepath.Ext(lib), ".json") {
			return usageErrorf("--library %s is CSL-JSON; cite fmt formats .toml library files", lib)
		}
		args = []string{lib}
	}
	var files []string
	for _, a := range args {
		fs, err := store.Files(a)
		if err != nil {
			return inputError(err)
		}
		if info, statErr := os.Stat(a); statErr == nil && !info.IsDir() && !strings.EqualFold(filepath.Ext(a), ".toml") {
			return usageErrorf("%s is not a .toml library file", a)
		}
		files = append(files, fs...)
	}
	limit, err := inputLimit(c)
	if err != nil {
		return err
	}
	known := openCanonical(cacheDir(c))
	results := formatFiles(files, limit, known)
	known.save(results)
	failed, changed := 0, 0
	for i := range results {
		r := &results[i]
		if r.err != nil {
			failed++
			fmt.Fprintf(e.stderr, "%v\n", fmtError(r.path, r.err))
			continue
		}
		if r.changed {
			changed++
		}
		switch {
		case write:
			if r.changed {
				if err := e.writeFormatted(c, r.path); err != nil {
					failed++
					fmt.Fprintf(e.stderr, "cite: %v\n", err)
					continue
				}
			}
			if list && r.changed {
				fmt.Fprintln(e.stdout, r.path)
			}
		case list || check:
			if r.changed {
				fmt.Fprintln(e.stdout, r.path)
			}
		default:
			if _, err := e.stdout.Write(r.out); err != nil {
				return err
			}
		}
	}
	if check && changed > 0 {
		fmt.Fprintf(e.stderr, "%s not formatted; run 'cite fmt -w' to format %s\n", plural(changed, "file"), them(changed))
	}
	switch {
	case failed > 0:
		return &exitError{code: ExitUsage}
	case check && changed > 0:
		return problemsFound()
	}
	return nil
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// fmtError explains why a file was not formatted, for printing as it is.
func fmtError(path string, err error) error {
	var pe *tomlfmt.ProblemsError
	var se *store.SyntaxError
	if errors.As(err, &pe) || errors.As(err, &se) {
		return describeFmt(path, err)
	}
	return fmt.Errorf("cite: %v", err)
}

// describeFmt explains why a file was not formatted.
func describeFmt(path string, err error) error {
	var pe *tomlfmt.ProblemsError
	var se *store.SyntaxError
	switch {
	case errors.As(err, &pe):
		return fmt.Errorf("%v\n%s was not formatted: cite reads it with %s, and rewriting it would lose what %s about; fix %s first ('cite check' lists %s)",
			err, path, plural(len(pe.Diagnostics), "problem"), pluralVerb(len(pe.Diagnostics), "that is", "those are"), pluralVerb(len(pe.Diagnostics), "it", "them"), pluralVerb(len(pe.Diagnostics), "it", "them"))
	case errors.As(err, &se):
		return fmt.Errorf("%v\n%s was not formatted: fix the TOML syntax first", se, path)
	}
	return err
}

func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// formatFiles formats files on every CPU and returns the results in the
// order of files. A file that known holds as canonical in its present
// contents is not formatted again.
func formatFiles(files []string, limit int64, known *canonicalFiles) []fmtResult {
	results := make([]fmtResult, len(files))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			r := &results[i]
			r.path = f
			data, err := input.ReadFile(f, limit)
			if err != nil {
				r.err = describeReadError(err)
				return
			}
			r.record = known.identify(f, data)
			if known.has(r.record) {
				r.out, r.canonical, r.known = data, true, true
				return
			}
			r.out, r.err = tomlfmt.Format(f, data)
			r.changed = r.err == nil && !bytes.Equal(r.out, data)
			r.canonical = r.err == nil && !r.changed
		}()
	}
	wg.Wait()
	return results
}

// canonicalFiles remembers, in the cache directory, which library files
// were found canonical and in what contents (path, size, modification
// time and checksum, as the parse cache tells an unchanged file), so that
// 'cite fmt --check' on an unchanged library reads and checksums its files
// instead of decoding and encoding them. Like the parse cache it belongs
// to one build of cite, is ignored when it does not match, and is off
// with --no-cache or CITE_CACHE=off. A nil *canonicalFiles knows nothing.
type canonicalFiles struct {
	cache *parsecache.Cache
}

func openCanonical(dir string) *canonicalFiles {
	if dir == "" {
		return nil
	}
	return &canonicalFiles{cache: parsecache.Open(dir, parsecache.Key{Kind: "fmt", Library: "canonical library files"})}
}

// identify returns the record of the file path holding data (nil when
// nothing can be remembered of it).
func (k *canonicalFiles) identify(path string, data []byte) *parsecache.File {
	if k == nil {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil
	}
	return &parsecache.File{Name: abs, Size: int64(len(data)), ModTime: info.ModTime().UnixNano(), Sum: parsecache.Sum(data)}
}

// has reports whether the file of rec was canonical in these contents.
func (k *canonicalFiles) has(rec *parsecache.File) bool {
	if k == nil || rec == nil {
		return false
	}
	_, ok := k.cache.Lookup(rec.Name, rec.Size, rec.ModTime, rec.Sum)
	return ok
}

// maxCanonicalRecords bounds the records kept: the files of this run
// first, then as many earlier ones.
const maxCanonicalRecords = 200000

// save records the files of results found canonical, keeping the earlier
// records of other files, when there is anything new to remember. A
// failure to write is ignored: the next run formats again.
func (k *canonicalFiles) save(results []fmtResult) {
	if k == nil {
		return
	}
	seen := map[string]bool{}
	var recs []*parsecache.File
	news := false
	for _, r := range results {
		if r.record == nil {
			continue
		}
		seen[r.record.Name] = true
		if r.canonical {
			recs = append(recs, r.record)
			news = news || !r.known
		}
	}
	if !news {
		return
	}
	for _, old := range k.cache.Records() {
		if len(recs) >= maxCanonicalRecords {
			break
		}
		if !seen[old.Name] {
			recs = append(recs, old)
		}
	}
	k.cache.Save(recs)
}

// writeFormatted formats path again as it is once locked (another
// command may have changed it since it was checked) and writes the result
// through the locked read-modify-write of library files.
func (e *env) writeFormatted(c *ucli.Context, path string) error {
	return e.updateFile(c, path, func(old []byte, exists bool) ([]byte, error) {
		if !exists {
			return nil, inputError(fmt.Errorf("%s disappeared before it could be formatted; nothing was written", path))
		}
		out, err := tomlfmt.Format(path, old)
		if err != nil {
			return nil, &exitError{code: ExitUsage, err: describeFmt(path, err)}
		}
		return out, nil
	})
}
