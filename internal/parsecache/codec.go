package parsecache

import (
	"encoding/binary"
	"maps"
	"slices"
	"unsafe"

	strarena "github.com/cite-project/cite/internal/arena"
	"github.com/cite-project/cite/internal/bib"
)

// enc appends the binary form of records to b: unsigned varints, zigzag
// varints for signed numbers, strings as a length and their bytes. Within
// a record (see file) a string's bytes go to pool and only its length to
// b, so that a reader takes each string from the pool as it comes and
// can copy the pool whole (Reading.CopyStrings).
type enc struct {
	b []byte
	// pool, when inPool is set, receives the bytes of the strings written.
	pool   []byte
	inPool bool
	name   string // the file being written: positions in it are short
	// base is the line that positions are written relative to: an
	// entry's or claim's own line while its parts are written.
	base int
	// keys numbers the keys of the record being written (variables,
	// roles, types, positions' and forms' keys), which it writes by
	// number: a record starts with its table of keys (see file).
	keys    map[string]int
	keyList []string
}

// key writes a key by its number in the record's table.
func (e *enc) key(k string) {
	i, ok := e.keys[k]
	if !ok {
		i = len(e.keyList)
		e.keys[k] = i
		e.keyList = append(e.keyList, k)
	}
	e.uint(uint64(i))
}

func (e *enc) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) int(v int)     { e.b = binary.AppendVarint(e.b, int64(v)) }

func (e *enc) str(s string) {
	e.uint(uint64(len(s)))
	if e.inPool {
		e.pool = append(e.pool, s...)
		return
	}
	e.b = append(e.b, s...)
}

// size writes the length of a slice or map, or 0 for a nil one.
func (e *enc) size(n int, isNil bool) {
	if isNil {
		e.uint(0)
		return
	}
	e.uint(uint64(n) + 1)
}

// pos writes a position: kind 0 is the zero Pos, 1 a position in the file
// being written, 2 one in another file; the line is relative to e.base.
func (e *enc) pos(p bib.Pos) {
	switch {
	case p == bib.Pos{}:
		e.uint(0)
		return
	case p.File == e.name:
		e.uint(1)
	default:
		e.uint(2)
		e.str(p.File)
	}
	e.int(p.Line - e.base)
	e.int(p.Col)
}

func (e *enc) stringMap(m map[string]string) {
	e.size(len(m), m == nil)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		e.key(k)
		e.str(m[k])
	}
}

func (e *enc) strings(ss []string) {
	e.size(len(ss), ss == nil)
	for _, s := range ss {
		e.str(s)
	}
}

// file writes a record: the file's name and identity, the table of the
// record's keys, the pool of its strings' bytes, then its contents.
func (e *enc) file(f *File) {
	e.str(f.Name)
	e.int(int(f.Size))
	e.int(int(f.ModTime))
	e.uint(f.Sum)
	// The record's contents go to body, which numbers their keys and
	// pools their strings; the table of keys and the pool come first.
	body := &enc{name: f.Name, keys: map[string]int{}, inPool: true}
	body.contents(f)
	e.uint(uint64(len(body.keyList)))
	for _, k := range body.keyList {
		e.str(k)
	}
	e.uint(uint64(len(body.pool)))
	e.b = append(e.b, body.pool...)
	e.b = append(e.b, body.b...)
}

// contents writes what a record holds after its table of keys.
func (e *enc) contents(f *File) {
	lib := f.Library
	if lib == nil {
		lib = &bib.Library{}
	}
	e.uint(uint64(len(lib.Entries)))
	for _, en := range lib.Entries {
		e.entry(en)
	}
	// The claims, with the lengths of what they take of the record and of
	// its pool first, so that a reader can pass over them at once (see
	// Reading.DropClaims); their keys are the record's.
	e.size(len(lib.Claims), lib.Claims == nil)
	claims := &enc{name: e.name, keys: e.keys, keyList: e.keyList, inPool: true}
	for _, c := range lib.Claims {
		claims.claim(c)
	}
	e.keyList = claims.keyList
	e.uint(uint64(len(claims.b)))
	e.uint(uint64(len(claims.pool)))
	e.b = append(e.b, claims.b...)
	e.pool = append(e.pool, claims.pool...)
	e.strings(lib.Files)
	e.size(len(f.Diags), f.Diags == nil)
	for _, d := range f.Diags {
		e.pos(d.Pos)
		e.uint(uint64(d.Severity))
		e.str(d.Code)
		e.str(d.Ref)
		e.str(d.Field)
		e.str(d.Message)
	}
}

// entry writes an entry: its id, type (a key: a library has few), aliases,
// extra fields and position, the numbers of its variables of each kind
// and of its key positions, then those, positions relative to the
// entry's line.
func (e *enc) entry(en *bib.Entry) {
	e.str(en.ID)
	e.key(en.Type)
	e.strings(en.Aliases)
	e.stringMap(en.Extra)
	e.pos(en.Pos)
	e.base = en.Pos.Line
	defer func() { e.base = 0 }()
	e.uint(uint64(en.NumFields()))
	e.uint(uint64(en.NumNameVariables()))
	e.uint(uint64(en.NumDates()))
	e.uint(uint64(en.NumPositions()))
	for k, v := range en.Fields() {
		e.key(k)
		e.str(v)
	}
	for role, list := range en.AllNames() {
		e.key(role)
		e.uint(uint64(len(list)))
		for _, n := range list {
			e.name1(n)
		}
	}
	for k, d := range en.AllDates() {
		e.key(k)
		e.date(d)
	}
	for k, p := range en.Positions() {
		e.key(k)
		e.pos(p)
	}
}

// The bits of a name's mask: which of its parts are written (the others
// are ""), and its flags.
const (
	nameFamily = 1 << iota
	nameGiven
	nameLiteral
	nameCommaSuffix
	nameStaticOrdering
	nameParseNames
	nameDroppingParticle
	nameNonDroppingParticle
	nameSuffix
)

// nameParts returns the string parts of n in the order of their bits in
// namePartBits, in which a record holds those that are set.
func nameParts(n *bib.Name) [6]*string {
	return [6]*string{&n.Family, &n.Given, &n.Literal, &n.DroppingParticle, &n.NonDroppingParticle, &n.Suffix}
}

var namePartBits = [6]uint64{nameFamily, nameGiven, nameLiteral, nameDroppingParticle, nameNonDroppingParticle, nameSuffix}

func (e *enc) name1(n bib.Name) {
	var mask uint64
	parts := nameParts(&n)
	for i, part := range parts {
		if *part != "" {
			mask |= namePartBits[i]
		}
	}
	for _, f := range [...]struct {
		bit uint64
		set bool
	}{{nameCommaSuffix, n.CommaSuffix}, {nameStaticOrdering, n.StaticOrdering}, {nameParseNames, n.ParseNames}} {
		if f.set {
			mask |= f.bit
		}
	}
	e.uint(mask)
	for _, part := range parts {
		if *part != "" {
			e.str(*part)
		}
	}
	e.stringMap(n.Alt)
	e.pos(n.Pos)
}

// The bits of a date's mask: its flags, and which of its parts after the
// start are written (the others are zero).
const (
	dateRange = 1 << iota
	dateApproximate
	dateUncertain
	dateEnd
	dateSeason
	dateLiteral
)

func (e *enc) date(d bib.Date) {
	var mask uint64
	if d.Range {
		mask |= dateRange
	}
	if d.Approximate {
		mask |= dateApproximate
	}
	if d.Uncertain {
		mask |= dateUncertain
	}
	if d.End != (bib.DatePart{}) {
		mask |= dateEnd
	}
	if d.Season != 0 {
		mask |= dateSeason
	}
	if d.Literal != "" {
		mask |= dateLiteral
	}
	e.uint(mask)
	e.int(d.Start.Year)
	e.int(d.Start.Month)
	e.int(d.Start.Day)
	if mask&dateEnd != 0 {
		e.int(d.End.Year)
		e.int(d.End.Month)
		e.int(d.End.Day)
	}
	if mask&dateSeason != 0 {
		e.int(d.Season)
	}
	if mask&dateLiteral != 0 {
		e.str(d.Literal)
	}
	e.pos(d.Pos)
}

func (e *enc) claim(c *bib.Claim) {
	e.str(c.ID)
	e.str(c.Statement)
	e.str(c.Kind)
	e.str(c.Excerpt)
	e.str(c.Status)
	e.str(c.Note)
	e.pos(c.Pos)
	e.base = c.Pos.Line
	defer func() { e.base = 0 }()
	e.size(len(c.Sources), c.Sources == nil)
	for _, s := range c.Sources {
		e.str(s.Ref)
		e.str(s.Locator)
		e.str(s.Label)
		e.str(s.Support)
		e.pos(s.Pos)
	}
	e.size(len(c.FieldPos), c.FieldPos == nil)
	for _, k := range slices.Sorted(maps.Keys(c.FieldPos)) {
		e.key(k)
		e.pos(c.FieldPos[k])
	}
}

// dec reads what enc wrote from s. A read past the end, or a number or
// length that cannot be right, sets bad and moves i to the end; every
// later read returns zero values, so that a corrupt cache is noticed
// once, at the end, and never panics or allocates without bound.
type dec struct {
	s    string
	i    int
	bad  bool
	name string
	// pool holds the bytes of the strings of the record being read, which
	// str takes in turn from at.
	pool string
	at   int
	// base is the line that positions are read relative to (see enc.base).
	base int
	// keepPos, when set, chooses the entries' key positions kept (see
	// Reading.KeepPosition); the others are skipped. keep holds its
	// answer for each key of the record's table.
	keepPos func(key string) bool
	keep    []bool
	// dropClaims passes over the records' claims (Reading.DropClaims).
	dropClaims bool
	// arena, when set, holds copies of the keys that are not variables
	// (see Reading.CopyStrings).
	arena *arena
	// keys remembers the keys resolved lately (see keyOf), a slot per
	// hash of the raw key.
	keys [256]keyMemo
	// slab and names hold the slots of the entries read (see bib.Slab
	// and nameList); kept is entry's buffer of positions.
	slab  bib.Slab
	names []bib.Name
	kept  []keptPos
	// alts holds the alternative forms of names read so far, by their
	// keys and values spelt out in altKey (see altForms); altPairs is
	// altForms' buffer.
	alts     map[string]map[string]string
	altKey   []byte
	altPairs []altPair
	// table holds the keys of the record being read (see keyAt).
	table []bib.Key
}

// keyMemo is a raw key as the cache file holds it and its bib.Key.
type keyMemo struct {
	raw string
	key bib.Key
}

// altPair is an alternative form of a name as altForms reads it.
type altPair struct{ key, value string }

// arena holds copies of strings in large blocks, so that copying the
// strings of a cache file costs few allocations and little memory beyond
// their bytes.
type arena = strarena.Strings

// fail marks d as bad and moves it to the end of s: every later read,
// which finds nothing left, gives a zero value.
func (d *dec) fail() {
	d.bad = true
	d.i = len(d.s)
}

// uint reads an unsigned varint.
func (d *dec) uint() uint64 {
	if v, ok := d.byte1(); ok {
		return v
	}
	return d.uintLong()
}

// byte1 reads a varint of a single byte, most of what a cache file
// holds, in place: the reads that are most frequent call it first, and
// uint only when it finds a longer one.
func (d *dec) byte1() (uint64, bool) {
	if d.i < len(d.s) {
		if c := d.s[d.i]; c < 0x80 {
			d.i++
			return uint64(c), true
		}
	}
	return 0, false
}

// uintLong reads an unsigned varint of more than one byte. It is not
// written in place, so that uint is.
//
//go:noinline
func (d *dec) uintLong() uint64 {
	var v uint64
	var shift uint
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if d.i >= len(d.s) {
			break
		}
		c := d.s[d.i]
		d.i++
		if c < 0x80 {
			return v | uint64(c)<<shift
		}
		v |= uint64(c&0x7f) << shift
		shift += 7
	}
	d.fail()
	return 0
}

func (d *dec) int() int {
	u, ok := d.byte1()
	if !ok {
		u = d.uint()
	}
	return int(int64(u>>1) ^ -int64(u&1))
}

// skip passes over a varint.
func (d *dec) skip() {
	for n := 0; n < binary.MaxVarintLen64 && d.i < len(d.s); n++ {
		c := d.s[d.i]
		d.i++
		if c < 0x80 {
			return
		}
	}
	d.fail()
}

// str reads a string of the record: the next one of its pool.
func (d *dec) str() string {
	n, ok := d.byte1()
	if !ok {
		n = d.uint()
	}
	if n > uint64(len(d.pool)-d.at) {
		d.fail()
		return ""
	}
	s := d.pool[d.at : d.at+int(n)]
	d.at += int(n)
	return s
}

// key reads a key (a variable, a role, a form) by its number in the
// record's table: the canonical copy of a known one (bib.Intern), else as
// str reads it.
func (d *dec) key() string { return d.keyAt().Name() }

// keyAt reads a key by its number in the record's table, as a bib.Key.
func (d *dec) keyAt() bib.Key {
	i, ok := d.byte1()
	if !ok {
		i = d.uint()
	}
	if i >= uint64(len(d.table)) {
		d.fail()
		return bib.Key{}
	}
	return d.table[i]
}

// keyOf returns the bib.Key of s, a key that raw read, with the name key
// would have read: the few dozen keys of a library repeat in every entry,
// and a slot of d.keys, checked by comparing the raw key, is cheaper than
// the lookup of bib.KeyOf.
func (d *dec) keyOf(s string) bib.Key {
	if s == "" {
		return bib.KeyOf(d.own(s))
	}
	m := &d.keys[(uint(len(s))*31+uint(s[0])*7+uint(s[len(s)-1]))&255]
	if m.raw != s {
		m.raw, m.key = s, bib.KeyOf(d.own(s))
	}
	return m.key
}

// own returns s, a string that raw read, as key would have read it.
func (d *dec) own(s string) string {
	if d.arena == nil {
		return s
	}
	if k := bib.Intern(s); unsafe.StringData(k) != unsafe.StringData(s) {
		return k
	}
	return d.arena.Copy(s)
}

// count reads a number of items that follow; each takes at least one
// byte, which bounds what a corrupt count can make a reader allocate.
func (d *dec) count() int {
	n, ok := d.byte1()
	if !ok {
		n = d.uint()
	}
	if n > uint64(len(d.s)-d.i) {
		d.fail()
		return 0
	}
	return int(n)
}

// size reads what enc.size wrote: the length and whether it was nil.
func (d *dec) size() (int, bool) {
	n := d.count()
	if n == 0 {
		return 0, true
	}
	return n - 1, false
}

func (d *dec) pos() bib.Pos {
	var p bib.Pos
	kind, ok := d.byte1()
	if !ok {
		kind = d.uint()
	}
	switch kind {
	case 0:
		return p
	case 1:
		p.File = d.name
	case 2:
		p.File = d.str()
	default:
		d.fail()
		return p
	}
	p.Line = d.base + d.int()
	p.Col = d.int()
	return p
}

// skipPos passes over a position.
func (d *dec) skipPos() {
	// Most positions are in the record's file, their line less than 64
	// from their entry's and their column below 64: three one-byte
	// varints.
	if i := d.i; i+2 < len(d.s) && d.s[i] == 1 && d.s[i+1] < 0x80 && d.s[i+2] < 0x80 {
		d.i = i + 3
		return
	}
	kind, ok := d.byte1()
	if !ok {
		kind = d.uint()
	}
	switch kind {
	case 0:
		return
	case 1:
	case 2:
		d.str()
	default:
		d.fail()
		return
	}
	d.skip()
	d.skip()
}

func (d *dec) stringMap() map[string]string {
	n, isNil := d.size()
	if isNil {
		return nil
	}
	m := make(map[string]string, n)
	for range n {
		k := d.key()
		m[k] = d.str()
	}
	return m
}

func (d *dec) strings() []string {
	n, isNil := d.size()
	if isNil {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

// file decodes a record that readBody read.
func (d *dec) file(r *record) *File {
	f := &File{Name: r.name, Size: r.size, ModTime: r.modTime, Sum: r.sum}
	d.name = f.Name
	d.s, d.i, d.bad = r.stream, 0, false
	d.pool, d.at = r.pool, 0
	// The record's keys, each resolved once (see keyAt), and which of
	// them keep their positions.
	d.table = d.table[:0]
	for _, k := range r.keys {
		d.table = append(d.table, d.keyOf(k))
	}
	if d.keepPos != nil {
		d.keep = d.keep[:0]
		for _, k := range d.table {
			d.keep = append(d.keep, d.keepPos(k.Name()))
		}
	}
	lib := &bib.Library{}
	if n := d.count(); n > 0 {
		lib.Entries = make([]*bib.Entry, n)
		// One allocation for all the entries of the file.
		block := make([]bib.Entry, n)
		for i := range lib.Entries {
			lib.Entries[i] = &block[i]
			d.entry(&block[i])
			if d.bad {
				return f
			}
		}
	}
	d.claims(lib)
	lib.Files = d.strings()
	f.Library = lib
	if n, isNil := d.size(); !isNil {
		f.Diags = make([]bib.Diagnostic, n)
		for i := range f.Diags {
			f.Diags[i] = bib.Diagnostic{Pos: d.pos(), Severity: bib.Severity(d.uint()), Code: d.str(), Ref: d.str(), Field: d.str(), Message: d.str()}
		}
	}
	if d.at != len(d.pool) {
		d.fail() // strings of the pool that nothing read
	}
	return f
}

func (d *dec) entry(en *bib.Entry) {
	en.ID = d.str()
	en.Type = d.key()
	en.Aliases = d.strings()
	en.Extra = d.stringMap()
	en.Pos = d.pos()
	d.base = en.Pos.Line
	defer func() { d.base = 0 }()
	nf, nn, nd, np := d.count(), d.count(), d.count(), d.count()
	if d.keepPos == nil {
		d.slab.Grow(en, nf, nn, nd, np)
	} else {
		d.slab.Grow(en, nf, nn, nd, 0)
	}
	for range nf {
		k := d.keyAt()
		en.AppendField(k, d.str())
	}
	for range nn {
		role := d.keyAt()
		n := d.count()
		list := d.nameList(n)
		for i := range list {
			list[i] = d.name1()
		}
		if d.bad {
			return
		}
		en.AppendNames(role, list)
	}
	for range nd {
		k := d.keyAt()
		en.AppendDate(k, d.date())
	}
	if d.keepPos == nil {
		for range np {
			k := d.keyAt()
			en.SetPosKey(k, d.pos())
		}
		return
	}
	// The positions kept are known once all are read: they wait in
	// d.kept, so that the entry gets room for exactly them; the others
	// are skipped.
	kept := d.kept[:0]
	for range np {
		i, ok := d.byte1()
		if !ok {
			i = d.uint()
		}
		if i >= uint64(len(d.table)) {
			d.fail()
			return
		}
		if !d.keep[i] {
			d.skipPos()
			continue
		}
		kept = append(kept, keptPos{d.table[i], d.pos()})
	}
	d.slab.Grow(en, 0, 0, 0, len(kept))
	for _, kp := range kept {
		en.SetPosKey(kp.key, kp.pos)
	}
	d.kept = kept[:0]
}

// keptPos is a key position that the entry being read keeps.
type keptPos struct {
	key bib.Key
	pos bib.Pos
}

// nameList returns a list of n names for an entry, cut from d's block of
// names (of exactly n: see bib.Slab).
func (d *dec) nameList(n int) []bib.Name {
	if n == 0 {
		return []bib.Name{}
	}
	if len(d.names) < n {
		d.names = make([]bib.Name, max(n, 256))
	}
	list := d.names[:n:n]
	d.names = d.names[n:]
	return list
}

func (d *dec) name1() bib.Name {
	var n bib.Name
	mask := d.uint()
	for i, part := range nameParts(&n) {
		if mask&namePartBits[i] != 0 {
			*part = d.str()
		}
	}
	n.CommaSuffix, n.StaticOrdering, n.ParseNames = mask&nameCommaSuffix != 0, mask&nameStaticOrdering != 0, mask&nameParseNames != 0
	n.Alt = d.altForms()
	n.Pos = d.pos()
	return n
}

// altForms reads a name's alternative forms (bib.Name.Alt): a map that
// names with the same forms share, since a library names the same people
// again and again, and a map costs far more than the name's other parts.
func (d *dec) altForms() map[string]string {
	n, isNil := d.size()
	if isNil {
		return nil
	}
	if n == 0 {
		return map[string]string{}
	}
	// The forms, spelt out (a record numbers its keys in its own way),
	// find the map of names read before.
	pairs := d.altPairs[:0]
	memo := d.altKey[:0]
	for range n {
		p := altPair{d.key(), d.str()}
		pairs = append(pairs, p)
		for _, part := range [2]string{p.key, p.value} {
			memo = binary.AppendUvarint(memo, uint64(len(part)))
			memo = append(memo, part...)
		}
	}
	d.altKey, d.altPairs = memo, pairs[:0]
	if d.bad {
		return nil
	}
	if m, ok := d.alts[string(memo)]; ok {
		return m
	}
	m := make(map[string]string, n)
	for _, p := range pairs {
		m[p.key] = p.value
	}
	if d.alts == nil {
		d.alts = map[string]map[string]string{}
	}
	d.alts[string(memo)] = m
	return m
}

func (d *dec) date() bib.Date {
	var dt bib.Date
	mask := d.uint()
	dt.Range, dt.Approximate, dt.Uncertain = mask&dateRange != 0, mask&dateApproximate != 0, mask&dateUncertain != 0
	dt.Start.Year, dt.Start.Month, dt.Start.Day = d.int(), d.int(), d.int()
	if mask&dateEnd != 0 {
		dt.End.Year, dt.End.Month, dt.End.Day = d.int(), d.int(), d.int()
	}
	if mask&dateSeason != 0 {
		dt.Season = d.int()
	}
	if mask&dateLiteral != 0 {
		dt.Literal = d.str()
	}
	dt.Pos = d.pos()
	return dt
}

// claims reads the claims of a record into lib, or passes over them
// with d.dropClaims.
func (d *dec) claims(lib *bib.Library) {
	n, isNil := d.size()
	size, pooled := d.count(), d.uint()
	if pooled > uint64(len(d.pool)-d.at) {
		d.fail()
		return
	}
	end, poolEnd := d.i+size, d.at+int(pooled)
	if end > len(d.s) {
		d.fail()
		return
	}
	if d.dropClaims {
		d.i, d.at = end, poolEnd
		return
	}
	if !isNil {
		lib.Claims = make([]*bib.Claim, n)
		for i := range lib.Claims {
			lib.Claims[i] = d.claim()
		}
	}
	if d.i != end || d.at != poolEnd {
		d.fail()
	}
}

func (d *dec) claim() *bib.Claim {
	c := &bib.Claim{
		ID:        d.str(),
		Statement: d.str(),
		Kind:      d.str(),
		Excerpt:   d.str(),
		Status:    d.str(),
		Note:      d.str(),
	}
	c.Pos = d.pos()
	d.base = c.Pos.Line
	defer func() { d.base = 0 }()
	if n, isNil := d.size(); !isNil {
		c.Sources = make([]bib.Source, n)
		for i := range c.Sources {
			c.Sources[i] = bib.Source{Ref: d.str(), Locator: d.str(), Label: d.str(), Support: d.str(), Pos: d.pos()}
		}
	}
	if n, isNil := d.size(); !isNil {
		c.FieldPos = make(map[string]bib.Pos, n)
		for range n {
			k := d.key()
			c.FieldPos[k] = d.pos()
		}
	}
	return c
}
