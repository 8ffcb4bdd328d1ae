package store

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/testkit"
)

// FuzzEncodeDecode builds a record from arbitrary strings (quotes,
// backslashes, control characters, newlines, keys that need quoting),
// encodes it and decodes it again: the file must always parse, the record
// must come back exactly when its text is valid UTF-8, and encoding what
// was decoded must give the same bytes. Output size is bounded by a
// multiple of the input size.
func FuzzEncodeDecode(f *testing.F) {
	f.Add("zhigalov1993", "book", "title", "Первый \"Президент\"\n\\", "Жигалов", "К. В.", "eprint", "x\x00y", "1993-05~")
	f.Add("a b", "article-journal", "page", "12–14", "", "", "weird.key", "", "2014/2020")
	f.Add("id", "webpage", "URL", "\x7f\x1b", "Van", "", "", "\t", "-0042")
	f.Fuzz(func(t *testing.T, id, typ, key, value, family, given, extraKey, extraValue, date string) {
		e := bib.NewEntry(id, typ)
		if k := bib.VariableKind(key); k == bib.Standard || k == bib.Number {
			e.Set(key, value)
		}
		if n := (bib.Name{Family: family, Given: given}); !n.IsEmpty() {
			e.AddName("author", n)
		}
		if extraKey != "" || extraValue != "" {
			e.Extra = map[string]string{extraKey: extraValue}
		}
		if d, err := bib.ParseDate(date); err == nil {
			e.SetDate("issued", d)
		}
		var b bytes.Buffer
		if err := Encode(&b, []*bib.Entry{e}, nil); err != nil {
			t.Fatal(err)
		}
		in := len(id) + len(typ) + len(key) + len(value) + len(family) + len(given) + len(extraKey) + len(extraValue) + len(date)
		testkit.OutputBudget(t, "Encode", in, b.Len(), 6, 1024)
		var (
			lib *bib.Library
			err error
		)
		testkit.AllocBudget(t, "Decode", b.Len(), allocPerInputByte, allocSlack, func() {
			lib, _, err = Decode("round.toml", b.Bytes())
		})
		if err != nil {
			t.Fatalf("the encoded record does not parse: %v\n%s", err, b.String())
		}
		if len(lib.Entries) != 1 {
			t.Fatalf("decoded %d references; want 1\n%s", len(lib.Entries), b.String())
		}
		var again bytes.Buffer
		Encode(&again, lib.Entries, nil)
		valid := true
		for _, s := range []string{id, typ, value, family, given, extraKey, extraValue} {
			valid = valid && utf8.ValidString(s)
		}
		if !valid {
			return // invalid UTF-8 is written as \u00XX escapes: readable, not the same bytes
		}
		got := lib.Entries[0]
		if strings.TrimSpace(id) != "" && got.ID != id {
			t.Fatalf("id %q came back as %q", id, got.ID)
		}
		if typ != "" && got.Type != typ {
			t.Fatalf("type %q came back as %q", typ, got.Type)
		}
		if v := e.Get(key); v != "" && got.Get(key) != v {
			t.Fatalf("%s = %q came back as %q", key, v, got.Get(key))
		}
		if len(e.Names("author")) == 1 && (len(got.Names("author")) != 1 || got.Names("author")[0].Family != family || got.Names("author")[0].Given != given) {
			t.Fatalf("author %q, %q came back as %+v", family, given, got.Names("author"))
		}
		if e.Extra != nil && got.Extra[extraKey] != extraValue {
			t.Fatalf("extra %q = %q came back as %q", extraKey, extraValue, got.Extra[extraKey])
		}
		if strings.TrimSpace(id) != "" && typ != "" && !bytes.Equal(again.Bytes(), b.Bytes()) {
			t.Fatalf("encode → decode → encode changed the bytes:\n%s\n---\n%s", b.String(), again.String())
		}
	})
}
