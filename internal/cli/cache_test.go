package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseCache runs list on a TOML library and on a CSL-JSON library
// twice with the cache on, and once with each way of turning it off: the
// output is the same every time, the cache file appears in CITE_CACHE_DIR
// only when the cache is on, and a changed file is read again.
func TestParseCache(t *testing.T) {
	dir := t.TempDir()
	cacheDir := filepath.Join(dir, "cache")
	t.Setenv("CITE_CACHE_DIR", cacheDir)
	toml := filepath.Join(dir, "refs.toml")
	json := filepath.Join(dir, "refs.json")
	if err := os.WriteFile(toml, []byte("[[reference]]\nid = \"a\"\ntype = \"book\"\ntitle = \"First\"\nissued = \"1993\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(json, []byte(`[{"id": "j", "type": "book", "title": "Jason", "issued": {"date-parts": [[2001]]}}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lib, kind, title string
	}{{toml, "toml", "First"}, {json, "csljson", "Jason"}} {
		t.Run(tc.kind, func(t *testing.T) {
			var outs []string
			for _, args := range [][]string{
				{"--no-cache", "--library", tc.lib, "list"},
				{"--library", tc.lib, "list"},
				{"--library", tc.lib, "list"},
			} {
				code, out, errOut := runCite(t, "", args...)
				if code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, errOut)
				}
				outs = append(outs, out)
				if len(outs) == 1 {
					if files, _ := filepath.Glob(filepath.Join(cacheDir, tc.kind+"-*.bin")); len(files) != 0 {
						t.Fatalf("--no-cache wrote %q", files)
					}
				}
			}
			if outs[0] != outs[1] || outs[1] != outs[2] || !strings.Contains(outs[0], tc.title) {
				t.Errorf("list through the cache differs:\n%s\n---\n%s\n---\n%s", outs[0], outs[1], outs[2])
			}
			if files, _ := filepath.Glob(filepath.Join(cacheDir, tc.kind+"-*.bin")); len(files) != 1 {
				t.Errorf("cache files %q; want one for the %s library", files, tc.kind)
			}
			data, err := os.ReadFile(tc.lib)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(tc.lib, []byte(strings.Replace(string(data), tc.title, "Other", 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Setenv("CITE_CACHE", "off")
			_, off, _ := runCite(t, "", "--library", tc.lib, "list")
			t.Setenv("CITE_CACHE", "")
			_, on, _ := runCite(t, "", "--library", tc.lib, "list")
			if !strings.Contains(on, "Other") || on != off {
				t.Errorf("after a change the cached list is\n%s\nwithout the cache\n%s", on, off)
			}
		})
	}
}
