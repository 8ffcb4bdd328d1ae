package check

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cite-project/cite/internal/bib"
)

// The target styles accepted in Options.Style.
const (
	StyleAPA  = "apa"
	StyleGOST = "gost"
	StyleAll  = "all"
)

// Styles lists the values of Options.Style, for flag validation and help.
var Styles = []string{StyleAPA, StyleGOST, StyleAll}

// Names of the styles as messages cite them.
const (
	apaName  = "APA 7"
	gostName = "GOST R 7.0.100-2018"
)

// Options selects what Run checks.
type Options struct {
	// Style is the target style whose requirements apply: "apa", "gost" or
	// "all" (the union). Empty, or any other value, means "all".
	Style string
	// Now is the moment access dates and years are compared with; the zero
	// value means time.Now().
	Now time.Time
	// TranslationWarning makes APA's requirement of an English translation
	// of a title not in English (title-translated) a recommended field, a
	// warning, instead of a missing one, an error. cite check sets it when
	// neither --style nor a cite.toml says that the library targets APA,
	// so that the authors of GOST libraries are not drowned in errors.
	TranslationWarning bool
}

// checker holds the state of one Run.
type checker struct {
	lib       *bib.Library
	apa, gost bool
	// translationWarning: see Options.TranslationWarning.
	translationWarning bool
	now                time.Time
	today              bib.DatePart
	diags              []bib.Diagnostic
	// langScripts caches the usual script of each language tag seen, and
	// langChecks the outcome of checking it.
	langScripts map[string]string
	langChecks  map[string]langCheck
	// needs and merged are buffers that fields reuses for every entry.
	needs  []need
	merged []mergedNeed
	// missingOnly marks a checker that only finds whether entries lack a
	// field their style requires (MissingFields, see lacksRequired): it
	// reports nothing.
	missingOnly bool
	// required holds the requirements of each type met (see requiredOf).
	required map[string]*typeRequirements
}

// Run checks every entry and claim of lib and returns the findings in
// deterministic order (see bib.SortDiagnostics). A nil library has none.
func Run(lib *bib.Library, opts Options) []bib.Diagnostic {
	if lib == nil {
		return nil
	}
	c := newChecker(lib, opts)
	for _, e := range lib.Entries {
		if e == nil {
			continue
		}
		c.fields(c.proceedingsAsArticle(e))
		c.form(e)
		c.text(e)
		c.names(e)
	}
	c.consistency()
	c.claims()
	bib.SortDiagnostics(c.diags)
	return c.diags
}

// newChecker prepares a checker for lib with opts.
func newChecker(lib *bib.Library, opts Options) *checker {
	c := &checker{lib: lib, now: opts.Now, translationWarning: opts.TranslationWarning}
	if c.now.IsZero() {
		c.now = time.Now()
	}
	y, m, d := c.now.Date()
	c.today = bib.DatePart{Year: y, Month: int(m), Day: d}
	switch strings.ToLower(strings.TrimSpace(opts.Style)) {
	case StyleAPA:
		c.apa = true
	case StyleGOST:
		c.gost = true
	default:
		c.apa, c.gost = true, true
	}
	return c
}

// MissingFields returns the ids of the entries of lib that lack a field
// the target style requires: those that Run reports with
// CodeMissingField. Only the field requirements are checked, so that a
// command that prints a summary line (cite format) does not pay for the
// whole checker.
func MissingFields(lib *bib.Library, opts Options) map[string]bool {
	lacking := map[string]bool{}
	if lib == nil {
		return lacking
	}
	// The entries are independent: chunks of them are checked on all the
	// processors, each by a checker of its own, and the ids merged.
	entries := lib.Entries
	workers := min(runtime.GOMAXPROCS(0), (len(entries)+missingChunk-1)/missingChunk)
	if workers <= 1 {
		missingIn(newChecker(lib, opts), entries, func(id string) { lacking[id] = true })
		return lacking
	}
	found := make([][]string, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newChecker(lib, opts)
			for {
				end := int(next.Add(missingChunk))
				start := end - missingChunk
				if start >= len(entries) {
					return
				}
				missingIn(c, entries[start:min(end, len(entries))], func(id string) { found[w] = append(found[w], id) })
			}
		}()
	}
	wg.Wait()
	for _, ids := range found {
		for _, id := range ids {
			lacking[id] = true
		}
	}
	return lacking
}

// missingChunk is how many entries a worker of MissingFields takes at a
// time.
const missingChunk = 1024

// missingIn calls lack with the id of each of entries that lacks a field
// c's style requires.
func missingIn(c *checker, entries []*bib.Entry, lack func(id string)) {
	c.missingOnly = true
	for _, e := range entries {
		if e == nil {
			continue
		}
		if c.lacksRequired(c.proceedingsAsArticle(e)) {
			lack(e.ID)
		}
	}
}

// report records a finding about field of entry e at e.PosOf(field). The
// severity comes from the rule table, so a code always has one severity.
func (c *checker) report(e *bib.Entry, field, code, msg string) {
	c.reportAt(e.PosOf(baseField(field)), e.ID, field, code, msg)
}

// reportAt records a finding at an explicit position.
func (c *checker) reportAt(pos bib.Pos, ref, field, code, msg string) {
	c.diags = append(c.diags, bib.Diagnostic{
		Pos:      pos,
		Severity: severityOf(code),
		Code:     code,
		Ref:      ref,
		Field:    field,
		Message:  msg,
	})
}

// baseField strips a name index such as "author[2]" to the key whose
// position the store records.
func baseField(field string) string {
	if i := strings.IndexByte(field, '['); i > 0 {
		return field[:i]
	}
	return field
}

// styles returns the message form of the styles selected among apa and
// gost: "APA 7", "GOST R 7.0.100-2018" or both joined by "and", and
// whether the verb takes the plural.
func styleNames(apa, gost bool) (string, bool) {
	switch {
	case apa && gost:
		return apaName + " and " + gostName, true
	case apa:
		return apaName, false
	case gost:
		return gostName, false
	}
	return "", false
}
