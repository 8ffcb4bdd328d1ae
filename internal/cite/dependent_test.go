package cite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/cite"
)

const parentStyle = `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Parent</title><id>http://example.org/styles/parent</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text value="PARENT "/><text variable="title"/></layout></bibliography>
</style>`

const dependentStyle = `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">
  <info><title>Child</title><id>http://example.org/styles/child</id>
    <link href="http://example.org/styles/parent" rel="independent-parent"/>
    <updated>2020-01-01T00:00:00+00:00</updated></info>
</style>`

// TestDependentStyle: a dependent style's parent is found as a file beside
// it or in the directory above (the official repository's layout), never
// through the network; a missing parent is an error that says where to
// put it.
func TestDependentStyle(t *testing.T) {
	write := func(path, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib := load(t, "../../refs/references.toml")
	for _, layout := range []string{"beside", "above"} {
		t.Run(layout, func(t *testing.T) {
			dir := t.TempDir()
			child := filepath.Join(dir, "dependent", "child.csl")
			write(child, dependentStyle)
			if layout == "beside" {
				write(filepath.Join(dir, "dependent", "parent.csl"), parentStyle)
			} else {
				write(filepath.Join(dir, "parent.csl"), parentStyle)
			}
			st, err := cite.LoadStyle(child, os.ReadFile)
			if err != nil {
				t.Fatal(err)
			}
			f, err := cite.New(st, cite.Options{})
			if err != nil {
				t.Fatalf("New(dependent style): %v", err)
			}
			res, err := f.Bibliography(lib, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Entries) != len(lib.Entries) {
				t.Fatalf("Bibliography gave %d entries; want %d", len(res.Entries), len(lib.Entries))
			}
			for _, e := range res.Entries {
				if !strings.HasPrefix(e, "PARENT") {
					t.Errorf("entry %q does not use the parent's layout (PARENT …)", e)
				}
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		child := filepath.Join(t.TempDir(), "child.csl")
		write(child, dependentStyle)
		st, err := cite.LoadStyle(child, os.ReadFile)
		if err != nil {
			t.Fatal(err)
		}
		_, err = cite.New(st, cite.Options{})
		if err == nil || !strings.Contains(err.Error(), "put parent.csl beside it") {
			t.Errorf("New without the parent: %v; want an error saying where to put parent.csl", err)
		}
	})
}
