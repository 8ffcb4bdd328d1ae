package tomlfmt_test

import (
	"bytes"
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

// TestGolden formats each testdata/*.toml; the result must match its
// golden file and be a fixed point.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out, err := tomlfmt.Format(f, data)
			if err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, strings.TrimSuffix(f, ".toml")+".golden", out)
			again, err := tomlfmt.Format(f, out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, out) {
				t.Errorf("Format is not a fixed point:\n%s", testkit.Diff(string(out), string(again)))
			}
		})
	}
}

// TestCanonicalFilesUnchanged: files cite writes itself, and refs/claims.toml
// (references.toml was typed by hand and lists URL before issued), are
// already formatted.
func TestCanonicalFilesUnchanged(t *testing.T) {
	root := testkit.ModuleRoot(t)
	for _, f := range []string{filepath.Join(root, "refs", "claims.toml")} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out, err := tomlfmt.Format(f, data)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, data) {
			t.Errorf("Format(%s) changed a canonical file:\n%s", f, testkit.Diff(string(data), string(out)))
		}
	}
	lib, _, err := store.Load(filepath.Join(root, "refs"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := store.Encode(&b, lib.Entries, lib.Claims); err != nil {
		t.Fatal(err)
	}
	out, err := tomlfmt.Format("enc.toml", b.Bytes())
	if err != nil || !bytes.Equal(out, b.Bytes()) {
		t.Errorf("Format changed store.Encode's output (%v)", err)
	}
}

func TestRefusesWhatItWouldLose(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown key", "[[reference]]\nid = \"a\"\ntype = \"book\"\ntitel = \"x\"\n", "unknown key"},
		{"bad date", "[[reference]]\nid = \"a\"\ntype = \"book\"\nissued = \"May 1992\"\n", "bad-date"},
		{"duplicate id", "[[reference]]\nid = \"a\"\ntype = \"book\"\n[[reference]]\nid = \"a\"\ntype = \"book\"\n", "duplicate-id"},
	}
	for _, tt := range tests {
		_, err := tomlfmt.Format("x.toml", []byte(tt.src))
		var pe *tomlfmt.ProblemsError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "x.toml:") {
			t.Errorf("%s: Format error = %v; want a *ProblemsError with file:line and %q", tt.name, err, tt.want)
		}
	}
	_, err := tomlfmt.Format("x.toml", []byte("[[reference]\n"))
	var se *store.SyntaxError
	if !errors.As(err, &se) {
		t.Errorf("Format of bad TOML: %v; want a *store.SyntaxError", err)
	}
}

// TestKeepsLineEndingsAndBOM: a CRLF file stays CRLF, a BOM stays.
func TestKeepsLineEndingsAndBOM(t *testing.T) {
	src := "\uFEFF# head\r\n\r\n[[reference]]\r\ntype = \"book\"\r\nid = \"a\"\r\n"
	out, err := tomlfmt.Format("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF# head\r\n\r\n[[reference]]\r\nid = \"a\"\r\ntype = \"book\"\r\n"
	if string(out) != want {
		t.Errorf("Format = %q; want %q", out, want)
	}
}

// TestGenerated: a generated library in store's canonical form is a fixed
// point, entry for entry.
func TestGenerated(t *testing.T) {
	var b bytes.Buffer
	lib := genLibrary(t)
	if err := store.Encode(&b, lib.Entries, lib.Claims); err != nil {
		t.Fatal(err)
	}
	out, err := tomlfmt.Format("gen.toml", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, b.Bytes()) {
		t.Errorf("Format changed a canonical generated file")
	}
}

func genLibrary(t *testing.T) *bib.Library {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testkit.ModuleRoot(t), "internal", "store", "testdata", "roundtrip.toml"))
	if err != nil {
		t.Fatal(err)
	}
	lib, _, err := store.Decode("roundtrip.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}
