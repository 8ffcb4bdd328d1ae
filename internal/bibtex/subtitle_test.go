package bibtex

import (
	"bytes"
	"testing"
)

// TestSubtitles: CSL has no subtitle variable, so the import joins a
// BibLaTeX subtitle into the title (styles print it) and the export splits
// it off again, byte for byte.
func TestSubtitles(t *testing.T) {
	tests := []struct {
		name, in, variable, want string
	}{
		{"colon", "@book{a, title = {Space and Beyond}, subtitle = {The Frontier Theme}}\n", "title", "Space and Beyond: The Frontier Theme"},
		{"question", "@book{a, title = {Why Cite?}, subtitle = {A Guide}}\n", "title", "Why Cite? A Guide"},
		{"book", "@incollection{a, title = {T}, booktitle = {Space and Beyond}, booksubtitle = {The Frontier Theme}}\n", "container-title", "Space and Beyond: The Frontier Theme"},
		{"latex", "@book{a, title = {Films}, subtitle = {{American} Science \\emph{Fiction}}}\n", "title", "Films: American Science Fiction"},
		{"no title", "@book{a, subtitle = {Only a subtitle}}\n", "title", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib, _, err := Decode("t.bib", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := lib.Entries[0].Get(tt.variable); got != tt.want {
				t.Errorf("%s = %q; want %q", tt.variable, got, tt.want)
			}
			var first, second bytes.Buffer
			if err := Encode(&first, lib.Entries, Options{}); err != nil {
				t.Fatal(err)
			}
			again, _, err := Decode("again.bib", first.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if !again.Entries[0].Equal(lib.Entries[0]) {
				t.Errorf("export → import changed the entry:\n%+v\n%+v", again.Entries[0].Strip(), lib.Entries[0].Strip())
			}
			if err := Encode(&second, again.Entries, Options{}); err != nil {
				t.Fatal(err)
			}
			if first.String() != second.String() {
				t.Errorf("export is not stable:\n%s\n%s", first.String(), second.String())
			}
			if bytes.Count(first.Bytes(), []byte("Frontier Theme")) > 1 {
				t.Errorf("the subtitle is written twice:\n%s", first.String())
			}
		})
	}
}

func TestSplitSubtitleKeepsEditedTitles(t *testing.T) {
	lib, _, err := Decode("t.bib", []byte("@book{a, title = {Space}, subtitle = {Beyond}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	e := lib.Entries[0]
	if got := splitSubtitle(e, "title", "Space: Beyond"); got != "Space" {
		t.Errorf("splitSubtitle(joined) = %q; want %q", got, "Space")
	}
	// A title the user rewrote no longer ends with the subtitle: kept whole.
	if got := splitSubtitle(e, "title", "Space, revised"); got != "Space, revised" {
		t.Errorf("splitSubtitle(edited) = %q; want it unchanged", got)
	}
	if got := splitSubtitle(e, "container-title", "Space: Beyond"); got != "Space: Beyond" {
		t.Errorf("splitSubtitle on another variable = %q; want it unchanged", got)
	}
}
