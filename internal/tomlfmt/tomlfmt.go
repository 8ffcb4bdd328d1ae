package tomlfmt

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
)

// ProblemsError is a file Format will not rewrite because cite reads it
// with diagnostics: rewriting would lose what they are about.
type ProblemsError struct {
	Diagnostics []bib.Diagnostic
}

// Error names the first problem and how many there are.
func (e *ProblemsError) Error() string {
	msg := e.Diagnostics[0].String()
	if n := len(e.Diagnostics); n > 1 {
		msg += fmt.Sprintf(" (and %d more)", n-1)
	}
	return msg
}

// record is one [[reference]] or [[claim]] of the source file.
type record struct {
	kind  string // "reference" or "claim"
	index int    // among the records of its kind
	line  int    // header line
	last  int    // line of its last anchor
	// before holds the lines (comments and single blank lines) written
	// before the header; end the comments after its last key.
	before   []string
	end      []string
	endLines []int // source lines of end
	// inner holds, in source order, comment lines and the anchor path
	// (relative to the record) they stand before; trailing the comments at
	// the end of an anchor's line.
	inner    []placed
	trailing []placed
}

// placed is a comment and the anchor it goes with.
type placed struct {
	rel, text string
}

// Format returns the canonical form of the library file data; name is used
// in messages. The result equals data when the file is already canonical.
// A file that is not valid TOML gives the *store.SyntaxError of
// store.Decode; a file with diagnostics a *ProblemsError.
func Format(name string, data []byte) ([]byte, error) {
	bom := bytes.HasPrefix(data, []byte("\uFEFF"))
	crlf := bytes.Contains(data, []byte("\r\n"))
	lib, diags, err := store.Decode(name, data)
	if err != nil {
		return nil, err
	}
	if len(diags) > 0 {
		bib.SortDiagnostics(diags)
		return nil, &ProblemsError{Diagnostics: diags}
	}
	// The common case, a file cite wrote itself, costs one encoding.
	var whole bytes.Buffer
	if !bom && !crlf {
		if err := store.Encode(&whole, lib.Entries, lib.Claims); err == nil && bytes.Equal(whole.Bytes(), data) {
			return data, nil
		}
	}
	src := bytes.TrimPrefix(data, []byte("\uFEFF"))
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	anchors, comments := store.Scan(src)
	recs, head, tail := layout(lines, anchors, comments)

	var out bytes.Buffer
	if bom {
		out.WriteString("\uFEFF")
	}
	for _, l := range head {
		out.WriteString(l + "\n")
	}
	if len(head) > 0 && (len(lib.Entries) > 0 || len(lib.Claims) > 0) {
		out.WriteString("\n")
	}
	byKey := map[string]*record{}
	for _, r := range recs {
		byKey[r.kind+"/"+strconv.Itoa(r.index)] = r
	}
	n := 0
	emit := func(kind string, i int, encode func(*bytes.Buffer) error) error {
		var b bytes.Buffer
		if err := encode(&b); err != nil {
			return err
		}
		if n > 0 {
			out.WriteString("\n")
		}
		n++
		writeRecord(&out, b.String(), kind, byKey[kind+"/"+strconv.Itoa(i)], true)
		return nil
	}
	for i, e := range lib.Entries {
		if err := emit("reference", i, func(b *bytes.Buffer) error { return store.Encode(b, []*bib.Entry{e}, nil) }); err != nil {
			return nil, err
		}
	}
	for i, c := range lib.Claims {
		if err := emit("claim", i, func(b *bytes.Buffer) error { return store.Encode(b, nil, []*bib.Claim{c}) }); err != nil {
			return nil, err
		}
	}
	if len(tail) > 0 {
		if n > 0 || len(head) > 0 {
			out.WriteString("\n")
		}
		for _, l := range tail {
			out.WriteString(l + "\n")
		}
	}
	result := out.Bytes()
	if crlf {
		result = bytes.ReplaceAll(result, []byte("\n"), []byte("\r\n"))
	}
	if err := same(name, lib, comments, result); err != nil {
		return nil, err
	}
	return result, nil
}

// layout assigns every comment of the source to a record (before it,
// inside it, at its end) or to the head or tail of the file.
func layout(lines []string, anchors []store.Anchor, comments []store.Comment) (recs []*record, head, tail []string) {
	for _, a := range anchors {
		if len(a.Path) == 2 && (a.Path[0] == "reference" || a.Path[0] == "claim") {
			i, _ := strconv.Atoi(a.Path[1])
			recs = append(recs, &record{kind: a.Path[0], index: i, line: a.Line, last: a.Line})
		}
	}
	slices.SortFunc(recs, func(a, b *record) int { return a.line - b.line })
	// owner returns the record whose lines hold line l, or nil before the
	// first record.
	owner := func(l int) *record {
		// The last record whose header is at or before l.
		i := sort.Search(len(recs), func(i int) bool { return recs[i].line > l })
		if i == 0 {
			return nil
		}
		return recs[i-1]
	}
	type anchorAt struct {
		line int
		rel  string
	}
	inRec := map[*record][]anchorAt{}
	for _, a := range anchors {
		r := owner(a.Line)
		if len(a.Path) < 2 || r == nil || a.Path[0] != r.kind || a.Path[1] != strconv.Itoa(r.index) {
			continue
		}
		r.last = max(r.last, a.Line)
		inRec[r] = append(inRec[r], anchorAt{a.Line, strings.Join(a.Path[2:], "/")})
	}
	// gaps[k] holds the comment lines between record k-1 and record k
	// (gaps[0] before the first, gaps[len(recs)] after the last).
	gaps := make([][]int, len(recs)+1)
	for _, c := range comments {
		r := owner(c.Line)
		switch {
		case r != nil && c.Trailing && c.Line <= r.last:
			// At the end of a line: with the anchor of that line that is
			// closest to the record (the key rather than a name inside it).
			rel, depth := "", -1
			for _, a := range inRec[r] {
				if d := strings.Count(a.rel, "/"); a.line == c.Line && (depth < 0 || d < depth) {
					rel, depth = a.rel, d
				}
			}
			r.trailing = append(r.trailing, placed{rel, c.Text})
		case r != nil && c.Line < r.last:
			// Inside the record: before the anchor that follows it.
			rel := ""
			for _, a := range inRec[r] {
				if a.line > c.Line {
					rel = a.rel
					break
				}
			}
			r.inner = append(r.inner, placed{rel, c.Text})
		default:
			k := 0
			if r != nil {
				k = sort.Search(len(recs), func(i int) bool { return recs[i].line > r.line })
			}
			gaps[k] = append(gaps[k], c.Line)
		}
	}
	blank := func(l int) bool { return l >= 1 && l <= len(lines) && strings.TrimSpace(lines[l-1]) == "" }
	for k, g := range gaps {
		if len(g) == 0 {
			continue
		}
		// Comments that follow the previous record without a blank line
		// are its end comments.
		rest := g
		if k > 0 {
			prev := recs[k-1]
			for len(rest) > 0 && !blankBetween(blank, prevLine(rest, g, prev.last), rest[0]) {
				prev.end = append(prev.end, strings.TrimSpace(lines[rest[0]-1]))
				prev.endLines = append(prev.endLines, rest[0])
				rest = rest[1:]
			}
		}
		if len(rest) == 0 {
			continue
		}
		if k == len(recs) {
			tail = append(tail, blockOf(lines, rest, false)...)
			continue
		}
		if k == 0 {
			// At the head of the file: the block that runs into the first
			// header belongs to that record, what is above it to the file.
			split := len(rest)
			for split > 0 && !blankBetween(blank, rest[split-1], nextLine(rest, split, recs[0].line)) {
				split--
			}
			head = append(head, blockOf(lines, rest[:split], false)...)
			rest = rest[split:]
			if len(rest) == 0 {
				continue
			}
		}
		recs[k].before = append(recs[k].before, blockOf(lines, rest, true)...)
	}
	return recs, head, tail
}

// prevLine returns the line before rest[0] in the gap g: the previous
// comment, or the last line of the record before the gap.
func prevLine(rest, g []int, recordLast int) int {
	if i := len(g) - len(rest); i > 0 {
		return g[i-1]
	}
	return recordLast
}

// nextLine returns the line after rest[i-1]: the next comment, or the
// header that ends the gap.
func nextLine(rest []int, i, header int) int {
	if i < len(rest) {
		return rest[i]
	}
	return header
}

// blankBetween reports whether a blank line lies strictly between lines a
// and b.
func blankBetween(blank func(int) bool, a, b int) bool {
	for l := a + 1; l < b; l++ {
		if blank(l) {
			return true
		}
	}
	return false
}

// blockOf returns the comment lines ls with single blank lines where the
// source had blank lines between them, and, when before is set and the
// source had a blank line between the last comment and what follows, a
// blank line at the end.
func blockOf(lines []string, ls []int, before bool) []string {
	if len(ls) == 0 {
		return nil
	}
	var out []string
	for i, l := range ls {
		if i > 0 && l > ls[i-1]+1 {
			out = append(out, "")
		}
		out = append(out, strings.TrimSpace(lines[l-1]))
	}
	last := ls[len(ls)-1]
	if before && last < len(lines) && strings.TrimSpace(lines[last]) == "" {
		out = append(out, "")
	}
	return out
}

func joinTrailing(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// writeRecord writes the canonical text of one record with the comments
// of its source record r (nil for none) put back.
func writeRecord(out *bytes.Buffer, canon, kind string, r *record, withBefore bool) {
	if r == nil {
		out.WriteString(canon)
		return
	}
	if withBefore {
		for _, l := range r.before {
			out.WriteString(l + "\n")
		}
	}
	anchors, _ := store.Scan([]byte(canon))
	lineOf := map[string]int{}
	for _, a := range anchors {
		if len(a.Path) >= 2 && a.Path[0] == kind {
			rel := strings.Join(a.Path[2:], "/")
			if _, ok := lineOf[rel]; !ok {
				lineOf[rel] = a.Line
			}
		}
	}
	// find returns the canonical line of a source anchor: the same path,
	// its first element (author = [ … ] became [[reference.author]]
	// tables), or the nearest enclosing path.
	find := func(rel string) int {
		for p := rel; ; {
			if l, ok := lineOf[p]; ok {
				return l
			}
			if l, ok := lineOf[join(p, "0")]; ok {
				return l
			}
			i := strings.LastIndexByte(p, '/')
			if p == "" {
				return 1
			}
			if i < 0 {
				p = ""
			} else {
				p = p[:i]
			}
		}
	}
	before := map[int][]string{}
	after := map[int]string{}
	for _, p := range r.inner {
		l := find(p.rel)
		before[l] = append(before[l], p.text)
	}
	for _, p := range r.trailing {
		l := find(p.rel)
		after[l] = joinTrailing(after[l], p.text)
	}
	cl := strings.Split(strings.TrimSuffix(canon, "\n"), "\n")
	for i, l := range cl {
		for _, c := range before[i+1] {
			out.WriteString(c + "\n")
		}
		out.WriteString(l)
		if c, ok := after[i+1]; ok {
			out.WriteString("  " + c)
		}
		out.WriteString("\n")
	}
	for _, c := range r.end {
		out.WriteString(c + "\n")
	}
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "/" + b
}

// same checks that the formatted file reads back as lib did and keeps
// every comment.
func same(name string, lib *bib.Library, comments []store.Comment, out []byte) error {
	again, diags, err := store.Decode(name, out)
	if err == nil && len(diags) > 0 {
		err = errors.New(diags[0].String())
	}
	if err == nil && (len(again.Entries) != len(lib.Entries) || len(again.Claims) != len(lib.Claims)) {
		err = errors.New("the number of records changed")
	}
	if err == nil {
		for i, e := range lib.Entries {
			if !e.Equal(again.Entries[i]) {
				err = fmt.Errorf("reference %s changed", e.ID)
				break
			}
		}
	}
	if err == nil {
		for i, c := range lib.Claims {
			if !sameClaim(c, again.Claims[i]) {
				err = fmt.Errorf("claim %s changed", c.ID)
				break
			}
		}
	}
	if err == nil {
		_, got := store.Scan(out)
		if !sameTexts(comments, got) {
			err = errors.New("a comment was lost or changed")
		}
	}
	if err != nil {
		return fmt.Errorf("internal error: the formatted %s would not be the same library (%v); it was left as it is", name, err)
	}
	return nil
}

func sameClaim(a, b *bib.Claim) bool {
	if a.ID != b.ID || a.Statement != b.Statement || a.Kind != b.Kind || a.Excerpt != b.Excerpt || a.Status != b.Status || a.Note != b.Note || len(a.Sources) != len(b.Sources) {
		return false
	}
	for i, s := range a.Sources {
		t := b.Sources[i]
		if s.Ref != t.Ref || s.Locator != t.Locator || s.Label != t.Label || s.Support != t.Support {
			return false
		}
	}
	return true
}

func sameTexts(a, b []store.Comment) bool {
	ta, tb := texts(a), texts(b)
	slices.Sort(ta)
	slices.Sort(tb)
	return slices.Equal(ta, tb)
}

func texts(cs []store.Comment) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		out = append(out, strings.TrimSpace(c.Text))
	}
	return out
}
