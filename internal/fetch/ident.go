package fetch

import (
	"fmt"
	"github.com/cite-project/cite/internal/lazyregexp"
	"strings"
)

// Kind is the kind of an identifier.
type Kind int

// The identifiers cite add fetches.
const (
	DOI Kind = iota + 1
	ISBN
	ArXiv
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case DOI:
		return "DOI"
	case ISBN:
		return "ISBN"
	case ArXiv:
		return "arXiv id"
	}
	return "identifier"
}

// ID is a parsed identifier: its kind and its canonical form (a bare DOI,
// an ISBN's digits, an arXiv id without "arXiv:" and version).
type ID struct {
	Kind  Kind
	Value string
	// Version is an arXiv id's version ("v2"), if given.
	Version string
}

// String returns the identifier as cite writes it: 10.1145/…, ISBN 978…,
// arXiv:2405.12206.
func (id ID) String() string {
	switch id.Kind {
	case ISBN:
		return "ISBN " + id.Value
	case ArXiv:
		return "arXiv:" + id.Value + id.Version
	}
	return id.Value
}

var (
	doiRe       = lazyregexp.New(`^10\.\d{4,9}/\S+$`)
	arxivNew    = lazyregexp.New(`^(\d{4}\.\d{4,5})(v\d+)?$`)
	arxivOld    = lazyregexp.New(`^([a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7})(v\d+)?$`)
	doiPrefixes = []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"}
)

// Parse recognises a DOI (10.1145/3292500.3330701, doi:10.…,
// https://doi.org/10.…), an ISBN-10 or ISBN-13 (hyphens and spaces
// allowed, "ISBN" before it allowed; the check digit must be right), or an
// arXiv id (arXiv:2405.12206, 2405.12206v2, arXiv:hep-th/9901001,
// https://arxiv.org/abs/…). A string that is none of them, or an ISBN
// with a wrong check digit, is an error saying which.
func Parse(s string) (ID, error) {
	t := strings.TrimSpace(s)
	low := strings.ToLower(t)
	for _, p := range doiPrefixes {
		if strings.HasPrefix(low, p) {
			d := strings.TrimSpace(t[len(p):])
			if !doiRe().MatchString(d) {
				return ID{}, fmt.Errorf("%q is not a DOI: a DOI reads 10.NNNN/suffix (a registrant code of 4–9 digits, a slash and a suffix without spaces)", s)
			}
			return ID{Kind: DOI, Value: d}, nil
		}
	}
	if strings.HasPrefix(t, "10.") {
		if !doiRe().MatchString(t) {
			return ID{}, fmt.Errorf("%q is not a DOI: a DOI reads 10.NNNN/suffix (a registrant code of 4–9 digits, a slash and a suffix without spaces)", s)
		}
		return ID{Kind: DOI, Value: t}, nil
	}
	for _, p := range []string{"arxiv:", "https://arxiv.org/abs/", "http://arxiv.org/abs/", "arxiv.org/abs/"} {
		if strings.HasPrefix(low, p) {
			return parseArXiv(s, strings.TrimSpace(t[len(p):]))
		}
	}
	if arxivNew().MatchString(t) {
		return parseArXiv(s, t)
	}
	if id, ok, err := parseISBN(s, t); ok {
		return id, err
	}
	return ID{}, fmt.Errorf("%q is not a DOI (10.NNNN/…), an ISBN (10 or 13 digits) or an arXiv id (arXiv:2405.12206); to add a reference by hand, give --type instead", s)
}

func parseArXiv(orig, t string) (ID, error) {
	if m := arxivNew().FindStringSubmatch(t); m != nil {
		return ID{Kind: ArXiv, Value: m[1], Version: m[2]}, nil
	}
	if m := arxivOld().FindStringSubmatch(t); m != nil {
		return ID{Kind: ArXiv, Value: m[1], Version: m[2]}, nil
	}
	return ID{}, fmt.Errorf("%q is not an arXiv id: write arXiv:YYMM.NNNNN (since 2007) or arXiv:archive/YYMMNNN (before)", orig)
}

// parseISBN reads an ISBN; ok says whether s looks like one at all.
func parseISBN(orig, t string) (id ID, ok bool, err error) {
	u := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.ToUpper(t), "ISBN"), ":"))
	u = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(u, "-13"), "-10"))
	u = strings.TrimPrefix(strings.TrimSpace(u), ":")
	var digits []byte
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c >= '0' && c <= '9', c == 'X' && i == len(u)-1:
			digits = append(digits, c)
		case c == '-' || c == ' ':
		default:
			return ID{}, false, nil
		}
	}
	if len(digits) < 9 {
		return ID{}, false, nil
	}
	if len(digits) != 10 && len(digits) != 13 {
		return ID{}, true, fmt.Errorf("%q is not an ISBN: an ISBN has 10 or 13 digits, this has %d", orig, len(digits))
	}
	if want := checkDigit(digits[:len(digits)-1]); want != digits[len(digits)-1] {
		return ID{}, true, fmt.Errorf("%q is not a valid ISBN: its check digit is %c, but its other digits give %c (ISO 2108); check the number against the book", orig, digits[len(digits)-1], want)
	}
	return ID{Kind: ISBN, Value: string(digits)}, true, nil
}

// checkDigit computes the ISBN check digit for the first 9 (ISBN-10) or
// 12 (ISBN-13) digits.
func checkDigit(d []byte) byte {
	if len(d) == 9 {
		sum := 0
		for i, c := range d {
			sum += (10 - i) * int(c-'0')
		}
		r := (11 - sum%11) % 11
		if r == 10 {
			return 'X'
		}
		return byte('0' + r)
	}
	sum := 0
	for i, c := range d {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += w * int(c-'0')
	}
	return byte('0' + (10-sum%10)%10)
}
