package check

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/runes"
)

// names checks every name of e: empty names and family names, missing
// initials, initials written without spaces or periods, institutions
// written as persons, and stray spaces or punctuation in name parts.
func (c *checker) names(e *bib.Entry) {
	for role, list := range e.AllNames() {
		for i, nm := range list {
			c.name(e, role, i, nm)
		}
	}
}

func (c *checker) name(e *bib.Entry, role string, i int, nm bib.Name) {
	pos := nm.Pos
	if pos.Line == 0 {
		pos = e.PosOf(role)
	}
	var whoCache string
	who := func() string {
		if whoCache == "" {
			whoCache = fmt.Sprintf("%s %q", role, nm.String())
		}
		return whoCache
	}
	if nm.IsEmpty() {
		c.reportAt(pos, e.ID, role, CodeEmptyName, fmt.Sprintf("%s %d is empty: give family and given, or literal for an institution, or remove it", role, i+1))
		return
	}
	c.nameParts(e, pos, role, who, nm)
	if nm.IsLiteral() {
		return
	}
	if isBlank(nm.Family) {
		c.reportAt(pos, e.ID, role, CodeEmptyFamily, fmt.Sprintf("%s has the given name %q but no family name: add family = \"...\", or write an institution as literal = \"...\"", who(), nm.Given))
		return
	}
	if looksInstitutional(nm.Family) || looksInstitutional(nm.Given) {
		lit := collapseSpaces(strings.Join(nonEmptyParts(nm.Family, nm.Given), " "))
		c.reportAt(pos, e.ID, role, CodeInstitutionAsPerson, fmt.Sprintf("%s reads as an institution written as a person, which styles would invert and abbreviate: write it as { literal = %q }", who(), lit))
		return
	}
	if isBlank(nm.Given) {
		styles, plural := styleNames(c.apa, c.gost)
		c.reportAt(pos, e.ID, role, CodeMissingGiven, fmt.Sprintf("%s has no given name or initials; %s %s the initials after the family name: add given = \"...\"", who(), styles, verb("prints", "print", plural)))
		return
	}
	if fix, ok := fixInitials(nm.Given); ok {
		styles, plural := styleNames(c.apa, c.gost)
		c.reportAt(pos, e.ID, role, CodeInitialsForm, fmt.Sprintf("%s has the initials %q; %s %s initials with a period and a space: write given = %q", who(), nm.Given, styles, verb("writes", "write", plural), fix))
	}
}

// nameParts checks each part of nm, and its alternative forms, for stray
// spaces and punctuation and for words that mix scripts.
func (c *checker) nameParts(e *bib.Entry, pos bib.Pos, role string, who func() string, nm bib.Name) {
	check := func(part, v string) {
		if v == "" {
			return
		}
		sc := scanText(v)
		// Without a stray space, nameSpacing finds only a comma or a
		// semicolon at either end.
		if first, last := v[0], v[len(v)-1]; sc.spaces || first == ',' || first == ';' || last == ',' || last == ';' {
			if probs, fix := nameSpacing(v); probs != "" {
				c.reportAt(pos, e.ID, role, CodeNameSpacing, fmt.Sprintf("%s: %s %q has %s: write %s = %q", who(), part, v, probs, part, fix))
			}
		}
		if sc.mixed {
			if msg := mixedScript(v); msg != "" {
				c.reportAt(pos, e.ID, role, CodeMixedScript, fmt.Sprintf("%s: %s %s", who(), part, msg))
			}
		}
	}
	for _, p := range bib.NameParts {
		check(p, nm.Part(p))
	}
	eachSorted(nm.Alt, check)
}

// nameSpacing describes leading, trailing or doubled spaces and a stray
// comma or semicolon at either end of a name part, with the fixed part.
func nameSpacing(v string) (string, string) {
	var probs []string
	if sp := spaceProblems(v); sp != "" {
		probs = append(probs, sp)
	}
	t := strings.TrimSpace(v)
	if strings.TrimRight(t, ",;") != t {
		probs = append(probs, "a trailing "+punctName(t[len(t)-1]))
	}
	if strings.TrimLeft(t, ",;") != t {
		probs = append(probs, "a leading "+punctName(t[0]))
	}
	if len(probs) == 0 {
		return "", ""
	}
	fix := collapseSpaces(strings.Trim(collapseSpaces(v), ",; "))
	return strings.Join(probs, " and "), fix
}

func punctName(b byte) string {
	if b == ';' {
		return "semicolon"
	}
	return "comma"
}

// fixInitials returns given with its initials written as APA 7 and GOST
// write them, "К. В.", and whether that differs from given. It handles
// initials run together ("К.В.", "Zh.V."), initials without periods ("K V",
// "К.В") and initials written as capitals ("KV"); full given names and
// hyphenated initials ("J.-P.") are left alone.
func fixInitials(given string) (string, bool) {
	if wellFormedGiven(given) {
		return given, false
	}
	tokens := strings.Fields(given)
	if len(tokens) == 1 {
		rs := []rune(tokens[0])
		if len(rs) >= 2 && len(rs) <= 3 && allUpperLetters(rs) {
			parts := make([]string, len(rs))
			for i, r := range rs {
				parts[i] = string(r) + "."
			}
			return strings.Join(parts, " "), true
		}
	}
	changed := false
	out := make([]string, 0, len(tokens)+2)
	for _, tok := range tokens {
		groups, ok := initialGroups(tok)
		if !ok || (len(groups) == 1 && strings.HasSuffix(tok, ".")) {
			out = append(out, tok)
			continue
		}
		changed = true
		out = append(out, groups...)
	}
	if !changed {
		return given, false
	}
	fix := strings.Join(out, " ")
	return fix, fix != given
}

// wellFormedGiven is the fast path of fixInitials: it reports whether
// every space-separated token of given is a full name (no period, two or
// more letters, not all capitals) or a single initial ("К.", "Zh.",
// "J.-P.").
func wellFormedGiven(given string) bool {
	for len(given) > 0 {
		tok := given
		if i := strings.IndexByte(given, ' '); i >= 0 {
			tok, given = given[:i], given[i+1:]
		} else {
			given = ""
		}
		dots := strings.Count(tok, ".")
		switch {
		case dots == 0:
			lower := false
			for _, r := range tok {
				lower = lower || unicode.IsLower(r)
			}
			if !lower {
				return false
			}
		case tok[len(tok)-1] != '.' || strings.Contains(tok[:len(tok)-1], ".") && !strings.Contains(tok, ".-"):
			return false
		}
	}
	return true
}

// initialGroups splits a token made only of initials, each a capital
// optionally followed by one small letter ("Zh") and a period, into
// "К." groups. The last group may lack its period. It reports false for
// any other token.
func initialGroups(tok string) ([]string, bool) {
	rs := []rune(tok)
	var groups []string
	for i := 0; i < len(rs); {
		if !unicode.IsUpper(rs[i]) {
			return nil, false
		}
		j := i + 1
		if j < len(rs) && unicode.IsLower(rs[j]) {
			j++
		}
		g := string(rs[i:j])
		switch {
		case j < len(rs) && rs[j] == '.':
			j++
		case j == len(rs):
			if j-i > 1 { // "Zh" alone may be a name; only single letters gain a period
				return nil, false
			}
		default:
			return nil, false
		}
		groups = append(groups, g+".")
		i = j
	}
	return groups, len(groups) > 0
}

func allUpperLetters(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// institutionStems start words that name institutions rather than
// persons, in Russian, Kazakh and English (lower case).
var institutionStems = []string{
	"министерств", "министрлі", "университет", "институт", "комитет", "агентств", "агенттіг",
	"ассоциаци", "департамент", "правительств", "корпораци", "обществ", "комисси", "академи",
	"администраци", "организаци", "парламент", "посольств", "библиотек", "издательств", "акимат",
	"әкімдіг", "мажилис", "министерство",
	"ministry", "universit", "institut", "organization", "organisation", "agency", "committee",
	"association", "department", "government", "corporation", "foundation", "commission",
	"academy", "council", "bureau", "parliament", "embassy", "federation", "administration",
}

// institutionWords are whole words that mark an institution.
var institutionWords = map[string]bool{
	"совет": true, "фонд": true, "центр": true, "оон": true, "обсе": true, "нато": true,
	"office": true, "centre": true, "center": true, "bank": true, "inc": true, "ltd": true,
	"llc": true, "gmbh": true, "osce": true, "unesco": true, "nato": true, "nations": true,
}

// stemsByLead groups institutionStems by their first two bytes, so that
// a word is compared only with the stems it may start with.
var stemsByLead = func() map[[2]byte][]string {
	m := map[[2]byte][]string{}
	for _, stem := range institutionStems {
		k := [2]byte{stem[0], stem[1]}
		m[k] = append(m[k], stem)
	}
	return m
}()

// maxInstitutionWord is the length in bytes of the longest of
// institutionWords: a longer word is none of them.
var maxInstitutionWord = func() int {
	n := 0
	for w := range institutionWords {
		n = max(n, len(w))
	}
	return n
}()

// looksInstitutional reports whether s contains a word that names an
// institution.
func looksInstitutional(s string) bool {
	if len(s) < 3 {
		return false
	}
	var buf [64]byte
	for len(s) > 0 {
		i := strings.IndexFunc(s, func(r rune) bool { return !isLetter(r) })
		w := s
		if i >= 0 {
			w, s = s[:i], s[i:]
			_, size := utf8.DecodeRuneInString(s)
			s = s[size:]
		} else {
			s = ""
		}
		if len(w) < 3 {
			continue
		}
		lw := buf[:0]
		for _, r := range w {
			lw = utf8.AppendRune(lw, runes.ToLower(r))
		}
		if len(lw) <= maxInstitutionWord && institutionWords[string(lw)] {
			return true
		}
		if len(lw) < 2 { // "K" (the Kelvin sign) lower-cases to one byte
			continue
		}
		for _, stem := range stemsByLead[[2]byte{lw[0], lw[1]}] {
			if len(lw) >= len(stem) && string(lw[:len(stem)]) == stem {
				return true
			}
		}
	}
	return false
}

func nonEmptyParts(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}

// eachSorted calls f with the keys and values of m in key order, without
// allocating for the one or two alternative forms a name usually has.
func eachSorted(m map[string]string, f func(k, v string)) {
	switch len(m) {
	case 0:
		return
	case 1, 2:
		var ks, vs [2]string
		n := 0
		for k, v := range m {
			ks[n], vs[n] = k, v
			n++
		}
		if n == 2 && ks[1] < ks[0] {
			ks[0], ks[1] = ks[1], ks[0]
			vs[0], vs[1] = vs[1], vs[0]
		}
		for i := range n {
			f(ks[i], vs[i])
		}
		return
	}
	for _, k := range sortedKeys(m) {
		f(k, m[k])
	}
}
