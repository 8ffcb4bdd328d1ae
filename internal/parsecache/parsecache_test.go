package parsecache_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/parsecache"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/testkit"
)

// records decodes a generated library, written as files of 100
// references, and the store's test files into cache records.
func records(t *testing.T) []*parsecache.File {
	t.Helper()
	lib := gen.Library(600, 3)
	var out []*parsecache.File
	for i := 0; i < len(lib.Entries); i += 100 {
		var b bytes.Buffer
		claims := lib.Claims[i/10 : min(i/10+10, len(lib.Claims))]
		if err := store.Encode(&b, lib.Entries[i:min(i+100, len(lib.Entries))], claims); err != nil {
			t.Fatal(err)
		}
		out = append(out, record(t, fmt.Sprintf("gen/refs-%d.toml", i/100), b.Bytes()))
	}
	paths, _ := filepath.Glob(filepath.Join(testkit.ModuleRoot(t), "internal", "store", "testdata", "*", "*.toml"))
	more, _ := filepath.Glob(filepath.Join(testkit.ModuleRoot(t), "internal", "store", "testdata", "*.toml"))
	for _, p := range append(paths, more...) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := store.Decode(p, data); err != nil {
			continue // a syntax error is never cached
		}
		out = append(out, record(t, p, data))
	}
	if len(out) < 10 {
		t.Fatalf("only %d records", len(out))
	}
	return out
}

func record(t *testing.T, name string, data []byte) *parsecache.File {
	t.Helper()
	lib, diags, err := store.Decode(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return &parsecache.File{Name: name, Size: int64(len(data)), ModTime: 7, Sum: parsecache.Sum(data), Library: lib, Diags: diags}
}

var key = parsecache.Key{Kind: "toml", Library: "refs", Options: "depth=16"}

// TestRoundTrip writes records to a cache and reads them back: every
// entry, name, date, position, claim and diagnostic comes back equal,
// down to nil against empty.
func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	recs := records(t)
	if err := parsecache.Open(dir, key).Save(recs); err != nil {
		t.Fatal(err)
	}
	c := parsecache.Open(dir, key)
	if c.Len() != len(recs) {
		t.Fatalf("Open after Save holds %d records; want %d", c.Len(), len(recs))
	}
	for _, want := range recs {
		got, ok := c.Lookup(want.Name, want.Size, want.ModTime, want.Sum)
		if !ok {
			t.Errorf("Lookup(%s) found nothing", want.Name)
			continue
		}
		if !reflect.DeepEqual(got.Diags, want.Diags) {
			t.Errorf("%s: diagnostics differ:\n got %v\nwant %v", want.Name, got.Diags, want.Diags)
		}
		if !reflect.DeepEqual(got.Library, want.Library) {
			for i := range want.Library.Entries {
				if i < len(got.Library.Entries) && !reflect.DeepEqual(got.Library.Entries[i], want.Library.Entries[i]) {
					t.Errorf("%s: entry %d differs:\n got %+v\nwant %+v", want.Name, i, got.Library.Entries[i], want.Library.Entries[i])
					break
				}
			}
			t.Errorf("%s: library differs after the round trip", want.Name)
		}
	}
	for _, miss := range []struct {
		what        string
		size, mtime int64
		sumDelta    uint64
	}{{"size", 1, 0, 0}, {"time", 0, 1, 0}, {"contents", 0, 0, 1}} {
		r := recs[0]
		if _, ok := c.Lookup(r.Name, r.Size+miss.size, r.ModTime+miss.mtime, r.Sum+miss.sumDelta); ok {
			t.Errorf("Lookup with another %s found the record", miss.what)
		}
	}
}

// TestStaleOrCorrupt checks that a cache of another key, and every
// truncation and many changed bytes of a cache file, read as an empty
// cache, never as wrong records or a panic.
func TestStaleOrCorrupt(t *testing.T) {
	dir := t.TempDir()
	recs := records(t)[:2]
	if err := parsecache.Open(dir, key).Save(recs); err != nil {
		t.Fatal(err)
	}
	for _, other := range []parsecache.Key{{Kind: "toml", Library: "refs", Options: "depth=4"}, {Kind: "csljson", Library: "refs", Options: "depth=16"}} {
		if c := parsecache.Open(dir, other); c.Len() != 0 {
			t.Errorf("Open(%+v) read the cache of %+v", other, key)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.bin"))
	if len(files) != 1 {
		t.Fatalf("cache files = %q; want one", files)
	}
	good, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	step := max(1, len(good)/300)
	for n := 0; n < len(good); n += step {
		if err := os.WriteFile(files[0], good[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		if c := parsecache.Open(dir, key); c.Len() != 0 {
			t.Fatalf("a cache cut to %d of %d bytes gave %d records", n, len(good), c.Len())
		}
		bad := bytes.Clone(good)
		bad[n] ^= 0x5a
		if err := os.WriteFile(files[0], bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if c := parsecache.Open(dir, key); c.Len() != 0 {
			t.Fatalf("a cache with byte %d changed gave %d records", n, c.Len())
		}
	}
}

// TestConcurrentRuns saves and opens one cache from many goroutines at
// once: every Open sees no records or all of them.
func TestConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	recs := records(t)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				if err := parsecache.Open(dir, key).Save(recs); err != nil {
					errs <- err
				}
				return
			}
			for range 4 {
				if n := parsecache.Open(dir, key).Len(); n != 0 && n != len(recs) {
					errs <- fmt.Errorf("Open during Save read %d of %d records", n, len(recs))
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := parsecache.Open(dir, key).Len(); n != len(recs) {
		t.Errorf("after the runs the cache holds %d records; want %d", n, len(recs))
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("temporary or lock files left behind: %q", left)
	}
}

// TestSumSeesChanges checks that Sum changes with one changed byte.
func TestSumSeesChanges(t *testing.T) {
	a := []byte("[[reference]]\nid = \"a\"\n")
	b := bytes.Clone(a)
	b[len(b)-3] = 'b'
	if parsecache.Sum(a) == parsecache.Sum(b) {
		t.Errorf("Sum(%q) == Sum(%q)", a, b)
	}
}

// TestOpenWithFewPositions reads a cache keeping only the positions of
// "id": the entries come back without the others, and a Save of those
// records writes every position back, as a plain Open then shows.
func TestOpenWithFewPositions(t *testing.T) {
	dir := t.TempDir()
	recs := records(t)
	if err := parsecache.Open(dir, key).Save(recs); err != nil {
		t.Fatal(err)
	}
	onlyID := func(k string) bool { return k == "id" }
	few := parsecache.OpenWith(dir, key, parsecache.Reading{KeepPosition: onlyID})
	var back []*parsecache.File
	for _, want := range recs {
		got, ok := few.Lookup(want.Name, want.Size, want.ModTime, want.Sum)
		if !ok {
			t.Fatalf("Lookup(%s) found nothing", want.Name)
		}
		back = append(back, got)
		for i, e := range got.Library.Entries {
			w := want.Library.Entries[i]
			if !e.Equal(w) || e.Pos != w.Pos {
				t.Fatalf("%s: entry %s differs beyond its key positions", want.Name, e.ID)
			}
			for k := range e.Positions() {
				if k != "id" {
					t.Fatalf("%s: entry %s kept the position of %q", want.Name, e.ID, k)
				}
			}
			if p, _ := w.KeyPos("id"); e.FieldPos("id") != p {
				t.Errorf("%s: entry %s: id at %v; want %v", want.Name, e.ID, e.FieldPos("id"), p)
			}
		}
	}
	if err := few.Save(back); err != nil {
		t.Fatal(err)
	}
	full := parsecache.Open(dir, key)
	for _, want := range recs {
		got, ok := full.Lookup(want.Name, want.Size, want.ModTime, want.Sum)
		if !ok || !reflect.DeepEqual(got.Library, want.Library) {
			t.Errorf("%s: after a Save of records read with few positions, the cache lost some", want.Name)
		}
	}
}
