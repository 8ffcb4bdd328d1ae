package eval

// Tests of fast paths against the general forms they stand for.

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
)

// TestRichKind compares richKind and hasSuperscript with the general
// searches they stand for.
func TestRichKind(t *testing.T) {
	cases := []string{
		"", "plain", "Иванов И. И.", "O'Brien", `say "no"`, "a <i>b</i>", "“quoted”", "‘single’", "it’s",
		"m²", "x³ and y", "H₂O", "ª", "ºC", "™", "ʰ", "ᴬ", "⁰", "℠", "ﾟ", "Café déjà vu", "日本語", "«Текст»",
		"\xff\xfe broken", "a\x00b", "²<", "’²",
		"Жx", "Ж\xd0", "\xd0", "\xd0\xd0\x96", "Ж”", "Ж²", "ۥ", "Жۥ", "ʰЖ", "é²", "\xdf\xbf", "\xc3\x28",
	}
	// every two-byte character and the lead bytes alone
	for r := rune(0x80); r < 0x800; r++ {
		cases = append(cases, string(r), "x"+string(r)+"y", string(r)+"’")
	}
	for b := 0xC0; b < 0x100; b++ {
		cases = append(cases, string([]byte{byte(b)}), string([]byte{byte(b), 'a'}), string([]byte{'a', byte(b)}))
	}
	// and every pair of interesting runes
	runes := []string{"a", "<", `"`, "'", "“", "”", "‘", "’", "²", "é", "Ж", " ", "\xff"}
	for _, a := range runes {
		for _, b := range runes {
			cases = append(cases, a+b, "x"+a+"y"+b+"z")
		}
	}
	// each at every place in a long ASCII text (skipped eight bytes at a
	// time)
	for _, r := range runes {
		for pos := 0; pos <= 24; pos++ {
			cases = append(cases, strings.Repeat("a", pos)+r+strings.Repeat("b", 24-pos))
		}
	}
	for _, r := range []string{"²", "\x80", "\x7f", "=", ";", "&", "&#39;", "#", "\x00"} {
		for pos := 0; pos <= 17; pos++ {
			cases = append(cases, strings.Repeat("x", pos)+r+strings.Repeat("y", 17-pos))
		}
	}
	for _, s := range cases {
		super := strings.ContainsFunc(s, isSuperscript)
		want := plainText
		switch {
		case strings.ContainsAny(s, "<\"“”‘’'"):
			want = richText
		case super:
			want = superscriptText
		}
		if got := richKind(s); got != want {
			t.Errorf("richKind(%q) = %d; want %d", s, got, want)
		}
		if got := hasSuperscript(s); got != super {
			t.Errorf("hasSuperscript(%q) = %v; want %v", s, got, super)
		}
	}
}

// TestParseRichRuns compares parseRich, which copies the text between
// marks at once, with its parse character by character.
func TestParseRichRuns(t *testing.T) {
	defer func() { bulkRuns = true }()
	q := &output.Quotes{Open: "“", Close: "”", InnerOpen: "‘", InnerClose: "’"}
	cases := []string{"", "plain", `a "quoted" b`, `"unclosed`, "it's 'single' and ‘curly’ or “double”", "<i>Title</i>: a <b>bold</b> word",
		`<span class="nocase">iPhone</span> and <sc>Sc</sc>`, "x<y and <unknown> tag", "H<sub>2</sub>O m<sup>2</sup> m²",
		"«Текст» \"Ж\" ‘Ж’", "broken \xff \"q\xfe\"", "rock 'n' roll", "the '90s", "“a ‘b’ c”", "“a \"b\" c”", "’tis", "a’", "</i>stray"}
	parts := []string{"a", "Ж", " ", "<i>", "</i>", `"`, "'", "“", "”", "‘", "’", "²", "\xff", "(", "-", "long plain text"}
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				cases = append(cases, a+b+c, "x"+a+"y"+b+"z"+c)
			}
		}
	}
	for _, s := range cases {
		bulkRuns = true
		got := parseRich(s, q)
		bulkRuns = false
		want := parseRich(s, q)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("parseRich(%q) = %s; want %s", s, dumpNode(got), dumpNode(want))
		}
	}
}

// dumpNode shows a node tree for a test's message.
func dumpNode(n *output.Node) string {
	var b strings.Builder
	var walk func(n *output.Node)
	walk = func(n *output.Node) {
		fmt.Fprintf(&b, "{%q %+v q=%v nc=%v", n.Text, n.Format, n.Quote != nil, n.NoCase)
		for _, c := range n.Children {
			walk(c)
		}
		b.WriteString("}")
	}
	walk(n)
	return b.String()
}

// isSortPunct reports whether r is changed by dropPunct, or is white
// space that strings.Fields would collapse.
func isSortPunct(r rune) bool { return dropPunct(r) != r || (r != ' ' && unicode.IsSpace(r)) }

// TestNormalizeSortText compares normalizeSortText with the three
// passes it stands for.
func TestNormalizeSortText(t *testing.T) {
	cases := []string{"", " ", "  ", "a", " a", "a ", "a  b", "Doe, J. D.", "d’Artagnan", "O'Brien-Smith", "«Текст»: электронный",
		"tab\tsep", "nbsp\u00a0here", "a\u2003b", "x--y", "(1999)", "\xff\xfe", "a.\xffb", "\x01a\x01b", "Иванов И. И., Петров П.",
		"¿Qué?", "a - b", "...", "a\u2014b", "「x」 y", "😀.😀", "x\u3000y", "\ufffd", "a\xef\xbf\xbdb", "\xc2", "\xe2\x80"}
	parts := []string{"a", " ", ",", ".", "-", "’", "\u00a0", "Ж", "\xff", "\t"}
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				cases = append(cases, a+b+c)
			}
		}
	}
	// every character of one and two bytes, alone and between letters,
	// and every byte alone
	for r := rune(0); r < 0x800; r++ {
		cases = append(cases, string(r), "a"+string(r)+"b")
	}
	for b := 0x80; b < 0x100; b++ {
		cases = append(cases, string([]byte{byte(b)}), string([]byte{'a', byte(b), 0xbf}))
	}
	for _, v := range cases {
		want := v
		if strings.IndexFunc(v, isSortPunct) >= 0 || strings.Contains(v, "  ") || strings.HasPrefix(v, " ") || strings.HasSuffix(v, " ") {
			want = strings.Join(strings.Fields(strings.Map(dropPunct, v)), " ")
		}
		if got := normalizeSortText(v); got != want {
			t.Errorf("normalizeSortText(%q) = %q; want %q", v, got, want)
		}
	}
}

// TestScriptOf checks the ASCII shortcut of scriptOf against unicode.
func TestScriptOf(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		s := string(r) + "Ж"
		want := "cyrillic"
		if unicode.IsLetter(r) && unicode.Is(unicode.Latin, r) {
			want = "latin"
		}
		if got := scriptOf(s); got != want {
			t.Errorf("scriptOf(%q) = %q; want %q", s, got, want)
		}
	}
}

// TestSortKeyDeps: what of the disambiguation state a sort key can show,
// through the macros it calls.
func TestSortKeyDeps(t *testing.T) {
	st, err := style.Parse([]byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id></info>
<macro name="author"><names variable="author"><substitute><text macro="year"/></substitute></names></macro>
<macro name="year"><date variable="issued"><date-part name="year"/></date><text variable="year-suffix"/></macro>
<macro name="plain-date"><date variable="issued"><date-part name="year"/></date></macro>
<macro name="nested"><group><text macro="plain-date"/><text macro="year"/></group></macro>
<macro name="cond"><choose><if disambiguate="true"><text variable="title"/></if></choose></macro>
<macro name="tests-suffix"><choose><if variable="year-suffix"><text value="x"/></if></choose></macro>
<macro name="twice"><text macro="plain-date"/><text macro="plain-date"/></macro>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><sort>
<key macro="author"/><key macro="plain-date"/><key macro="nested"/><key macro="cond"/><key macro="tests-suffix"/>
<key variable="editor"/><key variable="title"/><key macro="twice"/>
</sort><layout><text variable="title"/></layout></bibliography></style>`))
	if err != nil {
		t.Fatal(err)
	}
	want := []keyDeps{
		{names: true, yearSuffix: true}, // names, and a substitute printing the suffix
		{},
		{yearSuffix: true},
		{condition: true},
		{yearSuffix: true},
		{names: true},
		{},
		{}, // a macro called twice, walked once
	}
	for i, key := range st.Bibliography.Sort.Keys {
		if got := sortKeyDeps(key); got != want[i] {
			t.Errorf("key %d (%s%s): %+v; want %+v", i, key.Macro, key.Variable, got, want[i])
		}
	}
}

// TestMergeSorted compares the merge that the second bibliography sort
// does with sorting the two lists together.
func TestMergeSorted(t *testing.T) {
	type rec struct{ key, idx int }
	cmp := func(a, b rec) int {
		if a.key != b.key {
			return a.key - b.key
		}
		return a.idx - b.idx
	}
	cases := []struct{ a, b []int }{
		{nil, nil}, {[]int{1}, nil}, {nil, []int{1}}, {[]int{1, 2, 3}, []int{4, 5}}, {[]int{4, 5}, []int{1, 2, 3}},
		{[]int{1, 3, 5, 7}, []int{2, 4, 6}}, {[]int{1, 1, 2, 2}, []int{1, 2, 2, 3}}, {[]int{5, 5, 5}, []int{5}},
	}
	for _, c := range cases {
		var a, b, all []rec
		for i, k := range c.a {
			a = append(a, rec{k, 2 * i})
		}
		for i, k := range c.b {
			b = append(b, rec{k, 2*i + 1})
		}
		all = append(append(all, a...), b...)
		slices.SortFunc(all, cmp)
		if got := mergeSorted(nil, a, b, cmp); !slices.Equal(got, all) && len(all) > 0 {
			t.Errorf("mergeSorted(%v, %v) = %v; want %v", c.a, c.b, got, all)
		}
	}
}

// TestIsPluralDigits compares isPlural's fast path with the regular
// expression on every string of up to five pieces of digits, spaces,
// separators and letters.
func TestIsPluralDigits(t *testing.T) {
	pieces := []string{"1", "23", " ", "-", "–", ",", "&", "a", "i", "и", " and ", "\t"}
	var try func(s string, n int)
	checked := 0
	try = func(s string, n int) {
		if got, ok := isPluralDigits(s); ok {
			checked++
			if want := isPluralRe(s); got != want {
				t.Errorf("isPluralDigits(%q) = %v; the regular expression says %v", s, got, want)
			}
		}
		if n == 0 {
			return
		}
		for _, p := range pieces {
			try(s+p, n-1)
		}
	}
	try("", 5)
	if checked < 1000 {
		t.Errorf("only %d strings took the fast path", checked)
	}
}

// TestPrefixOrder: where the prefixes of two records tell their order, it
// is the order of the strings they were taken from.
func TestPrefixOrder(t *testing.T) {
	keys := []string{"", "a", "ab", "ab\x00", "ab\x01", "abcdefgh", "abcdefgh\x00", "abcdefgha", "abcdefghb", "abcdefghijklmnop",
		"abcdefghijklmnopq", "abcdefghijklmnoq", "ivanov, a. b.", "ivanov, a. c.", "ivanov, b.", "ivanova", "\xff\xff\xff\xff\xff\xff\xff\xff\xff"}
	rec := func(s string) sortRecord {
		return sortRecord{class: 1, prefix: prefix8(s), prefix2: prefix8(after8(s))}
	}
	for _, a := range keys {
		for _, b := range keys {
			cmp, ok := prefixOrder(rec(a), rec(b))
			if !ok {
				// only strings alike in their first 16 bytes, padded with zeros
				if pad := func(s string) string { return (s + strings.Repeat("\x00", 16))[:16] }; pad(a) != pad(b) {
					t.Errorf("prefixOrder(%q, %q) cannot tell", a, b)
				}
				continue
			}
			if want := strings.Compare(a, b); cmp != want {
				t.Errorf("prefixOrder(%q, %q) = %d; want %d", a, b, cmp, want)
			}
		}
	}
	if _, ok := prefixOrder(sortRecord{class: 1, script: 1, prefix: 1}, sortRecord{class: 1, script: 2, prefix: 2}); ok {
		t.Error("records of different scripts compared by prefix")
	}
}

// TestSamePerson compares samePerson with the equality of the personKeys
// it stands for.
func TestSamePerson(t *testing.T) {
	givens := []string{"", " ", ".", "J.", "J. J.", "J.J.", "JJ", "J J", "J. K.", "Jo", "Jo.", ". J", "J..", "Дж. К.", "Дж.К.", "ДжК", "Д. ж.", "\xff", "\xff.", "é. ", "e."}
	names := []item.Name{{Family: "Doe"}, {Family: "Doe", Suffix: "Jr."}, {Family: "Doe", NonDroppingParticle: "van"},
		{Family: "Doe", DroppingParticle: "de"}, {Literal: "Doe"}, {Family: "Roe"}}
	for _, a := range names {
		for _, b := range names {
			for _, ga := range givens {
				for _, gb := range givens {
					x, y := a, b
					x.Given, y.Given = ga, gb
					if got, want := samePerson(x, y), personKey(x) == personKey(y); got != want {
						t.Errorf("samePerson(%+v, %+v) = %v; want %v", x, y, got, want)
					}
				}
			}
		}
	}
}
