package cite

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cite-project/cite/styles"
)

// Kind says which preparation a style's items get (see the package
// documentation).
type Kind int

// The kinds of style.
const (
	// Other is any style cite did not write: items as stored.
	Other Kind = iota
	// APA is cite's APA 7 style: romanised names and titles with English
	// translations.
	APA
	// GOST is one of cite's GOST styles: original script, headings for
	// works by one to three persons.
	GOST
)

// String returns "apa", "gost" or "other".
func (k Kind) String() string {
	switch k {
	case APA:
		return "apa"
	case GOST:
		return "gost"
	}
	return "other"
}

// idPrefix begins the cs:info id of every style cite ships; the rest of
// the id is the style's name.
const idPrefix = "https://github.com/cite-project/cite/styles/"

// kindOfID returns the kind of a style from its cs:info id, so that one
// of cite's styles read from a file is prepared as the embedded one.
func kindOfID(id string) Kind {
	name, ok := strings.CutPrefix(id, idPrefix)
	if !ok {
		return Other
	}
	switch {
	case name == "apa":
		return APA
	case strings.HasPrefix(name, "gost"):
		return GOST
	}
	return Other
}

// Style is a CSL style's XML and the name it was asked for.
type Style struct {
	// Name is the embedded style's name, or the path of the file.
	Name string
	// XML is the style.
	XML []byte
	// Parent returns the independent parent of a dependent style, given
	// the URI of its independent-parent link; nil when the style cannot
	// have one.
	Parent func(uri string) ([]byte, error)
}

// IsStylePath reports whether arg names a style file rather than an
// embedded style: it ends in ".csl" or ".xml" and contains a path
// separator, or names a file with one of those extensions that is not
// embedded.
func IsStylePath(arg string) bool {
	if strings.ContainsAny(arg, `/\`) {
		return true
	}
	ext := strings.ToLower(filepath.Ext(arg))
	if ext != ".csl" && ext != ".xml" {
		return false
	}
	_, err := styles.Style(arg)
	return err != nil
}

// LoadStyle returns the style arg names: an embedded style by name
// ("apa", "gost", "gost-alphabetical", "gost-2008", …), or, when
// IsStylePath(arg), the file read with readFile. An unknown name gives an
// error that lists the known ones.
func LoadStyle(arg string, readFile func(string) ([]byte, error)) (*Style, error) {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return nil, fmt.Errorf("no style given (known: %s, or a .csl file)", strings.Join(styles.Names(), ", "))
	}
	if IsStylePath(arg) {
		if readFile == nil {
			return nil, fmt.Errorf("style %s: cannot read files here", arg)
		}
		data, err := readFile(arg)
		if err != nil {
			return nil, fmt.Errorf("read style: %w", err)
		}
		return &Style{Name: arg, XML: data, Parent: parentFinder(arg, readFile)}, nil
	}
	data, err := styles.Style(arg)
	if err != nil {
		return nil, fmt.Errorf("%w, or a .csl file", err)
	}
	return &Style{Name: strings.TrimSuffix(strings.ToLower(arg), ".csl"), XML: data}, nil
}

// parentFinder resolves a dependent style's parent without the network:
// the parent link's last path segment names a file (".../styles/apa" is
// apa.csl) that is looked for beside the dependent style and in the
// directory above it, as the official repository lays them out
// (dependent/some-journal.csl next to ../apa.csl).
func parentFinder(path string, readFile func(string) ([]byte, error)) func(string) ([]byte, error) {
	return func(uri string) ([]byte, error) {
		name := uri[strings.LastIndexAny(uri, "/\\")+1:]
		if name == "" || name == "." || name == ".." {
			return nil, fmt.Errorf("dependent style %s: cannot tell a file name from its parent %q", path, uri)
		}
		if !strings.HasSuffix(strings.ToLower(name), ".csl") {
			name += ".csl"
		}
		dir := filepath.Dir(path)
		tried := []string{filepath.Join(dir, name), filepath.Join(dir, "..", name)}
		for _, p := range tried {
			if data, err := readFile(p); err == nil {
				return data, nil
			}
		}
		return nil, fmt.Errorf("dependent style %s needs its parent %s: put %s beside it (looked in %s)", path, uri, name, strings.Join(tried, " and "))
	}
}
