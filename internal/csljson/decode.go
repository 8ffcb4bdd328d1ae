package csljson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/charset"
)

// Diagnostic codes of Decode.
const (
	CodeUnknownKey  = "unknown-key"   // warning: a key with no CSL variable, kept in Extra
	CodeBadValue    = "bad-value"     // error: a value of the wrong JSON type, kept in Extra
	CodeBadDate     = "bad-date"      // warning or error: a date that does not parse
	CodeUnknownType = "unknown-type"  // error: type is not a CSL item type
	CodeDuplicateID = "duplicate-id"  // error: two items share an id
	CodeMissingID   = "missing-id"    // error: an item without id
	CodeDuplicate   = "duplicate-key" // warning: a key repeats within an item; the later value is kept in Extra
	CodeBadText     = "bad-text"      // error: a control character or invalid UTF-8; the item is skipped
	CodeFixedText   = "fixed-text"    // warning: with FixText, a control character or invalid byte replaced
)

// SyntaxError is CSL-JSON that cannot be read at all: invalid JSON, or a
// document that is not an array of objects.
type SyntaxError struct {
	Pos bib.Pos
	Msg string
}

// Error returns "file:line:col: message".
func (e *SyntaxError) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

// ReadOptions controls DecodeWith.
type ReadOptions struct {
	// FixText replaces control characters and invalid UTF-8 (a space, or
	// U+FFFD) and reports each as a warning; without it each is an error
	// and its item is skipped.
	FixText bool
}

// Decode reads a CSL-JSON document (an array of items) into a library;
// name is used in positions. It is DecodeWith with the default options,
// returning the items that could be imported and every diagnostic.
func Decode(name string, data []byte) (*bib.Library, []bib.Diagnostic, error) {
	res, err := DecodeWith(name, data, ReadOptions{})
	if err != nil {
		return nil, nil, err
	}
	return res.Library, res.Diagnostics, nil
}

// DecodeWith reads a CSL-JSON document (an array of items) into a
// library; name is used in positions. Ids may be strings or numbers, dates
// EDTF strings or date-parts objects. A key with no CSL variable is kept in
// the entry's Extra (as text, or as compact JSON when it is not a string)
// with a warning; the custom object's keys go to Extra too, except the
// -translit and -translated forms that Encode writes there. Nothing is
// dropped.
//
// Import is tolerant: an item with an error (a value of the wrong type, an
// unknown type, an id used before, a date outside what EDTF and CSL-JSON
// can express, a control character or invalid UTF-8) is skipped and named
// in Skipped, and the other items are imported. The error is a
// *SyntaxError with file:line:col when the document is not JSON or not an
// array of objects.
func DecodeWith(name string, data []byte, opts ReadOptions) (*bib.Import, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	d := &decoder{file: name, fix: opts.FixText}
	if opts.FixText {
		var probs []charset.Problem
		data, probs = charset.Fix(data, charset.UTF8)
		for _, pr := range probs {
			d.warn(bib.Pos{File: name, Line: pr.Line, Col: pr.Col}, "", "", CodeFixedText, pr.What+" replaced (--fix-text)")
		}
	}
	d.data = data
	for i, c := range data {
		if c == '\n' {
			d.lines = append(d.lines, i)
		}
	}
	var probs []charset.Problem
	if !opts.FixText {
		probs = charset.Scan(data, charset.UTF8)
	}
	lib := &bib.Library{Files: []string{name}}
	res := &bib.Import{Encoding: "UTF-8"}
	ids := map[string]bib.Pos{}
	add := func(n, from, to int, e *bib.Entry, before int) {
		var here []charset.Problem
		here, probs = charset.Within(probs, from, to)
		for _, pr := range here {
			d.fail(bib.Pos{File: name, Line: pr.Line, Col: pr.Col}, e.ID, "", CodeBadText, fmt.Sprintf("item %d holds %s; a library cannot store it: remove it, or import with --fix-text to replace it", n, pr.What))
		}
		d.checkText(e)
		if first, dup := ids[e.ID]; dup {
			d.fail(e.PosOf("id"), e.ID, "id", CodeDuplicateID, fmt.Sprintf("id %q is already used at %s", e.ID, first))
		}
		if bib.MarkSkipped(d.diags[before:], "the item is skipped") {
			res.Skipped = append(res.Skipped, bib.Skip{Ref: e.ID, Pos: e.Pos})
			return
		}
		ids[e.ID] = e.PosOf("id")
		lib.Entries = append(lib.Entries, e)
	}
	if items, ok := d.scan(); ok {
		for n, it := range items {
			before := len(d.diags)
			add(n+1, it.from, it.to, d.entry(n+1, it), before)
		}
		bib.SortDiagnostics(d.diags)
		res.Library, res.Diagnostics = lib, d.diags
		return res, nil
	}
	d.readerOfRecord()
	tok, err := d.dec.Token()
	if err != nil {
		return nil, d.syntax(err)
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '[' {
		return nil, &SyntaxError{Pos: d.pos(0), Msg: "a CSL-JSON file is an array of items: it must start with \"[\""}
	}
	for n := 1; d.dec.More(); n++ {
		before := len(d.diags)
		from := int(d.dec.InputOffset())
		e, err := d.item(n)
		if err != nil {
			return nil, err
		}
		add(n, from, int(d.dec.InputOffset()), e, before)
	}
	if _, err := d.dec.Token(); err != nil {
		return nil, d.syntax(err)
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return nil, &SyntaxError{Pos: d.pos(int(d.dec.InputOffset())), Msg: "text after the closing \"]\" of the array"}
	}
	bib.SortDiagnostics(d.diags)
	res.Library, res.Diagnostics = lib, d.diags
	return res, nil
}

// checkText applies the rule for text on the way in to every string of e:
// a control character is an error, or with FixText replaced by a space
// with a warning. (Invalid UTF-8 was found in the raw bytes already.)
func (d *decoder) checkText(e *bib.Entry) {
	check := func(field, s string) string {
		what, _, ok := charset.CheckString(s)
		if ok {
			return s
		}
		if d.fix {
			fixed, _ := charset.FixString(s)
			d.warn(e.PosOf(baseKey(field)), e.ID, field, CodeFixedText, fmt.Sprintf("%s holds %s; replaced with a space (--fix-text)", field, what))
			return fixed
		}
		d.fail(e.PosOf(baseKey(field)), e.ID, field, CodeBadText, fmt.Sprintf("%s holds %s; a library cannot store it: remove it, or import with --fix-text to replace it", field, what))
		return s
	}
	e.ID = check("id", e.ID)
	for _, k := range e.FieldNames() {
		e.Set(k, check(k, e.Get(k)))
	}
	for k, v := range e.Extra {
		e.Extra[k] = check(k, v)
	}
	for role, names := range e.AllNames() {
		for i := range names {
			n := &names[i]
			for _, p := range bib.NameParts {
				if v := n.Part(p); v != "" {
					n.SetPart(p, check(role, v))
				}
			}
			for k, v := range n.Alt {
				n.Alt[k] = check(role, v)
			}
		}
	}
	for _, k := range e.DateVariables() {
		if dt, _ := e.Date(k); dt.Literal != "" {
			dt.Literal = check(k, dt.Literal)
			e.SetDate(k, dt)
		}
	}
}

// baseKey is the item key a field name of Extra or custom came from.
func baseKey(field string) string {
	k, _, _ := strings.Cut(field, ".")
	return k
}

type decoder struct {
	file  string
	data  []byte
	dec   *json.Decoder
	lines []int // offsets of '\n'
	diags []bib.Diagnostic
	fix   bool
	// the last position computed, to count columns on from
	lastLine, lastOff, lastCol int
}

// pos converts a byte offset to a position. Offsets mostly grow from call
// to call, so the column is counted on from the last offset of the same
// line (a file on one line is not counted from its start every time).
func (d *decoder) pos(off int) bib.Pos {
	line := sort.SearchInts(d.lines, off) + 1
	start := 0
	if line > 1 {
		start = d.lines[line-2] + 1
	}
	col := 1
	if off >= start && off <= len(d.data) {
		from, n := start, 0
		if d.lastLine == line && d.lastOff >= start && d.lastOff <= off {
			from, n = d.lastOff, d.lastCol-1
		}
		col = n + utf8.RuneCount(d.data[from:off]) + 1
		d.lastLine, d.lastOff, d.lastCol = line, off, col
	}
	return bib.Pos{File: d.file, Line: line, Col: col}
}

// scan reads the items with scanJSON when the one-pass reader is on, and
// reports whether it could.
func (d *decoder) scan() ([]rawItem, bool) {
	if !fastJSON {
		return nil, false
	}
	return scanJSON(d.data)
}

// readerOfRecord starts json.Decoder, the reader of record, on the
// document.
func (d *decoder) readerOfRecord() {
	d.dec = json.NewDecoder(bytes.NewReader(d.data))
	d.dec.UseNumber()
}

func (d *decoder) syntax(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &SyntaxError{Pos: d.pos(int(se.Offset)), Msg: "invalid JSON: " + se.Error()}
	case errors.As(err, &te):
		return &SyntaxError{Pos: d.pos(int(te.Offset)), Msg: te.Error()}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &SyntaxError{Pos: d.pos(len(d.data)), Msg: "the file ends inside the JSON array"}
	}
	return &SyntaxError{Pos: d.pos(int(d.dec.InputOffset())), Msg: err.Error()}
}

func (d *decoder) warn(p bib.Pos, ref, field, code, msg string) {
	d.diags = append(d.diags, bib.Diagnostic{Pos: p, Severity: bib.Warning, Code: code, Ref: ref, Field: field, Message: msg})
}

func (d *decoder) fail(p bib.Pos, ref, field, code, msg string) {
	d.diags = append(d.diags, bib.Diagnostic{Pos: p, Severity: bib.Error, Code: code, Ref: ref, Field: field, Message: msg})
}

type member struct {
	key string
	raw json.RawMessage
	pos bib.Pos
}

// item reads the n-th item of the array.
func (d *decoder) item(n int) (*bib.Entry, error) {
	tok, err := d.dec.Token()
	if err != nil {
		return nil, d.syntax(err)
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '{' {
		return nil, &SyntaxError{Pos: d.pos(int(d.dec.InputOffset()) - 1), Msg: fmt.Sprintf("item %d is not an object", n)}
	}
	it := rawItem{open: int(d.dec.InputOffset()) - 1}
	for d.dec.More() {
		tok, err := d.dec.Token()
		if err != nil {
			return nil, d.syntax(err)
		}
		key, _ := tok.(string)
		at := int(d.dec.InputOffset()) - len(strconv.Quote(key))
		var raw json.RawMessage
		if err := d.dec.Decode(&raw); err != nil {
			return nil, d.syntax(err)
		}
		it.members = append(it.members, rawMember{key: key, raw: raw, at: at})
	}
	if _, err := d.dec.Token(); err != nil {
		return nil, d.syntax(err)
	}
	return d.entry(n, it), nil
}

// entry builds the n-th item, read by scanJSON or from json.Decoder's
// tokens: a key that repeats is kept in extra under a new name.
func (d *decoder) entry(n int, it rawItem) *bib.Entry {
	start := d.pos(it.open)
	members := make([]member, 0, len(it.members))
	seen := make(map[string]bool, len(it.members))
	for _, m := range it.members {
		at := d.pos(m.at)
		if seen[m.key] {
			again := m.key + "-2"
			for k := 3; seen[again]; k++ {
				again = fmt.Sprintf("%s-%d", m.key, k)
			}
			seen[again] = true
			d.warn(at, "", m.key, CodeDuplicate, fmt.Sprintf("key %q repeats in item %d; the first value is used and this one is kept in extra as %q", m.key, n, again))
			members = append(members, member{again, m.raw, at})
			continue
		}
		seen[m.key] = true
		members = append(members, member{m.key, m.raw, at})
	}
	return d.build(n, start, members)
}

// build makes the entry of the n-th item, which starts at start, from its
// members.
func (d *decoder) build(n int, start bib.Pos, members []member) *bib.Entry {
	e := bib.NewEntry("", "")
	e.Pos = start
	e.Extra = map[string]string{}
	for _, m := range members {
		if m.key == "id" {
			e.SetPos("id", m.pos)
			if s, ok := scalar(m.raw); ok && s != "" {
				e.ID = s
			} else {
				d.fail(m.pos, "", "id", CodeBadValue, "id must be a non-empty string or a number")
			}
		}
	}
	if e.ID == "" {
		e.ID = fmt.Sprintf("#%d", n)
		if _, ok := e.KeyPos("id"); !ok {
			d.fail(start, e.ID, "id", CodeMissingID, fmt.Sprintf("item %d has no id", n))
		}
	}
	var custom *member
	for i, m := range members {
		e.SetPos(m.key, m.pos)
		switch m.key {
		case "id":
		case "type":
			s, ok := scalar(m.raw)
			switch {
			case !ok || s == "":
				d.fail(m.pos, e.ID, "type", CodeBadValue, "type must be a CSL item type such as \"book\"")
			case !bib.IsType(s):
				d.fail(m.pos, e.ID, "type", CodeUnknownType, fmt.Sprintf("unknown type %q; use a CSL item type", s))
			}
			e.Type = s
		case "custom":
			custom = &members[i]
		default:
			d.variable(e, m, false)
		}
	}
	if _, ok := e.KeyPos("type"); !ok {
		d.fail(start, e.ID, "type", CodeBadValue, "item has no type")
	}
	if custom != nil {
		d.custom(e, *custom)
	}
	if len(e.Extra) == 0 {
		e.Extra = nil
	}
	return e
}

// aliases are schema keys that name a CSL variable another way.
var aliases = map[string]string{"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}

// variable reads one key of an item, or of its custom object (inCustom).
func (d *decoder) variable(e *bib.Entry, m member, inCustom bool) {
	key := m.key
	if v, ok := aliases[key]; ok && e.Get(v) == "" {
		key = v
	}
	base, form := bib.SplitForm(key)
	switch kind := bib.VariableKind(key); {
	case kind == bib.Standard || kind == bib.Number:
		if s, ok := scalar(m.raw); ok {
			e.Set(key, s)
			return
		}
		d.fail(m.pos, e.ID, m.key, CodeBadValue, fmt.Sprintf("%s must be a string or a number; the value is kept in extra", m.key))
	case kind == bib.NameList:
		if d.names(e, key, m) {
			return
		}
	case form != "" && bib.VariableKind(base) == bib.NameList:
		if d.altNames(e, base, form, m) {
			return
		}
	case kind == bib.DateKind:
		if d.date(e, key, m) {
			return
		}
	default:
		if !inCustom {
			d.warn(m.pos, e.ID, m.key, CodeUnknownKey, fmt.Sprintf("key %q has no CSL variable; kept in extra", m.key))
		}
	}
	if s, ok := str(m.raw); ok {
		e.Extra[m.key] = s
		return
	}
	e.Extra[m.key] = compact(m.raw)
	if inCustom {
		d.warn(m.pos, e.ID, "custom."+m.key, CodeUnknownKey, fmt.Sprintf("custom key %q is not a string; kept in extra as JSON text", m.key))
	}
}

func (d *decoder) custom(e *bib.Entry, m member) {
	obj, ok := fastObject(m.raw)
	if ok {
	} else if err := json.Unmarshal(m.raw, &obj); err != nil {
		d.fail(m.pos, e.ID, "custom", CodeBadValue, "custom must be an object; the value is kept in extra")
		e.Extra["custom"] = compact(m.raw)
		return
	}
	for _, k := range sortedKeys(obj) {
		raw := obj[k]
		base, form := bib.SplitForm(k)
		switch {
		case k == "aliases":
			list, ok := fastStrings(raw)
			var err error
			if !ok {
				err = json.Unmarshal(raw, &list)
			}
			if err != nil {
				e.Extra[k] = compact(raw)
				d.warn(m.pos, e.ID, "custom.aliases", CodeUnknownKey, "custom.aliases is not an array of strings; kept in extra as JSON text")
				continue
			}
			for _, a := range list {
				e.AddAlias(a)
			}
		case k == "extra":
			extra, ok := fastObject(raw)
			var err error
			if !ok {
				err = json.Unmarshal(raw, &extra)
			}
			if err != nil {
				e.Extra[k] = compact(raw)
				d.warn(m.pos, e.ID, "custom.extra", CodeUnknownKey, "custom.extra is not an object; kept in extra as JSON text")
				continue
			}
			for _, ek := range sortedKeys(extra) {
				e.Extra[ek] = textOf(extra[ek])
			}
		case !schemaKeys[k] && (bib.VariableKind(k) != bib.Unknown || (form != "" && bib.VariableKind(base) == bib.NameList)):
			// a variable that Encode puts here because the schema has no
			// key for it
			d.variable(e, member{k, raw, m.pos}, true)
		default:
			// another tool's custom data
			e.Extra[k] = textOf(raw)
			if _, ok := str(raw); !ok {
				d.warn(m.pos, e.ID, "custom."+k, CodeUnknownKey, fmt.Sprintf("custom key %q is not a string; kept in extra as JSON text", k))
			}
		}
	}
}

// names reads a name variable: an array of name objects.
func (d *decoder) names(e *bib.Entry, key string, m member) bool {
	list, ok := fastObjects(m.raw)
	if ok {
	} else if err := json.Unmarshal(m.raw, &list); err != nil {
		d.fail(m.pos, e.ID, key, CodeBadValue, fmt.Sprintf("%s must be an array of name objects; the value is kept in extra", key))
		return false
	}
	var out []bib.Name
	for i, obj := range list {
		n := bib.Name{Pos: m.pos}
		for _, part := range sortedKeys(obj) {
			raw := obj[part]
			switch part {
			case "comma-suffix", "static-ordering", "parse-names":
				b := truthy(raw)
				switch part {
				case "comma-suffix":
					n.CommaSuffix = b
				case "static-ordering":
					n.StaticOrdering = b
				default:
					n.ParseNames = b
				}
				continue
			}
			s, ok := scalar(raw)
			if !ok || !n.SetPart(part, s) {
				ek := fmt.Sprintf("%s.%d.%s", key, i+1, part)
				e.Extra[ek] = textOf(raw)
				d.warn(m.pos, e.ID, key, CodeUnknownKey, fmt.Sprintf("name %d of %s: key %q is not a name part; kept in extra as %q", i+1, key, part, ek))
			}
		}
		out = append(out, n)
	}
	e.SetNames(key, out)
	return true
}

// altNames reads the -translit or -translated forms of a name list, which
// Encode writes to custom as an array aligned with the names.
func (d *decoder) altNames(e *bib.Entry, role, form string, m member) bool {
	list, ok := fastStringMaps(m.raw)
	var err error
	if !ok {
		err = json.Unmarshal(m.raw, &list)
	}
	if err != nil || len(list) != len(e.Names(role)) {
		d.warn(m.pos, e.ID, m.key, CodeUnknownKey, fmt.Sprintf("%s does not give one name object for each name of %s; kept in extra", m.key, role))
		return false
	}
	for i, obj := range list {
		for part, v := range obj {
			if !e.Names(role)[i].SetPart(part+form, v) {
				d.warn(m.pos, e.ID, m.key, CodeUnknownKey, fmt.Sprintf("%s: %q is not a name part; kept in extra", m.key, part))
				return false
			}
		}
	}
	return true
}

// date reads a date variable: an EDTF string or a date object.
func (d *decoder) date(e *bib.Entry, key string, m member) bool {
	if s, ok := str(m.raw); ok {
		date, err := bib.ParseDate(s)
		if err != nil {
			date = bib.Date{Literal: s}
			d.warn(m.pos, e.ID, key, CodeBadDate, fmt.Sprintf("%s: %v; kept as a literal date", key, err))
		}
		date.Pos = m.pos
		e.SetDate(key, date)
		return true
	}
	obj, ok := fastObject(m.raw)
	if ok {
	} else if err := json.Unmarshal(m.raw, &obj); err != nil {
		d.fail(m.pos, e.ID, key, CodeBadDate, fmt.Sprintf("%s must be an EDTF string or a date object; the value is kept in extra", key))
		return false
	}
	date, err := dateObject(obj)
	if err != nil {
		d.fail(m.pos, e.ID, key, CodeBadDate, fmt.Sprintf("%s: %v; the value is kept in extra", key, err))
		return false
	}
	date.Pos = m.pos
	e.SetDate(key, date)
	return true
}

func dateObject(obj map[string]json.RawMessage) (bib.Date, error) {
	var date bib.Date
	_, hasParts := obj["date-parts"]
	for _, k := range sortedKeys(obj) {
		raw := obj[k]
		switch k {
		case "date-parts":
			parts, ok := fastArrays(raw)
			var err error
			if !ok {
				err = json.Unmarshal(raw, &parts)
			}
			if err != nil || len(parts) == 0 || len(parts) > 2 {
				return date, fmt.Errorf("date-parts must hold one or two arrays of [year, month, day]")
			}
			for i, p := range parts {
				if len(p) == 0 || len(p) > 3 {
					return date, fmt.Errorf("each date-parts array is [year], [year, month] or [year, month, day]")
				}
				var nums [3]int
				for j, x := range p {
					s, ok := scalar(x)
					n, err := strconv.Atoi(s)
					if !ok || err != nil {
						return date, fmt.Errorf("date part %s is not a number", textOf(x))
					}
					nums[j] = n
				}
				dp := bib.DatePart{Year: nums[0], Month: nums[1], Day: nums[2]}
				if err := expressible(&dp, &date, len(p)); err != nil {
					return date, err
				}
				if i == 0 {
					date.Start = dp
				} else {
					date.End, date.Range = dp, true
				}
			}
		case "season":
			s, _ := scalar(raw)
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 || n > 4 {
				return date, fmt.Errorf("season must be 1 to 4")
			}
			date.Season = n
		case "circa":
			date.Approximate = truthy(raw)
		case "literal":
			s, ok := str(raw)
			if !ok {
				return date, fmt.Errorf("literal must be a string")
			}
			date.Literal = s
		case "raw":
		default:
			return date, fmt.Errorf("unknown key %q in a date object", k)
		}
	}
	if raw, ok := obj["raw"]; ok {
		// raw is the EDTF form Encode adds when date-parts cannot say it
		// all (uncertain dates, open ranges); it wins.
		s, _ := str(raw)
		parsed, err := bib.ParseDate(s)
		if err != nil {
			return date, err
		}
		parsed.Literal = date.Literal
		return parsed, nil
	}
	if date.IsZero() && !hasParts {
		return date, fmt.Errorf("empty date")
	}
	return date, nil
}

// expressible checks a date-parts array against what EDTF and CSL-JSON can
// express: a year of at most nine digits, a month 1–12 (13–16 and 21–24
// are the seasons citeproc-js and EDTF use, read as the season), a day
// 1–31. A zero month or day stands for "not given" only at the end.
func expressible(dp *bib.DatePart, date *bib.Date, n int) error {
	if dp.Year > bib.MaxYear || dp.Year < -bib.MaxYear {
		return fmt.Errorf("the year %d is outside what EDTF and CSL-JSON can express (at most nine digits)", dp.Year)
	}
	switch m := dp.Month; {
	case m >= 13 && m <= 16 && dp.Day == 0 && n == 2:
		date.Season, dp.Month = m-12, 0
	case m >= 21 && m <= 24 && dp.Day == 0 && n == 2:
		date.Season, dp.Month = m-20, 0
	case m < 0 || m > 12:
		return fmt.Errorf("the month %d is not 1 to 12 (or a season, 13–16 or 21–24)", m)
	case m == 0 && dp.Day != 0:
		return fmt.Errorf("the date has a day (%d) but no month", dp.Day)
	}
	if dp.Day < 0 || dp.Day > 31 {
		return fmt.Errorf("the day %d is not 1 to 31", dp.Day)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// scalar returns a JSON string or number as text.
func scalar(raw json.RawMessage) (string, bool) {
	if s, ok := str(raw); ok {
		return s, true
	}
	if fastJSON && len(raw) > 0 {
		// A number's text is its literal, as json.Number keeps it; true,
		// false, arrays and objects are no scalar.
		return string(raw), isRawNumber(raw)
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&n); err == nil {
		return n.String(), true
	}
	return "", false
}

func str(raw json.RawMessage) (string, bool) {
	if s, ok := fastString(raw); ok {
		return s, true
	}
	if fastJSON && len(raw) > 0 && raw[0] != '"' && raw[0] != 'n' {
		return "", false // a number, a boolean, an array or an object
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

func truthy(raw json.RawMessage) bool {
	s, _ := scalar(raw)
	t := strings.TrimSpace(string(raw))
	return t == "true" || s == "1" || strings.EqualFold(s, "true")
}

func textOf(raw json.RawMessage) string {
	if s, ok := str(raw); ok {
		return s
	}
	return compact(raw)
}

// compact returns raw JSON as compact text, with invalid UTF-8 replaced
// as encoding/json replaces it in strings.
func compact(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return strings.ToValidUTF8(string(raw), "\uFFFD")
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}
