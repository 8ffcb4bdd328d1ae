package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/style"
)

// TestTypeMask: a type test decided by its mask (style.Condition.Types)
// gives what testing its values one by one gives, for every match, with
// other conditions beside it, duplicated values and types the style does
// not name.
func TestTypeMask(t *testing.T) {
	branches := []string{
		`type="book"`,
		`type="book chapter"`,
		`type="book chapter" match="any"`,
		`type="book chapter" match="none"`,
		`type="book book"`, // not distinct: tested value by value
		`type="book book" match="none"`,
		`type="book" is-uncertain-date="issued"`,
		`type="book" is-uncertain-date="issued" match="any"`,
		`type="report thesis" is-uncertain-date="issued" match="none"`,
		`type="report" type-dummy="x"`,
	}
	// A style naming more than 64 types: the last ones get no bit.
	var many []string
	for i := range 70 {
		many = append(many, fmt.Sprintf("t%d", i))
	}
	branches = append(branches, `type="`+strings.Join(many, " ")+`" match="any"`, `type="t69 book" match="any"`, `type="t3 t68"`)
	var xml strings.Builder
	xml.WriteString(`<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>t</title><id>t</id></info><citation><layout><choose>`)
	for i, b := range branches {
		el := "else-if"
		if i == 0 {
			el = "if"
		}
		fmt.Fprintf(&xml, `<%s %s><text value="%d"/></%s>`, el, strings.ReplaceAll(b, ` type-dummy="x"`, ""), i, el)
	}
	xml.WriteString(`</choose></layout></citation></style>`)
	st, err := style.Parse([]byte(xml.String()))
	if err != nil {
		t.Fatal(err)
	}
	choose := st.Citation.Layouts[0].Children[0].(*style.Choose)
	for _, typ := range []string{"book", "chapter", "report", "thesis", "t3", "t68", "t69", "webpage", ""} {
		for _, circa := range []bool{false, true} {
			it := &item.Item{Type: typ, Dates: map[string]item.Date{"issued": {Parts: []item.DateParts{{Year: 2000}}, Circa: circa}}}
			for i, b := range choose.Branches {
				slow := *b
				slow.Conditions = append([]style.Condition(nil), b.Conditions...)
				for k := range slow.Conditions {
					slow.Conditions[k].TypesExact = false
				}
				c := &ctx{r: &run{e: &Engine{st: st}}, it: it}
				got := c.test(b)
				c = &ctx{r: &run{e: &Engine{st: st}}, it: it}
				if want := c.test(&slow); got != want {
					t.Errorf("type %q, circa %v, branch %d (%s): %v by mask, %v by value", typ, circa, i, branches[i], got, want)
				}
			}
		}
	}
	if got := choose.Branches[4].Conditions[0].TypesExact; got {
		t.Errorf("type=\"book book\" is decided by its mask")
	}
	if st.TypeBit("t69") != 0 || st.TypeBit("t0") == 0 || st.TypeBit("webpage") != 0 {
		t.Errorf("TypeBit: t0 %#x, t69 %#x, webpage %#x; want a bit, 0, 0", st.TypeBit("t0"), st.TypeBit("t69"), st.TypeBit("webpage"))
	}
}
