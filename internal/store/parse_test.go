package store

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/testkit"
)

// agree checks parseFast against BurntSushi/toml and indexLines on src:
// when parseFast accepts a document, BurntSushi/toml must accept it too
// and give the same values, indexLines the same line index, and the root
// keys must be those of the document in order. It reports whether
// parseFast accepted src.
func agree(t *testing.T, name, src string) bool {
	t.Helper()
	root, idx, keys, ok := parseFast(src)
	if !ok {
		return false
	}
	var want map[string]any
	md, err := toml.Decode(src, &want)
	if err != nil {
		t.Errorf("%s: parseFast accepts what BurntSushi/toml refuses: %v\n%s", name, err, clipSrc(src))
		return true
	}
	if !reflect.DeepEqual(root, want) {
		t.Errorf("%s: parseFast = %#v;\nBurntSushi/toml = %#v\n%s", name, root, want, clipSrc(src))
	}
	if wantIdx := indexLines(src); !reflect.DeepEqual(idx, wantIdx) {
		t.Errorf("%s: parseFast's line index differs from indexLines'\n%s", name, clipSrc(src))
	}
	var wantKeys []string
	seen := map[string]bool{}
	for _, k := range md.Keys() {
		if len(k) > 0 && !seen[k[0]] {
			seen[k[0]] = true
			wantKeys = append(wantKeys, k[0])
		}
	}
	if !reflect.DeepEqual(keys, wantKeys) && !(len(keys) == 0 && len(wantKeys) == 0) {
		t.Errorf("%s: parseFast root keys = %q; want %q", name, keys, wantKeys)
	}
	return true
}

func clipSrc(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

// tomlTestFiles returns the documents of the toml-test suite that
// BurntSushi/toml embeds in its module, or skips.
func tomlTestFiles(t *testing.T) map[string]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/BurntSushi/toml").Output()
	if err != nil {
		t.Skipf("BurntSushi/toml's module directory not found: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "internal", "toml-test", "tests")
	files := map[string]string{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".toml") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel] = string(data)
		return nil
	})
	if err != nil || len(files) == 0 {
		t.Skipf("toml-test suite not found in %s: %v", dir, err)
	}
	return files
}

// TestParseFastAgreesWithBurntSushi runs parseFast over the toml-test
// suite (valid and invalid documents), cite's own library files and a
// generated library: whatever it accepts, BurntSushi/toml reads the same.
// It also checks that parseFast accepts what library files are made of.
func TestParseFastAgreesWithBurntSushi(t *testing.T) {
	accepted, valid, invalidAccepted := 0, 0, 0
	for name, src := range tomlTestFiles(t) {
		if agree(t, name, src) {
			accepted++
			if strings.HasPrefix(name, "invalid") {
				invalidAccepted++
			}
		}
		if strings.HasPrefix(name, "valid") {
			valid++
		}
	}
	t.Logf("toml-test: parseFast reads %d documents itself (%d valid in the suite; the rest go to BurntSushi/toml)", accepted, valid)
	if invalidAccepted > 0 {
		t.Errorf("parseFast accepted %d invalid documents of toml-test", invalidAccepted)
	}

	lib := gen.Library(300, 7)
	var b bytes.Buffer
	if err := Encode(&b, lib.Entries, lib.Claims); err != nil {
		t.Fatal(err)
	}
	ours := map[string]string{"generated": b.String()}
	root := testkit.ModuleRoot(t)
	for _, dir := range []string{"refs", "internal/store/testdata"} {
		paths, _ := filepath.Glob(filepath.Join(root, dir, "*.toml"))
		if len(paths) == 0 {
			t.Fatalf("no .toml files in %s", dir)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			ours[filepath.Base(p)] = string(bytes.TrimPrefix(data, []byte("\uFEFF")))
		}
	}
	for name, src := range ours {
		if !agree(t, name, src) {
			t.Errorf("%s: parseFast leaves a plain library file to BurntSushi/toml", name)
		}
	}
}

// TestParseFastCases pins the decisions of parseFast on small documents:
// which it reads and which it leaves to BurntSushi/toml.
func TestParseFastCases(t *testing.T) {
	tests := []struct {
		name string
		src  string
		read bool
	}{
		{"empty", "", true},
		{"comments and blanks", "# a\n\n  # b\r\n", true},
		{"library", "[[reference]]\nid = \"a\"\ntype = \"book\"\nvolume = 3\n[[reference.author]]\nfamily = \"Жигалов\"\n[reference.extra]\nx = 'y'\n", true},
		{"inline names", "[[reference]]\nauthor = [ { family = \"A\", given = \"B\" },\n  {literal = \"C\"}, # two\n]\n", true},
		{"escapes", `a = "tab\there \u00e9 \U0001F600 \"q\" \\"` + "\n", true},
		{"multi-line basic", "a = \"\"\"\nline one \\\n   continued\nand \"\"two\"\" \"\"\"\"\"\n", true},
		{"multi-line literal", "a = '''\nC:\\path ''' \n", true},
		{"integers", "a = [+1, -0, 1_000, 0]\n", true},
		{"booleans", "a = true\nb = [false]\n", true},
		{"CRLF", "[[reference]]\r\nid = \"a\"\r\n", true},
		{"quoted keys", "\"a b\" = 1\n'c' = 2\n\"\" = 3\n", true},
		{"implicit then explicit", "[a.b]\n[a]\nc = 1\n", true},

		{"float", "a = 1.5\n", false},
		{"date", "a = [1992-05-16, 2000-02-29]\n", true},
		{"date-time", "a = 1992-05-16 07:32:00\n", false},
		{"date-time with T", "a = 1992-05-16T07:32:00\n", false},
		{"no such day", "a = 1993-02-29\n", false},
		{"hex", "a = 0x1F\n", false},
		{"dotted key", "a.b = 1\n", false},
		{"multi-line inline table", "a = {\n b = 1 }\n", false},
		{"TOML 1.1 escape", `a = "\e"` + "\n", false},
		{"CR in a string", "a = \"\"\"\r\nx\"\"\"\n", false},
		{"duplicate key", "a = 1\na = 2\n", false},
		{"table twice", "[a]\n[a]\n", false},
		{"array after table", "[a]\n[[a]]\n", false},
		{"table over a value", "a = 1\n[a]\n", false},
		{"two values on a line", "a = 1 b = 2\n", false},
		{"leading zero", "a = 01\n", false},
		{"bad underscore", "a = 1__0\n", false},
		{"overflow", "a = 9223372036854775808\n", false},
		{"control character", "a = \"x\x01\"\n", false},
		{"control in a comment", "# x\x7f\n", false},
		{"newline in a string", "a = \"x\ny\"\n", false},
		{"unterminated", "a = \"x\n", false},
		{"invalid UTF-8", "a = \"\xff\"\n", false},
		{"surrogate escape", `a = "\ud800"` + "\n", false},
		{"trailing comma in inline table", "a = {b = 1,}\n", false},
		{"bare CR", "a = 1\r", false},
		{"six quotes", "a = \"\"\"x\"\"\"\"\"\"\n", false},
		{"static array of tables", "reference = [{id = \"a\"}]\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := agree(t, tt.name, tt.src); got != tt.read {
				t.Errorf("parseFast(%q) reads it = %v; want %v", tt.src, got, tt.read)
			}
		})
	}
}

// FuzzParseFast holds parseFast to BurntSushi/toml and indexLines on
// arbitrary input.
func FuzzParseFast(f *testing.F) {
	for _, s := range []string{
		"[[reference]]\nid = \"a\"\ntype = \"book\"\n[[reference.author]]\nfamily = \"A\"\n",
		"a = [ {b = 1}, [ {c = 'd'} ] ]\n",
		"a = \"\"\"\\\n  x\"\"\"\n",
		"[a.b]\n[a]\n[[c]]\n[c.d]\n",
		"'k' = '''\nv'''\n\"\\u00e9\" = -1_0\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 || strings.Count(src, "[")+strings.Count(src, "{") > 64 {
			return // BurntSushi/toml is quadratic in nesting; the loader bounds it first
		}
		agree(t, "fuzz", src)
	})
}
