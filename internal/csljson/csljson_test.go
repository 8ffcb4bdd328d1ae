package csljson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/store"
)

func encode(t *testing.T, entries []*bib.Entry) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, entries); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func refs(t *testing.T) *bib.Library {
	t.Helper()
	lib, diags, err := store.Load(filepath.Join(testkit.ModuleRoot(t), "refs", "references.toml"))
	if err != nil || bib.HasErrors(diags) {
		t.Fatalf("store.Load: %v %v", err, diags)
	}
	return lib
}

// roundTrip checks that Decode(Encode(entries)) gives the entries back and
// that encoding again gives the same bytes.
func roundTrip(t *testing.T, entries []*bib.Entry) []byte {
	t.Helper()
	out := encode(t, entries)
	back, diags, err := Decode("out.json", out)
	if err != nil {
		t.Fatalf("Decode of our own output: %v\n%s", err, out)
	}
	for _, d := range diags {
		t.Errorf("Decode of our own output: %v", d)
	}
	for i, e := range entries {
		if !e.Equal(back.Entries[i]) {
			t.Errorf("entry %s changed:\n%+v\nwant\n%+v", e.ID, back.Entries[i].Strip(), e.Strip())
		}
	}
	if again := encode(t, back.Entries); !bytes.Equal(again, out) {
		t.Errorf("export → import → export is not byte-identical")
	}
	return out
}

// TestRefsRoundTrip: TOML → CSL-JSON → TOML is identical for refs/.
func TestRefsRoundTrip(t *testing.T) {
	lib := refs(t)
	out := roundTrip(t, lib.Entries)
	testkit.Golden(t, filepath.Join("testdata", "refs.golden.json"), out)
	back, _, err := Decode("refs.json", out)
	if err != nil {
		t.Fatal(err)
	}
	var want, got bytes.Buffer
	if err := store.Encode(&want, lib.Entries, nil); err != nil {
		t.Fatal(err)
	}
	if err := store.Encode(&got, back.Entries, nil); err != nil {
		t.Fatal(err)
	}
	if want.String() != got.String() {
		t.Errorf("TOML → CSL-JSON → TOML changed refs/:\n%s\n---\n%s", want.String(), got.String())
	}
}

// TestCorpusRoundTrip: every entry the BibTeX importer reads from the
// corpora (Extra included) survives CSL-JSON exactly and validates.
func TestCorpusRoundTrip(t *testing.T) {
	for _, name := range []string{"biblatex-examples.bib", "xampl.bib"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(testkit.Shared(t, "corpus", name))
			if err != nil {
				t.Fatal(err)
			}
			lib, _, err := bibtex.Decode(name, data)
			if err != nil {
				t.Fatal(err)
			}
			out := roundTrip(t, lib.Entries)
			validate(t, out)
		})
	}
}

// TestSchema validates the export of refs/ and of a record using every
// kind of value against csl-data.json.
func TestSchema(t *testing.T) {
	validate(t, encode(t, refs(t).Entries))
	e := bib.NewEntry("all", "book")
	e.Set("part-number", "2")
	e.Set("title-translit", "Pervyi")
	e.AddName("editor-translator", bib.Name{Family: "X"})
	e.AddName("author", bib.Name{Family: "Gogh", NonDroppingParticle: "van", CommaSuffix: true, Alt: map[string]string{"family-translit": "Gog"}})
	e.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 2001}, Uncertain: true})
	e.SetDate("accessed", bib.Date{Start: bib.DatePart{Year: 2014}, Range: true})
	e.SetDate("original-date", bib.Date{Literal: "n.d."})
	e.SetDate("event-date", bib.Date{Start: bib.DatePart{Year: 2001}, Season: 2, Approximate: true})
	e.Extra = map[string]string{"langidopts": "variant=american", "@type": "mvbook"}
	validate(t, roundTrip(t, []*bib.Entry{e}))
}

// TestDecode covers the forms CSL-JSON takes in the wild.
func TestDecode(t *testing.T) {
	in := `[
  {"id": 12, "type": "article-journal", "title": "T", "volume": 3,
   "issued": "2012-03", "accessed": {"date-parts": [["2020", "1", "2"]]},
   "author": [{"family": "Doe", "given": "J.", "sequence": "first"}],
   "journalAbbreviation": "J. Ex.", "categories": ["a", "b"], "zotero-key": "ABC",
   "custom": {"short_id": "xyz", "metadata-double-checked": true}}
]`
	lib, diags, err := Decode("in.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	e := lib.Entries[0]
	checks := []struct{ name, got, want string }{
		{"id", e.ID, "12"},
		{"volume", e.Get("volume"), "3"},
		{"container-title-short", e.Get("container-title-short"), "J. Ex."},
		{"issued", e.DateString("issued"), "2012-03"},
		{"accessed", e.DateString("accessed"), "2020-01-02"},
		{"categories", e.Extra["categories"], `["a","b"]`},
		{"zotero-key", e.Extra["zotero-key"], "ABC"},
		{"short_id", e.Extra["short_id"], "xyz"},
		{"metadata-double-checked", e.Extra["metadata-double-checked"], "true"},
		{"author.1.sequence", e.Extra["author.1.sequence"], "first"},
		{"line of title", fmt.Sprint(e.PosOf("title").Line), "2"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("Decode: %s = %q; want %q", c.name, c.got, c.want)
		}
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
	}
	testkit.Golden(t, filepath.Join("testdata", "decode.golden"), []byte(strings.Join(msgs, "\n")+"\n"))
	roundTrip(t, lib.Entries)
}

// TestSyntaxErrors: malformed JSON is reported with file:line:col.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"[\n  {\"id\": \"a\",\n   \"type\": \"book\",,\n}]", "bad.json:3:19: invalid JSON"},
		{"{\"id\": \"a\"}", "bad.json:1:1: a CSL-JSON file is an array"},
		{"[\n  \"a\"\n]", "bad.json:2:5: item 1 is not an object"},
		{"[\n  {\"id\": \"a\", \"type\": \"book\"}\n", "bad.json:3:1: the file ends"},
		{"[] x", "bad.json:1:4: text after"},
	}
	for _, tt := range tests {
		_, _, err := Decode("bad.json", []byte(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Decode(%q) = %v; want an error starting %q", tt.in, err, tt.want)
		}
	}
}

// TestPandoc runs pandoc --citeproc on the export of refs/, when pandoc is
// installed.
func TestPandoc(t *testing.T) {
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Skip("pandoc is not installed; skipping the check that pandoc --citeproc reads the export")
	}
	dir := t.TempDir()
	bibPath := filepath.Join(dir, "refs.json")
	if err := os.WriteFile(bibPath, encode(t, refs(t).Entries), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("pandoc", "--citeproc", "--bibliography", bibPath, "-t", "plain")
	cmd.Stdin = strings.NewReader("[@zhigalov1993; @konyrova-reconciliation]\n")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Konyrova") || strings.Contains(string(out), "[WARNING]") {
		t.Errorf("pandoc --citeproc: %v\n%s", err, out)
	}
}

// FuzzDecode: no input makes Decode panic, and whatever it reads encodes
// and reads back the same.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`[{"id": 1, "type": "book", "title": "T", "issued": {"date-parts": [[2001, 2]]}, "author": [{"literal": "X"}], "custom": {"a": [1]}}]`))
	f.Add([]byte(`[{"id": "a", "type": "x", "issued": "2001?/..", "title-translit": "t"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var (
			lib *bib.Library
			err error
		)
		testkit.AllocBudget(t, "Decode", len(data), 1024, 4<<20, func() { lib, _, err = Decode("fuzz.json", data) })
		if err != nil {
			return
		}
		var first bytes.Buffer
		if err := Encode(&first, lib.Entries); err != nil {
			t.Fatal(err)
		}
		testkit.OutputBudget(t, "Encode", len(data), first.Len(), 64, 1024)
		// What import accepts, the library can hold: the TOML that
		// import writes reads back.
		var toml bytes.Buffer
		if err := store.Encode(&toml, lib.Entries, nil); err != nil {
			t.Fatalf("store.Encode: %v", err)
		}
		if _, _, err := store.Decode("fuzz.toml", toml.Bytes()); err != nil {
			t.Fatalf("the imported TOML does not read back: %v\n%s", err, toml.String())
		}
		back, _, err := Decode("fuzz.json", first.Bytes())
		if err != nil {
			t.Fatalf("our own output does not decode: %v\n%s", err, first.String())
		}
		var second bytes.Buffer
		if err := Encode(&second, back.Entries); err != nil || second.String() != first.String() {
			t.Fatalf("not stable:\n%s\n---\n%s", first.String(), second.String())
		}
	})
}

// validate checks out against csl-data.json with a validator for the
// parts of JSON Schema that the schema uses.
func validate(t *testing.T, out []byte) {
	t.Helper()
	raw, err := os.ReadFile(testkit.Shared(t, "csl", "schema", "csl-data.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schema, doc map[string]any
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	var items any
	if err := json.Unmarshal(out, &items); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	doc = schema
	for _, msg := range check(doc, schema, items, "$") {
		t.Error(msg)
	}
}

func check(root, s map[string]any, v any, path string) []string {
	if ref, ok := s["$ref"].(string); ok {
		def := root["definitions"].(map[string]any)[strings.TrimPrefix(ref, "#/definitions/")].(map[string]any)
		return check(root, def, v, path)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var errs []string
		for _, alt := range alts {
			e := check(root, alt.(map[string]any), v, path)
			if len(e) == 0 {
				return nil
			}
			errs = append(errs, e...)
		}
		return errs
	}
	var errs []string
	if typ, ok := s["type"]; ok && !typeOK(typ, v) {
		return []string{fmt.Sprintf("%s: %v is not of type %v", path, v, typ)}
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, x := range enum {
			found = found || x == v
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v is not one of the enum", path, v))
		}
	}
	switch x := v.(type) {
	case []any:
		if n, ok := s["minItems"].(float64); ok && float64(len(x)) < n {
			errs = append(errs, fmt.Sprintf("%s: fewer than %v items", path, n))
		}
		if n, ok := s["maxItems"].(float64); ok && float64(len(x)) > n {
			errs = append(errs, fmt.Sprintf("%s: more than %v items", path, n))
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, el := range x {
				errs = append(errs, check(root, items, el, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for k, el := range x {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					errs = append(errs, fmt.Sprintf("%s: key %q is not allowed", path, k))
				}
				continue
			}
			errs = append(errs, check(root, ps, el, path+"."+k)...)
		}
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					errs = append(errs, fmt.Sprintf("%s: required key %q is missing", path, r))
				}
			}
		}
	}
	return errs
}

func typeOK(typ any, v any) bool {
	switch t := typ.(type) {
	case string:
		switch t {
		case "string":
			_, ok := v.(string)
			return ok
		case "number":
			_, ok := v.(float64)
			return ok
		case "boolean":
			_, ok := v.(bool)
			return ok
		case "array":
			_, ok := v.([]any)
			return ok
		case "object":
			_, ok := v.(map[string]any)
			return ok
		}
	case []any:
		for _, x := range t {
			if typeOK(x, v) {
				return true
			}
		}
	}
	return false
}

// TestAliasesRoundTrip: a merged entry's former ids travel in
// custom.aliases and come back as aliases.
func TestAliasesRoundTrip(t *testing.T) {
	e := bib.NewEntry("keep", "book")
	e.Set("title", "A")
	e.Aliases = []string{"drop", "Старый"}
	out := roundTrip(t, []*bib.Entry{e})
	if !bytes.Contains(out, []byte(`"aliases": ["drop", "Старый"]`)) {
		t.Errorf("Encode did not write custom.aliases:\n%s", out)
	}
	validate(t, out)
}

// TestImpossibleDateExport: a date no calendar has, written by hand in a
// library file (cite check reports it), is exported as its text, never as
// date-parts that a processor would read as a season or another day; the
// text reads back and exports the same again.
func TestImpossibleDateExport(t *testing.T) {
	for _, s := range []string{"2020-13-45", "2019-02-29", "2001-21/2002-30"} {
		d, err := bib.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		e := bib.NewEntry("x", "book")
		e.SetDate("issued", d)
		out := encode(t, []*bib.Entry{e})
		if !bytes.Contains(out, []byte(`"issued": {"literal": "`+s+`"}`)) || bytes.Contains(out, []byte("date-parts")) {
			t.Errorf("issued %s exported as:\n%s", s, out)
		}
		back, _, err := Decode("out.json", out)
		if err != nil || len(back.Entries) != 1 {
			t.Fatalf("%s: %v", s, err)
		}
		if got, _ := back.Entries[0].Date("issued"); got.Literal != s {
			t.Errorf("%s read back as %+v", s, got)
		}
		if again := encode(t, back.Entries); !bytes.Equal(again, out) {
			t.Errorf("%s: export → import → export is not byte-identical", s)
		}
	}
}

// TestTolerantItems: an item with an error is skipped and named, the
// others are imported; dates outside what EDTF and CSL-JSON express and
// control characters are errors; a repeated key is kept in extra.
func TestTolerantItems(t *testing.T) {
	data := []byte(`[
{"id": "ok", "type": "book", "title": "Fine"},
{"id": "min", "type": "book", "issued": {"date-parts": [[-9223372036854775808]]}},
{"id": "month", "type": "book", "issued": {"date-parts": [[2020, 140]]}},
{"id": "ctl", "type": "book", "title": "a\u0015b"},
{"id": "nul", "type": "book", "publisher": "x\u0000"},
{"id": "bad", "type": "book", "note": "caf` + "\xe9" + `"},
{"id": "season", "type": "book", "issued": {"date-parts": [[2001, 13]]}},
{"id": "ok", "type": "book", "title": "Same id"},
{"id": "twice", "type": "book", "title": "First", "title": "Second"}
]`)
	res, err := DecodeWith("t.json", data, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range res.Library.Entries {
		ids = append(ids, e.ID)
	}
	if got := strings.Join(ids, " "); got != "ok season twice" {
		t.Errorf("imported %q; want %q", got, "ok season twice")
	}
	var skipped []string
	for _, s := range res.Skipped {
		skipped = append(skipped, s.Ref)
	}
	if got := strings.Join(skipped, " "); got != "min month ctl nul bad ok" {
		t.Errorf("skipped %q", got)
	}
	if d, _ := res.Library.Entries[1].Date("issued"); d.Season != 1 || d.Start.Month != 0 {
		t.Errorf("[2001, 13] = %+v; want spring 2001", d)
	}
	if e := res.Library.Entries[2]; e.Get("title") != "First" || e.Extra["title-2"] != "Second" {
		t.Errorf("repeated key: title %q, extra %v", e.Get("title"), e.Extra)
	}
	for _, d := range res.Diagnostics {
		if d.Ref == "min" && !strings.Contains(d.Message, "outside what EDTF and CSL-JSON can express") {
			t.Errorf("min: %v", d)
		}
		if d.Ref == "bad" && d.Pos.Line != 7 {
			t.Errorf("invalid UTF-8 reported at %v; want line 7", d.Pos)
		}
	}
	// Nothing imported holds what a store or an export cannot write.
	var b bytes.Buffer
	if err := store.Encode(&b, res.Library.Entries, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "--9223372036854775808") {
		t.Errorf("the TOML holds the impossible year:\n%s", b.String())
	}
	fixed, err := DecodeWith("t.json", data, ReadOptions{FixText: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(fixed.Library.Entries) != 6 {
		t.Errorf("--fix-text imported %d items; want 6 (ctl, nul and bad fixed)", len(fixed.Library.Entries))
	}
}

// TestRealFiles: the real CSL-JSON file imports (counts per key, mapped or
// kept in extra, in a golden file), and every real file, .bib or .json,
// goes export → import → export byte-identically through CSL-JSON.
func TestRealFiles(t *testing.T) {
	name := "omit-fields-1179.csl.json"
	data, err := os.ReadFile(testkit.Shared(t, "corpus", "real", "zotero-better-bibtex", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := DecodeWith(name, data, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Library.Entries) != 26 || len(res.Skipped) != 0 {
		t.Errorf("imported %d, skipped %d; want 26 and 0", len(res.Library.Entries), len(res.Skipped))
	}
	testkit.Golden(t, filepath.Join("testdata", "real", name+".counts.golden"), countKeys(t, data, res))
	roundTrip(t, res.Library.Entries)
	for _, bibFile := range []string{
		"real/gmr-joss-paper/paper.bib", "real/russian-phd-template/biblio/author.bib",
		"real/russian-phd-template/biblio/external.bib", "real/russian-phd-template/biblio/registered.bib",
		"real/zotero-better-bibtex/language-1921.biblatex.bib", "real/zotero-better-bibtex/library-1296.bib",
	} {
		t.Run(filepath.Base(bibFile), func(t *testing.T) {
			data, err := os.ReadFile(testkit.Shared(t, "corpus", bibFile))
			if err != nil {
				t.Fatal(err)
			}
			lib, _, err := bibtex.Decode(bibFile, data)
			if err != nil {
				t.Fatal(err)
			}
			first := encode(t, lib.Entries)
			back, _, err := Decode("again.json", first)
			if err != nil {
				t.Fatal(err)
			}
			if again := encode(t, back.Entries); !bytes.Equal(again, first) {
				t.Errorf("export → import → export is not byte-identical:\n%s", testkit.Diff(string(first), string(again)))
			}
		})
	}
}

// countKeys counts, per key of the items, how many values went to a CSL
// variable and how many were kept in extra (per the diagnostics).
func countKeys(t *testing.T, data []byte, res *bib.Import) []byte {
	t.Helper()
	var items []map[string]json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		t.Fatal(err)
	}
	extra := map[string]int{}
	for _, d := range res.Diagnostics {
		if d.Code == CodeUnknownKey {
			extra[d.Field]++
		}
	}
	total := map[string]int{}
	for _, it := range items {
		for k := range it {
			total[k]++
		}
	}
	keys := make([]string, 0, len(total))
	for k := range total {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "%d items imported, %d skipped\n%-22s %6s %6s %6s %7s\n", len(res.Library.Entries), len(res.Skipped), "key", "total", "mapped", "extra", "skipped")
	for _, k := range keys {
		fmt.Fprintf(&b, "%-22s %6d %6d %6d %7d\n", k, total[k], total[k]-extra[k], extra[k], 0)
	}
	return []byte(b.String())
}
