package item

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/csl/vars"
)

// Limits of DecodeJSON.
const (
	MaxJSONBytes = 64 << 20 // 64 MiB
	MaxItems     = 1000000
)

// DecodeError reports an item that cannot be decoded.
type DecodeError struct {
	Index int    // position of the item in the array
	ID    string // its id, when known
	Err   error
}

// Error implements the error interface.
func (e *DecodeError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("csl-json: item %d (%q): %v", e.Index, e.ID, e.Err)
	}
	return fmt.Sprintf("csl-json: item %d: %v", e.Index, e.Err)
}

// Unwrap returns the underlying error.
func (e *DecodeError) Unwrap() error { return e.Err }

// ErrTooLarge is returned for input beyond MaxJSONBytes or MaxItems.
var ErrTooLarge = errors.New("csl-json: input too large")

// DecodeJSON reads a CSL-JSON array of items (a single object is accepted
// too). Names are parsed as citeproc-js does: lower-case words leading the
// family name become the non-dropping particle, trailing lower-case words
// of the given name the dropping particle, unless the name already has
// particles or sets "parse-names": false.
func DecodeJSON(data []byte) ([]*Item, error) {
	if len(data) > MaxJSONBytes {
		return nil, fmt.Errorf("%w (%d bytes, limit %d)", ErrTooLarge, len(data), MaxJSONBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	var raws []map[string]json.RawMessage
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var one map[string]json.RawMessage
		if err := json.Unmarshal(trimmed, &one); err != nil {
			return nil, fmt.Errorf("csl-json: %w", err)
		}
		raws = append(raws, one)
	} else if err := json.Unmarshal(trimmed, &raws); err != nil {
		return nil, fmt.Errorf("csl-json: %w", err)
	}
	if len(raws) > MaxItems {
		return nil, fmt.Errorf("%w (%d items, limit %d)", ErrTooLarge, len(raws), MaxItems)
	}
	items := make([]*Item, 0, len(raws))
	for i, raw := range raws {
		it, err := FromJSONMap(raw)
		if err != nil {
			return nil, &DecodeError{Index: i, ID: it.ID, Err: err}
		}
		items = append(items, it)
	}
	return items, nil
}

// IsNameVar reports whether v is a CSL name variable.
func IsNameVar(v string) bool { return vars.IsName(v) }

// IsDateVar reports whether v is a CSL date variable.
func IsDateVar(v string) bool { return vars.IsDate(v) }

// FromJSONMap converts one decoded CSL-JSON object.
func FromJSONMap(raw map[string]json.RawMessage) (*Item, error) {
	it := New("", "")
	if v, ok := raw["id"]; ok {
		it.ID, _ = scalar(v)
	}
	for k, v := range raw {
		switch {
		case k == "id":
			s, err := scalar(v)
			if err != nil {
				return it, fmt.Errorf("id: %w", err)
			}
			it.ID = s
		case k == "type":
			s, err := scalar(v)
			if err != nil {
				return it, fmt.Errorf("type: %w", err)
			}
			it.Type = s
		case k == "language":
			s, _ := scalar(v)
			it.Language = s
		case vars.IsName(k):
			names, err := decodeNames(v)
			if err != nil {
				return it, fmt.Errorf("%s: %w", k, err)
			}
			if len(names) > 0 {
				it.Names[k] = names
			}
		case vars.IsDate(k):
			d, err := decodeDate(v)
			if err != nil {
				return it, fmt.Errorf("%s: %w", k, err)
			}
			if !d.IsZero() {
				it.Dates[k] = d
			}
		default:
			s, err := scalar(v)
			if err != nil {
				continue // structured extension fields are ignored
			}
			if s != "" {
				it.Vars[k] = s
			}
		}
	}
	if note := it.Vars["note"]; note != "" {
		applyNoteFields(it, note)
	}
	return it, nil
}

var noteFieldRe = regexp.MustCompile(`(?m)^\s*([a-zA-Z][a-zA-Z-]*)\s*:\s*(.+?)\s*$`)

var noteBraceRe = regexp.MustCompile(`\{:([a-zA-Z-]+):\s*([^}]*)\}`)

// applyNoteFields reads CSL variables embedded in the note field, one per
// line as "name: value" (or "{:name: value}"), as citeproc-js does;
// variables already set win. Names are "Family || Given".
func applyNoteFields(it *Item, note string) {
	var pairs [][]string
	pairs = append(pairs, noteFieldRe.FindAllStringSubmatch(note, -1)...)
	pairs = append(pairs, noteBraceRe.FindAllStringSubmatch(note, -1)...)
	for _, m := range pairs {
		k, v := strings.ToLower(m[1]), strings.TrimSpace(m[2])
		switch {
		case k == "type":
			if it.Type == "" {
				it.Type = v
			}
		case vars.IsDate(k):
			if _, ok := it.Dates[k]; !ok {
				if d := ParseDate(v); !d.IsZero() {
					it.Dates[k] = d
				}
			}
		case vars.IsName(k):
			fam, giv, _ := strings.Cut(v, "||")
			n := Name{Family: strings.TrimSpace(fam), Given: strings.TrimSpace(giv)}
			if n.Given == "" {
				n = Name{Literal: n.Family}
			}
			it.Names[k] = append(it.Names[k], n)
		case standardVars[k] != "":
			if name := standardVars[k]; it.Vars[name] == "" {
				it.Vars[name] = v
			}
		}
	}
}

// standardVars lists the CSL standard and number variables that the note
// field may set.
var standardVars = map[string]string{}

func init() {
	for _, v := range strings.Fields(`abstract annote archive archive_collection archive_location archive-place authority
	call-number citation-key citation-label collection-title container-title container-title-short dimensions division
	DOI edition event event-title event-place genre ISBN ISSN jurisdiction keyword language license medium
	original-publisher original-publisher-place original-title part-title PMCID PMID publisher publisher-place
	references reviewed-genre reviewed-title scale section source status title title-short URL version
	volume-title year-suffix chapter-number citation-number collection-number first-reference-note-number issue
	locator number number-of-pages number-of-volumes page page-first part-number printing-number supplement-number
	volume`) {
		standardVars[strings.ToLower(v)] = v
	}
}

// scalar returns a JSON string, number or boolean as a string.
func scalar(v json.RawMessage) (string, error) {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return "", nil
	}
	switch v[0] {
	case '"':
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return "", err
		}
		return s, nil
	case '{', '[':
		return "", errors.New("not a string or number")
	case 't', 'f':
		return string(v), nil
	}
	var n json.Number
	if err := json.Unmarshal(v, &n); err != nil {
		return "", err
	}
	return n.String(), nil
}

type jsonName struct {
	Family              json.RawMessage `json:"family"`
	Given               json.RawMessage `json:"given"`
	DroppingParticle    json.RawMessage `json:"dropping-particle"`
	NonDroppingParticle json.RawMessage `json:"non-dropping-particle"`
	Suffix              json.RawMessage `json:"suffix"`
	Literal             json.RawMessage `json:"literal"`
	CommaSuffix         json.RawMessage `json:"comma-suffix"`
	StaticOrdering      json.RawMessage `json:"static-ordering"`
	ParseNames          json.RawMessage `json:"parse-names"`
	IsInstitution       json.RawMessage `json:"isInstitution"`
}

func decodeNames(v json.RawMessage) ([]Name, error) {
	var raw []jsonName
	if err := json.Unmarshal(v, &raw); err != nil {
		return nil, err
	}
	out := make([]Name, 0, len(raw))
	for _, r := range raw {
		str := func(m json.RawMessage) string { s, _ := scalar(m); return s }
		n := Name{
			Family: str(r.Family), Given: str(r.Given), DroppingParticle: str(r.DroppingParticle),
			NonDroppingParticle: str(r.NonDroppingParticle), Suffix: str(r.Suffix), Literal: str(r.Literal),
			CommaSuffix: truthy(str(r.CommaSuffix)), StaticOrdering: truthy(str(r.StaticOrdering)),
		}
		if truthy(str(r.IsInstitution)) && n.Literal == "" && n.Given == "" {
			n.Literal = n.Family
			n.Family = ""
		}
		ps := str(r.ParseNames)
		if n.Literal == "" && (ps == "" || truthy(ps)) {
			n = ParseParticles(n)
		}
		out = append(out, n)
	}
	return out, nil
}

func truthy(s string) bool {
	switch s {
	case "", "0", "false", "null":
		return false
	}
	return true
}

// ParseParticles splits particles and suffixes out of the family and given
// names as citeproc-js does when the name has none set explicitly.
func ParseParticles(n Name) Name {
	if n.NonDroppingParticle == "" && n.Family != "" {
		fam := n.Family
		if strings.HasPrefix(fam, "\"") && strings.HasSuffix(fam, "\"") && len(fam) > 1 {
			n.Family = fam[1 : len(fam)-1]
		} else {
			words := strings.Split(fam, " ")
			i := 0
			for i < len(words)-1 && isParticle(words[i]) {
				i++
			}
			if i > 0 {
				n.NonDroppingParticle = strings.Join(words[:i], " ")
				if last, _ := utf8.DecodeLastRuneInString(n.NonDroppingParticle); last == '\'' || last == '’' {
					// "de’ Frinkle": keep the space the data has after an
					// apostrophe particle.
					n.NonDroppingParticle += " "
				}
				n.Family = strings.Join(words[i:], " ")
			} else if j := strings.IndexByte(fam, '-'); j > 0 && j < len(fam)-1 && isParticle(fam[:j]) && !strings.Contains(fam[:j], " ") &&
				unicode.IsUpper([]rune(fam[j+1:])[0]) {
				// "al-One": a lower-case hyphenated prefix is a particle.
				n.NonDroppingParticle = fam[:j+1]
				n.Family = fam[j+1:]
			} else if j := strings.IndexAny(fam, "'’"); j > 0 && j < len(fam)-1 && isParticle(fam[:j]) && !strings.Contains(fam[:j], " ") {
				_, w := utf8.DecodeRuneInString(fam[j:])
				n.NonDroppingParticle = fam[:j+w]
				n.Family = fam[j+w:]
			}
		}
	}
	if n.Given != "" {
		g := n.Given
		if n.Suffix == "" {
			if i := strings.Index(g, ","); i > 0 {
				suf := strings.TrimSpace(g[i+1:])
				if strings.HasPrefix(suf, "!") {
					suf = strings.TrimSpace(suf[1:])
					n.CommaSuffix = true
				}
				n.Suffix = suf
				g = g[:i]
			}
		}
		if n.DroppingParticle == "" {
			words := strings.Split(g, " ")
			i := len(words)
			for i > 1 && isParticle(words[i-1]) {
				i--
			}
			if i < len(words) {
				n.DroppingParticle = strings.Join(words[i:], " ")
				g = strings.Join(words[:i], " ")
			}
		}
		n.Given = g
	}
	return n
}

// isParticle reports whether a word starts with a lower-case letter (or is
// an apostrophe-ended particle such as d').
func isParticle(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	if r == '\'' || r == '’' {
		r, _ = utf8.DecodeRuneInString(w[n:])
	}
	return w != "" && unicode.IsLower(r)
}

type jsonDate struct {
	DateParts json.RawMessage `json:"date-parts"`
	Season    json.RawMessage `json:"season"`
	Circa     json.RawMessage `json:"circa"`
	Literal   json.RawMessage `json:"literal"`
	Raw       json.RawMessage `json:"raw"`
}

func decodeDate(v json.RawMessage) (Date, error) {
	v = bytes.TrimSpace(v)
	if len(v) > 0 && v[0] == '"' {
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return Date{}, err
		}
		return ParseDate(s), nil
	}
	var jd jsonDate
	if err := json.Unmarshal(v, &jd); err != nil {
		return Date{}, err
	}
	var d Date
	str := func(m json.RawMessage) string { s, _ := scalar(m); return s }
	if lit := str(jd.Literal); lit != "" {
		d.Literal = lit
	}
	if len(jd.DateParts) > 0 {
		var parts [][]json.RawMessage
		if err := json.Unmarshal(jd.DateParts, &parts); err != nil {
			return Date{}, fmt.Errorf("date-parts: %w", err)
		}
		for i, p := range parts {
			if i >= 2 {
				break
			}
			var dp DateParts
			for j, x := range p {
				s := strings.TrimSpace(str(x))
				if s == "" || j > 2 {
					continue
				}
				n, err := strconv.Atoi(s)
				if err != nil {
					f, ferr := strconv.ParseFloat(s, 64)
					if ferr != nil {
						return Date{}, fmt.Errorf("date-parts: %q is not a number", s)
					}
					n = int(f)
				}
				switch j {
				case 0:
					dp.Year = n
				case 1:
					switch {
					case n >= 21 && n <= 24:
						n -= 8 // EDTF seasons 21-24 → 13-16
					case n >= 17 && n <= 20:
						n -= 4
					case n < 0 || n > 24:
						n = 0
					}
					dp.Month = n
				case 2:
					dp.Day = n
				}
			}
			if i == 1 && dp == (DateParts{}) {
				d.OpenEnd = len(d.Parts) == 1
				continue
			}
			if i == 0 && dp == (DateParts{}) {
				break
			}
			d.Parts = append(d.Parts, dp)
		}
	}
	if len(d.Parts) == 0 && d.Literal == "" {
		if raw := str(jd.Raw); raw != "" {
			d = ParseDate(raw)
		}
	}
	if s := str(jd.Season); s != "" {
		d.Season = s
	}
	if c := str(jd.Circa); truthy(c) {
		d.Circa = true
	}
	return d, nil
}
