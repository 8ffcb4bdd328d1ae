package sentencecase

import (
	"strings"
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
		// Better BibTeX leaves outside braces only the words Zotero held
		// in lower case, and capitalises them: still blanket.
		{`System for <span class="nocase">Visualizing Human Behavior</span> Based on <span class="nocase">Car Metaphors</span>`,
			`System for <span class="nocase">visualizing human behavior</span> based on <span class="nocase">car metaphors</span>`},
		{`These <span class="nocase">Aren</span>'t the <span class="nocase">Commands You</span>'re <span class="nocase">Looking For</span>`,
			`These <span class="nocase">aren</span>'t the <span class="nocase">commands you</span>'re <span class="nocase">looking for</span>`},
		// … but a subtitle Zotero held in sentence case, or as many
		// capitals outside braces as in them, makes the braces mean it.
		{`The <span class="nocase">Quebec User Evaluation</span> of <span class="nocase">Satisfaction</span> with <span class="nocase">Assistive Technology</span> (QUEST 2.0): <span class="nocase">An</span> Overview and Recent Progress`,
			`The <span class="nocase">Quebec User Evaluation</span> of <span class="nocase">Satisfaction</span> with <span class="nocase">Assistive Technology</span> (QUEST 2.0): <span class="nocase">An</span> overview and recent progress`},
		{`Profile <span class="nocase">Dennis Bormann The</span> Man Who Introduced <span class="nocase">Antarctica</span>'s <span class="nocase">Davis Station</span> to 3-D Printing`,
			`Profile <span class="nocase">Dennis Bormann The</span> man who introduced <span class="nocase">Antarctica</span>'s <span class="nocase">Davis Station</span> to 3-D printing`},
		// What cite's import leaves of Better BibTeX's braces around a
		// compound it would brace anyway ("{{Memory}}-{{Aware
		// Services}}", "{{Non-Referenced Tracking}}").
		{`Enabling Memory-<span class="nocase">Aware Services</span> through <span class="nocase">Mobile Phones</span> Which Store <span class="nocase">O</span>`,
			`Enabling memory-<span class="nocase">aware services</span> through <span class="nocase">mobile phones</span> which store <span class="nocase">O</span>`},
		{`Gesture-Recognition with Non-Referenced <span class="nocase">Tracking</span>`, `Gesture-recognition with non-referenced <span class="nocase">tracking</span>`},
		{`OrthoZoom Scroller: <span class="nocase">1D</span> Multi-Scale Navigation`, `OrthoZoom scroller: <span class="nocase">1D</span> multi-scale navigation`},
		// The names of meetings and serials, and of a society's products.
		{"A Textual Analysis of the International Symposium on Wearable Computers: 1997-2011 Proceedings.",
			"A textual analysis of the International Symposium on Wearable Computers: 1997-2011 proceedings."},
		{"Proceedings of the 22nd Annual ACM Symposium on User Interface Software and Technology",
			"Proceedings of the 22nd Annual ACM Symposium on User Interface Software and Technology"},
		{"A Workshop Report on Mobile Phones", "A workshop report on mobile phones"},
		{"IEEE Xplore Download", "IEEE Xplore download"},
		{"ACM Transactions on Graphics (TOG)", "ACM Transactions on Graphics (TOG)"},
		// Prefixes with a case of their own: Wi- (from Wi-Fi), e-.
		{"Wi-Foto: A Universal Service Controller System", "Wi-Foto: A universal service controller system"},
		{"Family Video Chat and Connected E-Books", "Family video chat and connected e-books"},
		// Words chained by em dashes are a compound, not a subtitle.
		{"The Empty Open—Close—Clench Cycle in Man", "The empty open—close—clench cycle in man"},
		// A word in quotation marks is a term mentioned: it says nothing
		// of the title's case.
		{"Digital Fabrication and 'making' in Education: The Democratization of Invention",
			"Digital fabrication and 'making' in education: The democratization of invention"},
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

// TestNames: a name the abstract introduces is kept in the title; terms
// capitalised in passing are not names.
func TestNames(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"To investigate this, we developed Tiramisu, a transit information system. Tiramisu processes traces. We conducted a field trial.", []string{"Tiramisu"}},
		{"Pets have yet to be included. The Cat Cat Revolution (CCR) is a digital game of cat and mouse.", []string{"Cat Cat Revolution"}},
		{"In this paper, we present Gesture Avatar, a novel interaction technique.", []string{"Gesture Avatar"}},
		{"This article introduces the OrthoZoom Scroller, a novel interaction technique.", []string{"OrthoZoom Scroller"}},
		{"We use active tangibles, what we call Tangible Bots.", []string{"Tangible Bots"}},
		// terms, not names
		{"Matching uses Dynamic Time Warping (DTW) to align series.", nil},
		{"The Euclidean distance is brittle. Dynamic Time Warping (DTW) is a much more robust distance measure.", nil},
		{"This article presents a User Interface (UI) framework for multimodal interactions.", nil},
		{"A form of text messaging, Instant Messaging (IM), is now on the uptake.", nil},
		{"We study ad-hoc collaboration, or Pervasive Collaboration, a design space.", nil},
		{"We describe the Internet, a network of networks.", nil},
		// a title quoted in title case says nothing
		{"INFORMS Open Source Software User Communities: A Study of Participation in Linux User Groups is a paper.", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range Names(tt.text) {
			got = append(got, strings.Join(n, " "))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Names(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
	abstract := "To investigate this relationship, we developed Tiramisu, a transit information system. We conducted a field trial with 28 participants."
	got := ConvertWith("Field Trial of Tiramisu: Crowd-Sourcing Bus Arrival Times", Hints{Names: Names(abstract)})
	if want := "Field trial of Tiramisu: Crowd-sourcing bus arrival times"; got != want {
		t.Errorf("ConvertWith(…, Names) = %q; want %q", got, want)
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

func TestProtect(t *testing.T) {
	tests := []struct {
		in   string
		prot []int
		want string
	}{
		{"Field Trial of Tiramisu", []int{1, 3}, `Field <span class="nocase">Trial</span> of <span class="nocase">Tiramisu</span>`},
		{"Crowd-Sourcing Bus Times", []int{0, 1, 2}, `<span class="nocase">Crowd-Sourcing Bus</span> Times`},
		{"<i>Hamlet</i> and Delay", []int{0, 2}, `<i><span class="nocase">Hamlet</span></i> and <span class="nocase">Delay</span>`},
		{`A <span class="nocase">B</span> C`, []int{1, 2}, `A <span class="nocase">B</span> <span class="nocase">C</span>`},
		{"", nil, ""},
	}
	for _, tt := range tests {
		set := map[int]bool{}
		for _, n := range tt.prot {
			set[n] = true
		}
		got := Protect(tt.in, func(n int, _ string) bool { return set[n] })
		if got != tt.want {
			t.Errorf("Protect(%q, %v) = %q; want %q", tt.in, tt.prot, got, tt.want)
		}
	}
}
