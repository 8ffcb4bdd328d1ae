package styles_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/styles"
)

// TestPortable checks that the portable form of every style still parses,
// keeps exactly one layout per context and no extension attribute, and
// renders a Russian item as the full style does.
func TestPortable(t *testing.T) {
	ru := &item.Item{ID: "a", Type: "book", Language: "ru",
		Vars:  map[string]string{"title": "Заглавие", "publisher-place": "Алматы"},
		Names: map[string][]item.Name{"author": {{Family: "Иванов", Given: "И. И."}}},
		Dates: map[string]item.Date{"issued": {Parts: []item.DateParts{{Year: 1993}}}}}
	for _, name := range styles.Names() {
		t.Run(name, func(t *testing.T) {
			full, err := styles.Style(name)
			if err != nil {
				t.Fatal(err)
			}
			port := styles.Portable(full)
			for _, bad := range []string{"script-order", "<layout locale"} {
				if bytes.Contains(port, []byte(bad)) {
					t.Errorf("Portable(%s) still contains %q", name, bad)
				}
			}
			def := string(regexp.MustCompile(`default-locale="(\w+)`).FindSubmatch(full)[1])
			for _, m := range regexp.MustCompile(`<locale xml:lang="(\w+)`).FindAllSubmatch(port, -1) {
				if string(m[1]) != def {
					t.Errorf("Portable(%s) keeps the inline locale %s; the style's language is %s", name, m[1], def)
				}
			}
			if n := bytes.Count(port, []byte("<layout")); n != 2 {
				t.Errorf("Portable(%s) has %d layouts; want 2 (citation and bibliography)", name, n)
			}
			pf, err := csl.New(full, csl.Options{})
			if err != nil {
				t.Fatal(err)
			}
			pp, err := csl.New(port, csl.Options{})
			if err != nil {
				t.Fatalf("Portable(%s) does not parse: %v", name, err)
			}
			items := []*item.Item{ru}
			cl := []csl.Cluster{{Items: []csl.CiteItem{{ID: "a", Locator: "9"}}}}
			rf, rp := pf.Process(items, cl, true), pp.Process(items, cl, true)
			if f, p := csl.Render(rf.Clusters[0], output.Text), csl.Render(rp.Clusters[0], output.Text); f != p {
				t.Errorf("citation: full %q, portable %q", f, p)
			}
			if f, p := csl.RenderBibliography(rf, output.Text), csl.RenderBibliography(rp, output.Text); f != p {
				t.Errorf("bibliography: full %q, portable %q", f, p)
			}
		})
	}
}

// TestPortableUnchanged checks that a style without the extensions comes
// back byte for byte.
func TestPortableUnchanged(t *testing.T) {
	in := []byte(`<style xmlns="http://purl.org/net/xbiblio/csl" default-locale="en-US"><locale xml:lang="en"><terms/></locale><citation><layout><text variable="title"/></layout></citation></style>`)
	if got := styles.Portable(in); !bytes.Equal(got, in) {
		t.Errorf("Portable changed a plain style:\n%s", got)
	}
}

// TestPortablePandoc runs pandoc --citeproc on the GOST style as shipped
// and in its portable form: pandoc 2.17 renders every localized layout
// one after another ("[111]"), the portable form once ("[1]"). It skips
// without pandoc.
func TestPortablePandoc(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		t.Skip("pandoc not installed")
	}
	dir := t.TempDir()
	full, err := styles.Style("gost")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	refs := write("refs.json", []byte(`[{"id":"a","type":"book","language":"ru","title":"Заглавие","issued":{"date-parts":[[1993]]}}]`))
	doc := write("doc.md", []byte("Text [@a].\n"))
	run := func(style []byte) string {
		cmd := exec.Command(pandoc, "--citeproc", "--csl", write("style.csl", style), "--bibliography", refs, "-t", "plain", doc)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("pandoc: %v\n%s", err, out)
		}
		return string(out)
	}
	if got := run(full); !strings.Contains(got, "[111]") {
		t.Logf("pandoc now handles localized layouts (%q); update the README", strings.SplitN(got, "\n", 2)[0])
	}
	if got := run(styles.Portable(full)); !strings.HasPrefix(got, "Text [1].") {
		t.Errorf("pandoc with the portable GOST style:\n%s\nwant it to begin with \"Text [1].\"", got)
	}
}
