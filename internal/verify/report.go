package verify

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
)

// WriteJSON writes r as indented JSON: {"markers", "claims", "findings"},
// byte for byte what encoding/json writes of r (indented by two spaces,
// HTML characters as they are). The claims and the findings, one per
// reference of a large library, are written straight to w; the markers
// go through encoding/json.
func (r *Result) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("{\n  \"markers\": ")
	markers, err := indentedJSON(r.Markers, "  ")
	if err != nil {
		return err
	}
	bw.Write(markers)
	bw.WriteString(",\n  \"claims\": ")
	writeJSONList(bw, r.Claims, appendClaimJSON)
	bw.WriteString(",\n  \"findings\": ")
	writeJSONList(bw, r.Findings, appendFindingJSON)
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// WriteText writes one finding per entry, "file:line: code: message",
// with the manuscript's words quoted on the next line; then the
// paragraphs that state checkable things but cite nothing; then a
// summary.
func (r *Result) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	// One buffer for every line: a large library's verify prints a
	// finding per reference.
	var line []byte
	for _, f := range r.Findings {
		line = f.Pos.AppendText(line[:0])
		line = append(append(append(append(append(line, ": "...), f.Code...), ": "...), f.Message...), '\n')
		if f.Excerpt != "" && f.inManuscript() {
			line = append(append(append(line, "    "...), f.Excerpt...), '\n')
		}
		bw.Write(line)
	}
	var bare []ParagraphCoverage
	for di := range r.docs {
		for _, c := range r.Coverage(di) {
			if c.Markers == 0 && c.Checkable > 0 {
				bare = append(bare, c)
			}
		}
	}
	if len(bare) > 0 {
		fmt.Fprintf(bw, "%s cite nothing but state checkable things:\n", count(len(bare), "paragraph"))
		for _, c := range bare {
			fmt.Fprintf(bw, "    %s:%d: %d words, %s\n", c.File, c.Line, c.Words, count(c.Checkable, "checkable statement"))
		}
	}
	fmt.Fprintln(bw, r.Summary())
	return bw.Flush()
}

// ParagraphCoverage says how well one body paragraph of a manuscript is
// cited: its markers, and its checkable statements (quotations, and
// sentences that state figures or dates or read as claims needing a
// source), whatever --min-severity hides.
type ParagraphCoverage struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Words     int    `json:"words"`
	Markers   int    `json:"markers"`
	Checkable int    `json:"checkable"`
}

// Coverage returns the coverage of each body paragraph of manuscript di
// (headings, notes and the reference list left out).
func (r *Result) Coverage(di int) []ParagraphCoverage {
	dc := r.docs[di]
	d := dc.d
	var out []ParagraphCoverage
	for pi, p := range d.Paragraphs {
		if p.Heading || p.References {
			continue
		}
		c := ParagraphCoverage{File: dc.ms.Name, Line: d.Line(p.Start), Words: words(d.Prose()[p.Start:p.End]),
			Markers: len(d.MarkersIn(p.Start, p.End))}
		if pi < len(dc.checkable) {
			c.Checkable = dc.checkable[pi]
		}
		out = append(out, c)
	}
	return out
}

// words counts the words of s: runs of letters or digits.
func words(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// Summary returns a one-line account: markers, claims and findings by code.
func (r *Result) Summary() string {
	var parts []string
	if len(r.docs) > 0 {
		resolved := 0
		for _, m := range r.Markers {
			if m.Resolved {
				resolved++
			}
		}
		parts = append(parts, fmt.Sprintf("%s (%d resolved)", count(len(r.Markers), "marker"), resolved))
	}
	found := 0
	for _, c := range r.Claims {
		if c.Found {
			found++
		}
	}
	if len(r.docs) > 0 {
		parts = append(parts, fmt.Sprintf("%s (%d found)", count(len(r.Claims), "claim"), found))
	} else {
		parts = append(parts, count(len(r.Claims), "claim"))
	}
	s := strings.Join(parts, ", ") + ": "
	if len(r.Findings) == 0 {
		return s + "no problems"
	}
	byCode := r.CountByCode()
	codes := make([]string, 0, len(byCode))
	for c := range byCode {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var list []string
	for _, c := range codes {
		list = append(list, fmt.Sprintf("%d %s", byCode[c], c))
	}
	return s + count(len(r.Findings), "finding") + " (" + strings.Join(list, ", ") + ")"
}

// CountByCode returns how many findings there are of each code.
func (r *Result) CountByCode() map[string]int {
	m := map[string]int{}
	for _, f := range r.Findings {
		m[f.Code]++
	}
	return m
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
