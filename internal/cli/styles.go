package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/styles"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) stylesCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "styles",
		Usage: "list the styles cite ships, or print one to use with pandoc, Zotero or citeproc-js",
		Description: "Without a subcommand, lists the embedded styles: name, citation format\n" +
			"(numeric or author-date), class (in-text or note), default locale and title.\n" +
			"'cite styles show NAME' prints the style's CSL file. The styles use CSL-M\n" +
			"localized layouts, which citeproc-js (Zotero) honours and pandoc's citeproc\n" +
			"does not: --portable prints a version without them (each item then gets the\n" +
			"style's own language) for pandoc and other CSL 1.0.2 processors.\n\n" +
			"Examples:\n" +
			"   cite styles\n" +
			"   cite styles show gost > gost.csl\n" +
			"   cite styles show gost --portable -o gost.csl\n" +
			"   pandoc --citeproc --csl gost.csl --bibliography refs.json paper.md",
		Action: e.runStylesList,
		Subcommands: []*ucli.Command{{
			Name:      "show",
			Usage:     "print one embedded style's CSL file",
			ArgsUsage: "NAME",
			Description: "Prints the CSL XML of an embedded style (" + strings.Join(styles.Names(), ", ") + ").\n" +
				"With --portable, the CSL-M localized layouts, the inline locales they use\n" +
				"and the script-order sort attribute are left out, so that processors that\n" +
				"do not know them (pandoc --citeproc) render the style correctly.\n\n" +
				"Examples:\n" +
				"   cite styles show apa -o apa.csl\n" +
				"   cite styles show gost-2008 --portable > gost-2008.csl",
			Flags: []ucli.Flag{
				&ucli.BoolFlag{Name: "portable", Usage: "leave out the CSL-M extensions that pandoc's citeproc mishandles"},
				&ucli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file (atomically) instead of standard output"},
			},
			Action: e.runStylesShow,
		}},
	}
}

func (e *env) runStylesList(c *ucli.Context) error {
	if c.NArg() > 0 {
		return usageErrorf("unknown subcommand %q; use 'cite styles' or 'cite styles show NAME'", c.Args().First())
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tFORMAT\tCLASS\tLOCALE\tTITLE")
	for _, name := range styles.Names() {
		data, err := styles.Style(name)
		if err != nil {
			return err
		}
		si, err := cite.Describe(data)
		if err != nil {
			return fmt.Errorf("style %s: %w", name, err)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", name, dash(si.Format), dash(si.Class), dash(si.DefaultLocale), si.Title)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (e *env) runStylesShow(c *ucli.Context) error {
	args, err := trailingFlags(c, aliasArgs(c.Args().Slice(), "o", "output"), map[string]bool{"output": true}, map[string]bool{"portable": true})
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usageErrorf("styles show needs one style name: %s", strings.Join(styles.Names(), ", "))
	}
	data, err := styles.Style(args[0])
	if err != nil {
		return usageErrorf("%v", err)
	}
	if c.Bool("portable") {
		data = styles.Portable(data)
	}
	if out := c.String("output"); out != "" {
		if err := e.writeFile(out, data); err != nil {
			return err
		}
		return nil
	}
	_, err = e.stdout.Write(data)
	return err
}

// aliasArgs rewrites a short flag (-o, -o=FILE) among args to its long
// name, for trailingFlags, which knows flags by one name.
func aliasArgs(args []string, short, long string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case !strings.HasPrefix(a, "-") || name != short:
			out[i] = a
		case hasValue:
			out[i] = "--" + long + "=" + value
		default:
			out[i] = "--" + long
		}
	}
	return out
}
