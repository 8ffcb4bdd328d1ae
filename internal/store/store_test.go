package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"

	"github.com/cite-project/cite/internal/bib"
)

func TestIndexLines(t *testing.T) {
	src := `# comment with [[brackets]] and key = "x"
title = "top"

[[reference]]
id = "a"   # trailing comment
note = """
multi-line with "quotes" and
[[reference]] inside
"""
author = [
  { family = "One", given = "A." },
  {family="Two"},
]
"dotted.key" = 1
a.b = 2

[[reference.editor]]
family = 'Ed'

[reference.extra]
howpublished = "x"

[[reference]]
id = 'b'
`
	idx := indexLines(src)
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"top key", idx.keyLine("title"), 2},
		{"first reference", idx.child("reference", 0).line, 4},
		{"id", idx.child("reference", 0).keyLine("id"), 5},
		{"multi-line note", idx.child("reference", 0).keyLine("note"), 6},
		{"author key", idx.child("reference", 0).keyLine("author"), 10},
		{"first inline name", idx.child("reference", 0).child("author", 0).line, 11},
		{"second inline name", idx.child("reference", 0).child("author", 1).line, 12},
		{"key in inline name", idx.child("reference", 0).child("author", 1).keyLine("family"), 12},
		{"quoted key", idx.child("reference", 0).keyLine("dotted.key"), 14},
		{"dotted key", idx.child("reference", 0).keyLine("a.b"), 15},
		{"editor table", idx.child("reference", 0).child("editor", 0).line, 17},
		{"editor family", idx.child("reference", 0).child("editor", 0).keyLine("family"), 18},
		{"extra key", idx.child("reference", 0).child("extra", 0).keyLine("howpublished"), 21},
		{"second reference", idx.child("reference", 1).line, 23},
		{"second id", idx.child("reference", 1).keyLine("id"), 24},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: line %d; want %d", tt.name, tt.got, tt.want)
		}
	}
	if n := len(idx.sub["reference"]); n != 2 {
		t.Errorf("found %d references; want 2 (the one inside the string must not count)", n)
	}
}

// TestDecodeDiagnostics runs each library under testdata/broken and compares
// the diagnostics (or the syntax error) with its .golden file.
func TestDecodeDiagnostics(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "broken", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no test libraries in testdata/broken")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.ToSlash(f)
			var out strings.Builder
			lib, diags, err := Decode(name, data)
			if err != nil {
				out.WriteString(err.Error() + "\n")
			} else {
				bib.SortDiagnostics(diags)
				for _, d := range diags {
					out.WriteString(d.String() + "\n")
				}
				for _, e := range lib.Entries {
					out.WriteString("entry " + e.ID + " at " + e.Pos.String() + "\n")
				}
			}
			testkit.Golden(t, strings.TrimSuffix(f, ".toml")+".golden", []byte(out.String()))
		})
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	src := "[[reference]]\nid = \"a\"\ntitle = \"unterminated\n"
	_, _, err := Decode("x.toml", []byte(src))
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("Decode error = %v; want a *SyntaxError", err)
	}
	if se.File != "x.toml" || se.Line != 3 || se.Col == 0 {
		t.Errorf("SyntaxError at %s:%d:%d; want x.toml:3:col", se.File, se.Line, se.Col)
	}
	if !strings.Contains(se.Error(), `title = "unterminated`) {
		t.Errorf("SyntaxError does not show the offending line:\n%s", se.Error())
	}
}

// TestRoundTrip checks that Encode writes what Decode reads, and that the
// canonical form is a fixed point: Encode(Decode(Encode(x))) == Encode(x).
func TestRoundTrip(t *testing.T) {
	for _, path := range []string{filepath.Join("..", "..", "refs"), filepath.Join("testdata", "roundtrip.toml")} {
		t.Run(path, func(t *testing.T) {
			lib, diags, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if bib.HasErrors(diags) {
				t.Fatalf("load diagnostics: %v", diags)
			}
			var first bytes.Buffer
			if err := Encode(&first, lib.Entries, lib.Claims); err != nil {
				t.Fatal(err)
			}
			again, diags, err := Decode("again.toml", first.Bytes())
			if err != nil {
				t.Fatalf("re-reading encoded library: %v\n%s", err, first.String())
			}
			if len(diags) > 0 {
				t.Errorf("re-reading encoded library: %v", diags)
			}
			if len(again.Entries) != len(lib.Entries) || len(again.Claims) != len(lib.Claims) {
				t.Fatalf("re-read %d entries, %d claims; want %d, %d", len(again.Entries), len(again.Claims), len(lib.Entries), len(lib.Claims))
			}
			for i, e := range lib.Entries {
				if !e.Equal(again.Entries[i]) {
					t.Errorf("entry %s changed in the round trip:\n got %+v\nwant %+v", e.ID, again.Entries[i].Strip(), e.Strip())
				}
			}
			for i, c := range lib.Claims {
				a := again.Claims[i]
				if c.ID != a.ID || c.Statement != a.Statement || c.Kind != a.Kind || c.Excerpt != a.Excerpt || c.Status != a.Status || c.Note != a.Note || len(c.Sources) != len(a.Sources) {
					t.Errorf("claim %s changed in the round trip", c.ID)
					continue
				}
				for j, s := range c.Sources {
					b := a.Sources[j]
					if s.Ref != b.Ref || s.Locator != b.Locator || s.Label != b.Label || s.Support != b.Support {
						t.Errorf("claim %s source %d changed: %+v -> %+v", c.ID, j, s, b)
					}
				}
			}
			var second bytes.Buffer
			if err := Encode(&second, again.Entries, again.Claims); err != nil {
				t.Fatal(err)
			}
			if first.String() != second.String() {
				t.Errorf("Encode is not a fixed point:\n--- first\n%s\n--- second\n%s", first.String(), second.String())
			}
		})
	}
}

func TestLoadDirectoryMergesFilesAndReportsDuplicates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.toml", "[[reference]]\nid = \"x\"\ntype = \"book\"\ntitle = \"A\"\n")
	write("b.toml", "[[reference]]\nid = \"y\"\ntype = \"book\"\n\n[[reference]]\nid = \"x\"\ntype = \"book\"\n")
	write("notes.txt", "not a library file")
	lib, diags, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Entries) != 3 || lib.Entries[0].ID != "x" || lib.Entries[1].ID != "y" {
		t.Fatalf("entries = %d, first %q; want 3 in file order", len(lib.Entries), lib.Entries[0].ID)
	}
	if len(diags) != 1 || diags[0].Code != CodeDuplicateID || diags[0].Pos.Line != 6 || !strings.Contains(diags[0].Message, "a.toml:2") {
		t.Errorf("diagnostics = %v; want one duplicate-id at b.toml:6 naming a.toml:2", diags)
	}
	if e, _ := lib.Lookup("x"); e.Get("title") != "A" {
		t.Error("Lookup(x) did not return the first definition")
	}
}

func TestLoadErrors(t *testing.T) {
	if _, _, err := Load(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("Load of a missing path succeeded")
	}
	if _, _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no .toml files") {
		t.Errorf("Load of an empty directory: %v; want a 'no .toml files' error", err)
	}
}

func TestSaveIsAtomicAndCanonical(t *testing.T) {
	lib, _, err := Load(filepath.Join("testdata", "roundtrip.toml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.toml")
	if err := Save(path, lib); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, filepath.Join("testdata", "roundtrip.golden"), got)
}

func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "*.toml"))
	seeds2, _ := filepath.Glob(filepath.Join("testdata", "*.toml"))
	for _, s := range append(seeds, seeds2...) {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("[[reference]]\nid=1\ntype=\"book\"\nauthor=[{family=\"A\"}]\nissued={date-parts=[[1,2,3]]}\n"))
	f.Add([]byte("a = " + strings.Repeat("{b = ", 40) + "1" + strings.Repeat("}", 40)))
	f.Fuzz(func(t *testing.T, data []byte) {
		var (
			lib   *bib.Library
			diags []bib.Diagnostic
			err   error
		)
		// Resource assertion: decoding allocates within a multiple of the
		// input (BurntSushi/toml needed 4 GB for 60 KB of nested tables).
		testkit.AllocBudget(t, "Decode", len(data), allocPerInputByte, allocSlack, func() {
			lib, diags, err = Decode("fuzz.toml", data)
		})
		if err != nil {
			var se *SyntaxError
			var de *DepthError
			if !errors.As(err, &se) && !errors.As(err, &de) {
				t.Fatalf("Decode error %T is not a *SyntaxError or *DepthError: %v", err, err)
			}
			return
		}
		for _, d := range diags {
			if d.Pos.File != "fuzz.toml" {
				t.Fatalf("diagnostic without file: %v", d)
			}
		}
		// Whatever was read must survive a write and a re-read.
		var b bytes.Buffer
		if err := Encode(&b, lib.Entries, lib.Claims); err != nil {
			t.Fatal(err)
		}
		if _, _, err := Decode("again.toml", b.Bytes()); err != nil {
			t.Fatalf("encoded library does not parse: %v\n%s", err, b.String())
		}
	})
}

func TestLoadReportsAliasClashesAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.toml", "[[reference]]\nid = \"keep\"\naliases = [\"drop\", \"y\"]\ntype = \"book\"\n")
	write("b.toml", "[[reference]]\nid = \"y\"\ntype = \"book\"\n")
	lib, diags, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 1 || diags[0].Code != CodeDuplicateID || diags[0].Pos.Line != 3 || !strings.Contains(diags[0].Message, "b.toml:2") {
		t.Errorf("diagnostics = %v; want one duplicate-id at a.toml:3 naming b.toml:2", diags)
	}
	if e, ok := lib.Resolve("drop"); !ok || e.ID != "keep" {
		t.Errorf("Resolve(drop) = %v, %v; want keep", e, ok)
	}
	if e, ok := lib.Resolve("y"); !ok || e.ID != "y" {
		t.Errorf("Resolve(y) = %v; want the entry whose id is y, not the alias", e)
	}
	if _, ok := lib.Lookup("drop"); ok {
		t.Error("Lookup(drop) found an alias; Lookup takes exact ids")
	}
}
