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

// writeTable prints entries as the list table: id, type, year, first
// author and title, one a line.
func writeTable(w io.Writer, entries []*bib.Entry) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTYPE\tYEAR\tFIRST AUTHOR\tTITLE")
	for _, en := range entries {
		year := "n.d."
		if y := en.Year(); y != 0 {
			year = strconv.Itoa(y)
		}
		author := "-"
		for _, role := range []string{"author", "editor", "translator"} {
			if ns := en.Names(role); len(ns) > 0 {
				author = ns[0].String()
				break
			}
		}
		title := en.Get("title")
		if title == "" {
			title = en.Get("container-title")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", en.ID, en.Type, year, clip(author, 30), clip(title, 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// clip shortens s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
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
