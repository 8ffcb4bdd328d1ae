package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/check"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/translit"
	"github.com/cite-project/cite/styles"
	ucli "github.com/urfave/cli/v2"
)

// repeated is a flag value that collects every occurrence of a flag, as
// given (urfave's string slices would split a locator at its commas).
type repeated []string

func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }
func (r *repeated) String() string     { return strings.Join(*r, " ") }

func (e *env) formatCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "format",
		Usage:     "print the bibliography, or an in-text citation, in APA 7, GOST or any CSL style",
		ArgsUsage: "[ID...]",
		Description: "Without --cite, prints the bibliography of the library (or of the given ids),\n" +
			"one entry a line in text mode, in the style's order; numbers in numeric styles\n" +
			"are library positions, so an entry keeps its number when others are left out.\n" +
			"With --cite (repeatable: the cites form one citation) it prints the in-text\n" +
			"citation instead: ID or ID@LOCATOR, where the locator is a page unless it\n" +
			"starts with a CSL label and a colon (chapter:3).\n\n" +
			"Styles: " + strings.Join(styles.Names(), ", ") + ",\nor the path of any .csl file.\n" +
			"APA romanises Cyrillic names and titles that have no romanised form in the\n" +
			"record (BGN/PCGN unless --romanize names another scheme) and adds the English\n" +
			"translation of each title in brackets, and puts English titles in sentence\n" +
			"case (APA 7, 6.17): protected words (<span class=\"nocase\">…</span>, BibTeX's\n" +
			"{…}), acronyms, words with inner capitals and known proper nouns keep their\n" +
			"capitals; --title-case as-is prints titles as recorded. --romanize with any other style adds a\n" +
			"romanised \"References\" list after the bibliography, for journals that ask for\n" +
			"both. Missing data never stops rendering: what the record has is printed, the\n" +
			"engine's warnings go to stderr, and 'cite check --style ...' names the gaps.\n\n" +
			"Examples:\n" +
			"   cite format --style gost\n" +
			"   cite format --style apa --to html\n" +
			"   cite format --style gost --romanize lc-ascii\n" +
			"   cite format --style apa --title-case as-is\n" +
			"   cite format --style apa --cite zhigalov1993@9\n" +
			"   cite format --style gost --cite zhigalov1993@9 --cite vais2012",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "style", Aliases: []string{"s"}, Usage: "style name (" + strings.Join(styles.Names(), ", ") + ") or a .csl file"},
			&ucli.StringFlag{Name: "to", Value: "text", Usage: "output format: text, html, markdown or rtf"},
			&ucli.StringFlag{Name: "locale", Usage: "force the list's locale, e.g. ru-RU (items with a layout of their own language keep it)"},
			&ucli.StringFlag{Name: "romanize", Usage: "romanisation scheme (" + strings.Join(translit.Schemes(), ", ") + "); adds a romanised References list to non-APA styles"},
			&ucli.StringFlag{Name: "title-case", Usage: "title case: sentence (APA 7's sentence case for English titles; the default with --style apa) or as-is (titles as recorded; the default with other styles)"},
			&ucli.GenericFlag{Name: "cite", Value: &repeated{}, Usage: "print an in-text citation of `ID[@LOCATOR]` instead of the bibliography (repeatable)"},
		},
		Action: e.runFormat,
	}
}

func (e *env) runFormat(c *ucli.Context) error {
	styleArg := c.String("style")
	cfg, err := e.libraryConfig(c) // cite.toml: [format] style, romanize
	if err != nil {
		return err
	}
	if styleArg == "" {
		styleArg = cfg.FormatStyle
	}
	if styleArg == "" {
		return usageErrorf("format needs --style (or [format] style in cite.toml): one of %s, or a .csl file", strings.Join(styles.Names(), ", "))
	}
	to, err := output.ParseFormat(c.String("to"))
	if err != nil {
		return usageErrorf("--to: %v", err)
	}
	var scheme translit.Scheme
	romanize := c.String("romanize")
	if romanize == "" {
		romanize = cfg.Romanize
	}
	if name := romanize; name != "" {
		if scheme, err = translit.ParseScheme(name); err != nil {
			return usageErrorf("--romanize: unknown scheme %q; known: %s", name, strings.Join(translit.Schemes(), ", "))
		}
	}
	var titleCase cite.TitleCase
	if v := c.String("title-case"); v != "" {
		var ok bool
		if titleCase, ok = cite.ParseTitleCase(v); !ok {
			return usageErrorf("--title-case: %q is not sentence or as-is", v)
		}
	}
	var refs []cite.Ref
	if r, ok := c.Generic("cite").(*repeated); ok {
		for _, s := range *r {
			ref, err := cite.ParseRef(s)
			if err != nil {
				return usageErrorf("--cite: %v", err)
			}
			refs = append(refs, ref)
		}
	}
	ids := c.Args().Slice()
	if len(refs) > 0 && len(ids) > 0 {
		return usageErrorf("give either ids (a bibliography of them) or --cite (a citation), not both")
	}
	st, err := cite.LoadStyle(styleArg, e.reader(c))
	if err != nil {
		if errors.Is(err, styles.ErrUnknownStyle) {
			return usageErrorf("--style: %v", err)
		}
		return inputError(err)
	}
	f, err := cite.New(st, cite.Options{Format: to, Locale: c.String("locale"), Scheme: scheme, TitleCase: titleCase, EvalBudget: cslBudget(c)})
	if err != nil {
		return inputError(err)
	}
	lib, err := e.openLibraryForOutput(c)
	if err != nil {
		return err
	}
	if len(refs) > 0 {
		out, warnings, err := f.Cite(lib, refs)
		if err != nil {
			return usageErrorf("--cite: %v", err)
		}
		fmt.Fprintln(e.stdout, out)
		e.printWarnings(warnings)
		return nil
	}
	// What the summary line counts is found before rendering, so that the
	// library is not needed while the engine works: the items keep only
	// what they render, and a large library's names, dates and claims can
	// go (the romanised list of another style prepares them again).
	lacking, style := e.lackingData(lib, f.Kind())
	// The entries are written as they are rendered: a large library's
	// list is never held whole.
	doc := cite.NewDocumentWriter(e.stdout, to)
	entry := func(_, s string) error { doc.Entry(s); return nil }
	doc.Section("")
	var res *cite.Result
	// --romanize asks for the romanised list; cite.toml's romanize only
	// chooses the scheme.
	if c.String("romanize") != "" && f.Kind() != cite.APA {
		if res, err = f.EachEntry(lib, ids, entry); err == nil {
			doc.Section("References")
			_, err = f.EachReference(lib, ids, entry)
		}
	} else {
		res, err = f.EachEntryOnce(lib, ids, entry) // the library's last use
	}
	if err != nil {
		return usageErrorf("%v", err)
	}
	if err := doc.Close(); err != nil {
		return inputError(fmt.Errorf("writing the list: %w", err))
	}
	e.printWarnings(res.Warnings)
	e.printGaps(lacking, style, res.IDs)
	return nil
}

func (e *env) printWarnings(warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "cite: warning: %s\n", w)
	}
}

// lackingData returns the ids of the entries of lib that lack data the
// style of kind asks for, and that style's name for check (APA and GOST
// only; other styles get no summary).
func (e *env) lackingData(lib *bib.Library, kind cite.Kind) (map[string]bool, string) {
	var style string
	switch kind {
	case cite.APA:
		style = check.StyleAPA
	case cite.GOST:
		style = check.StyleGOST
	default:
		return nil, ""
	}
	// Only the field requirements count here: the whole checker
	// (consistency, claims, URLs) is 'cite check''s job.
	lacking := check.MissingFields(lib, check.Options{Style: style, Now: e.now()})
	// The ids are kept while the engine works, without the library: as
	// copies, since an id of the library's shares its memory with the
	// library's other strings (see cite.Formatter.EachEntry).
	kept := make(map[string]bool, len(lacking))
	for id := range lacking {
		kept[strings.Clone(id)] = true
	}
	return kept, style
}

// printGaps says, in one line, how many of the printed references (ids)
// are among those lacking data that style asks for (see lackingData),
// and which command lists the gaps.
func (e *env) printGaps(lacking map[string]bool, style string, ids []string) {
	if style == "" {
		return
	}
	printed := map[string]bool{}
	for _, id := range ids {
		printed[id] = true
	}
	n := 0
	for id := range lacking {
		if printed[id] {
			n++
		}
	}
	if n == 0 {
		return
	}
	fmt.Fprintf(e.stderr, "cite: %d of %d references lack data that %s asks for; 'cite check --style %s' lists them\n",
		n, len(ids), strings.ToUpper(style), style)
}
