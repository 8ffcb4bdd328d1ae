package translit

// Every letter of the tables is in the Cyrillic block, U+0400 to U+04FF:
// the tables are looked up per letter, so Romanize reads them as arrays
// indexed from the start of the block rather than as maps.
const (
	cyrillicBase = 0x400
	cyrillicSize = 0x100
)

// runeTable is a romanisation table as an array over the Cyrillic block.
type runeTable struct {
	v  [cyrillicSize]string
	ok [cyrillicSize]bool
}

// dense returns m as a runeTable; it panics on a letter outside the
// block (a table edit the tests would catch at once).
func dense(m map[rune]string) *runeTable {
	t := new(runeTable)
	for r, v := range m {
		t.v[r-cyrillicBase], t.ok[r-cyrillicBase] = v, true
	}
	return t
}

// get returns the romanisation of r and whether the table has one.
func (t *runeTable) get(r rune) (string, bool) {
	i := uint32(r - cyrillicBase)
	if i >= cyrillicSize {
		return "", false
	}
	return t.v[i], t.ok[i]
}

// runeSet is a set of letters as an array over the Cyrillic block.
type runeSet [cyrillicSize]bool

func denseSet(m map[rune]bool) *runeSet {
	s := new(runeSet)
	for r, in := range m {
		s[r-cyrillicBase] = in
	}
	return s
}

// has reports whether r is in s.
func (s *runeSet) has(r rune) bool {
	i := uint32(r - cyrillicBase)
	return i < cyrillicSize && s[i]
}

var (
	bgnRussianTable, bgnKazakhTable, iso9Table = dense(bgnRussian), dense(bgnKazakh), dense(iso9)
	gostBTable, lcTable, lcASCIITable          = dense(gostB), dense(lc), dense(lcASCII)
	kazakhLetterSet, bgnVowelSet               = denseSet(kazakhLetters), denseSet(bgnVowels)
	russianConsonantSet                        = denseSet(russianConsonants)

	// bgnYe and bgnYo are BGN/PCGN's е and ё at the start of a word and
	// after a vowel (see Romanize).
	bgnYe, bgnYo = "y" + bgnRussian['е'], "y" + bgnRussian['ё']
)
