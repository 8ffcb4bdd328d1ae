package check

import (
	"bytes"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/cite-project/cite/internal/bib"
)

// form checks the syntax of identifiers, dates, pages and the language tag.
func (c *checker) form(e *bib.Entry) {
	if v := e.Get("URL"); v != "" {
		if msg := urlProblem(v); msg != "" {
			c.report(e, "URL", CodeBadURL, msg)
		}
	}
	if v := e.Get("DOI"); v != "" {
		c.doi(e, v)
	}
	if v := e.Get("ISBN"); v != "" {
		for s := range identifiers(v, "ISBN") {
			if list := isbnList(s); len(list) > 1 {
				c.report(e, "ISBN", CodeISBNList, fmt.Sprintf("ISBN %q holds %d ISBNs run together (%s); separate them with \"; \", or keep the one of the edition cited", s, len(list), strings.Join(list, ", ")))
				continue
			}
			if msg := isbnProblem(s); msg != "" {
				c.report(e, "ISBN", CodeBadISBN, msg)
			}
		}
	}
	if v := e.Get("ISSN"); v != "" {
		for _, msg := range issnProblems(v) {
			c.report(e, "ISSN", CodeBadISSN, msg)
		}
	}
	c.dates(e)
	if v := e.Get("page"); v != "" {
		c.page(e, v)
	}
	if v := e.Get("language"); v != "" {
		r, ok := c.langChecks[v]
		if !ok {
			r.code, r.msg = languageProblem(v)
			if c.langChecks == nil {
				c.langChecks = map[string]langCheck{}
			}
			c.langChecks[v] = r
		}
		if r.code != "" {
			c.report(e, "language", r.code, r.msg)
		}
	}
}

// urlProblem returns what is wrong with the URL s, as a message, or "".
func urlProblem(s string) string {
	var problems []string
	spaced := strings.IndexFunc(s, unicode.IsSpace) >= 0
	path := "path"
	scheme, rest, hasScheme := strings.Cut(s, "://")
	switch {
	case !hasScheme:
		t := strings.TrimSpace(s)
		first, _, _ := strings.Cut(t, "/")
		if looksLikeHost(first) && !spaced {
			return fmt.Sprintf("URL %q has no scheme: write URL = %q", s, "https://"+t)
		}
		problems = append(problems, "has no scheme and no host (it is only a path)")
		path = strings.TrimLeft(t, "/")
	case !validScheme(scheme):
		problems = append(problems, fmt.Sprintf("has the scheme %q; use http, https or ftp", scheme))
	default:
		host, tail := rest, ""
		if i := strings.IndexAny(host, "/?#"); i >= 0 {
			host, tail = host[:i], host[i:]
		}
		if at := strings.LastIndexByte(host, '@'); at >= 0 {
			host = host[at+1:]
		}
		if h, port, ok := strings.Cut(host, ":"); ok && port != "" && strings.Trim(port, "0123456789") == "" {
			host = h
		}
		switch {
		case strings.TrimSpace(host) == "":
			problems = append(problems, fmt.Sprintf("has no host after %q", scheme+"://"))
			path = strings.TrimLeft(tail, "/")
		case strings.TrimLeftFunc(host, unicode.IsSpace) != host:
			problems = append(problems, fmt.Sprintf("has a space instead of a host after %q", scheme+"://"))
			spaced = false
			path = strings.TrimLeft(strings.TrimSpace(rest), "/")
		case !looksLikeHost(host):
			problems = append(problems, fmt.Sprintf("has the host %q, which is not a domain name", host))
		}
	}
	if spaced {
		problems = append(problems, "contains a space")
	}
	if len(problems) == 0 {
		return ""
	}
	return fmt.Sprintf("URL %q %s: give the full address with the site's host, as in \"https://HOST/%s\"", s, strings.Join(problems, " and "), path)
}

func validScheme(s string) bool {
	switch strings.ToLower(s) {
	case "http", "https", "ftp":
		return true
	}
	return false
}

// looksLikeHost reports whether s reads as a domain name (with at least
// one dot and a top-level label of letters), an IPv4 address or localhost.
func looksLikeHost(s string) bool {
	if s == "localhost" {
		return true
	}
	if s == "" || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") || !strings.Contains(s, ".") {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.') {
			return false
		}
	}
	tld := s[strings.LastIndexByte(s, '.')+1:]
	if strings.Trim(tld, "0123456789") == "" { // an IPv4 address
		return strings.Count(s, ".") == 3
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return len(tld) >= 2
}

// doiPrefixes are the resolver and label prefixes people paste with a DOI.
var doiPrefixes = []string{
	"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
	"doi.org/", "dx.doi.org/", "info:doi/", "urn:doi:", "doi:", "doi ",
}

func (c *checker) doi(e *bib.Entry, v string) {
	s := strings.TrimSpace(v)
	bare := s
	for _, p := range doiPrefixes {
		if len(bare) >= len(p) && strings.EqualFold(bare[:len(p)], p) {
			bare = strings.TrimSpace(bare[len(p):])
			break
		}
	}
	if shortDOI(bare) {
		c.report(e, "DOI", CodeShortDOI, fmt.Sprintf("DOI %q is a short DOI: it resolves, but it is not the DOI itself; write the full DOI (10.NNNN/…), which https://doi.org/%s leads to", v, bare))
		return
	}
	if !validDOI(bare) {
		c.report(e, "DOI", CodeBadDOI, fmt.Sprintf(`DOI %q is not of the form 10.NNNN/suffix: copy it from the publisher's page (a DOI starts with "10.")`, v))
		return
	}
	if bare != s {
		c.report(e, "DOI", CodeDOIURL, fmt.Sprintf(`DOI %q includes a resolver or label; store the bare DOI and let the style add https://doi.org/: write DOI = %q`, v, bare))
	}
}

// shortDOI reports whether s is a short DOI (the DOI Foundation's
// shortDOI service): "10/" and a code of letters and digits.
func shortDOI(s string) bool {
	code, ok := strings.CutPrefix(s, "10/")
	if !ok || code == "" || len(code) > 12 {
		return false
	}
	for _, r := range code {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// validDOI reports whether s is a DOI: "10.", a registrant code of digits
// (4–9 digits, possibly with dotted subdivisions), "/" and a suffix
// without spaces.
func validDOI(s string) bool {
	prefix, suffix, ok := strings.Cut(s, "/")
	if !ok || suffix == "" || !strings.HasPrefix(prefix, "10.") {
		return false
	}
	parts := strings.Split(prefix[3:], ".")
	if n := len(parts[0]); n < 4 || n > 9 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return strings.IndexFunc(suffix, unicode.IsSpace) < 0
}

// splitIdentifiers splits a field that may hold several ISBNs or ISSNs
// ("978-… (pbk.); 978-… (ebk.)") and drops parenthesised qualifiers and a
// leading "ISBN"/"ISSN" label.
func splitIdentifiers(v, label string) []string {
	var out []string
	for part := range identifiers(v, label) {
		out = append(out, part)
	}
	return out
}

// identifiers yields the identifiers of splitIdentifiers one by one,
// without allocating.
func identifiers(v, label string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for len(v) > 0 {
			part := v
			if i := strings.IndexAny(v, ";,"); i >= 0 {
				part, v = v[:i], v[i+1:]
			} else {
				v = ""
			}
			if part == "" {
				continue
			}
			if i := strings.IndexByte(part, '('); i >= 0 {
				part = part[:i]
			}
			part = strings.TrimSpace(part)
			if len(part) >= len(label) && strings.EqualFold(part[:len(label)], label) {
				part = part[len(label):]
				for _, n := range []string{"-10", "-13"} { // "ISBN-13: …"
					part = strings.TrimPrefix(part, n)
				}
				part = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(part), ":"))
			}
			if part != "" && !yield(part) {
				return
			}
		}
	}
}

// isbnDigits returns the digits of an ISBN without hyphens and spaces, or
// false if it holds any other character.
func isbnDigits(s string) (string, bool) {
	var buf [maxISBNDigits]byte
	d, ok := appendISBNDigits(buf[:0], s)
	if !ok {
		return "", false
	}
	return string(d), true
}

// maxISBNDigits sizes the buffers that appendISBNDigits fills for the
// ISBNs and ISSNs of a field (longer ones merely grow them).
const maxISBNDigits = 32

// appendISBNDigits is isbnDigits appending the digits to dst, so that the
// checks can keep them on the stack.
func appendISBNDigits(dst []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b >= '0' && b <= '9':
			dst = append(dst, b)
		case b == 'X' || b == 'x':
			dst = append(dst, 'X')
		case b == '-' || b == ' ':
		case b < utf8.RuneSelf:
			return dst, false
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != '‐' && r != '–' {
				return dst, false
			}
			i += size - 1
		}
	}
	return dst, true
}

// isbnList returns the ISBNs that one part of an ISBN field runs
// together ("978-1-4503-3145-6 978-1-4503-3146-3", or their digits with
// nothing between them), when each is a valid ISBN.
func isbnList(s string) []string {
	var parts []string
	isSep := func(r rune) bool { return unicode.IsSpace(r) || r == '/' }
	if strings.IndexFunc(s, isSep) >= 0 {
		if words := strings.FieldsFunc(s, isSep); len(words) > 1 {
			for _, w := range words {
				if isbnProblem(w) != "" {
					return nil
				}
			}
			return words
		}
	}
	var buf [maxISBNDigits]byte
	if d, ok := appendISBNDigits(buf[:0], s); ok {
		for _, split := range [][2]int{{10, 10}, {13, 13}, {10, 13}, {13, 10}} {
			if len(d) == split[0]+split[1] && validISBNDigits(d[:split[0]]) && validISBNDigits(d[split[0]:]) {
				parts = []string{string(d[:split[0]]), string(d[split[0]:])}
				break
			}
		}
	}
	return parts
}

// validISBNDigits reports whether the digits d (as appendISBNDigits
// gives them) make a valid ISBN: isbnProblem of them is "".
func validISBNDigits(d []byte) bool {
	if x := bytes.IndexByte(d, 'X'); x >= 0 && (x != len(d)-1 || len(d) != 10) {
		return false
	}
	want, ok := isbnCheck(d)
	return ok && d[len(d)-1] == want
}

// isbnProblem checks one ISBN (ISO 2108) and returns what is wrong, or "".
func isbnProblem(s string) string {
	var buf [maxISBNDigits]byte
	d, ok := appendISBNDigits(buf[:0], s)
	if !ok {
		return fmt.Sprintf("ISBN %q has characters other than digits, X, hyphens and spaces: copy it from the book's copyright page", s)
	}
	if x := bytes.IndexByte(d, 'X'); x >= 0 && (x != len(d)-1 || len(d) != 10) {
		return fmt.Sprintf("ISBN %q has an X that is not the check digit of an ISBN-10", s)
	}
	want, ok := isbnCheck(d)
	if !ok {
		return fmt.Sprintf("ISBN %q has %d digits; an ISBN has 10 or 13", s, len(d))
	}
	if got := d[len(d)-1]; got != want {
		return fmt.Sprintf("ISBN %q has the check digit %c, but its other digits give %c: check the number against the book", s, got, want)
	}
	return ""
}

// isbnCheck returns the check digit that the first digits of the ISBN d
// (10 or 13 digits long) call for.
func isbnCheck[T string | []byte](d T) (byte, bool) {
	switch len(d) {
	case 10:
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(d[i]-'0') * (10 - i)
		}
		c := (11 - sum%11) % 11
		if c == 10 {
			return 'X', true
		}
		return byte('0' + c), true
	case 13:
		sum := 0
		for i := 0; i < 12; i++ {
			w := 1
			if i%2 == 1 {
				w = 3
			}
			sum += int(d[i]-'0') * w
		}
		return byte('0' + (10-sum%10)%10), true
	}
	return 0, false
}

// isbn13 returns the ISBN-13 form of a valid ISBN, for duplicate
// detection, or "".
func isbn13(s string) string {
	var buf [maxISBNDigits]byte
	d, ok := appendISBNDigits(buf[:0], s)
	if !ok {
		return ""
	}
	if want, ok := isbnCheck(d); !ok || d[len(d)-1] != want {
		return ""
	}
	if len(d) == 13 {
		return string(d)
	}
	var t [13]byte
	copy(t[:], "978")
	copy(t[3:12], d[:9])
	t[12] = '0'
	t[12], _ = isbnCheck(t[:])
	return string(t[:])
}

func issnProblems(v string) []string {
	var out []string
	for s := range identifiers(v, "ISSN") {
		if msg := issnProblem(s); msg != "" {
			out = append(out, msg)
		}
	}
	return out
}

// issnProblem checks one ISSN (ISO 3297) and returns what is wrong, or "".
func issnProblem(s string) string {
	var buf [maxISBNDigits]byte
	d, ok := appendISBNDigits(buf[:0], s)
	if !ok || len(d) != 8 || bytes.IndexByte(d[:7], 'X') >= 0 {
		return fmt.Sprintf("ISSN %q is not of the form NNNN-NNNC: copy it from the journal's masthead", s)
	}
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(d[i]-'0') * (8 - i)
	}
	c := (11 - sum%11) % 11
	want := byte('0' + c)
	if c == 10 {
		want = 'X'
	}
	if d[7] != want {
		return fmt.Sprintf("ISSN %q has the check digit %c, but its other digits give %c: check the number", s, d[7], want)
	}
	return ""
}

// page checks a page field: labels such as "С." and reversed ranges.
func (c *checker) page(e *bib.Entry, v string) {
	if wholeWorks[e.Type] && isSinglePage(v) {
		c.report(e, "page", CodeLocatorAsPage, fmt.Sprintf("page %q on %s reads as the page cited, not the extent of the work: move it to the locator of the claims that cite it, and give the length as number-of-pages", v, nounFor(e.Type)))
		return
	}
	var labelled bool
	var clean []string
	for _, tok := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' }) {
		tok = strings.TrimSpace(tok)
		if rest, ok := cutPageLabel(tok); ok {
			labelled = true
			tok = rest
		}
		clean = append(clean, tok)
		a, b, ok := cutRange(tok)
		if !ok {
			continue
		}
		na, errA := strconv.Atoi(a)
		nb, errB := strconv.Atoi(b)
		if errA != nil || errB != nil || nb >= na {
			continue
		}
		if len(b) < len(a) {
			if full, _ := strconv.Atoi(a[:len(a)-len(b)] + b); full > na {
				c.report(e, "page", CodePageAbbreviated, fmt.Sprintf("page range %q shortens its end; APA 7 and GOST print ranges in full: write %q", tok, a+"–"+strconv.Itoa(full)))
				continue
			}
		}
		msg := fmt.Sprintf("page range %q ends before it starts: check the pages and write first–last", tok)
		if nb <= 60 && e.Get("number") == "" {
			// ACM's exports give an article's number and its length as
			// pages = {177--13}.
			msg += fmt.Sprintf("; if %s is the article number and %s the number of pages (as ACM's exports give them), write number = %q and number-of-pages = %q instead", a, b, a, b)
		}
		c.report(e, "page", CodeBadPage, msg)
	}
	if labelled {
		c.report(e, "page", CodePagePrefix, fmt.Sprintf("page %q includes a label that the style adds itself: write page = %q", v, strings.Join(clean, ", ")))
	}
}

// wholeWorks are types whose page field would be the work's extent.
var wholeWorks = map[string]bool{"book": true, "classic": true, "collection": true, "pamphlet": true, "thesis": true, "report": true}

// isSinglePage reports whether v is one page number, with or without a
// label: "9", "С. 9", "p. 12".
func isSinglePage(v string) bool {
	s := strings.TrimSpace(v)
	if rest, ok := cutPageLabel(s); ok {
		s = rest
	}
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// pageLabels are the words that precede page numbers in English, Russian
// and Kazakh references.
var pageLabels = []string{"pp", "p", "pages", "page", "pg", "с", "c", "стр", "s", "б", "бб", "бет", "л"}

// cutPageLabel removes a leading page label ("С. 9", "pp. 12–14",
// "стр 5") and reports whether there was one.
func cutPageLabel(s string) (string, bool) {
	i := len(s)
	for j, r := range s {
		if !unicode.IsLetter(r) {
			i = j
			break
		}
	}
	if i == 0 {
		return s, false
	}
	word := strings.ToLower(s[:i])
	known := false
	for _, l := range pageLabels {
		if word == l {
			known = true
			break
		}
	}
	if !known {
		return s, false
	}
	rest := strings.TrimLeft(s[i:], ".")
	dotted := len(rest) < len(s[i:])
	rest = strings.TrimSpace(rest)
	if rest == "" || !(rest[0] >= '0' && rest[0] <= '9') || (!dotted && len(rest) == len(s[i:])) {
		return s, false
	}
	return rest, true
}

// cutRange splits "12–14" (with a hyphen or any dash) into its ends.
func cutRange(s string) (string, string, bool) {
	for _, d := range []string{"–", "—", "‒", "−", "-"} {
		if a, b, ok := strings.Cut(s, d); ok {
			return strings.TrimSpace(a), strings.TrimSpace(b), true
		}
	}
	return "", "", false
}

// languageNames maps language names people write instead of tags.
var languageNames = map[string]string{
	"english": "en", "russian": "ru", "kazakh": "kk", "german": "de", "french": "fr",
	"русский": "ru", "английский": "en", "казахский": "kk", "қазақ": "kk", "қазақша": "kk", "орыс": "ru",
}

// langCheck is the cached outcome of languageProblem for one tag.
type langCheck struct{ code, msg string }

// languageProblem checks that v is a well-formed, known and canonical
// BCP 47 tag, and returns the code and message of what is wrong, or "".
func languageProblem(v string) (code, msg string) {
	s := strings.TrimSpace(v)
	if strings.Contains(s, "_") {
		fix := strings.ReplaceAll(s, "_", "-")
		return CodeBadLanguage, fmt.Sprintf("language %q is not a BCP 47 tag, whose subtags are joined by hyphens: write language = %q", v, fix)
	}
	tag, err := language.Parse(s)
	var unknown language.ValueError
	switch {
	case errors.As(err, &unknown):
		return CodeUnknownLanguage, fmt.Sprintf("language %q has the subtag %q, which is not in the IANA registry: use an ISO 639 code such as \"ru\", \"kk\" or \"en\"", v, unknown.Subtag())
	case err != nil:
		hint := `"ru", "kk" or "en"`
		if t, ok := languageNames[strings.ToLower(s)]; ok {
			hint = strconv.Quote(t)
		}
		return CodeBadLanguage, fmt.Sprintf("language %q is not a well-formed BCP 47 tag: write an ISO 639 code such as %s", v, hint)
	case !strings.EqualFold(tag.String(), s):
		return CodeNoncanonicalLanguage, fmt.Sprintf("language %q has the canonical BCP 47 form %q: write language = %q", v, tag.String(), tag.String())
	}
	return "", ""
}
