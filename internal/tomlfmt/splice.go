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
// replaced by Entry (or Claim), or removed.
type Change struct {
	Entry  *bib.Entry
	Claim  *bib.Claim
	Remove bool
	// Note, for a removed record that had comments of its own, is the
	// comment line written where it was, before its comments, which are
	// kept.
	Note string
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
	for i := range refs {
		if i < 0 || i >= len(lib.Entries) {
			return nil, fmt.Errorf("%s has no reference %d", name, i+1)
		}
		touched[lib.Entries[i].ID] = true
	}
	for i := range claims {
		if i < 0 || i >= len(lib.Claims) {
			return nil, fmt.Errorf("%s has no claim %d", name, i+1)
		}
		touched[lib.Claims[i].ID] = true
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
	for k, r := range recs {
		var ch Change
		var ok bool
		if r.kind == "reference" {
			ch, ok = refs[r.index]
		} else {
			ch, ok = claims[r.index]
		}
		if !ok {
			continue
		}
		end := last(k)
		var b bytes.Buffer
		switch {
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
		replace[r.line] = out
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
	result := out.Bytes()
	if !finalNewline {
		result = bytes.TrimSuffix(result, []byte("\n"))
	}
	if crlf {
		result = bytes.ReplaceAll(result, []byte("\n"), []byte("\r\n"))
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
	for i, e := range lib.Entries {
		switch ch, ok := refs[i]; {
		case !ok:
			want = append(want, e)
		case !ch.Remove:
			want = append(want, ch.Entry)
		}
	}
	var wantClaims []*bib.Claim
	for i, c := range lib.Claims {
		switch ch, ok := claims[i]; {
		case !ok:
			wantClaims = append(wantClaims, c)
		case !ch.Remove:
			wantClaims = append(wantClaims, ch.Claim)
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
