package search

import (
	"bytes"
	"runtime"
	"strings"
	"sync"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/translit"
)

// schemes are the romanisations a search crosses scripts with: those a
// Latin spelling of a Russian or Kazakh name or title is usually written
// in (passports and the press, GOST bibliographies, library catalogues,
// ISO 9).
var schemes = []translit.Scheme{translit.BGN, translit.GOSTB, translit.LCASCII, translit.ISO9}

// needle is what a text term looks for: its folded form and, for Cyrillic
// text, its folded romanisations.
type needle struct {
	plain    string   // " word…", folded
	cyrillic bool     // the term has Cyrillic letters
	roman    []string // folded romanisations, when cyrillic
	plainB   []byte
	romanB   [][]byte
}

func newNeedle(s string) needle {
	n := needle{plain: strings.TrimSuffix(fold(s), " "), cyrillic: hasCyrillic(s)}
	if n.cyrillic {
		for _, sc := range schemes {
			for _, lang := range []string{"ru", "kk"} {
				r := strings.TrimSuffix(fold(translit.Romanize(s, sc, lang)), " ")
				if r != n.plain && !contains(n.roman, r) {
					n.roman = append(n.roman, r)
					n.romanB = append(n.romanB, []byte(r))
				}
			}
		}
	}
	n.plainB = []byte(n.plain)
	return n
}

// check reports a term that has nothing left to search for once folded
// (only punctuation).
func (n needle) check(raw string) error {
	if strings.TrimSpace(n.plain) == "" {
		return &Error{Term: raw, Msg: "has no letters or digits to search for"}
	}
	return nil
}

// in reports whether the needle starts a word of text, in the script it is
// written in or, across scripts, in a romanisation. buf is scratch space.
func (n needle) in(buf *[]byte, text string) bool {
	if text == "" {
		return false
	}
	*buf = foldAppend((*buf)[:0], text)
	return n.inFolded(*buf)
}

// inFolded is in for text already folded.
func (n needle) inFolded(f []byte) bool {
	if bytes.Contains(f, n.plainB) {
		return true
	}
	if n.cyrillic {
		// A Cyrillic term against Latin text: compare its romanisations.
		for _, r := range n.romanB {
			if bytes.Contains(f, r) {
				return true
			}
		}
		return false
	}
	// A Latin term against Cyrillic text: read the text's letters as
	// their romanisations.
	return hasCyrillicBytes(f) && romanIn(f, n.plain)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Match reports whether e satisfies every term of q. It is safe for
// concurrent use.
func (q *Query) Match(e *bib.Entry) bool {
	var buf []byte
	return q.match(e, &buf)
}

func (q *Query) match(e *bib.Entry, buf *[]byte) bool {
	for i := range q.terms {
		if q.terms[i].match(e, buf) == q.terms[i].negate {
			return false
		}
	}
	return true
}

// Filter returns the entries that match q, in their order. Large lists
// are matched on every CPU.
func (q *Query) Filter(entries []*bib.Entry) []*bib.Entry {
	keep := make([]bool, len(entries))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(entries)/2000))
	chunk := (len(entries) + workers - 1) / max(workers, 1)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(entries))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 0, 256)
			for i := lo; i < hi; i++ {
				keep[i] = q.match(entries[i], &buf)
			}
		}()
	}
	wg.Wait()
	var out []*bib.Entry
	for i, e := range entries {
		if keep[i] {
			out = append(out, e)
		}
	}
	return out
}

func (t *term) match(e *bib.Entry, buf *[]byte) bool {
	switch t.kind {
	case yearTerm:
		y := e.Year()
		if y == 0 {
			return false
		}
		return (t.from == 0 || y >= t.from) && (t.to == 0 || y <= t.to)
	case typeTerm:
		return e.Type == t.value
	case langTerm:
		l := strings.ToLower(e.Get("language"))
		return l == t.value || strings.HasPrefix(l, t.value+"-")
	case hasTerm:
		return has(e, t.value)
	case idTerm:
		if t.needle.in(buf, e.ID) {
			return true
		}
		for _, a := range e.Aliases {
			if t.needle.in(buf, a) {
				return true
			}
		}
		return false
	}
	for _, f := range t.fields {
		switch f {
		case groupFree:
			if t.inTitles(e, buf) || t.inNames(e, nil, buf) {
				return true
			}
		case groupNames:
			if t.inNames(e, nil, buf) {
				return true
			}
		default:
			switch bib.VariableKind(f) {
			case bib.NameList:
				if t.inNames(e, []string{f}, buf) {
					return true
				}
			case bib.DateKind:
				if d, ok := e.Date(f); ok && strings.HasPrefix(d.String(), t.value) {
					return true
				}
			default:
				if t.inText(e, f, buf) {
					return true
				}
			}
		}
	}
	return false
}

// inText looks in variable f and its romanised and translated forms.
func (t *term) inText(e *bib.Entry, f string, buf *[]byte) bool {
	if e.NumFields() == 0 {
		return false
	}
	if t.needle.in(buf, e.Get(f)) {
		return true
	}
	if v := e.Get(f + bib.TranslitSuffix); v != "" && t.needle.in(buf, v) {
		return true
	}
	v := e.Get(f + bib.TranslatedSuffix)
	return v != "" && t.needle.in(buf, v)
}

// titleFields are the variables free words search besides names.
var titleFields = []string{"title", "title-short", "container-title"}

func (t *term) inTitles(e *bib.Entry, buf *[]byte) bool {
	for _, f := range titleFields {
		if t.inText(e, f, buf) {
			return true
		}
	}
	return false
}

// inNames looks in the names of the given roles, or of every role. A
// person is searched as "Family Given" and "Given Family", so that a
// phrase may hold both.
func (t *term) inNames(e *bib.Entry, roles []string, buf *[]byte) bool {
	look := func(ns []bib.Name) bool {
		for _, n := range ns {
			if n.Literal != "" && t.needle.in(buf, n.Literal) {
				return true
			}
			if n.Family != "" || n.Given != "" {
				*buf = foldAppend(foldAppend((*buf)[:0], n.Family), n.Given)
				*buf = foldAppend(*buf, n.Family)
				if t.needle.inFolded(*buf) {
					return true
				}
			}
			for _, v := range n.Alt {
				if t.needle.in(buf, v) {
					return true
				}
			}
		}
		return false
	}
	if roles == nil {
		for _, ns := range e.AllNames() {
			if look(ns) {
				return true
			}
		}
		return false
	}
	for _, r := range roles {
		if look(e.Names(r)) {
			return true
		}
	}
	return false
}

// has reports whether e has field f.
func has(e *bib.Entry, f string) bool {
	switch f {
	case "aliases":
		return len(e.Aliases) > 0
	case "extra":
		return len(e.Extra) > 0
	case "type":
		return e.Type != ""
	case "id":
		return e.ID != ""
	}
	if strings.TrimSpace(e.Get(f)) != "" {
		return true
	}
	if d, ok := e.Date(f); ok && !d.IsZero() {
		return true
	}
	return len(e.Names(f)) > 0
}
