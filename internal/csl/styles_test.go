package csl_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/eval"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
)

func loadCorpus(t testing.TB) []*item.Item {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "corpus.json"))
	if err != nil {
		t.Fatal(err)
	}
	items, err := item.DecodeJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// officialStyles lists the style files the issue requires to load
// unchanged, relative to ../shared/csl/styles.
func officialStyles(t *testing.T, shared string) []string {
	names := []string{
		"apa.csl", "chicago-author-date.csl", "ieee.csl", "modern-language-association.csl",
		"harvard-cite-them-right.csl", "gost-r-7-0-5-2008.csl", "gost-r-7-0-5-2008-numeric.csl",
		"gost-r-7-0-5-2008-numeric-alphabetical.csl",
	}
	un, err := filepath.Glob(filepath.Join(shared, "csl", "styles", "unofficial", "*.csl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range un {
		names = append(names, filepath.Join("unofficial", filepath.Base(u)))
	}
	return names
}

// TestOfficialStyles loads each official style unchanged and renders the
// corpus (bibliography and one citation of every item) in English and in
// Russian; the output is compared with golden files (-update rewrites).
func TestOfficialStyles(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/csl not found; official styles are not available")
	}
	items := loadCorpus(t)
	var cites []csl.CiteItem
	for _, it := range items {
		cites = append(cites, csl.CiteItem{ID: it.ID})
	}
	for _, name := range officialStyles(t, shared) {
		for _, lang := range []string{"", "ru-RU"} {
			t.Run(strings.TrimSuffix(filepath.Base(name), ".csl")+"/"+lang, func(t *testing.T) {
				data, err := os.ReadFile(filepath.Join(shared, "csl", "styles", name))
				if err != nil {
					t.Fatal(err)
				}
				p, err := csl.New(data, csl.Options{Locale: lang, Locales: fileLocales(filepath.Join(shared, "csl", "locales")), NarrowSpaces: true})
				if err != nil {
					t.Fatalf("New(%s) = %v", name, err)
				}
				res := p.Process(items, []csl.Cluster{{Items: cites, NoteIndex: 1}}, true)
				var b bytes.Buffer
				b.WriteString("citation: " + output.Render(res.Clusters[0], output.Text) + "\n")
				for _, e := range res.Entries {
					s := output.Render(e, output.Text)
					if strings.TrimSpace(s) == "" {
						t.Errorf("empty bibliography entry")
					}
					b.WriteString(s + "\n")
				}
				if len(res.Entries) != len(items) && p.Style().Bibliography != nil {
					t.Errorf("got %d entries; want %d (warnings: %v)", len(res.Entries), len(items), res.Warnings)
				}
				golden := filepath.Join("testdata", "TestOfficialStyles", strings.TrimSuffix(filepath.Base(name), ".csl")+langSuffix(lang)+".golden")
				testkit.Golden(t, golden, b.Bytes())
			})
		}
	}
}

func langSuffix(lang string) string {
	if lang == "" {
		return ""
	}
	return "." + lang
}

// TestEachEntry: streaming the bibliography gives the entries Process
// gives, in order, for every official style and both languages.
func TestEachEntry(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/csl not found; official styles are not available")
	}
	items := loadCorpus(t)
	for _, name := range officialStyles(t, shared) {
		data, err := os.ReadFile(filepath.Join(shared, "csl", "styles", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"", "ru-RU"} {
			p, err := csl.New(data, csl.Options{Locale: lang, Locales: fileLocales(filepath.Join(shared, "csl", "locales"))})
			if err != nil {
				t.Fatal(err)
			}
			res := p.Process(items, nil, true)
			var got []string
			_, err = p.EachEntry(items, func(id string, n *output.Node) error {
				if k := len(got); k >= len(res.EntryIDs) || res.EntryIDs[k] != id {
					t.Errorf("%s %s: entry %d is %q", name, lang, k, id)
				}
				got = append(got, output.Render(n, output.HTML))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(res.Entries) {
				t.Fatalf("%s %s: %d entries streamed; Process gives %d", name, lang, len(got), len(res.Entries))
			}
			for i, n := range res.Entries {
				if want := output.Render(n, output.HTML); got[i] != want {
					t.Errorf("%s %s: entry %d = %q; want %q", name, lang, i, got[i], want)
				}
			}
			checkEachEntryText(t, name+" "+lang, p, items, got)
			checkParallelEachEntry(t, name+" "+lang, p, items, got)
			checkWithoutShortcuts(t, name+" "+lang, p, items, got)
		}
	}
}

// streamHTML returns the entries p streams, as HTML.
func streamHTML(t *testing.T, p *csl.Processor, items []*item.Item) []string {
	t.Helper()
	var got []string
	if _, err := p.EachEntry(items, func(_ string, n *output.Node) error {
		got = append(got, output.Render(n, output.HTML))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

// checkWithoutShortcuts: without the disambiguation shortcuts p streams
// the entries want.
func checkWithoutShortcuts(t *testing.T, label string, p *csl.Processor, items []*item.Item, want []string) {
	t.Helper()
	defer eval.SetShortcuts(false)()
	got := streamHTML(t, p, items)
	if !slices.Equal(got, want) {
		t.Errorf("%s: rendered without disambiguation shortcuts, the entries differ", label)
	}
}

// checkEachEntryText: the entries EachEntryText writes as HTML are the
// entries want, and an error of emit stops the stream at once.
func checkEachEntryText(t *testing.T, label string, p *csl.Processor, items []*item.Item, want []string) {
	t.Helper()
	var got []string
	if _, err := p.EachEntryText(items, output.HTML, func(_, s string) error {
		got = append(got, s)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: the entries EachEntryText writes differ", label)
	}
	if len(want) >= 2 {
		checkStops(t, label+", EachEntryText", 2, func(emit func() error) error {
			_, err := p.EachEntryText(items, output.Text, func(string, string) error { return emit() })
			return err
		})
	}
}

// checkStops: a stream whose emit fails at call k stops there and
// returns the error.
func checkStops(t *testing.T, label string, k int, stream func(emit func() error) error) {
	t.Helper()
	stop := errors.New("stop")
	calls := 0
	err := stream(func() error {
		if calls++; calls == k {
			return stop
		}
		return nil
	})
	if err != stop || calls != k {
		t.Errorf("%s: emit failing at call %d: %d calls, error %v", label, k, calls, err)
	}
}

// checkParallelEachEntry: with every rendering of the engine spread over
// goroutines, p streams the entries want, and an error of emit stops the
// stream at once and is returned.
func checkParallelEachEntry(t *testing.T, label string, p *csl.Processor, items []*item.Item, want []string) {
	t.Helper()
	defer eval.SetParallelism(2, 1)()
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	got := streamHTML(t, p, items)
	if !slices.Equal(got, want) {
		t.Errorf("%s: rendered in parallel, the entries differ", label)
	}
	checkEachEntryText(t, label+", parallel", p, items, want)
	if len(want) >= 3 {
		checkStops(t, label+", parallel", 3, func(emit func() error) error {
			_, err := p.EachEntry(items, func(string, *output.Node) error { return emit() })
			return err
		})
	}
}
