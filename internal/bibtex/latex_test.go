package bibtex

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/testkit"
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
		{`lithium aluminosilicate-\(\beta\)-quartz`, "lithium aluminosilicate-β-quartz", true},
		{`The $\alpha$-helix of $H_2O$ at $10^{-3}$ and $\pm 5\,\mu$m`, "The α-helix of H₂O at 10⁻³ and ±5\u202fμm", true},
		{`$\mathrm{CO}_2$ and $\Delta T$`, "CO₂ and ΔT", true},
		{`$\frac{a}{b}$ and $x^{ab}$`, `$\frac{a}{b}$ and $x^{ab}$`, true},
		{`unclosed \(x`, `unclosed \(x`, true},
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
		{"β-quartz in H₂O, 10⁻³ ± 1", BibLaTeX, false, `\ensuremath{\beta}-quartz in H\textsubscript{2}O, 10\textsuperscript{-}\textsuperscript{3} \ensuremath{\pm} 1`},
		{"ε and ϵ", BibTeX, false, `\ensuremath{\varepsilon} and \ensuremath{\epsilon}`},
	}
	for _, tt := range tests {
		got, err := encodeLaTeX(tt.in, tt.d, tt.protect)
		if err != nil || got != tt.want {
			t.Errorf("encodeLaTeX(%q, %v, %v) = %q, %v; want %q", tt.in, tt.d, tt.protect, got, err, tt.want)
		}
		k := kText
		if tt.protect {
			k = kTitle
		}
		if back := decodeLaTeX(got); decodeText(got, k) != tt.in || len(back.lossy) > 0 {
			t.Errorf("decodeLaTeX(encodeLaTeX(%q)) = %q, lossy %v", tt.in, decodeText(got, k), back.lossy)
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
	for _, s := range []string{"The DNA story", "a--b", "``x''", " a  b ", "{}\\$", "Ünder wood", "a\n\nb\nc", "ı́", "e\u0301", "~-~", "β-quartz ±5 H₂O 10⁻³ x²", "ε ϵ φ ϕ ≤≥ ⁿ₍₎"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, d := range []Dialect{BibTeX, BibLaTeX} {
			for _, p := range []bool{false, true} {
				var (
					enc string
					err error
				)
				// Resources: allocations and output bounded by a
				// multiple of the input.
				testkit.AllocBudget(t, "encodeLaTeX", len(s), 1024, 64<<10, func() { enc, err = encodeLaTeX(s, d, p) })
				if err != nil {
					return
				}
				testkit.OutputBudget(t, "encodeLaTeX", len(s), len(enc), 32, 64) // } is \textbraceright{} in BibTeX: 17 bytes
				if !p {
					if back := decodeLaTeX(enc); back.text != s {
						t.Fatalf("dialect %v: %q → %q → %q", d, s, enc, back.text)
					}
					continue
				}
				// A title keeps its text; its case protection may lose
				// nocase spans the export protects by itself, once.
				back := decodeText(enc, kTitle)
				if plainTitle(back) != plainTitle(s) {
					t.Fatalf("dialect %v title: %q → %q → %q", d, s, enc, back)
				}
				if again, err := encodeLaTeX(back, d, true); err != nil || again != enc {
					t.Fatalf("dialect %v title: %q → %q → %q → %q, not stable", d, s, enc, back, again)
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

// TestCaseProtection: Better BibTeX's {{…}} and any brace group that
// protects letters the export would not protect by itself become
// <span class="nocase"> in the model; groups the export writes anyway
// ({DNA}) become plain text; and the export writes the spans back as
// braces, so that export → import → export is stable.
func TestCaseProtection(t *testing.T) {
	tests := []struct{ in, want, _ string }{
		{`Accuracy in {{Optical Tracking}} with {{Fiducial Markers}}`, `Accuracy in <span class="nocase">Optical Tracking</span> with <span class="nocase">Fiducial Markers</span>`, `Accuracy in {Optical Tracking} with {Fiducial Markers}`},
		{`Temperature and the {{Two}}-{{Point Threshold}}`, `Temperature and the Two-<span class="nocase">Point Threshold</span>`, `Temperature and the {Two-}{Point Threshold}`},
		{`The {DNA} of {{IKEA}}`, `The DNA of IKEA`, `The {DNA} of {IKEA}`},
		{`Iterative denoising using {J}ensen-{R}enyi divergences`, `Iterative denoising using Jensen-Renyi divergences`, ``},
		{`D{\"o}rner's {\'e}t{\'e}`, `Dörner's été`, `Dörner's été`},
		{`Poems {van} Gogh wrote`, `Poems <span class="nocase">van</span> Gogh wrote`, `Poems {van} Gogh wrote`},
		{`{A}{B} test`, `AB test`, ``},
		{`Forces {van}{der} Waals found`, `Forces <span class="nocase">van</span><span class="nocase">der</span> Waals found`, ``},
	}
	for _, tt := range tests {
		got := decodeText(tt.in, kTitle)
		if got != tt.want {
			t.Errorf("decodeText(%q) = %q; want %q", tt.in, got, tt.want)
		}
		enc, err := encodeLaTeX(got, BibLaTeX, true)
		if err != nil {
			t.Fatal(err)
		}
		if again := decodeText(enc, kTitle); again != got {
			t.Errorf("decodeText(encodeLaTeX(%q)) = %q (via %q)", got, again, enc)
		}
	}
}
