package csl_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/output"
)

// TestOwnLocales renders the corpus with the official styles twice, with
// our embedded locales and with the official ones. In English the output
// must be identical; in Russian the differences are logged (ours prints
// genitive months with days, "с." and "№" as GOST does).
func TestOwnLocales(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/csl not found")
	}
	items := loadCorpus(t)
	official := fileLocales(filepath.Join(shared, "csl", "locales"))
	for _, name := range []string{"apa.csl", "chicago-author-date.csl", "ieee.csl", "modern-language-association.csl", "harvard-cite-them-right.csl", "gost-r-7-0-5-2008-numeric.csl"} {
		for _, lang := range []string{"en-US", "ru-RU"} {
			data, err := os.ReadFile(filepath.Join(shared, "csl", "styles", name))
			if err != nil {
				t.Fatal(err)
			}
			render := func(loc func(string) ([]byte, bool)) []string {
				p, err := csl.New(data, csl.Options{Locale: lang, Locales: loc})
				if err != nil {
					t.Fatal(err)
				}
				entries, _ := p.Bibliography(items)
				var out []string
				for _, e := range entries {
					out = append(out, csl.Render(e, output.Text))
				}
				return out
			}
			ours, theirs := render(nil), render(official)
			for i := range ours {
				if i < len(theirs) && ours[i] != theirs[i] {
					report := t.Logf
					if lang == "en-US" {
						report = t.Errorf
					}
					report("%s %s:\n ours:     %s\n official: %s", name, lang, ours[i], theirs[i])
				}
			}
		}
	}
}
