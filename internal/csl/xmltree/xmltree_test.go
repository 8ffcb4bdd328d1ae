package xmltree_test

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/csl/xmltree"
)

func TestParse(t *testing.T) {
	root, err := xmltree.Parse([]byte("\ufeff<?xml version=\"1.0\"?>\n<a x=\"1\">\n  <b>text</b>\n  <c xml:lang=\"ru\"/>\n</a>"))
	if err != nil {
		t.Fatal(err)
	}
	if root.Name != "a" || root.Get("x") != "1" || len(root.Children) != 2 {
		t.Fatalf("root = %+v", root)
	}
	if b := root.Child("b"); b == nil || b.Text != "text" || b.Line != 3 {
		t.Errorf("b = %+v; want text on line 3", b)
	}
	if c := root.Child("c"); c.Get("lang") != "ru" {
		t.Errorf("xml:lang = %q", c.Get("lang"))
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "no root element"},
		{"unclosed", "<a>\n<b>", "line"},
		{"two roots", "<a/><b/>", "more than one root"},
		{"deep", strings.Repeat("<g>", xmltree.MaxDepth+1) + strings.Repeat("</g>", xmltree.MaxDepth+1), "nested too deeply"},
		{"encoding", `<?xml version="1.0" encoding="koi8-r"?><a/>`, "unsupported encoding"},
	}
	for _, tt := range tests {
		_, err := xmltree.Parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%s) = %v; want error containing %q", tt.name, err, tt.want)
		}
	}
}
