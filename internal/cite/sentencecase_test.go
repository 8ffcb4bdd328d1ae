package cite_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/testkit"
)

// sentenceCaseSources are the corpus files the sentence-case sample is
// drawn from: every English journal article of the first five, then the
// journal articles of library-1296.bib in file order up to 200 titles
// (leaving out strings that are not titles, see articleTitle).
var sentenceCaseSources = []string{
	"biblatex-examples.bib",
	"xampl.bib",
	"real/gmr-joss-paper/paper.bib",
	"real/russian-phd-template/biblio/external.bib",
	"real/zotero-better-bibtex/language-1921.biblatex.bib",
	"real/zotero-better-bibtex/library-1296.bib",
}

// sentenceCaseSample titles are measured against expected.tsv, and the
// sentenceCaseHoldout after them against holdout.tsv.
const (
	sentenceCaseSample  = 200
	sentenceCaseHoldout = 60
)

// The shares below which TestSentenceCaseCorpus fails: a little under the
// shares measured in issue 13's second round (200 of 200, 59 of 60), so
// that a change elsewhere (an import that decodes a title differently)
// may cost one title but no more; the target is 0.95.
const (
	minSentenceCaseShare = 0.98
	minHoldoutShare      = 0.95
)

// sampleTitle is one title of the sample: where it comes from, and the
// title as the bridge hands it to the APA style.
type sampleTitle struct {
	file, id, got string
}

// sentenceCaseSample draws the sample and converts each title the way
// cite format --style apa does (cite.Prepare with sentence case).
func drawSentenceCaseSample(t *testing.T) []sampleTitle {
	t.Helper()
	var out []sampleTitle
	for _, rel := range sentenceCaseSources {
		path := testkit.Shared(t, "corpus", rel)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range decodeEach(path, data) {
			if len(out) >= sentenceCaseSample+sentenceCaseHoldout {
				return out
			}
			if e.Type != "article-journal" || !articleTitle(plainText(e.Get("title"))) || !english(e) {
				continue
			}
			it := cite.Prepare(e, cite.Prep{SentenceCase: true})
			out = append(out, sampleTitle{file: rel, id: e.ID, got: plainText(it.Var("title"))})
		}
	}
	return out
}

// plainText drops the protection markup of a title (<span
// class="nocase">…</span>), which no output shows, so that a title
// compares as printed.
func plainText(s string) string {
	return strings.NewReplacer(`<span class="nocase">`, "", "</span>", "").Replace(s)
}

// decodeEach decodes a .bib file, or, when the file as a whole does not
// decode (library-1296.bib has unbalanced braces in 23 entries), each
// entry on its own, leaving out those that fail.
func decodeEach(path string, data []byte) []*bib.Entry {
	if lib, _, err := bibtex.Decode(path, data); err == nil {
		return lib.Entries
	}
	var out []*bib.Entry
	chunks := strings.Split("\n"+string(data), "\n@")
	for _, c := range chunks[1:] {
		lib, _, err := bibtex.Decode(path, []byte("@"+c))
		if err != nil || lib == nil {
			continue
		}
		out = append(out, lib.Entries...)
	}
	return out
}

// articleTitle reports whether s reads as the title of an article rather
// than what a reference manager scraped in its place: a file name or a
// path ("Paper173", "Illiad.Dll", "E:/…/uistSample.Dvi"), a query string,
// or a browser caption joining the title to a site's name ("… | Harvard
// Educational Review", "… - IEEE Xplore Document"). Such strings have no
// sentence case to judge.
func articleTitle(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, " ") || strings.Contains(s, " | ") || strings.Contains(s, " - ") {
		return false
	}
	lower := strings.ToLower(s)
	for _, bad := range []string{".pdf", ".doc", ".dvi", ".dll", ".de:", ".com", "/", "=", "&volume"} {
		if strings.Contains(lower, bad) {
			return false
		}
	}
	return true
}

// english reports whether an entry is tagged English, or untagged with a
// title in Latin script.
func english(e *bib.Entry) bool {
	l := strings.ToLower(e.Get("language"))
	if l != "" {
		return l == "en" || strings.HasPrefix(l, "en-")
	}
	return cite.Language(e) == "en"
}

// readExpected reads a file of hand-judged titles (file, id, title).
func readExpected(t *testing.T, name string) map[string]string {
	t.Helper()
	want := map[string]string{}
	f, err := os.Open(filepath.Join("testdata", "sentencecase", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 {
			t.Fatalf("%s: bad line %q", name, line)
		}
		want[parts[0]+"\t"+parts[1]] = parts[2]
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return want
}

// TestSentenceCaseCorpus measures sentence case on 200 English article
// titles of ../shared/corpus against their sentence-case forms judged by
// hand (testdata/sentencecase/expected.tsv: file, id, title), and on the
// 60 titles after them (holdout.tsv, judged the same way but not used
// to write the rules), and prints the share converted exactly and every
// miss. The target is 95%; the test fails below minSentenceCaseShare and
// minHoldoutShare.
func TestSentenceCaseCorpus(t *testing.T) {
	all := drawSentenceCaseSample(t)
	if len(all) != sentenceCaseSample+sentenceCaseHoldout {
		t.Fatalf("sample has %d titles; want %d", len(all), sentenceCaseSample+sentenceCaseHoldout)
	}
	for _, set := range []struct {
		name   string
		titles []sampleTitle
		min    float64
	}{
		{"expected.tsv", all[:sentenceCaseSample], minSentenceCaseShare},
		{"holdout.tsv", all[sentenceCaseSample:], minHoldoutShare},
	} {
		want := readExpected(t, set.name)
		exact := 0
		for _, s := range set.titles {
			w, ok := want[s.file+"\t"+s.id]
			if !ok {
				t.Errorf("%s %s: no expected title in %s (got %q)", s.file, s.id, set.name, s.got)
				continue
			}
			if s.got == w {
				exact++
				continue
			}
			t.Logf("miss (%s): %s %s\n  got:  %s\n  want: %s", set.name, s.file, s.id, s.got, w)
		}
		share := float64(exact) / float64(len(set.titles))
		t.Logf("sentence case (%s): %d of %d titles exact (%.1f%%)", set.name, exact, len(set.titles), 100*share)
		if share < set.min {
			t.Errorf("sentence case (%s): %.1f%% exact; it was at least %.1f%% (target 95%%)", set.name, 100*share, 100*set.min)
		}
	}
}
