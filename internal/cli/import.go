package cli

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/csljson"
	"github.com/cite-project/cite/internal/libedit"
	"github.com/cite-project/cite/internal/store"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) importCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "import",
		Usage:     "import a BibTeX/BibLaTeX .bib, a CSL-JSON .json or a RIS .ris file as TOML references",
		ArgsUsage: "FILE.bib|FILE.json|FILE.ris",
		Description: "Reads the file and prints the references as TOML, or adds them to the\n" +
			"library file given with --into (created if it does not exist). The write is\n" +
			"atomic: if anything fails, the file is left exactly as it was. It is locked\n" +
			"against other cite commands writing the same file: the file is read once the\n" +
			"lock is held, and after --wait (default 5s) the import gives up (exit 2).\n" +
			"A symbolic link is followed; the file keeps its mode and group. An id that the\n" +
			"file already has is refused unless --on-duplicate says what to do with it;\n" +
			"replace splices the new record in place of the old one and leaves the rest\n" +
			"of the file as it was, listing what the old record had that the new one\n" +
			"lacks (--keep-extra keeps it).\n\n" +
			"Import is tolerant: an entry that cannot be imported as it is (broken syntax,\n" +
			"an undefined macro, a key used twice, a control character or a byte that is\n" +
			"not text) is skipped and reported as file:line:col with what to fix; the\n" +
			"others are imported. --strict imports nothing when any entry has an error.\n" +
			"A repeated keywords or file field is joined into one list; any other repeated\n" +
			"field keeps its first value and the later ones go to extra (title-2).\n\n" +
			"LaTeX accents and commands become Unicode; @string macros, # concatenation\n" +
			"and crossref are resolved. A field with no CSL variable, and the original\n" +
			"LaTeX of a value that plain text cannot hold exactly (math, \\emph, braces\n" +
			"that protect capitals), are kept in the reference's [reference.extra] table,\n" +
			"so that 'cite export' writes them back. The summary on standard error says\n" +
			"what was imported, what was skipped and what was kept in extra; --verbose\n" +
			"lists every field.\n\n" +
			"The encoding is detected (UTF-8, or Windows-1251, KOI8-R or CP866 for\n" +
			"Russian and Kazakh files) and named in the summary; --encoding sets it.\n" +
			"@string macros may expand to at most 1MiB for one value and 16MiB in all\n" +
			"(--max-value-size, --max-macro-expansion).\n\n" +
			"Exit code 0 on success; 1 when an entry was skipped (the others are\n" +
			"imported), or with --strict when the file has any error (nothing is written\n" +
			"then), or when an id is already in the --into file; 2 when the file cannot\n" +
			"be read, is not BibTeX, JSON or RIS at all, or exceeds a limit.\n\n" +
			"Examples:\n" +
			"   cite import old.bib > refs/old.toml\n" +
			"   cite import zotero.json --into refs/references.toml --on-duplicate rename\n" +
			"   cite import endnote.ris --into refs/endnote.toml\n" +
			"   cite import thesis.bib --encoding cp1251 --into refs/thesis.toml\n" +
			"   cite import library.bib --strict --into refs/library.toml",
		Flags: append([]ucli.Flag{
			&ucli.StringFlag{Name: "into", Usage: "add the references to this .toml file instead of printing them"},
			&ucli.StringFlag{Name: "on-duplicate", Value: "error", Usage: "when an id is already in the --into file: error, skip (keep the existing reference), rename (give the new one id-2, id-3, …) or replace (in place)"},
			&ucli.BoolFlag{Name: "verbose", Usage: "print every diagnostic, not only the summary"},
			&ucli.BoolFlag{Name: "keep-extra", Usage: "with --on-duplicate replace: keep what the replaced reference has and the new one lacks (fields, extra fields, unknown keys, comments) instead of dropping it"},
			waitFlag(),
		}, importReadFlags()...),
		Action: e.runImport,
	}
}

func (e *env) runImport(c *ucli.Context) error {
	// urfave/cli stops reading flags at the first argument; the usage line
	// puts the flags after the file, so read those here.
	args, err := trailingFlags(c, c.Args().Slice(), importValued, importBoolean)
	if err != nil {
		return err
	}
	policy := c.String("on-duplicate")
	if err := oneOf("on-duplicate", policy, "error", "skip", "rename", "replace"); err != nil {
		return err
	}
	if len(args) != 1 {
		return usageErrorf("import takes one file: cite import FILE.bib|FILE.json|FILE.ris [--into FILE.toml]")
	}
	src := args[0]
	imp, _, err := e.readImport(c, src)
	if err != nil {
		return err
	}
	lib, diags := imp.Library, imp.Diagnostics
	verbose := c.Bool("verbose")
	errs, _ := count(diags)
	if c.Bool("strict") && errs > 0 {
		for _, d := range diags {
			if d.Severity == bib.Error || verbose {
				fmt.Fprintln(e.stderr, d.String())
			}
		}
		fmt.Fprintf(e.stderr, "%s in %s; nothing was imported (--strict)\n", plural(errs, "error"), src)
		return problemsFound()
	}
	into := c.String("into")
	res := importResult{src: src, entries: lib.Entries, imp: imp}
	if !verbose {
		// Errors always print: each names an entry that was skipped.
		for _, d := range diags {
			if d.Severity == bib.Error {
				fmt.Fprintln(e.stderr, d.String())
			}
		}
	}
	if into == "" {
		var b bytes.Buffer
		if err := store.Encode(&b, lib.Entries, nil); err != nil {
			return err
		}
		if _, err := e.stdout.Write(b.Bytes()); err != nil {
			return err
		}
	} else if len(lib.Entries) > 0 || len(imp.Skipped) == 0 {
		if err := e.importInto(c, into, policy, c.Bool("keep-extra"), &res); err != nil {
			return err
		}
	} else {
		res.into = into
	}
	e.importSummary(res, diags, verbose)
	if len(imp.Skipped) > 0 {
		return problemsFound()
	}
	return nil
}

// trailingFlags sets the flags found among args (--name value,
// --name=value, or --name for a boolean) and returns the other arguments.
func trailingFlags(c *ucli.Context, args []string, valued, boolean map[string]bool) ([]string, error) {
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case !strings.HasPrefix(a, "-") || a == "-":
			rest = append(rest, a)
		case boolean[name] && !hasValue:
			if err := c.Set(name, "true"); err != nil {
				return nil, usageErrorf("%v", err)
			}
		case valued[name]:
			if !hasValue {
				if i+1 >= len(args) {
					return nil, usageErrorf("flag --%s needs a value", name)
				}
				i++
				value = args[i]
			}
			if err := c.Set(name, value); err != nil {
				return nil, usageErrorf("%v", err)
			}
		default:
			return nil, usageErrorf("unknown flag %s; run 'cite %s --help'", a, c.Command.Name)
		}
	}
	return rest, nil
}

// importResult is what an import did, for the summary.
type importResult struct {
	src, into string
	imp       *bib.Import
	entries   []*bib.Entry // the entries written
	skipped   []string
	renamed   [][2]string
	replaced  []string
	leftovers []libedit.Leftover // what replaced records had that the new ones lack
}

// importInto adds res.entries to the library file into: under its lock,
// reading it as it is once locked, and atomically.
func (e *env) importInto(c *ucli.Context, into, policy string, keepExtra bool, res *importResult) error {
	res.into = into
	if strings.ToLower(filepath.Ext(into)) != ".toml" {
		return usageErrorf("--into %s: give a .toml library file", into)
	}
	limits, err := libraryLimits(c)
	if err != nil {
		return err
	}
	return e.updateFile(c, into, func(old []byte, _ bool) ([]byte, error) {
		return e.mergeInto(into, old, policy, keepExtra, limits, res)
	})
}

// mergeInto returns the library file old with res.entries added according
// to policy (package libedit: appended, or replaced in place).
func (e *env) mergeInto(into string, old []byte, policy string, keepExtra bool, limits store.Limits, res *importResult) ([]byte, error) {
	m, err := libedit.Merge(into, old, res.entries, libedit.Options{
		Policy: libedit.Policy(policy), KeepExtra: keepExtra, Source: res.src, Limits: limits,
	})
	if err != nil {
		var se *store.SyntaxError
		if errors.As(err, &se) {
			return nil, inputError(fmt.Errorf("%v\n%s is not valid TOML; fix it before importing into it", err, into))
		}
		var de *store.DepthError
		if errors.As(err, &de) {
			return nil, inputError(err)
		}
		return nil, err
	}
	if len(m.Conflicts) > 0 {
		for _, d := range m.Conflicts {
			fmt.Fprintln(e.stderr, d)
		}
		fmt.Fprintf(e.stderr, "%s already in %s; nothing was imported (choose --on-duplicate skip, rename or replace)\n", plural(len(m.Conflicts), "id"), into)
		return nil, problemsFound()
	}
	res.entries, res.skipped, res.renamed, res.replaced, res.leftovers = m.Added, m.Skipped, m.Renamed, m.Replaced, m.Leftovers
	return m.Data, nil
}

// importSummary prints what was imported, and what went to extra or was
// left out, grouped by field; with verbose every diagnostic as well.
func (e *env) importSummary(res importResult, diags []bib.Diagnostic, verbose bool) {
	w := e.stderr
	if verbose {
		for _, d := range diags {
			fmt.Fprintln(w, d.String())
		}
	}
	target := "standard output"
	if res.into != "" {
		target = res.into
	}
	fmt.Fprintf(w, "imported %s, skipped %d, from %s into %s\n", plural(len(res.entries)+len(res.replaced), "reference"), len(res.imp.Skipped), res.src, target)
	if len(res.imp.Skipped) > 0 {
		var keys []string
		for _, s := range res.imp.Skipped {
			keys = append(keys, fmt.Sprintf("%s (line %d)", s.Ref, s.Pos.Line))
		}
		fmt.Fprintf(w, "  skipped (errors above; fix them and import again): %s\n", some(keys))
		if hint := encodingHint(res.imp, diags); hint != "" {
			fmt.Fprintf(w, "  %s\n", hint)
		}
	}
	if res.imp.Encoding != "" && res.imp.How != "valid UTF-8" && res.imp.How != "CSL-JSON is UTF-8" {
		fmt.Fprintf(w, "  read as %s (%s)\n", res.imp.Encoding, res.imp.How)
	}
	types := map[string]int{}
	for _, en := range res.entries {
		types[en.Type]++
	}
	if len(types) > 0 {
		fmt.Fprintf(w, "  by type: %s\n", tally(types))
	}
	if len(res.skipped) > 0 {
		fmt.Fprintf(w, "  skipped (id already in %s): %s\n", res.into, some(res.skipped))
	}
	if len(res.renamed) > 0 {
		var rs []string
		for _, r := range res.renamed {
			rs = append(rs, r[0]+" → "+r[1])
		}
		fmt.Fprintf(w, "  renamed (id already in %s): %s\n", res.into, some(rs))
	}
	if len(res.replaced) > 0 {
		fmt.Fprintf(w, "  replaced in place: %s (the rest of %s is unchanged)\n", some(res.replaced), res.into)
	}
	e.leftoverSummary(res)
	groups := []struct {
		codes []string
		what  string
	}{
		{[]string{bibtex.CodeUnmapped, csljson.CodeUnknownKey}, "kept in extra (no CSL variable)"},
		{[]string{bibtex.CodeKeptLaTeX}, "converted to Unicode, original LaTeX kept in extra"},
		{[]string{bibtex.CodeBadDate, csljson.CodeBadDate}, "dates cite cannot read, kept as written"},
	}
	grouped := map[string]bool{bibtex.CodeNotImported: true}
	for _, d := range diags {
		if d.Severity == bib.Error {
			grouped[d.Code] = true // printed above
		}
	}
	for _, g := range groups {
		for _, code := range g.codes {
			grouped[code] = true
		}
		// Importers may share a code (bad-date): count each diagnostic once.
		fieldCount := map[string]int{}
		for _, d := range diags {
			if slices.Contains(g.codes, d.Code) {
				fieldCount[d.Field]++
			}
		}
		if len(fieldCount) > 0 {
			fmt.Fprintf(w, "  %s: %s\n", g.what, tally(fieldCount))
		}
	}
	notImported, other := 0, 0
	for _, d := range diags {
		switch {
		case d.Code == bibtex.CodeNotImported:
			notImported++
		case !grouped[d.Code]:
			other++
		}
	}
	if notImported > 0 {
		fmt.Fprintf(w, "  not imported: %s (@preamble, @comment, text outside entries)\n", plural(notImported, "item"))
	}
	switch {
	case verbose:
	case other > 0:
		fmt.Fprintf(w, "  %s more; run with --verbose to see each with its line\n", plural(other, "warning"))
	case len(diags) > 0:
		fmt.Fprintln(w, "  run with --verbose to see each field with its line")
	}
}

// some lists up to ten items and counts the rest.
func some(items []string) string {
	if len(items) <= 10 {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:10], ", ") + fmt.Sprintf(" and %d more", len(items)-10)
}

// tally formats counts as "a 3, b 2", largest first.
func tally(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// leftoverSummary lists what replaced references had that the new ones
// lack: kept (--keep-extra) or dropped, never silently.
func (e *env) leftoverSummary(res importResult) {
	if len(res.leftovers) == 0 {
		return
	}
	var kept, dropped []libedit.Leftover
	for _, l := range res.leftovers {
		if l.Kept {
			kept = append(kept, l)
		} else {
			dropped = append(dropped, l)
		}
	}
	for _, group := range []struct {
		items []libedit.Leftover
		head  string
	}{
		{kept, "kept from the replaced references (--keep-extra)"},
		{dropped, "dropped with the replaced references (the new ones lack them; --keep-extra keeps them)"},
	} {
		if len(group.items) == 0 {
			continue
		}
		fmt.Fprintf(e.stderr, "  %s:\n", group.head)
		for _, l := range group.items {
			fmt.Fprintf(e.stderr, "    %s: %s: %s\n", l.Pos, l.ID, l.What)
		}
	}
}
