package eval

import (
	"regexp"
	"strings"

	"github.com/cite-project/cite/internal/csl/style"
	"github.com/cite-project/cite/internal/csl/vars"
)

// test evaluates the conditions of a branch (CSL 1.0.2, "Choose"). It
// stops at the first value that decides the match, except when the
// branch tests disambiguate, whose tests count (see disState).
func (c *ctx) test(b *style.Branch) bool {
	if len(b.Conditions) == 0 {
		return true
	}
	short := !b.Incremental
	any, none := b.MatchAny, b.MatchNone
	total, passed := 0, 0
	for i := range b.Conditions {
		cond := &b.Conditions[i]
		if cond.TypesExact {
			// Distinct types: at most one value is the item's, and
			// testing them has no effect, so the mask gives the count
			// and the decision of testing them one by one.
			n, hit := len(cond.Values), cond.Types&c.typeBit() != 0
			total += n
			if hit {
				passed++
			}
			if short {
				switch {
				case any && hit:
					return true
				case none && hit:
					return false
				case !any && !none && (!hit || n > 1):
					return false
				}
			}
			continue
		}
		for k, v := range cond.Values {
			total++
			ok := c.test1(cond, k, v)
			if ok {
				passed++
			}
			if short {
				switch {
				case any && ok:
					return true
				case none && ok:
					return false
				case !any && !none && !ok:
					return false
				}
			}
		}
	}
	switch {
	case any:
		return passed > 0
	case none:
		return passed == 0
	}
	return passed == total
}

// typeBit returns the bit of the item's type in the style's type tests
// (style.Style.TypeBit), looked up once per render.
func (c *ctx) typeBit() uint64 {
	if !c.typeKnown {
		c.typeBits, c.typeKnown = c.r.e.st.TypeBit(c.it.Type), true
	}
	return c.typeBits
}

func (c *ctx) test1(cond *style.Condition, k int, v string) bool {
	switch cond.Op {
	case style.CondType:
		return c.it.Type == v
	case style.CondVariable:
		return c.hasVarKind(v, cond.VarKinds[k])
	case style.CondIsNumeric:
		if cond.VarKinds[k] != vars.Standard {
			return false
		}
		return isNumeric(c.lookupVar(v))
	case style.CondIsUncertainDate:
		d, ok := c.it.Date(v)
		return ok && d.Circa
	case style.CondLocator:
		if c.cite == nil || c.cite.Locator == "" {
			return false
		}
		lab := c.cite.Label
		if lab == "" {
			lab = "page"
		}
		return lab == v || (v == "sub-verbo" && lab == "sub verbo")
	case style.CondPosition:
		return c.position(v)
	case style.CondDisambiguate:
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

// hasVarKind reports whether the item has variable v of kind k.
func (c *ctx) hasVarKind(v string, k vars.Kind) bool {
	switch k {
	case vars.Name:
		return len(c.it.NamesOf(v)) > 0
	case vars.Date:
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
	digits := true
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			digits = false
			break
		}
	}
	if digits {
		return true // the common case, without the regexp
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
	if plural, ok := isPluralDigits(s); ok {
		return plural
	}
	return isPluralRe(s)
}

// isPluralRe is isPlural by its definition, for any s.
func isPluralRe(s string) bool {
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

// isPluralDigits is isPlural for the common values made only of digits,
// spaces and the separators - – , & (page ranges, single numbers),
// without the regular expression; ok is false for any other s. Without
// letters, only the separators split s, and a part counts only when it
// is digits alone.
func isPluralDigits(s string) (plural, ok bool) {
	parts, digits, inPart, spaced := 0, true, false, false
	end := func() {
		if inPart {
			parts++
			if !digits {
				plural = false
			}
		}
		inPart, digits, spaced = false, true, false
	}
	plural = true
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b >= '0' && b <= '9':
			if spaced && inPart {
				digits = false // "12 34": a space inside a part
			}
			inPart, spaced = true, false
		case b == ' ':
			spaced = true
		case b == '-' || b == ',' || b == '&':
			end()
		case b == 0xe2 && strings.HasPrefix(s[i:], "–"):
			end()
			i += len("–") - 1
		default:
			return false, false
		}
	}
	end()
	return plural && parts >= 2, true
}
