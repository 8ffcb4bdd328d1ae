// Package parsecache keeps what cite read from the files of a library, so
// that the next command that reads them unchanged does not parse them
// again: parsing is most of what list, check, verify and export cost on a
// large library, and a decoded library reads back from the cache in a
// fraction of that time.
//
// A cache file holds, for one library as named on the command line, one
// record per file: the file's name, size, modification time and a content
// checksum, and what decoding it gave (entries, claims, diagnostics). A
// record is used only when all four match the file as it is now, and the
// whole cache only when it was written by this very build of cite with the
// same options (see Key); anything else, or a cache file that is truncated
// or corrupt, is ignored and rebuilt. Cache files live in Dir (the user's
// cache directory), are written under the lock of package lockedfile and
// replaced atomically (package atomicfile), so that concurrent runs never
// read a half-written cache; a run that finds the lock taken leaves the
// writing to the other.
//
// The cache is a cache: failing to read or write it never fails a command.
package parsecache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/cite-project/cite/internal/atomicfile"
	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/input"
	"github.com/cite-project/cite/internal/lockedfile"
)

// formatVersion changes whenever the layout of a cache file does.
// Version 2 gives each record's length before it, so that the records
// can be read in parallel; version 3 a table of each record's keys, which
// the record gives by number; version 4 a pool of each record's strings
// (copied whole for Reading.CopyStrings), entries' types as keys, the
// counts of an entry's variables and positions before them, positions
// relative to their entry's line, and masks of the parts a name or a
// date has, so that a reader skips what is absent and the positions it
// does not keep.
const formatVersion = 4

// magic starts every cache file.
const magic = "cite parse cache\n"

// Dir returns the directory cite keeps its caches in: "cite" in the
// user's cache directory (os.UserCacheDir).
func Dir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "cite"), nil
}

// Key names one cache: what was read, and everything besides the files'
// contents that decides what reading them gives.
type Key struct {
	// Kind is the reader: "toml" or "csljson".
	Kind string
	// Library is the library's path as the user gave it (positions and
	// messages name files by it).
	Library string
	// Options holds the reader's options that change its result, such as
	// the nesting limit.
	Options string
}

// File is the record of one file of a library.
type File struct {
	// Name is the file's name as positions give it.
	Name string
	// Size, ModTime (Unix nanoseconds) and Sum (see Sum) identify the
	// contents the record was made from.
	Size    int64
	ModTime int64
	Sum     uint64
	// Library and Diags are what decoding the file gave.
	Library *bib.Library
	Diags   []bib.Diagnostic

	// raw is the record as the cache file holds it, when it was read from
	// one: Save writes it back as it is, which is faster than encoding it
	// again and keeps the positions that OpenWith may have left out.
	raw string
}

// Sum returns the checksum that identifies a file's contents: CRC-32C and
// CRC-32 (IEEE) of data side by side, 64 bits that change with any change
// a file goes through, computed in hardware at several GB/s, so that
// checking 60 MB of library files costs a few milliseconds. Together with
// the size and the modification time it tells an unchanged file; it is not
// meant to resist a forger (who could change the file itself).
func Sum(data []byte) uint64 {
	return uint64(crc32.Checksum(data, castagnoli))<<32 | uint64(crc32.ChecksumIEEE(data))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Cache is the cache of one library.
type Cache struct {
	path  string
	key   Key
	files map[string]*File
}

// Open returns the cache of key in dir, with the records that the cache
// file holds when it is valid (none otherwise). It never fails: an
// unreadable cache is an empty one.
func Open(dir string, key Key) *Cache { return OpenWith(dir, key, Reading{}) }

// Reading says what OpenWith keeps of the records it reads. The zero
// value keeps everything.
type Reading struct {
	// KeepPosition, when set, chooses the entries' key positions kept:
	// an entry keeps the position of key (bib.Entry.KeyPos) only when
	// KeepPosition(key) is true. A command that reports nothing about
	// fields needs few of them, and a large library's positions are a
	// good part of its memory. Save still writes every position back.
	KeepPosition func(key string) bool
	// CopyStrings copies the strings that the records keep out of the
	// cache file's memory (each record's pool of strings whole, and the
	// few keys that are not variables into large blocks), so that the
	// file's memory,
	// with the keys, positions and other records it holds, can go as soon
	// as the records do, instead of when the last string still in use
	// does: for a reader that keeps a part of what it read longer than
	// the rest (format keeps the entries' variables and names after it
	// has let the library go). Reading is a little slower.
	CopyStrings bool
}

// OpenWith is Open keeping of the records what r asks for.
func OpenWith(dir string, key Key, r Reading) *Cache {
	c := &Cache{path: filepath.Join(dir, fileName(key)), key: key}
	data, err := input.ReadFile(c.path, maxCacheSize)
	if err != nil {
		return c
	}
	if files, err := decodeFile(data, key, r); err == nil {
		c.files = files
	}
	return c
}

// maxCacheSize bounds the cache file read.
const maxCacheSize = 8 << 30

// Lookup returns the record of the file name whose contents have size,
// modTime and sum, and whether there is one.
func (c *Cache) Lookup(name string, size, modTime int64, sum uint64) (*File, bool) {
	f, ok := c.files[name]
	if !ok || f.Size != size || f.ModTime != modTime || f.Sum != sum {
		return nil, false
	}
	return f, true
}

// Records returns the records read from the cache file, in no order.
func (c *Cache) Records() []*File {
	out := make([]*File, 0, len(c.files))
	for _, f := range c.files {
		out = append(out, f)
	}
	return out
}

// Len returns the number of records read from the cache file.
func (c *Cache) Len() int { return len(c.files) }

// Save replaces the cache file with files. A record that c read is
// written back as the cache file held it, so the records must not have
// changed since they were read. It does nothing when another
// process is writing it at the same moment (that one's result serves as
// well), and its errors can be ignored: the next run parses again.
func (c *Cache) Save(files []*File) error {
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return err
	}
	data := encodeFile(c.key, files)
	lock, err := lockedfile.Acquire(c.path, lockedfile.Options{Wait: -1})
	if err != nil {
		var le *lockedfile.LockError
		if errors.As(err, &le) {
			return nil // another run is writing the same cache
		}
		return err
	}
	defer lock.Unlock()
	return atomicfile.Write(c.path, data)
}

// fileName returns the name of the cache file of key.
func fileName(k Key) string {
	abs, err := filepath.Abs(k.Library)
	if err != nil {
		abs = k.Library
	}
	h := sha256.Sum256([]byte(k.Kind + "\x00" + abs + "\x00" + k.Library + "\x00" + k.Options))
	return k.Kind + "-" + hex.EncodeToString(h[:16]) + ".bin"
}

// build identifies this build of cite: a cache written by another one is
// ignored, since what decoding a file gives may have changed. A release
// built from a clean checkout is identified by its module version and
// revision; any other build also by its executable's size and time.
var build = sync.OnceValue(func() string {
	s := strconv.Itoa(formatVersion) + " " + runtime.Version()
	clean := false
	if info, ok := debug.ReadBuildInfo(); ok {
		s += " " + info.Main.Path + "@" + info.Main.Version
		rev, modified := "", true
		for _, st := range info.Settings {
			switch st.Key {
			case "vcs.revision":
				rev = st.Value
			case "vcs.modified":
				modified = st.Value != "false"
			}
		}
		s += " " + rev
		clean = rev != "" && !modified
	}
	if !clean {
		if exe, err := os.Executable(); err == nil {
			if fi, err := os.Stat(exe); err == nil {
				s += fmt.Sprintf(" %s %d %d", exe, fi.Size(), fi.ModTime().UnixNano())
			}
		}
	}
	return s
})

// encodeFile lays out a cache file: the magic, a header that names the
// build and the key, a checksum of the rest, and the records.
func encodeFile(k Key, files []*File) []byte {
	var body enc
	body.str(build())
	body.str(k.Kind)
	body.str(k.Library)
	body.str(k.Options)
	sorted := append([]*File(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	body.uint(uint64(len(sorted)))
	var rec enc
	for _, f := range sorted {
		raw := f.raw
		if raw == "" {
			rec.b = rec.b[:0]
			rec.file(f)
			raw = unsafe.String(unsafe.SliceData(rec.b), len(rec.b))
		}
		body.str(raw)
	}
	out := make([]byte, 0, len(magic)+12+len(body.b))
	out = append(out, magic...)
	out = binary.LittleEndian.AppendUint32(out, formatVersion)
	out = binary.LittleEndian.AppendUint64(out, Sum(body.b))
	return append(out, body.b...)
}

// errCorrupt is what reading a cache file that is not whole gives.
var errCorrupt = errors.New("corrupt cache")

// errStale is what reading a cache file of another build or key gives.
var errStale = errors.New("stale cache")

// decodeFile reads a cache file made by encodeFile for key k, keeping what
// r asks for. Its strings share the memory of data, which must not change
// afterwards.
func decodeFile(data []byte, k Key, r Reading) (map[string]*File, error) {
	head := len(magic) + 12
	if len(data) < head || string(data[:len(magic)]) != magic {
		return nil, errCorrupt
	}
	if binary.LittleEndian.Uint32(data[len(magic):]) != formatVersion {
		return nil, errStale
	}
	body := data[head:]
	if binary.LittleEndian.Uint64(data[len(magic)+4:]) != Sum(body) {
		return nil, errCorrupt
	}
	if len(body) == 0 {
		return nil, errCorrupt
	}
	// The body is never written again: its strings can share its bytes.
	d := &dec{s: unsafe.String(&body[0], len(body)), keepPos: r.KeepPosition}
	if d.raw() != build() || d.raw() != k.Kind || d.raw() != k.Library || d.raw() != k.Options {
		return nil, errStale
	}
	n := d.count()
	spans := make([]string, n)
	for i := range spans {
		spans[i] = d.raw()
	}
	if d.bad || d.i != len(d.s) {
		return nil, errCorrupt
	}
	recs, err := decodeRecords(spans, r)
	if err != nil {
		return nil, err
	}
	files := make(map[string]*File, n)
	for _, f := range recs {
		files[f.Name] = f
	}
	return files, nil
}

// decodeRecords decodes the records spans, on all the processors (each
// record is a file of the library, and decoding them is most of what
// reading a cache costs), in their order.
func decodeRecords(spans []string, r Reading) ([]*File, error) {
	recs := make([]*File, len(spans))
	workers := min(runtime.GOMAXPROCS(0), len(spans))
	var next atomic.Int64
	var corrupt atomic.Bool
	decode := func() {
		// A worker's decoder, and its blocks of copied strings, serve
		// every record it takes.
		d := &dec{keepPos: r.KeepPosition, copyPools: r.CopyStrings}
		if r.CopyStrings {
			d.arena = &arena{}
		}
		for !corrupt.Load() {
			i := int(next.Add(1)) - 1
			if i >= len(spans) {
				return
			}
			d.s, d.i = spans[i], 0
			f := d.file()
			if d.bad || d.i != len(d.s) {
				corrupt.Store(true)
				return
			}
			f.raw = spans[i]
			recs[i] = f
		}
	}
	if workers <= 1 {
		decode()
	} else {
		var wg sync.WaitGroup
		for range workers {
			wg.Go(decode)
		}
		wg.Wait()
	}
	if corrupt.Load() {
		return nil, errCorrupt
	}
	return recs, nil
}

// StatFile returns what Lookup needs to know of the file at path besides
// its contents: its size and modification time, as Stat sees them.
func StatFile(path string) (size, modTime int64, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, 0, err
	}
	if !fi.Mode().IsRegular() {
		return 0, 0, &fs.PathError{Op: "stat", Path: path, Err: errors.New("not a regular file")}
	}
	return fi.Size(), fi.ModTime().UnixNano(), nil
}

// Read returns the record of the file name: from c when c holds the file
// as it is now, or else made by reading it with read and decoding the data
// with decode; parsed says which. With a nil c it always reads and
// decodes. The file is looked at (size, time) before it is read, so that
// a file that changes in between is recorded with its old time and read
// again next time.
func (c *Cache) Read(name string, read func() ([]byte, error), decode func(data []byte) (*bib.Library, []bib.Diagnostic, error)) (rec *File, parsed bool, err error) {
	var size, mtime int64
	if c != nil {
		if size, mtime, err = StatFile(name); err != nil {
			c = nil
		}
	}
	data, err := read()
	if err != nil {
		return nil, false, err
	}
	var sum uint64
	if c != nil {
		sum = Sum(data)
		if rec, ok := c.Lookup(name, size, mtime, sum); ok {
			return rec, false, nil
		}
	}
	lib, diags, err := decode(data)
	if err != nil {
		return nil, false, err
	}
	return &File{Name: name, Size: size, ModTime: mtime, Sum: sum, Library: lib, Diags: diags}, true, nil
}
