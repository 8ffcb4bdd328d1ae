package bibtex

import (
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/lazyregexp"
)

// This file holds every table that maps BibTeX and BibLaTeX onto the cite
// model: entry types, fields and languages. Decode and Encode read only
// these tables, so that a mapping is declared once.

// Dialect is the flavour of .bib that Encode writes.
type Dialect int

// The dialects. BibLaTeX (for biber) is UTF-8 and uses date, urldate,
// langid and the biblatex entry types; BibTeX (for classic bibtex) writes
// accented Latin letters as LaTeX commands, year and month macros, and only
// the standard entry types.
const (
	BibLaTeX Dialect = iota
	BibTeX
)

// String returns "biblatex" or "bibtex".
func (d Dialect) String() string {
	if d == BibTeX {
		return "bibtex"
	}
	return "biblatex"
}

// group classes entry types whose fields map alike.
type group int

const (
	gOther   group = iota
	gArticle       // article, periodical: number is the issue
	gBook          // books and collections: number is the series number
	gIn            // parts of books and proceedings: container is booktitle
	gReport        // reports
	gThesis        // theses
	gMisc          // misc, booklet, online, unpublished: publisher is howpublished
	gManual        // manual: publisher is the organization
)

// bibTypes maps every BibTeX and BibLaTeX entry type to a CSL type and a
// group. Types not listed are imported as "document" with a warning.
var bibTypes = map[string]struct {
	csl string
	g   group
}{
	"article": {"article-journal", gArticle}, "periodical": {"periodical", gArticle},
	"suppperiodical": {"article-journal", gArticle},
	"book":           {"book", gBook}, "mvbook": {"book", gBook}, "collection": {"book", gBook},
	"mvcollection": {"book", gBook}, "proceedings": {"book", gBook}, "mvproceedings": {"book", gBook},
	"reference": {"book", gBook}, "mvreference": {"book", gBook}, "commentary": {"book", gBook},
	"inbook": {"chapter", gIn}, "bookinbook": {"chapter", gIn}, "suppbook": {"chapter", gIn},
	"incollection": {"chapter", gIn}, "suppcollection": {"chapter", gIn},
	"inproceedings": {"paper-conference", gIn}, "conference": {"paper-conference", gIn},
	"inreference": {"entry-encyclopedia", gIn},
	"report":      {"report", gReport}, "techreport": {"report", gReport},
	"manual": {"report", gManual}, "patent": {"patent", gReport}, "standard": {"standard", gReport},
	"thesis": {"thesis", gThesis}, "phdthesis": {"thesis", gThesis}, "mastersthesis": {"thesis", gThesis},
	"misc": {"document", gMisc}, "booklet": {"pamphlet", gMisc}, "online": {"webpage", gMisc},
	"www": {"webpage", gMisc}, "electronic": {"webpage", gMisc}, "unpublished": {"manuscript", gMisc},
	"dataset": {"dataset", gOther}, "software": {"software", gOther},
	"legislation": {"legislation", gOther}, "jurisdiction": {"legal_case", gOther},
	"legal": {"treaty", gOther}, "letter": {"personal_communication", gOther},
	"movie": {"motion_picture", gOther}, "video": {"motion_picture", gOther},
	"music": {"song", gOther}, "audio": {"song", gOther}, "artwork": {"graphic", gOther},
	"image": {"graphic", gOther}, "performance": {"performance", gOther}, "review": {"review", gArticle},
	"set": {"document", gOther}, "xdata": {"document", gOther},
}

// bibtexTypes are the entry types of classic BibTeX's standard styles.
var bibtexTypes = map[string]bool{
	"article": true, "book": true, "booklet": true, "conference": true, "inbook": true,
	"incollection": true, "inproceedings": true, "manual": true, "mastersthesis": true,
	"misc": true, "phdthesis": true, "proceedings": true, "techreport": true, "unpublished": true,
}

// cslTypes maps CSL types to the entry type each dialect writes; a type
// whose entry type reads back as another CSL type gets an entrysubtype.
var cslTypes = map[string][2]string{ // [BibLaTeX, BibTeX]
	"article-journal": {"article", "article"}, "article-magazine": {"article", "article"},
	"article-newspaper": {"article", "article"}, "book": {"book", "book"},
	"chapter": {"incollection", "incollection"}, "dataset": {"dataset", "misc"},
	"document": {"misc", "misc"}, "entry-encyclopedia": {"inreference", "misc"},
	"entry-dictionary": {"inreference", "misc"}, "graphic": {"artwork", "misc"},
	"legal_case": {"jurisdiction", "misc"}, "legislation": {"legislation", "misc"},
	"bill": {"legislation", "misc"}, "regulation": {"legislation", "misc"},
	"manuscript": {"unpublished", "unpublished"}, "motion_picture": {"movie", "misc"},
	"pamphlet": {"booklet", "booklet"}, "paper-conference": {"inproceedings", "inproceedings"},
	"patent": {"patent", "misc"}, "performance": {"performance", "misc"},
	"periodical": {"periodical", "misc"}, "personal_communication": {"letter", "misc"},
	"post": {"online", "misc"}, "post-weblog": {"online", "misc"}, "report": {"report", "techreport"},
	"review": {"review", "misc"}, "review-book": {"review", "misc"}, "software": {"software", "misc"},
	"song": {"music", "misc"}, "speech": {"unpublished", "unpublished"}, "standard": {"standard", "misc"},
	"thesis": {"thesis", "phdthesis"}, "treaty": {"legal", "misc"}, "webpage": {"online", "misc"},
}

// subtypeNames are entrysubtype values with a conventional meaning.
var subtypeNames = map[string]string{"magazine": "article-magazine", "newspaper": "article-newspaper"}

// entryType returns the entry type dialect d writes for e.
func entryType(e *bib.Entry, d Dialect) string {
	t, ok := cslTypes[e.Type]
	if !ok {
		return "misc"
	}
	bt := t[0]
	if d == BibTeX {
		bt = t[1]
	}
	switch {
	case e.Type == "chapter" && len(e.Names("editor")) == 0 && e.Get("container-title") == "":
		bt = "inbook"
	case e.Type == "thesis" && d == BibTeX && strings.Contains(strings.ToLower(e.Get("genre")), "master"):
		bt = "mastersthesis"
	}
	return bt
}

// subtype returns the entrysubtype that makes bibType read back as csl, or "".
func subtype(bibType, csl string) string {
	if readType(bibType, "") == csl {
		return ""
	}
	for name, t := range subtypeNames {
		if t == csl && bibTypes[bibType].g == gArticle {
			return name
		}
	}
	return csl
}

// readType returns the CSL type of an entry type with an entrysubtype.
func readType(bibType, sub string) string {
	if t, ok := subtypeNames[strings.ToLower(sub)]; ok && bibTypes[bibType].g == gArticle {
		return t
	}
	if bib.IsType(sub) {
		return sub
	}
	if t, ok := bibTypes[bibType]; ok {
		return t.csl
	}
	return "document"
}

// kind says how a field's value is written.
type kind int

const (
	kText     kind = iota // LaTeX text
	kTitle                // LaTeX text whose capitals are protected with braces
	kList                 // a biblatex literal list: "and" separates items
	kVerbatim             // not LaTeX: url, doi
	kNames                // a name list
	kDate                 // an EDTF date (biblatex's date fields)
	kLang                 // a babel language name (langid)
)

// dialects says which dialects write a field; both read it.
type dialects int

const (
	both dialects = iota
	onlyBibLaTeX
	onlyBibTeX
	readOnly // an alias other tools write; cite writes the variable's own field
)

// field is one row of the field table: a .bib field, the CSL variable it
// holds, how it is written, the groups of entry types it applies to (none:
// all) and the dialects that write it.
type field struct {
	bib    string
	csl    string
	kind   kind
	groups []group
	writer dialects
}

// nonIn is every group but gIn: the container of their entries is a
// journal, a newspaper or a web site.
var nonIn = []group{gOther, gArticle, gBook, gReport, gThesis, gMisc, gManual}

// nonMisc is every group but gMisc, whose howpublished is the publisher.
var nonMisc = []group{gOther, gArticle, gBook, gIn, gReport, gThesis, gManual}

// fields is the field table, in the order Encode writes fields. When two
// rows give one variable for a group, the earlier row wins on import and
// the other field is kept in extra.
var fields = []field{
	{"author", "author", kNames, nil, both},
	{"bookauthor", "container-author", kNames, nil, both},
	{"editor", "editor", kNames, nil, both},
	{"translator", "translator", kNames, nil, both},
	{"title", "title", kTitle, nil, both},
	{"shorttitle", "title-short", kTitle, nil, both},
	{"origtitle", "original-title", kTitle, nil, both},
	{"booktitle", "container-title", kTitle, []group{gIn}, both},
	{"journaltitle", "container-title", kText, nonIn, onlyBibLaTeX},
	{"journal", "container-title", kText, nonIn, onlyBibTeX},
	{"shortjournal", "container-title-short", kText, nonIn, both},
	{"shortbooktitle", "container-title-short", kText, []group{gIn}, readOnly},
	{"eventtitle", "event-title", kTitle, nil, both},
	{"venue", "event-place", kText, nil, both},
	{"eventdate", "event-date", kDate, nil, both},
	{"series", "collection-title", kText, nil, both},
	{"edition", "edition", kText, nil, both},
	{"volume", "volume", kText, nil, both},
	{"volumes", "number-of-volumes", kText, nil, both},
	{"part", "part-number", kText, nil, both},
	{"number", "issue", kText, []group{gArticle}, both},
	{"number", "collection-number", kText, []group{gBook, gIn}, both},
	{"number", "number", kText, []group{gOther, gReport, gThesis, gMisc, gManual}, both},
	{"chapter", "chapter-number", kText, nil, both},
	{"pages", "page", kText, nil, both},
	{"pagetotal", "number-of-pages", kText, nil, both},
	{"numpages", "number-of-pages", kText, nil, readOnly}, // ACM's exports, Russian templates
	{"type", "genre", kText, nil, both},
	{"howpublished", "publisher", kText, []group{gMisc}, both},
	{"school", "publisher", kList, []group{gThesis}, onlyBibTeX},
	{"institution", "publisher", kList, []group{gThesis}, onlyBibLaTeX},
	{"institution", "publisher", kList, []group{gReport}, both},
	{"publisher", "publisher", kList, nil, both},
	// Read only when the entry has no publisher (the rows above win): the
	// organization that issued a manual, how an odd item (a patent, a
	// standard) was published.
	{"organization", "publisher", kList, []group{gManual}, both},
	{"howpublished", "publisher", kText, nonMisc, both},
	{"location", "publisher-place", kList, nil, onlyBibLaTeX},
	{"address", "publisher-place", kList, nil, onlyBibTeX},
	{"origpublisher", "original-publisher", kList, nil, both},
	{"origlocation", "original-publisher-place", kList, nil, both},
	{"origdate", "original-date", kDate, nil, both},
	{"date", "issued", kDate, nil, onlyBibLaTeX},
	{"pubstate", "status", kText, nil, both},
	{"media", "media-type", kText, nil, both},
	{"version", "version", kText, nil, both},
	{"isbn", "ISBN", kText, nil, both},
	{"issn", "ISSN", kText, nil, both},
	{"doi", "DOI", kVerbatim, nil, both},
	{"url", "URL", kVerbatim, nil, both},
	{"urldate", "accessed", kDate, nil, both},
	{"langid", "language", kLang, nil, onlyBibLaTeX},
	{"language", "language", kLang, nil, onlyBibTeX},
	{"keywords", "keyword", kText, nil, both},
	{"abstract", "abstract", kText, nil, both},
	{"annotation", "annote", kText, nil, onlyBibLaTeX},
	{"annote", "annote", kText, nil, onlyBibTeX},
	{"note", "note", kText, nil, both},
}

// specialFields are read and written by Decode and Encode themselves.
var specialFields = map[string]bool{"year": true, "month": true, "entrysubtype": true, "crossref": true}

func (f field) applies(g group) bool {
	if len(f.groups) == 0 {
		return true
	}
	for _, x := range f.groups {
		if x == g {
			return true
		}
	}
	return false
}

func (f field) writes(d Dialect) bool {
	return f.writer == both || (f.writer != readOnly && (f.writer == onlyBibLaTeX) == (d == BibLaTeX))
}

// readRows returns the rows that read a .bib field in group g.
func readRow(name string, g group) (field, bool) {
	for _, f := range fields {
		if f.bib == name && f.applies(g) {
			return f, true
		}
	}
	return field{}, false
}

// writeRow returns the row dialect d uses to write variable v in group g.
func writeRow(v string, g group, d Dialect) (field, bool) {
	for _, f := range fields {
		if f.csl == v && f.applies(g) && f.writes(d) {
			return f, true
		}
	}
	return field{}, false
}

// bibFieldNames is every .bib field name of the table, which a CSL variable
// written under its own name must not take.
var bibFieldNames = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range fields {
		m[f.bib] = true
	}
	for k := range specialFields {
		m[k] = true
	}
	return m
}()

// cslByLower maps lower-cased CSL variable names to the variables.
var cslByLower = func() map[string]string {
	m := map[string]string{}
	for _, k := range []bib.Kind{bib.Standard, bib.Number, bib.NameList, bib.DateKind} {
		for _, v := range bib.Variables(k) {
			m[strings.ToLower(v)] = v
		}
	}
	return m
}()

// genericName returns the .bib field that holds CSL variable v when the
// table has no row for it: the variable's own name in lower case, or
// "csl-" and the name where that is a .bib field with another meaning.
func genericName(v string) string {
	n := strings.ToLower(v)
	if bibFieldNames[n] {
		return "csl-" + n
	}
	return n
}

// genericVar returns the CSL variable (or -translit/-translated form)
// that a field written by genericName holds.
func genericVar(name string) (string, bool) {
	n, prefixed := strings.CutPrefix(name, "csl-")
	if !prefixed && bibFieldNames[n] {
		return "", false
	}
	base, form := bib.SplitForm(n)
	v, ok := cslByLower[base]
	if !ok {
		return "", false
	}
	if k := bib.VariableKind(v); form != "" && k != bib.Standard && k != bib.NameList {
		return "", false
	}
	return v + form, true
}

// genericKind returns how a variable without a row of its own is written:
// a romanised or translated title like the title, anything else as text.
func genericKind(v string, g group) kind {
	base, form := bib.SplitForm(v)
	if form != "" {
		for _, f := range fields {
			if f.csl == base && f.applies(g) && f.kind == kTitle {
				return kTitle
			}
		}
	}
	return kText
}

// languages maps babel and polyglossia language names to BCP 47 tags; the
// first name of a tag is the one Encode writes.
var languages = []struct{ babel, tag string }{
	{"english", "en"}, {"american", "en-US"}, {"british", "en-GB"}, {"canadian", "en-CA"},
	{"australian", "en-AU"}, {"newzealand", "en-NZ"}, {"USenglish", "en-US"}, {"UKenglish", "en-GB"},
	{"russian", "ru"}, {"kazakh", "kk"}, {"ukrainian", "uk"}, {"belarusian", "be"},
	{"german", "de"}, {"ngerman", "de-1996"}, {"austrian", "de-AT"}, {"naustrian", "de-AT-1996"},
	{"swissgerman", "de-CH"}, {"nswissgerman", "de-CH-1996"}, {"french", "fr"}, {"italian", "it"},
	{"spanish", "es"}, {"catalan", "ca"}, {"portuguese", "pt"}, {"brazil", "pt-BR"}, {"brazilian", "pt-BR"},
	{"dutch", "nl"}, {"latin", "la"}, {"greek", "el"}, {"polish", "pl"}, {"czech", "cs"},
	{"slovak", "sk"}, {"slovene", "sl"}, {"croatian", "hr"}, {"serbian", "sr"}, {"bulgarian", "bg"},
	{"hungarian", "hu"}, {"romanian", "ro"}, {"swedish", "sv"}, {"norsk", "nb"}, {"nynorsk", "nn"},
	{"danish", "da"}, {"finnish", "fi"}, {"icelandic", "is"}, {"estonian", "et"}, {"latvian", "lv"},
	{"lithuanian", "lt"}, {"turkish", "tr"}, {"hebrew", "he"}, {"arabic", "ar"}, {"japanese", "ja"},
	{"chinese", "zh"}, {"korean", "ko"}, {"irish", "ga"}, {"welsh", "cy"}, {"basque", "eu"},
	{"galician", "gl"}, {"uzbek", "uz"}, {"kyrgyz", "ky"}, {"armenian", "hy"}, {"georgian", "ka"},
}

var bcp47 = lazyregexp.New(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// languageTag reads a langid value: a babel name or a BCP 47 tag.
func languageTag(s string) (string, bool) {
	for _, l := range languages {
		if strings.EqualFold(l.babel, s) {
			return l.tag, true
		}
	}
	if bcp47().MatchString(s) {
		return s, true
	}
	return "", false
}

// babelName returns the langid that dialect-independent tag is written as,
// and whether that name reads back as the same tag.
func babelName(tag string) (string, bool) {
	for _, l := range languages {
		if l.tag == tag {
			return l.babel, true
		}
	}
	primary, _, _ := strings.Cut(tag, "-")
	for _, l := range languages {
		if l.tag == primary {
			return l.babel, false
		}
	}
	return tag, bcp47().MatchString(tag)
}

// months are the names BibTeX's month macros stand for.
var months = []string{"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"}

// noInherit lists fields a crossref child never inherits (biblatex's list).
var noInherit = map[string]bool{
	"ids": true, "crossref": true, "xref": true, "entryset": true, "entrysubtype": true,
	"execute": true, "label": true, "options": true, "presort": true, "related": true,
	"relatedoptions": true, "relatedstring": true, "relatedtype": true, "shorthand": true,
	"shorthandintro": true, "sortkey": true,
}

// titleInheritance says how a child inherits its parent's fields where
// the name changes, as in biblatex's default \DeclareDataInheritance: from
// a multi-volume work the titles become main titles, from a book or
// proceedings book titles, from a periodical journal titles. A field mapped
// to no name is not inherited; a field not in the map is inherited under
// its own name.
func titleInheritance(parentType, childType string) map[string][]string {
	skip := []string(nil)
	child := bibTypes[childType].g
	switch parentType {
	case "mvbook", "mvcollection", "mvproceedings", "mvreference":
		return map[string][]string{"title": {"maintitle"}, "subtitle": {"mainsubtitle"}, "titleaddon": {"maintitleaddon"},
			"shorttitle": skip, "sorttitle": skip, "indextitle": skip, "indexsorttitle": skip}
	case "book", "collection", "proceedings", "reference":
		if child == gIn {
			m := map[string][]string{"title": {"booktitle"}, "subtitle": {"booksubtitle"}, "titleaddon": {"booktitleaddon"},
				"shorttitle": skip, "sorttitle": skip, "indextitle": skip, "indexsorttitle": skip}
			if parentType == "book" {
				m["author"] = []string{"author", "bookauthor"}
			}
			return m
		}
	case "periodical":
		return map[string][]string{"title": {"journaltitle"}, "subtitle": {"journalsubtitle"},
			"shorttitle": skip, "sorttitle": skip, "indextitle": skip, "indexsorttitle": skip}
	}
	return nil
}

// LanguageTag reads a language as BibTeX files, babel, polyglossia and
// reference managers name it ("english", "Russian", "ngerman") or a BCP 47
// tag ("ru", "en-GB"), and returns its BCP 47 tag; ok is false for a name
// cite does not know. Other importers (RIS's LA) use it too.
func LanguageTag(name string) (tag string, ok bool) { return languageTag(strings.TrimSpace(name)) }
