package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/gen"
)

// tabwriterTable is the list table as text/tabwriter lays it out, the
// reference writeTable's own column layout must match byte for byte.
func tabwriterTable(entries []*bib.Entry) string {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTYPE\tYEAR\tFIRST AUTHOR\tTITLE")
	for _, en := range entries {
		year, author, title := tableFields(en)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", en.ID, en.Type, year, referenceClip(author, 30), referenceClip(title, 60))
	}
	tw.Flush()
	return b.String()
}

func referenceClip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func TestWriteTableMatchesTabwriter(t *testing.T) {
	lib := gen.Library(2000, 5)
	odd := []struct{ id, title, family string }{
		{"spaces", "  A  title\twith\nbreaks  ", "  Doe  "},
		{"nbsp", "Title\u00a0with\u00a0no-break spaces", "Ан\u2003на"},
		{"long-cyrillic", strings.Repeat("Внешняя политика Казахстана ", 5), strings.Repeat("Жигалов", 6)},
		{"exact", strings.Repeat("x", 60), strings.Repeat("y", 30)},
		{"one-over", strings.Repeat("ж", 61), strings.Repeat("y", 31)},
		{"invalid", "bad \xff\xfe utf-8 " + strings.Repeat("z", 60), "\xffFamily"},
		{"", "", ""},
	}
	for _, o := range odd {
		e := bib.NewEntry(o.id, "book")
		e.Set("title", o.title)
		if o.family != "" {
			e.AddName("author", bib.Name{Family: o.family, Given: "G."})
		}
		lib.Entries = append(lib.Entries, e)
	}
	var b bytes.Buffer
	if err := writeTable(&b, lib.Entries); err != nil {
		t.Fatal(err)
	}
	if want := tabwriterTable(lib.Entries); b.String() != want {
		got, wantLines := strings.Split(b.String(), "\n"), strings.Split(want, "\n")
		for i := range min(len(got), len(wantLines)) {
			if got[i] != wantLines[i] {
				t.Fatalf("writeTable line %d = %q; want %q", i+1, got[i], wantLines[i])
			}
		}
		t.Fatalf("writeTable wrote %d lines; want %d", len(got), len(wantLines))
	}
	// A tab in an id is tabwriter's to lay out.
	tab := bib.NewEntry("a\tb", "book")
	b.Reset()
	if err := writeTable(&b, []*bib.Entry{tab, lib.Entries[0]}); err != nil {
		t.Fatal(err)
	}
	if want := tabwriterTable([]*bib.Entry{tab, lib.Entries[0]}); b.String() != want {
		t.Errorf("writeTable with a tab in an id = %q; want %q", b.String(), want)
	}
}
