package cite_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
)

// typeCase is one expected entry of testdata/types/*.txt: the record's id,
// the entry as the source prints it and the comment naming that source.
type typeCase struct {
	id, want, source string
	line             int
}

// readTypeCases reads a file of blocks "# source…", "[id]", "entry".
func readTypeCases(t *testing.T, path string) []typeCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []typeCase
	var comment []string
	var cur *typeCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#"):
			comment = append(comment, strings.TrimSpace(strings.TrimPrefix(line, "#")))
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") && cur == nil:
			cur = &typeCase{id: line[1 : len(line)-1], source: strings.Join(comment, " "), line: n}
			comment = nil
		case cur != nil:
			cur.want = line
			cases = append(cases, *cur)
			cur = nil
		case strings.TrimSpace(line) == "":
			comment = nil
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// unescapeMarkdown drops the backslashes Markdown output puts before
// punctuation, so that an expected entry reads as the source prints it,
// with *…* for italics.
func unescapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("[]*_\\`#<>()!.-+{}|~", s[i+1]) >= 0 {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestTypes checks one entry per common type in APA 7 and GOST R
// 7.0.100-2018 (and the GOST variants) against the published examples
// or the rule-by-rule derivations in testdata/types/STYLE.txt, whose
// comments say which each is and where it was checked. Each
// entry is rendered alone, so that no other record disambiguates it.
func TestTypes(t *testing.T) {
	for _, tc := range []struct {
		style, lib, cases string
		format            output.Format
	}{
		{"apa", "apa.toml", "apa.txt", output.Markdown},
		{"gost", "gost.toml", "gost.txt", output.Text},
		{"gost-2008", "gost.toml", "gost-2008.txt", output.Text},
		{"gost-2008-short", "gost.toml", "gost-2008-short.txt", output.Text},
	} {
		t.Run(tc.style, func(t *testing.T) {
			path := filepath.Join("testdata", "types", tc.cases)
			if _, err := os.Stat(path); os.IsNotExist(err) {
				t.Skipf("%s: no cases yet", path)
			}
			lib := load(t, filepath.Join("testdata", "types", tc.lib))
			f := formatter(t, tc.style, cite.Options{Format: tc.format})
			cases := readTypeCases(t, path)
			pass := 0
			for _, c := range cases {
				e, ok := lib.Lookup(c.id)
				if !ok {
					t.Errorf("%s:%d: no record %q in %s", path, c.line, c.id, tc.lib)
					continue
				}
				one := &bib.Library{}
				if err := one.Add(e); err != nil {
					t.Fatal(err)
				}
				res, err := f.Bibliography(one, nil)
				if err != nil {
					t.Fatal(err)
				}
				got := strings.Join(res.Entries, "\n")
				if tc.format == output.Markdown {
					got = unescapeMarkdown(got)
				}
				if got != c.want {
					t.Errorf("%s:%d: %s\n got: %s\nwant: %s\n(source: %s)", path, c.line, c.id, got, c.want, c.source)
					continue
				}
				pass++
			}
			t.Logf("%s: %d of %d entries as expected", tc.style, pass, len(cases))
		})
	}
}
