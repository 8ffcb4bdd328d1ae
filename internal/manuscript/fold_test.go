package manuscript

import "testing"

// TestCaseFoldingKeepsOffsets: İ, the Kelvin sign and invalid UTF-8
// change length when strings.ToLower lower-cases them, so a tag found in
// the lower-cased text was sliced out of the original at the wrong place
// (<sup>\xf6…</sup> panicked; a </script> after İ was missed). Tags are
// found with ASCII-only folding now.
func TestCaseFoldingKeepsOffsets(t *testing.T) {
	tests := []struct {
		name, text string
		format     Format
		markers    []string
	}{
		{"invalid UTF-8 in sup", "<sup>\xf6\xf6\xf6\xf6</sup>", Markdown, nil},
		{"invalid UTF-8 in sup, HTML", "<p><sup>\xf6\xf6\xf6\xf6</sup> and <sup>2</sup></p>", HTML, []string{"<sup>2</sup>"}},
		{"Kelvin signs before a script", "<p>\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a\u212a</p><script>var a = [1];</script><p>Text [2].</p>", HTML, []string{"[2]"}},
	}
	for _, tt := range tests {
		d := Parse("t.html", tt.text, tt.format, Options{})
		checkSpans(t, d)
		var got []string
		for _, m := range d.Markers {
			got = append(got, tt.text[m.Start:m.End])
		}
		if len(got) != len(tt.markers) || (len(got) > 0 && got[0] != tt.markers[0]) {
			t.Errorf("%s: markers %q; want %q", tt.name, got, tt.markers)
		}
	}
}
