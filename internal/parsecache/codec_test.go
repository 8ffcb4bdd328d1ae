package parsecache

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"reflect"
	"runtime"
	"testing"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/gen"
)

// genRecords returns a generated library as records of per entries each.
func genRecords(n, per int) []*File {
	lib := gen.Library(n, 9)
	var recs []*File
	for i := 0; i < len(lib.Entries); i += per {
		part := &bib.Library{Entries: lib.Entries[i:min(i+per, len(lib.Entries))]}
		recs = append(recs, &File{Name: fmt.Sprintf("refs/%03d.toml", i/per), Size: int64(i), Library: part})
	}
	return recs
}

// reseal recomputes the checksum of a cache file whose body was changed,
// so that the decoder itself sees the change.
func reseal(data []byte) {
	head := len(magic) + 12
	binary.LittleEndian.PutUint64(data[len(magic)+4:], Sum(data[head:]))
}

// TestParallelDecode: the records of a cache file read the same on one
// processor and on several, with and without Reading's options, and the
// names that share their alternative forms read as equal maps.
func TestParallelDecode(t *testing.T) {
	recs := genRecords(2000, 150)
	data := encodeFile(key0, recs)
	for _, r := range []Reading{{}, {CopyStrings: true}, {KeepPosition: func(k string) bool { return k == "id" }, CopyStrings: true}} {
		var first map[string]*File
		for _, procs := range []int{1, 2, 5} {
			old := runtime.GOMAXPROCS(procs)
			got, err := decodeFile(data, key0, r)
			runtime.GOMAXPROCS(old)
			if err != nil {
				t.Fatalf("GOMAXPROCS %d: %v", procs, err)
			}
			if len(got) != len(recs) {
				t.Fatalf("GOMAXPROCS %d: %d records; want %d", procs, len(got), len(recs))
			}
			for _, f := range got {
				f.raw = nil
			}
			if first == nil {
				first = got
				continue
			}
			if !reflect.DeepEqual(got, first) {
				t.Fatalf("GOMAXPROCS %d: the records differ from those read on one processor", procs)
			}
		}
		if r.KeepPosition == nil {
			for _, want := range recs {
				if !reflect.DeepEqual(first[want.Name].Library, want.Library) {
					t.Fatalf("%s differs after the round trip", want.Name)
				}
			}
		}
	}
}

// TestDecodeMalformed changes bytes of a cache file's body and seals it
// again, so that the checksum passes: the decoder must refuse it or read
// it, never panic, on one processor or several, and a cache file of the
// previous layout is stale.
func TestDecodeMalformed(t *testing.T) {
	good := encodeFile(key0, genRecords(120, 25))
	head := len(magic) + 12
	step := max(1, (len(good)-head)/250)
	for _, procs := range []int{1, 3} {
		old := runtime.GOMAXPROCS(procs)
		for n := head; n < len(good); n += step {
			for _, b := range []byte{0x00, 0xff} {
				bad := append([]byte(nil), good...)
				bad[n] = b
				reseal(bad)
				_, _ = decodeFile(bad, key0, Reading{CopyStrings: b == 0})
			}
			cut := append([]byte(nil), good[:n]...)
			reseal(cut)
			if _, err := decodeFile(cut, key0, Reading{}); err == nil {
				t.Fatalf("a cache file cut to %d of %d bytes and sealed again was read", n, len(good))
			}
		}
		runtime.GOMAXPROCS(old)
	}
	v1 := append([]byte(nil), good...)
	binary.LittleEndian.PutUint32(v1[len(magic):], formatVersion-1)
	if _, err := decodeFile(v1, key0, Reading{}); err != errStale {
		t.Errorf("a cache file of version %d: %v; want errStale", formatVersion-1, err)
	}
}

var key0 = Key{Kind: "toml", Library: "refs", Options: "depth=16"}

// TestAltForms: names with the same alternative forms read back as equal
// maps (shared, across records too), and names whose forms differ, even
// only in how their bytes could be run together, as their own.
func TestAltForms(t *testing.T) {
	forms := []map[string]string{
		{"family-translit": "Ivanov"},
		{"family-translit": "Ivanov", "given-translit": "I."},
		{"family-translit": "Ivanov\x00given-translit\x00I."},
		{"family-translit": "Ivanov\x06\x0egiven-translit\x02I."},
		{"given-translit": "Ivanov"},
		{},
		nil,
	}
	var recs []*File
	for r := range 3 {
		lib := &bib.Library{}
		for i, f := range forms {
			e := bib.NewEntry(fmt.Sprintf("e%d-%d", r, i), "book")
			e.SetNames("author", []bib.Name{{Family: "Иванов", Alt: f}, {Family: "Петров", Alt: f}})
			lib.Entries = append(lib.Entries, e)
		}
		recs = append(recs, &File{Name: fmt.Sprintf("refs/%d.toml", r), Library: lib})
	}
	for _, r := range []Reading{{}, {CopyStrings: true}} {
		got, err := decodeFile(encodeFile(key0, recs), key0, r)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range recs {
			for i, e := range got[want.Name].Library.Entries {
				for _, n := range e.Names("author") {
					if !reflect.DeepEqual(n.Alt, forms[i]) {
						t.Fatalf("%s: forms %q read as %q", e.ID, forms[i], n.Alt)
					}
				}
			}
		}
	}
}

// TestRecordShapes round-trips entries whose names and dates have every
// combination of parts and flags the masks of format 4 tell apart, and
// whose positions lie before, at and far after the entry's line, in the
// record's file and in others, with Cyrillic, empty, very long and
// invalid UTF-8 strings and unknown types: every Reading gives them back
// as written (a KeepPosition reading, with the positions it keeps).
func TestRecordShapes(t *testing.T) {
	long := string(make([]byte, 70000)) + "конец"
	texts := []string{"", "Иванов", "d'", "van der", "Jr.", long, "\xff\xfe broken", "Ivanov\x00x"}
	var entries []*bib.Entry
	for i := range 96 {
		e := bib.NewEntry(fmt.Sprintf("e%d", i), []string{"book", "article-journal", "", "x-unknown-type", "тип"}[i%5])
		e.Pos = bib.Pos{File: "refs/a.toml", Line: []int{1, 40, 1 << 40, -3, 0}[i%5], Col: i % 3}
		if i%7 == 0 {
			e.Pos = bib.Pos{}
		}
		var names []bib.Name
		for m := range 1 << 9 {
			if m%(i+1) != 0 && m != 511 {
				continue
			}
			n := bib.Name{CommaSuffix: m&8 != 0, StaticOrdering: m&16 != 0, ParseNames: m&32 != 0}
			for b, part := range nameParts(&n) {
				if m&(1<<[6]int{0, 1, 2, 6, 7, 8}[b]) != 0 {
					*part = texts[(i+b)%len(texts)]
				}
			}
			if m%3 == 0 {
				n.Alt = map[string]string{"family-translit": texts[m%len(texts)]}
			} else if m%5 == 0 {
				n.Alt = map[string]string{}
			}
			n.Pos = bib.Pos{File: []string{"refs/a.toml", "refs/b.toml", ""}[m%3], Line: e.Pos.Line + m - 100, Col: m % 4}
			names = append(names, n)
		}
		e.SetNames("author", names)
		if i%2 == 0 {
			e.SetNames("editor", names[:1])
		}
		for m := range 1 << 6 {
			if m%(i%8+1) != 0 {
				continue
			}
			d := bib.Date{Start: bib.DatePart{Year: 1990 + i, Month: i % 13, Day: i % 29}, Range: m&1 != 0, Approximate: m&2 != 0, Uncertain: m&4 != 0}
			if m&8 != 0 {
				d.End = bib.DatePart{Year: -44, Month: 3, Day: 15}
			}
			if m&16 != 0 {
				d.Season = 1 + m%4
			}
			if m&32 != 0 {
				d.Literal = texts[m%len(texts)]
			}
			d.Pos = bib.Pos{File: "refs/a.toml", Line: e.Pos.Line + 2, Col: 1}
			e.SetDate([]string{"issued", "accessed", "original-date", "event-date", "x-date"}[m%5], d)
		}
		e.Set("title", texts[i%len(texts)])
		e.Set("zz-unknown", texts[(i+3)%len(texts)])
		for j, k := range []string{"id", "type", "title", "author", "aliases", "issued"} {
			e.SetPos(k, bib.Pos{File: []string{"refs/a.toml", "refs/c.toml"}[(i+j)%2], Line: e.Pos.Line + j - 2, Col: j})
		}
		if i%4 == 0 {
			e.Aliases = []string{"old" + e.ID, ""}
			e.Extra = map[string]string{"unmapped": texts[i%len(texts)]}
		}
		entries = append(entries, e)
	}
	recs := []*File{{Name: "refs/a.toml", Size: 5, ModTime: -1, Sum: 1 << 63, Library: &bib.Library{Entries: entries}, Diags: []bib.Diagnostic{{Pos: bib.Pos{File: "refs/a.toml", Line: 9}, Message: long}}}}
	data := encodeFile(key0, recs)
	keepID := func(k string) bool { return k == "id" || k == "aliases" }
	for _, r := range []Reading{{}, {CopyStrings: true}, {KeepPosition: keepID}, {KeepPosition: keepID, CopyStrings: true}} {
		got, err := decodeFile(data, key0, r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		g := got["refs/a.toml"]
		if !reflect.DeepEqual(g.Diags, recs[0].Diags) || g.Size != 5 || g.ModTime != -1 || g.Sum != 1<<63 {
			t.Fatalf("%+v: the record's identity or diagnostics differ", r)
		}
		for i, want := range entries {
			if r.KeepPosition != nil {
				want = want.Clone()
				want.RetainPositions(keepID)
			}
			if !reflect.DeepEqual(g.Library.Entries[i], want) {
				t.Fatalf("%+v: entry %d differs:\n got %+v\nwant %+v", r, i, g.Library.Entries[i], want)
			}
		}
	}
}

// TestRecordsWrittenBack: records read from a cache file, under any
// Reading (a lean one drops positions), are written back by encodeFile
// byte for byte as the file held them, from the parts readBody read
// them into.
func TestRecordsWrittenBack(t *testing.T) {
	data := encodeFile(key0, genRecords(700, 90))
	for _, r := range []Reading{{}, {CopyStrings: true}, {KeepPosition: func(k string) bool { return k == "id" }, CopyStrings: true}} {
		got, err := decodeFile(data, key0, r)
		if err != nil {
			t.Fatal(err)
		}
		var recs []*File
		for _, f := range got {
			recs = append(recs, f)
		}
		if again := encodeFile(key0, recs); !bytes.Equal(again, data) {
			t.Fatalf("%+v: the records read were written back as %d bytes, not as the %d read", r, len(again), len(data))
		}
	}
}

// TestStaleHeaderReadFirst: a cache file of another build or key is
// stale by its header alone, before the rest is read or checked.
func TestStaleHeaderReadFirst(t *testing.T) {
	data := encodeFile(key0, genRecords(50, 10))
	other := key0
	other.Options = "depth=17"
	cut := data[:len(data)/2]
	if _, err := decodeFile(cut, other, Reading{}); err != errStale {
		t.Errorf("half a cache file of another key: %v; want errStale", err)
	}
	if _, err := decodeFile(cut, key0, Reading{}); err != errCorrupt {
		t.Errorf("half a cache file of this key: %v; want errCorrupt", err)
	}
}

// TestDropClaims: a record's claims read back whole, or, with
// Reading.DropClaims, not at all, the entries, files and diagnostics
// after them read as they were, with and without the other options.
func TestDropClaims(t *testing.T) {
	lib := gen.Library(400, 4)
	if len(lib.Claims) == 0 {
		t.Fatal("the generated library has no claims")
	}
	lib.Files = []string{"refs/a.toml"}
	recs := []*File{{Name: "refs/a.toml", Library: lib, Diags: []bib.Diagnostic{{Code: "x", Message: "after the claims"}}}}
	data := encodeFile(key0, recs)
	for _, r := range []Reading{{DropClaims: true}, {DropClaims: true, CopyStrings: true}, {}} {
		got, err := decodeFile(data, key0, r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		g := got["refs/a.toml"]
		want := *lib
		if r.DropClaims {
			want.Claims = nil
		}
		if !reflect.DeepEqual(g.Library, &want) || !reflect.DeepEqual(g.Diags, recs[0].Diags) {
			t.Fatalf("%+v: the record differs from the one written (claims: %d of %d)", r, len(g.Library.Claims), len(lib.Claims))
		}
	}
}
