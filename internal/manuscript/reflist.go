package manuscript

import (
	"github.com/cite-project/cite/internal/lazyregexp"
	"strconv"
	"strings"
)

var (
	// listItem is a line of a numbered list: "1. ", "[1] ", "1) ".
	listItem = lazyregexp.New(`^[ \t]*\[?(\d{1,3})[.)\]][ \t]+\S`)
	// metaLine is a short "Key: value" line, as in a colophon.
	metaLine = lazyregexp.New(`^[ \t]*\p{L}[\p{L} ]{0,29}:[ \t]+\S`)
	// refLike marks a list item that looks like a reference: a year, a
	// URL or path, or a page.
	refLike = lazyregexp.New(`\b1\d{3}\b|\b20\d{2}|/|(?i)\b(?:pp?|с|c)\.\s?\d`)
	// itemStart opens an unnumbered list item: "- ", "* ", "• ", "\item".
	itemStart = lazyregexp.New(`^[ \t]*(?:[•·▪◦‣*\-–—+][ \t]+|\\item\b)`)
)

// findReferenceList finds the manuscript's reference list when the markup
// did not declare one: the entries under the last heading that names one
// (up to the next heading of the same or a higher level), or, in plain
// text and Markdown, a numbered list of references (items 1, 2, 3, … that
// mostly carry a year, a URL or a page) that runs, with any "Key: value"
// colophon after it, to the end of the text.
func (s *scan) findReferenceList() {
	d := s.d
	end := len(d.Text)
	if d.Format == Text {
		for n := len(d.lines.starts); n > 1; n-- {
			sp := d.LineSpan(n)
			if len(d.Text[sp.Start:sp.End]) < 120 && isRefHeading(d.prose[sp.Start:sp.End]) {
				a, b := trimSpan(d.prose, sp.Start, sp.End)
				s.refList = &ReferenceList{Span: Span{a, end}, Heading: d.ProseText(a, b)}
				s.listFrom = b
				s.trimList(b)
				return
			}
		}
	} else {
		for k := len(s.headings) - 1; k >= 0; k-- {
			h := s.headings[k]
			if !isRefHeading(h.Title) {
				continue
			}
			e := s.docEnd()
			for _, next := range s.headings[k+1:] {
				if next.Level <= h.Level {
					e = next.Start
					break
				}
			}
			s.refList = &ReferenceList{Span: Span{h.Start, e}, Heading: h.Title}
			s.trimList(h.End)
			return
		}
	}
	if d.Format == Text || d.Format == Markdown {
		for n := len(d.lines.starts); n >= 1; n-- {
			sp := d.LineSpan(n)
			m := listItem().FindStringSubmatch(d.prose[sp.Start:sp.End])
			if m == nil || m[1] != "1" {
				continue
			}
			if entries, ok := s.numberedTail(n); ok {
				s.refList = &ReferenceList{Span: Span{sp.Start, end}, Numbered: true, Entries: entries}
			}
			return
		}
	}
}

// docEnd returns where the document's text ends: at \end{document} in
// LaTeX, else at the end of the input.
func (s *scan) docEnd() int {
	if s.d.Format == LaTeX {
		if k := strings.Index(s.text, `\end{document}`); k >= 0 {
			return k
		}
	}
	return len(s.text)
}

// trimList ends the reference list at its last prose byte, not before
// after (the end of its heading).
func (s *scan) trimList(after int) {
	rl := s.refList
	a, e := trimSpan(s.d.prose, after, rl.End)
	if a >= e {
		e = after
	}
	rl.End = max(e, after)
}

// numberedTail checks that the lines from n on are a numbered reference
// list and returns its entries.
func (s *scan) numberedTail(n int) ([]ReferenceEntry, bool) {
	d := s.d
	want, refs := 1, 0
	var entries []ReferenceEntry
	prev := "item" // what the previous line was: item, text, blank, meta
	for ; n <= len(d.lines.starts); n++ {
		sp := d.LineSpan(n)
		l := d.prose[sp.Start:sp.End]
		switch {
		case isBlank(l):
			if prev != "meta" {
				prev = "blank"
			}
		case prev != "meta" && listItem().MatchString(l):
			m := listItem().FindStringSubmatch(l)
			if m[1] != strconv.Itoa(want) {
				return nil, false
			}
			want++
			if refLike().MatchString(l) {
				refs++
			}
			entries = append(entries, ReferenceEntry{Span: trimmed(d.prose, sp), Number: want - 1})
			prev = "item"
		case metaLine().MatchString(l) && len(l) < 100:
			prev = "meta"
		case prev == "item" || prev == "text":
			entries[len(entries)-1].End = trimmed(d.prose, sp).End // a wrapped entry
			prev = "text"
		default:
			return nil, false
		}
	}
	if len(entries) < 2 || 2*refs < len(entries) {
		return nil, false
	}
	for i := range entries {
		s.entryText(&entries[i])
	}
	return entries, true
}

func trimmed(prose string, sp Span) Span {
	a, b := trimSpan(prose, sp.Start, sp.End)
	return Span{a, b}
}

// referenceEntries cuts the reference list after its heading into
// entries: list items when the list has them (numbered or bulleted),
// else its paragraphs, and a paragraph whose lines each carry a year is
// one entry per line.
func (s *scan) referenceEntries() {
	d := s.d
	rl := s.refList
	from := max(rl.Start, s.listFrom)
	for _, h := range s.headings {
		if h.Start == rl.Start {
			from = h.End
		}
	}
	if entries := s.itemEntries(from, rl.End); len(entries) > 0 {
		rl.Entries = entries
		rl.Numbered = true
		for _, e := range entries {
			if e.Number == 0 {
				rl.Numbered = false
			}
		}
		return
	}
	first, last := d.Line(from), d.Line(max(rl.End-1, from))
	items := 0
	for n := first; n <= last; n++ {
		sp := d.LineSpan(n)
		if sp.Start < from {
			continue
		}
		if l := d.prose[sp.Start:sp.End]; listItem().MatchString(l) || itemStart().MatchString(d.Text[sp.Start:sp.End]) {
			items++
		}
	}
	var entries []ReferenceEntry
	open := false
	for n := first; n <= last; n++ {
		sp := d.LineSpan(n)
		if sp.End <= from || sp.Start >= rl.End {
			continue
		}
		if sp.Start < from {
			sp.Start = from
		}
		sp.End = min(sp.End, rl.End)
		l := d.prose[sp.Start:sp.End]
		raw := d.Text[sp.Start:sp.End]
		if isBlank(l) {
			open = open && items > 0 && !isBlank(raw) // a masked line goes on; a blank line ends an unnumbered paragraph
			if items == 0 {
				open = false
			}
			continue
		}
		num := 0
		startsItem := false
		if m := listItem().FindStringSubmatch(l); m != nil {
			num, _ = strconv.Atoi(m[1])
			startsItem = true
		} else if itemStart().MatchString(raw) {
			startsItem = true
		}
		yearLine := items == 0 && open && refLike().MatchString(l) && len(entries) > 0 && refLike().MatchString(d.prose[entries[len(entries)-1].Start:entries[len(entries)-1].End]) && strings.HasSuffix(strings.TrimSpace(d.prose[entries[len(entries)-1].Start:entries[len(entries)-1].End]), ".")
		switch {
		case startsItem || !open || yearLine:
			e := ReferenceEntry{Span: trimmed(d.prose, sp), Number: num}
			entries = append(entries, e)
			open = true
		default:
			entries[len(entries)-1].End = trimmed(d.prose, sp).End
		}
	}
	numbered := len(entries) > 0
	for i := range entries {
		s.entryText(&entries[i])
		if entries[i].Number == 0 {
			numbered = false
		}
	}
	rl.Entries = entries
	rl.Numbered = numbered
}

// entryNumber strips an entry's number or bullet: "1. ", "[1] ", "• ".
var entryNumber = lazyregexp.New(`^\s*(?:\[?\d{1,3}[.)\]]|[•·▪◦‣*\-–—+])\s+`)

// entryText sets an entry's Text: its prose without number or bullet.
func (s *scan) entryText(e *ReferenceEntry) {
	t := s.d.ProseText(e.Start, e.End)
	e.Text = entryNumber().ReplaceAllString(t, "")
}

// itemEntries cuts [from, to) at the list items the markup declared
// (\item, <li>, <p>), one entry per item, numbered when the item's text
// starts with a number.
func (s *scan) itemEntries(from, to int) []ReferenceEntry {
	var entries []ReferenceEntry
	for k, at := range s.items {
		if at < from || at >= to {
			continue
		}
		e := to
		if k+1 < len(s.items) && s.items[k+1] < to {
			e = s.items[k+1]
		}
		a, b := s.trimMask(at, e)
		if a >= b {
			continue
		}
		entry := ReferenceEntry{Span: Span{at, b}}
		s.entryText(&entry)
		if m := listItem().FindStringSubmatch(s.d.ProseText(a, b) + " "); m != nil {
			entry.Number, _ = strconv.Atoi(m[1])
		}
		entries = append(entries, entry)
	}
	return entries
}
