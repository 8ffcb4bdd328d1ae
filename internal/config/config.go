// Package config reads cite.toml, the file in which a library says what it
// targets: the styles whose requirements `cite check` applies by default,
// the style `cite format` uses when none is given, and the romanisation
// scheme for romanised lists.
//
//	# cite.toml, in the library directory or beside the library file
//	styles = ["gost"]        # apa, gost, or both
//	romanize = "bgn"         # bgn, iso9, gost-b, lc, lc-ascii
//
//	[format]
//	style = "gost"           # a style name, or a .csl file (relative to cite.toml)
//
// Every problem (TOML syntax, an unknown key, a value of the wrong type, a
// style or scheme cite does not know) is an error naming the file and the
// line. The package does no I/O but Find's look for the file.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// FileName is the name of the configuration file.
const FileName = "cite.toml"

// Config is what a cite.toml says. The zero value (no file) says nothing,
// and every command keeps its own defaults.
type Config struct {
	// Path is the file it was read from, or "".
	Path string
	// Styles are the styles `cite check` applies by default: "apa", "gost"
	// or both, in the order given; empty when cite.toml does not say.
	Styles []string
	// FormatStyle is the style `cite format` uses without --style: a style
	// name, or the path of a .csl file (made absolute, or relative to the
	// working directory, from the directory of cite.toml).
	FormatStyle string
	// Romanize is the romanisation scheme for romanised lists, or "".
	Romanize string
}

// Known lists what Parse accepts as values; the caller passes the names its
// styles and schemes have, so that this package needs neither.
type Known struct {
	CheckStyles  []string // for styles: "apa", "gost"
	FormatStyles []string // for [format] style, besides .csl files
	Schemes      []string // for romanize
}

// Error is every problem of one cite.toml, each as "file:line: message".
type Error struct {
	Problems []string
}

// Error returns the problems one a line.
func (e *Error) Error() string { return strings.Join(e.Problems, "\n") }

// Find returns the cite.toml that applies to the library at path: the one
// in the library directory when path is a directory, else the one in the
// directory that holds the library (a file, or the directory refs/ of a
// project). It returns "" when there is none.
func Find(library string) string {
	if library == "" || library == "-" {
		return ""
	}
	var dirs []string
	if info, err := os.Stat(library); err == nil && info.IsDir() {
		dirs = append(dirs, library)
	}
	dirs = append(dirs, filepath.Dir(filepath.Clean(library)))
	for _, d := range dirs {
		p := filepath.Join(d, FileName)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// keys are the keys cite.toml may have, by table ("" is the top level).
var keys = map[string][]string{"": {"styles", "romanize", "format"}, "format": {"style"}}

// Parse reads the text of a cite.toml at path and checks it against known.
// The error is an *Error listing every problem with its line.
func Parse(path string, data []byte, known Known) (*Config, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{[]string{fmt.Sprintf("%s:%d: %s (cite.toml is TOML)", path, pe.Position.Line, pe.Message)}}
		}
		return nil, &Error{[]string{fmt.Sprintf("%s: %v", path, err)}}
	}
	p := &parser{path: path, src: string(data)}
	c := &Config{Path: path}
	for _, k := range sortedKeys(raw) {
		v := raw[k]
		switch k {
		case "styles":
			list, ok := v.([]any)
			if !ok || len(list) == 0 {
				p.errorf("", k, "styles must be a list of the styles the library targets, such as styles = [%q]", first(known.CheckStyles))
				continue
			}
			for _, item := range list {
				s, ok := item.(string)
				switch {
				case !ok:
					p.errorf("", k, "styles holds %v, which is not a style name; write styles = [%q]", item, first(known.CheckStyles))
				case !contains(known.CheckStyles, s):
					p.errorf("", k, "styles: %q is not a style cite check knows; use %s", s, strings.Join(known.CheckStyles, " or "))
				case contains(c.Styles, s):
					p.errorf("", k, "styles names %q twice", s)
				default:
					c.Styles = append(c.Styles, s)
				}
			}
		case "romanize":
			s, ok := v.(string)
			if !ok || !contains(known.Schemes, s) {
				p.errorf("", k, "romanize must be one of %s, not %v", quoteAll(known.Schemes), show(v))
				continue
			}
			c.Romanize = s
		case "format":
			tbl, ok := v.(map[string]any)
			if !ok {
				p.errorf("", k, "format must be a table: [format] with style = %q", first(known.FormatStyles))
				continue
			}
			for _, fk := range sortedKeys(tbl) {
				if fk != "style" {
					p.unknown("format", fk)
					continue
				}
				s, ok := tbl[fk].(string)
				switch {
				case !ok || s == "":
					p.errorf("format", fk, "[format] style must be a style name (%s) or a .csl file", strings.Join(known.FormatStyles, ", "))
				case strings.HasSuffix(strings.ToLower(s), ".csl"):
					if !filepath.IsAbs(s) {
						s = filepath.Join(filepath.Dir(path), s)
					}
					c.FormatStyle = s
				case !contains(known.FormatStyles, s):
					p.errorf("format", fk, "[format] style %q is not a style cite knows; use one of %s, or a .csl file", s, strings.Join(known.FormatStyles, ", "))
				default:
					c.FormatStyle = s
				}
			}
		default:
			p.unknown("", k)
		}
	}
	if len(p.problems) > 0 {
		sort.SliceStable(p.problems, func(i, j int) bool { return p.problems[i].line < p.problems[j].line })
		e := &Error{}
		for _, pr := range p.problems {
			e.Problems = append(e.Problems, pr.msg)
		}
		return nil, e
	}
	return c, nil
}

type problem struct {
	line int
	msg  string
}

type parser struct {
	path     string
	src      string
	problems []problem
}

func (p *parser) errorf(table, key, format string, args ...any) {
	line := keyLine(p.src, table, key)
	p.problems = append(p.problems, problem{line, fmt.Sprintf("%s:%d: %s", p.path, line, fmt.Sprintf(format, args...))})
}

func (p *parser) unknown(table, key string) {
	known := keys[table]
	where := "cite.toml"
	if table != "" {
		where = "[" + table + "]"
	}
	p.errorf(table, key, "unknown key %q in %s; the keys are %s", key, where, strings.Join(known, ", "))
}

// keyLine finds the line of key in table of a TOML document that parsed:
// the first "key =" after the table's header (or from the top for the top
// level, before any header), or the header's own line, or 1.
func keyLine(src, table, key string) int {
	header := regexp.MustCompile(`^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]`)
	assign := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	inTable := table == ""
	headerLine := 0
	for i, line := range strings.Split(src, "\n") {
		if m := header.FindStringSubmatch(line); m != nil {
			inTable = m[1] == table
			if inTable {
				headerLine = i + 1
			}
			if table == "" {
				// A top-level key may also be written as a table: [format].
				if m[1] == key {
					return i + 1
				}
			}
			continue
		}
		if inTable && assign.MatchString(line) {
			return i + 1
		}
	}
	if headerLine > 0 {
		return headerLine
	}
	return 1
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%v", v)
}
