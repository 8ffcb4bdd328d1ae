package bbl_test

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/cite-project/cite/internal/bbl"
)

// files is an in-memory file system for ReadAux.
type files map[string]string

func (fs files) read(name string) ([]byte, error) {
	if s, ok := fs[name]; ok {
		return []byte(s), nil
	}
	return nil, os.ErrNotExist
}

func TestReadAux(t *testing.T) {
	fs := files{
		"build/main.aux": `\relax
\citation{b,a}
\citation{ a , c }
\citation{b}\citation{d}
\@input{ch1.aux}
\@input{missing.aux}
\@input{main.aux}
\bibstyle{gost}
\bibdata{refs,more}
\citation{unclosed
`,
		"build/ch1.aux": `\relax
\citation{e}
\citation{*}
\@input{ch1.aux}
`,
	}
	got, err := bbl.ReadAux("build/main.aux", fs.read)
	if err != nil {
		t.Fatal(err)
	}
	want := &bbl.Aux{
		Citations: []bbl.Citation{
			{Key: "b", File: "build/main.aux", Line: 2}, {Key: "a", File: "build/main.aux", Line: 2},
			{Key: "c", File: "build/main.aux", Line: 3}, {Key: "d", File: "build/main.aux", Line: 4},
			{Key: "e", File: "build/ch1.aux", Line: 2},
		},
		All: true, BibData: []string{"refs", "more"}, BibStyle: "gost",
		Files: []string{"build/main.aux", "build/ch1.aux"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadAux =\n%+v\nwant\n%+v", got, want)
	}
}

func TestReadAuxBiblatexAndMissing(t *testing.T) {
	fs := files{"a.aux": "\\abx@aux@cite{0}{key}\n"}
	got, err := bbl.ReadAux("a.aux", fs.read)
	if err != nil || !got.Biblatex {
		t.Errorf("ReadAux of a biblatex .aux = %+v, %v; want Biblatex", got, err)
	}
	if _, err := bbl.ReadAux("none.aux", fs.read); !errors.Is(err, bbl.ErrNoAux) {
		t.Errorf("ReadAux of a missing file: %v; want ErrNoAux", err)
	}
}
