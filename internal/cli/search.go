package cli

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/cite-project/cite/internal/search"
	"github.com/cite-project/cite/internal/store"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) searchCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "search",
		Usage:     "find references by words, names, year, type, language or fields, in any script",
		ArgsUsage: "QUERY…",
		Description: "Prints the references that match every term of the query, as the 'cite list'\n" +
			"table, as JSON records (--format json) or as ids, one a line (--ids).\n\n" +
			"Terms (all must hold; -TERM must not):\n" +
			"   word, \"a phrase\"      in the titles (every form) and the names\n" +
			"   author:W  editor:W  name:W (any role)  title:W  container:W (journal, book)\n" +
			"   publisher:W  place:W  id:W (ids and aliases)\n" +
			"   year:1993  year:1990..1995  year:..1995  year:2010..\n" +
			"   type:book  lang:ru  has:DOI  missing:accessed\n" +
			"   VARIABLE:W for any CSL variable: DOI:10.1145  URL:akorda.kz  issued:1992-05\n\n" +
			"Words match the start of a word, ignoring case, diacritics and punctuation,\n" +
			"and across scripts through cite's romanisation schemes (BGN/PCGN, GOST 7.79 B,\n" +
			"ALA-LC, ISO 9) both ways: author:Zhigalov finds Жигалов, Назарбаев finds\n" +
			"Nazarbayev. Exit code 0 when something matched, 1 when nothing did, 2 for a\n" +
			"query that cannot be read (an unknown field, a bad year range).\n\n" +
			"Examples:\n" +
			"   cite search author:Zhigalov\n" +
			"   cite search Назарбаев year:1990..1995\n" +
			"   cite search type:webpage missing:accessed --ids\n" +
			"   cite search 'title:\"nuclear lesson\"' --format json\n" +
			"   cite format --style gost $(cite search lang:ru --ids)",
		// The query may hold negated terms (-type:book) that look like
		// flags, so the command reads its own flags.
		SkipFlagParsing: true,
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "format", Value: "table", Usage: "output format: table or json"},
			&ucli.BoolFlag{Name: "ids", Usage: "print only the ids of the matches, one a line"},
		},
		Action: e.runSearch,
	}
}

func (e *env) runSearch(c *ucli.Context) error {
	format, idsOnly := "table", false
	var words []string
	args := c.Args().Slice()
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case a == "--":
			words = append(words, args[i+1:]...)
			i = len(args)
		case a == "-h" || a == "--help" || a == "-help":
			ucli.HelpPrinter(c.App.Writer, ucli.CommandHelpTemplate, c.Command)
			return nil
		case !strings.HasPrefix(a, "--"):
			words = append(words, a)
		case name == "ids" && !hasValue:
			idsOnly = true
		case name == "format":
			if !hasValue {
				if i+1 >= len(args) {
					return usageErrorf("flag --format needs a value: table or json")
				}
				i++
				value = args[i]
			}
			format = value
		default:
			return usageErrorf("unknown flag %s; run 'cite search --help' (a negated term is written -TERM, with one dash)", a)
		}
	}
	if err := oneOf("format", format, "table", "json"); err != nil {
		return err
	}
	if len(words) == 0 {
		return usageErrorf("search needs a query, such as: cite search author:Zhigalov year:1990..1995")
	}
	q, err := parseQuery(strings.Join(words, " "))
	if err != nil {
		return err
	}
	lib, err := e.openLibrary(c)
	if err != nil {
		return err
	}
	found := q.Filter(lib.Entries)
	switch {
	case idsOnly:
		w := bufio.NewWriter(e.stdout)
		for _, en := range found {
			fmt.Fprintln(w, en.ID)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	case format == "json":
		if err := writeRecordsJSON(e.stdout, found); err != nil {
			return err
		}
	default:
		if len(found) > 0 {
			if err := writeTable(e.stdout, found); err != nil {
				return err
			}
		}
	}
	if len(found) == 0 {
		fmt.Fprintf(e.stderr, "no reference matches %s\n", q)
		return problemsFound()
	}
	return nil
}

// parseQuery parses a search query; a query that cannot be read is a
// usage error (exit code 2).
func parseQuery(s string) (*search.Query, error) {
	q, err := search.Parse(s)
	if err != nil {
		var qe *search.Error
		if errors.As(err, &qe) {
			if qe.Field != "" {
				if hint := store.Suggest(qe.Field, search.FieldNames()); hint != "" {
					return nil, usageErrorf("query term %q: unknown field %q%s; see 'cite search --help' for the fields", qe.Term, qe.Field, hint)
				}
			}
			return nil, usageErrorf("query term %v; see 'cite search --help'", qe)
		}
		return nil, usageErrorf("%v", err)
	}
	return q, nil
}
