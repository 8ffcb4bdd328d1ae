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
		d, ok := c.it.Dates[v]
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
		return c.dis != nil && c.dis.disambiguate == (v == "true")
	}
	return false
}

func (c *ctx) hasVar(v string) bool {
	if c.suppressed[v] {
		return false
	}
	if item.IsNameVar(v) {
		return len(c.it.Names[v]) > 0
	}
	if item.IsDateVar(v) {
		return !c.it.Dates[v].IsZero()
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

// isPlural reports whether a number variable holds more than one number.
func isPlural(s string) bool {
	if !isNumeric(s) {
		return false
	}
	return strings.ContainsAny(s, "-–,&") || strings.Contains(s, " and ")
}
