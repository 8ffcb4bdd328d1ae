package cli

import (
	"bytes"
	"fmt"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/csljson"
	"github.com/cite-project/cite/internal/ris"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) exportCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "export",
		Usage: "write the library as BibTeX, BibLaTeX, CSL-JSON or RIS",
		Description: "--to bibtex writes classic BibTeX: LaTeX specials escaped, accented letters\n" +
			"as LaTeX commands, capitals and acronyms of titles in braces, year and month\n" +
			"macros, web pages as @misc with howpublished = {\\url{…}}.\n" +
			"--to biblatex writes UTF-8 for biber: date, urldate, langid, @online, @report,\n" +
			"@legislation and the other biblatex types.\n" +
			"--to csl-json writes CSL-JSON valid against csl-data.json, which pandoc\n" +
			"--citeproc and Zotero read.\n" +
			"--to ris writes RIS for EndNote, Zotero and Mendeley (TY … ER, the id as ID).\n" +
			"Fields come in a fixed order and the output is the same from run to run;\n" +
			"'cite import' reads it back into the same references. What a format cannot\n" +
			"hold is reported on standard error. The output goes to standard output, or\n" +
			"atomically to the file given with -o.\n\n" +
			"Exit code 0 on success, 1 when the library has errors or an id cannot be a\n" +
			"BibTeX key, 2 on bad usage or an unreadable library.\n\n" +
			"Examples:\n" +
			"   cite export --to biblatex -o refs.bib\n" +
			"   cite export --to csl-json > refs.json\n" +
			"   cite export --to ris -o refs.ris\n" +
			"   pandoc --citeproc --bibliography refs.json essay.md",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "to", Usage: "output format: bibtex, biblatex, csl-json or ris (required)"},
			&ucli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file instead of standard output"},
		},
		Action: e.runExport,
	}
}

func (e *env) runExport(c *ucli.Context) error {
	to := c.String("to")
	if to == "" {
		return usageErrorf("export needs --to bibtex, biblatex, csl-json or ris")
	}
	if err := oneOf("to", to, "bibtex", "biblatex", "csl-json", "ris"); err != nil {
		return err
	}
	if c.NArg() > 0 {
		return usageErrorf("export takes no arguments; choose the library with --library and the file with -o")
	}
	lib, diags, err := loadLibrary(c)
	if err != nil {
		return err
	}
	if bib.HasErrors(diags) {
		bib.SortDiagnostics(diags)
		errs, last := 0, ""
		for _, d := range diags {
			if s := d.String(); d.Severity == bib.Error && s != last {
				fmt.Fprintln(e.stderr, s)
				errs++
				last = s
			}
		}
		fmt.Fprintf(e.stderr, "the library has %s; nothing was exported (run 'cite check' for details)\n", plural(errs, "error"))
		return problemsFound()
	}
	var b bytes.Buffer
	warnings := 0
	switch to {
	case "csl-json":
		err = csljson.Encode(&b, lib.Entries)
	case "ris":
		err = ris.Encode(&b, lib.Entries, ris.Options{Warn: func(d bib.Diagnostic) {
			warnings++
			fmt.Fprintln(e.stderr, d.String())
		}})
	default:
		opts := bibtex.Options{Dialect: bibtex.BibLaTeX, Warn: func(d bib.Diagnostic) {
			warnings++
			fmt.Fprintln(e.stderr, d.String())
		}}
		if to == "bibtex" {
			opts.Dialect = bibtex.BibTeX
		}
		err = bibtex.Encode(&b, lib.Entries, opts)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "%v\nnothing was exported\n", err)
		return problemsFound()
	}
	target := "standard output"
	if out := c.String("output"); out != "" {
		if err := e.writeFile(out, b.Bytes()); err != nil {
			return err
		}
		target = out
	} else if _, err := e.stdout.Write(b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %s as %s to %s", plural(len(lib.Entries), "reference"), to, target)
	if warnings > 0 {
		fmt.Fprintf(e.stderr, " (%s: what %s cannot hold, listed above)", plural(warnings, "warning"), to)
	}
	fmt.Fprintln(e.stderr)
	return nil
}
