package verify

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/testkit"
)

// encodingJSON is what WriteJSON must write: r through encoding/json.
func encodingJSON(t *testing.T, r *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkJSON compares WriteJSON with encodingJSON on r.
func checkJSON(t *testing.T, name string, r *Result) {
	t.Helper()
	var got bytes.Buffer
	if err := r.WriteJSON(&got); err != nil {
		t.Fatal(err)
	}
	want := encodingJSON(t, r)
	if !bytes.Equal(got.Bytes(), want) {
		i := 0
		for i < min(got.Len(), len(want)) && got.Bytes()[i] == want[i] {
			i++
		}
		t.Errorf("%s: WriteJSON differs from encoding/json at byte %d:\n got …%q…\nwant …%q…", name, i,
			got.Bytes()[max(0, i-80):min(got.Len(), i+80)], want[max(0, i-80):min(len(want), i+80)])
	}
}

// tricky are strings that encoding/json escapes, each in its own way.
var tricky = []string{
	"", "plain", `"quoted" \back\slash`, "tab\tnew\nline\rcr\bbs\fff", "\x00\x01\x1f\x7f",
	"<html> & 'amp'", "Казахстан «ёлка»", "line\u2028para\u2029end", "bad \xff\xfe utf-8 \xe2\x80", "emoji 😀 \U0010ffff",
	"\xed\xa0\x80 surrogate", "ends with \\",
}

// TestAppendJSONString compares appendJSONString with encoding/json on
// the tricky strings and on random bytes.
func TestAppendJSONString(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	strs := append([]string{}, tricky...)
	for n := 0; n < 20000; n++ {
		b := make([]byte, rng.Intn(12))
		for i := range b {
			switch rng.Intn(4) {
			case 0:
				b[i] = byte(rng.Intn(0x20))
			case 1:
				b[i] = byte(0x80 + rng.Intn(0x80))
			default:
				b[i] = byte(0x20 + rng.Intn(0x60))
			}
		}
		strs = append(strs, string(b), string(b)+"\u2028"+string(b))
	}
	for _, s := range strs {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(append(got, '\n'), want.Bytes()) {
			t.Fatalf("appendJSONString(%q) = %s; want %s", s, got, want.Bytes())
		}
	}
}

// TestWriteJSONIsEncodingJSON checks that WriteJSON writes what
// encoding/json writes of the result: on every golden case, the essay,
// the JOSS paper and the thesis (several files: findings and claims with
// a file), a library without a manuscript, with --min-severity error, and
// a result with tricky strings in every field and nil lists.
func TestWriteJSONIsEncodingJSON(t *testing.T) {
	for name := range cases {
		lib, ms := loadCase(t, name)
		checkJSON(t, name, Run(lib, ms, Options{}))
		checkJSON(t, name+" error", Run(lib, ms, Options{MinSeverity: bib.Error}))
		checkJSON(t, name+" without manuscript", Run(lib, nil, Options{}))
	}
	checkJSON(t, "nothing", Run(nil, nil, Options{}))
	checkJSON(t, "empty manuscript", Run(nil, &Manuscript{Name: "empty.txt"}, Options{}))

	r := &Result{Claims: []ClaimResult{{}, {Sources: []SourceResult{}, Problems: []string{}}}}
	for i, s := range tricky {
		r.Markers = append(r.Markers, Marker{File: s, Text: s, Refs: []string{s}, Cites: []Cite{{Key: s, Locator: s}}})
		r.Claims = append(r.Claims, ClaimResult{ID: s, Kind: s, Excerpt: s, Found: i%2 == 0, Line: i, File: s,
			Sources: []SourceResult{{Ref: s, Locator: s, Label: s, Support: s}, {Ref: s}}, Problems: []string{s, s}})
		r.Findings = append(r.Findings, Finding{Code: s, Severity: s, File: s, Line: i, Column: -i, Start: 1 << 40, End: i,
			Excerpt: s, Sentence: s, Claim: s, Ref: s, Message: s})
	}
	checkJSON(t, "tricky", r)
	checkJSON(t, "nil lists", &Result{})

	essayText, err := os.ReadFile(testkit.Shared(t, "seed", essayName))
	if err != nil {
		t.Fatal(err)
	}
	refs, _, err := store.Load(filepath.Join(testkit.ModuleRoot(t), "refs"))
	if err != nil {
		t.Fatal(err)
	}
	checkJSON(t, "essay", Run(refs, &Manuscript{Name: essayName, Text: string(essayText)}, Options{}))
	checkJSON(t, "refs without manuscript", Run(refs, nil, Options{}))

	joss := testkit.Shared(t, "corpus", "real", "gmr-joss-paper")
	paper, err := os.ReadFile(filepath.Join(joss, "paper.md"))
	if err != nil {
		t.Fatal(err)
	}
	checkJSON(t, "JOSS paper", Run(importedBib(t, filepath.Join(joss, "paper.bib")), &Manuscript{Name: "paper.md", Text: string(paper), Format: manuscript.Markdown}, Options{}))

	thesis := testkit.Shared(t, "corpus", "real", "russian-phd-template")
	lib := &bib.Library{}
	for _, name := range []string{"author.bib", "external.bib", "registered.bib"} {
		part := importedBib(t, filepath.Join(thesis, "biblio", name))
		lib.Entries = append(lib.Entries, part.Entries...)
	}
	var mss []*Manuscript
	for _, name := range []string{"introduction.tex", "part1.tex", "part2.tex", "part3.tex", "conclusion.tex"} {
		text, err := os.ReadFile(filepath.Join(thesis, "Dissertation", name))
		if err != nil {
			t.Fatal(err)
		}
		mss = append(mss, &Manuscript{Name: name, Text: string(text), Format: manuscript.LaTeX})
	}
	checkJSON(t, "thesis", RunAll(lib, mss, Options{}))
	checkJSON(t, "thesis chapter", RunAll(lib, mss[1:2], Options{}))
	checkJSON(t, "thesis library", RunAll(lib, nil, Options{}))
}

// importedBib reads a BibTeX file of the shared corpus.
func importedBib(t *testing.T, path string) *bib.Library {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lib, _, err := bibtex.Decode(filepath.Base(path), data)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}
