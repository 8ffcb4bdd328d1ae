package cli

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/charset"
	"github.com/cite-project/cite/internal/csljson"
	"github.com/cite-project/cite/internal/lazyregexp"
	"github.com/cite-project/cite/internal/ris"
	ucli "github.com/urfave/cli/v2"
)

// importFormat is a kind of file that cite import reads.
type importFormat string

const (
	formatBibTeX  importFormat = "BibTeX"
	formatCSLJSON importFormat = "CSL-JSON"
	formatRIS     importFormat = "RIS"
)

// detectFormat tells the format of an import source by its extension or,
// for any other name, by its content.
func detectFormat(path string, data []byte) (importFormat, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".bib", ".bibtex", ".biblatex":
		return formatBibTeX, nil
	case ".json", ".csljson":
		return formatCSLJSON, nil
	case ".ris":
		return formatRIS, nil
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("[")):
		return formatCSLJSON, nil
	case risStart().Match(head):
		return formatRIS, nil
	case bibEntryStart(data):
		return formatBibTeX, nil
	}
	return "", usageErrorf("%s: cannot tell the format from the name or the content; import reads .bib (BibTeX or BibLaTeX), .json (CSL-JSON) and .ris (RIS)", path)
}

// risStart matches the first line of a RIS file.
var risStart = lazyregexp.New(`^TY  ?- `)

// bibEntryStart reports whether a line of data starts a BibTeX entry.
func bibEntryStart(data []byte) bool {
	for _, line := range bytes.Split(data, []byte("\n")) {
		l := bytes.TrimSpace(line)
		if len(l) > 1 && l[0] == '@' && bytes.ContainsAny(l, "{(") {
			return true
		}
	}
	return false
}

// importFlags are the flags of cite import that decide how a file is read.
func importReadFlags() []ucli.Flag {
	return []ucli.Flag{
		&ucli.BoolFlag{Name: "strict", Usage: "import nothing when any entry has an error (by default such entries are skipped and the rest imported)"},
		&ucli.StringFlag{Name: "encoding", Usage: "the file's character encoding (" + strings.Join(charset.Names()[:7], ", ") + ", …); detected when not given"},
		&ucli.BoolFlag{Name: "fix-text", Usage: "replace control characters (with a space) and bytes that are not valid text (with U+FFFD), and report each, instead of skipping their entries"},
		&ucli.StringFlag{Name: "max-value-size", EnvVars: []string{"CITE_MAX_VALUE_SIZE"}, Usage: "the most one BibTeX value may expand to through @string macros (default 1MiB)"},
		&ucli.StringFlag{Name: "max-macro-expansion", EnvVars: []string{"CITE_MAX_MACRO_EXPANSION"}, Usage: "the most all @string macros of a file may expand to together (default 16MiB)"},
	}
}

var (
	importValued  = map[string]bool{"into": true, "on-duplicate": true, "wait": true, "encoding": true, "max-value-size": true, "max-macro-expansion": true}
	importBoolean = map[string]bool{"verbose": true, "strict": true, "fix-text": true, "keep-extra": true}
)

// readImport reads and decodes an import source: its format, its
// encoding, and its entries, tolerantly.
func (e *env) readImport(c *ucli.Context, src string) (*bib.Import, importFormat, error) {
	data, src, err := e.readInput(c, src)
	if err != nil {
		return nil, "", err
	}
	format, err := detectFormat(src, data)
	if err != nil {
		return nil, "", err
	}
	det := charset.Detection{Encoding: charset.UTF8, How: "CSL-JSON is UTF-8"}
	if name := c.String("encoding"); name != "" {
		enc, ok := charset.Lookup(name)
		if !ok {
			return nil, "", usageErrorf("--encoding %q is not an encoding cite knows; use one of %s", name, strings.Join(charset.Names(), ", "))
		}
		det = charset.Detection{Encoding: enc, How: "--encoding"}
	} else if format != formatCSLJSON {
		det = charset.Detect(data)
	}
	text := charset.Decode(data, det.Encoding)
	var res *bib.Import
	switch format {
	case formatCSLJSON:
		res, err = csljson.DecodeWith(src, text, csljson.ReadOptions{FixText: c.Bool("fix-text")})
	case formatRIS:
		res, err = ris.DecodeWith(src, text, ris.ReadOptions{Encoding: det.Encoding, FixText: c.Bool("fix-text")})
	default:
		limits, lerr := importLimits(c)
		if lerr != nil {
			return nil, "", lerr
		}
		res, err = bibtex.DecodeWith(src, text, bibtex.ReadOptions{Encoding: det.Encoding, FixText: c.Bool("fix-text"), Limits: limits})
	}
	if err != nil {
		var le *bibtex.LimitError
		if errors.As(err, &le) {
			return nil, "", inputError(fmt.Errorf("%v\nnothing was imported", err))
		}
		return nil, "", inputError(fmt.Errorf("%v\n%s is not valid %s; nothing was imported", err, src, format))
	}
	res.Encoding, res.How = det.Encoding.String(), det.How
	return res, format, nil
}

func importLimits(c *ucli.Context) (bibtex.Limits, error) {
	var l bibtex.Limits
	for _, f := range []struct {
		name string
		to   *int
	}{{"max-value-size", &l.Value}, {"max-macro-expansion", &l.Macros}} {
		s := c.String(f.name)
		if s == "" {
			continue
		}
		n, err := parseSize(s)
		if err != nil {
			return l, usageErrorf("--%s %q: %v", f.name, s, err)
		}
		*f.to = n
	}
	return l, nil
}

// parseSize reads a size in bytes: 1048576, 512KiB, 4MiB, 1GiB (KB, MB,
// GB and k, m, g mean the same binary units).
func parseSize(s string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := 1
	for _, u := range []struct {
		suffix string
		mult   int
	}{{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"kb", 1 << 10}, {"mb", 1 << 20}, {"gb", 1 << 30}, {"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.Atoi(t)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("give a positive size such as 4MiB or 1048576")
	}
	return n * mult, nil
}

// encodingHint suggests --encoding when entries were skipped for bytes
// that are not valid in the encoding the file was read in.
func encodingHint(imp *bib.Import, diags []bib.Diagnostic) string {
	n := 0
	for _, d := range diags {
		if d.Severity == bib.Error && strings.Contains(d.Message, "byte 0x") {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%s about bytes that are not valid %s: if the file is in another encoding, import it with --encoding (windows-1251, KOI8-R, IBM866, ISO-8859-1, windows-1252, …)", countNoun(n, "error is", "errors are"), imp.Encoding)
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
