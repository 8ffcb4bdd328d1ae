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
// varints for signed numbers, strings as a length and their bytes.
type enc struct {
	b    []byte
	name string // the file being written: positions in it are short
	// keys numbers the keys of the record being written (variables,
	// roles, positions' and forms' keys), which it writes by number: a
	// record starts with its table of keys (see file).
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
	e.b = append(e.b, s...)
}

func (e *enc) flag(b bool) {
	if b {
		e.uint(1)
	} else {
		e.uint(0)
	}
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
// being written, 2 one in another file.
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
	e.int(p.Line)
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

func (e *enc) file(f *File) {
	if f.raw != "" {
		e.b = append(e.b, f.raw...)
		return
	}
	e.str(f.Name)
	e.int(int(f.Size))
	e.int(int(f.ModTime))
	e.uint(f.Sum)
	// The record's contents go to body, which numbers their keys; the
	// table of keys comes first.
	body := &enc{name: f.Name, keys: map[string]int{}}
	body.contents(f)
	e.uint(uint64(len(body.keyList)))
	for _, k := range body.keyList {
		e.str(k)
	}
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
	e.size(len(lib.Claims), lib.Claims == nil)
	for _, c := range lib.Claims {
		e.claim(c)
	}
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

func (e *enc) entry(en *bib.Entry) {
	e.str(en.ID)
	e.str(en.Type)
	e.strings(en.Aliases)
	e.stringMap(en.Extra)
	e.pos(en.Pos)
	e.uint(uint64(en.NumFields()))
	for k, v := range en.Fields() {
		e.key(k)
		e.str(v)
	}
	e.uint(uint64(en.NumNameVariables()))
	for role, list := range en.AllNames() {
		e.key(role)
		e.uint(uint64(len(list)))
		for _, n := range list {
			e.name1(n)
		}
	}
	e.uint(uint64(en.NumDates()))
	for k, d := range en.AllDates() {
		e.key(k)
		e.date(d)
	}
	e.uint(uint64(en.NumPositions()))
	for k, p := range en.Positions() {
		e.key(k)
		e.pos(p)
	}
}

func (e *enc) name1(n bib.Name) {
	e.str(n.Family)
	e.str(n.Given)
	e.str(n.DroppingParticle)
	e.str(n.NonDroppingParticle)
	e.str(n.Suffix)
	e.str(n.Literal)
	var flags uint64
	if n.CommaSuffix {
		flags |= 1
	}
	if n.StaticOrdering {
		flags |= 2
	}
	if n.ParseNames {
		flags |= 4
	}
	e.uint(flags)
	e.stringMap(n.Alt)
	e.pos(n.Pos)
}

func (e *enc) date(d bib.Date) {
	for _, p := range []bib.DatePart{d.Start, d.End} {
		e.int(p.Year)
		e.int(p.Month)
		e.int(p.Day)
	}
	var flags uint64
	if d.Range {
		flags |= 1
	}
	if d.Approximate {
		flags |= 2
	}
	if d.Uncertain {
		flags |= 4
	}
	e.uint(flags)
	e.int(d.Season)
	e.str(d.Literal)
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
// length that cannot be right, sets bad; every later read returns zero
// values, so that a corrupt cache is noticed once, at the end, and never
// panics or allocates without bound.
type dec struct {
	s    string
	i    int
	bad  bool
	name string
	// keepPos, when set, chooses the entries' key positions kept (see
	// Reading.KeepPosition); the others are read and left.
	keepPos func(key string) bool
	// arena, when set, holds copies of the strings read (see
	// Reading.CopyStrings).
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
	// keys and values spelt out in altKey (see altForms).
	alts   map[string]map[string]string
	altKey []byte
	// table holds the keys of the record being read (see keyAt).
	table []bib.Key
}

// keyMemo is a raw key as the cache file holds it and its bib.Key.
type keyMemo struct {
	raw string
	key bib.Key
}

// arena holds copies of strings in large blocks, so that copying the
// strings of a cache file costs few allocations and little memory beyond
// their bytes.
type arena = strarena.Strings

func (d *dec) uint() uint64 {
	if d.bad {
		return 0
	}
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
	d.bad = true
	return 0
}

func (d *dec) int() int {
	u := d.uint()
	return int(int64(u>>1) ^ -int64(u&1))
}

// str reads a string: a copy into d.arena when d has one, else a part of
// d.s.
func (d *dec) str() string {
	s := d.raw()
	if d.arena != nil {
		return d.arena.Copy(s)
	}
	return s
}

// key reads a key (a variable, a role, a form) by its number in the
// record's table: the canonical copy of a known one (bib.Intern), else as
// str reads it.
func (d *dec) key() string { return d.keyAt().Name() }

// keyAt reads a key by its number in the record's table, as a bib.Key.
func (d *dec) keyAt() bib.Key {
	i := d.uint()
	if d.bad || i >= uint64(len(d.table)) {
		d.bad = true
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

// raw reads a string as a part of d.s.
func (d *dec) raw() string {
	n := d.uint()
	if d.bad || n > uint64(len(d.s)-d.i) {
		d.bad = true
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return s
}

// count reads a number of items that follow; each takes at least one
// byte, which bounds what a corrupt count can make a reader allocate.
func (d *dec) count() int {
	n := d.uint()
	if d.bad || n > uint64(len(d.s)-d.i) {
		d.bad = true
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
	switch d.uint() {
	case 0:
		return p
	case 1:
		p.File = d.name
	case 2:
		p.File = d.str()
	default:
		d.bad = true
		return p
	}
	p.Line = d.int()
	p.Col = d.int()
	return p
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

func (d *dec) file() *File {
	f := &File{}
	f.Name = d.str()
	d.name = f.Name
	f.Size = int64(d.int())
	f.ModTime = int64(d.int())
	f.Sum = d.uint()
	// The record's keys, each resolved once (see keyAt).
	d.table = d.table[:0]
	for range d.count() {
		d.table = append(d.table, d.keyOf(d.raw()))
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
	if n, isNil := d.size(); !isNil {
		lib.Claims = make([]*bib.Claim, n)
		for i := range lib.Claims {
			lib.Claims[i] = d.claim()
		}
	}
	lib.Files = d.strings()
	f.Library = lib
	if n, isNil := d.size(); !isNil {
		f.Diags = make([]bib.Diagnostic, n)
		for i := range f.Diags {
			f.Diags[i] = bib.Diagnostic{Pos: d.pos(), Severity: bib.Severity(d.uint()), Code: d.str(), Ref: d.str(), Field: d.str(), Message: d.str()}
		}
	}
	return f
}

func (d *dec) entry(en *bib.Entry) {
	en.ID = d.str()
	en.Type = d.str()
	en.Aliases = d.strings()
	en.Extra = d.stringMap()
	en.Pos = d.pos()
	nf := d.count()
	d.slab.Grow(en, nf, 0, 0, 0)
	for range nf {
		k := d.keyAt()
		en.AppendField(k, d.str())
	}
	nn := d.count()
	d.slab.Grow(en, 0, nn, 0, 0)
	for range nn {
		role := d.key()
		n := d.count()
		list := d.nameList(n)
		for i := range list {
			list[i] = d.name1()
		}
		if d.bad {
			return
		}
		en.SetNames(role, list)
	}
	nd := d.count()
	d.slab.Grow(en, 0, 0, nd, 0)
	for range nd {
		k := d.keyAt()
		en.AppendDate(k, d.date())
	}
	np := d.count()
	if d.keepPos == nil {
		d.slab.Grow(en, 0, 0, 0, np)
		for range np {
			k := d.keyAt()
			en.SetPosKey(k, d.pos())
		}
		return
	}
	// The positions kept are known once all are read: they wait in
	// d.kept, so that the entry gets room for exactly them.
	kept := d.kept[:0]
	for range np {
		k := d.keyAt()
		p := d.pos()
		if d.keepPos(k.Name()) {
			kept = append(kept, keptPos{k, p})
		}
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
	n := bib.Name{
		Family:              d.str(),
		Given:               d.str(),
		DroppingParticle:    d.str(),
		NonDroppingParticle: d.str(),
		Suffix:              d.str(),
		Literal:             d.str(),
	}
	flags := d.uint()
	n.CommaSuffix, n.StaticOrdering, n.ParseNames = flags&1 != 0, flags&2 != 0, flags&4 != 0
	n.Alt = d.altForms()
	n.Pos = d.pos()
	return n
}

// altForms reads a name's alternative forms (bib.Name.Alt): a map that
// names with the same forms share, since a library names the same people
// again and again, and a map costs far more than the name's other parts.
func (d *dec) altForms() map[string]string {
	start := d.i
	n, isNil := d.size()
	if isNil || n == 0 {
		if isNil {
			return nil
		}
		return map[string]string{}
	}
	// The forms, spelt out (a record numbers its keys in its own way),
	// find the map of names read before.
	memo := d.altKey[:0]
	for range n {
		for _, part := range [2]string{d.keyAt().Name(), d.raw()} {
			memo = binary.AppendUvarint(memo, uint64(len(part)))
			memo = append(memo, part...)
		}
	}
	d.altKey = memo
	if d.bad {
		return nil
	}
	if m, ok := d.alts[string(memo)]; ok {
		return m
	}
	end := d.i
	d.i = start
	m := d.stringMap()
	if d.i != end {
		d.bad = true
		return nil
	}
	if d.alts == nil {
		d.alts = map[string]map[string]string{}
	}
	d.alts[string(memo)] = m
	return m
}

func (d *dec) date() bib.Date {
	var dt bib.Date
	for _, p := range []*bib.DatePart{&dt.Start, &dt.End} {
		p.Year = d.int()
		p.Month = d.int()
		p.Day = d.int()
	}
	flags := d.uint()
	dt.Range, dt.Approximate, dt.Uncertain = flags&1 != 0, flags&2 != 0, flags&4 != 0
	dt.Season = d.int()
	dt.Literal = d.str()
	dt.Pos = d.pos()
	return dt
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
