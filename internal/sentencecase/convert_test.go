package sentencecase

import (
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

func TestConvert(t *testing.T) {
	tests := []struct{ in, want string }{
		// Title case becomes sentence case (APA 7, 6.17).
		{"Behave: The Biology of Humans at Our Best and Worst", "Behave: The biology of humans at our best and worst"},
		{"The Psychology of the Child", "The psychology of the child"},
		{"Why Some People With Anxiety Love Watching Horror Movies", "Why some people with anxiety love watching horror movies"},
		{"Emotions in Storybooks: A Comparison of Storybooks That Represent Ethnic and Racial Groups in the United States",
			"Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups in the United States"},
		// First word after a colon, an em dash, ? or ! keeps its capital.
		{"Brain—The Final Frontier", "Brain—The final frontier"},
		{"What Next, Ubicomp?: Celebrating an Intellectual Disappearing Act", "What next, ubicomp?: Celebrating an intellectual disappearing act"},
		// Acronyms, inner capitals, protected spans, proper nouns.
		{"Investigation of DNA Repair in NATO Countries", "Investigation of DNA repair in NATO countries"},
		{"Using the iPhone at McDonald's", "Using the iPhone at McDonald's"},
		{`Accuracy in <span class="nocase">Optical Tracking</span> for ARToolKit`, `Accuracy in <span class="nocase">optical tracking</span> for ARToolKit`},
		{"Kazakhstan's Foreign Policy in Central Asia", "Kazakhstan's foreign policy in Central Asia"},
		{"A Bayesian Approach to Markov Chains", "A Bayesian approach to Markov chains"},
		{"Thermal Imaging-Based Interaction", "Thermal imaging-based interaction"},
		{"3D Printing of Conductive Inks", "3D printing of conductive inks"},
		{"U.S. and World Population Clock", "U.S. and world population clock"},
		{"Teaching Medicine with the Help of Dr. House", "Teaching medicine with the help of Dr. House"},
		{"Part II of the Story", "Part II of the story"},
		{"<i>Hamlet</i> and the Problem of Delay", "<i>Hamlet</i> and the problem of delay"},
		// Blanket protection (Better BibTeX's braces around every capital
		// of a title held in title case) keeps only what sentence case keeps.
		{`<span class="nocase">FingerGlass</span>: <span class="nocase">Efficient Multiscale Interaction</span> on <span class="nocase">Multitouch Screens</span>`,
			`<span class="nocase">FingerGlass</span>: <span class="nocase">Efficient multiscale interaction</span> on <span class="nocase">multitouch screens</span>`},
		{`Improved Calculation of <span class="nocase">Helmholtz</span> Resonators`, `Improved calculation of <span class="nocase">Helmholtz</span> resonators`},
		{`Capturing <span class="nocase">Experiences Anytime</span>, <span class="nocase">Anywhere</span>`, `Capturing <span class="nocase">experiences anytime</span>, <span class="nocase">anywhere</span>`},
		{`Kinetic <span class="nocase">Tiles</span>`, `Kinetic <span class="nocase">tiles</span>`},
		{`On <span class="nocase">The Lord of the Rings</span>`, `On <span class="nocase">The Lord of the Rings</span>`},
		// Sentence case is kept: proper nouns are never lowered.
		{"Kazakhstan plays key role in Russian, Turkish reconciliation", "Kazakhstan plays key role in Russian, Turkish reconciliation"},
		{"Teaching medicine with the help of “Dr. House”", "Teaching medicine with the help of “Dr. House”"},
		{"Sociolinguistics: selected readings", "Sociolinguistics: Selected readings"},
		{"iPhone apps for everyone", "iPhone apps for everyone"},
		{"", ""},
		{"DNA", "DNA"},
	}
	for _, tt := range tests {
		if got := Convert(tt.in); got != tt.want {
			t.Errorf("Convert(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestConvertKeeping(t *testing.T) {
	keep := func(w string) bool { return w == "Helmholtz" }
	got := ConvertKeeping("Improved Calculation of Resonant Frequencies of Helmholtz Resonators", keep)
	if want := "Improved calculation of resonant frequencies of Helmholtz resonators"; got != want {
		t.Errorf("ConvertKeeping = %q; want %q", got, want)
	}
}

func FuzzConvert(f *testing.F) {
	f.Add(`The <span class="nocase">A</span> and <i>B</i> of C: D—E`)
	f.Add("<span")
	f.Fuzz(func(t *testing.T, s string) {
		var out string
		testkit.AllocBudget(t, "Convert", len(s), 256, 64<<10, func() { out = Convert(s) })
		if len([]rune(out)) != len([]rune(s)) {
			t.Fatalf("Convert(%q) = %q: length changed", s, out)
		}
	})
}
