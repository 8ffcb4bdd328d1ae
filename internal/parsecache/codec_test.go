package parsecache

import (
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
				f.raw = ""
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
