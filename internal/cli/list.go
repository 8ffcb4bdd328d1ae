package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/search"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) listCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "list",
		Usage: "list the references: id, type, year, first author, title",
		Description: "The table shows one reference a line in library order. With --format json\n" +
			"it prints an array of the full records, in library order, with the file and\n" +
			"line each came from. --filter keeps the references that match a query, as\n" +
			"'cite search' does (see 'cite search --help' for the query language).\n\n" +
			"Examples:\n" +
			"   cite list\n" +
			"   cite list --filter 'author:Zhigalov year:1990..1995'\n" +
			"   cite --library refs/references.toml list --format json",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "format", Value: "table", Usage: "output format: table or json"},
			&ucli.StringFlag{Name: "filter", Usage: "only the references matching this query (as for cite search)"},
		},
		Action: e.runList,
	}
}

func (e *env) runList(c *ucli.Context) error {
	format := c.String("format")
	if err := oneOf("format", format, "table", "json"); err != nil {
		return err
	}
	if c.NArg() > 0 {
		return usageErrorf("list takes no arguments; choose the library with --library, and references with --filter QUERY")
	}
	var q *search.Query
	if c.IsSet("filter") {
		var err error
		if q, err = parseQuery(c.String("filter")); err != nil {
			return err
		}
	}
	lib, err := e.openLibrary(c)
	if err != nil {
		return err
	}
	entries := lib.Entries
	if q != nil {
		entries = q.Filter(entries)
	}
	if format == "json" {
		return writeRecordsJSON(e.stdout, entries)
	}
	return writeTable(e.stdout, entries)
}

// tableHeader is the first row of the list table.
var tableHeader = [tableColumns]string{"ID", "TYPE", "YEAR", "FIRST AUTHOR", "TITLE"}

const tableColumns = 5

// writeTable prints entries as the list table: id, type, year, first
// author and title, one a line, in columns two spaces apart, exactly as
// text/tabwriter (padding 2, spaces) aligns them. The columns are
// measured in a first pass and written in a second, so that 100,000 rows
// cost little; a table with a tab or a line break in an id or a type
// (which tabwriter takes for a column or a row) or a 0xff byte (its escape)
// goes through tabwriter.
func writeTable(w io.Writer, entries []*bib.Entry) error {
	rows := make([][tableColumns]string, 0, len(entries)+1)
	rows = append(rows, tableHeader)
	var width [tableColumns - 1]int
	plain := true
	for _, en := range entries {
		year, author, title := tableFields(en)
		row := [tableColumns]string{en.ID, en.Type, year, clip(author, 30), clip(title, 60)}
		plain = plain && !strings.ContainsAny(en.ID, "\t\n\v\f\r\xff") && !strings.ContainsAny(en.Type, "\t\n\v\f\r\xff") &&
			strings.IndexByte(row[3], 0xff) < 0 && strings.IndexByte(row[4], 0xff) < 0
		rows = append(rows, row)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if !plain {
		tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r[0], r[1], r[2], r[3], r[4])
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		return bw.Flush()
	}
	for _, r := range rows {
		for c := range width {
			width[c] = max(width[c], utf8.RuneCountInString(r[c]))
		}
	}
	var pad [256]byte
	for i := range pad {
		pad[i] = ' '
	}
	for _, r := range rows {
		for c := range width {
			bw.WriteString(r[c])
			for n := width[c] + 2 - utf8.RuneCountInString(r[c]); n > 0; n -= len(pad) {
				bw.Write(pad[:min(n, len(pad))])
			}
		}
		bw.WriteString(r[tableColumns-1])
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// clip shortens s to at most n characters, marking the cut with "…", and
// joins its words by single spaces.
func clip(s string, n int) string {
	if needsCollapse(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	if !utf8.ValidString(s) {
		return string([]rune(s)[:n-1]) + "…"
	}
	i := 0
	for range n - 1 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "…"
}

// needsCollapse reports whether s has leading, trailing or repeated
// spaces, or any other white space, which clip turns into single spaces.
func needsCollapse(s string) bool {
	space := true // at the start, a space is one too many
	for _, r := range s {
		isSpace := r == ' '
		if r != ' ' && (r < 0x80 && (r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r') || (r == 0x85 || r == 0xa0 || r >= 0x1680) && unicode.IsSpace(r)) {
			return true
		}
		if isSpace && space {
			return true
		}
		space = isSpace
	}
	return space && s != ""
}

// writeRecordsJSON prints entries as a JSON array of full records, keys in
// canonical order: id, aliases, type, file, line, the variables, names, dates, extra.
func writeRecordsJSON(w io.Writer, entries []*bib.Entry) error {
	var b bytes.Buffer
	b.WriteString("[")
	for i, en := range entries {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		o := &object{b: &b, indent: "\n    "}
		o.field("id", en.ID)
		if len(en.Aliases) > 0 {
			o.field("aliases", en.Aliases)
		}
		o.field("type", en.Type)
		o.field("file", en.Pos.File)
		o.field("line", en.Pos.Line)
		keys := bib.SortVariables(append(append(en.FieldNames(), en.DateVariables()...), en.NameVariables()...))
		for _, k := range keys {
			switch {
			case en.Names(k) != nil:
				o.field(k, namesJSON(en.Names(k)))
			default:
				if d, ok := en.Date(k); ok {
					o.field(k, d.String())
				} else {
					o.field(k, en.Get(k))
				}
			}
		}
		if len(en.Extra) > 0 {
			o.field("extra", en.Extra)
		}
		b.WriteString("\n  }")
	}
	b.WriteString("\n]\n")
	_, err := w.Write(b.Bytes())
	return err
}

// namesJSON turns names into maps whose keys are the TOML name parts.
func namesJSON(ns []bib.Name) []map[string]any {
	out := make([]map[string]any, 0, len(ns))
	for _, n := range ns {
		m := map[string]any{}
		for _, p := range bib.NameParts {
			if v := n.Part(p); v != "" {
				m[p] = v
			}
		}
		for k, v := range n.Alt {
			m[k] = v
		}
		if n.CommaSuffix {
			m["comma-suffix"] = true
		}
		if n.StaticOrdering {
			m["static-ordering"] = true
		}
		out = append(out, m)
	}
	return out
}

// object writes the members of a JSON object in the order given.
type object struct {
	b      *bytes.Buffer
	indent string
	n      int
}

func (o *object) field(k string, v any) {
	if o.n > 0 {
		o.b.WriteString(",")
	}
	o.n++
	o.b.WriteString(o.indent)
	o.b.Write(mustJSON(k))
	o.b.WriteString(": ")
	o.b.Write(mustJSON(v))
}

// mustJSON encodes values that cannot fail to encode (strings, numbers,
// maps of strings) without HTML escaping.
func mustJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return []byte("null")
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// tableFields returns what the list table shows of en besides its id and
// type: the year ("n.d." without one), the first author, editor or
// translator ("-" without one), and the title (else the container's).
func tableFields(en *bib.Entry) (year, author, title string) {
	year = "n.d."
	if y := en.Year(); y != 0 {
		year = strconv.Itoa(y)
	}
	author = "-"
	for _, role := range []string{"author", "editor", "translator"} {
		if ns := en.Names(role); len(ns) > 0 {
			author = ns[0].String()
			break
		}
	}
	title = en.Get("title")
	if title == "" {
		title = en.Get("container-title")
	}
	return year, author, title
}
