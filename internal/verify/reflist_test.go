package verify

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

// TestListMatchingAgreesWithRender: verify compares the manuscript's own
// list with the library through the resolver render reads numbers with
// (internal/manuscript/resolve), so both agree on what each entry is.
// Two cases where verify's matcher and render's disagreed before:
//   - a one-word title alone ("Gamma") is no match: verify took entry 1
//     for gamma (a false list-mismatch), render did not;
//   - a numbered entry too short to match by title ("Жигалов К.В.
//     1993.") that names the author and year of the library's record of
//     its number is that record: render took it so, verify reported a
//     false list-unmatched.
func TestListMatchingAgreesWithRender(t *testing.T) {
	lib := &bib.Library{}
	add := func(id, title string, year int, family string) {
		e := bib.NewEntry(id, "book")
		e.Set("title", title)
		e.SetDate("issued", bib.Date{Start: bib.DatePart{Year: year}})
		e.AddName("author", bib.Name{Family: family})
		if err := lib.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	add("other", "Gamma rays in practice", 2003, "Alpha")
	add("zhigalov1993", "Первый Президент Республики Казахстан", 1993, "Жигалов")
	add("gamma", "Gamma", 2001, "Jones")
	text := "Rays [1], the president [2] and gamma [3].\n\nReferences\n\n" +
		"1. Alpha B. Gamma rays. Physics, 2003.\n" +
		"2. Жигалов К.В. 1993.\n" +
		"3. Jones J. Gamma. London, 2001.\n"
	r := Run(lib, &Manuscript{Name: "ms.txt", Text: text}, Options{})
	for _, f := range r.Findings {
		switch f.Code {
		case CodeListMismatch, CodeListUnmatched, CodeYearMismatch, CodeDuplicateSource:
			t.Errorf("%s: %s", f.Code, f.Message)
		}
	}
	// Another work whose title shares "Gamma rays" is no record: one word
	// of gamma's title, or two of other's, without author or year. Before,
	// verify took it for gamma (list-mismatch, year-mismatch, then
	// duplicate-source with entry 3).
	r = Run(lib, &Manuscript{Name: "ms.txt", Text: strings.Replace(text, "1. Alpha B. Gamma rays. Physics, 2003.", "1. Beta C. Gamma rays. Physics, 2005.", 1)}, Options{})
	counts := r.CountByCode()
	if counts[CodeListUnmatched] != 1 || counts[CodeListMismatch] != 0 || counts[CodeDuplicateSource] != 0 {
		t.Errorf("findings %v; want 1 list-unmatched (entry 1), no list-mismatch or duplicate-source", counts)
	}
}
