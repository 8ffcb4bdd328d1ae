// Package libedit changes the bytes of a library file the way a careful
// person would by hand, for cite import --into: new records are appended
// after what the file holds, and a record that is replaced
// (--on-duplicate replace) has its own text spliced out and the new
// record's spliced in, so that every other byte of the file — the other
// records, claims, comments, unknown tables, the layout — stays exactly as
// it was.
//
// Whatever a replaced record had that its replacement lacks — fields,
// names, dates, aliases, extra fields, keys cite does not know, tables
// cite does not know, comments — is listed in Result.Leftovers rather than
// dropped silently; with Options.KeepExtra it is carried into the new
// record: keys and tables as they were written, extra fields into the new
// record's [reference.extra], comments after the record's header.
//
// Merge does no I/O; cite runs it inside lockedfile.Update so that it
// works on the file as it is once locked. Other commands that rewrite one
// record in place (merging duplicates, say) can use Splice.
package libedit

import (
	"bytes"
	"cmp"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
)

// Policy says what Merge does with an incoming record whose id the file
// already has.
type Policy string

// The duplicate policies of cite import --on-duplicate.
const (
	Refuse  Policy = "error"   // nothing is merged; Result.Conflicts lists the ids
	Skip    Policy = "skip"    // the file's record stays
	Rename  Policy = "rename"  // the incoming record becomes id-2, id-3, …
	Replace Policy = "replace" // the incoming record takes the old one's place, in place
)

// Options tune Merge.
type Options struct {
	Policy Policy
	// KeepExtra carries into a replacing record what the replaced one had
	// and it lacks (see the package documentation).
	KeepExtra bool
	// Source names the import source in the comment above appended records.
	Source string
	// Limits apply when the old file is decoded.
	Limits store.Limits
}

// Result is what Merge did.
type Result struct {
	// Data is the new file; nil when there are Conflicts.
	Data []byte
	// Added are the records appended to the file (renamed ones with their
	// new ids); Replaced are the ids of records replaced in place.
	Added    []*bib.Entry
	Skipped  []string
	Renamed  [][2]string // old id, new id
	Replaced []string
	// Leftovers are what replaced records had that their replacements lack.
	Leftovers []Leftover
	// Conflicts explain why nothing could be merged (an id already in the
	// file under Refuse, an id twice in the import under Replace), each
	// "file:line: …".
	Conflicts []string
}

// Leftover is one thing a replaced record had that its replacement lacks.
type Leftover struct {
	ID   string
	Pos  bib.Pos // where it is written in the old file
	What string  // "field note", "extra field eprint", "unknown key reviewer", "table [reference.weird]", "comment"
	Kept bool    // carried into the new record (Options.KeepExtra)
}

// String returns "what (file:line)".
func (l Leftover) String() string { return fmt.Sprintf("%s (%s)", l.What, l.Pos) }

// Merge returns the library file old (named name; nil or empty for a new
// file) with incoming added according to opts. The error is the old file's
// *store.SyntaxError or *store.DepthError, or an internal error when the
// result would not read back; Result.Conflicts are the user's to resolve.
// The result always decodes to the old records (with replacements) and the
// added ones; Merge checks that before returning it.
func Merge(name string, old []byte, incoming []*bib.Entry, opts Options) (*Result, error) {
	existing := &bib.Library{}
	var diags []bib.Diagnostic
	if len(old) > 0 {
		lib, d, err := store.DecodeWith(name, old, opts.Limits)
		if err != nil {
			return nil, err
		}
		existing, diags = lib, d
	}
	res := &Result{}
	taken := map[string]int{} // id → index in existing.Entries, -1 for an added record
	for i, en := range existing.Entries {
		if _, ok := taken[en.ID]; !ok {
			taken[en.ID] = i
		}
	}
	replacing := map[int]*bib.Entry{}
	for _, en := range incoming {
		i, dup := taken[en.ID]
		if !dup {
			taken[en.ID] = -1
			res.Added = append(res.Added, en)
			continue
		}
		switch opts.Policy {
		case Skip:
			res.Skipped = append(res.Skipped, en.ID)
		case Rename:
			id := freeID(en.ID, taken)
			res.Renamed = append(res.Renamed, [2]string{en.ID, id})
			renamed := *en
			renamed.ID = id
			taken[id] = -1
			res.Added = append(res.Added, &renamed)
		case Replace:
			if i < 0 || replacing[i] != nil { // repeated within the import itself
				res.Conflicts = append(res.Conflicts, fmt.Sprintf("%s: id %q appears twice in %s", en.Pos, en.ID, en.Pos.File))
				continue
			}
			replacing[i] = en
			res.Replaced = append(res.Replaced, en.ID)
		default:
			res.Conflicts = append(res.Conflicts, fmt.Sprintf("%s: id %q is already used at %s", en.Pos, en.ID, existing.Entries[max(i, 0)].PosOf("id")))
		}
	}
	if len(res.Conflicts) > 0 {
		return res, nil
	}
	out := old
	if len(replacing) > 0 {
		var err error
		out, err = replaceRecords(name, old, existing, diags, replacing, opts.KeepExtra, res)
		if err != nil {
			return nil, err
		}
	}
	out = appendRecords(out, res.Added, opts.Source)
	if err := readsBack(name, out, len(existing.Entries)+len(res.Added), opts.Limits); err != nil {
		return nil, err
	}
	res.Data = out
	return res, nil
}

// appendRecords returns data with entries encoded after it, under a
// comment naming their source; data itself is kept byte for byte.
func appendRecords(data []byte, entries []*bib.Entry, source string) []byte {
	if len(entries) == 0 {
		return data
	}
	var out bytes.Buffer
	out.Write(data)
	if len(data) > 0 {
		if !bytes.HasSuffix(data, []byte("\n")) {
			out.WriteByte('\n')
		}
		out.WriteByte('\n')
	}
	if source != "" {
		fmt.Fprintf(&out, "# Imported from %s by cite import.\n", filepath.Base(source))
	}
	store.Encode(&out, entries, nil) // writes to a bytes.Buffer cannot fail
	return out.Bytes()
}

// readsBack checks that data decodes to want references: a file cite could
// not load again must never be written.
func readsBack(name string, data []byte, want int, lim store.Limits) error {
	check, _, err := store.DecodeWith(name, data, lim)
	if err != nil {
		return fmt.Errorf("internal error: the new %s would not read back (%v); it was not written", name, err)
	}
	if len(check.Entries) != want {
		return fmt.Errorf("internal error: the new %s would hold %d references, not %d; it was not written", name, len(check.Entries), want)
	}
	return nil
}

// freeID returns id-2, id-3, … whichever is not taken.
func freeID(id string, taken map[string]int) string {
	for n := 2; ; n++ {
		c := id + "-" + strconv.Itoa(n)
		if _, ok := taken[c]; !ok {
			return c
		}
	}
}

// Record is where one [[reference]] table is written in a file.
type Record struct {
	// Start and End are byte offsets: from the start of the [[reference]]
	// header line to the end of the record's last key, header or comment
	// line that is followed by more of the record. Comments and blank
	// lines after the record's last key belong to what follows.
	Start, End int
	// Statements are the record's statements, header first.
	Statements []store.Statement
	// ScatteredAt is the line of a sub-table of the record ([reference.x])
	// that is written after another table, [[claim]] say, or 0. Such a
	// record cannot be replaced in place.
	ScatteredAt int
}

// Records finds the [[reference]] tables of a library file, in order; the
// i-th record is the i-th entry store.Decode returns.
func Records(data []byte) []Record {
	var recs []Record
	var cur *Record
	flush := func() {
		if cur == nil {
			return
		}
		// Trailing comments and blank lines go with what follows.
		n := len(cur.Statements)
		for n > 1 && (cur.Statements[n-1].Kind == store.Blank || cur.Statements[n-1].Kind == store.CommentLine) {
			n--
		}
		cur.Statements = cur.Statements[:n]
		cur.End = cur.Statements[n-1].End
		recs = append(recs, *cur)
		cur = nil
	}
	for _, st := range store.Statements(string(data)) {
		if st.Kind == store.Header {
			inRecord := len(st.Table) > 1 && st.Table[0] == "reference"
			switch {
			case st.Array && len(st.Table) == 1 && st.Table[0] == "reference":
				flush()
				cur = &Record{Start: st.Start}
			case inRecord && cur == nil && len(recs) > 0 && recs[len(recs)-1].ScatteredAt == 0:
				recs[len(recs)-1].ScatteredAt = st.Line
			case !inRecord:
				flush()
			}
		}
		if cur != nil {
			cur.Statements = append(cur.Statements, st)
		}
	}
	flush()
	return recs
}

// Splice returns data with the bytes [start, end) replaced by text.
func Splice(data []byte, start, end int, text []byte) []byte {
	out := make([]byte, 0, len(data)-(end-start)+len(text))
	out = append(out, data[:start]...)
	out = append(out, text...)
	return append(out, data[end:]...)
}

// replaceRecords splices the records of replacing (old index → new entry)
// into data and records the leftovers in res.
func replaceRecords(name string, data []byte, existing *bib.Library, diags []bib.Diagnostic, replacing map[int]*bib.Entry, keep bool, res *Result) ([]byte, error) {
	recs := Records(data)
	if len(recs) != len(existing.Entries) {
		return nil, fmt.Errorf("%s: found %d [[reference]] tables for %d references (references written as an inline array cannot be replaced in place); nothing was written", name, len(recs), len(existing.Entries))
	}
	// Splice from the end, so that earlier offsets stay valid.
	for i := len(recs) - 1; i >= 0; i-- {
		en, ok := replacing[i]
		if !ok {
			continue
		}
		if at := recs[i].ScatteredAt; at > 0 {
			return nil, fmt.Errorf("%s:%d: part of reference %q is written after another table, so it cannot be replaced in place; move that table up into the reference (nothing was written)", name, at, en.ID)
		}
		text, left := replacement(name, data, recs[i], existing.Entries[i], en, diags, keep)
		data = Splice(data, recs[i].Start, recs[i].End, text)
		res.Leftovers = append(left, res.Leftovers...)
	}
	return data, nil
}

// replacement returns the text of the record that replaces rec (whose
// decoded entry is old) with en, and what rec had that en lacks.
func replacement(name string, data []byte, rec Record, old, en *bib.Entry, diags []bib.Diagnostic, keep bool) ([]byte, []Leftover) {
	var left []Leftover
	note := func(line int, what string) {
		left = append(left, Leftover{ID: en.ID, Pos: bib.Pos{File: name, Line: line}, What: what, Kept: keep})
	}
	// Extra fields are compared and kept in the model, so that the new
	// record has a single [reference.extra] table.
	extraLine := map[string]int{}
	for _, st := range rec.Statements {
		if st.Kind == store.KeyValue && len(st.Table) == 2 && st.Table[1] == "extra" && len(st.Key) > 0 {
			extraLine[strings.Join(st.Key, ".")] = st.Line
		}
	}
	for _, k := range old.ExtraNames() {
		if _, ok := en.Extra[k]; !ok {
			note(cmp.Or(extraLine[k], old.PosOf("extra").Line, old.Pos.Line), "extra field "+k)
		}
	}
	if keep {
		en = withExtra(en, old)
	}
	var enc bytes.Buffer
	store.Encode(&enc, []*bib.Entry{en}, nil) // writes to a bytes.Buffer cannot fail
	newText := enc.String()
	have := map[string]bool{} // top-level keys and sub-tables of the new record
	for _, st := range store.Statements(newText) {
		switch {
		case st.Kind == store.KeyValue && len(st.Table) == 1 && len(st.Key) > 0:
			have[st.Key[0]] = true
		case st.Kind == store.Header && len(st.Table) > 1:
			have[st.Table[1]] = true
		}
	}
	// Walk the old record: what the new one lacks is noted, and collected
	// as written for KeepExtra.
	var keys, tables, comments strings.Builder
	comment := func(st store.Statement) {
		if st.Comment != "" {
			note(st.Line, "comment "+strconv.Quote(short(st.Comment)))
			comments.WriteString(st.Comment + "\n")
		}
	}
	carried := map[string]bool{}
	for j := 0; j < len(rec.Statements); j++ {
		st := rec.Statements[j]
		switch {
		case st.Kind == store.KeyValue && len(st.Table) == 1 && len(st.Key) > 0:
			k := st.Key[0]
			if k == "extra" || have[k] {
				comment(st)
				continue
			}
			note(st.Line, describeKey(k, old))
			keys.WriteString(withNewline(string(data[st.Start:st.End])))
		case st.Kind == store.Header && len(st.Table) > 1:
			// A table is its header and everything up to the header of
			// another table; [[reference.author]] tables go together.
			x := st.Table[1]
			end := j + 1
			for end < len(rec.Statements) {
				next := rec.Statements[end]
				if next.Kind == store.Header && (len(next.Table) < 2 || next.Table[1] != x) {
					break
				}
				end++
			}
			group := rec.Statements[j:end]
			j = end - 1
			if x == "extra" || have[x] {
				for _, g := range group {
					comment(g)
				}
				continue
			}
			if !carried[x] {
				carried[x] = true
				note(st.Line, describeTable(x, st, old))
			}
			tables.WriteString("\n")
			for _, g := range trimBlank(group) {
				tables.WriteString(withNewline(string(data[g.Start:g.End])))
			}
		default:
			comment(st)
		}
	}
	// Unknown name parts are dropped by the model, whichever record wins,
	// unless the old names are carried as written.
	first, last := rec.Statements[0].Line, lastLine(rec, data)
	for _, d := range diags {
		role, _, nested := strings.Cut(d.Field, ".")
		if d.Code == store.CodeUnknownKey && nested && d.Ref == old.ID && d.Pos.Line >= first && d.Pos.Line <= last && !carried[role] {
			left = append(left, Leftover{ID: en.ID, Pos: d.Pos, What: "unknown key " + d.Field + " (not kept: the new record's " + role + " replaces it)"})
		}
	}
	sort.SliceStable(left, func(a, b int) bool { return left[a].Pos.Line < left[b].Pos.Line })
	if !keep {
		return []byte(newText), left
	}
	// Comments after the header, keys with the other keys, tables at the end.
	header, body, _ := strings.Cut(newText, "\n")
	top, subs := body, ""
	if i := strings.Index(body, "\n["); i >= 0 {
		top, subs = body[:i], body[i:] // top ends with its last key's newline; subs starts with the blank line
	}
	return []byte(header + "\n" + comments.String() + top + keys.String() + subs + tables.String()), left
}

// withExtra returns a copy of en with the extra fields of old that en lacks.
func withExtra(en, old *bib.Entry) *bib.Entry {
	if len(old.Extra) == 0 {
		return en
	}
	c := *en
	c.Extra = map[string]string{}
	for k, v := range old.Extra {
		c.Extra[k] = v
	}
	for k, v := range en.Extra {
		c.Extra[k] = v
	}
	return &c
}

// describeKey names a top-level key of a record for a Leftover.
func describeKey(k string, old *bib.Entry) string {
	switch {
	case k == "aliases":
		return "aliases"
	case old.Get(k) != "":
		return "field " + k
	case len(old.Names(k)) > 0:
		return "names " + k
	}
	if _, ok := old.Date(k); ok {
		return "date " + k
	}
	if bib.VariableKind(k) != bib.Unknown {
		return "field " + k + " (as written; cite could not read its value)"
	}
	return "unknown key " + k
}

// describeTable names a sub-table of a record for a Leftover.
func describeTable(x string, st store.Statement, old *bib.Entry) string {
	if len(old.Names(x)) > 0 {
		return "names " + x
	}
	if st.Array {
		return "table [[reference." + x + "]]"
	}
	return "table [reference." + x + "]"
}

// lastLine returns the line the record's last statement ends on.
func lastLine(rec Record, data []byte) int {
	st := rec.Statements[len(rec.Statements)-1]
	return st.Line + bytes.Count(bytes.TrimSuffix(data[st.Start:st.End], []byte("\n")), []byte("\n"))
}

// trimBlank drops the blank lines that end a group of statements.
func trimBlank(group []store.Statement) []store.Statement {
	for len(group) > 1 && group[len(group)-1].Kind == store.Blank {
		group = group[:len(group)-1]
	}
	return group
}

func withNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// short cuts a comment for a summary line.
func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}
