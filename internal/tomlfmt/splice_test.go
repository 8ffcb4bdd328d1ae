package tomlfmt_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/testkit"
	"github.com/cite-project/cite/internal/tomlfmt"
)

// TestSplice changes some records of a hand-written file; everything else
// must stay byte for byte.
func TestSplice(t *testing.T) {
	f := filepath.Join("testdata", "comments.toml")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	lib, _, err := store.Decode(f, data)
	if err != nil {
		t.Fatal(err)
	}
	keep := lib.Entries[0]
	keep.Set("publisher", "Білім")
	keep.AddAlias("zhigalov1993a")
	claim := lib.Claims[0]
	claim.Sources[0].Ref = "zhigalov1993"
	tests := []struct {
		name         string
		refs, claims map[int]tomlfmt.Change
	}{
		{"replace", map[int]tomlfmt.Change{0: {Entry: keep}}, nil},
		{"remove-with-comments", map[int]tomlfmt.Change{1: {Remove: true, Note: "vais2012 was merged into zhigalov1993 by cite merge"}}, nil},
		{"merge", map[int]tomlfmt.Change{0: {Entry: keep}, 1: {Remove: true, Note: "vais2012 was merged into zhigalov1993 by cite merge"}}, map[int]tomlfmt.Change{0: {Claim: claim}}},
		{"nothing", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tomlfmt.Splice(f, data, tt.refs, tt.claims)
			if err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, filepath.Join("testdata", "splice", tt.name+".golden"), out)
			if tt.name == "nothing" && string(out) != string(data) {
				t.Error("Splice with no changes changed the file")
			}
		})
	}
}

func TestSpliceRemovesCleanly(t *testing.T) {
	src := "# head\n\n[[reference]]\nid = \"a\"\ntype = \"book\"\n\n[[reference]]\nid = \"b\"\ntype = \"book\"\n\n[[reference]]\nid = \"c\"\ntype = \"book\"\n"
	tests := []struct {
		remove int
		want   string
	}{
		{0, "# head\n\n[[reference]]\nid = \"b\"\ntype = \"book\"\n\n[[reference]]\nid = \"c\"\ntype = \"book\"\n"},
		{1, "# head\n\n[[reference]]\nid = \"a\"\ntype = \"book\"\n\n[[reference]]\nid = \"c\"\ntype = \"book\"\n"},
		{2, "# head\n\n[[reference]]\nid = \"a\"\ntype = \"book\"\n\n[[reference]]\nid = \"b\"\ntype = \"book\"\n"},
	}
	for _, tt := range tests {
		out, err := tomlfmt.Splice("x.toml", []byte(src), map[int]tomlfmt.Change{tt.remove: {Remove: true}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != tt.want {
			t.Errorf("removing record %d:\n%s\nwant\n%s", tt.remove, out, tt.want)
		}
	}
}

func TestSpliceRefusesARecordWithProblems(t *testing.T) {
	src := "[[reference]]\nid = \"a\"\ntype = \"book\"\ntitel = \"x\"\n\n[[reference]]\nid = \"b\"\ntype = \"book\"\nfoo = 1\n"
	e := bib.NewEntry("a", "book")
	_, err := tomlfmt.Splice("x.toml", []byte(src), map[int]tomlfmt.Change{0: {Entry: e}}, nil)
	var pe *tomlfmt.ProblemsError
	if !errors.As(err, &pe) || len(pe.Diagnostics) != 1 || !strings.Contains(err.Error(), "titel") {
		t.Errorf("Splice of a record with an unknown key: %v; want a *ProblemsError about titel only", err)
	}
	// A problem elsewhere in the file does not stop a change.
	e = bib.NewEntry("a", "book")
	e.Set("title", "x")
	src = "[[reference]]\nid = \"a\"\ntype = \"book\"\n\n[[reference]]\nid = \"b\"\ntype = \"book\"\nfoo = 1\n"
	out, err := tomlfmt.Splice("x.toml", []byte(src), map[int]tomlfmt.Change{0: {Entry: e}}, nil)
	if err != nil || !strings.Contains(string(out), "foo = 1") {
		t.Errorf("Splice = %q, %v; want the other record kept with its unknown key", out, err)
	}
}
