package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cite-project/cite/internal/bbl"
	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/input"
	"github.com/cite-project/cite/styles"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) bblCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "bbl",
		Usage:     "write a LaTeX .bbl from an .aux file, in place of bibtex",
		ArgsUsage: "FILE[.aux]",
		Description: "Reads the \\citation, \\bibdata and \\bibstyle lines that LaTeX writes to\n" +
			"FILE.aux (and to the child .aux files of \\include), and writes FILE.bbl: a\n" +
			"thebibliography environment with each cited entry formatted by cite's engine,\n" +
			"LaTeX-escaped. Numeric styles list the entries in order of first citation;\n" +
			"author–date styles get natbib labels, so that \\citet and \\citep work with\n" +
			"\\usepackage{natbib}. \\nocite{*} adds every other entry after the cited ones.\n\n" +
			"The entries come from --library when it is given (or CITE_LIBRARY is set);\n" +
			"otherwise from the databases of \\bibliography{...}: NAME.bib (BibTeX or\n" +
			"BibLaTeX), NAME.json (CSL-JSON), NAME.toml or a directory NAME of .toml files,\n" +
			"next to the .aux file or in the current directory. The style is --style, or\n" +
			"the one \\bibliographystyle names when cite knows it (" + strings.Join(styles.Names(), ", ") + ",\n" +
			"a .csl file; apa* means apa, names with gost and 2008 gost-2008, other gost*\n" +
			"names gost).\n\n" +
			"A key the library lacks is reported as FILE.aux:LINE: warning: ..., and the\n" +
			"exit code is 1; the .bbl is written without it, as bibtex does. With latexmk,\n" +
			"put $bibtex = 'cite bbl %B'; in .latexmkrc.\n\n" +
			"Examples:\n" +
			"   cite bbl paper                      # paper.aux → paper.bbl\n" +
			"   cite bbl paper.aux --style gost -o -\n" +
			"   cite --library refs bbl build/thesis.aux --style gost-2008",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "style", Aliases: []string{"s"}, Usage: "style name (" + strings.Join(styles.Names(), ", ") + ") or a .csl file; default: from \\bibliographystyle"},
			&ucli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file (atomically; - for standard output) instead of FILE.bbl"},
		},
		Action: e.runBBL,
	}
}

func (e *env) runBBL(c *ucli.Context) error {
	args, err := trailingFlags(c, aliasArgs(aliasArgs(c.Args().Slice(), "o", "output"), "s", "style"), map[string]bool{"output": true, "style": true}, nil)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return usageErrorf("bbl takes one .aux file: cite bbl FILE[.aux] [--style S] [-o FILE.bbl]")
	}
	auxPath := args[0]
	if filepath.Ext(auxPath) != ".aux" {
		if _, err := os.Stat(auxPath); err != nil {
			auxPath += ".aux"
		}
	}
	aux, err := bbl.ReadAux(auxPath, e.reader(c))
	if err != nil {
		return inputError(err)
	}
	if aux.Biblatex {
		return usageErrorf("%s comes from a document that uses biblatex, which needs biber's .bbl format; cite bbl serves \\bibliography{...} with \\bibliographystyle (remove biblatex, or run biber)", auxPath)
	}
	if len(aux.Citations) == 0 && !aux.All {
		fmt.Fprintf(e.stderr, "cite: %s cites nothing (no \\citation lines); the bibliography is empty\n", auxPath)
	}
	st, err := e.bblStyle(c, aux, auxPath)
	if err != nil {
		return err
	}
	f, err := cite.New(st, cite.Options{EvalBudget: cslBudget(c)})
	if err != nil {
		return inputError(err)
	}
	lib, err := e.bblLibrary(c, aux, auxPath)
	if err != nil {
		return err
	}
	res, err := bbl.Build(aux, lib, f)
	if err != nil {
		return inputError(err)
	}
	var b bytes.Buffer
	if err := bbl.Write(&b, res.Items); err != nil {
		return err
	}
	out := c.String("output")
	if out == "" {
		out = strings.TrimSuffix(auxPath, ".aux") + ".bbl"
	}
	if out == "-" {
		if _, err := e.stdout.Write(b.Bytes()); err != nil {
			return err
		}
	} else if err := e.writeFile(out, b.Bytes()); err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(e.stderr, w.String())
	}
	e.printWarnings(res.Engine)
	if out != "-" {
		fmt.Fprintf(e.stderr, "cite: wrote %s to %s\n", plural(len(res.Items), "reference"), out)
	}
	if len(res.Warnings) > 0 {
		fmt.Fprintf(e.stderr, "cite: %s not found; add them to the library or fix the \\cite keys\n", plural(len(res.Warnings), "cited key"))
		return problemsFound()
	}
	return nil
}

// bblStyle returns --style, or the style \bibliographystyle names.
func (e *env) bblStyle(c *ucli.Context, aux *bbl.Aux, auxPath string) (*cite.Style, error) {
	name := c.String("style")
	if name == "" {
		name = styleForBibstyle(aux.BibStyle)
		if name == "" {
			what := "no \\bibliographystyle"
			if aux.BibStyle != "" {
				what = fmt.Sprintf("\\bibliographystyle{%s}, which cite does not know", aux.BibStyle)
			}
			return nil, usageErrorf("%s has %s; give --style (%s, or a .csl file)", auxPath, what, strings.Join(styles.Names(), ", "))
		}
	}
	st, err := cite.LoadStyle(name, e.reader(c))
	if err != nil {
		if errors.Is(err, styles.ErrUnknownStyle) {
			return nil, usageErrorf("--style: %v", err)
		}
		return nil, inputError(err)
	}
	return st, nil
}

// styleForBibstyle maps a \bibliographystyle to one of cite's styles: an
// embedded style's name or a .csl file as such, then the common BibTeX
// names (apalike, apacite → apa; ugost2008, gost2008n → gost-2008; other
// gost… → gost). It returns "" for a style cite does not know.
func styleForBibstyle(name string) string {
	name = strings.TrimSpace(name)
	lower := strings.ToLower(name)
	switch {
	case name == "":
		return ""
	case strings.HasSuffix(lower, ".csl"):
		return name
	}
	for _, n := range styles.Names() {
		if lower == n {
			return n
		}
	}
	switch {
	case strings.HasPrefix(lower, "apa"):
		return "apa"
	case strings.Contains(lower, "gost") && strings.Contains(lower, "2008"):
		return "gost-2008"
	case strings.Contains(lower, "gost"):
		return "gost"
	}
	return ""
}

// bblLibrary returns the library: --library (or CITE_LIBRARY) when set,
// else the \bibdata databases, else the default library.
func (e *env) bblLibrary(c *ucli.Context, aux *bbl.Aux, auxPath string) (*bib.Library, error) {
	if c.IsSet("library") || len(aux.BibData) == 0 {
		return e.openLibrary(c)
	}
	lib := &bib.Library{}
	for _, name := range aux.BibData {
		path, err := findDatabase(name, filepath.Dir(auxPath))
		if err != nil {
			return nil, inputError(err)
		}
		part, diags, err := readDatabase(c, path)
		if err != nil {
			return nil, inputError(err)
		}
		for _, d := range diags {
			if d.Severity == bib.Error {
				fmt.Fprintln(e.stderr, d.String())
			}
		}
		for _, en := range part.Entries {
			if err := lib.Add(en); err != nil {
				fmt.Fprintf(e.stderr, "%s: warning: %v; the first is used\n", en.Pos, err)
			}
		}
	}
	return lib, nil
}

// findDatabase finds a \bibdata database: NAME.bib, NAME.json, NAME.toml
// or a directory NAME, beside the .aux file, then in the current directory.
func findDatabase(name, auxDir string) (string, error) {
	var tried []string
	for _, dir := range []string{auxDir, "."} {
		for _, ext := range []string{"", ".bib", ".json", ".toml"} {
			p := name + ext
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			info, err := os.Stat(p)
			if err != nil {
				tried = append(tried, p)
				continue
			}
			if ext == "" && !info.IsDir() && filepath.Ext(p) == "" {
				continue
			}
			return p, nil
		}
		if auxDir == "." {
			break
		}
	}
	return "", fmt.Errorf("\\bibliography{%s}: no database found (tried %s); give --library", name, strings.Join(tried, ", "))
}

// readDatabase reads a .bib file with cite's importer, or a cite library,
// within the input limits the user chose.
func readDatabase(c *ucli.Context, path string) (*bib.Library, []bib.Diagnostic, error) {
	limits, err := libraryLimits(c)
	if err != nil {
		return nil, nil, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".bib":
		data, err := input.ReadFile(path, limits.MaxSize)
		if err != nil {
			return nil, nil, err
		}
		return bibtex.Decode(path, data)
	}
	return loadLibraryAt(path, limits)
}
