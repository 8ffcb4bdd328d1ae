package bib

import "strings"

// Kind says how a CSL variable is stored and rendered (CSL 1.0.2, Appendix IV).
type Kind int

// The kinds of CSL variables.
const (
	Unknown  Kind = iota
	Standard      // strings and titles
	Number        // number variables: may hold "12", "12–14", "2nd"
	NameList      // name variables: a list of Name
	DateKind      // date variables: a Date
)

// variables lists every CSL 1.0.2 variable an entry may carry (and the few
// of cite's own that CSL lacks, marked below; CSL-JSON carries those in an
// item's custom object), in the order
// in which store writes them: titles of the work and its container,
// numbers and locators, publication facts and dates, identifiers (URL with
// its access date), notes, and last the name variables.
var variables = []struct {
	name string
	kind Kind
}{
	{"language", Standard},
	{"title", Standard},
	{"title-short", Standard},
	{"original-title", Standard},
	{"part-title", Standard},
	{"volume-title", Standard},
	{"volume-title-short", Standard},
	{"reviewed-title", Standard},
	{"reviewed-genre", Standard},
	{"container-title", Standard},
	{"container-title-short", Standard},
	// container-genre is cite's: the host's other title information
	// ("сетевой журнал", "[сайт]"), GOST R 7.0.100-2018 7.3.3.
	{"container-genre", Standard},
	{"collection-title", Standard},
	{"collection-number", Number},
	{"genre", Standard},
	{"medium", Standard},
	// content-form and media-type are cite's: ISBD area 0 as GOST R
	// 7.0.100-2018 writes it, "Текст : электронный" (content form, then
	// media type: "electronic", "unmediated" or the words to print).
	{"content-form", Standard},
	{"media-type", Standard},
	{"status", Standard},
	{"event-title", Standard},
	{"event", Standard},
	{"event-place", Standard},
	{"edition", Number},
	{"version", Number},
	{"volume", Number},
	{"number-of-volumes", Number},
	{"issue", Number},
	{"number", Number},
	{"part-number", Number},
	{"part", Number},
	{"printing-number", Number},
	{"printing", Number},
	{"supplement-number", Number},
	{"supplement", Number},
	{"chapter-number", Number},
	{"section", Number},
	{"page", Number},
	{"page-first", Number},
	{"number-of-pages", Number},
	{"locator", Number},
	{"citation-number", Number},
	{"first-reference-note-number", Number},
	{"publisher", Standard},
	{"publisher-place", Standard},
	{"original-publisher", Standard},
	{"original-publisher-place", Standard},
	{"issued", DateKind},
	{"original-date", DateKind},
	{"event-date", DateKind},
	{"submitted", DateKind},
	{"available-date", DateKind},
	{"authority", Standard},
	{"jurisdiction", Standard},
	{"division", Standard},
	{"dimensions", Standard},
	{"scale", Standard},
	{"source", Standard},
	{"archive", Standard},
	{"archive_collection", Standard},
	{"archive_location", Standard},
	{"archive-place", Standard},
	{"call-number", Standard},
	{"URL", Standard},
	{"accessed", DateKind},
	// access-conditions is cite's: who may open an online resource,
	// GOST's "Режим доступа: для зарегистрир. пользователей".
	{"access-conditions", Standard},
	{"DOI", Standard},
	{"ISBN", Standard},
	{"ISSN", Standard},
	{"PMID", Standard},
	{"PMCID", Standard},
	{"citation-key", Standard},
	{"citation-label", Standard},
	{"year-suffix", Standard},
	{"keyword", Standard},
	{"license", Standard},
	{"references", Standard},
	{"abstract", Standard},
	{"annote", Standard},
	{"note", Standard},

	{"author", NameList},
	{"editor", NameList},
	{"translator", NameList},
	{"editor-translator", NameList},
	{"container-author", NameList},
	{"collection-editor", NameList},
	{"compiler", NameList},
	{"contributor", NameList},
	{"chair", NameList},
	{"composer", NameList},
	{"curator", NameList},
	{"director", NameList},
	{"editorial-director", NameList},
	{"executive-producer", NameList},
	{"guest", NameList},
	{"host", NameList},
	{"illustrator", NameList},
	{"interviewer", NameList},
	{"narrator", NameList},
	{"organizer", NameList},
	{"original-author", NameList},
	{"performer", NameList},
	{"producer", NameList},
	{"recipient", NameList},
	{"reviewed-author", NameList},
	{"script-writer", NameList},
	{"series-creator", NameList},
}

var (
	variableKind  = map[string]Kind{}
	variableOrder = map[string]int{}
	// known maps every variable name, its "-translit" and "-translated"
	// forms and the other keys of a record to its canonical string and
	// order, so that entries share one copy of each name.
	known = map[string]varInfo{}
)

type varInfo struct {
	name string
	ord  int
}

// recordKeys are the keys of a record that are not variables.
var recordKeys = []string{"id", "aliases", "type", "extra"}

func init() {
	for i, v := range variables {
		variableKind[v.name] = v.kind
		variableOrder[v.name] = i
		known[v.name] = varInfo{v.name, i * 3}
		t, d := v.name+TranslitSuffix, v.name+TranslatedSuffix
		known[t] = varInfo{t, i*3 + 1}
		known[d] = varInfo{d, i*3 + 2}
	}
	for _, k := range recordKeys {
		known[k] = varInfo{k, len(variables) * 3}
	}
}

// variableInfo returns the canonical copy of name and its VariableOrder.
func variableInfo(name string) (string, int) {
	if v, ok := known[name]; ok {
		return v.name, v.ord
	}
	return name, VariableOrder(name)
}

// Intern returns the canonical copy of a variable name or record key
// ("title", "title-translit", "author", "id"), or name itself when it is
// none of those. Readers that build many entries call it so that the
// entries share their keys.
func Intern(name string) string {
	if v, ok := known[name]; ok {
		return v.name
	}
	return name
}

// Form suffixes mark the alternative forms of a standard variable or of a
// name part: "title-translit" is the romanised title, "title-translated"
// its translation into English (or the language of the target style).
const (
	TranslitSuffix   = "-translit"
	TranslatedSuffix = "-translated"
)

// VariableKind returns the kind of the CSL variable name, or Unknown. The
// romanised and translated forms of a standard variable ("title-translit")
// are Standard too.
func VariableKind(name string) Kind {
	if k, ok := variableKind[name]; ok {
		return k
	}
	if base, _ := SplitForm(name); base != name {
		if variableKind[base] == Standard {
			return Standard
		}
	}
	return Unknown
}

// SplitForm splits a field name into its base variable and form suffix:
// SplitForm("title-translit") is ("title", "-translit"). A name without a
// form suffix returns itself and "".
func SplitForm(name string) (base, form string) {
	for _, f := range []string{TranslitSuffix, TranslatedSuffix} {
		if b, ok := strings.CutSuffix(name, f); ok && b != "" {
			return b, f
		}
	}
	return name, ""
}

// VariableOrder returns a sort key that places variables in the canonical
// order used when writing entries. Alternative forms follow their base
// variable; unknown names sort last.
func VariableOrder(name string) int {
	base, form := SplitForm(name)
	i, ok := variableOrder[base]
	if !ok {
		return len(variables) * 3
	}
	switch form {
	case TranslitSuffix:
		return i*3 + 1
	case TranslatedSuffix:
		return i*3 + 2
	}
	return i * 3
}

// Variables returns the names of all CSL variables of kind k in canonical
// order.
func Variables(k Kind) []string {
	var out []string
	for _, v := range variables {
		if v.kind == k {
			out = append(out, v.name)
		}
	}
	return out
}

// types are the CSL 1.0.2 item types (Appendix III).
var types = []string{
	"article", "article-journal", "article-magazine", "article-newspaper",
	"bill", "book", "broadcast", "chapter", "classic", "collection", "dataset",
	"document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
	"figure", "graphic", "hearing", "interview", "legal_case", "legislation",
	"manuscript", "map", "motion_picture", "musical_score", "pamphlet",
	"paper-conference", "patent", "performance", "periodical",
	"personal_communication", "post", "post-weblog", "regulation", "report",
	"review", "review-book", "software", "song", "speech", "standard",
	"thesis", "treaty", "webpage",
}

var typeSet = func() map[string]bool {
	m := make(map[string]bool, len(types))
	for _, t := range types {
		m[t] = true
	}
	return m
}()

// IsType reports whether t is a CSL 1.0.2 item type.
func IsType(t string) bool { return typeSet[t] }

// Types returns the CSL item types in alphabetical order.
func Types() []string { return append([]string(nil), types...) }
