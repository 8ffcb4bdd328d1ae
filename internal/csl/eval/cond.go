package eval

import (
	"regexp"
	"strings"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/style"
)

// test evaluates the conditions of a branch (CSL 1.0.2, "Choose").
func (c *ctx) test(b *style.Branch) bool {
	if len(b.Conditions) == 0 {
		return true
	}
	total, passed := 0, 0
	for _, cond := range b.Conditions {
		for _, v := range cond.Values {
			total++
			if c.test1(cond.Kind, v) {
				passed++
			}
		}
	}
	switch b.Match {
	case "any":
		return passed > 0
	case "none":
		return passed == 0
	}
	return passed == total
}

func (c *ctx) test1(kind, v string) bool {
	switch kind {
	case "type":
		return c.it.Type == v
	case "variable":
		return c.hasVar(v)
	case "is-numeric":
		if item.IsNameVar(v) || item.IsDateVar(v) {
			return false
		}
		return isNumeric(c.lookupVar(v))
	case "is-uncertain-date":
		d, ok := c.it.Date(v)
		return ok && d.Circa
	case "locator":
		if c.cite == nil || c.cite.Locator == "" {
			return false
		}
		lab := c.cite.Label
		if lab == "" {
			lab = "page"
		}
		return lab == v || (v == "sub-verbo" && lab == "sub verbo")
	case "position":
		return c.position(v)
	case "disambiguate":
		if v != "true" {
			return c.dis == nil || c.dis.disambiguate == 0
		}
		// The condition is applied incrementally, as citeproc-js does:
		// at level k the first k tests of a render are true
		// (disambiguate_IncrementalExtraText).
		if c.dis != nil && c.disTrue < c.dis.disambiguate {
			c.disTrue++
			return true
		}
		return false
	}
	return false
}

func (c *ctx) hasVar(v string) bool {
	if item.IsNameVar(v) {
		return len(c.it.Names[v]) > 0
	}
	if item.IsDateVar(v) {
		d, _ := c.it.Date(v)
		return !d.IsZero()
	}
	return c.lookupVar(v) != ""
}

func (c *ctx) position(v string) bool {
	if c.cite == nil || c.bib {
		return false
	}
	p := c.cite.position
	switch v {
	case "first":
		return p == posFirst
	case "subsequent":
		return p >= posSubsequent
	case "ibid":
		return p == posIbid || p == posIbidLocator
	case "ibid-with-locator":
		return p == posIbidLocator
	case "near-note":
		return p >= posSubsequent && c.cite.nearNote
	}
	return false
}

var numericRe = regexp.MustCompile(`^\s*(?:[A-Za-z]*\d+[A-Za-z]*)(?:\s*(?:[-–,&]|and)\s*(?:[A-Za-z]*\d+[A-Za-z]*))*\s*$`)

// isNumeric reports whether s is numeric in the sense of CSL 1.0.2
// "is-numeric": numbers with optional letter affixes, joined by hyphens,
// commas or ampersands.
func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	return numericRe.MatchString(s)
}

var pluralSepRe = regexp.MustCompile(`\s*(?:[-–,&]|\band\b|\bet\b|\bund\b|\bи\b)\s*`)

var romanRe = regexp.MustCompile(`^(?i:[ivxlcdm]+)$`)

// isPlural reports whether a number variable or locator holds more than
// one number ("1-3", "12, 15", "213 and 235", "i-ix"); a hyphen escaped
// with a backslash is part of a single number.
func isPlural(s string) bool {
	if strings.Contains(s, `\-`) {
		return false
	}
	parts := pluralSepRe.Split(strings.TrimSpace(s), -1)
	if len(parts) < 2 {
		return false
	}
	n := 0
	for _, p := range parts {
		if p == "" {
			continue
		}
		if isNumeric(p) || romanRe.MatchString(p) {
			n++
		} else {
			return false
		}
	}
	return n >= 2
}
