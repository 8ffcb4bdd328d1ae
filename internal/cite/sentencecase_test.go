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

const sentenceCaseSample = 200

// minSentenceCaseShare is the share of the sample converted exactly when
// it was judged (188 of 200); the target is 0.95.
const minSentenceCaseShare = 0.94

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
			if len(out) >= sentenceCaseSample {
				return out
			}
			// The sample judges the sentence-case algorithm on titles as
			// written; Better BibTeX's {{…}} protection, which import keeps
			// as <span class="nocase">, is left out of it (the sample was
			// judged without it).
			e.Set("title", withoutNocase.Replace(e.Get("title")))
			if e.Type != "article-journal" || !articleTitle(e.Get("title")) || !english(e) {
				continue
			}
			it := cite.Prepare(e, cite.Prep{SentenceCase: true})
			out = append(out, sampleTitle{file: rel, id: e.ID, got: it.Vars["title"]})
		}
	}
	return out
}

var withoutNocase = strings.NewReplacer(`<span class="nocase">`, "", "</span>", "")

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

// TestSentenceCaseCorpus measures sentence case on 200 English article
// titles of ../shared/corpus against their sentence-case forms judged by
// hand (testdata/sentencecase/expected.tsv: file, id, title), and prints
// the share converted exactly and every miss. The target is 95%; the
// test fails below minSentenceCaseShare, the share measured when the
// sample was judged, so that a change can only improve it.
func TestSentenceCaseCorpus(t *testing.T) {
	sample := drawSentenceCaseSample(t)
	want := map[string]string{}
	f, err := os.Open(filepath.Join("testdata", "sentencecase", "expected.tsv"))
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
			t.Fatalf("expected.tsv: bad line %q", line)
		}
		want[parts[0]+"\t"+parts[1]] = parts[2]
	}
	if len(sample) != sentenceCaseSample {
		t.Fatalf("sample has %d titles; want %d", len(sample), sentenceCaseSample)
	}
	exact := 0
	for _, s := range sample {
		w, ok := want[s.file+"\t"+s.id]
		if !ok {
			t.Errorf("%s %s: no expected title in expected.tsv (got %q)", s.file, s.id, s.got)
			continue
		}
		if s.got == w {
			exact++
			continue
		}
		t.Logf("miss: %s %s\n  got:  %s\n  want: %s", s.file, s.id, s.got, w)
	}
	share := float64(exact) / float64(len(sample))
	t.Logf("sentence case: %d of %d titles exact (%.1f%%)", exact, len(sample), 100*share)
	if share < minSentenceCaseShare {
		t.Errorf("sentence case: %.1f%% exact; it was %.1f%% (target 95%%)", 100*share, 100*minSentenceCaseShare)
	}
}
