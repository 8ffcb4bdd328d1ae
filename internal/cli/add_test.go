package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/testkit"
)

// services serves the recorded responses of internal/fetch/testdata (see
// its SOURCES.md) as doi.org, Open Library and the arXiv API would, and
// points cite add at it through the environment.
func services(t *testing.T) string {
	t.Helper()
	file := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "fetch", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/doi/", func(w http.ResponseWriter, r *http.Request) {
		switch strings.TrimPrefix(r.URL.Path, "/doi/") {
		case "10.1126/science.169.3946.635", "10.1126/SCIENCE.169.3946.635":
			w.Write(file("doi-science-169-3946-635.json"))
		case "10.5555/MEMO.2016.60.4.05":
			w.Write(file("doi-5555-cyrillic.json"))
		case "10.5555/slow":
			time.Sleep(500 * time.Millisecond)
		default:
			http.NotFound(w, r)
		}
	})
	mux.HandleFunc("/api/books", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("bibkeys") {
		case "ISBN:0451526538":
			w.Write(file("openlibrary-0451526538.json"))
		case "ISBN:9785020382473":
			w.Write(file("openlibrary-9785020382473.json"))
		default:
			w.Write(file("openlibrary-notfound.json"))
		}
	})
	mux.HandleFunc("/api/query", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("id_list") == "cond-mat/0102536" {
			w.Write(file("arxiv-cond-mat-0102536.xml"))
			return
		}
		w.Write(file("arxiv-error.xml"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	t.Setenv("CITE_DOI_RESOLVER", srv.URL+"/doi")
	t.Setenv("CITE_ISBN_SERVICE", srv.URL)
	t.Setenv("CITE_ARXIV_API", srv.URL)
	return srv.URL
}

func TestAddGolden(t *testing.T) {
	url := services(t)
	lib := filepath.Join("testdata", "add", "lib")
	tests := []struct {
		name string
		code int
		args []string
	}{
		{"doi", 0, []string{"add", "https://doi.org/10.1126/science.169.3946.635"}},
		{"doi-cyrillic", 0, []string{"add", "doi:10.5555/MEMO.2016.60.4.05"}},
		{"isbn", 0, []string{"add", "0-451-52653-8"}},
		{"isbn-cyrillic", 0, []string{"add", "978-5-02-038247-3", "--into", "LIB/books.toml"}},
		{"arxiv", 0, []string{"add", "arXiv:cond-mat/0102536"}},
		{"several", 0, []string{"add", "10.1126/science.169.3946.635", "0451526538"}},
		{"id", 0, []string{"add", "10.1126/science.169.3946.635", "--id", "frank1970"}},
		{"template", 0, []string{"add", "--type", "webpage"}},
		{"template-id", 0, []string{"add", "--type", "chapter", "--id", "chapter-to-do"}},
		{"dry-run", 0, []string{"add", "--dry-run", "arXiv:cond-mat/0102536"}},
		{"duplicate-doi", 1, []string{"add", "10.1234/already.there"}},
		{"duplicate-isbn", 1, []string{"add", "ISBN 0-306-40615-2"}},
		{"twice", 1, []string{"add", "10.1126/science.169.3946.635", "https://doi.org/10.1126/SCIENCE.169.3946.635"}},
		{"force", 0, []string{"add", "10.1126/science.169.3946.635", "10.1126/science.169.3946.635", "--force"}},
		{"not-found", 2, []string{"add", "10.5555/unknown"}},
		{"not-found-isbn", 2, []string{"add", "9780000000002"}},
		{"not-found-arxiv", 2, []string{"add", "arXiv:2405.12206"}},
		{"timeout", 2, []string{"add", "10.5555/slow", "--timeout", "50ms"}},
		{"one-fails", 2, []string{"add", "10.1126/science.169.3946.635", "10.5555/unknown"}},
		{"malformed-doi", 2, []string{"add", "10.12/x"}},
		{"malformed-isbn", 2, []string{"add", "978-5-02-038247-1"}},
		{"not-an-identifier", 2, []string{"add", "Назарбаев"}},
		{"unknown-type", 2, []string{"add", "--type", "journal"}},
		{"id-taken", 2, []string{"add", "--type", "book", "--id", "kept1992"}},
		{"no-args", 2, []string{"add"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyDir(t, lib)
			before := snapshot(t, dir)
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "LIB", dir)
			}
			code, stdout, stderr := runCite(t, "", append([]string{"--library", dir}, args...)...)
			after := snapshot(t, dir)
			out := fmt.Sprintf("$ cite --library LIB %s\nexit %d\n--- stdout\n%s--- stderr\n%s--- files\n%s",
				strings.Join(tt.args, " "), code, stdout, stderr, after)
			out = strings.ReplaceAll(strings.ReplaceAll(out, dir, "LIB"), strings.TrimPrefix(url, "http://"), "SERVER")
			testkit.Golden(t, filepath.Join("testdata", "add", tt.name+".golden"), []byte(out))
			if code != tt.code {
				t.Errorf("exit %d; want %d\n%s", code, tt.code, stderr)
			}
			if code != 0 || tt.name == "dry-run" {
				if before != after {
					t.Errorf("a failed add changed the library:\n%s", testkit.Diff(before, after))
				}
			}
			if strings.Contains(stderr, "\n") && code == 2 && strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("error is more than one line:\n%s", stderr)
			}
		})
	}
}

// TestAddedRecordsCheckClean: what add writes reads back without load
// problems, and the Cyrillic record's id is romanised.
func TestAddedRecordsCheckClean(t *testing.T) {
	services(t)
	dir := copyDir(t, filepath.Join("testdata", "add", "lib"))
	if code, _, stderr := runCite(t, "", "--library", dir, "add", "doi:10.5555/MEMO.2016.60.4.05", "978-5-02-038247-3", "arXiv:cond-mat/0102536"); code != 0 {
		t.Fatalf("add: %d %s", code, stderr)
	}
	code, out, _ := runCite(t, "", "--library", dir, "check", "--format", "json")
	for _, bad := range []string{"unknown-key", "bad-date", "bad-name", "bad-value", "bad-doi", "bad-isbn", "bad-issn", "duplicate-id"} {
		if strings.Contains(out, bad) {
			t.Errorf("check after add (exit %d) reports %s:\n%s", code, bad, out)
		}
	}
	_, ids, _ := runCite(t, "", "--library", dir, "search", "year:1990..2020", "--ids")
	for _, want := range []string{"zhumabayev2016mnogovektornaya", "sultanov2003kazakhstan", "prendergast2001impact"} {
		if !strings.Contains(ids, want+"\n") {
			t.Errorf("ids after add = %q; want %s", ids, want)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "main.toml"))
	if !bytes.HasPrefix(data, []byte("# The test library")) {
		t.Errorf("add did not keep the file's head:\n%s", data)
	}
}
