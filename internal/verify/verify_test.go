package verify

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
)

// cases lists the golden cases under testdata/cases and the finding codes
// each must produce, no more and no fewer. Every directory must have an
// entry and every entry a directory, so that a typo cannot quietly test
// nothing.
var cases = map[string][]string{
	"unresolved-marker":     {CodeUnresolvedMarker, CodeCitationNeeded, CodeYearMismatch},
	"uncited-reference":     {CodeUncitedReference, CodeMarkerMismatch},
	"claim-without-source":  {CodeClaimWithoutSource},
	"unknown-source":        {CodeUnknownSource},
	"claim-not-found":       {CodeClaimNotFound},
	"marker-mismatch":       {CodeMarkerMismatch},
	"quote-without-locator": {CodeQuoteWithoutLocator, CodeSecondarySupport},
	"citation-needed":       {CodeCitationNeeded, CodeCitationSuggested},
	"citation-suggested":    {CodeCitationSuggested},
	"reference-list":        {CodeListMismatch, CodeListUnmatched, CodeYearMismatch, CodeDuplicateSource},
	"weak-support":          {CodeIndirectSupport, CodeSecondarySupport},
	"own-work":              {CodeCitationNeeded},
	"numbering-order":       {CodeNumberingOrder},
	"clean-forms":           {},
	"no-manuscript":         {CodeClaimWithoutSource, CodeUnknownSource, CodeUncitedReference},
	"escaping":              {CodeCitationNeeded, CodeQuoteWithoutLocator, CodeUnresolvedMarker},
}

// loadCase reads testdata/cases/name: library.toml and, when present,
// manuscript.txt.
func loadCase(t *testing.T, name string) (*bib.Library, *Manuscript) {
	t.Helper()
	dir := filepath.Join("testdata", "cases", name)
	data, err := os.ReadFile(filepath.Join(dir, "library.toml"))
	if err != nil {
		t.Fatal(err)
	}
	lib, diags, err := store.Decode("library.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		t.Errorf("library of %s: %s", name, d)
	}
	text, err := os.ReadFile(filepath.Join(dir, "manuscript.txt"))
	if os.IsNotExist(err) {
		return lib, nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return lib, &Manuscript{Name: "manuscript.txt", Text: string(text)}
}

func TestGolden(t *testing.T) {
	dirs, err := os.ReadDir(filepath.Join("testdata", "cases"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range dirs {
		seen[d.Name()] = true
		if _, ok := cases[d.Name()]; !ok {
			t.Errorf("testdata/cases/%s has no entry in cases", d.Name())
		}
	}
	for name, codes := range cases {
		if !seen[name] {
			t.Errorf("cases names %q, which is not a directory of testdata/cases", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			lib, ms := loadCase(t, name)
			r := Run(lib, ms, Options{})
			var text, js bytes.Buffer
			if err := r.WriteText(&text); err != nil {
				t.Fatal(err)
			}
			if err := r.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join("testdata", "cases", name)
			testkit.Golden(t, filepath.Join(dir, "want.txt.golden"), []byte(text.String()))
			testkit.Golden(t, filepath.Join(dir, "want.json.golden"), []byte(js.String()))
			var got []string
			for c := range r.CountByCode() {
				got = append(got, c)
			}
			sort.Strings(got)
			want := slices.Clone(codes)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("codes found: %v; want %v", got, want)
			}
		})
	}
}

// TestEveryCodeCovered checks that the golden cases produce every code.
func TestEveryCodeCovered(t *testing.T) {
	covered := map[string]bool{}
	for _, codes := range cases {
		for _, c := range codes {
			covered[c] = true
		}
	}
	for _, c := range Codes() {
		if !covered[c.Code] {
			t.Errorf("no golden case produces %s", c.Code)
		}
	}
}

// TestHTMLGolden keeps the page of a small manuscript as a golden file.
func TestHTMLGolden(t *testing.T) {
	for _, name := range []string{"clean-forms", "quote-without-locator"} {
		t.Run(name, func(t *testing.T) {
			lib, ms := loadCase(t, name)
			var b bytes.Buffer
			if err := Run(lib, ms, Options{}).WriteHTML(&b); err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, filepath.Join("testdata", "cases", name, "want.html.golden"), []byte(b.String()))
		})
	}
}

// TestJSONContract checks the keys of the JSON form: those of issue 6
// (a contract: never drop one) and those issue 12 added.
func TestJSONContract(t *testing.T) {
	lib, ms := loadCase(t, "quote-without-locator")
	var b bytes.Buffer
	if err := Run(lib, ms, Options{}).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var doc map[string][]map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"markers":  {"line", "text", "refs", "resolved", "column", "start", "end", "form", "cites"},
		"claims":   {"id", "kind", "excerpt", "found", "line", "sources", "problems"},
		"findings": {"code", "line", "excerpt", "claim", "ref", "message", "sentence", "column", "start", "end", "severity"},
	}
	if len(doc) != len(want) {
		t.Errorf("top-level keys: %d; want %d (markers, claims, findings)", len(doc), len(want))
	}
	for key, fields := range want {
		list, ok := doc[key]
		if !ok || len(list) == 0 {
			t.Errorf("JSON has no %q list with items", key)
			continue
		}
		for _, f := range fields {
			if _, ok := list[0][f]; !ok {
				t.Errorf("%s[0] has no key %q", key, f)
			}
		}
	}
}

// TestEmptyJSONLists checks that lists print as [] rather than null.
func TestEmptyJSONLists(t *testing.T) {
	var b bytes.Buffer
	if err := Run(nil, &Manuscript{Name: "empty.txt"}, Options{}).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(strings.Fields(b.String()), ""), `{"markers":[],"claims":[],"findings":[]}`; got != want {
		t.Errorf("Run on nothing = %s; want %s", got, want)
	}
}
