package parsecache

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"unsafe"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/gen"
)

// TestCopyStrings reads a cache file with Reading.CopyStrings: the records
// equal those read without it, and none of their strings lies in the
// cache file's memory, which can thus go once it is read.
func TestCopyStrings(t *testing.T) {
	lib := gen.Library(300, 5)
	for i, e := range lib.Entries {
		if i%3 == 0 {
			e.Extra = map[string]string{"unmapped-key": "value " + e.ID}
			e.SetPos("unmapped-key", e.Pos)
		}
	}
	k := Key{Kind: "toml", Library: "refs"}
	data := encodeFile(k, []*File{{Name: "refs/a.toml", Size: 1, Library: lib}})
	shared, err := decodeFile(data, k, Reading{})
	if err != nil {
		t.Fatal(err)
	}
	copied, err := decodeFile(data, k, Reading{CopyStrings: true})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range copied {
		f.raw, shared[name].raw = nil, nil
	}
	if !reflect.DeepEqual(copied, shared) {
		t.Fatal("records read with CopyStrings differ from those read without")
	}
	lo, hi := uintptr(unsafe.Pointer(&data[0])), uintptr(unsafe.Pointer(&data[0]))+uintptr(len(data))
	n := 0
	var visit func(v reflect.Value)
	visit = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if s := v.String(); s != "" {
				n++
				if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= lo && p < hi {
					t.Fatalf("string %q lies in the cache file's memory", s)
				}
			}
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				visit(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				visit(v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				visit(v.Index(i))
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				visit(it.Key())
				visit(it.Value())
			}
		}
	}
	visit(reflect.ValueOf(copied))
	if n < 3000 {
		t.Fatalf("visited only %d strings", n)
	}
}

// TestKeyOfMemo asks dec.keyOf for keys in a random sequence, among them
// keys that share a slot (same length, first and last byte) and unknown
// ones, with and without an arena: each answer must be bib.KeyOf of the
// key, its name a copy outside the cache's memory when there is an arena.
func TestKeyOfMemo(t *testing.T) {
	keys := []string{"title", "tItle", "tle", "type", "tape", "id", "issued", "isbnd", "author", "editor", "x-unknown", "x-unknowx", "container-title", "DOI", "a", "b"}
	r := rand.New(rand.NewPCG(5, 6))
	for _, withArena := range []bool{false, true} {
		d := &dec{}
		if withArena {
			d.arena = &arena{}
		}
		for i := 0; i < 5000; i++ {
			k := keys[r.IntN(len(keys))]
			raw := string([]byte(k)) // a fresh copy, as each occurrence in a cache file is
			got := d.keyOf(raw)
			if want := bib.KeyOf(k); got != want {
				t.Fatalf("keyOf(%q) = %v; want %v", k, got, want)
			}
			if got.Name() != k {
				t.Fatalf("keyOf(%q).Name() = %q", k, got.Name())
			}
			if withArena && len(raw) > 0 && unsafe.StringData(got.Name()) == unsafe.StringData(raw) {
				t.Fatalf("keyOf(%q) with an arena shares the cache's memory", k)
			}
		}
	}
}
