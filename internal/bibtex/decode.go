package bibtex

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	nbib "github.com/nickng/bibtex"
)

// Diagnostic codes of Decode.
const (
	CodeUndefinedMacro = "undefined-macro"  // error: a value uses a macro no @string defines
	CodeDuplicateField = "duplicate-field"  // error: a field appears twice in one entry
	CodeDuplicateKey   = "duplicate-key"    // error: two entries share a key
	CodeUnmapped       = "unmapped-field"   // warning: a field without a CSL variable, kept in extra
	CodeKeptLaTeX      = "kept-latex"       // warning: LaTeX without an exact Unicode form, kept in extra
	CodeNotImported    = "not-imported"     // warning: @preamble, @comment or free text
	CodeBadDate        = "bad-date"         // warning: a date that does not parse, kept in extra
	CodeCrossref       = "missing-crossref" // warning: crossref names no entry of the file
	CodeUnknownType    = "unknown-type"     // warning: an entry type without a CSL type
	CodeRedefinedMacro = "redefined-macro"  // warning: @string defines a name again
)

// Decode reads a BibTeX or BibLaTeX file into a library; name is used in
// positions. The error is an ErrorList when the file is not BibTeX; every
// other problem is a diagnostic: an undefined macro, a duplicate field or a
// duplicate key is an error, and nothing is dropped without a warning.
//
// Each field maps onto the CSL variable the field table gives; a field
// without one is kept verbatim in the entry's Extra under its own name. A
// mapped field whose LaTeX has no exact Unicode form (math, \emph, a
// command cite does not know, braces that protect a capital) is converted
// as well as it can be, and its LaTeX is kept in Extra under the field's
// name too, so that Encode can write it back as it was.
func Decode(name string, data []byte) (*bib.Library, []bib.Diagnostic, error) {
	f, err := Parse(name, data)
	if err != nil {
		return nil, nil, err
	}
	d := &decoder{file: name, strs: nbib.NewBibTex()}
	for _, m := range months {
		d.strs.AddStringVar(m[:3], nbib.NewBibConst(strings.ToUpper(m[:1])+m[1:]))
	}
	var raws []*expEntry
	for _, it := range f.Items {
		switch it.Kind {
		case StringItem:
			if _, ok := d.strs.StringVar[it.Field.Name]; ok && !d.monthMacro(it.Field.Name) {
				d.warn(it.Pos, "", "", CodeRedefinedMacro, fmt.Sprintf("@string %s is defined again; the new value is used from here on", it.Field.Name))
			}
			if s, ok := d.expand(it.Field.Value, "", "@string "+it.Field.Name); ok {
				d.strs.AddStringVar(it.Field.Name, nbib.NewBibConst(s))
				d.defined = append(d.defined, it.Field.Name)
			}
		case PreambleItem:
			s, _ := d.expand(it.Value, "", "@preamble")
			d.warn(it.Pos, "", "", CodeNotImported, fmt.Sprintf("@preamble is not imported (a cite library has no place for LaTeX macros): %s", clip(s)))
		case CommentItem, TextItem:
			if strings.TrimSpace(it.Text) != "" {
				d.warn(it.Pos, "", "", CodeNotImported, fmt.Sprintf("comment is not imported: %s", clip(it.Text)))
			}
		case EntryItem:
			raws = append(raws, d.expandEntry(it.Entry))
		}
	}
	d.inherit(raws)
	lib := &bib.Library{Files: []string{name}}
	keys := map[string]bib.Pos{}
	for _, r := range raws {
		e := d.entry(r)
		if first, dup := keys[strings.ToLower(e.ID)]; dup {
			d.fail(r.pos, e.ID, "id", CodeDuplicateKey, fmt.Sprintf("key %q is already used at %s (BibTeX keys are compared ignoring case)", e.ID, first))
		} else {
			keys[strings.ToLower(e.ID)] = r.pos
		}
		lib.Entries = append(lib.Entries, e)
	}
	bib.SortDiagnostics(d.diags)
	return lib, d.diags, nil
}

// monthMacro reports whether name is a predefined month macro not yet
// redefined by the file.
func (d *decoder) monthMacro(name string) bool {
	for _, m := range d.defined {
		if m == name {
			return false
		}
	}
	for _, m := range months {
		if m[:3] == name {
			return true
		}
	}
	return false
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 70 {
		return string(r[:69]) + "…"
	}
	return s
}

type decoder struct {
	file    string
	strs    *nbib.BibTex // @string definitions, in nickng/bibtex's model
	defined []string
	diags   []bib.Diagnostic
}

func (d *decoder) warn(p bib.Pos, ref, field, code, msg string) {
	d.diags = append(d.diags, bib.Diagnostic{Pos: p, Severity: bib.Warning, Code: code, Ref: ref, Field: field, Message: msg})
}

func (d *decoder) fail(p bib.Pos, ref, field, code, msg string) {
	d.diags = append(d.diags, bib.Diagnostic{Pos: p, Severity: bib.Error, Code: code, Ref: ref, Field: field, Message: msg})
}

// expEntry is an entry whose values have been expanded.
type expEntry struct {
	typ, key string
	pos      bib.Pos
	fields   []expField
}

type expField struct {
	name      string
	raw       string // LaTeX, after @string expansion and concatenation
	pos       bib.Pos
	inherited bool
	keepAs    string // Extra key for the LaTeX of a lossy value; name if empty
}

func (r *expEntry) get(name string) (expField, bool) {
	for _, f := range r.fields {
		if f.name == name {
			return f, true
		}
	}
	return expField{}, false
}

// expand resolves macros and "#" concatenation through nickng/bibtex's
// value model (BibConst, BibVar, BibComposite). An undefined macro is an
// error naming the field, never a call into the library's log.Fatalf.
func (d *decoder) expand(v Value, ref, field string) (string, bool) {
	var parts []nbib.BibString
	for _, p := range v {
		if p.Kind != Macro {
			parts = append(parts, nbib.NewBibConst(p.Text))
			continue
		}
		sv, ok := d.strs.StringVar[p.Text]
		if !ok {
			d.fail(p.Pos, ref, field, CodeUndefinedMacro, fmt.Sprintf("macro %q is not defined; define it with @string{%s = {…}} before this entry, or write the value in braces", p.Text, p.Text))
			return "", false
		}
		parts = append(parts, sv)
	}
	if len(parts) == 0 {
		return "", true
	}
	if len(parts) == 1 {
		return parts[0].String(), true
	}
	c := nbib.NewBibComposite(parts[0])
	for _, p := range parts[1:] {
		c = c.Append(p)
	}
	return c.String(), true
}

func (d *decoder) expandEntry(r *RawEntry) *expEntry {
	e := &expEntry{typ: r.Type, key: r.Key, pos: r.Pos}
	for _, f := range r.Fields {
		s, ok := d.expand(f.Value, r.Key, f.Name)
		if !ok {
			continue
		}
		e.fields = append(e.fields, expField{name: f.Name, raw: s, pos: f.Pos})
	}
	return e
}

// inherit copies fields from crossref parents into children that lack
// them, with biblatex's rules (see titleInheritance).
func (d *decoder) inherit(raws []*expEntry) {
	byKey := map[string]*expEntry{}
	for _, r := range raws {
		if _, dup := byKey[strings.ToLower(r.key)]; !dup {
			byKey[strings.ToLower(r.key)] = r
		}
	}
	for _, r := range raws {
		cf, ok := r.get("crossref")
		if !ok {
			continue
		}
		parent, ok := byKey[strings.ToLower(strings.TrimSpace(cf.raw))]
		if !ok {
			d.warn(cf.pos, r.key, "crossref", CodeCrossref, fmt.Sprintf("crossref %q names no entry of this file; nothing is inherited", cf.raw))
			continue
		}
		have := map[string]bool{}
		for _, f := range r.fields {
			have[f.name] = true
		}
		rules := titleInheritance(parent.typ, r.typ)
		for _, pf := range parent.fields {
			if noInherit[pf.name] {
				continue
			}
			targets := []string{pf.name}
			if t, ok := rules[pf.name]; ok {
				targets = t
			}
			for _, t := range targets {
				if have[t] {
					continue
				}
				have[t] = true
				nf := pf
				nf.name, nf.inherited = t, true
				r.fields = append(r.fields, nf)
			}
		}
	}
}

// entry maps one expanded entry onto the model.
func (d *decoder) entry(r *expEntry) *bib.Entry {
	e := bib.NewEntry(r.key, "")
	e.Pos = r.pos
	e.FieldPos = map[string]bib.Pos{"id": r.pos, "type": r.pos}
	e.Extra = map[string]string{}
	info, known := bibTypes[r.typ]
	if !known {
		info.csl, info.g = "document", gOther
		d.warn(r.pos, r.key, "type", CodeUnknownType, fmt.Sprintf("entry type @%s has no CSL type; imported as document, the entry type is kept in extra", r.typ))
	}
	// One value per field: a repeated field is an error, not an overwrite.
	seen := map[string]bib.Pos{}
	var list []expField
	for _, f := range r.fields {
		if p, dup := seen[f.name]; dup {
			d.fail(f.pos, r.key, f.name, CodeDuplicateField, fmt.Sprintf("field %s appears twice in this entry (first at line %d); remove one", f.name, p.Line))
			continue
		}
		seen[f.name] = f.pos
		list = append(list, f)
	}
	r.fields = list
	sub, hasSub := r.get("entrysubtype")
	e.Type = readType(r.typ, strings.TrimSpace(decodeLaTeX(sub.raw).text))
	if hasSub && e.Type == info.csl {
		d.keep(e, sub, CodeUnmapped, "has no CSL variable")
	}
	d.dropGeneratedHowpublished(r)
	// For each variable, the first row of the table whose field is present.
	owner := map[string]string{} // .bib field → CSL variable
	taken := map[string]bool{}
	for _, row := range fields {
		if !row.applies(info.g) || taken[row.csl] {
			continue
		}
		if _, ok := r.get(row.bib); ok && owner[row.bib] == "" {
			owner[row.bib] = row.csl
			taken[row.csl] = true
		}
	}
	var altNames []expField
	for _, f := range r.fields {
		switch f.name {
		case "entrysubtype", "year", "month":
			continue
		case "crossref":
			e.Extra[f.name] = f.raw
			continue
		case "ids":
			// biblatex's other keys of the entry: cite's aliases.
			for _, a := range strings.Split(decodeLaTeX(f.raw).text, ",") {
				e.AddAlias(strings.TrimSpace(a))
			}
			continue
		}
		if v, ok := owner[f.name]; ok {
			row, _ := readRow(f.name, info.g)
			// LaTeX kept for a lossy value goes under the name BibLaTeX
			// writes the variable with, whichever alias it was read from,
			// so that a round trip through either dialect keeps it.
			if canon, ok := writeRow(v, info.g, BibLaTeX); ok {
				f.keepAs = canon.bib
			}
			d.value(e, f, v, row.kind)
			continue
		}
		if v, ok := genericVar(f.name); ok && !taken[v] {
			base, form := bib.SplitForm(v)
			switch kind := bib.VariableKind(base); {
			case kind == bib.NameList && form != "":
				altNames = append(altNames, f)
			case kind == bib.NameList:
				d.value(e, f, v, kNames)
			case kind == bib.DateKind:
				d.genericDate(e, f, v)
			default:
				d.value(e, f, v, genericKind(v, info.g))
			}
			taken[v] = true
			continue
		}
		d.keep(e, f, CodeUnmapped, "has no CSL variable")
	}
	for _, f := range altNames {
		d.altNames(e, f)
	}
	d.yearMonth(e, r)
	joinSubtitles(e)
	if bt := entryType(e, BibLaTeX); r.typ != bt {
		e.Extra["@type"] = r.typ
	}
	if len(e.Extra) == 0 {
		e.Extra = nil
	}
	return e
}

// subtitles pairs a CSL title variable with the BibLaTeX fields that hold
// its subtitle. CSL has no subtitle variable, so styles print only what the
// title holds: the import joins "Title: Subtitle" into the title and keeps
// the subtitle field in Extra, from which the export splits it off again.
var subtitles = []struct{ title, extra string }{
	{"title", "subtitle"},
	{"container-title", "booksubtitle"},
	{"container-title", "journalsubtitle"},
	{"volume-title", "mainsubtitle"},
}

// joinSubtitles appends each kept subtitle to its title.
func joinSubtitles(e *bib.Entry) {
	for _, st := range subtitles {
		title, raw := e.Get(st.title), e.Extra[st.extra]
		if title == "" || raw == "" {
			continue
		}
		if sub := strings.TrimSpace(decodeLaTeX(raw).text); sub != "" {
			e.Set(st.title, title+subtitleSeparator(title)+sub)
		}
	}
}

// subtitleSeparator is ": ", or a space after a title that ends with its
// own punctuation ("Why?", "Now!").
func subtitleSeparator(title string) string {
	if strings.HasSuffix(title, "?") || strings.HasSuffix(title, "!") || strings.HasSuffix(title, ":") {
		return " "
	}
	return ": "
}

// splitSubtitle undoes joinSubtitles for one variable: the title without
// the subtitle that Extra keeps, when the title still ends with it.
func splitSubtitle(e *bib.Entry, variable, title string) string {
	for _, st := range subtitles {
		raw := e.Extra[st.extra]
		if st.title != variable || raw == "" {
			continue
		}
		sub := strings.TrimSpace(decodeLaTeX(raw).text)
		if sub == "" {
			continue
		}
		for _, sep := range []string{": ", " "} {
			if head, ok := strings.CutSuffix(title, sep+sub); ok && head != "" && subtitleSeparator(head) == sep {
				return head
			}
		}
	}
	return title
}

// keep stores a field verbatim in Extra and says why.
func (d *decoder) keep(e *bib.Entry, f expField, code, why string) {
	key := f.name
	if code == CodeKeptLaTeX && f.keepAs != "" {
		key = f.keepAs
	}
	e.Extra[key] = f.raw
	what := "field " + f.name
	if f.inherited {
		what += " (inherited through crossref)"
	}
	d.warn(f.pos, e.ID, f.name, code, fmt.Sprintf("%s %s; kept verbatim in extra", what, why))
}

// dropGeneratedHowpublished removes howpublished = {\url{…}} that only
// repeats the url field (Encode writes it for BibTeX's @misc), and reads
// the URL from it when there is no url field.
func (d *decoder) dropGeneratedHowpublished(r *expEntry) {
	hp, ok := r.get("howpublished")
	if !ok {
		return
	}
	inner, isURL := strings.CutPrefix(strings.TrimSpace(hp.raw), `\url{`)
	if !isURL || !strings.HasSuffix(inner, "}") || strings.Count(inner, "{") != strings.Count(inner, "}")-1 {
		return
	}
	inner = strings.TrimSuffix(inner, "}")
	u, hasURL := r.get("url")
	if hasURL && u.raw != inner {
		return
	}
	var out []expField
	for _, f := range r.fields {
		if f.name == "howpublished" {
			if !hasURL {
				f.name, f.raw = "url", inner
				out = append(out, f)
			}
			continue
		}
		out = append(out, f)
	}
	r.fields = out
}

// value decodes a field into variable v.
func (d *decoder) value(e *bib.Entry, f expField, v string, k kind) {
	e.FieldPos[v] = f.pos
	switch k {
	case kVerbatim:
		if f.raw == "" {
			d.keep(e, f, CodeUnmapped, "is empty")
			return
		}
		e.Set(v, f.raw)
	case kNames:
		nl := parseNames(f.raw)
		if len(nl.names) == 0 {
			d.keep(e, f, CodeUnmapped, "holds no name")
			return
		}
		for i := range nl.names {
			nl.names[i].Pos = f.pos
		}
		e.Names[v] = nl.names
		if len(nl.lossy) > 0 {
			d.keep(e, f, CodeKeptLaTeX, "has "+strings.Join(uniq(nl.lossy), ", ")+", which cite's names cannot hold exactly")
		}
	case kDate:
		date, err := bib.ParseDate(f.raw)
		if err != nil {
			d.keep(e, f, CodeBadDate, "is not a date cite can read ("+err.Error()+")")
			return
		}
		date.Pos = f.pos
		e.SetDate(v, date)
	case kLang:
		t := decodeLaTeX(f.raw)
		tag, ok := languageTag(t.text)
		if !ok || len(t.lossy) > 0 {
			d.keep(e, f, CodeUnmapped, fmt.Sprintf("%q is not a language name cite knows", t.text))
			return
		}
		e.Set(v, tag)
	default:
		t := decodeLaTeX(f.raw)
		lossy := t.lossy
		if k == kTitle && protectionLost(t) {
			lossy = append(lossy, "braces that protect capitals")
		}
		if k == kList && hasTopLevelAnd(f.raw) {
			lossy = append(lossy, "a list of several items")
		}
		if t.text == "" {
			d.keep(e, f, CodeUnmapped, "is empty")
			return
		}
		e.Set(v, t.text)
		if len(lossy) > 0 {
			d.keep(e, f, CodeKeptLaTeX, "has "+strings.Join(uniq(lossy), ", ")+", which plain text cannot hold exactly")
		}
	}
}

func uniq(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// hasTopLevelAnd reports whether a literal list holds several items.
func hasTopLevelAnd(raw string) bool { return len(splitAnd(raw)) > 1 }

// genericDate reads a date variable written under its CSL name: an EDTF
// date, or else a literal date such as "n.d.".
func (d *decoder) genericDate(e *bib.Entry, f expField, v string) {
	e.FieldPos[v] = f.pos
	t := decodeLaTeX(f.raw)
	date, err := bib.ParseDate(t.text)
	if err != nil {
		date = bib.Date{Literal: t.text}
	}
	if date.IsZero() || len(t.lossy) > 0 {
		d.keep(e, f, CodeBadDate, "is not a date cite can read")
		return
	}
	date.Pos = f.pos
	e.SetDate(v, date)
}

// altNames reads the romanised or translated forms of a name list
// (author-translit), one name for each name of the list, "{}" for none.
func (d *decoder) altNames(e *bib.Entry, f expField) {
	v, _ := genericVar(f.name)
	role, form := bib.SplitForm(v)
	base := e.Names[role]
	var alts []bib.Name
	lossy := false
	for _, words := range splitAnd(f.raw) {
		n, l := parseName(words)
		lossy = lossy || len(l) > 0
		alts = append(alts, n)
	}
	if len(alts) != len(base) || lossy {
		d.keep(e, f, CodeUnmapped, fmt.Sprintf("does not give one form for each of the %d names of %s", len(base), role))
		return
	}
	for i, n := range alts {
		for _, p := range bib.NameParts {
			if s := n.Part(p); s != "" {
				base[i].SetPart(p+form, s)
			}
		}
	}
	e.FieldPos[v] = f.pos
}

// yearMonth reads year and month into issued when there is no date field,
// and checks them against it when there is. A year or month that says more
// than issued can hold is kept in extra.
func (d *decoder) yearMonth(e *bib.Entry, r *expEntry) {
	yf, hasYear := r.get("year")
	mf, hasMonth := r.get("month")
	issued, hasDate := e.Dates["issued"]
	if hasYear {
		t := decodeLaTeX(yf.raw)
		y, err := strconv.Atoi(strings.TrimSpace(t.text))
		switch {
		case hasDate && err == nil && y == issued.Start.Year && len(t.lossy) == 0:
			// repeats the date field
		case hasDate:
			d.keep(e, yf, CodeUnmapped, "is not the year of the date field")
		case err != nil:
			d.keep(e, yf, CodeBadDate, fmt.Sprintf("%q is not a year", t.text))
		default:
			issued = bib.Date{Start: bib.DatePart{Year: y}, Pos: yf.pos}
			hasDate = true
			e.FieldPos["issued"] = yf.pos
			if len(t.lossy) > 0 {
				d.keep(e, yf, CodeKeptLaTeX, "has "+strings.Join(uniq(t.lossy), ", ")+", which a year cannot hold")
			}
		}
	}
	if hasMonth {
		m, day, exact := parseMonth(mf)
		switch {
		case m == 0:
			d.keep(e, mf, CodeBadDate, "is not a month cite can read")
		case !hasDate || issued.Range || issued.Literal != "":
			d.keep(e, mf, CodeUnmapped, "has no year to go with")
		case hasDate && issued.Start.Month != 0:
			if issued.Start.Month != m || (day != 0 && day != issued.Start.Day) || !exact {
				d.keep(e, mf, CodeUnmapped, "is not the month of the date field")
			}
		default:
			issued.Start.Month, issued.Start.Day = m, day
			if !exact {
				d.keep(e, mf, CodeKeptLaTeX, "is not a plain month")
			}
		}
	}
	if hasDate {
		e.SetDate("issued", issued)
	}
}

// parseMonth reads a month field: a macro (jan), a number, or an English
// month name, optionally with a day ("10~jan"). exact is false when the
// field says more than a month (a day) or holds LaTeX without a plain form.
func parseMonth(f expField) (month, day int, exact bool) {
	t := decodeLaTeX(f.raw)
	s := strings.ToLower(strings.TrimSpace(strings.ReplaceAll(t.text, "\u00a0", " ")))
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 12 {
		return n, 0, len(t.lossy) == 0
	}
	words := strings.Fields(strings.ReplaceAll(s, ".", " "))
	for _, w := range words {
		if n, err := strconv.Atoi(w); err == nil && n >= 1 && n <= 31 && len(words) == 2 {
			day = n
			continue
		}
		for i, m := range months {
			if w == m || (len(w) >= 3 && strings.HasPrefix(m, w)) {
				if month != 0 {
					return 0, 0, false
				}
				month = i + 1
			}
		}
	}
	if month == 0 || (day == 0 && len(words) > 1) {
		return 0, 0, false
	}
	return month, day, day == 0 && len(t.lossy) == 0
}
