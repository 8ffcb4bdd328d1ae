package csl_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/locale"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/styles"
)

const dependentStyle = `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="ru-RU">
<info><id>dep</id><title>dep</title><link rel="independent-parent" href="http://example.org/styles/example"/></info></style>`

func TestDependentStyle(t *testing.T) {
	if _, err := csl.New([]byte(dependentStyle), csl.Options{}); !errors.Is(err, csl.ErrDependent) {
		t.Fatalf("New(dependent) without resolver = %v; want ErrDependent", err)
	}
	var asked string
	p, err := csl.New([]byte(dependentStyle), csl.Options{Parent: func(uri string) ([]byte, error) {
		asked = uri
		return []byte(exampleStyle), nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if asked != "http://example.org/styles/example" {
		t.Errorf("resolver asked for %q", asked)
	}
	if p.Lang() != "ru-RU" {
		t.Errorf("Lang() = %q; want the dependent style's ru-RU", p.Lang())
	}
	entries, _ := p.Bibliography(exampleItems())
	if got := csl.Render(entries[0], output.Text); !strings.Contains(got, "16 мая 1992") {
		t.Errorf("entry = %q; want the Russian genitive date", got)
	}
	_, err = csl.New([]byte(dependentStyle), csl.Options{Parent: func(string) ([]byte, error) { return nil, errors.New("offline") }})
	if err == nil || !strings.Contains(err.Error(), "offline") {
		t.Errorf("New with failing resolver = %v; want the resolver's error", err)
	}
}

func TestBrokenLocale(t *testing.T) {
	_, err := csl.New([]byte(exampleStyle), csl.Options{Locales: func(string) ([]byte, bool) {
		return []byte("<locale><terms><term>x</term></terms></locale>"), true
	}})
	if err == nil || !strings.Contains(err.Error(), `cs:term attribute "name"`) {
		t.Errorf("New with broken locale = %v; want an error naming the term", err)
	}
}

func TestWarnings(t *testing.T) {
	p, err := csl.New([]byte(exampleStyle), csl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	empty := item.New("empty", "book")
	_, warns := p.Cite(append(exampleItems(), empty), []csl.CiteItem{{ID: "missing"}, {ID: "knuth"}})
	if len(warns) == 0 || !strings.Contains(strings.Join(warns, "\n"), `"missing" not found`) {
		t.Errorf("warnings = %v; want one about the missing item", warns)
	}
	entries, warns := p.Bibliography([]*item.Item{empty})
	if len(entries) != 0 || len(warns) != 1 {
		t.Errorf("Bibliography(empty item) = %d entries, %v; want none and one warning", len(entries), warns)
	}
}

// TestEmbeddedLocales checks that our own locale files parse and carry
// the terms the engine needs.
func TestEmbeddedLocales(t *testing.T) {
	tags := styles.LocaleTags()
	if strings.Join(tags, " ") != "en-US kk-KZ ru-RU" {
		t.Fatalf("LocaleTags() = %v", tags)
	}
	for _, tag := range tags {
		data, ok := styles.Locale(tag)
		if !ok {
			t.Fatalf("Locale(%s) missing", tag)
		}
		l, err := locale.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", tag, err)
		}
		ch := locale.Chain{l}
		for _, term := range []string{"and", "et-al", "page", "editor", "month-01", "no date", "open-quote"} {
			if s, ok := ch.Term(term, "long", false); !ok || s == "" {
				t.Errorf("%s: term %q missing", tag, term)
			}
		}
		if ch.Date("text") == nil || ch.Date("numeric") == nil {
			t.Errorf("%s: date formats missing", tag)
		}
	}
	if _, ok := styles.Locale("ru"); !ok {
		t.Error(`Locale("ru") did not find ru-RU`)
	}
}

// TestConcurrent renders with one Processor from several goroutines; run
// it with -race.
func TestConcurrent(t *testing.T) {
	p, err := csl.New([]byte(exampleStyle), csl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	items := exampleItems()
	want, _ := p.Bibliography(items)
	done := make(chan string, 8)
	for i := 0; i < 8; i++ {
		go func() {
			entries, _ := p.Bibliography(items)
			done <- csl.Render(entries[0], output.HTML)
		}()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; got != csl.Render(want[0], output.HTML) {
			t.Errorf("concurrent render = %q", got)
		}
	}
}
