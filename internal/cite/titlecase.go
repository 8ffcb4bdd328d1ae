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

// bookHosts are the types whose container is a book (or proceedings
// published as one), whose title APA also writes in sentence case (10.3,
// 10.5); the names of journals, newspapers and sites keep their capitals.
var bookHosts = map[string]bool{
	"chapter": true, "entry": true, "entry-dictionary": true, "entry-encyclopedia": true, "paper-conference": true,
}

// legalTypes are the types whose titles are names, never recased.
var legalTypes = map[string]bool{"legislation": true, "regulation": true, "bill": true, "legal_case": true, "treaty": true, "hearing": true}

// sentenceCase puts the English titles of it in sentence case: the title,
// the title of a volume, the translated title and, for a part of a book,
// the book's title. A record whose language is set and not English keeps
// its titles (CSL 1.0.2, "Text-case": an item without a language counts
// as English). Words the record's original LaTeX protected with braces
// (kept in Extra by an import) are kept too.
func sentenceCase(e *bib.Entry, it *item.Item) {
	if legalTypes[e.Type] {
		return // the name of a law or a case is a proper name (APA 11.5)
	}
	if l := strings.TrimSpace(e.Get("language")); l != "" && !isEnglish(strings.ToLower(l)) {
		if v, ok := it.Vars["title-translated"]; ok {
			it.Vars["title-translated"] = sentencecase.Convert(v)
		}
		return
	}
	if it.Language != "" && !isEnglish(strings.ToLower(it.Language)) {
		return
	}
	fields := []string{"title", "volume-title", "title-translated"}
	if bookHosts[e.Type] {
		fields = append(fields, "container-title")
	}
	for _, k := range fields {
		v, ok := it.Vars[k]
		if !ok {
			continue
		}
		it.Vars[k] = sentencecase.ConvertKeeping(v, bracedWords(e.Extra[k]))
	}
}

// bracedWords returns a test for the words that a BibTeX value protects
// with braces ("{Gaussian} Processes", "{{Optical Tracking}}"), or nil
// when raw has none. Accented letters written as commands (Schr\"odinger)
// are compared without their letter, so that the decoded word
// (Schrödinger) still matches.
func bracedWords(raw string) func(string) bool {
	if !strings.Contains(raw, "{") {
		return nil
	}
	words := map[string]bool{}
	depth := 0
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words[cur.String()] = true
			cur.Reset()
		}
	}
	protecting := 0   // depth of the outermost protective group, 0 when outside
	argument := false // the next group is a command's argument ({\textbf{…}}), which protects nothing
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
				flush()
				protecting = 0
			}
			depth--
		case c == '\\':
			// a command: skip its name, and an accent's letter
			j := i + 1
			for j < len(raw) && unicode.IsLetter(rune(raw[j])) {
				j++
			}
			if j == i+1 && j < len(raw) {
				j++ // \" \' \^ …
				if j < len(raw) && raw[j] != '{' && raw[j] != ' ' {
					j++ // the accented letter
				}
			} else if j < len(raw) && raw[j] == '{' {
				argument = true
			}
			i = j - 1
		case protecting > 0 && c < 0x80 && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)) || c == '\''):
			cur.WriteByte(c)
		case protecting > 0 && c >= 0x80:
			// a UTF-8 letter: compared without it
		default:
			flush()
		}
	}
	if len(words) == 0 {
		return nil
	}
	return func(w string) bool {
		var b strings.Builder
		for _, r := range w {
			if r < 0x80 {
				b.WriteRune(r)
			}
		}
		return words[b.String()] || words[strings.TrimSuffix(b.String(), "'s")]
	}
}
