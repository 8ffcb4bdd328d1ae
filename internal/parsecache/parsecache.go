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
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
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
// (read into a buffer of its own), entries' types as keys, the
// counts of an entry's variables and positions before them, positions
// relative to their entry's line, and masks of the parts a name or a
// date has, so that a reader skips what is absent and the positions it
// does not keep; version 5 the lengths of a record's claims before them.
const formatVersion = 5

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
	raw *record
}

// record is a record of a cache file as read (see readBody): its bytes
// before its pool (head), with the file's name and identity and the raw
// keys of its table parsed from them, then its pool and the rest, each
// read into a buffer of its own.
type record struct {
	head          string
	name          string
	size, modTime int64
	sum           uint64
	keys          []string
	pool, stream  string
}

// bytes returns the length of the record in the cache file.
func (r *record) bytes() int { return len(r.head) + len(r.pool) + len(r.stream) }

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
	// CopyStrings copies the keys that are not variables (types, unknown
	// fields) out of the memory of the records' tables, into large
	// blocks, so that a reader that keeps a part of what it read longer
	// than the rest (format keeps the entries' variables and names after
	// it has let the library go) keeps none of the memory the cache file
	// was read into but each record's pool of strings: the records'
	// strings lie in their pools in any case (see readBody), apart from
	// the record's keys, positions and other parts.
	CopyStrings bool
	// DropClaims leaves the records' claims out (their Library.Claims is
	// nil): for a reader that prints the entries only, such as format,
	// to which a large library's claims are memory and work for nothing.
	// Save still writes them back.
	DropClaims bool
}

// OpenWith is Open keeping of the records what r asks for.
func OpenWith(dir string, key Key, r Reading) *Cache {
	c := &Cache{path: filepath.Join(dir, fileName(key)), key: key}
	f, err := input.Open(c.path)
	if err != nil {
		return c
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() > maxCacheSize {
		return c
	}
	if files, err := decodeFrom(f, fi.Size(), key, r); err == nil {
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
		if r := f.raw; r != nil {
			body.uint(uint64(r.bytes()))
			body.b = append(append(append(body.b, r.head...), r.pool...), r.stream...)
			continue
		}
		rec.b = rec.b[:0]
		rec.file(f)
		body.uint(uint64(len(rec.b)))
		body.b = append(body.b, rec.b...)
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
// r asks for (see decodeFrom).
func decodeFile(data []byte, k Key, r Reading) (map[string]*File, error) {
	return decodeFrom(bytes.NewReader(data), int64(len(data)), k, r)
}

// decodeFrom reads a cache file of size bytes from src, made by
// encodeFile for key k, keeping what r asks for: readBody reads its
// records, each record's pool of strings into a buffer of its own, which
// the strings of the record share, and decodeRecords decodes them.
func decodeFrom(src io.Reader, size int64, k Key, r Reading) (map[string]*File, error) {
	recs, err := readBody(src, size, k)
	if err != nil {
		return nil, err
	}
	files, err := decodeRecords(recs, r)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*File, len(files))
	for _, f := range files {
		out[f.Name] = f
	}
	return out, nil
}

// readBody reads the records of a cache file of size bytes from src
// (see encodeFile): a file of another layout, build or key is stale
// as soon as its header says so; one whose checksum, lengths or end do
// not match is corrupt. No length is believed beyond the bytes left, so
// that a corrupt file never makes it allocate more than its size.
func readBody(src io.Reader, size int64, k Key) ([]*record, error) {
	head := make([]byte, len(magic)+12)
	if _, err := io.ReadFull(src, head); err != nil || string(head[:len(magic)]) != magic {
		return nil, errCorrupt
	}
	if binary.LittleEndian.Uint32(head[len(magic):]) != formatVersion {
		return nil, errStale
	}
	sum := &summer{}
	br := &bodyReader{r: bufio.NewReaderSize(io.TeeReader(src, sum), 64<<10), left: size - int64(len(head))}
	if br.left <= 0 {
		return nil, errCorrupt
	}
	if br.str() != build() || br.str() != k.Kind || br.str() != k.Library || br.str() != k.Options {
		if br.bad {
			return nil, errCorrupt
		}
		return nil, errStale
	}
	n := br.count()
	recs := make([]*record, 0, n)
	for range n {
		if br.bad {
			break
		}
		recs = append(recs, br.record())
	}
	if br.bad || br.left != 0 || sum.sum() != binary.LittleEndian.Uint64(head[len(magic)+4:]) {
		return nil, errCorrupt
	}
	if _, err := br.r.ReadByte(); err != io.EOF {
		return nil, errCorrupt // the file grew while it was read
	}
	return recs, nil
}

// summer computes Sum of what is written to it.
type summer struct{ c, ieee uint32 }

func (s *summer) Write(p []byte) (int, error) {
	s.c = crc32.Update(s.c, castagnoli, p)
	s.ieee = crc32.Update(s.ieee, crc32.IEEETable, p)
	return len(p), nil
}

func (s *summer) sum() uint64 { return uint64(s.c)<<32 | uint64(s.ieee) }

// bodyReader reads the body of a cache file: left is what remains of
// it. A read past the end, or a length beyond what remains, sets bad,
// after which every read gives a zero value. head, when capture is set,
// receives the bytes read.
type bodyReader struct {
	r       *bufio.Reader
	left    int64
	bad     bool
	capture bool
	head    []byte
}

func (b *bodyReader) byte() byte {
	if b.bad || b.left <= 0 {
		b.bad = true
		return 0
	}
	c, err := b.r.ReadByte()
	if err != nil {
		b.bad = true
		return 0
	}
	b.left--
	if b.capture {
		b.head = append(b.head, c)
	}
	return c
}

func (b *bodyReader) uint() uint64 {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		c := b.byte()
		if b.bad {
			return 0
		}
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	b.bad = true
	return 0
}

func (b *bodyReader) int() int64 {
	u := b.uint()
	return int64(u>>1) ^ -int64(u&1)
}

// count reads a number of items that follow, each of at least a byte.
func (b *bodyReader) count() int {
	n := b.uint()
	if n > uint64(max(b.left, 0)) {
		b.bad = true
		return 0
	}
	return int(n)
}

// bytes reads n bytes into a buffer of their own.
func (b *bodyReader) bytes(n int) string {
	if b.bad {
		return ""
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(b.r, buf); err != nil {
		b.bad = true
		return ""
	}
	b.left -= int64(n)
	if b.capture {
		b.head = append(b.head, buf...)
	}
	return unsafe.String(unsafe.SliceData(buf), n)
}

func (b *bodyReader) str() string { return b.bytes(b.count()) }

// record reads a record (see enc.file): its head, parsed as it is
// captured, then its pool and the rest of it.
func (b *bodyReader) record() *record {
	n := int64(b.count())
	end := b.left - n
	b.capture, b.head = true, nil
	r := &record{name: b.str(), size: b.int(), modTime: b.int(), sum: b.uint()}
	r.keys = make([]string, b.count())
	for i := range r.keys {
		r.keys[i] = b.str()
	}
	pool := b.count()
	b.capture = false
	r.head = string(b.head)
	r.pool = b.bytes(pool)
	if rest := b.left - end; rest < 0 || b.bad {
		b.bad = true
	} else {
		r.stream = b.bytes(int(rest))
	}
	return r
}

// decodeRecords decodes the records recs, on all the processors (each
// record is a file of the library, and decoding them is most of what
// reading a cache costs), in their order.
func decodeRecords(recs []*record, r Reading) ([]*File, error) {
	files := make([]*File, len(recs))
	workers := min(runtime.GOMAXPROCS(0), len(recs))
	var next atomic.Int64
	var corrupt atomic.Bool
	decode := func() {
		// A worker's decoder, and its blocks of copied keys, serve
		// every record it takes.
		d := &dec{keepPos: r.KeepPosition, dropClaims: r.DropClaims}
		if r.CopyStrings {
			d.arena = &arena{}
		}
		for !corrupt.Load() {
			i := int(next.Add(1)) - 1
			if i >= len(recs) {
				return
			}
			f := d.file(recs[i])
			if d.bad || d.i != len(d.s) {
				corrupt.Store(true)
				return
			}
			f.raw = recs[i]
			files[i] = f
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
	return files, nil
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
