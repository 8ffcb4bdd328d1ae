package store

import (
	"github.com/cite-project/cite/internal/bib"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestLoadWithCache loads a library of three files through the parse
// cache: the first load parses every file and writes the cache, the second
// parses none and gives the same library and diagnostics, and a file whose
// contents, size or time change is parsed again, alone.
func TestLoadWithCache(t *testing.T) {
	files := map[string]string{
		"a.toml": "[[reference]]\nid = \"a\"\ntype = \"book\"\ntitle = \"A\"\nissued = \"1993\"\n[[reference.author]]\nfamily = \"Жигалов\"\ngiven = \"К. В.\"\n",
		"b.toml": "[[reference]]\nid = \"b\"\ntype = \"bookx\"\ntitel = \"B\"\n\n[[claim]]\nid = \"c1\"\nstatement = \"S\"\nsources = [{ ref = \"a\", locator = \"9\" }]\n",
		"c.toml": "[[reference]]\nid = \"a\"\ntype = \"book\"\nissued = { literal = \"n.d.\" }\n",
	}
	dir, lib := writeLibrary(t, files)
	cacheDir := filepath.Join(dir, "cache")
	lim := Limits{CacheDir: cacheDir}
	load := func(wantParses int64) (*bib.Library, []bib.Diagnostic) {
		t.Helper()
		before := parses.Load()
		l, d, err := LoadWith(lib, lim)
		if err != nil {
			t.Fatal(err)
		}
		if got := parses.Load() - before; got != wantParses {
			t.Errorf("LoadWith parsed %d files; want %d", got, wantParses)
		}
		return l, d
	}
	plainLib, plainDiags, err := LoadWith(lib, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	l1, d1 := load(3)
	l2, d2 := load(0)
	for i, got := range []struct {
		lib   *bib.Library
		diags []bib.Diagnostic
	}{{l1, d1}, {l2, d2}} {
		if !reflect.DeepEqual(got.lib, plainLib) || !reflect.DeepEqual(got.diags, plainDiags) {
			t.Errorf("load %d through the cache differs from a load without it:\n%v\n%v", i+1, got.diags, plainDiags)
		}
	}

	b := filepath.Join(lib, "b.toml")
	info, err := os.Stat(b)
	if err != nil {
		t.Fatal(err)
	}
	// Same size and time, other contents: the checksum tells.
	changed := []byte(files["b.toml"])
	changed[len("[[reference]]\nid = \"")] = 'x'
	if err := os.WriteFile(b, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(b, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	l3, _ := load(1)
	if ids := entryIDs(l3); !reflect.DeepEqual(ids, []string{"a", "x", "a"}) {
		t.Errorf("after changing b.toml the ids are %q; want [a x a]", ids)
	}
	load(0)
	// A newer time alone makes the file be read again.
	later := info.ModTime().Add(time.Second)
	if err := os.Chtimes(b, later, later); err != nil {
		t.Fatal(err)
	}
	load(1)
	load(0)
	// Without a cache directory nothing is cached.
	before := parses.Load()
	if _, _, err := LoadWith(lib, Limits{}); err != nil {
		t.Fatal(err)
	}
	if parses.Load()-before != 3 {
		t.Errorf("LoadWith without CacheDir parsed %d files; want 3", parses.Load()-before)
	}
}

func entryIDs(l *bib.Library) []string {
	var ids []string
	for _, e := range l.Entries {
		ids = append(ids, e.ID)
	}
	return ids
}

// TestLoadWithLean loads a library for a lean command, parsing
// it and then from the cache: both give the full load's entries and
// diagnostics, with the positions of the id and the aliases only and no
// claims, and the cache still holds every position and claim for the
// next full load.
func TestLoadWithLean(t *testing.T) {
	files := map[string]string{
		"a.toml": "[[reference]]\nid = \"a\"\ntype = \"book\"\ntitle = \"A\"\naliases = [\"b\"]\nissued = \"1993\"\n[[reference.author]]\nfamily = \"Жигалов\"\n\n[[claim]]\nid = \"c1\"\nstatement = \"x\"\nkind = \"fact\"\nexcerpt = \"y\"\n",
		"b.toml": "[[reference]]\nid = \"b\"\ntype = \"bookx\"\ntitel = \"B\"\n\n[[reference]]\nid = \"a\"\ntype = \"book\"\n",
	}
	dir, lib := writeLibrary(t, files)
	full, fullDiags, err := LoadWith(lib, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	lim := Limits{CacheDir: filepath.Join(dir, "cache"), Lean: true}
	for _, run := range []string{"parsing", "from the cache"} {
		got, diags, err := LoadWith(lib, lim)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(diags, fullDiags) {
			t.Errorf("%s: diagnostics differ:\n got %v\nwant %v", run, diags, fullDiags)
		}
		if got.Claims != nil || len(full.Claims) == 0 {
			t.Errorf("%s: a lean load kept %d claims (a full one has %d)", run, len(got.Claims), len(full.Claims))
		}
		for i, e := range got.Entries {
			w := full.Entries[i]
			if !e.Equal(w) || e.Pos != w.Pos {
				t.Errorf("%s: entry %s differs beyond its key positions", run, e.ID)
			}
			for k, p := range e.Positions() {
				if !KeepPosition(k) || p != w.PosOf(k) {
					t.Errorf("%s: entry %s kept %s at %v", run, e.ID, k, p)
				}
			}
			if e.PosOf("id") != w.PosOf("id") || e.PosOf("aliases") != w.PosOf("aliases") {
				t.Errorf("%s: entry %s lost the position of its id or aliases", run, e.ID)
			}
		}
	}
	before := parses.Load()
	again, _, err := LoadWith(lib, Limits{CacheDir: lim.CacheDir})
	if err != nil {
		t.Fatal(err)
	}
	if parses.Load() != before || !reflect.DeepEqual(again, full) {
		t.Error("a full load from the cache after lean loads differs from one without the cache")
	}
}

// writeLibrary writes files (name to contents) into the directory "refs"
// of a temporary directory dir, and returns dir and the library's path.
func writeLibrary(t *testing.T, files map[string]string) (dir, lib string) {
	t.Helper()
	dir = t.TempDir()
	lib = filepath.Join(dir, "refs")
	if err := os.MkdirAll(lib, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(lib, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, lib
}
