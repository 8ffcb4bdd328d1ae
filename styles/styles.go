package styles

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"sort"
	"strings"
)

//go:embed *.csl
var styleFS embed.FS

// ErrUnknownStyle is wrapped by the error Style returns for a name it does
// not know.
var ErrUnknownStyle = errors.New("unknown style")

// variant is a style derived from a shipped file by replacing the
// bibliography's cs:sort, which the file marks with the comments
// "<!-- sort:begin -->" and "<!-- sort:end -->".
type variant struct {
	base  string
	title string
	sort  string
}

// alphabetical is the cs:sort of the alphabetical GOST lists: Cyrillic
// entries before Latin ones (GOST R 7.0.100-2018 lists usually group them
// so; the script-order attribute is the engine's extension), each group by
// heading or title, then by year.
const alphabetical = `<sort script-order="cyrillic latin">
      <key macro="sort-key"/>
      <key variable="issued"/>
    </sort>`

var variants = map[string]variant{
	"gost-alphabetical":      {base: "gost", title: "GOST R 7.0.100-2018 (numeric, alphabetical, cite)", sort: alphabetical},
	"gost-2008-alphabetical": {base: "gost-2008", title: "GOST R 7.0.5-2008 (numeric, alphabetical, cite)", sort: alphabetical},
}

// Names returns the names of the styles cite ships, sorted: the files
// apa, gost and gost-2008 and their alphabetical variants.
func Names() []string {
	var names []string
	entries, err := styleFS.ReadDir(".")
	if err == nil {
		for _, e := range entries {
			if n, ok := strings.CutSuffix(e.Name(), ".csl"); ok {
				names = append(names, n)
			}
		}
	}
	for n := range variants {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Style returns the CSL XML of the named style ("apa", "gost",
// "gost-alphabetical", "gost-2008", "gost-2008-alphabetical"). The name
// may carry the ".csl" suffix. An unknown name gives an error wrapping
// ErrUnknownStyle that lists the known names.
func Style(name string) ([]byte, error) {
	name = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(name)), ".csl")
	if v, ok := variants[name]; ok {
		data, err := styleFS.ReadFile(v.base + ".csl")
		if err != nil {
			return nil, err
		}
		return v.apply(name, data)
	}
	if name != "" && !strings.ContainsAny(name, "/\\") {
		if data, err := styleFS.ReadFile(name + ".csl"); err == nil {
			return data, nil
		}
	}
	return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownStyle, name, strings.Join(Names(), ", "))
}

// apply returns data with the marked cs:sort, the id and the title of
// the variant.
func (v variant) apply(name string, data []byte) ([]byte, error) {
	const begin, end = "<!-- sort:begin -->", "<!-- sort:end -->"
	i := bytes.Index(data, []byte(begin))
	j := bytes.Index(data, []byte(end))
	if i < 0 || j < i {
		return nil, fmt.Errorf("styles: %s.csl has no marked cs:sort for %s", v.base, name)
	}
	var b bytes.Buffer
	b.Write(data[:i+len(begin)])
	b.WriteString("\n    " + v.sort + "\n    ")
	b.Write(data[j:])
	out := b.Bytes()
	out = replaceElement(out, "id", "https://github.com/cite-project/cite/styles/"+name)
	out = replaceElement(out, "title", v.title)
	return out, nil
}

// replaceElement replaces the text of the first <tag>…</tag> in data.
func replaceElement(data []byte, tag, text string) []byte {
	open, closing := []byte("<"+tag+">"), []byte("</"+tag+">")
	i := bytes.Index(data, open)
	if i < 0 {
		return data
	}
	j := bytes.Index(data[i:], closing)
	if j < 0 {
		return data
	}
	var b bytes.Buffer
	b.Write(data[:i+len(open)])
	b.WriteString(text)
	b.Write(data[i+j:])
	return b.Bytes()
}
