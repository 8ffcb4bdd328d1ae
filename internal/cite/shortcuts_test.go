package cite_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/eval"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/testkit"
)

// TestDisambiguationShortcuts: a generated library with many look-alike
// cites formats alike with and without the engine's disambiguation
// shortcuts (eval.SetShortcuts), in cite's styles and, when ../shared is
// there, in official author-date styles.
func TestDisambiguationShortcuts(t *testing.T) {
	if testing.Short() {
		t.Skip("formats 3,000 references twice per style")
	}
	lib := gen.Library(3000, 11)
	styles := []string{"apa", "gost"}
	if _, err := os.Stat(filepath.Join(testkit.ModuleRoot(t), "..", "shared", "csl", "styles")); err == nil {
		for _, name := range []string{"apa.csl", "chicago-author-date.csl", "harvard-cite-them-right.csl", "modern-language-association.csl"} {
			styles = append(styles, testkit.Shared(t, "csl", "styles", name))
		}
	}
	for _, name := range styles {
		st, err := cite.LoadStyle(name, os.ReadFile)
		if err != nil {
			t.Fatal(err)
		}
		f, err := cite.New(st, cite.Options{Format: output.HTML})
		if err != nil {
			t.Fatal(err)
		}
		with, err := f.Bibliography(lib, nil)
		if err != nil {
			t.Fatal(err)
		}
		restore := eval.SetShortcuts(false)
		without, err := f.Bibliography(lib, nil)
		restore()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(with.Entries, without.Entries) || !slices.Equal(with.IDs, without.IDs) {
			for i := range min(len(with.Entries), len(without.Entries)) {
				if with.Entries[i] != without.Entries[i] {
					t.Errorf("%s: entry %d differs:\n with: %s\n without: %s", filepath.Base(name), i, with.Entries[i], without.Entries[i])
					break
				}
			}
			t.Errorf("%s: the shortcuts change the list", filepath.Base(name))
		}
		// The cites show what disambiguation added (names, initials),
		// which the list does not: each work cited once, in turn.
		var doc []cite.Citation
		for _, e := range lib.Entries {
			doc = append(doc, cite.Citation{Refs: []cite.Ref{{ID: e.ID}}})
		}
		withDoc, err := f.Process(lib, doc, nil)
		if err != nil {
			t.Fatal(err)
		}
		restore = eval.SetShortcuts(false)
		withoutDoc, err := f.Process(lib, doc, nil)
		restore()
		if err != nil {
			t.Fatal(err)
		}
		for i := range withDoc.Citations {
			if a, b := f.Render(withDoc.Citations[i]), f.Render(withoutDoc.Citations[i]); a != b {
				t.Errorf("%s: cite %d differs:\n with: %s\n without: %s", filepath.Base(name), i, a, b)
				break
			}
		}
	}
}
