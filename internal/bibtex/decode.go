package bibtex

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/charset"
	"github.com/cite-project/cite/internal/lazyregexp"
	nbib "github.com/nickng/bibtex"
)

// Diagnostic codes of Decode.
const (
	CodeSyntax         = "syntax"           // error: the entry is not BibTeX; it is skipped
	CodeUndefinedMacro = "undefined-macro"  // error: a value uses a macro no @string defines; the entry is skipped
	CodeDuplicateField = "duplicate-field"  // warning: a field appears again in one entry; the first value is used, the later ones kept in extra
	CodeJoinedField    = "joined-field"     // warning: a list field (keywords, file) appears again; the values are joined
	CodeDuplicateKey   = "duplicate-key"    // error: two entries share a key; the later one is skipped
	CodeBadText        = "bad-text"         // error: a control character or a byte that is not valid text; the entry is skipped
	CodeFixedText      = "fixed-text"       // warning: with --fix-text, a control character or invalid byte replaced
	CodeUnmapped       = "unmapped-field"   // warning: a field without a CSL variable, kept in extra
	CodeKeptLaTeX      = "kept-latex"       // warning: LaTeX without an exact Unicode form, kept in extra
	CodeNotImported    = "not-imported"     // warning: @preamble, @comment or free text
	CodeBadDate        = "bad-date"         // warning: a date that does not parse, kept in extra
	CodeCrossref       = "missing-crossref" // warning: crossref names no entry of the file
	CodeUnknownType    = "unknown-type"     // warning: an entry type without a CSL type
	CodeRedefinedMacro = "redefined-macro"  // warning: @string defines a name again
	CodeMoved          = "moved-field"      // warning: a value moved to another variable (a URL found in note)
)

// Default bounds of macro expansion (see Limits).
const (
	DefaultMaxValue  = 1 << 20  // 1 MiB for one expanded value
	DefaultMaxMacros = 16 << 20 // 16 MiB produced by macros in the whole file
)

// Limits bound what @string macros may expand to, so that a small file of
// doublings (m2 = m1 # m1, m3 = m2 # m2, …) cannot take unbounded memory.
// Zero fields take the defaults.
type Limits struct {
	// Value is the most bytes one expanded value (of a field or a
	// @string) may hold.
	Value int
	// Macros is the most bytes that macro substitution may produce in the
	// whole file, in @string definitions and field values together.
	Macros int
}

func (l Limits) withDefaults() Limits {
	if l.Value <= 0 {
		l.Value = DefaultMaxValue
	}
	if l.Macros <= 0 {
		l.Macros = DefaultMaxMacros
	}
	return l
}

// LimitError stops a Decode that would expand macros beyond its Limits.
// Its message names the place, the limit and how to raise it.
type LimitError struct {
	Pos   bib.Pos
	What  string // "value" or "macros"
	Limit int
	Msg   string
}

// Error returns "file:line:col: message".
func (e *LimitError) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

// ReadOptions controls DecodeWith.
type ReadOptions struct {
	// Encoding is the encoding data was decoded from (see package
	// charset), named in messages about invalid bytes; the zero value is
	// UTF-8.
	Encoding charset.Encoding
	// FixText replaces control characters and invalid bytes (a space, or
	// U+FFFD) and reports each as a warning; without it each is an error
	// and its entry is skipped.
	FixText bool
	// Limits bounds macro expansion.
	Limits Limits
}

// Decode reads a BibTeX or BibLaTeX file into a library with the default
// options; name is used in positions. The encoding is detected
// (charset.Detect: UTF-8, or Windows-1251, KOI8-R or CP866 for Russian
// text) and the text decoded before DecodeWith reads it. The library holds
// the entries that could be imported; the diagnostics say, among
// everything else, why any other entry was skipped. The error is an
// ErrorList when no entry of the file could be read and it has syntax
// errors, or a *LimitError.
func Decode(name string, data []byte) (*bib.Library, []bib.Diagnostic, error) {
	text, det := charset.ToUTF8(data)
	res, err := DecodeWith(name, text, ReadOptions{Encoding: det.Encoding})
	if err != nil {
		return nil, nil, err
	}
	return res.Library, res.Diagnostics, nil
}

// DecodeWith reads a BibTeX or BibLaTeX file (as UTF-8, after
// charset.Decode) into a library, tolerantly: an entry that cannot be
// imported as it is — broken syntax, an undefined macro, a key used
// before, a control character or invalid byte — is skipped whole and
// named in Skipped with an Error diagnostic that says what is wrong and
// how to fix it, and the other entries are imported. A field that repeats
// in an entry is not a reason to skip it: list fields (keywords, file) are
// joined, and for any other field the first value is used and each later
// one is kept in Extra under a numbered name (title-2), each with a
// warning. Nothing is dropped without a diagnostic.
//
// Each field maps onto the CSL variable the field table gives; a field
// without one is kept verbatim in the entry's Extra under its own name. A
// mapped field whose LaTeX has no exact Unicode form (math, \emph, a
// command cite does not know, braces that protect a capital the export
// would not protect) is converted as well as it can be, and its LaTeX is
// kept in Extra under the field's name too, so that Encode can write it
// back as it was.
//
// The error is a *LimitError when macros expand beyond opts.Limits, and an
// ErrorList when the file has syntax errors and no entry at all could be
// read (it is then most likely not a .bib file).
func DecodeWith(name string, data []byte, opts ReadOptions) (*bib.Import, error) {
	d := &decoder{file: name, strs: nbib.NewBibTex(), limits: opts.Limits.withDefaults(), bad: map[int]bool{}, broken: map[string]bib.Pos{}, cur: -1}
	if opts.FixText {
		var probs []charset.Problem
		data, probs = charset.Fix(data, opts.Encoding)
		for _, pr := range probs {
			d.warn(bib.Pos{File: name, Line: pr.Line, Col: pr.Col}, "", "", CodeFixedText, fmt.Sprintf("%s: replaced with %s (--fix-text)", pr.What, replacement(pr)))
		}
	}
	f, perr := Parse(name, data)
	var syntax ErrorList
	if perr != nil {
		syntax = perr.(ErrorList)
		if len(f.Items) == 0 || !hasEntries(f) {
			return nil, perr
		}
	}
	var probs []charset.Problem
	if !opts.FixText {
		probs = charset.Scan(data, opts.Encoding)
	}
	for _, m := range months {
		d.strs.AddStringVar(m[:3], nbib.NewBibConst(strings.ToUpper(m[:1])+m[1:]))
	}
	res := &bib.Import{Encoding: opts.Encoding.String()}
	for _, se := range syntax {
		ref := se.Key
		if ref == "" {
			ref = "-"
		}
		d.fail(se.Pos, se.Key, se.Field, CodeSyntax, syntaxMessage(se))
		res.Skipped = append(res.Skipped, bib.Skip{Ref: ref, Pos: syntaxStart(se, data, name)})
		probs = dropWithin(probs, se.Start, nextItemStart(f, se.Start))
	}
	var raws []*expEntry
	for _, it := range f.Items {
		var here []charset.Problem
		here, probs = charset.Within(probs, it.Start, it.End)
		switch it.Kind {
		case StringItem:
			if _, ok := d.strs.StringVar[it.Field.Name]; ok && !d.monthMacro(it.Field.Name) {
				d.warn(it.Pos, "", "", CodeRedefinedMacro, fmt.Sprintf("@string %s is defined again; the new value is used from here on", it.Field.Name))
			}
			for _, pr := range here {
				d.fail(d.at(pr), "", "@string "+it.Field.Name, CodeBadText, fmt.Sprintf("@string %s holds %s; remove it, or import with --fix-text to replace it", it.Field.Name, pr.What))
			}
			if len(here) > 0 {
				d.broken[it.Field.Name] = it.Pos
				continue
			}
			s, ok, err := d.expand(it.Field.Value, "", "@string "+it.Field.Name, it.Field.Pos)
			if err != nil {
				return nil, err
			}
			if ok {
				d.strs.AddStringVar(it.Field.Name, nbib.NewBibConst(s))
				d.defined = append(d.defined, it.Field.Name)
				delete(d.broken, it.Field.Name)
			} else {
				d.broken[it.Field.Name] = it.Pos
			}
		case PreambleItem:
			s, _, err := d.expand(it.Value, "", "@preamble", it.Pos)
			if err != nil {
				return nil, err
			}
			d.warn(it.Pos, "", "", CodeNotImported, fmt.Sprintf("@preamble is not imported (a cite library has no place for LaTeX macros): %s", clip(s)))
		case CommentItem, TextItem:
			if strings.TrimSpace(it.Text) != "" {
				d.warn(it.Pos, "", "", CodeNotImported, fmt.Sprintf("comment is not imported: %s", clip(it.Text)))
			}
			for _, pr := range here {
				d.warn(d.at(pr), "", "", CodeBadText, fmt.Sprintf("text outside entries (not imported) holds %s", pr.What))
			}
		case EntryItem:
			idx := len(raws)
			d.cur = idx
			for _, pr := range here {
				field := fieldAt(it.Entry, pr.Offset)
				d.fail(d.at(pr), it.Entry.Key, field, CodeBadText, fmt.Sprintf("%s holds %s; a library cannot store it: remove it, or import with --fix-text to replace it; the entry is skipped", fieldWhat(field), pr.What))
			}
			r, err := d.expandEntry(it.Entry)
			if err != nil {
				return nil, err
			}
			raws = append(raws, r)
			d.cur = -1
		}
	}
	d.inherit(raws)
	lib := &bib.Library{Files: []string{name}}
	keys := map[string]bib.Pos{}
	for i, r := range raws {
		d.cur = i
		k := strings.ToLower(r.key)
		if first, dup := keys[k]; dup {
			d.fail(r.pos, r.key, "id", CodeDuplicateKey, fmt.Sprintf("key %q is already used at %s (BibTeX keys are compared ignoring case); this entry is skipped: give it a key of its own to import it", r.key, first))
		} else if !d.bad[i] {
			keys[k] = r.pos
		}
		d.cur = -1
		if d.bad[i] {
			res.Skipped = append(res.Skipped, bib.Skip{Ref: r.key, Pos: r.pos})
			continue
		}
		lib.Entries = append(lib.Entries, d.entry(r))
	}
	bib.SortDiagnostics(d.diags)
	sortSkips(res.Skipped)
	res.Library, res.Diagnostics = lib, d.diags
	return res, nil
}

func replacement(p charset.Problem) string {
	if strings.Contains(p.What, "byte") {
		return "U+FFFD"
	}
	return "a space"
}

func hasEntries(f *File) bool {
	for _, it := range f.Items {
		if it.Kind == EntryItem {
			return true
		}
	}
	return false
}

// syntaxMessage adds to a syntax error what happens to the entry.
func syntaxMessage(se *SyntaxError) string {
	msg := se.Msg
	if se.Key != "" {
		// The diagnostic names the key: drop the reader's "@type{key: ".
		if i := strings.Index(msg, "{"+se.Key+": "); i > 0 && strings.HasPrefix(msg, "@") && !strings.ContainsAny(msg[:i], " ") {
			msg = msg[i+len(se.Key)+3:]
		}
		msg = strings.TrimPrefix(msg, "field "+se.Field+": ")
	}
	return msg + "; the entry is skipped"
}

// syntaxStart is the position of the item a syntax error broke.
func syntaxStart(se *SyntaxError, data []byte, name string) bib.Pos {
	line, col := 1, 1
	for i, r := range string(data[:min(se.Start, len(data))]) {
		_ = i
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return bib.Pos{File: name, Line: line, Col: col}
}

// nextItemStart is the offset of the first item that starts after off.
func nextItemStart(f *File, off int) int {
	for _, it := range f.Items {
		if it.Start > off {
			return it.Start
		}
	}
	return 1 << 62
}

// dropWithin removes the problems inside a broken item, which is skipped
// for its syntax error already.
func dropWithin(probs []charset.Problem, from, to int) []charset.Problem {
	out := probs[:0]
	for _, p := range probs {
		if p.Offset < from || p.Offset >= to {
			out = append(out, p)
		}
	}
	return out
}

func sortSkips(s []bib.Skip) {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Pos.Line != s[j].Pos.Line {
			return s[i].Pos.Line < s[j].Pos.Line
		}
		return s[i].Pos.Col < s[j].Pos.Col
	})
}

// fieldAt names the field of e whose text holds offset, or "".
func fieldAt(e *RawEntry, off int) string {
	name := ""
	for _, f := range e.Fields {
		if f.Offset <= off {
			name = f.Name
		}
	}
	return name
}

func fieldWhat(field string) string {
	if field == "" {
		return "the entry"
	}
	return "field " + field
}

func (d *decoder) at(p charset.Problem) bib.Pos {
	return bib.Pos{File: d.file, Line: p.Line, Col: p.Col}
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

// clip shortens text for a message, with control characters and invalid
// bytes shown as U+FFFD (they are reported on their own).
func clip(s string) string {
	s = strings.Map(func(r rune) rune {
		if !charset.Allowed(r) {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
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
	limits  Limits
	// macroBytes counts what macro substitution has produced so far.
	macroBytes int
	// broken holds @string names whose definition failed, and where.
	broken map[string]bib.Pos
	// cur is the index of the entry being read, or -1; bad marks the
	// entries that an error skips.
	cur int
	bad map[int]bool
}

func (d *decoder) warn(p bib.Pos, ref, field, code, msg string) {
	d.diags = append(d.diags, bib.Diagnostic{Pos: p, Severity: bib.Warning, Code: code, Ref: ref, Field: field, Message: msg})
}

// fail records an error; inside an entry (cur ≥ 0) the entry is skipped.
func (d *decoder) fail(p bib.Pos, ref, field, code, msg string) {
	d.diags = append(d.diags, bib.Diagnostic{Pos: p, Severity: bib.Error, Code: code, Ref: ref, Field: field, Message: msg})
	if d.cur >= 0 {
		d.bad[d.cur] = true
	}
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
	repeat    bool   // a repeated field renamed name-N, kept in Extra
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
// error naming the field, never a call into the library's log.Fatalf. The
// size of the result is known before it is built: one over the value limit,
// or macro text beyond the file's budget, stops the decode with a
// *LimitError.
func (d *decoder) expand(v Value, ref, field string, at bib.Pos) (string, bool, error) {
	var parts []nbib.BibString
	size, fromMacros := 0, 0
	for _, p := range v {
		if p.Kind != Macro {
			parts = append(parts, nbib.NewBibConst(p.Text))
			size += len(p.Text)
			continue
		}
		sv, ok := d.strs.StringVar[p.Text]
		if !ok {
			msg := fmt.Sprintf("macro %q is not defined; define it with @string{%s = {…}} before this entry, or write the value in braces", p.Text, p.Text)
			if where, failed := d.broken[p.Text]; failed {
				msg = fmt.Sprintf("macro %q could not be defined (see its @string at %s)", p.Text, where)
			}
			if d.cur >= 0 {
				msg += "; the entry is skipped"
			}
			d.fail(p.Pos, ref, field, CodeUndefinedMacro, msg)
			return "", false, nil
		}
		parts = append(parts, sv)
		n := len(sv.String())
		size += n
		fromMacros += n
		if size > d.limits.Value {
			return "", false, &LimitError{Pos: at, What: "value", Limit: d.limits.Value, Msg: fmt.Sprintf(
				"%s would expand to more than %s, the limit for one value; if the file is genuine, raise it with --max-value-size (or the environment variable CITE_MAX_VALUE_SIZE)", where(ref, field), formatSize(d.limits.Value))}
		}
	}
	d.macroBytes += fromMacros
	if d.macroBytes > d.limits.Macros {
		return "", false, &LimitError{Pos: at, What: "macros", Limit: d.limits.Macros, Msg: fmt.Sprintf(
			"%s: the file's @string macros expand to more than %s in all; if the file is genuine, raise the limit with --max-macro-expansion (or the environment variable CITE_MAX_MACRO_EXPANSION)", where(ref, field), formatSize(d.limits.Macros))}
	}
	if len(parts) == 0 {
		return "", true, nil
	}
	if len(parts) == 1 {
		return parts[0].String(), true, nil
	}
	c := nbib.NewBibComposite(parts[0])
	for _, p := range parts[1:] {
		c = c.Append(p)
	}
	return c.String(), true, nil
}

func hasMacro(v Value) bool {
	for _, p := range v {
		if p.Kind == Macro {
			return true
		}
	}
	return false
}

func where(ref, field string) string {
	if ref == "" {
		return field
	}
	return ref + ": field " + field
}

// formatSize writes a byte count as people read it: 1 MiB, 512 KiB, 300 bytes.
func formatSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func (d *decoder) expandEntry(r *RawEntry) (*expEntry, error) {
	e := &expEntry{typ: r.Type, key: r.Key, pos: r.Pos}
	for _, f := range r.Fields {
		s, ok, err := d.expand(f.Value, r.Key, f.Name, f.Pos)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if what, _, ok := charset.CheckString(s); !ok && hasMacro(f.Value) {
			// The entry's own text was scanned already; this came in
			// through a macro.
			d.fail(f.Pos, r.Key, f.Name, CodeBadText, fmt.Sprintf("the value of field %s holds %s, brought in by a macro; a library cannot store it; the entry is skipped", f.Name, what))
			continue
		}
		e.fields = append(e.fields, expField{name: f.Name, raw: s, pos: f.Pos})
	}
	return e, nil
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
	e.SetPos("id", r.pos)
	e.SetPos("type", r.pos)
	e.Extra = map[string]string{}
	info, known := bibTypes[r.typ]
	if !known {
		info.csl, info.g = "document", gOther
		d.warn(r.pos, r.key, "type", CodeUnknownType, fmt.Sprintf("entry type @%s has no CSL type; imported as document, the entry type is kept in extra", r.typ))
	}
	r.fields = d.repeats(r)
	sub, hasSub := r.get("entrysubtype")
	e.Type = readType(r.typ, strings.TrimSpace(decodeLaTeX(sub.raw).text))
	if hasSub && e.Type == info.csl {
		d.keep(e, sub, CodeUnmapped, "has no CSL variable")
	}
	d.dropGeneratedHowpublished(r)
	d.manualAuthor(r)
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
	derived := derivedFields(r)
	for _, f := range r.fields {
		switch {
		case f.name == "entrysubtype" || f.name == "year" || f.name == "month":
			continue
		case f.name == "crossref" || f.repeat || derived[f.name]:
			e.Extra[f.name] = f.raw
			continue
		case f.name == "ids":
			// biblatex's other keys of the entry: cite's aliases.
			before := len(e.Aliases)
			for _, a := range strings.Split(decodeLaTeX(f.raw).text, ",") {
				e.AddAlias(strings.TrimSpace(a))
			}
			if len(e.Aliases) == before {
				d.keep(e, f, CodeUnmapped, "names no key but the entry's own")
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
	d.genre(e, r)
	d.country(e, r)
	d.noteURL(e, r)
	joinSubtitles(e)
	if bt := entryType(e, BibLaTeX); r.typ != bt {
		e.Extra["@type"] = r.typ
	}
	if len(e.Extra) == 0 {
		e.Extra = nil
	}
	return e
}

// listSeparators are the fields whose repeats are items of one list, and
// the separator their exporters join items with.
var listSeparators = map[string]string{"keywords": ", ", "file": ";"}

// repeats gives each field one value. A list field that repeats (six
// keywords fields, as ScienceDirect exports them) is joined into one
// list; any other repeat keeps the first value, and each later value goes
// to Extra under a numbered name (title-2, title-3), with a warning.
func (d *decoder) repeats(r *expEntry) []expField {
	first := map[string]int{}
	count := map[string]int{}
	var list []expField
	for _, f := range r.fields {
		i, dup := first[f.name]
		if !dup || f.inherited {
			if !dup {
				first[f.name] = len(list)
			}
			list = append(list, f)
			continue
		}
		count[f.name]++
		if sep, ok := listSeparators[f.name]; ok {
			list[i].raw += sep + f.raw
			d.warn(f.pos, r.key, f.name, CodeJoinedField, fmt.Sprintf("field %s appears again (first at line %d); the values are joined into one list", f.name, list[i].pos.Line))
			continue
		}
		n := count[f.name] + 1
		name := fmt.Sprintf("%s-%d", f.name, n)
		for _, taken := r.get(name); taken; _, taken = r.get(name) {
			n++
			name = fmt.Sprintf("%s-%d", f.name, n)
		}
		d.warn(f.pos, r.key, f.name, CodeDuplicateField, fmt.Sprintf("field %s appears again (first at line %d); the first value is used and this one is kept in extra as %s", f.name, list[i].pos.Line, name))
		f.name, f.repeat = name, true
		list = append(list, f)
	}
	return list
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
	if (code == CodeKeptLaTeX || code == CodeKeptOriginal) && f.keepAs != "" {
		key = f.keepAs
	}
	e.Extra[key] = f.raw
	what := "field " + f.name
	if f.inherited {
		what += " (inherited through crossref)"
	}
	if code == CodeKeptOriginal {
		d.warn(f.pos, e.ID, f.name, code, fmt.Sprintf("%s %s; the original is kept in extra", what, why))
		return
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
	switch {
	case isURL && strings.HasSuffix(inner, "}") && strings.Count(inner, "{") == strings.Count(inner, "}")-1:
		inner = strings.TrimSuffix(inner, "}")
	case bareURL().MatchString(strings.TrimSpace(hp.raw)):
		inner = strings.TrimSpace(hp.raw)
	default:
		return
	}
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

// verbatimEscapes are the LaTeX escapes people write in url and doi
// fields for classic BibTeX, which biber reads verbatim.
var verbatimEscapes = strings.NewReplacer(`\_`, "_", `\%`, "%", `\#`, "#", `\&`, "&", `\~`, "~", `\$`, "$")

// unescapeVerbatim removes LaTeX escapes from a URL or DOI, which never
// holds a backslash; anything else is left as written.
func unescapeVerbatim(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	u := verbatimEscapes.Replace(s)
	if strings.Contains(u, `\`) {
		return s
	}
	return u
}

// bareURL matches a howpublished that is only a URL.
var bareURL = lazyregexp.New(`^(?:https?|ftp)://[^\s{}\\]+$`)

// value decodes a field into variable v.
func (d *decoder) value(e *bib.Entry, f expField, v string, k kind) {
	e.SetPos(v, f.pos)
	switch k {
	case kVerbatim:
		if f.raw == "" {
			d.keep(e, f, CodeUnmapped, "is empty")
			return
		}
		if u := unescapeVerbatim(f.raw); u != f.raw {
			// BibTeX users escape a URL's _ % # & for LaTeX; a URL holds
			// no backslash, so the escapes are read away, and the field as
			// written is kept for the export.
			e.Set(v, u)
			d.keep(e, f, CodeKeptOriginal, fmt.Sprintf("is read as %s without its LaTeX escapes", u))
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
		e.SetNames(v, nl.names)
		if len(nl.lossy) > 0 {
			d.keep(e, f, CodeKeptLaTeX, "has "+strings.Join(uniq(nl.lossy), ", ")+", which cite's names cannot hold exactly")
		}
	case kDate:
		date, err := bib.ParseDate(f.raw)
		if err != nil {
			loose, ok := looseDate(f.raw)
			if !ok {
				d.keep(e, f, CodeBadDate, "is not a date cite can read ("+err.Error()+")")
				return
			}
			date = loose
			d.keep(e, f, CodeKeptOriginal, fmt.Sprintf("is read as the date %s", loose))
		}
		if err := date.CheckCalendar(); err != nil {
			// One rule for dates on the way in: no date that EDTF and
			// CSL-JSON cannot express enters the model.
			d.keep(e, f, CodeBadDate, "is not a date of the calendar ("+err.Error()+")")
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
		if k == kTitle {
			t.text = titleText(t)
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
	e.SetPos(v, f.pos)
	t := decodeLaTeX(f.raw)
	date, err := bib.ParseDate(t.text)
	if err != nil {
		date = bib.Date{Literal: t.text}
	}
	if date.IsZero() || len(t.lossy) > 0 {
		d.keep(e, f, CodeBadDate, "is not a date cite can read")
		return
	}
	if err := date.CheckCalendar(); err != nil {
		d.keep(e, f, CodeBadDate, "is not a date of the calendar ("+err.Error()+")")
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
	base := e.Names(role)
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
	e.SetPos(v, f.pos)
}

// yearMonth reads year and month into issued when there is no date field,
// and checks them against it when there is. A year or month that says more
// than issued can hold is kept in extra.
func (d *decoder) yearMonth(e *bib.Entry, r *expEntry) {
	yf, hasYear := r.get("year")
	mf, hasMonth := r.get("month")
	issued, hasDate := e.Date("issued")
	if hasYear {
		t := decodeLaTeX(yf.raw)
		y, err := strconv.Atoi(strings.TrimSpace(t.text))
		if err == nil && (y > bib.MaxYear || y < -bib.MaxYear) {
			err = fmt.Errorf("out of range")
		}
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
			e.SetPos("issued", yf.pos)
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
