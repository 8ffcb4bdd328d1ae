package translit

import (
	"errors"
	"fmt"
	"strings"
)

// Scheme is a romanisation scheme. The zero value is not a scheme; get one
// from the constants or from [ParseScheme].
type Scheme int

// The schemes, in the order [Schemes] lists them.
const (
	// BGN is the BGN/PCGN system: the 1947 system for Russian, with its
	// context rules for е and ё (ye and yë at the start of a word and after
	// а е ё и о у ы э ю я й ъ ь), and the 1979 system for Kazakh. The optional
	// middle dot of the Russian system (t·s for тс) is not written.
	BGN Scheme = iota + 1

	// ISO9 is ISO 9:1995, identical to GOST 7.79-2000 System A (Tables 1
	// and 2): one Latin letter, with diacritics where needed, for each
	// Cyrillic letter, ъ → ʺ and ь → ʹ. It is reversible; see [Deromanize].
	ISO9

	// GOSTB is GOST 7.79-2000 System B (Table 4), which uses only basic
	// Latin letters and the grave accent: ж → zh, х → x, щ → shh, ъ → ``,
	// ы → y`, ь → `, э → e`, ю → yu, я → ya, and ц → c before i, e, y, j
	// but cz elsewhere; і (Old Russian) is i, or i` before a consonant.
	// System B has tables only for Slavic languages, so the Kazakh letters
	// Ә Ғ Қ Ң Ө Ұ Ү Һ, and І in Kazakh text, get their System A (ISO 9)
	// form, which is not ASCII: Қазақстан → Ķazaķstan.
	GOSTB

	// LC is the ALA-LC romanization (Library of Congress, Russian table of
	// 2012 and, for the Kazakh letters, its table for non-Slavic languages in
	// Cyrillic): й → ĭ, э → ė, ъ → ʺ, ь → ʹ, and ц, ю, я written with the
	// ligature tie U+0361 as t͡s, i͡u, i͡a. A tied pair is capitalised as a
	// whole (Юрий → I͡Uriĭ), as in the table's capital-letter column.
	LC

	// LCASCII is [LC] without the ligature ties and diacritics, the plain
	// form common in journals: ц → ts, ю → iu, я → ia, й → i, э → e, ё → e,
	// ь → ' and ъ → ". Kazakh letters lose their diacritics too (ә → a,
	// ө → o), so the result is ASCII but ambiguous.
	LCASCII
)

// ErrUnknownScheme is wrapped by the error that [ParseScheme] returns for a
// name it does not know.
var ErrUnknownScheme = errors.New("unknown romanisation scheme")

var schemeNames = [...]string{
	BGN:     "bgn",
	ISO9:    "iso9",
	GOSTB:   "gost-b",
	LC:      "lc",
	LCASCII: "lc-ascii",
}

// schemeAliases maps a folded name (see foldName) to its scheme.
var schemeAliases = map[string]Scheme{
	"bgn":     BGN,
	"bgnpcgn": BGN,
	"pcgn":    BGN,

	"iso9":           ISO9,
	"iso91995":       ISO9,
	"gosta":          ISO9,
	"gost779a":       ISO9,
	"gost7792000a":   ISO9,
	"gost779systema": ISO9,

	"gostb":          GOSTB,
	"gost779b":       GOSTB,
	"gost7792000b":   GOSTB,
	"gost779systemb": GOSTB,

	"lc":                LC,
	"alalc":             LC,
	"loc":               LC,
	"libraryofcongress": LC,

	"lcascii":    LCASCII,
	"lcplain":    LCASCII,
	"alalcascii": LCASCII,
	"alalcplain": LCASCII,
}

// String returns the scheme's canonical name, one of those [Schemes]
// returns, or "Scheme(n)" for a value that is not a scheme.
func (sc Scheme) String() string {
	if sc.valid() {
		return schemeNames[sc]
	}
	return fmt.Sprintf("Scheme(%d)", int(sc))
}

func (sc Scheme) valid() bool { return sc >= BGN && sc <= LCASCII }

// ParseScheme returns the scheme with the given name. Case, spaces, and the
// punctuation "-", "_", ".", "/", ":" are ignored, so "BGN/PCGN" and
// "gost 7.79-2000 B" are accepted. The names are:
//
//	BGN      bgn, bgn-pcgn, pcgn
//	ISO9     iso9, iso-9, iso9:1995, gost-a, gost7.79-a, gost7.79-2000-a
//	GOSTB    gost-b, gost7.79-b, gost7.79-2000-b
//	LC       lc, ala-lc, loc
//	LCASCII  lc-ascii, lc-plain, ala-lc-ascii
//
// An unknown name gives an error that wraps [ErrUnknownScheme].
func ParseScheme(name string) (Scheme, error) {
	if sc, ok := schemeAliases[foldName(name)]; ok {
		return sc, nil
	}
	return 0, fmt.Errorf("translit: %w %q (known: %s)", ErrUnknownScheme, name, strings.Join(Schemes(), ", "))
}

// Schemes returns the canonical names of the schemes, in a fixed order.
func Schemes() []string {
	names := make([]string, 0, len(schemeNames)-1)
	for sc := BGN; sc <= LCASCII; sc++ {
		names = append(names, schemeNames[sc])
	}
	return names
}

// foldName lowercases name and drops spaces and the separators people put
// in scheme names, so that "GOST 7.79-2000 B" folds to "gost7792000b".
func foldName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch r {
		case ' ', '\t', '-', '_', '.', '/', ':':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
