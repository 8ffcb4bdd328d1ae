package style_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/csl/style"

	"github.com/cite-project/cite/internal/testkit"
)

const head = `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><id>x</id><title>x</title></info>
`

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, xml string
		want      []string // substrings of the error
	}{
		{"not xml", "<style", []string{"style:", "line"}},
		{"wrong root", `<locale/>`, []string{"cs:locale", "root element must be cs:style"}},
		{"no citation", head + `</style>`, []string{"no cs:citation"}},
		{"text without source", head + "<citation><layout>\n<text/>\n</layout></citation></style>", []string{"line 4", "cs:text", "needs one of"}},
		{"unknown element", head + "<citation><layout>\n<bogus/></layout></citation></style>", []string{"line 4", "cs:bogus", "unknown rendering element"}},
		{"bad date form", head + "<citation><layout>\n<date variable=\"issued\" form=\"long\"/></layout></citation></style>", []string{"cs:date", `attribute "form"`, "line 4"}},
		{"bad date-part", head + "<citation><layout><date variable=\"issued\">\n<date-part name=\"week\"/></date></layout></citation></style>", []string{"cs:date-part", `attribute "name"`}},
		{"undefined macro", head + "<citation><layout>\n<text macro=\"nope\"/></layout></citation></style>", []string{"cs:text", `attribute "macro"`, `undefined macro "nope"`, "line 4"}},
		{"recursive macro", head + "<macro name=\"a\"><text macro=\"b\"/></macro>\n<macro name=\"b\"><group><text macro=\"a\"/></group></macro><citation><layout><text macro=\"a\"/></layout></citation></style>", []string{"recursive", "a → b → a"}},
		{"choose without if", head + "<citation><layout><choose>\n<else/></choose></layout></citation></style>", []string{"cs:else", "must start with one cs:if"}},
		{"names without variable", head + "<citation><layout>\n<names/></layout></citation></style>", []string{"cs:names", `attribute "variable"`}},
		{"deep nesting", head + "<citation><layout>" + strings.Repeat("<group>", 200) + strings.Repeat("</group>", 200) + "</layout></citation></style>", []string{"nested too deeply"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := style.Parse([]byte(tt.xml))
			if err == nil {
				t.Fatalf("Parse(%s) = nil error; want %q", tt.name, tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Parse(%s) error = %q; want it to contain %q", tt.name, err, w)
				}
			}
		})
	}
}

func TestParseHuge(t *testing.T) {
	huge := head + "<citation><layout><text value=\"" + strings.Repeat("x", 9<<20) + "\"/></layout></citation></style>"
	_, err := style.Parse([]byte(huge))
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("Parse(9 MiB) = %v; want a size error", err)
	}
	many := head + "<citation><layout>" + strings.Repeat("<text value=\"x\"/>", 250000) + "</layout></citation></style>"
	_, err = style.Parse([]byte(many))
	if err == nil || !strings.Contains(err.Error(), "too many elements") {
		t.Errorf("Parse(250,000 elements) = %v; want an element-count error", err)
	}
}

func TestParseErrorType(t *testing.T) {
	_, err := style.Parse([]byte(head + "<citation><layout>\n<number/></layout></citation></style>"))
	var se *style.Error
	if !errors.As(err, &se) {
		t.Fatalf("error %v is not a *style.Error", err)
	}
	if se.Element != "number" || se.Attribute != "variable" || se.Line != 4 {
		t.Errorf("got element %q attribute %q line %d; want number, variable, 4", se.Element, se.Attribute, se.Line)
	}
}

func TestParseStyle(t *testing.T) {
	s, err := style.Parse([]byte(head + `<locale xml:lang="ru"><terms><term name="and">и</term></terms></locale>
<macro name="m"><text variable="title"/></macro>
<citation et-al-min="3"><sort><key macro="m" names-min="2"/></sort>
<layout locale="ru" delimiter="; "><text macro="m"/></layout><layout><text macro="m"/></layout></citation>
<bibliography hanging-indent="true"><layout><names variable="author"><name and="text"/><substitute><text variable="title"/></substitute></names></layout></bibliography></style>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.Citation.Layouts); got != 2 {
		t.Errorf("citation layouts = %d; want 2", got)
	}
	if got := s.Citation.Layouts[0].Locale; len(got) != 1 || got[0] != "ru" {
		t.Errorf("localized layout locale = %v; want [ru]", got)
	}
	if got := s.Citation.Sort.Keys[0].NameOptions["et-al-min"]; got != "2" {
		t.Errorf("names-min = %q; want 2", got)
	}
	if s.Citation.Options["et-al-min"] != "3" || s.Bibliography.Options["hanging-indent"] != "true" {
		t.Errorf("context options not kept: %v %v", s.Citation.Options, s.Bibliography.Options)
	}
	if len(s.Locales) != 1 || s.Locales[0].Lang != "ru" {
		t.Errorf("inline locales = %v", s.Locales)
	}
	n := s.Bibliography.Layouts[0].Children[0].(*style.Names)
	if !n.HasSubstitute || n.Name.Options["and"] != "text" {
		t.Errorf("names = %+v", n)
	}
}

func TestDependent(t *testing.T) {
	s, err := style.Parse([]byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="de-DE">
<info><id>dep</id><title>dep</title><link rel="independent-parent" href="http://www.zotero.org/styles/apa"/></info></style>`))
	if err != nil {
		t.Fatal(err)
	}
	if !s.IsDependent() || s.Info.Parent != "http://www.zotero.org/styles/apa" {
		t.Errorf("Parent = %q; want the apa URI", s.Info.Parent)
	}
}

// FuzzParse checks that no input makes the style parser panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(head + `<citation><layout><text variable="title"/></layout></citation></style>`))
	f.Add([]byte(head + `<macro name="a"><text macro="a"/></macro><citation><layout/></citation></style>`))
	f.Add([]byte(`<style><citation><layout><choose><if type="book"><names variable="author"><name/><et-al/><label/><substitute><text term="x"/></substitute></names></if></choose></layout></citation></style>`))
	f.Add([]byte("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"latin1\"?><style/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var (
			s   *style.Style
			err error
		)
		testkit.AllocBudget(t, "style.Parse", len(data), 1024, 4<<20, func() { s, err = style.Parse(data) })
		if err == nil && s == nil {
			t.Fatal("nil style without error")
		}
	})
}
