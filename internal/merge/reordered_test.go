package merge

import "testing"

// TestReorderedWithRepeatedIDs: a file whose records repeat an id (a
// duplicate-id error, which Decode reports but does not refuse) made
// reordered index past its list (found by FuzzFiles in the soak).
func TestReorderedWithRepeatedIDs(t *testing.T) {
	tests := []struct {
		before, after []string
		want          bool
	}{
		{[]string{"0"}, []string{"0", "0"}, false},
		{[]string{"a", "b"}, []string{"b", "b", "a"}, true},
		{[]string{"a", "b"}, []string{"a", "c", "b"}, false},
	}
	for _, tt := range tests {
		if got := reordered(tt.before, tt.after); got != tt.want {
			t.Errorf("reordered(%q, %q) = %v; want %v", tt.before, tt.after, got, tt.want)
		}
	}
}
