package libedit

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/testkit"
)

func TestReplaceScatteredRecordIsRefused(t *testing.T) {
	old := "[[reference]]\nid = \"a\"\ntype = \"book\"\n\n[[claim]]\nid = \"c\"\n\n[reference.extra]\nx = \"1\"\n"
	incoming := decodeEntries(t, "[[reference]]\nid = \"a\"\ntype = \"book\"\ntitle = \"T\"\n")
	_, err := Merge("lib.toml", []byte(old), incoming, Options{Policy: Replace})
	if err == nil || !strings.Contains(err.Error(), "lib.toml:8:") {
		t.Errorf("Merge(replace a scattered record) = %v; want an error at lib.toml:8", err)
	}
}

// canonical returns an entry as store.Encode writes it.
func canonical(e *bib.Entry) string {
	var b bytes.Buffer
	store.Encode(&b, []*bib.Entry{e}, nil)
	return b.String()
}

// FuzzMerge checks the import --into merge and replace logic on any old
// file and any incoming records: the result reads back; records that were
// not replaced decode as before, replaced ones as their replacements;
// appending keeps the old file as a prefix; and output size and
// allocations stay within a multiple of the input size.
func FuzzMerge(f *testing.F) {
	f.Add([]byte(oldFile), []byte("[[reference]]\nid = \"vais2012\"\ntype = \"book\"\ntitle = \"N\"\n"), uint8(3), false)
	f.Add([]byte(oldFile), []byte("[[reference]]\nid = \"other\"\ntype = \"book\"\n[[reference]]\nid = \"new\"\ntype = \"book\"\n"), uint8(2), true)
	f.Add([]byte("[[reference]]\nid='a'\ntype='book'\n[reference.extra]\nk='v'\n"), []byte("[[reference]]\nid='a'\ntype='book'\n"), uint8(3), true)
	f.Add([]byte(""), []byte("[[reference]]\nid = \"x\"\ntype = \"book\"\n"), uint8(0), false)
	f.Add([]byte("[[reference]]\r\nid = \"a\" # c\r\ntype = \"book\"\r\nauthor = [{family = \"F\"}]"), []byte("[[reference]]\nid = \"a\"\ntype = \"book\"\n"), uint8(3), true)
	policies := []Policy{Refuse, Skip, Rename, Replace}
	f.Fuzz(func(t *testing.T, old, in []byte, p uint8, keep bool) {
		incomingLib, _, err := store.Decode("in.toml", in)
		if err != nil {
			return
		}
		oldLib, _, oldErr := store.Decode("lib.toml", old)
		opts := Options{Policy: policies[int(p)%len(policies)], KeepExtra: keep, Source: "in.bib"}
		var encIn bytes.Buffer
		store.Encode(&encIn, incomingLib.Entries, nil)
		var res *Result
		// Merge decodes the old file and the result: a few times what a
		// decode costs (store's budget is 1024 bytes per input byte).
		testkit.AllocBudget(t, "Merge", len(old)+encIn.Len(), 4096, 8<<20, func() {
			res, err = Merge("lib.toml", old, incomingLib.Entries, opts)
		})
		if oldErr != nil && len(old) > 0 {
			if err == nil {
				t.Fatalf("Merge into a file that does not decode (%v) succeeded", oldErr)
			}
			return
		}
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("Merge: %v", err)
			}
			return // a record that cannot be replaced in place, said so
		}
		if len(res.Conflicts) > 0 {
			if res.Data != nil {
				t.Fatal("Merge with conflicts returned data to write")
			}
			return
		}
		testkit.OutputBudget(t, "Merge", len(old)+encIn.Len(), len(res.Data), 2, 1024)
		if len(res.Replaced) == 0 && !bytes.HasPrefix(res.Data, old) {
			t.Fatal("appending changed the old file's bytes")
		}
		out, _, err := store.Decode("out.toml", res.Data)
		if err != nil {
			t.Fatalf("the result does not decode: %v\n%s", err, res.Data)
		}
		var oldEntries []*bib.Entry
		if oldLib != nil {
			oldEntries = oldLib.Entries
		}
		if len(out.Entries) != len(oldEntries)+len(res.Added) {
			t.Fatalf("result has %d references; want %d old + %d added", len(out.Entries), len(oldEntries), len(res.Added))
		}
		replaced := map[string]*bib.Entry{}
		for _, id := range res.Replaced {
			for _, e := range incomingLib.Entries {
				if e.ID == id {
					replaced[id] = e
					break
				}
			}
		}
		done := map[string]bool{}
		for i, e := range oldEntries {
			got := canonical(out.Entries[i])
			want := canonical(e)
			if r, ok := replaced[e.ID]; ok && !done[e.ID] {
				done[e.ID] = true
				if keep {
					continue
				}
				want = canonical(r)
			}
			if got != want {
				t.Fatalf("reference %d reads\n%s\nwant\n%s", i, got, want)
			}
		}
		for i, e := range res.Added {
			if got, want := canonical(out.Entries[len(oldEntries)+i]), canonical(e); got != want {
				t.Fatalf("added reference reads\n%s\nwant\n%s", got, want)
			}
		}
	})
}
