package libedit

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
)

// oldFile is a library file as an author keeps it: comments, a table cite
// does not know, keys cite does not know, extra fields, claims between
// references, inline names, odd spacing.
const oldFile = `# My library — kept by hand.
[meta]
owner = "me"

[[reference]]
id = "vais2012"     # checked against the copy
type = "book"
title = "Old title"
note = "from the library catalogue"
reviewer = "someone"   # a key cite does not know
author = [{ family = "Вайс", given = "А." }]

[[reference.translator]]
family = "Translator"
given = "T."

[reference.extra]
shelf = "B-12"
callnumber = "123"

# A claim between references.
[[claim]]
id = "c1"
statement = "s"
kind = "fact"
excerpt = "e"

[[claim.sources]]
ref = "vais2012"

[[reference]]
id   =   "other"
type = "book"
title = "Untouched, odd spacing and all"
`

func decodeEntries(t *testing.T, src string) []*bib.Entry {
	t.Helper()
	lib, diags, err := store.Decode("new.bib", []byte(src))
	if err != nil || bib.HasErrors(diags) {
		t.Fatalf("decode: %v %v", err, diags)
	}
	return lib.Entries
}

func TestRecords(t *testing.T) {
	recs := Records([]byte(oldFile))
	if len(recs) != 2 {
		t.Fatalf("Records found %d records; want 2", len(recs))
	}
	first := oldFile[recs[0].Start:recs[0].End]
	if !strings.HasPrefix(first, "[[reference]]\nid = \"vais2012\"") || !strings.HasSuffix(first, "callnumber = \"123\"\n") {
		t.Errorf("first record spans\n%s", first)
	}
	if strings.Contains(first, "A claim between") {
		t.Error("the comment above the claim was counted in the record before it")
	}
	if got := oldFile[recs[1].Start:recs[1].End]; !strings.HasPrefix(got, "[[reference]]\nid   =   \"other\"") || !strings.HasSuffix(got, "spacing and all\"\n") {
		t.Errorf("second record spans\n%s", got)
	}
}

// TestReplaceKeepsEveryOtherByte is the regression test for replace
// rewriting the whole file in canonical form: unknown top-level tables,
// other references, claims and comments must stay byte for byte.
func TestReplaceKeepsEveryOtherByte(t *testing.T) {
	incoming := decodeEntries(t, "[[reference]]\nid = \"other\"\ntype = \"book\"\ntitle = \"New title\"\n")
	res, err := Merge("lib.toml", []byte(oldFile), incoming, Options{Policy: Replace})
	if err != nil {
		t.Fatal(err)
	}
	recs := Records([]byte(oldFile))
	want := oldFile[:recs[1].Start] + "[[reference]]\nid = \"other\"\ntype = \"book\"\ntitle = \"New title\"\n" + oldFile[recs[1].End:]
	if string(res.Data) != want {
		t.Errorf("Merge(replace other) =\n%s\nwant\n%s", res.Data, want)
	}
	if len(res.Replaced) != 1 || len(res.Leftovers) != 0 {
		t.Errorf("Replaced %v, Leftovers %v; want [other] and none", res.Replaced, res.Leftovers)
	}
}

// TestReplaceReportsLeftovers: what the replaced record had and the new
// one lacks is reported, one item each, with its line.
func TestReplaceReportsLeftovers(t *testing.T) {
	incoming := decodeEntries(t, "[[reference]]\nid = \"vais2012\"\ntype = \"book\"\ntitle = \"New title\"\n\n[reference.extra]\nshelf = \"C-1\"\n")
	res, err := Merge("lib.toml", []byte(oldFile), incoming, Options{Policy: Replace})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range res.Leftovers {
		if l.Kept {
			t.Errorf("%v marked kept without KeepExtra", l)
		}
		got = append(got, l.String())
	}
	want := []string{
		`comment "# checked against the copy" (lib.toml:6)`,
		"field note (lib.toml:9)",
		"unknown key reviewer (lib.toml:10)", // its comment goes with it
		"names author (lib.toml:11)",
		"names translator (lib.toml:13)",
		"extra field callnumber (lib.toml:19)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Leftovers =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	recs := Records([]byte(oldFile))
	if !bytes.HasPrefix(res.Data, []byte(oldFile[:recs[0].Start])) || !bytes.HasSuffix(res.Data, []byte(oldFile[recs[0].End:])) {
		t.Error("bytes outside the replaced record changed")
	}
	lib, _, err := store.Decode("out.toml", res.Data)
	if err != nil {
		t.Fatal(err)
	}
	if e := lib.Entries[0]; e.Get("title") != "New title" || e.Get("note") != "" || e.Extra["callnumber"] != "" || e.Extra["shelf"] != "C-1" {
		t.Errorf("replaced entry = %+v; want the new record alone", e)
	}
}

// TestReplaceKeepExtra: with KeepExtra the leftovers are carried into the
// new record, as written, and the file still reads.
func TestReplaceKeepExtra(t *testing.T) {
	incoming := decodeEntries(t, "[[reference]]\nid = \"vais2012\"\ntype = \"book\"\ntitle = \"New title\"\n\n[reference.extra]\nshelf = \"C-1\"\n")
	res, err := Merge("lib.toml", []byte(oldFile), incoming, Options{Policy: Replace, KeepExtra: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range res.Leftovers {
		if !l.Kept {
			t.Errorf("%v not kept with KeepExtra", l)
		}
	}
	recs := Records([]byte(oldFile))
	wantRecord := `[[reference]]
# checked against the copy
id = "vais2012"
type = "book"
title = "New title"
note = "from the library catalogue"
reviewer = "someone"   # a key cite does not know
author = [{ family = "Вайс", given = "А." }]

[reference.extra]
callnumber = "123"
shelf = "C-1"

[[reference.translator]]
family = "Translator"
given = "T."
`
	if want := oldFile[:recs[0].Start] + wantRecord + oldFile[recs[0].End:]; string(res.Data) != want {
		t.Errorf("Merge(replace, KeepExtra) =\n%s\nwant\n%s", res.Data, want)
	}
	lib, diags, err := store.Decode("out.toml", res.Data)
	if err != nil {
		t.Fatal(err)
	}
	e := lib.Entries[0]
	if e.Get("note") == "" || len(e.Names("author")) != 1 || len(e.Names("translator")) != 1 || e.Extra["callnumber"] != "123" || e.Extra["shelf"] != "C-1" {
		t.Errorf("kept entry = %+v", e)
	}
	if bib.HasErrors(diags) {
		t.Errorf("the kept record has errors: %v", diags)
	}
}

func TestMergePolicies(t *testing.T) {
	incoming := func() []*bib.Entry {
		return decodeEntries(t, "[[reference]]\nid = \"other\"\ntype = \"book\"\ntitle = \"N\"\n\n[[reference]]\nid = \"fresh\"\ntype = \"book\"\ntitle = \"F\"\n")
	}
	res, err := Merge("lib.toml", []byte(oldFile), incoming(), Options{Policy: Refuse})
	if err != nil || len(res.Conflicts) != 1 || res.Data != nil || !strings.Contains(res.Conflicts[0], `id "other" is already used at lib.toml:32`) {
		t.Errorf("Refuse: %v, %+v", err, res)
	}
	res, err = Merge("lib.toml", []byte(oldFile), incoming(), Options{Policy: Skip, Source: "x.bib"})
	if err != nil || len(res.Skipped) != 1 || len(res.Added) != 1 || !bytes.HasPrefix(res.Data, []byte(oldFile)) ||
		!strings.Contains(string(res.Data[len(oldFile):]), "# Imported from x.bib by cite import.\n[[reference]]\nid = \"fresh\"") {
		t.Errorf("Skip: %v, %+v\n%s", err, res, res.Data)
	}
	res, err = Merge("lib.toml", []byte(oldFile), incoming(), Options{Policy: Rename})
	if err != nil || len(res.Renamed) != 1 || res.Renamed[0] != [2]string{"other", "other-2"} || !bytes.Contains(res.Data, []byte(`id = "other-2"`)) {
		t.Errorf("Rename: %v, %+v", err, res)
	}
	twice := decodeEntries(t, "[[reference]]\nid = \"other\"\ntype = \"book\"\n")
	twice = append(twice, twice[0])
	if res, err := Merge("lib.toml", []byte(oldFile), twice, Options{Policy: Replace}); err != nil || len(res.Conflicts) != 1 {
		t.Errorf("Replace with an id twice in the import: %v, %+v", err, res)
	}
	res, err = Merge("new.toml", nil, incoming(), Options{Policy: Refuse})
	if err != nil || len(res.Added) != 2 || bytes.HasPrefix(res.Data, []byte("\n")) {
		t.Errorf("into a new file: %v, %+v", err, res)
	}
}

func TestMergeRefusesBrokenFile(t *testing.T) {
	_, err := Merge("lib.toml", []byte("[[reference]\nid = 1"), nil, Options{})
	if err == nil {
		t.Error("Merge into a file that is not TOML succeeded")
	}
}
