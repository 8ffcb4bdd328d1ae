package cite

import (
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/sentencecase"
)

// TitleCase says how a style's items get their titles' case.
type TitleCase string

// The title-case options of Options.TitleCase.
const (
	// TitleCaseDefault is the style's own: sentence case for cite's APA
	// style, titles as recorded for every other style.
	TitleCaseDefault TitleCase = ""
	// TitleCaseSentence puts English titles in sentence case (APA 7,
	// 6.17), see package sentencecase.
	TitleCaseSentence TitleCase = "sentence"
	// TitleCaseAsIs prints titles as recorded.
	TitleCaseAsIs TitleCase = "as-is"
)

// ParseTitleCase reads "sentence" or "as-is".
func ParseTitleCase(s string) (TitleCase, bool) {
	switch TitleCase(strings.TrimSpace(strings.ToLower(s))) {
	case TitleCaseSentence:
		return TitleCaseSentence, true
	case TitleCaseAsIs, "asis", "as is":
		return TitleCaseAsIs, true
	}
	return "", false
}

// bookHost reports whether the type's container is a book (or
// proceedings published as one), whose title APA also writes in sentence
// case (10.3, 10.5); the names of journals, newspapers and sites keep
// their capitals.
func bookHost(typ string) bool {
	switch typ {
	case "chapter", "entry", "entry-dictionary", "entry-encyclopedia", "paper-conference":
		return true
	}
	return false
}

// legalType reports whether the type's titles are names, never recased.
func legalType(typ string) bool {
	switch typ {
	case "legislation", "regulation", "bill", "legal_case", "treaty", "hearing":
		return true
	}
	return false
}

// sentenceCase puts the English titles of it in sentence case: the title,
// the title of a volume, the translated title and, for a part of a book,
// the book's title. A record whose language is set and not English keeps
// its titles (CSL 1.0.2, "Text-case": an item without a language counts
// as English). Words the record's original LaTeX protected with braces
// (kept in Extra by an import) are protected too, see protectBraced. The
// conversions are remembered in buf (see memo) unless the record's
// abstract gives hints.
func sentenceCase(e *bib.Entry, it *item.Item, buf *scratch) {
	if legalType(e.Type) {
		return // the name of a law or a case is a proper name (APA 11.5)
	}
	if l := strings.TrimSpace(e.Get("language")); l != "" && !isEnglish(strings.ToLower(l)) {
		if v := it.Var("title-translated"); v != "" {
			r, owned := buf.sentenceCase(v)
			setVar(it, "title-translated", r, owned)
		}
		return
	}
	if it.Language != "" && !isEnglish(strings.ToLower(it.Language)) {
		return
	}
	// A name the abstract writes in mid-sentence is a name in the title.
	hints := sentencecase.Hints{Names: sentencecase.Names(e.Get("abstract"))}
	fields := [...]string{"title", "volume-title", "title-translated", "container-title"}
	n := 3
	if bookHost(e.Type) {
		n = 4
	}
	for _, k := range fields[:n] {
		v := it.Var(k)
		if v == "" {
			continue
		}
		v = protectBraced(v, e.Extra[k])
		if hints.Names != nil {
			setVar(it, k, sentencecase.ConvertWith(v, hints), false)
			continue
		}
		r, owned := buf.sentenceCase(v) // ConvertWith(v, hints) without hints
		setVar(it, k, r, owned)
	}
}

// protectBraced carries the case protection of a title's original LaTeX
// (kept in Extra by an import: "{Gaussian} Processes", "{{Optical
// Tracking}}") into the title as nocase spans, word by word in order, so
// that a word braced in one place is not taken for protected where it
// is not. A title that already holds nocase spans is the import's own
// record of its protection and is returned as it is, as is a title
// whose LaTeX braces nothing.
func protectBraced(title, raw string) string {
	if strings.Contains(title, `class="nocase"`) {
		return title
	}
	words := latexWords(raw)
	any := false
	for _, w := range words {
		any = any || w.braced
	}
	if !any {
		return title
	}
	next := 0
	return sentencecase.Protect(title, func(_ int, w string) bool {
		key := asciiKey(w)
		if key == "" {
			return false
		}
		// The LaTeX and the decoded title hold the same words in the same
		// order; look a few words ahead so that one that decodes
		// differently does not lose the rest.
		for k := next; k < len(words) && k < next+4; k++ {
			if words[k].key == key {
				next = k + 1
				return words[k].braced
			}
		}
		return false
	})
}

// latexWord is a word of a LaTeX value, compared by its ASCII letters
// and digits (accented letters written as commands, Schr\"odinger, and
// letters beyond ASCII are left out on both sides), and whether braces
// protect it.
type latexWord struct {
	key    string
	braced bool
}

// asciiKey is the part of a word a LaTeX value and its decoded text
// share: its ASCII letters and digits.
func asciiKey(w string) string {
	var b strings.Builder
	for _, r := range w {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// latexWords splits a BibTeX value into its words in order, each marked
// braced when an outermost protective group holds it: a group that is
// not a command's argument ({\textbf{…}}) nor a special character
// ({\'e}).
func latexWords(raw string) []latexWord {
	var words []latexWord
	depth := 0
	var cur strings.Builder
	curBraced := false
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, latexWord{key: cur.String(), braced: curBraced})
			cur.Reset()
		}
		curBraced = false
	}
	protecting := 0   // depth of the outermost protective group, 0 when outside
	argument := false // the next group is a command's argument, which protects nothing
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '{':
			depth++
			if protecting == 0 && !argument && (i+1 >= len(raw) || raw[i+1] != '\\') {
				protecting = depth
			}
			argument = false
		case c == '}':
			if depth == protecting {
				protecting = 0
			}
			depth--
		case c == '\\':
			// a command: skip its name, and an accent's letter
			j := i + 1
			for j < len(raw) && unicode.IsLetter(rune(raw[j])) {
				j++
			}
			name := raw[i+1 : j]
			switch {
			case j == i+1 && j < len(raw):
				j++ // \" \' \^ …
				if j < len(raw) && raw[j] != '{' && raw[j] != ' ' {
					j++ // the accented letter
				}
			case latexLetters[name]:
				// \ss, \o, \ae: a letter beyond ASCII, inside the word
			default:
				flush() // \textemdash, \emph: not part of a word
				if j < len(raw) && raw[j] == '{' {
					argument = true
				}
			}
			i = j - 1
		case c < 0x80 && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c))):
			if protecting > 0 {
				curBraced = true
			}
			cur.WriteByte(c)
		case c == '\'' || c >= 0x80:
			// an apostrophe or a UTF-8 letter: inside the word, compared without it
		default:
			flush()
		}
	}
	flush()
	return words
}

// latexLetters are the commands that write a letter (\ss, \o), part of
// the word they stand in.
var latexLetters = map[string]bool{"i": true, "j": true, "o": true, "O": true, "l": true, "L": true, "ss": true, "ae": true, "AE": true, "oe": true, "OE": true, "aa": true, "AA": true}
