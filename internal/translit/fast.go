package translit

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/runes"
)

// The fast path of Romanize reads the string's bytes once and writes each
// letter from a table made per scheme and alphabet (fastTable), without
// decoding the string into runes first. Most letters are romanised
// whatever their neighbours. BGN/PCGN's lower-case е and ё depend only on
// the rune before them, which the table's two values for them answer;
// the other letters that depend on their neighbours (GOST System B ц and
// і, capitals written with several letters, BGN/PCGN Е and Ё) are
// romanised by romanizeAt and capitalize themselves, on a window of the
// runes around them, which is all those rules read. A string the fast path cannot
// take as it is (invalid UTF-8, a combining mark, which the general path
// composes with the letter before it or skips when it looks at a letter's
// neighbours, a capital outside the block whose lower case is in it) goes
// to the general path.

// fastKind says how the fast path writes a rune of the Cyrillic block.
type fastKind uint8

const (
	fastCopy    fastKind = iota // no table has it: written as it is
	fastFixed                   // written as fastEntry.out, whatever its neighbours
	fastContext                 // its romanisation depends on its neighbours
	// BGN/PCGN's lower-case е and ё: fastEntry.out after a consonant,
	// fastEntry.alt at the start of a word and after a vowel (bgnYeAfter)
	fastAfterVowel
	fastBail // a combining mark: the general path takes the string
)

// fastEntry is what the fast path writes for a rune of the block: for
// fastFixed, the n bytes of out, which a single store of eight bytes
// writes when the buffer has room.
type fastEntry struct {
	kind fastKind
	n    uint8
	out  [8]byte
	alt  string
}

// fixed returns the entry that writes rom, or one that sends the rune to
// romanizeInContext when rom is longer than an entry holds (no table has
// such a value; the tests check that every entry is fixed or contextual
// as they expect).
func fixed(rom string) fastEntry {
	e := fastEntry{kind: fastFixed, n: uint8(len(rom))}
	if len(rom) > len(e.out) {
		return fastEntry{kind: fastContext}
	}
	copy(e.out[:], rom)
	return e
}

// fastTable is the fast path's table for a scheme and an alphabet.
type fastTable [cyrillicSize]fastEntry

var (
	fastOnce   [LCASCII + 1][2]sync.Once
	fastTables [LCASCII + 1][2]*fastTable
)

// fastTableFor returns the table of sc (valid) for Kazakh text (kk) or
// not, made when first asked for.
func fastTableFor(sc Scheme, kk bool) *fastTable {
	k := 0
	if kk {
		k = 1
	}
	fastOnce[sc][k].Do(func() { fastTables[sc][k] = makeFastTable(sc, kk) })
	return fastTables[sc][k]
}

// makeFastTable works out, for each rune of the block, what the general
// path writes for it when its romanisation does not depend on its
// neighbours, by romanising it alone as the general path does.
func makeFastTable(sc Scheme, kk bool) *fastTable {
	t := new(fastTable)
	for k := range t {
		r := rune(cyrillicBase + k)
		if isMark(r) {
			t[k].kind = fastBail
			continue
		}
		rs := []rune{r}
		rom, ok := romanizeAt(rs, 0, sc, kk)
		switch {
		case !ok:
			t[k].kind = fastCopy
		case sc == BGN && !kk && (r == 'е' || r == 'ё'):
			// romanised after a consonant, and alone, as at a word's start
			t[k] = fixed(romanizeGeneral(string([]rune{'б', r}), sc, "ru")[1:])
			if t[k].kind == fastFixed {
				t[k].kind, t[k].alt = fastAfterVowel, rom
			}
		case contextual(runes.ToLower(r), sc, kk):
			t[k].kind = fastContext
		case !runes.IsUpper(r):
			t[k] = fixed(rom)
		case letters(rom) <= 1 || sc == LC && strings.ContainsRune(rom, '\u0361'):
			// capitalize writes it in capitals whatever its neighbours
			t[k] = fixed(string(capitalize(nil, rs, 0, rom, sc)))
		default:
			// "Zh" or "ZH", after the letters around it (capitalsAround)
			t[k].kind = fastContext
		}
	}
	return t
}

// contextual reports whether romanizeAt reads the neighbours of the
// lowercase letter l in the scheme sc: the rules of BGN/PCGN for Russian
// on е and ё and those of GOST System B on ц and і (Romanize).
func contextual(l rune, sc Scheme, kk bool) bool {
	switch sc {
	case BGN:
		return !kk && (l == 'е' || l == 'ё')
	case GOSTB:
		if kk && kazakhLetterSet.has(l) {
			return false
		}
		return l == 'ц' || l == 'і'
	}
	return false
}

// romanizeFast is Romanize(s, sc, lang) for a valid scheme and true, or
// false when s is one the general path must take (see above).
func romanizeFast(s string, sc Scheme, lang string) (string, bool) {
	var out [512]byte // the result of most values, on the stack
	if b, ok := appendFast(out[:0], s, sc, lang); ok {
		return string(b), true
	}
	return "", false
}

// appendFast appends Romanize(s, sc, lang) to b for a valid scheme and
// returns it with true, or returns b as it was and false when s is one
// the general path must take (see above).
func appendFast(b []byte, s string, sc Scheme, lang string) ([]byte, bool) {
	kk, known := kazakhLanguage(lang)
	if !known {
		kk = hasKazakhLetter(s)
	}
	t := fastTableFor(sc, kk)
	start := len(b)
	prev := rune(-1) // the rune before s[i], none at the start
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, c)
			prev = rune(c)
			i++
			continue
		}
		if c >= 0xD0 && c <= 0xD3 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			switch e := &t[r-cyrillicBase]; e.kind {
			case fastFixed:
				if n := len(b); cap(b)-n >= len(e.out) {
					b = b[:n+len(e.out)]
					*(*[8]byte)(b[n:]) = e.out
					b = b[:n+int(e.n)]
				} else {
					b = append(b, e.out[:e.n]...)
				}
			case fastCopy:
				b = append(b, s[i:i+2]...)
			case fastAfterVowel:
				if prev < 0 || bgnYeAfter(prev) {
					b = append(b, e.alt...)
				} else {
					b = append(b, e.out[:e.n]...)
				}
			case fastContext:
				b = romanizeInContext(b, prev, r, s[i+2:], sc, kk)
			default:
				return b[:start], false
			}
			prev = r
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || isMark(r) || inBlock(runes.ToLower(r)) {
			return b[:start], false
		}
		b = append(b, s[i:i+n]...)
		prev = r
		i += n
	}
	return b, true
}

// romanizeInContext appends the romanisation of r, the rune after prev
// (-1 at the start) and before rest, as the general path writes it: on
// the runes around it that its rules read, the one before and the two
// after (gostSoftC romanises the next letter, whose own rule, on і, looks
// at the one after it). A combining mark or an invalid byte among them
// does not matter: the fast path gives the string up when it reaches it.
func romanizeInContext(b []byte, prev, r rune, rest string, sc Scheme, kk bool) []byte {
	var w [4]rune
	rs := w[:0]
	if prev >= 0 {
		rs = append(rs, prev)
	}
	i := len(rs)
	rs = append(rs, r)
	for k := 0; k < 2 && rest != ""; k++ {
		next, n := utf8.DecodeRuneInString(rest)
		rs = append(rs, next)
		rest = rest[n:]
	}
	rom, ok := romanizeAt(rs, i, sc, kk)
	switch {
	case !ok:
		return utf8.AppendRune(b, r)
	case !runes.IsUpper(r):
		return append(b, rom...)
	}
	return capitalize(b, rs, i, rom, sc)
}

// kazakhLanguage reports, from lang, whether the Kazakh tables apply, and
// whether lang says (isKazakh).
func kazakhLanguage(lang string) (kk, known bool) {
	if lang == "ru" {
		return false, true
	}
	if lang == "kk" {
		return true, true
	}
	l := strings.ToLower(strings.TrimSpace(lang))
	for k := 0; k < len(l); k++ {
		if l[k] == '-' || l[k] == '_' {
			l = l[:k]
			break
		}
	}
	switch l {
	case "ru", "rus":
		return false, true
	case "kk", "kaz", "kz":
		return true, true
	}
	return false, false
}

// hasKazakhLetter reports whether s has one of the Kazakh letters that
// Russian lacks (isKazakh), for a string the fast path takes: valid, with
// no combining mark and no rune outside the block whose lower case is in
// it.
func hasKazakhLetter(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if c := s[i]; c >= 0xD0 && c <= 0xD3 && s[i+1]&0xC0 == 0x80 {
			if kazakhLetterSet.has(runes.ToLower(rune(c&0x1F)<<6 | rune(s[i+1]&0x3F))) {
				return true
			}
			i++
		}
	}
	return false
}
