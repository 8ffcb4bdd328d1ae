package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/input"
	"github.com/cite-project/cite/internal/parsecache"
)

// Diagnostic codes produced while loading.
const (
	CodeUnknownKey  = "unknown-key"
	CodeDuplicateID = "duplicate-id"
	CodeUnknownType = "unknown-type"
	CodeBadDate     = "bad-date"
	CodeBadName     = "bad-name"
	CodeBadValue    = "bad-value"
	CodeMissingID   = "missing-id"
)

// SyntaxError reports a file that is not valid TOML. Line and Col point at
// the problem; Context shows the offending line and its neighbours with a
// marker under the column.
type SyntaxError struct {
	File    string
	Line    int
	Col     int
	Message string
	Context string
}

// Error returns "file:line:col: message" followed by the context lines.
func (e *SyntaxError) Error() string {
	s := fmt.Sprintf("%s:%d:%d: toml syntax error: %s", e.File, e.Line, e.Col, e.Message)
	if e.Context != "" {
		s += "\n" + e.Context
	}
	return s
}

// Limits bound what LoadWith and DecodeWith accept from a file. The zero
// value means the defaults.
type Limits struct {
	// MaxSize is the largest file read, in bytes; 0 means input.DefaultLimit.
	MaxSize int64
	// MaxDepth is how deeply arrays and inline tables may nest; 0 means
	// DefaultMaxDepth.
	MaxDepth int
	// CacheDir, when set, is the directory of the parse cache (package
	// parsecache) that LoadWith consults and updates: a file unchanged
	// since a run that cached it is not parsed again.
	CacheDir string
	// Lean, when set, makes LoadWith read for a command that reports
	// nothing about fields and keeps only a part of the library while it
	// works (format keeps the entries' variables and names in the items
	// it renders, and lets the rest go): each entry keeps only the key
	// positions that loading itself reports with (see KeepPosition), and
	// the strings read from the parse cache are copies, so that they do
	// not keep the whole cache file's memory (see CacheReading). The
	// entries' own positions, and their names' and dates', stay; the
	// parse cache still records every position. The library's claims are
	// not read (its Claims is nil): format prints none.
	Lean bool
}

// CacheReading returns what the parse cache keeps of the records it reads
// for a load with lim (see Limits.Lean).
func (lim Limits) CacheReading() parsecache.Reading {
	if !lim.Lean {
		return parsecache.Reading{}
	}
	return parsecache.Reading{KeepPosition: KeepPosition, CopyStrings: true, DropClaims: true}
}

// Trim does to a library that was parsed, not read from the parse cache,
// what CacheReading does to the cache's: with Lean, it drops the key
// positions KeepPosition does not keep, and the claims.
func (lim Limits) Trim(lib *bib.Library) {
	if !lim.Lean {
		return
	}
	for _, e := range lib.Entries {
		e.RetainPositions(KeepPosition)
	}
	lib.Claims = nil
}

// KeepPosition reports whether LoadWith keeps the position of key with
// Limits.Lean: the positions of the id and the aliases, which
// the diagnostics of loading name.
func KeepPosition(key string) bool { return key == "id" || key == "aliases" }

// Load reads a library from path: a .toml file, or a directory whose .toml
// files (searched recursively, in lexical order) are read one after the
// other. It returns the library and the diagnostics met while reading; the
// error is non-nil only when a file cannot be read or is not valid TOML.
// Load applies the default Limits; see LoadWith.
func Load(path string) (*bib.Library, []bib.Diagnostic, error) {
	return LoadWith(path, Limits{})
}

// LoadWith is Load with the given limits. Files are read through package
// input: a FIFO, a device or a directory named .toml is refused (never
// opened for a blocking read), and so is a file larger than lim.MaxSize.
// With lim.CacheDir set, each file that the cache holds as it is now (same
// size, modification time and contents) comes from the cache instead of
// being parsed, and the cache is rewritten when any file was parsed.
func LoadWith(path string, lim Limits) (*bib.Library, []bib.Diagnostic, error) {
	files, err := libraryFiles(path)
	if err != nil {
		return nil, nil, err
	}
	var cache *parsecache.Cache
	if lim.CacheDir != "" {
		cache = parsecache.OpenWith(lim.CacheDir, parsecache.Key{Kind: "toml", Library: path, Options: fmt.Sprintf("depth=%d", lim.depth())}, lim.CacheReading())
	}
	// Files are decoded in parallel (decoding dominates loading a large
	// library) and merged in order, so the result does not depend on timing.
	type result struct {
		rec    *parsecache.File
		parsed bool
		err    error
	}
	results := make([]result, len(files))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i].rec, results[i].parsed, results[i].err = loadFile(f, lim, cache)
		}()
	}
	wg.Wait()
	lib := &bib.Library{}
	m := &merger{lib: lib}
	n := 0
	for _, r := range results {
		if r.err == nil && r.rec != nil && r.rec.Library != nil {
			n += len(r.rec.Library.Entries)
		}
	}
	m.grow(n)
	var diags []bib.Diagnostic
	parsed := false
	for i, r := range results {
		if r.err != nil {
			return nil, nil, r.err
		}
		parsed = parsed || r.parsed
		diags = append(diags, r.rec.Diags...)
		diags = append(diags, m.add(r.rec.Library)...)
		lib.Files = append(lib.Files, files[i])
	}
	if cache != nil && (parsed || cache.Len() != len(files)) {
		recs := make([]*parsecache.File, len(results))
		for i, r := range results {
			recs[i] = r.rec
		}
		// A cache that cannot be written only means parsing again next time.
		_ = cache.Save(recs)
	}
	for _, r := range results {
		if r.parsed { // the cache's records were read with CacheReading
			lim.Trim(r.rec.Library)
		}
	}
	if lim.Lean {
		lib.Claims = nil // merged from the parts before they were trimmed
	}
	if len(files) > 1 {
		// Clashes inside one file were reported by Decode.
		diags = append(diags, aliasClashes(lib.Entries, func(a, b bib.Pos) bool { return a.File != b.File })...)
	}
	return lib, diags, nil
}

// loadFile reads and decodes the library file f, or takes what decoding
// it gave from cache when the cache holds the file as it is; parsed says
// which.
//
// With a cache, the file is read into a buffer of readBuffers: a file the
// cache holds is only checksummed, so that its buffer serves the next
// file, instead of a library's worth of memory being allocated (and
// faulted in) to be thrown away. A file that is decoded keeps its buffer,
// since what decoding gives may share its memory.
func loadFile(f string, lim Limits, cache *parsecache.Cache) (rec *parsecache.File, parsed bool, err error) {
	var buf *[]byte
	if cache != nil {
		buf = readBuffers.Get().(*[]byte)
	}
	rec, parsed, err = cache.Read(f,
		func() ([]byte, error) {
			var data []byte
			var err error
			if buf != nil {
				data, err = input.ReadFileInto(*buf, f, lim.MaxSize)
			} else {
				data, err = input.ReadFile(f, lim.MaxSize)
			}
			if err != nil {
				return nil, readError(err)
			}
			if buf != nil {
				*buf = data[:0]
			}
			return data, nil
		},
		func(data []byte) (*bib.Library, []bib.Diagnostic, error) {
			parses.Add(1)
			return DecodeWith(f, data, lim)
		})
	if buf != nil && err == nil && !parsed {
		readBuffers.Put(buf)
	}
	return rec, parsed, err
}

// readBuffers holds the buffers that loadFile reads files into when it
// only checksums them.
var readBuffers = sync.Pool{New: func() any { return new([]byte) }}

// parses counts the files LoadWith parsed, for the cache's tests.
var parses atomic.Int64

func (lim Limits) depth() int {
	if lim.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return lim.MaxDepth
}

// Files lists the TOML files that make up the library at path, in the
// order Load reads them: path itself, or the .toml files under the
// directory path (recursively, skipping hidden directories and the
// directory's own cite.toml, its configuration, in lexical order).
func Files(path string) ([]string, error) { return libraryFiles(path) }

// libraryFiles lists the TOML files that make up the library at path.
func libraryFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			return nil, readError(input.CheckRegular(path))
		}
		return []string{path}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != path && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && filepath.Dir(p) == filepath.Clean(path) && d.Name() == "cite.toml" {
			return nil // the library's configuration (package config), not references
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".toml") {
			// A FIFO or a device among the files would block or never end:
			// refuse it now, by name, rather than when it is read.
			if err := input.CheckRegular(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return readError(err)
			}
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("open library: no .toml files in %s", path)
	}
	sort.Strings(files)
	return files, nil
}

// readError says that a failed open was the library's; the input
// package's own errors name the file already.
func readError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("read library: %w", err)
	}
	return err
}

// merger accumulates the files of a library and reports reference ids that
// repeat across files. Repeated entries are kept, so that later checks see them,
// but lookups find the first.
type merger struct {
	lib *bib.Library
	// first holds the index in lib.Entries of the first entry of each id:
	// its position is looked up only for the rare id that repeats.
	first map[string]int32
}

// grow makes room in m for n entries, so that merging a large library
// does not grow the id map and the entry list step by step.
func (m *merger) grow(n int) {
	m.first = make(map[string]int32, n)
	m.lib.Entries = slices.Grow(m.lib.Entries, n)
}

func (m *merger) add(part *bib.Library) []bib.Diagnostic {
	if m.first == nil {
		m.first = map[string]int32{}
	}
	var diags []bib.Diagnostic
	for _, e := range part.Entries {
		if i, ok := m.first[e.ID]; ok {
			first := m.lib.Entries[i].PosOf("id")
			if first.File != e.Pos.File { // repeats inside one file are reported by Decode
				diags = append(diags, duplicate(e.PosOf("id"), e.ID, "reference", first))
			}
		} else {
			m.first[e.ID] = int32(len(m.lib.Entries))
		}
		m.lib.Entries = append(m.lib.Entries, e)
	}
	// Repeated claim ids are check's to report (claim-duplicate-id).
	m.lib.Claims = append(m.lib.Claims, part.Claims...)
	return diags
}

func duplicate(at bib.Pos, id, what string, first bib.Pos) bib.Diagnostic {
	return bib.Diagnostic{
		Pos: at, Severity: bib.Error, Code: CodeDuplicateID, Ref: id, Field: "id",
		Message: fmt.Sprintf("%s id %q is already used at %s; give this %s another id", what, id, first, what),
	}
}

// document is the shape of a library file. References and claims are read
// as plain maps and checked key by key here, so that unknown keys inside
// them are reported with their entry and line; MetaData.Undecoded reports
// the keys outside them.
type document struct {
	Reference []map[string]any `toml:"reference"`
	Claim     []map[string]any `toml:"claim"`
}

// Decode reads one library file's contents; name is used in positions.
// Entries come back in file order. The error is a *SyntaxError when data is
// not valid TOML, or a *DepthError when its arrays and inline tables nest
// deeper than DefaultMaxDepth; every other problem is a diagnostic.
func Decode(name string, data []byte) (*bib.Library, []bib.Diagnostic, error) {
	return DecodeWith(name, data, Limits{})
}

// DecodeWith is Decode with the nesting limit lim.MaxDepth (lim.MaxSize is
// for the caller that read data).
func DecodeWith(name string, data []byte, lim Limits) (*bib.Library, []bib.Diagnostic, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	// BurntSushi/toml needs time and memory quadratic in the nesting depth:
	// refuse deep nesting before it sees the file.
	if err := checkDepth(name, data, lim.MaxDepth); err != nil {
		return nil, nil, err
	}
	src := string(data) // one copy, shared by the values and the line index
	doc, idx, rootKeys, err := parseDocument(name, data, src)
	if err != nil {
		return nil, nil, err
	}
	d := &decoder{file: name, idx: idx, lib: &bib.Library{}}
	for i, raw := range doc.Reference {
		d.reference(i, raw)
	}
	for i, raw := range doc.Claim {
		d.claim(i, raw)
	}
	d.diags = append(d.diags, aliasClashes(d.lib.Entries, func(a, b bib.Pos) bool { return true })...)
	for _, k := range rootKeys {
		if k == "reference" || k == "claim" {
			continue // entries and claims report their own unknown keys
		}
		line := d.idx.keyLine(k)
		if t := d.idx.child(k, 0); t != nil {
			line = t.line
		}
		d.warn(d.pos(line), "", k, CodeUnknownKey,
			fmt.Sprintf("unknown key %q%s; a library file holds only [[reference]] and [[claim]] tables", k, suggest(k, []string{"reference", "claim"})))
	}
	return d.lib, d.diags, nil
}

// parseDocument reads a library file's TOML: its references and claims,
// the line index, and the keys at its root (other than reference and
// claim, each is an unknown key) in the order they first appear.
// parseFast reads the usual library file in one pass; anything it leaves
// (unusual TOML, or a syntax error) is read by BurntSushi/toml, the
// parser of record, and indexed by indexLines.
func parseDocument(name string, data []byte, src string) (document, *node, []string, error) {
	if root, idx, keys, ok := parseFast(src); ok {
		if doc, ok := documentOf(root); ok {
			return doc, idx, keys, nil
		}
	}
	var doc document
	md, err := toml.Decode(src, &doc)
	if err != nil {
		return document{}, nil, nil, syntaxError(name, data, err)
	}
	var keys []string
	seen := map[string]bool{}
	for _, k := range md.Undecoded() {
		if len(k) > 0 && !seen[k[0]] {
			seen[k[0]] = true
			keys = append(keys, k[0])
		}
	}
	return doc, indexLines(src), keys, nil
}

// documentOf takes the references and claims from a parsed root table, as
// decoding into a document does; ok is false when either is not an array
// of tables, which BurntSushi/toml words as an error.
func documentOf(root map[string]any) (document, bool) {
	var doc document
	for _, f := range []struct {
		key string
		dst *[]map[string]any
	}{{"reference", &doc.Reference}, {"claim", &doc.Claim}} {
		v, ok := root[f.key]
		if !ok {
			continue
		}
		list, ok := v.([]map[string]any)
		if !ok {
			return document{}, false
		}
		*f.dst = list
	}
	return doc, true
}

// syntaxError converts a TOML parse error into a *SyntaxError whose column
// counts characters, not bytes, and whose context shows the offending line
// and the two before it with a caret under the column.
func syntaxError(name string, data []byte, err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &SyntaxError{File: name, Line: 1, Col: 1, Message: err.Error()}
	}
	lines := strings.Split(string(data), "\n")
	line := max(pe.Position.Line, 1)
	col := max(pe.Position.Col, 1)
	var ctx strings.Builder
	if line <= len(lines) {
		text := strings.TrimRight(lines[line-1], "\r")
		if col-1 <= len(text) {
			col = utf8.RuneCountInString(text[:col-1]) + 1
		}
		for l := max(1, line-2); l <= line; l++ {
			fmt.Fprintf(&ctx, "%6d | %s\n", l, strings.TrimRight(lines[l-1], "\r"))
		}
		fmt.Fprintf(&ctx, "%6s | %s^", "", strings.Repeat(" ", col-1))
	}
	return &SyntaxError{File: name, Line: line, Col: col, Message: pe.Message, Context: ctx.String()}
}

type decoder struct {
	file  string
	idx   *node
	lib   *bib.Library
	diags []bib.Diagnostic
	ids   map[string]bib.Pos
}

func (d *decoder) pos(line int) bib.Pos { return bib.Pos{File: d.file, Line: line} }

func (d *decoder) warn(p bib.Pos, ref, field, code, msg string) {
	d.diags = append(d.diags, bib.Diagnostic{Pos: p, Severity: bib.Warning, Code: code, Ref: ref, Field: field, Message: msg})
}

func (d *decoder) fail(p bib.Pos, ref, field, code, msg string) {
	d.diags = append(d.diags, bib.Diagnostic{Pos: p, Severity: bib.Error, Code: code, Ref: ref, Field: field, Message: msg})
}

// sortedKeys returns the keys of m in the order they appear in the file.
func sortedKeys[V any](m map[string]V, n *node) []string {
	type keyAt struct {
		key  string
		line int
	}
	// Each key's line is looked up once, not at every comparison.
	at := make([]keyAt, 0, len(m))
	for k := range m {
		at = append(at, keyAt{k, n.keyLine(k)})
	}
	slices.SortFunc(at, func(a, b keyAt) int {
		if a.line != b.line {
			return cmp.Compare(a.line, b.line)
		}
		return strings.Compare(a.key, b.key)
	})
	keys := make([]string, len(at))
	for i, k := range at {
		keys[i] = k.key
	}
	return keys
}

func (d *decoder) reference(i int, raw map[string]any) {
	n := d.idx.child("reference", i)
	e := bib.NewEntry("", "")
	e.Pos = d.pos(n.tableLine())
	// id first, so that every later message can name the entry.
	if p, ok := raw["id"]; ok {
		e.SetPos("id", d.pos(n.keyLine("id")))
		if s, ok := scalarString(p); ok && strings.TrimSpace(s) != "" {
			e.ID = s
		} else {
			d.fail(e.PosOf("id"), "", "id", CodeBadValue, "id must be a non-empty string")
		}
	}
	if e.ID == "" {
		e.ID = fmt.Sprintf("#%d", i+1)
		if _, ok := raw["id"]; !ok {
			d.fail(e.Pos, e.ID, "id", CodeMissingID, fmt.Sprintf("reference %d in this file has no id; add id = \"...\"", i+1))
		}
	}
	for _, k := range sortedKeys(raw, n) {
		if k == "id" {
			continue
		}
		at := d.pos(n.keyLine(k))
		e.SetPos(k, at)
		v := raw[k]
		switch kind := bib.VariableKind(k); {
		case k == "type":
			s, ok := scalarString(v)
			switch {
			case !ok || s == "":
				d.fail(at, e.ID, k, CodeBadValue, "type must be a CSL item type such as \"book\"")
			case !bib.IsType(s):
				d.fail(at, e.ID, k, CodeUnknownType, fmt.Sprintf("unknown type %q%s; use a CSL item type", s, suggest(s, bib.Types())))
			}
			e.Type = s
		case k == "extra":
			d.extra(e, v, n.child("extra", 0), at)
		case k == "aliases":
			d.aliases(e, v, at)
		case kind == bib.Standard || kind == bib.Number:
			s, ok := scalarString(v)
			if !ok {
				d.fail(at, e.ID, k, CodeBadValue, fmt.Sprintf("%s must be a string, not %s", k, describe(v)))
				continue
			}
			e.Set(k, s)
		case kind == bib.NameList:
			d.names(e, k, v, n, at)
		case kind == bib.DateKind:
			if date, ok := d.date(e.ID, k, v, at); ok {
				e.SetDate(k, date)
			}
		default:
			d.warn(at, e.ID, k, CodeUnknownKey, fmt.Sprintf("unknown key %q%s; it is ignored (keep unmapped data under [reference.extra])", k, suggest(k, knownKeys())))
		}
	}
	if _, ok := raw["type"]; !ok {
		d.fail(e.Pos, e.ID, "type", CodeBadValue, "missing type; add type = \"book\" or another CSL item type")
	}
	d.lib.Entries = append(d.lib.Entries, e)
	if d.ids == nil {
		d.ids = map[string]bib.Pos{}
	}
	if first, dup := d.ids[e.ID]; dup {
		d.diags = append(d.diags, duplicate(e.PosOf("id"), e.ID, "reference", first))
	} else {
		d.ids[e.ID] = e.PosOf("id")
	}
}

// aliases reads an entry's former ids: aliases = ["drop1", "drop2"].
func (d *decoder) aliases(e *bib.Entry, v any, at bib.Pos) {
	list, ok := v.([]any)
	if !ok {
		d.fail(at, e.ID, "aliases", CodeBadValue, fmt.Sprintf("aliases must be a list of former ids such as [\"zhigalov1993a\"], not %s", describe(v)))
		return
	}
	for _, x := range list {
		s, ok := x.(string)
		switch {
		case !ok || strings.TrimSpace(s) == "":
			d.fail(at, e.ID, "aliases", CodeBadValue, "each alias must be a non-empty string: a former id of this reference")
		case s == e.ID:
			d.fail(at, e.ID, "aliases", CodeDuplicateID, fmt.Sprintf("alias %q is the reference's own id; remove it", s))
		case e.HasAlias(s):
			d.fail(at, e.ID, "aliases", CodeDuplicateID, fmt.Sprintf("alias %q is listed twice; remove one", s))
		default:
			e.Aliases = append(e.Aliases, s)
		}
	}
}

// aliasClashes reports aliases that are also the id of another reference,
// or an alias of another reference too: a citation key must name one
// entry. Only pairs of positions for which report returns true count, so
// that Load and Decode do not report the same clash twice.
func aliasClashes(entries []*bib.Entry, report func(a, b bib.Pos) bool) []bib.Diagnostic {
	hasAliases := false
	for _, e := range entries {
		hasAliases = hasAliases || len(e.Aliases) > 0
	}
	if !hasAliases {
		return nil
	}
	ids := make(map[string]*bib.Entry, len(entries))
	for _, e := range entries {
		if _, dup := ids[e.ID]; !dup {
			ids[e.ID] = e
		}
	}
	var diags []bib.Diagnostic
	owner := map[string]*bib.Entry{}
	for _, e := range entries {
		at := e.PosOf("aliases")
		for _, a := range e.Aliases {
			if o, ok := ids[a]; ok && report(at, o.PosOf("id")) {
				diags = append(diags, bib.Diagnostic{Pos: at, Severity: bib.Error, Code: CodeDuplicateID, Ref: e.ID, Field: "aliases",
					Message: fmt.Sprintf("alias %q is also the id of the reference at %s; a key must name one reference: remove the alias or rename that reference", a, o.PosOf("id"))})
				continue
			}
			if o, ok := owner[a]; ok && o != e && report(at, o.PosOf("aliases")) {
				diags = append(diags, bib.Diagnostic{Pos: at, Severity: bib.Error, Code: CodeDuplicateID, Ref: e.ID, Field: "aliases",
					Message: fmt.Sprintf("alias %q is also an alias of %s (%s); a key must name one reference: remove one of them", a, o.ID, o.PosOf("aliases"))})
				continue
			}
			if _, ok := owner[a]; !ok {
				owner[a] = e
			}
		}
	}
	return diags
}

func (d *decoder) extra(e *bib.Entry, v any, n *node, at bib.Pos) {
	m, ok := v.(map[string]any)
	if !ok {
		d.fail(at, e.ID, "extra", CodeBadValue, "extra must be a table of strings: [reference.extra]")
		return
	}
	for k, x := range m {
		s, ok := scalarString(x)
		if !ok {
			d.fail(d.pos(n.keyLine(k)), e.ID, "extra."+k, CodeBadValue, "extra fields must be strings")
			continue
		}
		if e.Extra == nil {
			e.Extra = map[string]string{}
		}
		e.Extra[k] = s
	}
}

// names reads a name variable: an array of tables, written either as
// [[reference.author]] sections or as author = [{ family = "…" }, …].
func (d *decoder) names(e *bib.Entry, key string, v any, n *node, at bib.Pos) {
	list, bad := tables(v, true)
	if bad != nil {
		d.fail(at, e.ID, key, CodeBadName, fmt.Sprintf("%s must be a list of name tables such as { family = \"Жигалов\", given = \"К. В.\" } or { literal = \"Ministry of …\" }, not %s", key, describe(bad)))
		return
	}
	for j, m := range list {
		nn := n.child(key, j)
		name := bib.Name{Pos: at}
		if nn != nil {
			name.Pos = d.pos(nn.line)
		}
		for _, part := range sortedKeys(m, nn) {
			pat := name.Pos
			if nn != nil {
				pat = d.pos(nn.keyLine(part))
			}
			x := m[part]
			switch part {
			case "comma-suffix", "static-ordering", "parse-names":
				b, ok := x.(bool)
				if !ok {
					d.fail(pat, e.ID, key+"."+part, CodeBadName, part+" must be true or false")
					continue
				}
				switch part {
				case "comma-suffix":
					name.CommaSuffix = b
				case "static-ordering":
					name.StaticOrdering = b
				default:
					name.ParseNames = b
				}
				continue
			}
			s, ok := x.(string)
			if !ok {
				d.fail(pat, e.ID, key+"."+part, CodeBadName, fmt.Sprintf("name part %s must be a string, not %s", part, describe(x)))
				continue
			}
			if !name.SetPart(part, s) {
				d.warn(pat, e.ID, key+"."+part, CodeUnknownKey, fmt.Sprintf("unknown name part %q%s; use family, given, literal, non-dropping-particle, dropping-particle, suffix or their -translit/-translated forms", part, suggest(part, bib.NameParts)))
			}
		}
		if name.IsEmpty() {
			d.fail(name.Pos, e.ID, key, CodeBadName, fmt.Sprintf("%s %d has no family, given or literal part", key, j+1))
			continue
		}
		e.AddName(key, name)
	}
}

// date reads a date variable: an EDTF string, a TOML date, a year number,
// or a table in CSL-JSON form ({ date-parts = [[y, m, d]], literal = …,
// circa = …, season = … }).
func (d *decoder) date(id, key string, v any, at bib.Pos) (bib.Date, bool) {
	bad := func(msg string) (bib.Date, bool) {
		d.fail(at, id, key, CodeBadDate, msg)
		return bib.Date{}, false
	}
	switch x := v.(type) {
	case string:
		if strings.TrimSpace(x) == "" {
			// Not given yet, as an empty text field is (cite add --type
			// writes templates so).
			return bib.Date{}, false
		}
		date, err := bib.ParseDate(x)
		if err != nil {
			return bad(err.Error())
		}
		date.Pos = at
		return date, true
	case int64:
		return bib.Date{Start: bib.DatePart{Year: int(x)}, Pos: at}, true
	case time.Time:
		if x.Hour() != 0 || x.Minute() != 0 || x.Second() != 0 || x.Nanosecond() != 0 {
			d.warn(at, id, key, CodeBadDate, "the time of day is not kept; write the date only, e.g. 2024-05-16")
		}
		return bib.Date{Start: bib.DatePart{Year: x.Year(), Month: int(x.Month()), Day: x.Day()}, Pos: at}, true
	case map[string]any:
		date, err := tableDate(x)
		if err != nil {
			return bad(err.Error())
		}
		date.Pos = at
		return date, true
	}
	return bad(fmt.Sprintf("%s must be a date such as \"1992-05-16\", \"2012-03\" or \"2014/2020\", not %s", key, describe(v)))
}

// tableDate reads a date written as a CSL-JSON table.
func tableDate(m map[string]any) (bib.Date, error) {
	var date bib.Date
	for k, v := range m {
		switch k {
		case "date-parts":
			parts, ok := v.([]any)
			if !ok || len(parts) == 0 || len(parts) > 2 {
				return date, fmt.Errorf("date-parts must hold one or two lists of [year, month, day]")
			}
			for i, p := range parts {
				dp, err := datePart(p)
				if err != nil {
					return date, err
				}
				if i == 0 {
					date.Start = dp
				} else {
					date.End, date.Range = dp, true
				}
			}
		case "literal":
			s, ok := v.(string)
			if !ok {
				return date, fmt.Errorf("literal must be a string")
			}
			date.Literal = s
		case "raw":
			s, ok := v.(string)
			if !ok {
				return date, fmt.Errorf("raw must be a string")
			}
			parsed, err := bib.ParseDate(s)
			if err != nil {
				return date, err
			}
			date.Start, date.End, date.Range, date.Season = parsed.Start, parsed.End, parsed.Range, parsed.Season
			date.Approximate = date.Approximate || parsed.Approximate
			date.Uncertain = date.Uncertain || parsed.Uncertain
		case "circa":
			b, ok := v.(bool)
			if !ok {
				return date, fmt.Errorf("circa must be true or false")
			}
			date.Approximate = b
		case "season":
			n, ok := v.(int64)
			if !ok || n < 1 || n > 4 {
				return date, fmt.Errorf("season must be 1 (spring) to 4 (winter)")
			}
			date.Season = int(n)
		default:
			return date, fmt.Errorf("unknown key %q in a date table; use date-parts, literal, raw, circa or season", k)
		}
	}
	if date.IsZero() {
		return date, fmt.Errorf("empty date table")
	}
	return date, nil
}

func datePart(v any) (bib.DatePart, error) {
	var dp bib.DatePart
	list, ok := v.([]any)
	if !ok || len(list) == 0 || len(list) > 3 {
		return dp, fmt.Errorf("each date-parts element must be [year], [year, month] or [year, month, day]")
	}
	nums := make([]int, len(list))
	for i, x := range list {
		switch n := x.(type) {
		case int64:
			nums[i] = int(n)
		case string:
			v, err := strconv.Atoi(n)
			if err != nil {
				return dp, fmt.Errorf("date part %q is not a number", n)
			}
			nums[i] = v
		default:
			return dp, fmt.Errorf("date part %v is not a number", x)
		}
	}
	dp.Year = nums[0]
	if len(nums) > 1 {
		dp.Month = nums[1]
	}
	if len(nums) > 2 {
		dp.Day = nums[2]
	}
	return dp, nil
}

func (d *decoder) claim(i int, raw map[string]any) {
	n := d.idx.child("claim", i)
	c := &bib.Claim{FieldPos: map[string]bib.Pos{}}
	c.Pos = d.pos(n.tableLine())
	if p, ok := raw["id"]; ok {
		c.FieldPos["id"] = d.pos(n.keyLine("id"))
		if s, ok := scalarString(p); ok {
			c.ID = s
		}
	}
	if c.ID == "" {
		c.ID = fmt.Sprintf("claim#%d", i+1)
		d.fail(c.Pos, c.ID, "id", CodeMissingID, fmt.Sprintf("claim %d in this file has no id; add id = \"...\"", i+1))
	}
	for _, k := range sortedKeys(raw, n) {
		if k == "id" {
			continue
		}
		at := d.pos(n.keyLine(k))
		c.FieldPos[k] = at
		v := raw[k]
		if k == "sources" {
			d.sources(c, v, n, at)
			continue
		}
		var dst *string
		switch k {
		case "statement":
			dst = &c.Statement
		case "kind":
			dst = &c.Kind
		case "excerpt":
			dst = &c.Excerpt
		case "status":
			dst = &c.Status
		case "note":
			dst = &c.Note
		default:
			d.warn(at, c.ID, k, CodeUnknownKey, fmt.Sprintf("unknown key %q in a claim%s; use id, statement, kind, excerpt, sources, status or note", k, suggest(k, claimKeys)))
			continue
		}
		s, ok := v.(string)
		if !ok {
			d.fail(at, c.ID, k, CodeBadValue, fmt.Sprintf("%s must be a string, not %s", k, describe(v)))
			continue
		}
		*dst = s
	}
	d.lib.Claims = append(d.lib.Claims, c)
}

var claimKeys = []string{"id", "statement", "kind", "excerpt", "sources", "status", "note"}

func (d *decoder) sources(c *bib.Claim, v any, n *node, at bib.Pos) {
	list, bad := tables(v, false)
	if bad != nil {
		d.fail(at, c.ID, "sources", CodeBadValue, fmt.Sprintf("sources must be a list of tables such as { ref = \"zhigalov1993\", locator = \"9\", support = \"direct\" }, not %s", describe(bad)))
		return
	}
	for j, m := range list {
		sn := n.child("sources", j)
		src := bib.Source{Pos: at}
		if sn != nil {
			src.Pos = d.pos(sn.line)
		}
		for _, k := range sortedKeys(m, sn) {
			s, ok := scalarString(m[k])
			if !ok {
				d.fail(src.Pos, c.ID, "sources."+k, CodeBadValue, k+" must be a string")
				continue
			}
			switch k {
			case "ref":
				src.Ref = s
			case "locator":
				src.Locator = s
			case "label":
				src.Label = s
			case "support":
				src.Support = s
			default:
				d.warn(src.Pos, c.ID, "sources."+k, CodeUnknownKey, fmt.Sprintf("unknown key %q in a source%s; use ref, locator, label or support", k, suggest(k, []string{"ref", "locator", "label", "support"})))
			}
		}
		c.Sources = append(c.Sources, src)
	}
}

// tables reads a list of TOML tables: an array of tables ([[a.b]]), an
// array of inline tables, or (when single is set) one table on its own.
// bad is the offending value when v is not such a list.
func tables(v any, single bool) (list []map[string]any, bad any) {
	switch x := v.(type) {
	case []map[string]any:
		return x, nil
	case []any:
		for _, el := range x {
			m, ok := el.(map[string]any)
			if !ok {
				return nil, el
			}
			list = append(list, m)
		}
		return list, nil
	case map[string]any:
		if single {
			return []map[string]any{x}, nil
		}
	}
	if v == nil {
		return nil, ""
	}
	return nil, v
}

// scalarString converts a TOML scalar to the string stored in the model.
// Numbers are accepted where CSL allows them (volume = 3).
func scalarString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	return "", false
}

// describe names the TOML type of v for messages.
func describe(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64, float64:
		return "a number"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "an empty value"
}

var knownKeysCache []string

func knownKeys() []string {
	if knownKeysCache == nil {
		keys := []string{"id", "aliases", "type", "extra"}
		for _, k := range []bib.Kind{bib.Standard, bib.Number, bib.NameList, bib.DateKind} {
			keys = append(keys, bib.Variables(k)...)
		}
		for _, v := range bib.Variables(bib.Standard) {
			keys = append(keys, v+bib.TranslitSuffix, v+bib.TranslatedSuffix)
		}
		knownKeysCache = keys
	}
	return knownKeysCache
}

// Suggest returns ` (did you mean "x"?)` when one of candidates is within
// two edits of s (ignoring case), and "" otherwise; messages about unknown
// keys and ids append it.
func Suggest(s string, candidates []string) string { return suggest(s, candidates) }

// suggest returns ` (did you mean "x"?)` when a candidate is close to s.
func suggest(s string, candidates []string) string {
	best, bestDist := "", 3
	ls := strings.ToLower(s)
	for _, c := range candidates {
		if dist := editDistance(ls, strings.ToLower(c)); dist < bestDist {
			best, bestDist = c, dist
		}
	}
	if best == "" || best == s {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
