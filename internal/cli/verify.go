package cli

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/verify"
	"github.com/cite-project/cite/styles"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) verifyCommand() *ucli.Command {
	var codes []string
	for _, c := range verify.Codes() {
		codes = append(codes, fmt.Sprintf("   %-22s %s", c.Code, c.Explanation))
	}
	return &ucli.Command{
		Name:  "verify",
		Usage: "check a manuscript's citation markers and the library's claims against the references",
		Description: "Finds the citation markers of the manuscript ([4], [2, с. 9], [1–3], [1; 4],\n" +
			"[@id, p. 9], \\cite{id}, (Author, 2012)); numeric markers refer to the library's\n" +
			"order. Checks that each claim of the library ([[claim]] tables) has a source, that\n" +
			"its excerpt is in the manuscript (suggesting the closest passage when it is not)\n" +
			"with a marker for its source in the same sentence or paragraph, that quotations\n" +
			"give a page or paragraph, and that sentences stating figures or dates cite a\n" +
			"source. A reference list at the end of the manuscript is not searched for markers.\n" +
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
			"   cite verify",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "manuscript", Aliases: []string{"m"}, Usage: "the manuscript: a UTF-8 text, Markdown or LaTeX `FILE` (- reads stdin)"},
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
	if c.NArg() > 0 {
		return usageErrorf("verify takes no arguments; give the manuscript with --manuscript")
	}
	var opts verify.Options
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
	var ms *verify.Manuscript
	if path := c.String("manuscript"); path != "" {
		if ms, err = e.readManuscript(c, path); err != nil {
			return err
		}
	}
	r := verify.Run(lib, ms, opts)
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
