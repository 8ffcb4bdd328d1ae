package bibtex

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
)

// This file reads and writes BibTeX name lists: "First von Last",
// "von Last, First" and "von Last, Jr, First", joined by "and"; braced
// corporate names ("{Barnes and Noble, Inc.}"); "and others"; and biblatex's
// extended form "family=Gogh, given=Vincent, prefix=van, useprefix=true".

// nameList is a decoded name list.
type nameList struct {
	names  []bib.Name
	others bool     // the list ended with "and others"
	lossy  []string // as for latexText
}

// parseNames splits a name-list value (after @string expansion) into names.
func parseNames(raw string) nameList {
	var out nameList
	for _, words := range splitAnd(raw) {
		if len(words) == 1 && strings.EqualFold(words[0], "others") {
			out.others = true
			out.lossy = append(out.lossy, "and others")
			continue
		}
		n, lossy := parseName(words)
		out.lossy = append(out.lossy, lossy...)
		if !n.IsEmpty() {
			out.names = append(out.names, n)
		}
	}
	return out
}

// splitAnd splits raw into names, each a list of words and "," tokens at
// brace depth 0.
func splitAnd(raw string) [][]string {
	var names [][]string
	var cur []string
	var word strings.Builder
	depth := 0
	flush := func() {
		if word.Len() == 0 {
			return
		}
		w := word.String()
		word.Reset()
		if strings.EqualFold(w, "and") {
			names = append(names, cur)
			cur = nil
			return
		}
		cur = append(cur, w)
	}
	for _, r := range raw {
		switch {
		case r == '{':
			depth++
			word.WriteRune(r)
		case r == '}':
			depth--
			word.WriteRune(r)
		case depth == 0 && (unicode.IsSpace(r) && r != '\u00A0'):
			flush()
		case depth == 0 && r == ',':
			flush()
			cur = append(cur, ",")
		default:
			word.WriteRune(r)
		}
	}
	flush()
	names = append(names, cur)
	var out [][]string
	for _, n := range names {
		if len(n) > 0 {
			out = append(out, n)
		}
	}
	return out
}

// parseName reads one name from its words.
func parseName(words []string) (bib.Name, []string) {
	var n bib.Name
	var lossy []string
	if isExtended(words) {
		return parseExtended(words)
	}
	// One braced word is an institution or another name not to be split.
	if len(words) == 1 && isBraced(words[0]) {
		t := decodeLaTeX(words[0])
		n.Literal = t.text
		return n, t.lossy
	}
	var parts [][]string // split at commas
	cur := []string{}
	for _, w := range words {
		if w == "," {
			parts = append(parts, cur)
			cur = []string{}
			continue
		}
		if strings.Contains(w, "~") && !strings.HasPrefix(w, "{") {
			lossy = append(lossy, "~ in a name")
		}
		cur = append(cur, w)
	}
	parts = append(parts, cur)
	var first, von, last, jr []string
	switch len(parts) {
	case 1:
		ws := parts[0]
		// First: the leading upper-case words; Last: at least the last
		// word; von: from the first lower-case word to the last one
		// before Last.
		i := 0
		for i < len(ws)-1 && !isLowerWord(ws[i]) {
			i++
		}
		first = ws[:i]
		j := len(ws) - 1
		for j > i && !isLowerWord(ws[j-1]) {
			j--
		}
		if i == len(ws)-1 {
			j = i
		}
		von, last = ws[i:j], ws[j:]
	default:
		von, last = splitVonLast(parts[0])
		if len(parts) == 2 {
			first = parts[1]
		} else {
			jr, first = parts[1], parts[2]
			for _, extra := range parts[3:] {
				first = append(append(first, ","), extra...)
				lossy = append(lossy, "too many commas in a name")
			}
		}
	}
	set := func(dst *string, ws []string) {
		if len(ws) == 0 {
			return
		}
		t := decodeLaTeX(strings.Join(ws, " "))
		*dst = t.text
		lossy = append(lossy, t.lossy...)
	}
	set(&n.Given, first)
	set(&n.NonDroppingParticle, von)
	set(&n.Family, last)
	set(&n.Suffix, jr)
	return n, lossy
}

// splitVonLast splits "von Last": von runs from the first word, if it is
// lower case, to the last lower-case word before the final word.
func splitVonLast(ws []string) (von, last []string) {
	if len(ws) == 0 {
		return nil, nil
	}
	if !isLowerWord(ws[0]) {
		return nil, ws
	}
	j := 0
	for k := 0; k < len(ws)-1; k++ {
		if isLowerWord(ws[k]) {
			j = k + 1
		}
	}
	return ws[:j], ws[j:]
}

// isLowerWord reports whether a word counts as lower case for BibTeX: its
// first letter at brace depth 0, or the letter of a special character such
// as {\'e}, is lower case. Other braced text does not count.
func isLowerWord(w string) bool {
	depth := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '{':
			if depth == 0 && i+1 < len(w) && w[i+1] == '\\' {
				content, _, _ := braceGroup(w, i)
				for _, r := range decodeLaTeX("{" + content + "}").text {
					if unicode.IsLetter(r) {
						return unicode.IsLower(r)
					}
				}
				return false
			}
			depth++
		case c == '}':
			depth--
		case depth == 0 && c == '\\':
			// A command at depth 0 (\'e): look at what it prints.
			for _, r := range decodeLaTeX(w[i:]).text {
				if unicode.IsLetter(r) {
					return unicode.IsLower(r)
				}
			}
			return false
		case depth == 0:
			r := []rune(w[i:])[0]
			if unicode.IsLetter(r) {
				return unicode.IsLower(r)
			}
		}
	}
	return false
}

func isBraced(w string) bool {
	if !strings.HasPrefix(w, "{") {
		return false
	}
	_, next, closed := braceGroup(w, 0)
	return closed && next == len(w)
}

var extendedKeys = map[string]bool{"family": true, "given": true, "prefix": true, "suffix": true, "useprefix": true}

// isExtended reports whether a name is in biblatex's key=value form.
func isExtended(words []string) bool {
	w := strings.Join(words, " ")
	k, _, ok := strings.Cut(w, "=")
	return ok && extendedKeys[strings.ToLower(strings.TrimSpace(k))]
}

func parseExtended(words []string) (bib.Name, []string) {
	var n bib.Name
	var lossy []string
	var prefix string
	useprefix := true
	var items []string
	var cur []string
	for _, w := range words {
		if w == "," {
			items = append(items, strings.Join(cur, " "))
			cur = nil
			continue
		}
		cur = append(cur, w)
	}
	items = append(items, strings.Join(cur, " "))
	for _, it := range items {
		k, v, ok := strings.Cut(it, "=")
		if !ok {
			lossy = append(lossy, "extended name part without \"=\"")
			continue
		}
		t := decodeLaTeX(strings.TrimSpace(v))
		lossy = append(lossy, t.lossy...)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "family":
			n.Family = t.text
		case "given":
			n.Given = t.text
		case "prefix":
			prefix = t.text
		case "suffix":
			n.Suffix = t.text
		case "useprefix":
			useprefix = !strings.EqualFold(t.text, "false")
		default:
			lossy = append(lossy, "extended name part "+k)
		}
	}
	if useprefix {
		n.NonDroppingParticle = prefix
	} else {
		n.DroppingParticle = prefix
	}
	return n, lossy
}

// formatNames writes names as a BibTeX name list. A name that dialect d
// cannot hold exactly is written as closely as it can be, and reported
// through warn.
func formatNames(names []bib.Name, d Dialect, warn func(string)) (string, error) {
	var parts []string
	for _, n := range names {
		s, err := formatName(n, d, warn)
		if err != nil {
			return "", err
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " and "), nil
}

func formatName(n bib.Name, d Dialect, warn func(string)) (string, error) {
	enc := func(s string) (string, error) { return encodeLaTeX(s, d, false) }
	if n.CommaSuffix || n.StaticOrdering || n.ParseNames {
		warn(fmt.Sprintf("the flags comma-suffix, static-ordering and parse-names of %q have no BibTeX form and are not written", n.String()))
	}
	if n.Literal != "" {
		if n.Family != "" || n.Given != "" || n.NonDroppingParticle != "" || n.DroppingParticle != "" || n.Suffix != "" {
			warn(fmt.Sprintf("name %q has both a literal and name parts; only the literal is written", n.Literal))
		}
		s, err := enc(n.Literal)
		return "{" + s + "}", err
	}
	particleOK := n.NonDroppingParticle == "" || allLowerWords(n.NonDroppingParticle)
	needExtended := n.DroppingParticle != "" || !particleOK || n.Family == ""
	if needExtended && d == BibLaTeX {
		var kv []string
		add := func(k, v string) error {
			if v == "" {
				return nil
			}
			s, err := enc(v)
			kv = append(kv, k+"={"+s+"}")
			return err
		}
		prefix, useprefix := n.NonDroppingParticle, "true"
		if n.DroppingParticle != "" {
			if prefix != "" {
				warn(fmt.Sprintf("name %q has both a dropping and a non-dropping particle; biblatex holds one, the dropping particle is not written", n.String()))
			} else {
				prefix, useprefix = n.DroppingParticle, "false"
			}
		}
		for _, p := range [][2]string{{"family", n.Family}, {"given", n.Given}, {"prefix", prefix}, {"suffix", n.Suffix}} {
			if err := add(p[0], p[1]); err != nil {
				return "", err
			}
		}
		if prefix != "" {
			kv = append(kv, "useprefix="+useprefix)
		}
		return strings.Join(kv, ", "), nil
	}
	if needExtended {
		warn(fmt.Sprintf("name %q has parts that BibTeX cannot tell apart (a dropping particle, a capitalised particle or no family name); they are written as the family name", n.String()))
	}
	family, err := enc(n.Family)
	if err != nil {
		return "", err
	}
	particle := n.NonDroppingParticle
	if !particleOK || n.DroppingParticle != "" {
		family, particle = "", ""
		whole := strings.TrimSpace(strings.Join([]string{n.DroppingParticle, n.NonDroppingParticle, n.Family}, " "))
		if family, err = enc(whole); err != nil {
			return "", err
		}
		family = "{" + family + "}"
	} else if strings.IndexFunc(n.Family, unicode.IsSpace) >= 0 || strings.Contains(n.Family, ",") || !isSingleWord(family) {
		family = "{" + family + "}"
	}
	if particle != "" {
		p, err := enc(particle)
		if err != nil {
			return "", err
		}
		family = p + " " + family
	}
	given, err := enc(n.Given)
	if err != nil {
		return "", err
	}
	if needsBraces(n.Given) {
		given = "{" + given + "}"
	}
	suffix, err := enc(n.Suffix)
	if err != nil {
		return "", err
	}
	if needsBraces(n.Suffix) {
		suffix = "{" + suffix + "}"
	}
	switch {
	case suffix != "":
		return family + ", " + suffix + ", " + given, nil
	case given != "":
		return family + ", " + given, nil
	case particle != "" || strings.HasPrefix(family, "{"):
		return family + ",", nil
	}
	return family, nil
}

// isSingleWord reports whether encoded text is one word that splitAnd
// keeps whole and that is not "and" or "others".
func isSingleWord(s string) bool {
	ws := splitAnd(s)
	return len(ws) == 1 && len(ws[0]) == 1 && ws[0][0] != "," && !strings.EqualFold(s, "others") && !strings.Contains(s, "=")
}

// needsBraces reports whether a given name or suffix must be braced to be
// read back as one part: it holds a comma, a "=" or a word "and".
func needsBraces(s string) bool {
	if strings.ContainsAny(s, ",=") || strings.ContainsRune(s, '\u00A0') {
		return true
	}
	for _, w := range strings.Fields(s) {
		if strings.EqualFold(w, "and") {
			return true
		}
	}
	return false
}

// allLowerWords reports whether every word of a particle starts with a
// lower-case letter, so that BibTeX reads it as a "von" part.
func allLowerWords(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || strings.ContainsRune(s, '\u00A0') {
		return false
	}
	for _, w := range ws {
		if !isLowerWord(w) || strings.EqualFold(w, "and") || strings.ContainsAny(w, ",=") {
			return false
		}
	}
	return true
}
