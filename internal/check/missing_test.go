package check_test

import (
	"maps"
	"testing"
	"time"

	"github.com/cite-project/cite/internal/check"
	"github.com/cite-project/cite/internal/gen"
)

// TestMissingFields: MissingFields finds exactly the entries Run reports
// with missing-field, for each target style.
func TestMissingFields(t *testing.T) {
	lib := gen.Library(1000, 1)
	now := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, style := range check.Styles {
		opts := check.Options{Style: style, Now: now}
		want := map[string]bool{}
		for _, d := range check.Run(lib, opts) {
			if d.Code == check.CodeMissingField {
				want[d.Ref] = true
			}
		}
		if len(want) == 0 {
			t.Fatalf("%s: the generated library has no missing fields to compare", style)
		}
		if got := check.MissingFields(lib, opts); !maps.Equal(got, want) {
			t.Errorf("MissingFields(%s) = %d entries; Run reports %d", style, len(got), len(want))
		}
	}
}
