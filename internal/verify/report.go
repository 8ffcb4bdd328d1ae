package verify

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteJSON writes r as indented JSON: {"markers", "claims", "findings"}.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// WriteText writes one finding per entry, "file:line: code: message",
// with the manuscript's words quoted on the next line, then a summary.
func (r *Result) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		fmt.Fprintf(bw, "%s: %s: %s\n", f.Pos, f.Code, f.Message)
		if f.Excerpt != "" && f.end > 0 {
			fmt.Fprintf(bw, "    %s\n", f.Excerpt)
		}
	}
	fmt.Fprintln(bw, r.Summary())
	return bw.Flush()
}

// Summary returns a one-line account: markers, claims and findings by code.
func (r *Result) Summary() string {
	var parts []string
	if r.ms != nil {
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
	if r.ms != nil {
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
