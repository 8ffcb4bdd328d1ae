package eval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/csl/item"
)

// joinParticle joins a particle and a name, without a space after an
// apostrophe or hyphen ("d'Artagnan").
func joinParticle(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	last, _ := utf8.DecodeLastRuneInString(a)
	if last == '\'' || last == '’' || last == '-' || last == ' ' {
		return a + b
	}
	return a + " " + b
}

// isLatinOrCyrillic reports whether a name is written in a script with
// given-name-first order; names with Han, kana or Hangul letters print
// family first without a space.
func isLatinOrCyrillic(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return true
	}
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return false
		}
	}
	return true
}

// initials abbreviates given names: "John Robert" → "J. R." with ". ";
// hyphenated names keep the hyphen ("J.-P.") unless hyphen is false.
// Parts followed by a period in the data ("Ph.") are abbreviations and are
// kept; with initialize false, full names are kept and only single
// letters are formatted as initials. Lower-case parts (particles) stay.
func initials(given, with string, initialize, hyphen bool) string {
	if given == "" {
		return ""
	}
	type tok struct {
		s    string
		abbr bool
	}
	var toks []tok
	var cur strings.Builder
	flush := func(abbr bool) {
		if cur.Len() > 0 {
			toks = append(toks, tok{cur.String(), abbr})
			cur.Reset()
		}
	}
	for _, r := range given {
		switch r {
		case ' ':
			flush(false)
		case '.':
			flush(true)
		default:
			cur.WriteRune(r)
		}
	}
	flush(false)
	var b strings.Builder
	space := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), " ") {
			b.WriteString(" ")
		}
	}
	for _, t := range toks {
		rs := []rune(t.s)
		switch {
		case unicode.IsLower(rs[0]):
			space()
			b.WriteString(t.s)
			b.WriteString(" ")
		case strings.Contains(t.s, "-") && initialize:
			var ps []string
			for i, p := range strings.Split(t.s, "-") {
				if p == "" {
					continue
				}
				if r, _ := utf8.DecodeRuneInString(p); i > 0 && unicode.IsLower(r) {
					// "Guo-ping": a lower-case second part is not
					// initialized.
					continue
				}
				ps = append(ps, initialOf(p)+strings.TrimRight(with, " "))
			}
			sep := ""
			if hyphen {
				sep = "-"
			}
			b.WriteString(strings.Join(ps, sep))
			if strings.HasSuffix(with, " ") {
				b.WriteString(" ")
			}
		case t.abbr || len(rs) == 1:
			b.WriteString(t.s)
			b.WriteString(with)
		case initialize:
			b.WriteString(initialOf(t.s))
			b.WriteString(with)
		default:
			space()
			b.WriteString(t.s)
			b.WriteString(" ")
		}
	}
	return strings.TrimRight(b.String(), " ")
}

func initialOf(s string) string {
	rs := []rune(s)
	if len(rs) > 2 && unicode.IsUpper(rs[0]) && unicode.IsUpper(rs[1]) && unicode.IsLower(rs[2]) {
		// "TSerendorjiin" → "Ts": a digraph initial (Mongolian names).
		return string(rs[0]) + string(unicode.ToLower(rs[1]))
	}
	return string(unicode.ToUpper(rs[0]))
}

// sortKeyForName returns the sort key of a name (CSL 1.0.2, "Sorting",
// name-part order for sorting).
func sortKeyForName(n item.Name, o nameOpts) string {
	if n.IsLiteral() {
		return n.LiteralText()
	}
	var parts []string
	if o.demote == "never" {
		parts = []string{joinParticle(n.NonDroppingParticle, n.Family), n.DroppingParticle, n.Given, n.Suffix}
	} else {
		parts = []string{n.Family, joinParticle(n.DroppingParticle, n.NonDroppingParticle), n.Given, n.Suffix}
	}
	return strings.Join(parts, " ")
}
