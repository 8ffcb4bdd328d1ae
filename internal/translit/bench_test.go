package translit

import (
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/testkit"
)

// cyrillicValues returns what cite romanises in a generated library: the
// fields and name parts that hold Cyrillic, with the record's language.
func cyrillicValues(n int) (values, langs []string) {
	for _, e := range gen.Library(n, 7).Entries {
		lang := e.Get("language")
		add := func(v string) {
			if cyrillicIn(v) {
				values, langs = append(values, v), append(langs, lang)
			}
		}
		for _, v := range e.Fields() {
			add(v)
		}
		for _, names := range e.AllNames() {
			for _, nm := range names {
				for _, p := range bib.NameParts {
					add(nm.Part(p))
				}
			}
		}
	}
	return values, langs
}

func cyrillicIn(s string) bool {
	for _, r := range s {
		if r >= 0x400 && r < 0x500 {
			return true
		}
	}
	return false
}

// BenchmarkRomanize romanises the Cyrillic values of a generated library
// (titles, publishers, names) in BGN/PCGN and GOST 7.79 System B, and, as
// "latin", its values without Cyrillic, which pass through; each also
// with the reference implementation.
func BenchmarkRomanize(b *testing.B) {
	cyr, langs := cyrillicValues(2000)
	var latin []string
	for _, e := range gen.Library(500, 7).Entries {
		for _, v := range e.Fields() {
			if !cyrillicIn(v) {
				latin = append(latin, v)
			}
		}
	}
	for _, set := range []struct {
		name   string
		values []string
		sc     Scheme
	}{{"bgn", cyr, BGN}, {"gostb", cyr, GOSTB}, {"latin", latin, BGN}} {
		for _, impl := range []struct {
			name     string
			romanize func(string, Scheme, string) string
		}{{"fast", Romanize}, {"reference", refRomanize}} {
			b.Run(set.name+"/"+impl.name, func(b *testing.B) {
				b.ReportAllocs()
				defer testkit.ReportCPU(b)()
				for i := 0; i < b.N; i++ {
					for k, s := range set.values {
						impl.romanize(s, set.sc, langs[k%len(langs)])
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(set.values)), "ns/value")
				b.ReportMetric(0, "ns/op")
			})
		}
	}
}

// BenchmarkScript tells the script of a generated library's titles, with
// the reference too.
func BenchmarkScript(b *testing.B) {
	var titles []string
	for _, e := range gen.Library(2000, 7).Entries {
		titles = append(titles, e.Get("title"))
	}
	for _, impl := range []struct {
		name   string
		script func(string) string
	}{{"fast", Script}, {"reference", refScript}} {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			defer testkit.ReportCPU(b)()
			for i := 0; i < b.N; i++ {
				for _, s := range titles {
					impl.script(s)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(titles)), "ns/title")
			b.ReportMetric(0, "ns/op")
		})
	}
}
