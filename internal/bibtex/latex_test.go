package bibtex

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecodeLaTeX(t *testing.T) {
	tests := []struct {
		in, want string
		lossy    bool
	}{
		{`The {DNA} story`, "The DNA story", false},
		{`Revue d'Histoire Eccl{\'e}siastique`, "Revue d'Histoire Ecclésiastique", false},
		{`{\"{U}}nderwood and {\~N}et`, "Ünderwood and Ñet", false},
		{`Aks{\i}n, {\c{C}}etinkaya, B{\"u}y{\"u}kg{\"u}ng{\"o}r`, "Aksın, Çetinkaya, Büyükgüngör", false},
		{`{\'{\i}}nsula \'\i`, "ínsula í", false},
		{`pages 10--119 and 1---2`, "pages 10–119 and 1—2", false},
		{"``quoted'' text", "“quoted” text", false},
		{`Salvatoris~-- Vom`, "Salvatoris\u00a0– Vom", false},
		{"  a \n  b\n\n c  ", "a b\n\nc", false},
		{`50\% \& \$5 \#1 a\_b`, "50% & $5 #1 a_b", false},
		{`\textbackslash{}x \^{} \textasciitilde{}`, `\x ^ ~`, false},
		{`a\ \ b`, "a  b", false},
		{`\emph{Nature}`, "Nature", true},
		{`An {$O(n \log n)$} Sorting`, `An $O(n \log n)$ Sorting`, true},
		{`{\noopsort{1973b}}1973`, "1973", true},
		{`\mbox{G-Animal's} Journal`, "G-Animal's Journal", true},
		{`\url{https://x.org/a_b}`, "https://x.org/a_b", true},
		{`\v{S}koda \k{a} \H{o} \r{a}`, "Škoda ą ő å", false},
		{`{\o}{\O} {\ss} {\ae}`, "øØ ß æ", false},
		{`-{}- '{}' ` + "`{}`", "-- '' ``", false},
	}
	for _, tt := range tests {
		got := decodeLaTeX(tt.in)
		if got.text != tt.want || (len(got.lossy) > 0) != tt.lossy {
			t.Errorf("decodeLaTeX(%q) = %q, lossy %v; want %q, lossy %v", tt.in, got.text, got.lossy, tt.want, tt.lossy)
		}
		if utf8.RuneCountInString(got.text) != len(got.prot) {
			t.Errorf("decodeLaTeX(%q): %d runes but %d protection flags", tt.in, utf8.RuneCountInString(got.text), len(got.prot))
		}
	}
}

func TestEncodeLaTeX(t *testing.T) {
	tests := []struct {
		in      string
		d       Dialect
		protect bool
		want    string
	}{
		{"Kazakhstan plays key role in Russian, Turkish reconciliation", BibLaTeX, true, "Kazakhstan plays key role in {Russian}, {Turkish} reconciliation"},
		{"On Notions of Information Transfer in VLSI Circuits", BibLaTeX, true, "On Notions of Information Transfer in {VLSI} Circuits"},
		{"Назарбаев дает «ядерный урок» Ахмадинежаду", BibLaTeX, true, "Назарбаев дает «ядерный урок» {Ахмадинежаду}"},
		{"САММИТ ОБСЕ В АСТАНЕ", BibLaTeX, true, "{САММИТ ОБСЕ В АСТАНЕ}"},
		{"Концепция внешней политики РК на 20142020 гг.", BibLaTeX, true, "Концепция внешней политики {РК} на 20142020 гг."},
		{"Édouard Ecclésiastique Škoda ǘ", BibTeX, false, `{\'{E}}douard Eccl{\'{e}}siastique {\v{S}}koda {\'{\"{u}}}`},
		{"Édouard", BibLaTeX, false, "Édouard"},
		{"50% & $5 #1 a_b {x} \\ ^ ~", BibLaTeX, false, `50\% \& \$5 \#1 a\_b \textbraceleft{}x\textbraceright{} \textbackslash{} \^{} \textasciitilde{}`},
		{"10–119 -- a\u00a0b", BibLaTeX, false, "10--119 -{}- a~b"},
		{" a  b ", BibLaTeX, false, `\ a\ \ b\ `},
		{"a\nb\n\nc", BibLaTeX, false, `a\newline{}b\par{}c`},
		{"“q” ‘s’", BibTeX, false, "``q'' \\textquoteleft{}s\\textquoteright{}"},
	}
	for _, tt := range tests {
		got, err := encodeLaTeX(tt.in, tt.d, tt.protect)
		if err != nil || got != tt.want {
			t.Errorf("encodeLaTeX(%q, %v, %v) = %q, %v; want %q", tt.in, tt.d, tt.protect, got, err, tt.want)
		}
		if back := decodeLaTeX(got); back.text != tt.in || len(back.lossy) > 0 || (tt.protect && protectionLost(back)) {
			t.Errorf("decodeLaTeX(encodeLaTeX(%q)) = %q, lossy %v", tt.in, back.text, back.lossy)
		}
	}
	if _, err := encodeLaTeX("a\tb", BibLaTeX, false); err == nil || !strings.Contains(err.Error(), "U+0009") {
		t.Errorf("encodeLaTeX with a tab: err = %v; want a control-character error", err)
	}
}

// FuzzLaTeXRoundTrip checks that every string without control characters
// survives encoding and decoding in both dialects, with and without
// protection.
func FuzzLaTeXRoundTrip(f *testing.F) {
	for _, s := range []string{"The DNA story", "a--b", "``x''", " a  b ", "{}\\$", "Ünder wood", "a\n\nb\nc", "ı́", "e\u0301", "~-~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, d := range []Dialect{BibTeX, BibLaTeX} {
			for _, p := range []bool{false, true} {
				enc, err := encodeLaTeX(s, d, p)
				if err != nil {
					return
				}
				back := decodeLaTeX(enc)
				if back.text != s {
					t.Fatalf("dialect %v protect %v: %q → %q → %q", d, p, s, enc, back.text)
				}
			}
		}
	})
}

// TestDecodeDeepNesting: deeply nested groups and accents are kept as
// written past maxDepth instead of being decoded in quadratic time.
func TestDecodeDeepNesting(t *testing.T) {
	for _, s := range []string{strings.Repeat(`\c{`, 3000), strings.Repeat("{", 5000) + "x", strings.Repeat(`{\'`, 3000)} {
		got := decodeLaTeX(s)
		if len(got.lossy) == 0 {
			t.Errorf("decodeLaTeX(%.12q…): not reported as lossy", s)
		}
	}
}
