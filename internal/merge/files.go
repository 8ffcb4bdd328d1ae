package merge

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
	"github.com/cite-project/cite/internal/tomlfmt"
)

// Result is the outcome of Files: the merged file and the conflicts
// written into it.
type Result struct {
	Data      []byte
	Conflicts []string // "reference zhigalov1993: title", "claim c1: deleted on one side, changed on the other"
	// Reordered is set when both sides reordered records differently;
	// ours's order was kept.
	Reordered bool
}

// Files merges two versions of a library file, ours and theirs, that
// descend from base, as a git merge driver does: record by record (by
// id), and within a record field by field. A record or field changed on
// one side only takes that change; records added on either side are kept,
// each after the record it follows on its side (ours before theirs where
// both added records at one place); a record deleted on one
// side and unchanged on the other is deleted. A field changed differently
// on both sides, or a record deleted on one side and changed on the other,
// is a conflict, written inside the record with git's conflict markers
// (<<<<<<< ours, =======, >>>>>>> theirs) around the lines that differ.
//
// The result starts from ours (or from theirs, when only theirs reordered
// the records): its comments and layout are kept, and only the records
// that change are rewritten, in canonical form. name is used in messages;
// an error means a version is not valid TOML and nothing could be merged.
func Files(name string, base, ours, theirs []byte) (*Result, error) {
	var libs [3]*bib.Library
	for i, data := range [][]byte{base, ours, theirs} {
		lib, _, err := store.Decode(name, data)
		if err != nil {
			return nil, fmt.Errorf("%s version: %w", [3]string{"base", "our", "their"}[i], err)
		}
		libs[i] = lib
	}
	b, o, t := libs[0], libs[1], libs[2]
	res := &Result{}
	oursMoved := reordered(ids(b.Entries), ids(o.Entries)) || reordered(claimIDs(b.Claims), claimIDs(o.Claims))
	theirsMoved := reordered(ids(b.Entries), ids(t.Entries)) || reordered(claimIDs(b.Claims), claimIDs(t.Claims))
	docIsOurs := !(theirsMoved && !oursMoved)
	res.Reordered = oursMoved && theirsMoved
	doc, other, data := o, t, ours
	if !docIsOurs {
		doc, other, data = t, o, theirs
	}
	m := &fileMerge{docIsOurs: docIsOurs, res: res}
	refs := mergeRecords(m, "reference", wrapEntries(b.Entries), wrapEntries(doc.Entries), wrapEntries(other.Entries))
	claims := mergeRecords(m, "claim", wrapClaims(b.Claims), wrapClaims(doc.Claims), wrapClaims(other.Claims))
	out, err := tomlfmt.Splice(name, data, refs, claims)
	if err != nil {
		return nil, err
	}
	res.Data = out
	return res, nil
}

// fileMerge holds the state of one Files call.
type fileMerge struct {
	docIsOurs bool
	res       *Result
}

// rec is a reference or a claim, seen as fields with canonical text
// values for a three-way comparison.
type rec struct {
	id     string
	entry  *bib.Entry
	claim  *bib.Claim
	values map[string]string
}

func wrapEntries(es []*bib.Entry) []*rec {
	out := make([]*rec, len(es))
	for i, e := range es {
		out[i] = &rec{id: e.ID, entry: e, values: entryValues(e)}
	}
	return out
}

func wrapClaims(cs []*bib.Claim) []*rec {
	out := make([]*rec, len(cs))
	for i, c := range cs {
		out[i] = &rec{id: c.ID, claim: c, values: claimValues(c)}
	}
	return out
}

func ids(es []*bib.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func claimIDs(cs []*bib.Claim) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// reordered reports whether the ids both lists share come in another
// order in after than in before.
func reordered(before, after []string) bool {
	in := map[string]bool{}
	for _, id := range after {
		in[id] = true
	}
	was := map[string]bool{}
	var common []string
	for _, id := range before {
		if in[id] {
			common = append(common, id)
			was[id] = true
		}
	}
	k := 0
	for _, id := range after {
		if !was[id] {
			continue
		}
		was[id] = false // an id repeated in after (a duplicate-id error) counts once
		if common[k] != id {
			return true
		}
		k++
	}
	return false
}

// entryValues writes each part of e that a merge compares as text: the
// type, the aliases, every variable, each name list, each extra field.
func entryValues(e *bib.Entry) map[string]string {
	v := map[string]string{"type": e.Type}
	if len(e.Aliases) > 0 {
		v["aliases"] = strings.Join(e.Aliases, "\x00")
	}
	for k, s := range e.Fields() {
		v[k] = s
	}
	for k, d := range e.AllDates() {
		v[k] = d.String() + "\x00" + d.Literal
	}
	for k, ns := range e.AllNames() {
		var b bytes.Buffer
		one := bib.NewEntry("x", "book")
		one.SetNames(k, ns)
		if err := store.Encode(&b, []*bib.Entry{one}, nil); err == nil {
			v[k] = b.String()
		}
	}
	for k, s := range e.Extra {
		v["extra."+k] = s
	}
	return v
}

// setEntryPart copies part key of src into dst, or removes it from dst
// when src (nil for a deletion) lacks it.
func setEntryPart(dst, src *bib.Entry, key string) {
	has := src != nil && entryValues(src)[key] != ""
	switch {
	case key == "type":
		if src != nil {
			dst.Type = src.Type
		}
	case key == "aliases":
		dst.Aliases = nil
		if has {
			dst.Aliases = slices.Clone(src.Aliases)
		}
	case strings.HasPrefix(key, "extra."):
		k := strings.TrimPrefix(key, "extra.")
		delete(dst.Extra, k)
		if has {
			if dst.Extra == nil {
				dst.Extra = map[string]string{}
			}
			dst.Extra[k] = src.Extra[k]
		}
	default:
		dst.Set(key, "")
		dst.DeleteDate(key)
		dst.SetNames(key, nil)
		if !has {
			return
		}
		if s := src.Get(key); s != "" {
			dst.Set(key, s)
		}
		if d, ok := src.Date(key); ok {
			dst.SetDate(key, d)
		}
		if ns := src.Names(key); ns != nil {
			dst.SetNames(key, slices.Clone(ns))
		}
	}
}

func claimValues(c *bib.Claim) map[string]string {
	v := map[string]string{"kind": c.Kind, "statement": c.Statement, "excerpt": c.Excerpt, "status": c.Status, "note": c.Note}
	var b bytes.Buffer
	for _, s := range c.Sources {
		fmt.Fprintf(&b, "%q %q %q %q\n", s.Ref, s.Locator, s.Label, s.Support)
	}
	v["sources"] = b.String()
	for k, s := range v {
		if s == "" {
			delete(v, k)
		}
	}
	return v
}

func setClaimPart(dst, src *bib.Claim, key string) {
	var from bib.Claim
	if src != nil {
		from = *src
	}
	switch key {
	case "kind":
		dst.Kind = from.Kind
	case "statement":
		dst.Statement = from.Statement
	case "excerpt":
		dst.Excerpt = from.Excerpt
	case "status":
		dst.Status = from.Status
	case "note":
		dst.Note = from.Note
	case "sources":
		dst.Sources = slices.Clone(from.Sources)
	}
}

// copyRec returns a copy of r that can be changed part by part.
func copyRec(r *rec) *rec {
	c := &rec{id: r.id}
	if r.entry != nil {
		c.entry = r.entry.Strip()
	} else {
		cl := *r.claim
		cl.Sources = slices.Clone(r.claim.Sources)
		c.claim = &cl
	}
	return c
}

func (r *rec) set(src *rec, key string) {
	if r.entry != nil {
		var e *bib.Entry
		if src != nil {
			e = src.entry
		}
		setEntryPart(r.entry, e, key)
		return
	}
	var c *bib.Claim
	if src != nil {
		c = src.claim
	}
	setClaimPart(r.claim, c, key)
}

// text is the record's canonical TOML.
func (r *rec) text() string {
	var b bytes.Buffer
	if r.entry != nil {
		store.Encode(&b, []*bib.Entry{r.entry}, nil)
	} else {
		store.Encode(&b, nil, []*bib.Claim{r.claim})
	}
	return b.String()
}

// mergeRecords merges the records of one kind and returns the changes to
// make to the document side's file.
func mergeRecords(m *fileMerge, kind string, base, doc, other []*rec) map[int]tomlfmt.Change {
	byID := func(rs []*rec) map[string]*rec {
		out := map[string]*rec{}
		for _, r := range rs {
			if _, dup := out[r.id]; !dup {
				out[r.id] = r
			}
		}
		return out
	}
	bm, om := byID(base), byID(other)
	changes := map[int]tomlfmt.Change{}
	docIndex := map[string]int{}
	for i, r := range doc {
		if _, dup := docIndex[r.id]; !dup {
			docIndex[r.id] = i
		}
	}
	removed := map[string]bool{}
	for i, d := range doc {
		if docIndex[d.id] != i {
			continue // a repeated id: left as it is
		}
		b, inBase := bm[d.id]
		o, inOther := om[d.id]
		switch {
		case inOther:
			var bv map[string]string
			if inBase {
				bv = b.values
			}
			merged, conflicts := m.mergeValues(d, o, bv)
			if len(conflicts) > 0 {
				changes[i] = tomlfmt.Change{Text: m.conflictText(kind, d, o, merged, conflicts)}
				continue
			}
			if !maps.Equal(entryOrClaimValues(merged), d.values) {
				if merged.entry != nil {
					changes[i] = tomlfmt.Change{Entry: merged.entry}
				} else {
					changes[i] = tomlfmt.Change{Claim: merged.claim}
				}
			}
		case inBase && maps.Equal(b.values, d.values):
			// Deleted on the other side, unchanged here: deleted.
			changes[i] = tomlfmt.Change{Remove: true}
			removed[d.id] = true
		case inBase:
			m.res.Conflicts = append(m.res.Conflicts, fmt.Sprintf("%s %s: deleted on one side, changed on the other", kind, d.id))
			changes[i] = tomlfmt.Change{Text: m.deletedText(d, nil)}
		}
	}
	// Records of the other side that the document lacks: added there, or
	// deleted here.
	prev := -1
	for _, o := range other {
		if i, ok := docIndex[o.id]; ok {
			if !removed[o.id] {
				prev = i
			}
			continue
		}
		b, inBase := bm[o.id]
		var ins tomlfmt.Record
		switch {
		case !inBase:
			if o.entry != nil {
				ins.Entry = o.entry
			} else {
				ins.Claim = o.claim
			}
		case maps.Equal(b.values, o.values):
			continue // deleted here, unchanged there: stays deleted
		default:
			m.res.Conflicts = append(m.res.Conflicts, fmt.Sprintf("%s %s: deleted on one side, changed on the other", kind, o.id))
			ins.Text = m.deletedText(nil, o)
		}
		at := prev
		if m.docIsOurs {
			// Our additions come before theirs at the same place.
			for at+1 < len(doc) && bm[doc[at+1].id] == nil && om[doc[at+1].id] == nil {
				at++
			}
		}
		ch := changes[at]
		ch.After = append(ch.After, ins)
		changes[at] = ch
	}
	return changes
}

func entryOrClaimValues(r *rec) map[string]string {
	if r.entry != nil {
		return entryValues(r.entry)
	}
	return claimValues(r.claim)
}

// mergeValues merges the parts of the document's and the other side's
// versions of a record against base (nil when both added it). Conflicting
// parts keep the document's value in the result.
func (m *fileMerge) mergeValues(d, o *rec, base map[string]string) (*rec, []string) {
	out := copyRec(d)
	keys := map[string]bool{}
	for _, vs := range []map[string]string{base, d.values, o.values} {
		for k := range vs {
			keys[k] = true
		}
	}
	var conflicts []string
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		bv, dv, ov := base[k], d.values[k], o.values[k]
		switch {
		case dv == ov, ov == bv:
		case dv == bv:
			out.set(o, k)
		default:
			conflicts = append(conflicts, k)
		}
	}
	return out, conflicts
}

// conflictText writes a record whose parts in conflicts differ: the merged
// record with our values and with theirs, with git's markers around the
// lines that differ.
func (m *fileMerge) conflictText(kind string, d, o, merged *rec, conflicts []string) string {
	withOther := copyRec(merged)
	for _, k := range conflicts {
		withOther.set(o, k)
	}
	m.res.Conflicts = append(m.res.Conflicts, fmt.Sprintf("%s %s: %s changed on both sides", kind, d.id, strings.Join(conflicts, ", ")))
	ours, theirs := merged.text(), withOther.text()
	if !m.docIsOurs {
		ours, theirs = theirs, ours
	}
	return markLines(ours, theirs)
}

// deletedText writes a record deleted on one side (nil) and changed on
// the other, all of it between markers.
func (m *fileMerge) deletedText(doc, other *rec) string {
	var ours, theirs string
	if doc != nil {
		ours = doc.text()
	}
	if other != nil {
		theirs = other.text()
	}
	if !m.docIsOurs {
		ours, theirs = theirs, ours
	}
	var b strings.Builder
	b.WriteString("<<<<<<< ours\n")
	if ours == "" {
		b.WriteString("# (deleted in ours)\n")
	}
	b.WriteString(ours)
	b.WriteString("=======\n")
	if theirs == "" {
		b.WriteString("# (deleted in theirs)\n")
	}
	b.WriteString(theirs)
	b.WriteString(">>>>>>> theirs\n")
	return b.String()
}

// markLines returns the lines of a and b with each run that differs
// between them written as a git conflict hunk.
func markLines(a, b string) string {
	x := strings.Split(strings.TrimSuffix(a, "\n"), "\n")
	y := strings.Split(strings.TrimSuffix(b, "\n"), "\n")
	// lcs[i][j] is the length of the longest common subsequence of x[i:]
	// and y[j:]; records are a few dozen lines.
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	var hx, hy []string
	flush := func() {
		if len(hx) == 0 && len(hy) == 0 {
			return
		}
		out.WriteString("<<<<<<< ours\n")
		for _, l := range hx {
			out.WriteString(l + "\n")
		}
		out.WriteString("=======\n")
		for _, l := range hy {
			out.WriteString(l + "\n")
		}
		out.WriteString(">>>>>>> theirs\n")
		hx, hy = nil, nil
	}
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			flush()
			out.WriteString(x[i] + "\n")
			i++
			j++
		case j == len(y) || i < len(x) && lcs[i+1][j] >= lcs[i][j+1]:
			hx = append(hx, x[i])
			i++
		default:
			hy = append(hy, y[j])
			j++
		}
	}
	flush()
	return out.String()
}
