package ris

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/bibtex"
	"github.com/cite-project/cite/internal/charset"
	"github.com/cite-project/cite/internal/lazyregexp"
)

// Diagnostic codes of Decode.
const (
	CodeSyntax      = "syntax"         // error: a record without TY, or text that is not RIS; skipped
	CodeBadText     = "bad-text"       // error: a control character or invalid byte; the record is skipped
	CodeFixedText   = "fixed-text"     // warning: with FixText, a control character or invalid byte replaced
	CodeDuplicateID = "duplicate-key"  // error: two records share an ID; the later one is skipped
	CodeUnknownType = "unknown-type"   // warning: a TY without a CSL type, imported as document
	CodeUnmapped    = "unmapped-field" // warning: a tag without a CSL variable, kept in extra
	CodeRepeated    = "duplicate-field"
	CodeBadDate     = "bad-date"      // warning: a date cite cannot read, kept in extra
	CodeKept        = "kept-original" // warning: a value converted, its original kept in extra
	CodeNoEnd       = "no-end"        // warning: a record not closed with ER
	CodeNotImported = "not-imported"  // warning: text outside records
)

// ReadOptions controls DecodeWith.
type ReadOptions struct {
	// Encoding is the encoding data was decoded from, named in messages
	// about invalid bytes; the zero value is UTF-8.
	Encoding charset.Encoding
	// FixText replaces control characters and invalid bytes and reports
	// each as a warning; without it each is an error and its record is
	// skipped.
	FixText bool
}

// Decode reads a RIS file with its encoding detected (charset.Detect) and
// the default options. See DecodeWith.
func Decode(name string, data []byte) (*bib.Library, []bib.Diagnostic, error) {
	text, det := charset.ToUTF8(data)
	res, err := DecodeWith(name, text, ReadOptions{Encoding: det.Encoding})
	if err != nil {
		return nil, nil, err
	}
	return res.Library, res.Diagnostics, nil
}

// SyntaxError is a file that is not RIS at all: no line of it is a TY tag.
type SyntaxError struct {
	Pos bib.Pos
	Msg string
}

// Error returns "file:line:col: message".
func (e *SyntaxError) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

// tagLine matches "TY  - JOUR": a tag, two spaces (one is accepted), a
// hyphen, and the value after one space.
var tagLine = lazyregexp.New(`^([A-Z][A-Z0-9])  ?-(?: (.*))?$`)

// line is one tag of a record, continuation lines joined.
type line struct {
	tag, value string
	pos        bib.Pos // of the value
	off        int     // byte offset of the line
}

// record is the lines of one record.
type record struct {
	pos   bib.Pos
	start int // byte offsets
	end   int
	lines []line
	ended bool
}

// DecodeWith reads a RIS file (as UTF-8, after charset.Decode) into a
// library, tolerantly: a record that cannot be imported as it is is
// skipped and named in Skipped with an Error diagnostic saying what to
// fix; the others are imported. The error is a *SyntaxError when the file
// has no TY line at all.
func DecodeWith(name string, data []byte, opts ReadOptions) (*bib.Import, error) {
	d := &decoder{file: name}
	if opts.FixText {
		var probs []charset.Problem
		data, probs = charset.Fix(data, opts.Encoding)
		for _, pr := range probs {
			d.warn(bib.Pos{File: name, Line: pr.Line, Col: pr.Col}, "", "", CodeFixedText, pr.What+": replaced (--fix-text)")
		}
	}
	records := d.split(string(data))
	if len(records) == 0 {
		return nil, &SyntaxError{Pos: bib.Pos{File: name, Line: 1, Col: 1}, Msg: `no record: a RIS file is records of "TAG  - value" lines, each starting with "TY  - " and ending with "ER  - "`}
	}
	var probs []charset.Problem
	if !opts.FixText {
		probs = charset.Scan(data, opts.Encoding)
	}
	res := &bib.Import{Encoding: opts.Encoding.String()}
	lib := &bib.Library{Files: []string{name}}
	ids := map[string]bib.Pos{}
	var generated []*bib.Entry
	for n, r := range records {
		before := len(d.diags)
		e := d.record(r, n+1)
		var here []charset.Problem
		here, probs = charset.Within(probs, r.start, r.end)
		for _, pr := range here {
			d.fail(bib.Pos{File: name, Line: pr.Line, Col: pr.Col}, e.ID, tagAt(r, pr.Offset), CodeBadText, fmt.Sprintf("the record holds %s; a library cannot store it: remove it, or import with --fix-text to replace it", pr.What))
		}
		if e.ID != "" {
			if first, dup := ids[e.ID]; dup {
				d.fail(e.PosOf("id"), e.ID, "id", CodeDuplicateID, fmt.Sprintf("ID %q is already used at %s; give this record an ID of its own to import it", e.ID, first))
			}
		}
		if bib.MarkSkipped(d.diags[before:], "the record is skipped") {
			ref := e.ID
			if ref == "" {
				ref = fmt.Sprintf("#%d", n+1)
			}
			res.Skipped = append(res.Skipped, bib.Skip{Ref: ref, Pos: r.pos})
			continue
		}
		if e.ID == "" {
			generated = append(generated, e)
		} else {
			ids[e.ID] = e.PosOf("id")
		}
		lib.Entries = append(lib.Entries, e)
	}
	for _, e := range generated {
		e.ID = newID(e, ids)
		ids[e.ID] = e.Pos
	}
	bib.SortDiagnostics(d.diags)
	res.Library, res.Diagnostics = lib, d.diags
	return res, nil
}

func tagAt(r record, off int) string {
	tag := ""
	for _, l := range r.lines {
		if l.off <= off {
			tag = l.tag
		}
	}
	return tag
}

type decoder struct {
	file  string
	diags []bib.Diagnostic
}

func (d *decoder) warn(p bib.Pos, ref, field, code, msg string) {
	d.diags = append(d.diags, bib.Diagnostic{Pos: p, Severity: bib.Warning, Code: code, Ref: ref, Field: field, Message: msg})
}

func (d *decoder) fail(p bib.Pos, ref, field, code, msg string) {
	d.diags = append(d.diags, bib.Diagnostic{Pos: p, Severity: bib.Error, Code: code, Ref: ref, Field: field, Message: msg})
}

// split cuts the text into records. A line that is not a tag continues
// the value before it; text outside records is reported.
func (d *decoder) split(src string) []record {
	var out []record
	var cur *record
	off := 0
	lineNo := 0
	for off < len(src) {
		end := strings.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			next = off + end + 1
		} else {
			end = len(src) - off
		}
		text := strings.TrimRight(src[off:off+end], "\r")
		lineNo++
		if lineNo == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		m := tagLine().FindStringSubmatch(strings.TrimLeft(text, " \t"))
		pos := bib.Pos{File: d.file, Line: lineNo, Col: 1}
		switch {
		case m != nil && m[1] == "TY":
			if cur != nil {
				d.warn(cur.pos, "", "", CodeNoEnd, fmt.Sprintf("the record is not closed with \"ER  - \" before the next TY on line %d; it ends there", lineNo))
				cur.end = off
				out = append(out, *cur)
			}
			cur = &record{pos: pos, start: off}
			cur.lines = append(cur.lines, line{tag: "TY", value: strings.TrimSpace(m[2]), pos: bib.Pos{File: d.file, Line: lineNo, Col: 7}, off: off})
		case m != nil && m[1] == "ER":
			if cur == nil {
				d.warn(pos, "", "", CodeSyntax, "ER without a record before it; ignored")
				break
			}
			cur.ended, cur.end = true, next
			out = append(out, *cur)
			cur = nil
		case m != nil && cur != nil:
			cur.lines = append(cur.lines, line{tag: m[1], value: strings.TrimRight(m[2], " \t"), pos: bib.Pos{File: d.file, Line: lineNo, Col: 7}, off: off})
		case cur != nil && strings.TrimSpace(text) != "" && len(cur.lines) > 0:
			// A continuation line of the value before.
			l := &cur.lines[len(cur.lines)-1]
			if multiline[l.tag] {
				l.value += "\n" + strings.TrimSpace(text)
			} else {
				l.value += " " + strings.TrimSpace(text)
			}
		case m != nil:
			d.warn(pos, "", m[1], CodeSyntax, fmt.Sprintf("tag %s outside a record (before any \"TY  - \"); ignored", m[1]))
		case strings.TrimSpace(text) != "":
			d.warn(pos, "", "", CodeNotImported, fmt.Sprintf("text outside records is not imported: %q", clip(text)))
		}
		off = next
	}
	if cur != nil {
		d.warn(cur.pos, "", "", CodeNoEnd, `the last record is not closed with "ER  - "; it ends with the file`)
		cur.end = len(src)
		out = append(out, *cur)
	}
	return out
}

// multiline are the tags whose continuation lines keep their line breaks.
var multiline = map[string]bool{"AB": true, "N1": true, "N2": true}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// record maps one record onto an entry.
func (d *decoder) record(r record, n int) *bib.Entry {
	ty := r.lines[0].value
	typ, known := cslType(ty)
	e := bib.NewEntry("", typ)
	e.Pos = r.pos
	e.SetPos("type", r.lines[0].pos)
	e.Extra = map[string]string{}
	if !known {
		typ = "document"
		e.Type = typ
		e.Extra["TY"] = ty
		d.warn(r.lines[0].pos, "", "type", CodeUnknownType, fmt.Sprintf("TY %q has no CSL type; imported as document, the TY is kept in extra", ty))
	} else if risType(typ) != ty {
		e.Extra["TY"] = ty
	}
	hasC3 := false
	for _, l := range r.lines {
		hasC3 = hasC3 || (l.tag == "C3" && typ == "paper-conference")
	}
	var dates []line
	var start, end *line
	seen := map[string]bool{} // variables set
	for i := range r.lines[1:] {
		l := r.lines[i+1]
		if l.value == "" {
			continue
		}
		if hasC3 && (l.tag == "T2" || l.tag == "C3") {
			v := "event-title"
			if l.tag == "C3" {
				v = "container-title"
			}
			d.text(e, l, v, seen)
			continue
		}
		rows := readRows(l.tag, typ)
		if len(rows) == 0 {
			d.extra(e, l, fmt.Sprintf("tag %s has no CSL variable; kept in extra", l.tag))
			continue
		}
		row := rows[0]
		switch row.kind {
		case kID:
			e.ID = l.value
			e.SetPos("id", l.pos)
		case kNames:
			if name, ok := parseName(l.value); ok {
				name.Pos = l.pos
				e.AddName(row.csl, name)
				e.SetPos(row.csl, l.pos)
			}
		case kDate:
			dates = append(dates, l)
		case kStart:
			c := l
			start = &c
		case kEnd:
			c := l
			end = &c
		case kSerial:
			d.serial(e, l, typ)
		case kKeyword:
			d.appendList(e, l, "keyword", ", ")
		case kNote:
			d.appendList(e, l, "note", "\n\n")
		case kLanguage:
			if tag, ok := languageTag(l.value); ok && !seen["language"] {
				e.Set("language", tag)
				e.SetPos("language", l.pos)
				seen["language"] = true
				if tag != l.value {
					e.Extra[l.tag] = l.value
					d.warn(l.pos, "", l.tag, CodeKept, fmt.Sprintf("LA %q is read as the language tag %s; the original is kept in extra", l.value, tag))
				}
			} else {
				d.extra(e, l, fmt.Sprintf("LA %q is not a language cite knows; kept in extra", l.value))
			}
		default:
			// The first row whose variable is still free.
			done := false
			for _, rw := range rows {
				if !seen[rw.csl] && e.Get(rw.csl) == "" {
					d.text(e, l, rw.csl, seen)
					done = true
					break
				}
			}
			if !done {
				d.extra(e, l, fmt.Sprintf("tag %s repeats %s, which holds one value; kept in extra", l.tag, row.csl))
			}
		}
	}
	d.pages(e, start, end, typ)
	d.dates(e, dates)
	if len(e.Extra) == 0 {
		e.Extra = nil
	}
	return e
}

func (d *decoder) text(e *bib.Entry, l line, v string, seen map[string]bool) {
	if seen[v] {
		d.extra(e, l, fmt.Sprintf("tag %s repeats %s, which holds one value; kept in extra", l.tag, v))
		return
	}
	seen[v] = true
	e.Set(v, l.value)
	e.SetPos(v, l.pos)
}

// extra keeps a tag's value in Extra under the tag, or TAG-2, TAG-3 when
// the tag is there already, and says why.
func (d *decoder) extra(e *bib.Entry, l line, why string) {
	key := l.tag
	for n := 2; ; n++ {
		if _, taken := e.Extra[key]; !taken {
			break
		}
		key = l.tag + "-" + strconv.Itoa(n)
	}
	e.Extra[key] = l.value
	code := CodeUnmapped
	if strings.Contains(why, "repeats") {
		code = CodeRepeated
	}
	d.warn(l.pos, e.ID, l.tag, code, why)
}

func (d *decoder) appendList(e *bib.Entry, l line, v, sep string) {
	if old := e.Get(v); old != "" {
		e.Set(v, old+sep+l.value)
		return
	}
	e.Set(v, l.value)
	e.SetPos(v, l.pos)
}

// parseName reads "Family, Given[, Suffix]"; a name without a comma is an
// institution.
func parseName(s string) (bib.Name, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return bib.Name{}, false
	}
	parts := strings.Split(s, ",")
	if len(parts) == 1 {
		return bib.Name{Literal: s}, true
	}
	n := bib.Name{Family: strings.TrimSpace(parts[0]), Given: strings.TrimSpace(parts[1])}
	if len(parts) > 2 {
		n.Suffix = strings.TrimSpace(strings.Join(parts[2:], ","))
	}
	return n, true
}

// issn matches an ISSN's form: NNNN-NNNC.
var issn = lazyregexp.New(`^\d{4}-?\d{3}[\dXx]$`)

// serial reads SN: ISSNs and ISBNs told apart by their form, several in
// one value or in repeated tags; for a report or a patent, a value of
// neither form is its number.
func (d *decoder) serial(e *bib.Entry, l line, typ string) {
	var parts []string
	for _, part := range strings.FieldsFunc(l.value, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		// "1234-5679 978-3-16-148410-0": identifiers apart by spaces.
		words := strings.Fields(part)
		all := len(words) > 1
		for _, w := range words {
			all = all && (issn().MatchString(w) || looksISBN(w))
		}
		if all {
			parts = append(parts, words...)
		} else {
			parts = append(parts, part)
		}
	}
	for _, part := range parts {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		bare := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(part, "ISSN"), "ISBN"))
		switch {
		case issn().MatchString(bare):
			d.appendList(e, line{l.tag, part, l.pos, l.off}, "ISSN", "; ")
		case !looksISBN(bare) && isNumbered(typ) && e.Get("number") == "":
			e.Set("number", part)
			e.SetPos("number", l.pos)
		default:
			d.appendList(e, line{l.tag, part, l.pos, l.off}, "ISBN", "; ")
		}
	}
}

func isNumbered(typ string) bool {
	for _, t := range numbered {
		if t == typ {
			return true
		}
	}
	return false
}

// looksISBN reports whether s has 10 or 13 digits (X last), hyphens and
// spaces aside.
func looksISBN(s string) bool {
	n := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n++
		case (r == 'X' || r == 'x') && i == len(s)-1:
			n++
		case r == '-' || r == ' ':
		default:
			return false
		}
	}
	return n == 10 || n == 13
}

// pages joins SP and EP into one range ("100–120"); SP alone on a whole
// work (a book, a thesis) is its number of pages, as Zotero writes it.
func (d *decoder) pages(e *bib.Entry, start, end *line, typ string) {
	switch {
	case start != nil && end != nil:
		e.Set("page", start.value+"–"+end.value)
		e.SetPos("page", start.pos)
	case start != nil:
		v := "page"
		for _, t := range wholes {
			if t == typ {
				v = "number-of-pages"
			}
		}
		e.Set(v, start.value)
		e.SetPos(v, start.pos)
	case end != nil:
		e.Set("page", end.value)
		e.SetPos("page", end.pos)
	}
}

// risDate reads a RIS date: YYYY, YYYY///, YYYY/MM/DD/other, an ISO or
// EDTF date. other is what follows the third slash (a season, a time).
func risDate(s string) (bib.Date, string, bool) {
	s = strings.TrimSpace(s)
	if d, err := bib.ParseDate(s); err == nil {
		// A date no calendar has (a month 13, 30 February) is not read:
		// neither EDTF nor CSL-JSON can express it.
		return d, "", d.CheckCalendar() == nil
	}
	parts := strings.SplitN(s, "/", 4)
	if len(parts) < 2 {
		return bib.Date{}, "", false
	}
	var nums [3]int
	for i := 0; i < 3 && i < len(parts); i++ {
		p := strings.TrimSpace(parts[i])
		if p == "" {
			continue
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return bib.Date{}, "", false
		}
		nums[i] = n
	}
	other := ""
	if len(parts) == 4 {
		other = strings.TrimSpace(parts[3])
	}
	d := bib.Date{Start: bib.DatePart{Year: nums[0], Month: nums[1], Day: nums[2]}}
	if nums[0] == 0 || nums[1] > 12 || d.CheckCalendar() != nil {
		return bib.Date{}, "", false
	}
	return d, other, true
}

// canonicalDate is how Encode writes a date in PY/DA: "YYYY///",
// "YYYY/MM//", "YYYY/MM/DD/"; an EDTF string for a date RIS's form cannot
// hold (a range, a season, an uncertain date).
func canonicalDate(d bib.Date) (string, bool) {
	if d.Literal != "" || d.Range || d.Season != 0 || d.Approximate || d.Uncertain || d.Start.Year <= 0 {
		return d.String(), false
	}
	p := d.Start
	m, day := "", ""
	if p.Month != 0 {
		m = fmt.Sprintf("%02d", p.Month)
	}
	if p.Day != 0 {
		day = fmt.Sprintf("%02d", p.Day)
	}
	return fmt.Sprintf("%04d/%s/%s/", p.Year, m, day), true
}

// dates reads PY, Y1, DA (issued) and Y2 (accessed). Of the issued dates
// that agree on the year, the most precise wins; one that disagrees, and
// any date whose text says more than the date (a time), is kept in extra.
func (d *decoder) dates(e *bib.Entry, lines []line) {
	var best *bib.Date
	var bestLine line
	for _, l := range lines {
		dt, other, ok := risDate(l.value)
		if !ok {
			if l.tag == "Y2" || best != nil {
				d.extra(e, l, fmt.Sprintf("%s %q is not a date cite can read; kept in extra", l.tag, l.value))
				continue
			}
			dt = bib.Date{Literal: l.value}
			d.warn(l.pos, e.ID, l.tag, CodeBadDate, fmt.Sprintf("%s %q is not a date cite can read; kept as a literal date", l.tag, l.value))
		}
		dt.Pos = l.pos
		if other != "" {
			// A time or a season after the date: the date is read, the
			// text is kept.
			e.Extra[l.tag] = l.value
			d.warn(l.pos, e.ID, l.tag, CodeKept, fmt.Sprintf("%s %q is read as %s; the original is kept in extra", l.tag, l.value, dt))
		}
		if l.tag == "Y2" {
			e.SetDate("accessed", dt)
			e.SetPos("accessed", l.pos)
			continue
		}
		switch {
		case best == nil:
			c := dt
			best, bestLine = &c, l
		case dt.Start.Year == best.Start.Year && precision(dt) > precision(*best):
			c := dt
			best, bestLine = &c, l
		case dt.Start.Year == best.Start.Year:
			// a less precise form of the same date
		default:
			d.extra(e, l, fmt.Sprintf("%s %q does not agree with %s %q; kept in extra", l.tag, l.value, bestLine.tag, bestLine.value))
		}
	}
	if best != nil {
		e.SetDate("issued", *best)
		e.SetPos("issued", bestLine.pos)
	}
}

func precision(d bib.Date) int {
	switch {
	case d.Start.Day != 0:
		return 3
	case d.Start.Month != 0 || d.Season != 0:
		return 2
	case d.Range:
		return 2
	}
	return 1
}

// newID makes an id for a record without ID: the first author's family
// name (or the title's first word) and the year, lower case, with a
// letter added when taken (smith2012, smith2012a).
func newID(e *bib.Entry, taken map[string]bib.Pos) string {
	base := ""
	for _, role := range []string{"author", "editor"} {
		if ns := e.Names(role); len(ns) > 0 {
			base = ns[0].Family
			if base == "" {
				base = ns[0].Literal
			}
			break
		}
	}
	if base == "" {
		if words := strings.Fields(e.Get("title")); len(words) > 0 {
			base = words[0]
		}
	}
	var b strings.Builder
	for _, r := range base {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	id := b.String()
	if id == "" {
		id = "ris"
	}
	if y := e.Year(); y != 0 {
		id += strconv.Itoa(y)
	}
	if _, dup := taken[id]; !dup {
		return id
	}
	for _, s := range suffixes() {
		if _, dup := taken[id+s]; !dup {
			return id + s
		}
	}
	return id
}

// suffixes are a, b, …, z, aa, ab, …
func suffixes() []string {
	var out []string
	for c := 'a'; c <= 'z'; c++ {
		out = append(out, string(c))
	}
	for _, a := range out[:26] {
		for c := 'a'; c <= 'z'; c++ {
			out = append(out, a+string(c))
		}
	}
	return out
}

// languageTag reads LA: a language name ("English", "russian") or a BCP 47
// tag, through the BibTeX importer's table of names.
func languageTag(s string) (string, bool) { return bibtex.LanguageTag(s) }
