package styles_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/styles"
)

func TestNames(t *testing.T) {
	want := []string{"apa", "gost", "gost-2008", "gost-2008-alphabetical", "gost-2008-short", "gost-2008-short-alphabetical", "gost-alphabetical", "gost-shortened", "gost-shortened-alphabetical"}
	if got := styles.Names(); !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %v; want %v", got, want)
	}
}

// TestStyle parses every style with the engine and checks the ids and the
// order of the alphabetical variants.
func TestStyle(t *testing.T) {
	for _, name := range styles.Names() {
		data, err := styles.Style(name)
		if err != nil {
			t.Errorf("Style(%q): %v", name, err)
			continue
		}
		p, err := csl.New(data, csl.Options{})
		if err != nil {
			t.Errorf("%s does not parse: %v", name, err)
			continue
		}
		st := p.Style()
		if want := "https://github.com/cite-project/cite/styles/" + name; st.Info.ID != want {
			t.Errorf("%s: id %q; want %q", name, st.Info.ID, want)
		}
		sort := st.Bibliography.Sort
		alpha := strings.HasSuffix(name, "-alphabetical")
		switch {
		case alpha && (len(sort.ScriptOrder) != 2 || sort.Keys[0].Macro != "sort-key"):
			t.Errorf("%s: sort %+v; want Cyrillic before Latin by heading or title", name, sort)
		case !alpha && len(sort.Keys) > 0 && sort.Keys[0].Variable == "citation-number" && len(sort.ScriptOrder) != 0:
			t.Errorf("%s: numeric style with a script order", name)
		}
		if strings.HasPrefix(name, "gost") {
			if st.DefaultLocale != "ru-RU" || len(st.Bibliography.Layouts) != 3 {
				t.Errorf("%s: default locale %q, %d layouts; want ru-RU with en and kk layouts", name, st.DefaultLocale, len(st.Bibliography.Layouts))
			}
		}
	}
	for _, alias := range []string{"APA", "gost.csl", " gost-2008 "} {
		if _, err := styles.Style(alias); err != nil {
			t.Errorf("Style(%q): %v", alias, err)
		}
	}
	for _, bad := range []string{"", "mla", "../styles/apa", "locales/locales-en-US"} {
		if _, err := styles.Style(bad); !errors.Is(err, styles.ErrUnknownStyle) {
			t.Errorf("Style(%q) error = %v; want ErrUnknownStyle", bad, err)
		}
	}
}
