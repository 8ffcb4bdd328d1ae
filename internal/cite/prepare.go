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

// noRomanize lists variables whose text is an identifier or an address,
// never romanised.
var noRomanize = map[string]bool{"URL": true, "DOI": true, "ISBN": true, "ISSN": true, "PMID": true, "PMCID": true, "citation-key": true}

// Prepare maps e with Item and applies p.
func Prepare(e *bib.Entry, p Prep) *item.Item { return prepare(e, p, nil) }

// prepare is Prepare working in buf when it is not nil, so that the
// item's own lists are made once, at the end: a caller that prepares many
// entries in turn passes the same buf each time. With buf.own the item
// gets copies of its strings too (see ownStrings).
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
	var conv func(bib.Name, string) bib.Name
	sc := p.Scheme
	if sc == 0 {
		sc = DefaultScheme
	}
	if p.Romanize {
		conv = func(n bib.Name, lang string) bib.Name { return romanizeName(n, sc, lang) }
	}
	it := newItem(e, conv, buf)
	src := it.Source.(*entrySource)
	lang := it.Language
	if p.Romanize {
		for k, v := range src.vars {
			if noRomanize[k] {
				continue
			}
			if k == "genre" {
				if tr := e.Get("genre" + bib.TranslatedSuffix); tr != "" {
					setVar(it, k, tr)
					continue
				}
			}
			setVar(it, k, romanized(v, e.Get(k+bib.TranslitSuffix), sc, lang))
		}
	}
	if p.Translate && !isEnglish(lang) {
		if tr := e.Get("title" + bib.TranslatedSuffix); tr != "" {
			setVar(it, "title-translated", tr)
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
				setVar(it, "issued-open", "true")
			}
		}
	}
	switch mediaKeyword(it.Var("media-type")) {
	case "electronic":
		hideVar(it, src, "media-type")
		setVar(it, "media-electronic", "true")
	case "unmediated":
		hideVar(it, src, "media-type")
		setVar(it, "media-unmediated", "true")
	}
	if p.SentenceCase {
		sentenceCase(e, it)
	}
	if p.Heading && headed(e.Names("author")) {
		setVar(it, "author-heading", "true")
	}
	if p.Heading && e.Type == "thesis" && lang != "" && !isEnglish(lang) {
		// A Russian or Kazakh dissertation's title page names its
		// author surname first and in full; GOST's statement of
		// responsibility gives that form (GOST R 7.0.100-2018's example
		// "… / Вишняков Илья Владимирович ; …").
		setVar(it, "author-title-page", "true")
	}
	if p.Language != "" {
		it.Language = p.Language
	}
	return it
}

// setVar sets the variable k of it to v, in its adapter and only when that
// changes what the engine reads (the entry's own value is read through
// Source).
func setVar(it *item.Item, k, v string) {
	if it.Var(k) == v {
		return
	}
	it.Source.(*entrySource).setVar(k, v)
}

// hideVar takes the variable k away from the engine.
func hideVar(it *item.Item, src *entrySource, k string) {
	src.unset(k)
	src.hide(k)
}

// romanized returns the romanised form of v: the record's form when it
// has one, v itself when it has no Cyrillic, or its romanisation.
func romanized(v, recorded string, sc translit.Scheme, lang string) string {
	if recorded != "" {
		return recorded
	}
	if !hasCyrillic(v) {
		return v
	}
	return translit.Romanize(v, sc, lang)
}

// romanizeName returns n in Latin script: an institution in its English
// form ("literal-translated") or romanised, a person from the record's
// "-translit" parts, and each part still in Cyrillic romanised with sc.
func romanizeName(n bib.Name, sc translit.Scheme, lang string) bib.Name {
	if n.IsLiteral() {
		if tr := n.Alt["literal"+bib.TranslatedSuffix]; tr != "" {
			return bib.Name{Literal: tr}
		}
	}
	out, _ := n.Alternate(bib.TranslitSuffix)
	for _, p := range bib.NameParts {
		if v := out.Part(p); hasCyrillic(v) {
			out.SetPart(p, translit.Romanize(v, sc, lang))
		}
	}
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

func hasCyrillic(s string) bool {
	for _, r := range s {
		if r >= 0x0400 && r <= 0x052F {
			return true
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
