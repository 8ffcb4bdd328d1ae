package cite

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/sentencecase"
	"github.com/cite-project/cite/internal/translit"
)

// TestHasCyrillic: the byte test finds a character of U+0400 to U+052F
// exactly where decoding the string does, in valid and invalid UTF-8.
func TestHasCyrillic(t *testing.T) {
	decoded := func(s string) bool {
		for _, r := range s {
			if r >= 0x0400 && r <= 0x052F {
				return true
			}
		}
		return false
	}
	cases := []string{
		"", "a", "Ivanov", "Ѐ", "ӿ", "Ԁ", "ԯ", "԰", "Ա", "Ͽ", "é", "日本", "x\u0400", "Иванов", "Қазақстан",
		"\xd0", "a\xd0", "\xd0a", "\xd0\xc0", "\xd4\xaf", "\xd4\xb0", "\xd3\xbf", "\xcf\xbf", "\xe0\xd0\x80",
		"\xf0\x9f\xd0\x80", "\x80\xd0", "\xd0\x80\xd0", "\xff\xd2\x90", "\xd5\x80", "\xc0\x80",
	}
	// the eight-byte steps over ASCII: a letter or a lone lead byte at
	// every offset of a long ASCII string, and at its end
	for _, tail := range []string{"Ж", "\xd0", "\xd4\xaf", "\xd4\xb0", "é", "\xd0a"} {
		for n := 0; n <= 40; n++ {
			cases = append(cases, strings.Repeat("a", n)+tail, strings.Repeat("a", n)+tail+strings.Repeat("b", 9))
		}
	}
	for c := 0xC0; c <= 0xDF; c++ { // every two-byte lead with every second byte
		for d := 0; d < 0x100; d += 7 {
			cases = append(cases, string([]byte{byte(c), byte(d)}), string([]byte{'a', byte(c), byte(d), 'b'}))
		}
	}
	for _, s := range cases {
		if got, want := hasCyrillic(s), decoded(s); got != want {
			t.Errorf("hasCyrillic(%q) = %v; decoding says %v", s, got, want)
		}
	}
}

// oldRomanizeName is the romanisation of a name as it was written before
// engineName, through bib.Name.Alternate: the reference engineName is
// checked against.
func oldRomanizeName(n bib.Name, sc translit.Scheme, lang string) bib.Name {
	if n.IsLiteral() {
		if tr := n.Alt["literal"+bib.TranslatedSuffix]; tr != "" {
			return bib.Name{Literal: tr}
		}
	}
	out, _ := n.Alternate(bib.TranslitSuffix)
	for _, p := range bib.NameParts {
		if v := out.Part(p); hasCyrillic(v) {
			out.SetPart(p, translit.Romanize(v, sc, lang))
		}
	}
	return out
}

func oldItemName(n bib.Name) item.Name {
	return item.Name{
		Family: n.Family, Given: n.Given, DroppingParticle: n.DroppingParticle, NonDroppingParticle: n.NonDroppingParticle,
		Suffix: n.Suffix, Literal: n.Literal, CommaSuffix: n.CommaSuffix, StaticOrdering: n.StaticOrdering,
	}
}

// trickyNames are names whose conversion has a case of its own.
var trickyNames = []bib.Name{
	{},
	{Family: " ", Given: "\t"},
	{Family: "Smith", Given: "J.", Suffix: "Jr.", CommaSuffix: true},
	{Family: "Иванов", Given: "И. И.", Alt: map[string]string{"family-translit": "Ivanov"}},
	{Family: "Иванов", Given: "И. И.", Alt: map[string]string{"family-translit": "Ivanov", "given-translit": ""}},
	{Family: "Жұмабаев", Given: "Ә. Ғ.", StaticOrdering: true},
	{Family: "Толстой", Given: "Лев", DroppingParticle: "фон", NonDroppingParticle: "де", Suffix: "мл."},
	{Family: "Толстой", Alt: map[string]string{"dropping-particle-translit": "fon", "non-dropping-particle-translit": "de", "suffix-translit": "ml.", "nonsense-translit": "x", "family-translated": "Tolstoy"}},
	{Literal: "Институт востоковедения"},
	{Literal: "Институт", Alt: map[string]string{"literal-translated": "Institute"}},
	{Literal: "Институт", Alt: map[string]string{"literal-translated": "", "literal-translit": "Institut"}},
	{Family: "Институт", Alt: map[string]string{"literal-translated": "Institute"}},
	{Literal: "ЖУК и Ёж", CommaSuffix: true, StaticOrdering: true},
	{Family: "Ivanov", Given: "Иван", Alt: map[string]string{"given-translit": "Ivan", "family-translit": "Иванов"}},
}

// TestEngineName: a name converted for the engine, with or without the
// memo, owning its strings or not, is the name the old conversion made
// (bib.Name.Alternate, then translit.Romanize part by part), and an
// owned name keeps none of the entry's strings.
func TestEngineName(t *testing.T) {
	var plain scratch
	owning := scratch{own: true}
	for _, rom := range []translit.Scheme{0, translit.BGN, translit.ISO9, translit.LCASCII} {
		for _, lang := range []string{"", "ru", "kk", "en"} {
			for round := range 2 { // the second round reads the memo
				for i, n := range trickyNames {
					want := oldItemName(n)
					if rom != 0 {
						want = oldItemName(oldRomanizeName(n, rom, lang))
					}
					for _, sc := range []*scratch{nil, &plain, &owning} {
						what := fmt.Sprintf("name %d, scheme %v, lang %q, round %d, own %v", i, rom, lang, round, sc != nil && sc.own)
						got := engineName(&trickyNames[i], rom, lang, sc)
						if got != want {
							t.Errorf("%s: %+v; want %+v", what, got, want)
						}
						if emptyName(&trickyNames[i]) != n.IsEmpty() {
							t.Errorf("%s: emptyName %v; IsEmpty %v", what, emptyName(&trickyNames[i]), n.IsEmpty())
						}
						if sc == &owning {
							for _, s := range []string{got.Family, got.Given, got.DroppingParticle, got.NonDroppingParticle, got.Suffix, got.Literal} {
								if s != "" && nameMemory(&trickyNames[i])[unsafe.StringData(s)] {
									t.Errorf("%s: %q is the entry's", what, s)
								}
							}
						}
					}
				}
			}
		}
	}
}

func nameMemory(n *bib.Name) map[*byte]bool {
	m := map[*byte]bool{}
	for _, s := range []string{n.Family, n.Given, n.DroppingParticle, n.NonDroppingParticle, n.Suffix, n.Literal} {
		m[unsafe.StringData(s)] = true
	}
	for _, s := range n.Alt {
		m[unsafe.StringData(s)] = true
	}
	delete(m, nil)
	return m
}

// TestTranslitOf: the "-translit" form is found as e.Get finds it.
func TestTranslitOf(t *testing.T) {
	e := entry(map[string]string{
		"title": "Т", "title-translit": "T", "container-title-translit": "CT", "genre-translit": "", "publisher": "П",
		"title-translated": "X", "note-translit": "N", "-translit": "E", "translit": "no", "title-translit-translit": "TT",
	})
	forms := translitForms(nil, e)
	for _, k := range []string{"title", "container-title", "genre", "publisher", "note", "", "titl", "title-", "title-translit", "-translit", "translit"} {
		if got, want := translitOf(forms, k), e.Get(k+bib.TranslitSuffix); got != want {
			t.Errorf("translitOf(%q) = %q; want %q", k, got, want)
		}
	}
}

func entry(fields map[string]string) *bib.Entry {
	e := bib.NewEntry("x", "book")
	for k, v := range fields {
		e.Set(k, v)
	}
	return e
}

// TestMemoMatchesConversions: what the memo returns, the first time and
// afterwards, with the items owning their strings or not, is what the
// conversions return, and it starts afresh when full.
func TestMemoMatchesConversions(t *testing.T) {
	values := []string{
		"Иванов", "И. И.", "Наука", "Москва", "Ёлка ёж", "ЖУК", "Жук", "Қазақстан", "Ivanov", "mixed Иван ivan",
		"A Study of Kazakh Policy: The Case of the SCO", "the first President", "Energy Security In Central Asia",
		`Foreign policy of <span class="nocase">NATO</span>`, "ALL CAPS TITLE", "x",
	}
	plain, owning := scratch{}, scratch{own: true}
	for round := range 3 {
		for _, sc := range []*scratch{nil, &plain, &owning} {
			for _, v := range values {
				for _, lang := range []string{"", "ru", "kk"} {
					for _, scheme := range []translit.Scheme{translit.BGN, translit.GOSTB} {
						want := translit.Romanize(v, scheme, lang)
						got, owned := sc.romanize(v, scheme, lang)
						if got != want {
							t.Errorf("round %d: romanize(%q, %v, %q) = %q; want %q", round, v, scheme, lang, got, want)
						}
						checkOwned(t, sc, v, got, owned)
					}
				}
				want := sentencecase.Convert(v)
				got, owned := sc.sentenceCase(v)
				if got != want {
					t.Errorf("round %d: sentenceCase(%q) = %q; want %q", round, v, got, want)
				}
				checkOwned(t, sc, v, got, owned)
			}
		}
	}
	if testing.Short() {
		return
	}
	// A memo past its bound starts afresh and goes on giving the same.
	long := strings.Repeat("Слово ", 500)
	for i := range memoBytes / len(long) * 3 / 2 {
		v := fmt.Sprint(long, i)
		if got, _ := owning.romanize(v, translit.BGN, "ru"); got != translit.Romanize(v, translit.BGN, "ru") {
			t.Fatalf("romanize of long value %d differs", i)
		}
	}
	if owning.memo.bytes > memoBytes+2*len(long)+64 {
		t.Errorf("memo holds %d bytes; bound %d", owning.memo.bytes, memoBytes)
	}
}

// checkOwned checks that a result reported owned is none of v's memory
// and a copy in sc's blocks.
func checkOwned(t *testing.T, sc *scratch, v, got string, owned bool) {
	t.Helper()
	if owned && (sc == nil || !sc.own) {
		t.Errorf("%q reported owned without an owning scratch", got)
	}
	if owned && got != "" && unsafe.StringData(got) == unsafe.StringData(v) {
		t.Errorf("%q reported owned is the value converted", got)
	}
	if !owned && got != v && sc != nil && sc.own {
		t.Errorf("%q (of %q) not owned by an owning scratch", got, v)
	}
}

// TestPrepareWithMemo: a generated library and tricky entries prepared
// in turn with one scratch (which remembers conversions and hands out
// slabs), owning their strings or not, give items that read exactly as
// the items prepared alone.
func TestPrepareWithMemo(t *testing.T) {
	lib := gen.Library(1500, 3)
	for i, n := range trickyNames {
		e := bib.NewEntry(fmt.Sprint("tricky", i), "book")
		e.Set("title", "Институт и Ёлка")
		e.Set("language", []string{"ru", "kk", "", "en"}[i%4])
		e.AddName("author", n)
		e.AddName("editor", trickyNames[(i+3)%len(trickyNames)])
		lib.Entries = append(lib.Entries, e)
	}
	preps := []Prep{
		{},
		{Romanize: true, Translate: true, OpenAsUndated: true, SentenceCase: true},
		{Romanize: true, Scheme: translit.LCASCII, Translate: true, OpenAsUndated: true, SentenceCase: true},
		{Heading: true},
		{Heading: true, SentenceCase: true},
		{Romanize: true, Translate: true, Heading: true, Language: "en"},
	}
	names := append(bib.Variables(bib.Standard), bib.Variables(bib.Number)...)
	names = append(names, "issued-open", "media-electronic", "media-unmediated", "author-heading", "author-title-page")
	for pi, p := range preps {
		for _, sc := range []*scratch{{}, {own: true}} {
			for _, e := range lib.Entries {
				want := Prepare(e, p)
				got := prepare(e, p, sc)
				what := fmt.Sprintf("%s, preparation %d, own %v", e.ID, pi, sc.own)
				if got.ID != want.ID || got.Type != want.Type || got.Language != want.Language {
					t.Fatalf("%s: id, type, language %q %q %q; want %q %q %q", what, got.ID, got.Type, got.Language, want.ID, want.Type, want.Language)
				}
				for _, n := range names {
					if g, w := got.Var(n), want.Var(n); g != w {
						t.Fatalf("%s: Var(%q) = %q; want %q", what, n, g, w)
					}
				}
				for _, n := range bib.Variables(bib.DateKind) {
					g, gok := got.Source.Date(n)
					w, wok := want.Source.Date(n)
					if gok != wok || !reflect.DeepEqual(g, w) {
						t.Fatalf("%s: Date(%q) = %+v; want %+v", what, n, g, w)
					}
				}
				if g, w := maps.Collect(got.AllNames()), maps.Collect(want.AllNames()); !reflect.DeepEqual(g, w) {
					t.Fatalf("%s: names %v; want %v", what, g, w)
				}
			}
		}
	}
}

// TestBlank: blank agrees with strings.TrimSpace on spaces of every kind.
func TestBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n\v\f\r ", "\u0085", "\u00a0", "\u2003", " a", "a", "~", "\x7f", "!", "Ж", " Ж ", "\u00a0x", "\xff", "\x00", "\x1f",
		"Иванов", "\u3000", "\u3000Ж", "\u2028\u2029", "\ufeff", "\ufeff ", "\u0085Ж", "\xd0", "\xd0 ", "\xe2\x80", "\xe2\x80\x83",
		"\xe2\x80\x83\xff", strings.Repeat(" ", 300) + "x", strings.Repeat("\u2003", 300), strings.Repeat("\u2003", 300) + "Ж"} {
		if got, want := blank(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("blank(%q) = %v; want %v", s, got, want)
		}
	}
}

// TestVarIndex: Var answers through the index of the names an item
// holds as it does by reading every variable, for every variable of CSL
// and the model, forms, names in other cases, and the empty name, on a
// generated library prepared in every way, and after a change that
// drops the index.
func TestVarIndex(t *testing.T) {
	lib := gen.Library(800, 5)
	names := append(bib.Variables(bib.Standard), bib.Variables(bib.Number)...)
	names = append(names, "issued-open", "media-electronic", "media-unmediated", "author-heading", "author-title-page",
		"title-translated", "title-translit", "language", "note", "", "x", "TITLE", "Title", "titles", "itle", "DOI ", "url")
	preps := []Prep{{}, {Romanize: true, Translate: true, OpenAsUndated: true, SentenceCase: true}, {Heading: true, Romanize: true, Language: "en"}}
	for _, p := range preps {
		for _, sc := range []*scratch{nil, {own: true}} {
			for _, e := range lib.Entries {
				src := prepare(e, p, sc).Source.(*entrySource)
				if src.names == 0 && len(src.fields)+len(src.changed) > 0 {
					t.Fatalf("%s: not indexed after a preparation", e.ID)
				}
				plain := *src
				plain.names = 0
				for _, n := range names {
					if g, w := src.Var(n), plain.Var(n); g != w {
						t.Fatalf("%s: Var(%q) = %q through the index; %q without", e.ID, n, g, w)
					}
				}
				src.setVar("volume-title", "V", true)
				if src.names != 0 || src.Var("volume-title") != "V" {
					t.Fatalf("%s: a change after the preparation is not read", e.ID)
				}
			}
		}
	}
}

// TestRomanizeBuffer: the results an owning scratch hands out stay as
// they were when the buffer romanize writes in is reused for the next
// values, long ones (past the buffer kept) included.
func TestRomanizeBuffer(t *testing.T) {
	values := []string{"Иванов", "Жуков и Ёлкин", "Наука", strings.Repeat("Щука ", 20000), "Ёж", "Иванов"}
	sc := &scratch{own: true}
	var got []string
	for _, v := range values {
		r, _ := sc.romanize(v, translit.BGN, "ru")
		got = append(got, r)
	}
	for i, v := range values {
		if want := translit.Romanize(v, translit.BGN, "ru"); got[i] != want {
			t.Errorf("romanize(%.20q) = %.20q after the values that follow it; want %.20q", v, got[i], want)
		}
	}
	if cap(sc.romanized) > maxRomanizedBuffer {
		t.Errorf("the scratch keeps a buffer of %d bytes", cap(sc.romanized))
	}
}

// TestKeepManyVariables: an entry with every standard and number
// variable (more than the 64 that keep marks in a word) reads, once
// prepared, each variable romanised, or as recorded without the
// romanisation, with and without a scratch.
func TestKeepManyVariables(t *testing.T) {
	e := bib.NewEntry("many", "book")
	e.Set("language", "ru")
	names := append(bib.Variables(bib.Standard), bib.Variables(bib.Number)...)
	if len(names) <= 64 {
		t.Fatalf("only %d variables", len(names))
	}
	for i, n := range names {
		if n != "language" && n != "note" {
			e.Set(n, fmt.Sprintf("Жёлтый текст %d", i))
		}
	}
	for _, sc := range []*scratch{nil, {}, {own: true}} {
		for _, p := range []Prep{{}, {Romanize: true}} {
			it := prepare(e, p, sc)
			for _, n := range names {
				want := e.Get(n)
				if isSkipped(n) {
					want = ""
				} else if p.Romanize && !noRomanize(n) {
					want = translit.Romanize(want, DefaultScheme, "ru")
				}
				if got := it.Var(n); got != want {
					t.Errorf("romanize %v, scratch %v: Var(%q) = %q; want %q", p.Romanize, sc != nil, n, got, want)
				}
			}
			seen := map[string]bool{}
			for _, f := range it.Source.(*entrySource).fields {
				if seen[f.name] {
					t.Errorf("romanize %v, scratch %v: %q kept twice", p.Romanize, sc != nil, f.name)
				}
				seen[f.name] = true
			}
		}
	}
}

// TestShortCopy: shortCopy returns s, in memory of its own, one copy per
// value met again (types and languages interleaved, values sharing a
// slot, more values than the scratch remembers), and "" for "".
func TestShortCopy(t *testing.T) {
	var values []string
	for _, typ := range []string{"book", "article-journal", "chapter", "legislation", "thesis", "report", "webpage", "paper-conference"} {
		for _, lang := range []string{"ru", "en", "kk", "ru-RU", "en-US", "de"} {
			values = append(values, typ, lang)
		}
	}
	for i := range 100 { // past maxShort
		values = append(values, fmt.Sprintf("x-%d", i), "book")
	}
	sc := &scratch{own: true}
	first := map[string]*byte{}
	for round := range 2 {
		for _, v := range values {
			in := strings.Clone(v)
			got := sc.shortCopy(in)
			if got != v || unsafe.StringData(got) == unsafe.StringData(in) {
				t.Fatalf("shortCopy(%q) = %q, sharing its memory %v", v, got, unsafe.StringData(got) == unsafe.StringData(in))
			}
			if p, ok := first[v]; !ok {
				first[v] = unsafe.StringData(got)
			} else if p != unsafe.StringData(got) && len(first) <= maxShort && round == 0 && !strings.HasPrefix(v, "x-") {
				t.Errorf("shortCopy(%q) made a second copy", v)
			}
		}
	}
	if got := sc.shortCopy(""); got != "" {
		t.Errorf("shortCopy(\"\") = %q", got)
	}
}

// TestIsForm: isForm agrees with bib.SplitForm on the names of every
// variable, their forms, the suffixes alone, and names that end as the
// suffixes do.
func TestIsForm(t *testing.T) {
	names := []string{"", "t", "d", "-translit", "-translated", "x-translit", "x-translated", "title-translit-translit",
		"translit", "translated", "abstract", "event", "title-translat", "title-translitd", "Title-Translit"}
	for _, n := range append(bib.Variables(bib.Standard), bib.Variables(bib.Number)...) {
		names = append(names, n, n+bib.TranslitSuffix, n+bib.TranslatedSuffix, n+"t", n+"d")
	}
	for _, n := range names {
		_, form := bib.SplitForm(n)
		if got, want := isForm(n), form != ""; got != want {
			t.Errorf("isForm(%q) = %v; SplitForm says %v", n, got, want)
		}
	}
}

// TestNamePartsShared: the items a scratch that owns their strings
// prepares share one copy of each name part (Latin ones, which no
// romanisation copies), in memory of their own, and read the names as
// recorded; a scratch past maxPartBytes starts afresh and still copies.
func TestNamePartsShared(t *testing.T) {
	entry := func(id, family, given string) *bib.Entry {
		e := bib.NewEntry(id, "book")
		e.Set("title", "T "+id)
		e.AddName("author", bib.Name{Family: strings.Clone(family), Given: strings.Clone(given)})
		return e
	}
	sc := &scratch{own: true}
	a := prepare(entry("a", "Smith", "John"), Prep{}, sc)
	b := prepare(entry("b", "Smith", "Jane"), Prep{}, sc)
	c := prepare(entry("c", "Jones", "John"), Prep{}, sc)
	name := func(it *item.Item) item.Name { return it.NamesOf("author")[0] }
	for _, tc := range []struct {
		x, y  string
		same  bool
		which string
	}{
		{name(a).Family, name(b).Family, true, "a and b's family"},
		{name(a).Given, name(c).Given, true, "a and c's given"},
		{name(a).Given, name(b).Given, false, "a and b's given"},
		{name(a).Family, name(c).Family, false, "a and c's family"},
	} {
		if got := unsafe.StringData(tc.x) == unsafe.StringData(tc.y); got != tc.same {
			t.Errorf("%s (%q, %q) share memory: %v; want %v", tc.which, tc.x, tc.y, got, tc.same)
		}
	}
	if n := name(b); n.Family != "Smith" || n.Given != "Jane" {
		t.Errorf("b's name = %+v", n)
	}
	// Past the bound, a new part starts afresh; the parts made since are
	// copies all the same.
	sc.partBytes = maxPartBytes + 1
	if got := sc.namePart("Brown"); got != "Brown" || len(sc.parts) != 1 {
		t.Errorf("namePart past the bound = %q, remembering %d parts; want 1", got, len(sc.parts))
	}
	in := strings.Clone("Smith")
	if got := sc.namePart(in); got != "Smith" || unsafe.StringData(got) == unsafe.StringData(in) || unsafe.StringData(got) == unsafe.StringData(name(a).Family) {
		t.Errorf("namePart after the bound = %q, a new copy: %v", got, unsafe.StringData(got) != unsafe.StringData(name(a).Family))
	}
	if len(sc.parts) != 2 {
		t.Errorf("the scratch remembers %d parts after starting afresh; want 2", len(sc.parts))
	}
}
