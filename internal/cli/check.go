package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/check"
	ucli "github.com/urfave/cli/v2"
)

func (e *env) checkCommand() *ucli.Command {
	return &ucli.Command{
		Name:  "check",
		Usage: "validate the library: required fields per type and style, dates, URLs, DOIs, ISBNs, names, claims",
		Description: "Each finding prints as 'file:line: severity: ID: field: message [code]'.\n" +
			"Without --style, the requirements are those of the styles the library's\n" +
			"cite.toml names (styles = [\"gost\"]); without a cite.toml, those of APA 7 and\n" +
			"GOST together, with APA's English translation of a title not in English\n" +
			"(title-translated) a warning rather than an error.\n" +
			"Exit code 0 when there is no error, 1 when any error was found, 2 when the\n" +
			"library cannot be read. Warnings alone do not fail the check.\n\n" +
			"Examples:\n" +
			"   cite check\n" +
			"   cite check --style gost\n" +
			"   cite --library my.toml check --format json\n" +
			"   cite check --rules",
		Flags: []ucli.Flag{
			&ucli.StringFlag{Name: "style", Usage: "whose requirements apply: apa, gost or all (default: the styles cite.toml names; without one, both, with APA's English translation of titles a warning)"},
			&ucli.StringFlag{Name: "format", Value: "text", Usage: "output format: text or json"},
			&ucli.BoolFlag{Name: "rules", Usage: "list every rule with its code and explanation, and exit"},
		},
		Action: e.runCheck,
	}
}

func (e *env) runCheck(c *ucli.Context) error {
	format := c.String("format")
	if err := oneOf("format", format, "text", "json"); err != nil {
		return err
	}
	style := c.String("style")
	if c.IsSet("style") {
		if err := oneOf("style", style, check.Styles...); err != nil {
			return err
		}
	}
	if c.Bool("rules") {
		return e.printRules(format)
	}
	if c.NArg() > 0 {
		return usageErrorf("check takes no arguments; choose the library with --library")
	}
	lib, diags, err := loadLibrary(c)
	if err != nil {
		return err
	}
	cfg, err := e.libraryConfig(c)
	if err != nil {
		return err
	}
	opts := checkOptions(style, cfg)
	opts.Now = e.now()
	diags = append(diags, check.Run(lib, opts)...)
	bib.SortDiagnostics(diags)
	if format == "json" {
		if err := writeDiagnosticsJSON(e.stdout, diags); err != nil {
			return err
		}
	} else {
		w := bufio.NewWriterSize(e.stdout, 64<<10)
		var line []byte
		for _, d := range diags {
			line = append(d.AppendText(line[:0]), '\n')
			w.Write(line)
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	errs, warns := count(diags)
	fmt.Fprintf(e.stderr, "checked %s and %s: %s, %s\n",
		plural(len(lib.Entries), "reference"), plural(len(lib.Claims), "claim"),
		plural(errs, "error"), plural(warns, "warning"))
	if errs > 0 {
		return problemsFound()
	}
	return nil
}

// diagnosticJSON is the JSON form of a finding; its keys are a contract.
type diagnosticJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Ref      string `json:"ref"`
	Field    string `json:"field"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

func writeDiagnosticsJSON(w interface{ Write([]byte) (int, error) }, diags []bib.Diagnostic) error {
	out := make([]diagnosticJSON, 0, len(diags))
	for _, d := range diags {
		out = append(out, diagnosticJSON{
			File: d.Pos.File, Line: d.Pos.Line, Ref: d.Ref, Field: d.Field,
			Severity: d.Severity.String(), Code: d.Code, Message: d.Message,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func (e *env) printRules(format string) error {
	rules := append(loadRules(), check.Rules()...)
	if format == "json" {
		type ruleJSON struct {
			Code        string `json:"code"`
			Severity    string `json:"severity"`
			Explanation string `json:"explanation"`
		}
		out := make([]ruleJSON, 0, len(rules))
		for _, r := range rules {
			out = append(out, ruleJSON{r.Code, r.Severity, r.Explanation})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	width := 0
	for _, r := range rules {
		width = max(width, len(r.Code))
	}
	for _, r := range rules {
		fmt.Fprintf(e.stdout, "%-*s  %-7s  %s\n", width, r.Code, r.Severity, r.Explanation)
	}
	return nil
}

// loadRules describes the diagnostics that reading a library can produce,
// in the form check.Rules uses for its own.
func loadRules() []check.Rule {
	return []check.Rule{
		{Code: "toml-syntax", Severity: "error", Explanation: "the file is not valid TOML; the message shows file:line:col and the offending line (exit code 2)"},
		{Code: "unknown-key", Severity: "warning", Explanation: "a key that is not a CSL variable, a name part or a claim field, usually a typo; it is ignored"},
		{Code: "duplicate-id", Severity: "error", Explanation: "two references (or two claims) share an id; the message names the first"},
		{Code: "missing-id", Severity: "error", Explanation: "a reference or claim has no id"},
		{Code: "unknown-type", Severity: "error", Explanation: "type is not a CSL 1.0.2 item type"},
		{Code: "bad-date", Severity: "error", Explanation: "a date is not an EDTF date such as 1992-05-16, 2012-03, 2014/2020 or 1993~"},
		{Code: "bad-name", Severity: "error", Explanation: "a name is not a table of family/given/literal parts, or is empty"},
		{Code: "bad-value", Severity: "error", Explanation: "a value has the wrong TOML type (a list where a string belongs, say), or type is missing"},
	}
}

func count(diags []bib.Diagnostic) (errs, warns int) {
	for _, d := range diags {
		if d.Severity == bib.Error {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

// plural formats "1 reference", "2 references".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	if strings.HasSuffix(noun, "s") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
