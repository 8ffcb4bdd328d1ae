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
	sort  string // the cs:sort to put between the marks; "" keeps the base's
	// replace lists texts of the base file and what the variant writes
	// in their place (each must occur in the base).
	replace [][2]string
}

// alphabetical is the cs:sort of the alphabetical GOST lists: Cyrillic
// entries before Latin ones (GOST R 7.0.100-2018 lists usually group them
// so; the script-order attribute is the engine's extension), each group by
// heading or title, then by year.
const alphabetical = `<sort script-order="cyrillic latin">
      <key macro="sort-key"/>
      <key variable="issued"/>
    </sort>`

// shortened is the statement of responsibility GOST R 7.0.100-2018
// permits besides the full one: from four names of one function, the
// first three and "[и др.]" (gost.csl lists four in full and shortens
// from five, as the libraries' guides to the standard show it).
var shortened = [][2]string{{`et-al-min="5" et-al-use-first="3"`, `et-al-min="4" et-al-use-first="3"`}}

// periods is GOST R 7.0.5-2008's permitted form with "." in place of the
// area separator ". – " (its own examples: "// Проблемы региональной
// экологии. 2007. № 1. С. 80–86.").
var periods = [][2]string{{`delimiter=". – "`, `delimiter=". "`}}

var variants = map[string]variant{
	"gost-alphabetical":            {base: "gost", title: "GOST R 7.0.100-2018 (numeric, alphabetical, cite)", sort: alphabetical},
	"gost-shortened":               {base: "gost", title: "GOST R 7.0.100-2018 (numeric, shortened statements of responsibility, cite)", replace: shortened},
	"gost-shortened-alphabetical":  {base: "gost", title: "GOST R 7.0.100-2018 (numeric, shortened statements of responsibility, alphabetical, cite)", sort: alphabetical, replace: shortened},
	"gost-2008-alphabetical":       {base: "gost-2008", title: "GOST R 7.0.5-2008 (numeric, alphabetical, cite)", sort: alphabetical},
	"gost-2008-short":              {base: "gost-2008", title: "GOST R 7.0.5-2008 (numeric, \".\" between areas, cite)", replace: periods},
	"gost-2008-short-alphabetical": {base: "gost-2008", title: "GOST R 7.0.5-2008 (numeric, \".\" between areas, alphabetical, cite)", sort: alphabetical, replace: periods},
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

// apply returns data with the variant's replacements, its marked
// cs:sort, id and title.
func (v variant) apply(name string, data []byte) ([]byte, error) {
	out := data
	for _, r := range v.replace {
		if !bytes.Contains(out, []byte(r[0])) {
			return nil, fmt.Errorf("styles: %s.csl has no %s for %s", v.base, r[0], name)
		}
		out = bytes.ReplaceAll(out, []byte(r[0]), []byte(r[1]))
	}
	if v.sort != "" {
		const begin, end = "<!-- sort:begin -->", "<!-- sort:end -->"
		i := bytes.Index(out, []byte(begin))
		j := bytes.Index(out, []byte(end))
		if i < 0 || j < i {
			return nil, fmt.Errorf("styles: %s.csl has no marked cs:sort for %s", v.base, name)
		}
		var b bytes.Buffer
		b.Write(out[:i+len(begin)])
		b.WriteString("\n    " + v.sort + "\n    ")
		b.Write(out[j:])
		out = b.Bytes()
	}
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
