package cite

import (
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/translit"
)

// DefaultScheme is the romanisation used when a record has no romanised
// form and the caller names no scheme: BGN/PCGN, the system of the
// romanised names already in the essay's records ("Kazakhstanskaya
// pravda").
const DefaultScheme = translit.BGN

// Prep says how the items are prepared for a style.
type Prep struct {
	// Romanize replaces Cyrillic names and text variables by their
	// "-translit" forms or, lacking those, by their romanisation with
	// Scheme; an institution with a "literal-translated" form gets that.
	Romanize bool
	// Scheme is the romanisation scheme; zero means DefaultScheme.
	Scheme translit.Scheme
	// Translate passes the record's "title-translated" as the variable
	// "title-translated" when the work is not in English, for styles that
	// print it in brackets after the title.
	Translate bool
	// Heading sets the variable "author-heading" when the work has one
	// to three authors, all of them persons: GOST starts only such
	// descriptions with a heading, and CSL cannot count names. It also
	// sets "author-title-page" for a dissertation not in English, whose
	// statement of responsibility names the author as its title page
	// does.
	Heading bool
	// SentenceCase puts English titles in sentence case (APA 7, 6.17).
	SentenceCase bool
	// OpenAsUndated drops the issued date of a work still being
	// published (an open range, "2000/.."): APA dates a continuously
	// updated work "n.d." and gives its retrieval date (9.16, 9.17).
	// Otherwise such an item gets the variable "issued-open", which the
	// GOST styles print as "2000 – ." (GOST R 7.0.100-2018, 5.5.7).
	OpenAsUndated bool
	// Language, when set, replaces every item's language, so that a
	// style's localized layout for it applies (the romanised References
	// list is in English).
	Language string
}

// noRomanize reports whether the text of the variable k is an identifier
// or an address, never romanised.
func noRomanize(k string) bool {
	switch k {
	case "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "citation-key":
		return true
	}
	return false
}

// Prepare maps e with Item and applies p.
func Prepare(e *bib.Entry, p Prep) *item.Item { return prepare(e, p, nil) }

// prepare is Prepare working in buf when it is not nil, so that the
// item's own lists are made once, at the end: a caller that prepares many
// entries in turn passes the same buf each time, which also remembers
// what the conversions made of the strings met (see memo). With buf.own
// the item gets copies of its strings too (see ownStrings).
func prepare(e *bib.Entry, p Prep, buf *scratch) *item.Item {
	it := apply(e, p, buf)
	it.Source.(*entrySource).keep(buf)
	if buf != nil && buf.own {
		ownStrings(it, buf)
	}
	return it
}

// apply maps e with Item and applies p, as Prepare does, but leaves the
// adapter as the preparation made it: its changes still apart from the
// entry's variables.
func apply(e *bib.Entry, p Prep, buf *scratch) *item.Item {
	var rom translit.Scheme // the names' romanisation, none when zero
	sc := p.Scheme
	if sc == 0 {
		sc = DefaultScheme
	}
	if p.Romanize {
		rom = sc
	}
	it := newItem(e, rom, buf)
	src := it.Source.(*entrySource)
	lang := it.Language
	if p.Romanize {
		// No variable is changed or hidden yet: each reads as the entry's.
		var formsBuf [4]fieldValue
		forms := translitForms(formsBuf[:0], e)
		for i := range src.fields {
			k, v := src.fields[i].name, src.fields[i].value
			if noRomanize(k) {
				continue
			}
			if k == "genre" {
				if tr := e.Get("genre" + bib.TranslatedSuffix); tr != "" {
					if tr != v {
						src.setVar(k, tr, false)
					}
					continue
				}
			}
			if r, owned := romanized(v, translitOf(forms, k), sc, lang, buf); r != v {
				src.setVar(k, r, owned)
			}
		}
	}
	if p.Translate && !isEnglish(lang) {
		if tr := e.Get("title" + bib.TranslatedSuffix); tr != "" {
			setVar(it, "title-translated", tr, false)
		}
	}
	if d, ok := e.Date("issued"); ok {
		switch {
		case undatedLiteral(d.Literal):
			src.hide("issued")
		case d.Range && d.End.IsZero() && !d.Start.IsZero():
			if p.OpenAsUndated {
				src.hide("issued")
			} else {
				setVar(it, "issued-open", "true", true)
			}
		}
	}
	switch mediaKeyword(it.Var("media-type")) {
	case "electronic":
		hideVar(it, src, "media-type")
		setVar(it, "media-electronic", "true", true)
	case "unmediated":
		hideVar(it, src, "media-type")
		setVar(it, "media-unmediated", "true", true)
	}
	if p.SentenceCase {
		sentenceCase(e, it, buf)
	}
	if p.Heading && headed(e.Names("author")) {
		setVar(it, "author-heading", "true", true)
	}
	if p.Heading && e.Type == "thesis" && lang != "" && !isEnglish(lang) {
		// A Russian or Kazakh dissertation's title page names its
		// author surname first and in full; GOST's statement of
		// responsibility gives that form (GOST R 7.0.100-2018's example
		// "… / Вишняков Илья Владимирович ; …").
		setVar(it, "author-title-page", "true", true)
	}
	if p.Language != "" {
		it.Language = p.Language
	}
	return it
}

// setVar sets the variable k of it to v, in its adapter and only when that
// changes what the engine reads (the entry's own value is read through
// Source). owned says that v is none of the library's memory (a constant,
// or the items' own copy, see memo), so that ownStrings need not copy it.
func setVar(it *item.Item, k, v string, owned bool) {
	if it.Var(k) == v {
		return
	}
	it.Source.(*entrySource).setVar(k, v, owned)
}

// hideVar takes the variable k away from the engine.
func hideVar(it *item.Item, src *entrySource, k string) {
	src.unset(k)
	src.hide(k)
}

// translitForms appends to forms the "-translit" forms of e's variables,
// each under the name of the variable it is a form of, in e's order: read
// once for all the variables an entry romanises.
func translitForms(forms []fieldValue, e *bib.Entry) []fieldValue {
	const suffix = bib.TranslitSuffix
	for name, v := range e.Fields() {
		if len(name) >= len(suffix) && name[len(name)-len(suffix):] == suffix {
			forms = append(forms, fieldValue{name[:len(name)-len(suffix)], v})
		}
	}
	return forms
}

// translitOf returns the variable k+bib.TranslitSuffix of the entry whose
// forms are forms (see translitForms), as e.Get does.
func translitOf(forms []fieldValue, k string) string {
	for _, f := range forms {
		if f.name == k {
			return f.value
		}
	}
	return ""
}

// romanized returns the romanised form of v: the record's form when it
// has one, v itself when it has no Cyrillic, or its romanisation with
// the scheme sc, remembered in buf (see memo). It reports whether the
// result is the items' own.
func romanized(v, recorded string, sc translit.Scheme, lang string, buf *scratch) (string, bool) {
	if recorded != "" {
		return recorded, false
	}
	if !hasCyrillic(v) {
		return v, false
	}
	return buf.romanize(v, sc, lang)
}

// translitKeys are the keys of the "-translit" forms of engineName's
// parts, and translitOrder the order in which it looks them up.
var (
	translitKeys = [6]string{
		"family" + bib.TranslitSuffix, "given" + bib.TranslitSuffix, "dropping-particle" + bib.TranslitSuffix,
		"non-dropping-particle" + bib.TranslitSuffix, "suffix" + bib.TranslitSuffix, "literal" + bib.TranslitSuffix,
	}
	translitOrder = [6]int{0, 1, 5, 3, 2, 4}
)

// engineName converts n into the engine's name; with rom (not zero), in
// Latin script: an institution in its English form ("literal-translated")
// or romanised, a person from the record's "-translit" parts, and each
// part still in Cyrillic romanised with rom (bib.Name.Alternate, then
// translit.Romanize). When buf owns its strings, so does the name (see
// ownStrings).
func engineName(n *bib.Name, rom translit.Scheme, lang string, buf *scratch) item.Name {
	parts := [6]string{n.Family, n.Given, n.DroppingParticle, n.NonDroppingParticle, n.Suffix, n.Literal}
	var owned [6]bool
	out := item.Name{CommaSuffix: n.CommaSuffix, StaticOrdering: n.StaticOrdering}
	switch {
	case rom == 0:
	case n.Literal != "" && n.Alt["literal"+bib.TranslatedSuffix] != "":
		parts, out = [6]string{5: n.Alt["literal"+bib.TranslatedSuffix]}, item.Name{}
	default:
		// Looked up in the order of their frequency, until every form
		// the name has is found: most names have one (family-translit).
		found := 0
		for _, i := range translitOrder {
			if found == len(n.Alt) {
				break
			}
			if v, ok := n.Alt[translitKeys[i]]; ok {
				parts[i] = v
				found++
			}
		}
		for i, v := range parts {
			if v != "" && hasCyrillic(v) { // most parts are empty
				parts[i], owned[i] = buf.romanize(v, rom, lang)
			}
		}
	}
	if buf != nil && buf.own {
		for i, v := range parts {
			if !owned[i] && v != "" { // most parts are empty
				parts[i] = buf.namePart(v)
			}
		}
	}
	out.Family, out.Given, out.DroppingParticle = parts[0], parts[1], parts[2]
	out.NonDroppingParticle, out.Suffix, out.Literal = parts[3], parts[4], parts[5]
	return out
}

// headed reports whether a work by names gets a heading in GOST: one to
// three authors, all persons.
func headed(names []bib.Name) bool {
	n := 0
	for _, a := range names {
		if a.IsEmpty() {
			continue
		}
		if a.IsLiteral() {
			return false
		}
		n++
	}
	return n >= 1 && n <= 3
}

// hasCyrillic reports whether s has a character of the Cyrillic blocks
// (U+0400 to U+052F). It reads bytes: in UTF-8 those characters are the
// two-byte sequences D0 80 to D4 AF, and a byte D0 to D4 followed by a
// continuation byte is such a sequence wherever it stands, as decoding
// the string would read it.
func hasCyrillic(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 { // ASCII eight bytes at a time: none of them starts a letter
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&0x8080808080808080 != 0 {
			break
		}
	}
	for ; i+1 < len(s); i++ {
		if c := s[i]; c >= 0xD0 && c <= 0xD4 {
			if d := s[i+1]; d >= 0x80 && (c < 0xD4 && d <= 0xBF || d <= 0xAF) {
				return true
			}
		}
	}
	return false
}

func isEnglish(lang string) bool {
	return lang == "en" || len(lang) > 3 && lang[:3] == "en-"
}

// undatedLiteral reports whether a literal date says that the work is
// undated: "n.d.", "n. d.", "nd", "б. г.", "s.d.", "s.a.", "o.J.",
// "undated", "no date". Such a date is dropped, so that each style says
// "undated" in its own words (APA's "n.d."; GOST describes the work
// without a date).
func undatedLiteral(s string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r != '.' && r != ' ' && r != '\u00a0' {
			b.WriteRune(r)
		}
	}
	switch b.String() {
	case "nd", "бг", "бд", "sd", "sa", "oj", "undated", "nodate", "n/d":
		return true
	}
	return false
}

// mediaKeyword reads the record's media-type: "electronic" for the words
// that mean an electronic resource (electronic, eresource, online,
// электронный, электрондық), "unmediated" for a printed one (unmediated,
// print, text, непосредственный, тікелей), "" for anything else, which the
// GOST styles print as recorded.
func mediaKeyword(v string) string {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "electronic", "eresource", "e-resource", "online", "digital", "электронный", "электрондық":
		return "electronic"
	case "unmediated", "print", "printed", "text", "paper", "непосредственный", "тікелей":
		return "unmediated"
	}
	return ""
}
