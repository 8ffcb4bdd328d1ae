package cite

import (
	"unsafe"

	"github.com/cite-project/cite/internal/arena"
	"github.com/cite-project/cite/internal/sentencecase"
	"github.com/cite-project/cite/internal/translit"
)

// memo remembers what a preparation's conversions (romanisation,
// sentence case) made of the strings met, for the entries prepared after
// with the same scratch: a library repeats its names, publishers, places,
// journals and translated titles from one entry to the next, and each
// conversion is a pure function of its string (and of the scheme and the
// language, for a romanisation). It holds a table per conversion, keyed
// by the string; at most memoBytes of strings in all, starting afresh
// when full, so that it costs little on a library whose strings seldom
// repeat.
//
// When the items own their strings (scratch.own), the results are copied
// once into the items' blocks, so that every item that gets one shares
// the copy, and the keys into blocks of the memo's own, which keep none of
// the library's memory and go with the scratch.
type memo struct {
	tables []memoTable
	last   int // the index of the table table returned last
	bytes  int
	keys   arena.Strings
}

// memoTable is the results of one conversion: a romanisation with a
// scheme for a language, or (scheme 0) sentence case. A conversion makes
// a string that is not empty of one that is not; "" records a string
// that converts to itself, which the caller keeps (so that no copy of it
// is made).
type memoTable struct {
	scheme translit.Scheme
	lang   string
	m      map[string]string
}

// memoBytes bounds the strings a memo holds, keys and results.
const memoBytes = 16 << 20

// romanize is translit.Romanize(v, scheme, lang). It reports whether the
// result is the items' own (see memo); v itself, when the romanisation
// leaves it as it is, is not.
func (sc *scratch) romanize(v string, scheme translit.Scheme, lang string) (string, bool) {
	if sc == nil || v == "" {
		return translit.Romanize(v, scheme, lang), false
	}
	t := sc.table(scheme, lang)
	if t == nil {
		return translit.Romanize(v, scheme, lang), false
	}
	if r, ok := t.m[v]; ok {
		return sc.result(v, r)
	}
	if sc.own {
		// remember copies the result into the items' blocks: it is
		// written in the scratch's buffer first, not in a string of its
		// own, and read through a view that remember does not keep.
		b := translit.AppendRomanize(sc.romanized[:0], v, scheme, lang)
		sc.romanized = b
		if cap(b) > maxRomanizedBuffer {
			sc.romanized = nil
		}
		return sc.remember(t, v, unsafe.String(unsafe.SliceData(b), len(b)))
	}
	return sc.remember(t, v, translit.Romanize(v, scheme, lang))
}

// maxRomanizedBuffer bounds the buffer a scratch keeps for romanisations
// (see romanize): a huge value's is left to the collector.
const maxRomanizedBuffer = 64 << 10

// sentenceCase is sentencecase.Convert(v). It reports whether the result
// is the items' own, as romanize does.
func (sc *scratch) sentenceCase(v string) (string, bool) {
	if sc == nil || v == "" {
		return sentencecase.Convert(v), false
	}
	t := sc.table(0, "")
	if t == nil {
		return sentencecase.Convert(v), false
	}
	if r, ok := t.m[v]; ok {
		return sc.result(v, r)
	}
	return sc.remember(t, v, sentencecase.Convert(v))
}

// maxMemoTables bounds the tables of a memo: the languages of a library
// are few, and a conversion for yet another is made without the memo.
const maxMemoTables = 16

// table returns the table of the conversion scheme and lang, made empty
// when the memo has none; nil when it has too many.
func (sc *scratch) table(scheme translit.Scheme, lang string) *memoTable {
	m := &sc.memo
	if m.last < len(m.tables) {
		if t := &m.tables[m.last]; t.scheme == scheme && t.lang == lang {
			return t // the conversions of an item share a table
		}
	}
	for i := range m.tables {
		if t := &m.tables[i]; t.scheme == scheme && t.lang == lang {
			m.last = i
			return t
		}
	}
	if len(m.tables) == maxMemoTables {
		return nil
	}
	if sc.own {
		lang = sc.shortCopy(lang)
	}
	m.tables = append(m.tables, memoTable{scheme: scheme, lang: lang, m: map[string]string{}})
	m.last = len(m.tables) - 1
	return &m.tables[m.last]
}

// result returns what the table records for v (see memoTable), and
// whether it is the items' own.
func (sc *scratch) result(v, r string) (string, bool) {
	if r == "" {
		return v, false
	}
	return r, sc.own
}

// remember records r as the result for v in t and returns it as result
// does: the items' copy of it when they own their strings.
func (sc *scratch) remember(t *memoTable, v, r string) (string, bool) {
	if r == "" {
		return r, false // not a conversion's result (see memoTable)
	}
	m := &sc.memo
	if m.bytes > memoBytes {
		for i := range m.tables {
			m.tables[i].m = map[string]string{}
		}
		m.bytes, m.keys = 0, arena.Strings{}
	}
	key := v
	if r == v {
		r = ""
	} else if sc.own {
		r = sc.strs.Copy(r)
	}
	if sc.own {
		key = m.keys.Copy(v)
	}
	t.m[key] = r
	m.bytes += len(key) + len(r)
	return sc.result(v, r)
}
