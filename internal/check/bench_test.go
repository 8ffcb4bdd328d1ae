package check

import (
	"runtime"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/testkit"
)

// TestGeneratedLibrary runs every rule over a generated library: each
// finding must satisfy the invariants, and the kinds of mistakes the
// generator plants must be found.
func TestGeneratedLibrary(t *testing.T) {
	lib := gen.Library(5000, 1)
	ds := run(t, lib, "all")
	counts := map[string]int{}
	for _, d := range ds {
		counts[d.Code]++
	}
	for _, code := range []string{
		CodeBadISBN, CodeBadISSN, CodeInitialsForm, CodeMissingGiven, CodeInstitutionAsPerson, CodeAllCaps,
		CodeWhitespace, CodeSpaceBeforePunct, CodeMixedScript, CodeRunTogetherYears, CodeMissingField, CodeBadURL,
		CodeDOIURL, CodePagePrefix, CodeInvalidDate, CodeImplausibleYear, CodeNoncanonicalLanguage, CodeBadLanguage,
		CodeOutletVariant, CodeDuplicate, CodeClaimUnknownRef, CodeClaimQuoteNoLocator,
	} {
		if counts[code] == 0 {
			t.Errorf("Run(gen.Library(5000, 1)) found no %s; counts = %v", code, counts)
		}
	}
	if len(ds) > len(lib.Entries)*3 {
		t.Errorf("Run(gen.Library(5000, 1)) = %d findings for %d entries; want the clean majority to stay quiet (counts %v)", len(ds), len(lib.Entries), counts)
	}
	if !sortedDiagnostics(ds) {
		t.Errorf("Run(gen.Library(5000, 1)) is not in bib.SortDiagnostics order")
	}
	again := Run(lib, Options{Style: "all", Now: essayNow})
	if len(again) != len(ds) {
		t.Fatalf("Run twice = %d then %d findings; want the same", len(ds), len(again))
	}
	for i := range ds {
		if ds[i] != again[i] {
			t.Fatalf("Run twice differs at %d: %v vs %v", i, ds[i], again[i])
		}
	}
}

func sortedDiagnostics(ds []bib.Diagnostic) bool {
	c := append([]bib.Diagnostic(nil), ds...)
	bib.SortDiagnostics(c)
	for i := range c {
		if c[i] != ds[i] {
			return false
		}
	}
	return true
}

// BenchmarkRun100k checks a generated library of 100,000 entries (and
// 10,000 claims) against both styles.
func BenchmarkRun100k(b *testing.B) {
	lib := gen.Library(100_000, 1)
	opts := Options{Style: "all", Now: essayNow}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	defer testkit.ReportCPU(b)()
	var n int
	for b.Loop() {
		n = len(Run(lib, opts))
	}
	b.ReportMetric(float64(n), "findings")
}

// BenchmarkMissingFields100k finds the entries of a generated library of
// 100,000 that lack a field APA requires (the summary line of cite
// format).
func BenchmarkMissingFields100k(b *testing.B) {
	lib := gen.Library(100000, 1)
	b.ReportAllocs()
	b.ResetTimer()
	defer testkit.ReportCPU(b)()
	for b.Loop() {
		MissingFields(lib, Options{Style: StyleAPA, Now: essayNow})
	}
}
