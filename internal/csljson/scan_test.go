package csljson

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/gen"
	"github.com/cite-project/cite/internal/testkit"
)

// bothReaders decodes data with the one-pass reader and with
// encoding/json alone, and fails when they differ in anything: items,
// positions, diagnostics, skipped items or the error.
func bothReaders(t *testing.T, name string, data []byte, opts ReadOptions) {
	t.Helper()
	fast, fastErr := DecodeWith(name, data, opts)
	fastJSON = false
	slow, slowErr := DecodeWith(name, data, opts)
	fastJSON = true
	if (fastErr == nil) != (slowErr == nil) || fastErr != nil && fastErr.Error() != slowErr.Error() {
		t.Fatalf("%s: one-pass reader error %v; encoding/json's %v", name, fastErr, slowErr)
	}
	if !reflect.DeepEqual(fast, slow) {
		if fast != nil && slow != nil {
			if !reflect.DeepEqual(fast.Diagnostics, slow.Diagnostics) {
				t.Fatalf("%s: diagnostics differ:\n%v\n---\n%v", name, fast.Diagnostics, slow.Diagnostics)
			}
			for i := range slow.Library.Entries {
				if i < len(fast.Library.Entries) && !reflect.DeepEqual(fast.Library.Entries[i], slow.Library.Entries[i]) {
					t.Fatalf("%s: item %d differs:\n%+v\n---\n%+v", name, i+1, fast.Library.Entries[i], slow.Library.Entries[i])
				}
			}
		}
		t.Fatalf("%s: the one-pass reader and encoding/json read it differently", name)
	}
}

// TestReadersAgree holds the one-pass reader to encoding/json's on the
// export of a generated library (pretty-printed and on one line), the
// CSL-JSON of the shared corpus, the fuzz corpus and hand-made oddities.
func TestReadersAgree(t *testing.T) {
	lib := gen.Library(500, 4)
	var b bytes.Buffer
	if err := Encode(&b, lib.Entries); err != nil {
		t.Fatal(err)
	}
	docs := map[string][]byte{"generated.json": b.Bytes()}
	var oneLine bytes.Buffer
	for _, line := range strings.Split(b.String(), "\n") {
		oneLine.WriteString(strings.TrimSpace(line))
	}
	docs["one-line.json"] = oneLine.Bytes()
	paths, _ := filepath.Glob(filepath.Join(testkit.ModuleRoot(t), "internal", "csljson", "testdata", "*.json"))
	paths = append(paths, filepath.Join(testkit.Shared(t, "corpus", "real", "zotero-better-bibtex"), "omit-fields-1179.csl.json"))
	fuzzed, _ := filepath.Glob(filepath.Join(testkit.ModuleRoot(t), "internal", "csljson", "testdata", "fuzz", "FuzzDecode", "*"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(p)] = data
	}
	for _, p := range fuzzed {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// go test fuzz v1 \n []byte("…")
		if _, body, ok := strings.Cut(string(data), "[]byte("); ok {
			docs[filepath.Base(p)] = []byte(strings.TrimSuffix(strings.TrimSpace(body), ")"))
		}
	}
	for _, s := range []string{
		`[]`, ` [ ] `, `[{}]`, `[{},{}]`, `[{},]`, `[{}]x`, `{}`, `[1]`, `[{"id":"a"`, `[{"id":"a","id":"b","id":"c"}]`,
		`[{"id":"a","type":"book","title":"x\u00e9\n","author":[{"family":"A","given":"B","comma-suffix":true},{"literal":"C"}]}]`,
		`[{"id":7,"type":"book","issued":{"date-parts":[[2001,"2",3],[2002]],"circa":1},"accessed":"2020-01-02","volume":3.5e2}]`,
		`[{"id":"a","type":"book","author":null,"editor":[null],"issued":null,"title":null,"custom":null}]`,
		`[{"id":"a","type":"book","custom":{"aliases":["x","y"],"extra":{"k":"v","n":1},"title-translit":"t","author-translit":[{"family":"F"}],"other":[1,{"a":null}]}}]`,
		`[{"i\u0064":"a","type":"book"}]`, `[{"id":"\xff","type":"book","title":"bad \xfe utf-8"}]`,
		`[{"id":"a","type":"book","title":"x"}` + "\n\n" + `,{"id":"b","type":"book","note":"\u0001"}]`,
		`[{"id":"a","type":"book","author":[{"family":"A"},{"family":"B"}],"custom":{"author-translit":[{"family":"Ä"},{"family":1}]}}]`,
		`[{"id":"a","type":"book","issued":{"date-parts":[]}},{"id":"b","type":"book","issued":{"date-parts":[[]]}}]`,
		`[{"id":"a","type":"book","issued":{"raw":"2001~","literal":"c. 2001"}}]`,
		`[{"id":"a","type":"book","title":01}]`, `[{"id":"a","type":"book","title":-}]`, `[{"id":"a","type":"book","title":1.}]`,
		`[{"id":"a","type":"book","title":"a\qb"}]`, `[{"id":"a","type":"book","title":"tab	here"}]`,
		"\uFEFF[{\"id\":\"bom\",\"type\":\"book\"}]",
	} {
		docs[s] = []byte(s)
	}
	for name, data := range docs {
		bothReaders(t, name, data, ReadOptions{})
		bothReaders(t, name, data, ReadOptions{FixText: true})
	}
}

// FuzzReadersAgree holds the one-pass reader to encoding/json's on
// arbitrary input.
func FuzzReadersAgree(f *testing.F) {
	f.Add([]byte(`[{"id": 1, "type": "book", "title": "T", "issued": {"date-parts": [[2001, 2]]}, "author": [{"literal": "X"}], "custom": {"a": [1]}}]`))
	f.Add([]byte(`[{"id": "a", "type": "x", "issued": "2001?/..", "title-translit": "t", "title": "a\"b"}, {"id":"b","author":[{"family":"Ж"}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		bothReaders(t, "fuzz.json", data, ReadOptions{})
	})
}
