// Package bbl serves the bibliography step of a LaTeX build, as bibtex
// does: it reads the .aux file that LaTeX writes (the keys of \cite and
// \nocite as \citation lines, the databases of \bibliography as \bibdata,
// the style of \bibliographystyle as \bibstyle, and the child .aux files
// of \include as \@input), and writes a thebibliography environment (the
// .bbl file) from entries formatted elsewhere, LaTeX-escaped.
//
// The package does no I/O of its own: ReadAux takes the function that
// reads a file, and Write takes a writer.
package bbl

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/cite-project/cite/internal/bibtex"
)

// Citation is one key cited in an .aux file, where it first appears.
type Citation struct {
	Key  string
	File string
	Line int
}

// Pos returns "file:line" of the citation.
func (c Citation) Pos() string { return fmt.Sprintf("%s:%d", c.File, c.Line) }

// Aux is what a LaTeX .aux file (with its children) says about the
// bibliography.
type Aux struct {
	// Citations holds each cited key once, in order of first citation
	// across the main file and its children, as LaTeX wrote them.
	Citations []Citation
	// All is set by \citation{*} (\nocite{*}): every entry of the
	// databases is listed, after the cited ones.
	All bool
	// BibData lists the databases of \bibdata (\bibliography{a,b}), as
	// written (without the .bib extension, as LaTeX writes them).
	BibData []string
	// BibStyle is the style of \bibstyle (\bibliographystyle), or "".
	BibStyle string
	// Files lists the .aux files read, the main one first.
	Files []string
	// Biblatex reports that the document uses biblatex (\abx@aux lines),
	// whose .bbl format is biber's, not thebibliography.
	Biblatex bool
}

// maxDepth bounds the nesting of \@input, so that a file including
// itself under another name cannot recurse forever.
const maxDepth = 16

// ErrNoAux is wrapped by ReadAux's error when the main file cannot be
// read.
var ErrNoAux = errors.New("cannot read the .aux file")

// ReadAux reads the .aux file at path and the child files it \@input's,
// which are looked for relative to the directory of path (LaTeX writes
// them relative to its output directory, where the main .aux is). A child
// that cannot be read is skipped, as LaTeX itself does when a chapter is
// excluded with \includeonly.
func ReadAux(path string, read func(string) ([]byte, error)) (*Aux, error) {
	r := &auxReader{aux: &Aux{}, read: read, dir: filepath.Dir(path), seen: map[string]bool{}, keys: map[string]bool{}}
	data, err := read(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%w %s: %v", ErrNoAux, path, err)
	}
	r.file(path, data, 0)
	return r.aux, nil
}

type auxReader struct {
	aux  *Aux
	read func(string) ([]byte, error)
	dir  string
	seen map[string]bool
	keys map[string]bool
}

func (r *auxReader) file(name string, data []byte, depth int) {
	clean := filepath.Clean(name)
	if r.seen[clean] || depth > maxDepth {
		return
	}
	r.seen[clean] = true
	r.aux.Files = append(r.aux.Files, name)
	for n, line := range bytes.Split(data, []byte("\n")) {
		r.line(name, n+1, string(bytes.TrimRight(line, "\r")), depth)
	}
}

// commands are the .aux commands the reader acts on.
var commands = []string{`\citation{`, `\bibdata{`, `\bibstyle{`, `\@input{`}

func (r *auxReader) line(name string, n int, line string, depth int) {
	if strings.Contains(line, `\abx@aux@`) {
		r.aux.Biblatex = true
	}
	for i := 0; i < len(line); {
		j := strings.IndexByte(line[i:], '\\')
		if j < 0 {
			return
		}
		i += j
		cmd := ""
		for _, c := range commands {
			if strings.HasPrefix(line[i:], c) {
				cmd = c
				break
			}
		}
		if cmd == "" {
			i++
			continue
		}
		arg, next, ok := bibtex.BraceGroup(line, i+len(cmd)-1)
		if !ok {
			return
		}
		i = next
		switch cmd {
		case `\citation{`:
			for _, k := range strings.Split(arg, ",") {
				k = strings.TrimSpace(k)
				switch {
				case k == "*":
					r.aux.All = true
				case k != "" && !r.keys[k]:
					r.keys[k] = true
					r.aux.Citations = append(r.aux.Citations, Citation{Key: k, File: name, Line: n})
				}
			}
		case `\bibdata{`:
			for _, d := range strings.Split(arg, ",") {
				if d = strings.TrimSpace(d); d != "" {
					r.aux.BibData = append(r.aux.BibData, d)
				}
			}
		case `\bibstyle{`:
			r.aux.BibStyle = strings.TrimSpace(arg)
		case `\@input{`:
			child := strings.TrimSpace(arg)
			if !filepath.IsAbs(child) {
				child = filepath.Join(r.dir, child)
			}
			if data, err := r.read(child); err == nil {
				r.file(child, data, depth+1)
			}
		}
	}
}
