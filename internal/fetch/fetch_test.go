package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
)

// server serves the recorded responses of testdata (see SOURCES.md) as
// the three services would.
func server(t *testing.T) (*httptest.Server, *Client) {
	t.Helper()
	file := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/doi/", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept") != "application/vnd.citationstyles.csl+json" {
			http.Error(w, "no such format", http.StatusNotAcceptable)
			return
		}
		switch strings.TrimPrefix(r.URL.Path, "/doi/") {
		case "10.1126/science.169.3946.635":
			w.Header().Set("Content-Type", "application/vnd.citationstyles.csl+json")
			w.Write(file("doi-science-169-3946-635.json"))
		case "10.5555/MEMO.2016.60.4.05":
			w.Write(file("doi-5555-cyrillic.json"))
		case "10.5555/slow":
			time.Sleep(300 * time.Millisecond)
		case "10.5555/html":
			w.Write([]byte("<!DOCTYPE html><html>a landing page</html>"))
		case "10.5555/broken":
			http.Error(w, "oops", http.StatusInternalServerError)
		default:
			http.NotFound(w, r) // doi.org answers 404 for a DOI it does not know
		}
	})
	mux.HandleFunc("/api/books", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("jscmd") != "data" || r.URL.Query().Get("format") != "json" {
			http.Error(w, "bad query", http.StatusBadRequest)
			return
		}
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
		switch r.URL.Query().Get("id_list") {
		case "cond-mat/0102536", "cond-mat/0102536v1":
			w.Write(file("arxiv-cond-mat-0102536.xml"))
		default:
			w.Write(file("arxiv-error.xml"))
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &Client{DOIResolver: srv.URL + "/doi", ISBNService: srv.URL, ArXivAPI: srv.URL, HTTP: &http.Client{Timeout: 100 * time.Millisecond}}
}

// toml returns the entry as store writes it.
func toml(t *testing.T, e *bib.Entry) string {
	t.Helper()
	var b strings.Builder
	if err := store.Encode(&b, []*bib.Entry{e}, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestFetch(t *testing.T) {
	_, c := server(t)
	tests := []struct {
		id      string
		want    []string // lines the record must have
		dropped string
	}{
		{"https://doi.org/10.1126/science.169.3946.635", []string{
			`type = "article-journal"`,
			`title = "The Structure of Ordinary Water: New data and interpretations are yielding new insights into this fascinating substance"`,
			`container-title = "Science"`, `volume = "169"`, `issue = "3946"`, `page = "635-641"`, `issued = "1970-08-14"`,
			`DOI = "10.1126/science.169.3946.635"`, `family = "Frank"`, `given = "Henry S."`, `ISSN = "0036-8075, 1095-9203"`,
		}, "alternative-id, content-domain, created, deposited, indexed"},
		{"doi:10.5555/MEMO.2016.60.4.05", []string{
			`title = "Многовекторная внешняя политика Казахстана: концептуальные основы"`,
			`container-title = "Мировая экономика и международные отношения"`, `language = "ru"`, `issued = "2016-04"`,
			`family = "Жумабаев"`, `family = "Сейтказы"`, `"author.2.ORCID" = "https://orcid.org/0000-0002-1825-0097"`,
		}, "reference"},
		{"ISBN 0-451-52653-8", []string{`type = "book"`, `title = "The adventures of Tom Sawyer"`, `publisher = "Signet Classic"`,
			`publisher-place = "New York"`, `issued = "1997"`, `number-of-pages = "216"`, `ISBN = "0451526538"`, `family = "Twain"`, `given = "Mark"`}, ""},
		{"978-5-02-038247-3", []string{`title = "Казахстан и Россия: история и современность"`, `publisher = "Наука"`, `publisher-place = "Москва"`,
			`ISBN = "978-5-02-038247-3"`, `family = "Султанов"`, `given = "Б. К."`}, ""},
		{"arXiv:cond-mat/0102536v1", []string{`type = "article"`, `title = "Impact of Electron-Electron Cusp on Configuration Interaction Energies"`,
			`publisher = "arXiv"`, `number = "arXiv:cond-mat/0102536"`, `issued = "2001-02-28"`, `DOI = "10.48550/arXiv.cond-mat/0102536"`,
			`URL = "https://arxiv.org/abs/cond-mat/0102536v1"`, `family = "Prendergast"`, `given = "J. C."`, `arxiv-journal-ref = "J. Chem. Phys. 115, 1626 (2001)"`,
			`arxiv-published-doi = "10.1063/1.1383585"`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			id, err := Parse(tt.id)
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.Fetch(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			got := toml(t, res.Entry)
			for _, w := range tt.want {
				if !strings.Contains(got, w+"\n") {
					t.Errorf("record lacks %s:\n%s", w, got)
				}
			}
			if !strings.Contains(strings.Join(res.Dropped, ", "), tt.dropped) {
				t.Errorf("Dropped = %v; want it to include %s", res.Dropped, tt.dropped)
			}
			for _, bad := range []string{"sequence", "affiliation", "indexed", "\"reference\""} {
				if strings.Contains(got, bad) {
					t.Errorf("record keeps %s:\n%s", bad, got)
				}
			}
		})
	}
}

func TestFetchErrors(t *testing.T) {
	_, c := server(t)
	tests := []struct{ id, want string }{
		{"10.5555/unknown", "10.5555/unknown was not found at 127.0.0.1"},
		{"10.5555/slow", "(timeout)"},
		{"10.5555/html", "did not answer with a CSL-JSON record"},
		{"10.5555/broken", "HTTP 500 Internal Server Error"},
		{"9780000000002", "was not found"},
		{"arXiv:9999.99999", "arXiv:9999.99999 was not found"},
	}
	for _, tt := range tests {
		id, err := Parse(tt.id)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Fetch(context.Background(), id)
		var fe *Error
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Fetch(%s) error = %v; want one line containing %q", tt.id, err, tt.want)
		} else if !asError(err, &fe) {
			t.Errorf("Fetch(%s) error is %T; want *fetch.Error", tt.id, err)
		}
	}
	down := &Client{DOIResolver: "http://127.0.0.1:1", HTTP: &http.Client{Timeout: time.Second}}
	id, _ := Parse("10.1126/science.169.3946.635")
	if _, err := down.Fetch(context.Background(), id); err == nil || !strings.Contains(err.Error(), "cannot reach 127.0.0.1:1") {
		t.Errorf("Fetch from a closed port: %v", err)
	}
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	*target = e
	return ok
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		kind Kind
		want string
		err  string
	}{
		{"10.1145/3292500.3330701", DOI, "10.1145/3292500.3330701", ""},
		{"doi:10.1145/3292500.3330701", DOI, "10.1145/3292500.3330701", ""},
		{"https://doi.org/10.1145/3292500.3330701", DOI, "10.1145/3292500.3330701", ""},
		{"HTTPS://DX.DOI.ORG/10.1000/xyz", DOI, "10.1000/xyz", ""},
		{"10.12/x", 0, "", "is not a DOI"},
		{"doi:11.1145/x", 0, "", "is not a DOI"},
		{"978-5-02-038247-3", ISBN, "9785020382473", ""},
		{"ISBN 0-306-40615-2", ISBN, "0306406152", ""},
		{"ISBN-13: 978-0-306-40615-7", ISBN, "9780306406157", ""},
		{"080442957X", ISBN, "080442957X", ""},
		{"978-5-02-038247-1", 0, "", "its check digit is 1, but its other digits give 3"},
		{"978-5-02-03824", 0, "", "has 11"},
		{"arXiv:2405.12206", ArXiv, "2405.12206", ""},
		{"2405.12206v2", ArXiv, "2405.12206", ""},
		{"https://arxiv.org/abs/hep-th/9901001", ArXiv, "hep-th/9901001", ""},
		{"arXiv:12345", 0, "", "is not an arXiv id"},
		{"Назарбаев", 0, "", "is not a DOI"},
	}
	for _, tt := range tests {
		id, err := Parse(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Parse(%q) error = %v; want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || id.Kind != tt.kind || id.Value != tt.want {
			t.Errorf("Parse(%q) = %+v, %v; want %v %s", tt.in, id, err, tt.kind, tt.want)
		}
	}
}
