package sentencecase

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/testkit"
)

// trickyTitles are inputs chosen to reach every fast path and the edges
// between them: nothing to change, changes of length (K, the Kelvin sign,
// lowers to a one-byte k), tags inside words, unclosed and unknown tags,
// invalid UTF-8, combining marks, Cyrillic, words longer than the lookup
// buffers, and the lookups that read a neighbour already recased.
var trickyTitles = []string{
	"", " ", "a", "A", "I", "E-Books and E-Mail", "The", "—", "--", ": :", "\u00a0Title\u00a0Case Words",
	"Why some people love horror movies", "Why Some People Love Horror Movies",
	"Investigation of DNA Repair in NATO Countries", "Using the iPhone at McDonald's",
	`Accuracy in <span class="nocase">Optical Tracking</span> for ARToolKit`,
	`Accuracy in <span class = "nocase" >Optical Tracking</span> for ARToolKit`,
	`Accuracy in <span c lass="noc ase">Optical Tracking</span> for <span class="nocas">ARToolKit Word</span>`,
	`Accuracy in <span style="x" class="nocase">Optical Tracking</span> and <span class=" nocase">Other Words</span>`,
	"<i>Hamlet</i> and the Problem of Delay", "Mult<i>i</i>ple Tag<b>s Ins</b>ide Words Here",
	"Unclosed <i>Italic and the Problem", "Unknown <u>Tag</u> and the <span Problem", "<<>>< The Problem of >",
	"Broken \xff UTF-8 in the Title", "Broken \xffUTF In the Title Case", "\xe2\x80 Truncated Rune At Start",
	"\u212aelvin Scale of the Temperature", "The \u212aelvin Scale of Temperature", "İstanbul and the Ottoman Heritage",
	"The Dotless ı and the İ of Turkish Words", "Straße and the ſ of Old German Words", "ǅemal and the ǈ of Digraph Letters",
	"Caf\u00e9 and Cafe\u0301 in the Combining Marks", "Combining\u0301 Marks\u0308 After Capital\u0327 Letters", "\u0301Mark First In the Title",
	"Интеграционные Процессы Постсоветских Государств", "Интеграционные процессы постсоветских государств",
	"Казахстан и Россия: Новые Горизонты", "IT-компания и Её Проблемы",
	"Kazakhstan's Foreign Policy in Central Asia", "Anti-New York Policies in the Twenty-First Century",
	"Anti-United States Sentiment in the Cold War", "Teaching Medicine with the Help of Dr. House", "Dr. Who and Mr. Hyde",
	"U.S. and World Population Clock", "Node.js and Akorda.kz for the People", "Part II of the Story e.g. The Rest",
	"A Comparison vs. The Other Approach", "The End. The Beginning of Something", "Brain—The Final Frontier",
	"Open—Close—Clench: The Words of Em Dashes", "What Next, Ubicomp?: Celebrating an Intellectual Act",
	"Wi-Fi and Wi-Foto and Wi-Vi Networks", "“Quoted” Words and ‘making’ Sense of Them", `"Making" Sense of 'Quoted' Terms`,
	"O'Brien and the People's Republic of the Irish", "I'm Here and I’ve Been There", "ABCs of URLs and the HTMLs",
	"3D Printing of Conductive Inks", "H4 and 3d and the 3-D Printers", "International Symposium on Wearable Computers",
	"Proceedings of the ACM Conference on Human Factors in Computing Systems", "IEEE Computer and the IEEE Xplore Library",
	"Annual ACM Symposium on User Interface Software and Technology", "Journal of the Royal Society: Interface",
	"Monte Carlo Methods for the United Kingdom and New Zealand", "Silk Road of New York", "In the Great Britain's Silk Road",
	strings.Repeat("Supercalifragilisticexpialidocious", 3) + " Word in the Title Case",
	"The " + strings.Repeat("Ünïcödé", 12) + " of the Long Words", "Word " + strings.Repeat("x", 300) + ". Then More Words",
	`<span class="nocase">FingerGlass</span>: <span class="nocase">Efficient Multiscale Interaction</span> on <span class="nocase">Multitouch Screens</span>`,
	`Improved Calculation of <span class="nocase">Helmholtz</span> Resonators`, `On <span class="nocase">The Lord of the Rings</span>`,
	`System for <span class="nocase">Visualizing Human Behavior</span> Based on <span class="nocase">Car Metaphors</span>`,
	`These <span class="nocase">Aren</span>'t the <span class="nocase">Commands You</span>'re <span class="nocase">Looking For</span>`,
	`Enabling Memory-<span class="nocase">Aware Services</span> through <span class="nocase">Mobile Phones</span> Which Store <span class="nocase">O</span>`,
	`Gesture-Recognition with Non-Referenced <span class="nocase">Tracking</span>`, `<sc>Small Caps</sc> and <sup>Th</sup>e <sub>Sub</sub> Script`,
	`<span class="nocase"></span>Empty Span and the Word`, `Nested <span class="nocase"><i>Italic Words</i></span> in the Span`,
	`</span></i>Closing First and the Rest`, "Happiness:Designing the Future of Work", "Tabs\tand\nNew Lines in the Title",
	"\"\" ' ( ) [ ] and the Punctuation Alone", "# Number Sign and the Rest", "The 2010s and the 1990s in Review",
}

// titleCased writes every word of s with a capital, as a title-case
// title would, to reach the title-case path with any word.
func titleCased(s string) string {
	var b strings.Builder
	start := true
	for _, r := range s {
		if start && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		start = r == ' ' || r == '-'
		b.WriteRune(r)
	}
	return b.String()
}

// generatedTitles returns the titles and abstracts of a generated
// library: mostly in sentence case already, a quarter Cyrillic.
func generatedTitles(n int) (titles, abstracts []string) {
	for _, e := range gen.Library(n, 7).Entries {
		titles, abstracts = fieldsOf(e, titles, abstracts)
	}
	return titles, abstracts
}

// convertedTitles returns the values of a generated library that cite's
// APA style puts in sentence case: the titles of English records and the
// translated titles of the others (see internal/cite's sentenceCase).
func convertedTitles(n int) []string {
	var titles []string
	for _, e := range gen.Library(n, 7).Entries {
		switch e.Type {
		case "legislation", "regulation", "bill", "legal_case", "treaty", "hearing":
			continue
		}
		fields := []string{"title-translated"}
		if l := strings.ToLower(e.Get("language")); l == "" || strings.HasPrefix(l, "en") {
			fields = append(fields, "title", "volume-title")
			switch e.Type {
			case "chapter", "entry", "entry-dictionary", "entry-encyclopedia", "paper-conference":
				fields = append(fields, "container-title")
			}
		}
		for _, k := range fields {
			if v := e.Get(k); v != "" {
				titles = append(titles, v)
			}
		}
	}
	return titles
}

// corpusTitles returns the titles and abstracts of the shared corpus's
// BibTeX files (title case, Better BibTeX's nocase spans), none when it
// is absent.
func corpusTitles(t testing.TB) (titles, abstracts []string) {
	corpus := testkit.Shared(t, "corpus")
	if corpus == "" {
		return nil, nil
	}
	filepath.WalkDir(corpus, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".bib") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		lib, _, err := bibtex.Decode(path, data)
		if err != nil {
			return nil
		}
		for _, e := range lib.Entries {
			titles, abstracts = fieldsOf(e, titles, abstracts)
		}
		return nil
	})
	return titles, abstracts
}

// fieldsOf appends the title-like fields and the abstract of e.
func fieldsOf(e *bib.Entry, titles, abstracts []string) ([]string, []string) {
	for k, v := range e.Fields() {
		switch {
		case k == "abstract":
			abstracts = append(abstracts, v)
		case strings.Contains(k, "title") || k == "note" || k == "publisher":
			titles = append(titles, v)
		}
	}
	return titles, abstracts
}

// referenceInputs returns the tricky titles, the generated and the
// corpus's titles, each also written in title case, and the abstracts.
func referenceInputs(t testing.TB) (titles, abstracts []string) {
	gt, ga := generatedTitles(3000)
	ct, ca := corpusTitles(t)
	titles = slices.Concat(trickyTitles, gt, ct)
	for _, s := range titles {
		if tc := titleCased(s); tc != s {
			titles = append(titles, tc)
		}
	}
	slices.Sort(titles)
	return slices.Compact(titles), slices.Concat(ga, ca)
}

// TestMatchesReference: Convert, ConvertWith and Names give exactly what
// the implementation before their fast paths gave.
func TestMatchesReference(t *testing.T) {
	titles, abstracts := referenceInputs(t)
	t.Logf("%d titles, %d abstracts", len(titles), len(abstracts))
	for _, s := range titles {
		if got, want := Convert(s), refConvert(s); got != want {
			t.Errorf("Convert(%q) = %q; the reference gives %q", s, got, want)
		}
		keep := func(w string) bool { return len(w) > 6 }
		if got, want := ConvertKeeping(s, keep), refConvertKeeping(s, keep); got != want {
			t.Errorf("ConvertKeeping(%q) = %q; the reference gives %q", s, got, want)
		}
	}
	for i, a := range append(abstracts, titles...) {
		names := Names(a)
		if want := refNames(a); !slices.EqualFunc(names, want, slices.Equal) {
			t.Errorf("Names(%q) = %q; the reference gives %q", a, names, want)
		}
		if len(names) == 0 || len(titles) == 0 {
			continue
		}
		// the title of the same record is not at hand: use titles that
		// hold the names
		for _, s := range titles[i%len(titles):][:min(50, len(titles)-i%len(titles))] {
			h := Hints{Names: names}
			if got, want := ConvertWith(s, h), refConvertWith(s, h); got != want {
				t.Errorf("ConvertWith(%q, %q) = %q; the reference gives %q", s, names, got, want)
			}
		}
		for _, n := range names {
			s := "A Study of " + strings.Join(n, " ") + " in the Field"
			h := Hints{Names: names}
			if got, want := ConvertWith(s, h), refConvertWith(s, h); got != want {
				t.Errorf("ConvertWith(%q, %q) = %q; the reference gives %q", s, names, got, want)
			}
		}
	}
}

func FuzzMatchesReference(f *testing.F) {
	for _, s := range trickyTitles {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Convert(s), refConvert(s); got != want {
			t.Fatalf("Convert(%q) = %q; the reference gives %q", s, got, want)
		}
		if got, want := Names(s), refNames(s); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("Names(%q) = %q; the reference gives %q", s, got, want)
		}
	})
}

// BenchmarkConvert converts a library's mix of titles: those of a
// generated library that APA converts (mostly in sentence case already),
// all those of the shared corpus (title case, Better BibTeX's nocase
// spans, some Cyrillic) and the tricky ones; each set also with the
// reference implementation, to compare in one run on a noisy machine.
func BenchmarkConvert(b *testing.B) {
	generated := convertedTitles(2000)
	corpus, _ := corpusTitles(b)
	for _, set := range []struct {
		name   string
		titles []string
	}{{"generated", generated}, {"corpus", corpus}, {"tricky", trickyTitles}} {
		if len(set.titles) == 0 {
			continue
		}
		for _, impl := range []struct {
			name    string
			convert func(string) string
		}{{"fast", Convert}, {"reference", refConvert}} {
			b.Run(set.name+"/"+impl.name, func(b *testing.B) {
				b.ReportAllocs()
				defer testkit.ReportCPU(b)()
				for i := 0; i < b.N; i++ {
					for _, s := range set.titles {
						impl.convert(s)
					}
				}
				n := float64(b.N * len(set.titles))
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/title")
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}

// BenchmarkNames finds the names in the abstracts of the shared corpus
// (Better BibTeX's library has hundreds), with the reference too.
func BenchmarkNames(b *testing.B) {
	_, abstracts := corpusTitles(b)
	if len(abstracts) == 0 {
		b.Skip("no corpus")
	}
	for _, impl := range []struct {
		name  string
		names func(string) [][]string
	}{{"fast", Names}, {"reference", refNames}} {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			defer testkit.ReportCPU(b)()
			for i := 0; i < b.N; i++ {
				for _, s := range abstracts {
					impl.names(s)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(abstracts)), "ns/abstract")
			b.ReportMetric(0, "ns/op")
		})
	}
}
