package cite_test

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/styles"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		name, xml string
		want      cite.StyleInfo
		err       string
	}{
		{"independent", `<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="note" default-locale="de-DE"><info><title>T &amp; U</title><id>http://x/t</id><category citation-format="note"/><category field="law"/></info><citation><layout/></citation></style>`,
			cite.StyleInfo{Title: "T & U", ID: "http://x/t", Class: "note", Format: "note", DefaultLocale: "de-DE"}, ""},
		{"dependent", `<style class="in-text"><info><id>d</id><link href="http://www.zotero.org/styles/apa" rel="independent-parent"/><category citation-format="author-date"/></info></style>`,
			cite.StyleInfo{ID: "d", Class: "in-text", Format: "author-date", Parent: "http://www.zotero.org/styles/apa"}, ""},
		{"not a style", `<locale/>`, cite.StyleInfo{}, "root element is <locale>"},
		{"not xml", `hello`, cite.StyleInfo{}, "no <style>"},
		{"broken", `<style><info><title>x</info></style>`, cite.StyleInfo{}, "line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cite.Describe([]byte(tt.xml))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Describe(%q) error = %v; want one containing %q", tt.xml, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Describe(%q) = %+v, %v; want %+v", tt.xml, got, err, tt.want)
			}
		})
	}
	for _, name := range styles.Names() {
		data, _ := styles.Style(name)
		si, err := cite.Describe(data)
		numeric := strings.HasPrefix(name, "gost")
		if err != nil || si.Numeric() != numeric || si.Title == "" {
			t.Errorf("Describe(%s) = %+v, %v; want a title and Numeric() %v", name, si, err, numeric)
		}
	}
}
