package cite_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/store"
)

func load(t *testing.T, path string) *bib.Library {
	t.Helper()
	lib, diags, err := store.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if bib.HasErrors(diags) {
		t.Fatalf("%s: %v", path, diags)
	}
	return lib
}

func formatter(t *testing.T, style string, opts cite.Options) *cite.Formatter {
	t.Helper()
	st, err := cite.LoadStyle(style, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := cite.New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// render returns the bibliography (and, for GOST, the romanised
// References list) with the engine's warnings, as a golden file holds it.
func render(t *testing.T, f *cite.Formatter, lib *bib.Library, references bool) string {
	t.Helper()
	res, err := f.Bibliography(lib, nil)
	if err != nil {
		t.Fatal(err)
	}
	sections := []cite.Section{{Entries: res.Entries}}
	if references {
		ref, err := f.References(lib, nil)
		if err != nil {
			t.Fatal(err)
		}
		sections = append(sections, cite.Section{Title: "References", Entries: ref.Entries})
	}
	s := cite.Document(res.Format, sections...)
	for _, w := range res.Warnings {
		s += "warning: " + w + "\n"
	}
	return s
}

// TestEssay renders the eight references of the essay (refs/) in every
// style; styles/README.md checks each element of these goldens against
// the standards.
func TestEssay(t *testing.T) {
	lib := load(t, "../../refs/references.toml")
	for _, style := range []string{"apa", "gost", "gost-alphabetical", "gost-2008", "gost-2008-alphabetical"} {
		t.Run(style, func(t *testing.T) {
			f := formatter(t, style, cite.Options{})
			got := render(t, f, lib, f.Kind() == cite.GOST && !strings.HasSuffix(style, "alphabetical"))
			testkit.Golden(t, filepath.Join("testdata", "essay", style+".golden"), []byte(got))
		})
	}
}

// TestMixed renders the test library of Russian, Kazakh and English
// records of every type in each style and output format.
func TestMixed(t *testing.T) {
	lib := load(t, "testdata/mixed.toml")
	formats := []struct {
		f   output.Format
		ext string
	}{{output.Text, "txt"}, {output.HTML, "html"}, {output.Markdown, "md"}}
	for _, style := range []string{"apa", "gost", "gost-alphabetical", "gost-2008"} {
		for _, ff := range formats {
			t.Run(style+"."+ff.ext, func(t *testing.T) {
				f := formatter(t, style, cite.Options{Format: ff.f})
				got := render(t, f, lib, ff.f == output.Text && style == "gost")
				testkit.Golden(t, filepath.Join("testdata", "mixed", style+"."+ff.ext+".golden"), []byte(got))
			})
		}
	}
	t.Run("gost.rtf", func(t *testing.T) {
		f := formatter(t, "gost", cite.Options{Format: output.RTF})
		res, err := f.Bibliography(lib, []string{"lotman1970", "kuhn1962", "auezov1997"})
		if err != nil {
			t.Fatal(err)
		}
		testkit.Golden(t, filepath.Join("testdata", "mixed", "gost.rtf.golden"), []byte(res.String()))
	})
}
