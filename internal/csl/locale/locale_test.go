package locale_test

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/csl/locale"

	"github.com/cite-project/cite/internal/testkit"
)

const en = `<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="en-US">
<style-options punctuation-in-quote="true"/>
<date form="text"><date-part name="month" suffix=" "/><date-part name="year"/></date>
<terms>
<term name="page"><single>page</single><multiple>pages</multiple></term>
<term name="page" form="short"><single>p.</single><multiple>pp.</multiple></term>
<term name="editor" form="verb">edited by</term>
<term name="ordinal">th</term>
<term name="ordinal-01">st</term><term name="ordinal-02">nd</term><term name="ordinal-03">rd</term>
<term name="ordinal-11">th</term><term name="ordinal-12">th</term><term name="ordinal-13">th</term>
<term name="month-05">May</term>
</terms></locale>`

const ru = `<locale xml:lang="ru-RU"><terms>
<term name="month-05">май</term><term name="month-05" case="genitive">мая</term>
</terms></locale>`

func TestChain(t *testing.T) {
	e, err := locale.Parse([]byte(en))
	if err != nil {
		t.Fatal(err)
	}
	r, err := locale.Parse([]byte(ru))
	if err != nil {
		t.Fatal(err)
	}
	ch := locale.Chain{r, e}
	terms := []struct {
		name, form string
		plural     bool
		want       string
	}{
		{"page", "short", true, "pp."},
		{"page", "symbol", false, "p."},
		{"editor", "verb-short", false, "edited by"},
		{"month-05", "long", false, "май"},
	}
	for _, tt := range terms {
		if got, _ := ch.Term(tt.name, tt.form, tt.plural); got != tt.want {
			t.Errorf("Term(%s, %s, %v) = %q; want %q", tt.name, tt.form, tt.plural, got, tt.want)
		}
	}
	if got := ch.Find("month-05", "long", "", "genitive").Single; got != "мая" {
		t.Errorf("genitive month = %q; want мая", got)
	}
	if got := (locale.Chain{e}).Find("month-05", "long", "", "genitive").Single; got != "May" {
		t.Errorf("genitive fallback = %q; want May", got)
	}
	for n, want := range map[int]string{1: "1st", 2: "2nd", 11: "11th", 12: "12th", 21: "21st", 101: "101st", 113: "113th"} {
		if got := ch.Ordinal(n, ""); got != want {
			t.Errorf("Ordinal(%d) = %q; want %q", n, got, want)
		}
	}
	if !ch.PunctuationInQuote() {
		t.Error("PunctuationInQuote = false; want true")
	}
	if ch.Date("text") == nil || len(ch.Date("text").Parts) != 2 {
		t.Error("text date format missing")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<locale><terms><term>x</term></terms></locale>`, `cs:term attribute "name": missing`},
		{`<locale><terms><term name="a" form="huge">x</term></terms></locale>`, `unknown form "huge"`},
		{`<style/>`, "root element must be cs:locale"},
		{`<locale><date form="long"/></locale>`, `cs:date attribute "form"`},
	}
	for _, tt := range tests {
		_, err := locale.Parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%s) = %v; want %q", tt.in, err, tt.want)
		}
	}
}

// FuzzParse checks that no input makes the locale parser panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(en))
	f.Add([]byte(ru))
	f.Add([]byte(`<locale><terms><term name="ordinal-01" match="whole-number" gender-form="feminine"><multiple>x</multiple></term></terms></locale>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var (
			l   *locale.Locale
			err error
		)
		testkit.AllocBudget(t, "locale.Parse", len(data), 1024, 4<<20, func() { l, err = locale.Parse(data) })
		if err != nil {
			return
		}
		ch := locale.Chain{l}
		_, _ = ch.Term("page", "short", true)
		_ = ch.Ordinal(113, "feminine")
		_ = ch.LongOrdinal(3, "")
	})
}
