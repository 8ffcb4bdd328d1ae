package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/render"
	"github.com/cite-project/cite/styles"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) renderCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "render",
		Usage:     "turn a manuscript's citation markers into formatted citations and add its bibliography",
		ArgsUsage: "MANUSCRIPT",
		Description: "Reads a manuscript (text, Markdown or HTML, told by the extension or --from;\n" +
			"- reads standard input) and writes it back with every citation marker replaced\n" +
			"by the style's citation and the bibliography added: at a placeholder (a pandoc\n" +
			"'::: {#refs}' div, <div id=\"refs\">, a line holding only {{bibliography}}), in\n" +
			"place of the manuscript's own reference list, or at the end under a heading in\n" +
			"the style's language. Text outside the markers is copied byte for byte.\n\n" +
			"Markers: pandoc [@key], [@a; @b, p. 3], @key [p. 3], [-@key], [see @a, ch. 2],\n" +
			"nocite in the YAML front matter; numeric [n], [n, с. 9], [1–3], [1; 4], which\n" +
			"refer to the manuscript's own numbered reference list when it has one (its\n" +
			"entries are matched with the library by title, authors and year, as verify\n" +
			"matches them) and to the library's order otherwise; author–date\n" +
			"(Author, 2012), by the first author in any form the record keeps or\n" +
			"romanised, the co-authors choosing among one author's works of a year.\n" +
			"Markers are read in prose only: in HTML, in the text, not in tags, attributes,\n" +
			"<code>, <pre>, <script>, <style> or comments (and user@example.org is none).\n\n" +
			"Numeric styles number the references by first citation; author–date\n" +
			"styles disambiguate across the document (2012a); note styles put\n" +
			"citations in footnotes (ibid, subsequent short forms).\n\n" +
			"A marker that names a work the library lacks is left as it is and reported as\n" +
			"FILE:LINE:COL: unresolved-marker: ... on stderr; the exit code is then 1 and\n" +
			"nothing is written to -o. An unreadable manuscript is exit code 2.\n\n" +
			"Examples:\n" +
			"   cite render essay.txt --style apa\n" +
			"   cite render essay.txt --style gost -o essay-gost.txt\n" +
			"   cite render paper.md --style path/to/apa.csl --to html -o paper.html",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "style", Aliases: []string{"s"}, Usage: "style name (" + strings.Join(styles.Names(), ", ") + ") or a .csl file (required)"},
			&ucli.StringFlag{Name: "to", Usage: "output format: the manuscript's own (default), or html"},
			&ucli.StringFlag{Name: "from", Usage: "manuscript format: text, markdown or html (default: from the extension)"},
			&ucli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file (atomically, only when every marker resolved) instead of standard output"},
		},
		Action: e.runRender,
	}
}

func (e *env) runRender(c *ucli.Context) error {
	args, err := trailingFlags(c, aliasArgs(aliasArgs(c.Args().Slice(), "o", "output"), "s", "style"),
		map[string]bool{"output": true, "style": true, "to": true, "from": true}, nil)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usageErrorf("render takes one manuscript: cite render MANUSCRIPT --style S [--to html] [-o FILE]")
	}
	styleArg := c.String("style")
	if styleArg == "" {
		return usageErrorf("render needs --style: one of %s, or a .csl file", strings.Join(styles.Names(), ", "))
	}
	data, name, err := e.readInput(c, args[0])
	if err != nil {
		return err
	}
	from := manuscript.Detect(args[0])
	if s := c.String("from"); s != "" {
		if from, err = manuscript.ParseFormat(s); err != nil {
			return usageErrorf("--from: %v", err)
		}
	}
	if from == manuscript.LaTeX {
		return usageErrorf("%s is LaTeX: keep its \\cite commands and run 'cite bbl' on the .aux file in place of bibtex", name)
	}
	to := render.OwnFormat(from)
	if s := c.String("to"); s != "" {
		f, err := output.ParseFormat(s)
		if err != nil || (f != to && f != output.HTML) {
			return usageErrorf("--to must be %s (the manuscript's own format) or html, not %q", to, s)
		}
		to = f
	}
	st, err := cite.LoadStyle(styleArg, e.reader(c))
	if err != nil {
		if errors.Is(err, styles.ErrUnknownStyle) {
			return usageErrorf("--style: %v", err)
		}
		return inputError(err)
	}
	f, err := cite.New(st, cite.Options{Format: to})
	if err != nil {
		return inputError(err)
	}
	lib, err := e.openLibrary(c)
	if err != nil {
		return err
	}
	doc := manuscript.Parse(name, string(data), from, manuscript.Options{KeepNarrative: render.KeepNarrative(lib)})
	res, err := render.Render(doc, lib, f, render.Options{To: to})
	if err != nil {
		return inputError(err)
	}
	for _, p := range res.Problems {
		fmt.Fprintln(e.stderr, p.String())
	}
	e.printWarnings(res.Warnings)
	out := c.String("output")
	switch {
	case len(res.Problems) > 0 && out != "":
		fmt.Fprintf(e.stderr, "cite: %s; %s was not written\n", plural(len(res.Problems), "problem"), out)
		return problemsFound()
	case out != "":
		if err := e.writeFile(out, []byte(res.Text)); err != nil {
			return err
		}
	default:
		if _, err := fmt.Fprint(e.stdout, res.Text); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stderr, "cite: rendered %s and %s\n", plural(res.Citations, "citation"), plural(res.Entries, "reference"))
	if len(res.Problems) > 0 {
		return problemsFound()
	}
	return nil
}
