package tomlfmt

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/store"
)

// Change says what becomes of one record of a file in Splice: it is
// replaced by Entry (or Claim), or by Text as it is, or removed, or kept
// as it is when none of these is set; the records in After follow it.
type Change struct {
	Entry  *bib.Entry
	Claim  *bib.Claim
	Text   string
	Remove bool
	// Note, for a removed record that had comments of its own, is the
	// comment line written where it was, before its comments, which are
	// kept.
	Note string
	// After are records inserted after this one. Under the index -1 they
	// go before the first record of the kind.
	After []Record
}

// Record is a record to insert: a reference, a claim, or text as it is
// (a record with conflict markers, say).
type Record struct {
	Entry *bib.Entry
	Claim *bib.Claim
	Text  string
}

// text returns the record's TOML.
func (r Record) text() (string, error) {
	if r.Text != "" {
		return strings.TrimSuffix(r.Text, "\n") + "\n", nil
	}
	var b bytes.Buffer
	var err error
	if r.Entry != nil {
		err = store.Encode(&b, []*bib.Entry{r.Entry}, nil)
	} else {
		err = store.Encode(&b, nil, []*bib.Claim{r.Claim})
	}
	return b.String(), err
}

// Splice rewrites the records of a library file named in refs (by their
// index among the file's references) and claims (among its claims), and
// keeps every other byte of the file as it was: the other records, the
// comments around them and the file's layout. A replaced record is written
// in canonical form with its comments; a removed record's comments stay
// where it was, after Note. A record to change that cite reads with a
// diagnostic is refused (*ProblemsError), since rewriting it would lose
// what the diagnostic is about; the result is checked to read back as the
// same library with just those changes.
func Splice(name string, data []byte, refs, claims map[int]Change) ([]byte, error) {
	lib, diags, err := store.Decode(name, data)
	if err != nil {
		return nil, err
	}
	touched := map[string]bool{}
	rewrites := func(ch Change) bool { return ch.Entry != nil || ch.Claim != nil || ch.Text != "" || ch.Remove }
	for i, ch := range refs {
		if i < -1 || i >= len(lib.Entries) {
			return nil, fmt.Errorf("%s has no reference %d", name, i+1)
		}
		if i >= 0 && rewrites(ch) {
			touched[lib.Entries[i].ID] = true
		}
	}
	for i, ch := range claims {
		if i < -1 || i >= len(lib.Claims) {
			return nil, fmt.Errorf("%s has no claim %d", name, i+1)
		}
		if i >= 0 && rewrites(ch) {
			touched[lib.Claims[i].ID] = true
		}
	}
	var bad []bib.Diagnostic
	for _, d := range diags {
		if touched[d.Ref] {
			bad = append(bad, d)
		}
	}
	if len(bad) > 0 {
		return nil, &ProblemsError{Diagnostics: bad}
	}
	bom := bytes.HasPrefix(data, []byte("\uFEFF"))
	crlf := bytes.Contains(data, []byte("\r\n"))
	src := bytes.TrimPrefix(data, []byte("\uFEFF"))
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	finalNewline := strings.HasSuffix(text, "\n")
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	anchors, comments := store.Scan(src)
	recs, _, _ := layout(lines, anchors, comments)

	// spans[k] is the last line of record k, its end comments included.
	isComment := func(l int) bool { return strings.HasPrefix(strings.TrimSpace(lines[l-1]), "#") }
	isBlank := func(l int) bool { return strings.TrimSpace(lines[l-1]) == "" }
	last := func(k int) int {
		stop := len(lines)
		if k+1 < len(recs) {
			stop = recs[k+1].line - 1
		}
		for l := stop; l > recs[k].line; l-- {
			if isBlank(l) || isComment(l) && !slices.Contains(recs[k].endLines, l) {
				continue
			}
			return l
		}
		return recs[k].line
	}
	replace := map[int][]string{} // first line → new lines
	skip := map[int]int{}         // first line → last line replaced
	inserted := func(rs []Record, before bool) ([]string, error) {
		var out []string
		for _, x := range rs {
			t, err := x.text()
			if err != nil {
				return nil, err
			}
			if !before {
				out = append(out, "")
			}
			out = append(out, strings.Split(strings.TrimSuffix(t, "\n"), "\n")...)
			if before {
				out = append(out, "")
			}
		}
		return out, nil
	}
	firstOfKind := map[string]bool{}
	var atEnd []Record
	for _, kind := range []string{"reference", "claim"} {
		m := refs
		if kind == "claim" {
			m = claims
		}
		if ch, ok := m[-1]; ok && len(ch.After) > 0 {
			if !slices.ContainsFunc(recs, func(r *record) bool { return r.kind == kind }) {
				atEnd = append(atEnd, ch.After...)
			}
		}
	}
	for k, r := range recs {
		var ch Change
		var ok bool
		m := refs
		if r.kind == "claim" {
			m = claims
		}
		var pre []string
		if !firstOfKind[r.kind] {
			firstOfKind[r.kind] = true
			if first, has := m[-1]; has && len(first.After) > 0 {
				var err error
				if pre, err = inserted(first.After, true); err != nil {
					return nil, err
				}
			}
		}
		ch, ok = m[r.index]
		if !ok && pre == nil {
			continue
		}
		end := last(k)
		var b bytes.Buffer
		switch {
		case !ok || !rewrites(ch):
			for l := r.line; l <= end; l++ {
				b.WriteString(lines[l-1] + "\n")
			}
		case ch.Text != "":
			b.WriteString(strings.TrimSuffix(ch.Text, "\n") + "\n")
		case ch.Remove:
			if len(r.inner)+len(r.trailing)+len(r.end) > 0 {
				if ch.Note != "" {
					b.WriteString("# " + strings.TrimPrefix(ch.Note, "# ") + "\n")
				}
				for _, p := range r.inner {
					b.WriteString(p.text + "\n")
				}
				for _, p := range r.trailing {
					b.WriteString(p.text + "\n")
				}
				for _, c := range r.end {
					b.WriteString(c + "\n")
				}
			} else {
				// Take the blank lines after the record with it, so that
				// no double blank line is left.
				for end < len(lines) && isBlank(end+1) {
					end++
				}
				if end == len(lines) {
					// The last record: take the blank lines before it instead.
					first := r.line
					for first > 1 && isBlank(first-1) && !(k > 0 && first-1 <= last(k-1)) {
						first--
					}
					if first < r.line {
						replace[first] = nil
						skip[first] = end
						continue
					}
				}
			}
		case ch.Entry != nil:
			var canon bytes.Buffer
			if err := store.Encode(&canon, []*bib.Entry{ch.Entry}, nil); err != nil {
				return nil, err
			}
			writeRecord(&b, canon.String(), "reference", r, false)
		case ch.Claim != nil:
			var canon bytes.Buffer
			if err := store.Encode(&canon, nil, []*bib.Claim{ch.Claim}); err != nil {
				return nil, err
			}
			writeRecord(&b, canon.String(), "claim", r, false)
		}
		out := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if b.Len() == 0 {
			out = nil
		}
		after, err := inserted(ch.After, false)
		if err != nil {
			return nil, err
		}
		replace[r.line] = append(append(pre, out...), after...)
		skip[r.line] = end
	}
	var out bytes.Buffer
	if bom {
		out.WriteString("\uFEFF")
	}
	for l := 1; l <= len(lines); l++ {
		if repl, ok := replace[l]; ok {
			for _, x := range repl {
				out.WriteString(x + "\n")
			}
			l = skip[l]
			continue
		}
		out.WriteString(lines[l-1] + "\n")
	}
	if len(atEnd) > 0 {
		extra, err := inserted(atEnd, false)
		if err != nil {
			return nil, err
		}
		if len(lines) == 1 && lines[0] == "" || len(lines) == 0 {
			out.Reset()
			extra = extra[1:]
		}
		for _, x := range extra {
			out.WriteString(x + "\n")
		}
	}
	result := out.Bytes()
	if !finalNewline && len(atEnd) == 0 {
		result = bytes.TrimSuffix(result, []byte("\n"))
	}
	if crlf {
		result = bytes.ReplaceAll(result, []byte("\n"), []byte("\r\n"))
	}
	for _, m := range []map[int]Change{refs, claims} {
		for _, ch := range m {
			if ch.Text != "" || slices.ContainsFunc(ch.After, func(r Record) bool { return r.Text != "" }) {
				return result, nil // raw text (conflict markers) need not read back
			}
		}
	}
	if err := spliced(name, lib, diags, refs, claims, result); err != nil {
		return nil, err
	}
	return result, nil
}

// spliced checks that out holds lib with the changes, nothing else.
func spliced(name string, lib *bib.Library, diags []bib.Diagnostic, refs, claims map[int]Change, out []byte) error {
	again, againDiags, err := store.Decode(name, out)
	var want []*bib.Entry
	var wantClaims []*bib.Claim
	for _, x := range refs[-1].After {
		want = append(want, x.Entry)
	}
	for _, x := range claims[-1].After {
		wantClaims = append(wantClaims, x.Claim)
	}
	for i, e := range lib.Entries {
		ch, ok := refs[i]
		switch {
		case !ok || ch.Entry == nil && !ch.Remove:
			want = append(want, e)
		case !ch.Remove:
			want = append(want, ch.Entry)
		}
		for _, x := range ch.After {
			want = append(want, x.Entry)
		}
	}
	for i, c := range lib.Claims {
		ch, ok := claims[i]
		switch {
		case !ok || ch.Claim == nil && !ch.Remove:
			wantClaims = append(wantClaims, c)
		case !ch.Remove:
			wantClaims = append(wantClaims, ch.Claim)
		}
		for _, x := range ch.After {
			wantClaims = append(wantClaims, x.Claim)
		}
	}
	if err == nil && (len(again.Entries) != len(want) || len(again.Claims) != len(wantClaims)) {
		err = fmt.Errorf("it holds %d references and %d claims, not %d and %d", len(again.Entries), len(again.Claims), len(want), len(wantClaims))
	}
	if err == nil {
		for i, e := range want {
			if !e.Equal(again.Entries[i]) {
				err = fmt.Errorf("reference %s does not read back as written", e.ID)
				break
			}
		}
	}
	if err == nil {
		for i, c := range wantClaims {
			if !sameClaim(c, again.Claims[i]) {
				err = fmt.Errorf("claim %s does not read back as written", c.ID)
				break
			}
		}
	}
	if err == nil {
		old := map[string]bool{}
		for _, d := range diags {
			old[d.Code+"\x00"+d.Ref+"\x00"+d.Field] = true
		}
		for _, d := range againDiags {
			if !old[d.Code+"\x00"+d.Ref+"\x00"+d.Field] {
				err = fmt.Errorf("it would read with a new problem: %s", d)
				break
			}
		}
	}
	if err != nil {
		return fmt.Errorf("internal error: the new %s would not be right (%v); it was left as it is", name, err)
	}
	return nil
}
