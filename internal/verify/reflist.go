package verify

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/lazyregexp"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/cite-project/cite/internal/manuscript/resolve"
)

// The finding codes of the comparison of a manuscript's own reference list
// with the library, and of years.
const (
	CodeListMismatch    = "list-mismatch"
	CodeListUnmatched   = "list-unmatched"
	CodeYearMismatch    = "year-mismatch"
	CodeDuplicateSource = "duplicate-source"
)

// referenceLists compares each manuscript's own reference list with the
// library: list-unmatched for an entry that is no record of the library,
// list-mismatch for a numbered entry that is not the record its number
// cites (or a \bibitem whose text is another record than its key),
// year-mismatch for an entry whose year is not its record's, and
// duplicate-source for two entries that are one work.
func (r *Result) referenceLists() {
	numeric := false
	for _, m := range r.Markers {
		numeric = numeric || m.numeric()
	}
	for di, dc := range r.docs {
		rl := dc.d.References
		if rl == nil || len(rl.Entries) == 0 {
			continue
		}
		list := r.res.List(rl)
		seen := map[int]int{} // record's number → number of the first entry that is it
		texts := map[string]int{}
		for k, e := range rl.Entries {
			n := e.Number
			if n == 0 {
				n = k + 1
			}
			label := fmt.Sprintf("entry %d", n)
			m := list.Entries[k]
			if m.Described != nil {
				r.add(Finding{Code: CodeListMismatch, Ref: m.Entry.ID, Message: fmt.Sprintf("\\bibitem{%s} cites %s, but its text describes %s: correct the key or the entry",
					e.Key, r.label(m.Entry.ID), r.label(m.Described.ID))}, di, e.Start, e.End, bib.Pos{})
			}
			norm := strings.Join(resolve.Words(e.Text), " ")
			if prev, dup := texts[norm]; dup && norm != "" {
				r.add(Finding{Code: CodeDuplicateSource, Message: fmt.Sprintf("%s repeats entry %d of the reference list: list each work once", label, prev)}, di, e.Start, e.End, bib.Pos{})
				continue
			}
			texts[norm] = n
			if m.Entry == nil {
				r.add(Finding{Code: CodeListUnmatched, Message: fmt.Sprintf("%s of the reference list (%q) is no reference of the library: add it (cite add, cite import) or correct the entry", label, clip(e.Text))}, di, e.Start, e.End, bib.Pos{})
				continue
			}
			rec := m.Entry
			if prev, dup := seen[m.Number]; dup {
				r.add(Finding{Code: CodeDuplicateSource, Ref: rec.ID, Message: fmt.Sprintf("%s and entry %d of the reference list are one work, %s: list it once", label, prev, r.label(rec.ID))}, di, e.Start, e.End, bib.Pos{})
				continue
			}
			seen[m.Number] = n
			if e.Number > 0 && e.Key == "" && numeric && m.Number != e.Number {
				msg := fmt.Sprintf("%s of the reference list is %s, but a marker [%d] cites the library's record %d", label, r.label(rec.ID), e.Number, e.Number)
				if e.Number <= len(r.lib.Entries) {
					msg += fmt.Sprintf(", %s", r.lib.Entries[e.Number-1].ID)
				}
				msg += ": renumber the list or reorder the library, or the text cites the wrong works"
				r.add(Finding{Code: CodeListMismatch, Ref: rec.ID, Message: msg}, di, e.Start, e.End, bib.Pos{})
			}
			if y := rec.Year(); y != 0 && len(m.Years) > 0 && !m.YearMatch {
				r.add(Finding{Code: CodeYearMismatch, Ref: rec.ID, Message: fmt.Sprintf("%s of the reference list gives %s, but the library's %s is from %d", label, joinYears(m.Years), rec.ID, y)}, di, e.Start, e.End, bib.Pos{})
			}
		}
	}
}

func joinYears(ys []int) string {
	var parts []string
	for _, y := range ys {
		parts = append(parts, strconv.Itoa(y))
	}
	return strings.Join(parts, ", ")
}

// keyYear is a year written in a citation key: "hanks2012", "smith_2010a".
// A year inside a DOI or between dots or slashes ("doi:10.1080/0193.2010.5")
// is not the key's.
var keyYear = lazyregexp.New(`(?:^|[^\d./])(1[5-9]\d\d|20\d\d)[a-z]?(?:[^\d./]|$)`)

// markerYears reports markers whose year differs from their record's: a
// key that spells a year ([@hanks2012] for a 2009 item), or an author–date
// cite resolved by its author alone.
func (r *Result) markerYears() {
	for i := range r.Markers {
		m := &r.Markers[i]
		for _, c := range m.Cites {
			if c.Ref == "" {
				continue
			}
			e, ok := r.lib.Resolve(c.Ref)
			if !ok || e.Year() == 0 {
				continue
			}
			var written string
			switch m.form {
			case manuscript.PandocMarker, manuscript.LaTeXMarker:
				if strings.HasPrefix(strings.ToLower(c.Key), "doi:") || strings.HasPrefix(c.Key, "10.") {
					continue
				}
				ms := keyYear().FindAllStringSubmatch(c.Key, -1)
				if len(ms) != 1 {
					continue
				}
				written = ms[0][1]
			case manuscript.AuthorDateMarker:
				written = strings.TrimRight(c.Year, "abcdefghijklmnopqrstuvwxyz")
			default:
				continue
			}
			y, err := strconv.Atoi(written)
			if err != nil || y == e.Year() {
				continue
			}
			what := fmt.Sprintf("marker %s gives the year %d", clip(m.Text), y)
			if len(m.Cites) > 1 && m.form != manuscript.AuthorDateMarker {
				what = fmt.Sprintf("the key %q of marker %s gives the year %d", c.Key, clip(m.Text), y)
			}
			r.add(Finding{Code: CodeYearMismatch, Ref: e.ID, Excerpt: clip(m.Text), Message: fmt.Sprintf("%s, but the library's %s is from %d: correct the marker or the record", what, e.ID, e.Year())}, m.doc, m.Start, m.End, bib.Pos{})
		}
	}
}
