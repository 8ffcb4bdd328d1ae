package check

import (
	"strings"
	"testing"
	"unicode"

	"github.com/cite-project/cite/internal/gen"
)

func TestTextRules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "all capitals", e: with(webpage, "title", "САММИТ ОБСЕ В АСТАНЕ"), code: CodeAllCaps, field: "title", msg: `title "САММИТ ОБСЕ В АСТАНЕ" is in all capitals`},
		{name: "acronym alone", e: with(webpage, "title", "NATO"), code: CodeAllCaps, absent: true},
		{name: "acronyms in a sentence", e: with(webpage, "title", "Саммит ОБСЕ в Астане"), code: CodeAllCaps, absent: true},
		{name: "all-caps container", e: with(article, "container-title", "CENTRAL ASIAN SURVEY"), code: CodeAllCaps, field: "container-title"},
		{name: "all-caps publisher is not a title", e: with(book, "publisher", "НАУКА И ТЕХНИКА"), code: CodeAllCaps, absent: true},
		{name: "trailing space", e: with(book, "publisher", "Наука "), code: CodeWhitespace, field: "publisher", msg: `publisher has a trailing space: write publisher = "Наука"`},
		{name: "leading and doubled", e: with(article, "title", " Foreign  policy"), code: CodeWhitespace, field: "title", msg: "has a leading space and doubled spaces"},
		{name: "line break", e: with(article, "title", "Foreign\npolicy"), code: CodeWhitespace, field: "title", msg: "a tab or line break"},
		{name: "notes are free prose", e: with(article, "note", "Konyrova ,  quoted"), code: CodeWhitespace, absent: true},
		{name: "space before comma", e: with(article, "title", "Konyrova , Kazakhstan plays key role"), code: CodeSpaceBeforePunct, field: "title",
			msg: `title has a space before punctuation in "Konyrova ,": remove the space`},
		{name: "GOST colon is fine", e: with(book, "title", "История : учебник"), code: CodeSpaceBeforePunct, absent: true},
		{name: "mixed script", e: with(book, "publisher", "Нaука"), code: CodeMixedScript, field: "publisher", msg: `(Latin "a")`},
		{name: "hyphenated mixed words are fine", e: with(book, "title", "IT-компании Казахстана"), code: CodeMixedScript, absent: true},
		{name: "run-together years in a title", e: with(webpage, "title", "Концепция внешней политики РК на 20142020 гг."), code: CodeRunTogetherYears, field: "title",
			msg: `title has "20142020", which looks like the years 2014–2020 run together: write "2014–2020"`},
		{name: "document number is not years", e: with(webpage, "title", "Document 30006969"), code: CodeRunTogetherYears, absent: true},
		{name: "romanised Russian container, gost", e: with(newspaper, "language", "ru", "title", "Статья", "title-translated", "Article", "container-title", "Kazakhstanskaya pravda"), style: "gost",
			code: CodeScriptMismatch, field: "container-title", msg: "write container-title in Cyrillic and keep this form as container-title-translit"},
		{name: "romanised Russian container, apa", e: with(newspaper, "language", "ru", "title", "Статья", "title-translated", "Article", "container-title", "Kazakhstanskaya pravda"), style: "apa",
			code: CodeScriptMismatch, absent: true},
		{name: "Cyrillic title tagged English", e: with(article, "title", "Внешняя политика"), code: CodeScriptMismatch, field: "title", msg: `but language "en" is written in Latin: check language`},
	})
}

func TestIsAllCaps(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"САММИТ ОБСЕ В АСТАНЕ", true},
		{"ВВЕДЕНИЕ", true},
		{"UNESCO", false},
		{"ОБСЕ", false},
		{"Саммит ОБСЕ", false},
		{"COVID-19 IN KAZAKHSTAN", true},
		{"", false},
	}
	for _, tt := range tests {
		if got := isAllCaps(tt.in); got != tt.want {
			t.Errorf("isAllCaps(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

// slowSoleScript is soleScript before its byte-level fast paths: the
// reference TestTextFastPaths holds it to.
func slowSoleScript(s string) string {
	latin, cyr, other := 0, 0, 0
	for _, r := range s {
		switch {
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				latin++
			}
		case isCyrillic(r):
			cyr++
		case !unicode.IsLetter(r):
		case unicode.Is(unicode.Latin, r):
			latin++
		default:
			other++
		}
	}
	switch {
	case latin >= 3 && cyr == 0 && other == 0:
		return "Latn"
	case cyr >= 3 && latin == 0 && other == 0:
		return "Cyrl"
	}
	return ""
}

// textInputs are tricky texts for the fast paths of the text rules:
// Cyrillic (Russian, Kazakh, Serbian), combining marks, Latin beyond
// ASCII, Unicode spaces, invalid UTF-8, CSL rich-text tags and empties.
var textInputs = []string{
	"", " ", "  ", "\t", "\n\r\v\f", "\u00a0", "\u2003 \u3000", "\u0085", "a", "abc", "Abc Def", "ABC",
	"Внешняя политика", "ВНЕШНЯЯ ПОЛИТИКА", "Ёлка ёж", "Қазақстан Әлемі", "Ђорђе Ђ", "Ѐ ѐ Џ џ Ѡ ѿ Ҁ ҂ ҉ Ԯ",
	"Нaука", "IT-компании", "Café crème", "Größe", "Ærø", "Łódź", "İstanbul", "e\u0301te\u0301", "и\u0306", "й",
	"<i>Title</i> of <span class=\"nocase\">NATO</span>", "中文 title", "Ελληνικά", "日本", "\xff\xfe", "abc\xd0", "\xd0\x20x",
	"\xd1\xd1\xd1", "Kazakhstanskaya pravda", "  padded  ", "a ,b", "a ;b", "20142020", "x 12345678 y", "123456789",
}

// TestTextFastPaths holds isBlank and soleScript to the plain forms they
// replace.
func TestTextFastPaths(t *testing.T) {
	for _, in := range textInputs {
		if got, want := isBlank(in), strings.TrimSpace(in) == ""; got != want {
			t.Errorf("isBlank(%q) = %v; want %v", in, got, want)
		}
		if got, want := soleScript(in), slowSoleScript(in); got != want {
			t.Errorf("soleScript(%q) = %q; want %q", in, got, want)
		}
	}
	for r := rune(0); r <= 0x3100; r++ {
		for _, in := range []string{string(r), "ab" + string(r), string(r) + "вг" + string(r)} {
			if got, want := isBlank(in), strings.TrimSpace(in) == ""; got != want {
				t.Fatalf("isBlank(%q) = %v; want %v", in, got, want)
			}
			if got, want := soleScript(in), slowSoleScript(in); got != want {
				t.Fatalf("soleScript(%q) = %q; want %q", in, got, want)
			}
		}
	}
}

// slowScanText is scanText as it was before its byte classes: the
// reference TestScanTextClasses holds it to.
func slowScanText(s string) textScan {
	var sc textScan
	if s == "" {
		return sc
	}
	sc.spaces = s[0] == ' ' || s[len(s)-1] == ' '
	high, latin := false, false
	run := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= '0' && b <= '9' {
			run++
			continue
		}
		if run == 8 {
			sc.eightDigits = true
		}
		run = 0
		switch {
		case b >= 0x80:
			high = true
			if b >= 0xC3 && b <= 0xC9 {
				latin = true // a lead byte of U+00C0–U+024F
			} else if !sc.spaces && b >= 0xC2 && b <= 0xE3 && unicodeSpaceAt(s, i) {
				sc.spaces = true
			}
		case b|0x20 >= 'a' && b|0x20 <= 'z':
			latin = true
		case b == ' ':
			if i > 0 && s[i-1] == ' ' {
				sc.spaces = true
			}
		case b == ',' || b == ';':
			if i > 0 && s[i-1] == ' ' {
				sc.spacePunct = true
			}
		case b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f':
			sc.spaces = true
		}
	}
	if run == 8 {
		sc.eightDigits = true
	}
	sc.mixed = high && latin
	return sc
}

// TestScanTextClasses holds scanText to slowScanText on the tricky texts,
// on every field of a generated library and on every code point alone
// and between letters and digits.
func TestScanTextClasses(t *testing.T) {
	inputs := append([]string(nil), textInputs...)
	for _, e := range gen.Library(2000, 1).Entries {
		for _, v := range e.Fields() {
			inputs = append(inputs, v)
		}
	}
	for r := rune(0); r <= 0x3100; r++ {
		inputs = append(inputs, string(r), "a"+string(r)+"b", "1234"+string(r)+"5678", "12345678"+string(r), " "+string(r)+",")
	}
	for b := 0x80; b < 0x100; b++ {
		inputs = append(inputs, string([]byte{byte(b)}), "x"+string([]byte{byte(b), ' ', ' '}))
	}
	for _, in := range inputs {
		if got, want := scanText(in), slowScanText(in); got != want {
			t.Errorf("scanText(%q) = %+v; want %+v", in, got, want)
		}
	}
}
