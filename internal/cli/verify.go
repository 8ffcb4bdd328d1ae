package cli

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/verify"
	"github.com/cite-project/cite/styles"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) verifyCommand() *ucli.Command {
	var codes []string
	for _, c := range verify.Codes() {
		codes = append(codes, fmt.Sprintf("   %-22s %-8s %s", c.Code, c.Severity, c.Explanation))
	}
	return &ucli.Command{
		Name:  "verify",
		Usage: "check a manuscript's citation markers and the library's claims against the references",
		Description: "Finds the citation markers of the manuscript ([4], [2, с. 9], [1–3], [1]–[3],\n" +
			"¹, [^1], [@id, p. 9], @id, \\cite{id}, (Author, 2012), Author (2012)) in its prose:\n" +
			"the manuscript is read as text, Markdown, LaTeX or HTML by its extension or --from,\n" +
			"and front matter, code, maths, comments, tables and markup are not prose. Numeric\n" +
			"markers refer to the library's order; \\nocite and YAML nocite count as citations.\n" +
			"Checks that each claim of the library ([[claim]] tables) has a source, that\n" +
			"its excerpt is in the manuscript (suggesting the closest passage when it is not)\n" +
			"with a marker for its source in the same sentence or paragraph, that quotations\n" +
			"give a page or paragraph, and that sentences stating figures or dates cite a\n" +
			"source. The manuscript's own reference list is not searched for markers. Several\n" +
			"files (-m a.tex -m b.tex, or files after the first -m) are one work.\n" +
			"Without --manuscript only the claims are checked. Each finding prints as\n" +
			"'file:line: code: message'; --format json prints {markers, claims, findings};\n" +
			"--format html prints one self-contained page with the manuscript highlighted.\n" +
			"Exit code 0 when nothing is found, 1 when anything is, 2 when the library or\n" +
			"the manuscript cannot be read.\n\n" +
			"Finding codes:\n" + strings.Join(codes, "\n") + "\n\n" +
			"Examples:\n" +
			"   cite verify --manuscript essay.txt\n" +
			"   cite verify --manuscript essay.txt --format json\n" +
			"   cite verify --manuscript essay.txt --format html --style gost > report.html\n" +
			"   cite verify -m paper.md --min-severity error\n" +
			"   cite verify -m essay.txt --suggest-claims >> refs/claims.toml\n" +
			"   cite verify -m Dissertation/intro.tex Dissertation/part*.tex\n" +
			"   cite verify",
		Flags: []ucli.Flag{
			&ucli.StringSliceFlag{Name: "manuscript", Aliases: []string{"m"}, Usage: "the manuscript: a UTF-8 text, Markdown, LaTeX or HTML `FILE` (- reads stdin); repeat it, or name more files after the options, for a work in several files"},
			&ucli.StringFlag{Name: "from", Usage: "read the manuscript as `FORMAT`: " + strings.Join(manuscript.Formats(), ", ") + " (default: by extension: .md Markdown, .tex LaTeX, .html HTML, else text)"},
			&ucli.StringFlag{Name: "min-severity", Value: "warning", Usage: "report findings of this `SEVERITY` and above: warning (all) or error"},
			&ucli.BoolFlag{Name: "suggest-claims", Usage: "print a [[claim]] stub (kind guessed, the sentence as excerpt, its markers as sources) for every sentence flagged as needing a citation, to complete and paste into refs/claims.toml; the summary goes to standard error"},
			&ucli.StringFlag{Name: "format", Value: "text", Usage: "output format: text, json or html"},
			&ucli.StringFlag{Name: "style", Usage: "format the references of the HTML page in this style (" + strings.Join(styles.Names(), ", ") + ", or a .csl file); default: author, title, year"},
		},
		Action: e.runVerify,
	}
}

func (e *env) runVerify(c *ucli.Context) error {
	format := c.String("format")
	if err := oneOf("format", format, "text", "json", "html"); err != nil {
		return err
	}
	var opts verify.Options
	sev, err := verify.ParseSeverity(c.String("min-severity"))
	if err != nil {
		return usageErrorf("--min-severity: %v", err)
	}
	opts.MinSeverity = sev
	from, fromSet := manuscript.Text, c.IsSet("from")
	if fromSet {
		if from, err = manuscript.ParseFormat(c.String("from")); err != nil {
			return usageErrorf("--from: %v", err)
		}
	}
	for _, a := range c.Args().Slice() {
		if strings.HasPrefix(a, "-") && a != "-" {
			return usageErrorf("%s comes after the manuscript files, where it is read as a file: put the options first (cite verify %s … -m FILE FILE…)", a, a)
		}
	}
	paths := append(c.StringSlice("manuscript"), c.Args().Slice()...)
	if c.NArg() > 0 && len(c.StringSlice("manuscript")) == 0 {
		return usageErrorf("verify takes the manuscript with --manuscript FILE (then more files may follow): cite verify -m %s", c.Args().First())
	}
	lib, err := e.openLibrary(c)
	if err != nil {
		return err
	}
	if name := c.String("style"); name != "" {
		f, err := referenceFormatter(lib, name, e.reader(c))
		if err != nil {
			return err
		}
		opts.FormatReference = f
	}
	var mss []*verify.Manuscript
	for _, path := range paths {
		ms, err := e.readManuscript(c, path)
		if err != nil {
			return err
		}
		ms.Format = manuscript.Detect(path)
		if fromSet {
			ms.Format = from
		}
		mss = append(mss, ms)
	}
	r := verify.RunAll(lib, mss, opts)
	if c.Bool("suggest-claims") {
		if len(mss) == 0 {
			return usageErrorf("--suggest-claims needs a manuscript: give it with --manuscript")
		}
		stubs := r.SuggestClaims()
		if err := store.Encode(e.stdout, nil, stubs); err != nil {
			return inputError(fmt.Errorf("write the claim stubs: %w", err))
		}
		plural := "s"
		if len(stubs) == 1 {
			plural = ""
		}
		fmt.Fprintf(e.stderr, "%s; %d claim stub%s\n", r.Summary(), len(stubs), plural)
		if r.HasProblems() {
			return problemsFound()
		}
		return nil
	}
	switch format {
	case "json":
		err = r.WriteJSON(e.stdout)
	case "html":
		err = r.WriteHTML(e.stdout)
	default:
		err = r.WriteText(e.stdout)
	}
	if err != nil {
		return inputError(fmt.Errorf("write the report: %w", err))
	}
	if format != "text" {
		fmt.Fprintln(e.stderr, r.Summary())
	}
	if r.HasProblems() {
		return problemsFound()
	}
	return nil
}

// readManuscript reads the manuscript at path ("-" is stdin). It must be
// UTF-8 text.
func (e *env) readManuscript(c *ucli.Context, path string) (*verify.Manuscript, error) {
	data, path, err := e.readInput(c, path)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, inputError(fmt.Errorf("read manuscript: %s is not UTF-8 text; convert it (iconv -t UTF-8) or export it as plain text", path))
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	return &verify.Manuscript{Name: path, Text: text}, nil
}

// referenceFormatter renders the whole library once in the named style
// and returns a lookup of each entry's text, so that numbers and
// disambiguation are those of the full list.
func referenceFormatter(lib *bib.Library, name string, readFile func(string) ([]byte, error)) (func(*bib.Entry) string, error) {
	st, err := cite.LoadStyle(name, readFile)
	if err != nil {
		if errors.Is(err, styles.ErrUnknownStyle) {
			return nil, usageErrorf("--style: %v", err)
		}
		return nil, inputError(err)
	}
	f, err := cite.New(st, cite.Options{Format: output.Text})
	if err != nil {
		return nil, inputError(err)
	}
	res, err := f.Bibliography(lib, nil)
	if err != nil {
		return nil, inputError(fmt.Errorf("--style %s: %w", name, err))
	}
	text := make(map[string]string, len(res.IDs))
	for i, id := range res.IDs {
		text[id] = res.Entries[i]
	}
	return func(e *bib.Entry) string { return text[e.ID] }, nil
}
