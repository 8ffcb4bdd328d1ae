package merge

import (
	"strings"
	"testing"
)

func tbook(id, title string) string {
	return "[[reference]]\nid = \"" + id + "\"\ntype = \"book\"\ntitle = \"" + title + "\"\n"
}

func lib(recs ...string) string { return strings.Join(recs, "\n") }

func TestFiles(t *testing.T) {
	a, b, c := tbook("a", "A"), tbook("b", "B"), tbook("c", "C")
	tests := []struct {
		name               string
		base, ours, theirs string
		want               string
		conflicts          int
	}{
		{"theirs edits", lib(a, b), lib(a, b), lib(a, tbook("b", "B2")), lib(a, tbook("b", "B2")), 0},
		{"both edit other records", lib(a, b), lib(tbook("a", "A2"), b), lib(a, tbook("b", "B2")), lib(tbook("a", "A2"), tbook("b", "B2")), 0},
		{"same edit", lib(a), lib(tbook("a", "A2")), lib(tbook("a", "A2")), lib(tbook("a", "A2")), 0},
		{"theirs deletes", lib(a, b, c), lib(a, b, c), lib(a, c), lib(a, c), 0},
		{"ours deletes, theirs edits another", lib(a, b, c), lib(a, c), lib(tbook("a", "A2"), b, c), lib(tbook("a", "A2"), c), 0},
		{"both add", lib(a), lib(a, b), lib(a, c), lib(a, b, c), 0},
		{"both add the same", lib(a), lib(a, b), lib(a, b), lib(a, b), 0},
		{"theirs adds first", lib(a), lib(a), lib(c, a), lib(c, a), 0},
		{"field conflict", lib(a), lib(tbook("a", "A1")), lib(tbook("a", "A2")),
			"[[reference]]\nid = \"a\"\ntype = \"book\"\n<<<<<<< ours\ntitle = \"A1\"\n=======\ntitle = \"A2\"\n>>>>>>> theirs\n", 1},
		{"delete and edit", lib(a, b), lib(b), lib(tbook("a", "A2"), b),
			"<<<<<<< ours\n# (deleted in ours)\n=======\n" + tbook("a", "A2") + ">>>>>>> theirs\n\n" + b, 1},
		{"both add one id two ways", lib(a), lib(a, tbook("b", "B1")), lib(a, tbook("b", "B2")),
			lib(a, "[[reference]]\nid = \"b\"\ntype = \"book\"\n<<<<<<< ours\ntitle = \"B1\"\n=======\ntitle = \"B2\"\n>>>>>>> theirs\n"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Files("lib.toml", []byte(tt.base), []byte(tt.ours), []byte(tt.theirs))
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Data) != tt.want {
				t.Errorf("Files =\n%s\nwant\n%s", res.Data, tt.want)
			}
			if len(res.Conflicts) != tt.conflicts {
				t.Errorf("conflicts = %q; want %d", res.Conflicts, tt.conflicts)
			}
		})
	}
	if _, err := Files("lib.toml", []byte(a), []byte("[[reference]\n"), []byte(a)); err == nil || !strings.Contains(err.Error(), "our version") {
		t.Errorf("Files with bad TOML: %v; want an error naming our version", err)
	}
}
