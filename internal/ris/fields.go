package ris

// This file holds every table that maps RIS onto the cite model (RIS
// Format Specifications, Research Information Systems; the tags as
// EndNote and Zotero write them). Decode and Encode read only these
// tables.

// types maps TY values onto CSL item types. The first TY listed for a CSL
// type is the one Encode writes; Decode keeps any other in Extra["TY"], so
// that Encode writes it back.
var types = []struct{ ris, csl string }{
	{"JOUR", "article-journal"}, {"EJOUR", "article-journal"}, {"INPR", "article-journal"}, {"ABST", "article-journal"},
	{"MGZN", "article-magazine"}, {"NEWS", "article-newspaper"},
	{"BOOK", "book"}, {"EBOOK", "book"}, {"EDBOOK", "book"}, {"SER", "book"},
	{"CHAP", "chapter"}, {"ECHAP", "chapter"},
	{"CONF", "paper-conference"}, {"CPAPER", "paper-conference"},
	{"THES", "thesis"}, {"RPRT", "report"}, {"GOVDOC", "report"},
	{"ELEC", "webpage"}, {"WEB", "webpage"}, {"BLOG", "post-weblog"},
	{"GEN", "document"}, {"CTLG", "document"}, {"GRANT", "document"}, {"MULTI", "document"},
	{"STAT", "legislation"}, {"LEGAL", "legislation"}, {"BILL", "bill"}, {"UNBILL", "bill"},
	{"CASE", "legal_case"}, {"PAT", "patent"}, {"STAND", "standard"},
	{"UNPB", "manuscript"}, {"MANSCPT", "manuscript"},
	{"DATA", "dataset"}, {"DBASE", "dataset"}, {"AGGR", "dataset"}, {"COMP", "software"},
	{"MAP", "map"}, {"MPCT", "motion_picture"}, {"VIDEO", "motion_picture"}, {"ADVS", "motion_picture"},
	{"SOUND", "song"}, {"MUSIC", "musical_score"},
	{"ENCYC", "entry-encyclopedia"}, {"DICT", "entry-dictionary"},
	{"PCOMM", "personal_communication"}, {"ICOMM", "personal_communication"},
	{"HEAR", "hearing"}, {"ART", "graphic"}, {"FIGURE", "figure"}, {"CHART", "figure"}, {"EQUA", "figure"},
	{"SLIDE", "speech"}, {"PAMP", "pamphlet"}, {"JFULL", "periodical"},
	{"ANCIENT", "classic"}, {"CLSWK", "classic"},
}

// cslType returns the CSL type of a TY value.
func cslType(ty string) (string, bool) {
	for _, t := range types {
		if t.ris == ty {
			return t.csl, true
		}
	}
	return "", false
}

// risType returns the TY Encode writes for a CSL type: GEN for a type RIS
// has no word for.
func risType(csl string) string {
	for _, t := range types {
		if t.csl == csl {
			return t.ris
		}
	}
	return "GEN"
}

// kind says how a tag's value is read.
type kind int

const (
	kText     kind = iota
	kNames         // one name a line: Family, Given[, Suffix], or an institution
	kDate          // 2012, 2012///, 2012/03/27/, 2012-03-27
	kStart         // SP: the first page, or the whole range
	kEnd           // EP: the last page
	kSerial        // SN: ISBNs and ISSNs, told apart by their form
	kKeyword       // KW: one keyword a line, joined with ", "
	kNote          // N1: one note a line, joined with a blank line
	kLanguage      // LA: a language name or a BCP 47 tag
	kID            // ID: the record's id
)

// field is one row of the tag table: a tag, the variable it holds, how it
// is read, the CSL types it applies to (none: all) and whether Encode
// writes the variable with this tag (the first writing row of a variable
// wins; other rows are aliases that Decode reads).
type field struct {
	tag    string
	csl    string
	kind   kind
	types  []string
	writes bool
}

var (
	numbered  = []string{"report", "patent", "standard", "bill", "legislation", "regulation", "legal_case", "hearing"}
	chapters  = []string{"chapter", "entry-encyclopedia", "entry-dictionary", "entry"}
	newspaper = []string{"article-newspaper"}
	books     = []string{"book"}
	seriesT2  = []string{"book", "report", "software", "map"}
	wholes    = []string{"book", "thesis", "manuscript", "report"}
	conf      = []string{"paper-conference"}
	software  = []string{"software"}
)

// fields is the tag table, in the order Encode writes tags. Where a tag
// means one thing for some types and another for the rest, the row for
// those types comes first. The rows follow the RIS specification and,
// where it leaves a choice, Zotero's RIS translator (the most used RIS
// writer), so that what Zotero exports reads as Zotero means it: a
// book's T2 is its series and its A3 its editor, SP alone on a book is its
// number of pages, C3 of a conference paper is the proceedings.
var fields = []field{
	{"ID", "id", kID, nil, true},
	{"AU", "author", kNames, nil, true},
	{"A1", "author", kNames, nil, false},
	{"A2", "collection-editor", kNames, books, true},
	{"A2", "editor", kNames, nil, true},
	{"ED", "editor", kNames, nil, false},
	{"A3", "editor", kNames, books, true},
	{"A3", "collection-editor", kNames, nil, true},
	{"A4", "translator", kNames, nil, true},
	{"TI", "title", kText, nil, true},
	{"T1", "title", kText, nil, false},
	{"CT", "title", kText, nil, false},
	{"BT", "title", kText, wholes, false},
	{"ST", "title-short", kText, nil, true},
	{"TT", "title-translated", kText, nil, true},
	{"T2", "collection-title", kText, seriesT2, true},
	{"T2", "container-title", kText, nil, true},
	{"JF", "container-title", kText, nil, false},
	{"JO", "container-title", kText, nil, false},
	{"BT", "container-title", kText, nil, false},
	{"C3", "container-title", kText, conf, false},
	{"J2", "container-title-short", kText, nil, true},
	{"JA", "container-title-short", kText, nil, false},
	{"J1", "container-title-short", kText, nil, false},
	{"T3", "collection-title", kText, nil, true},
	{"PY", "issued", kDate, nil, true},
	{"Y1", "issued", kDate, nil, false},
	{"DA", "issued", kDate, nil, false},
	{"Y2", "accessed", kDate, nil, true},
	{"VL", "volume", kText, nil, true},
	{"IS", "number", kText, numbered, true},
	{"IS", "issue", kText, nil, true},
	{"M1", "number", kText, nil, true},
	{"SP", "number-of-pages", kStart, wholes, true},
	{"SP", "page", kStart, nil, true},
	{"EP", "page", kEnd, nil, true},
	{"ET", "version", kText, software, true},
	{"ET", "edition", kText, nil, true},
	{"NV", "number-of-volumes", kText, nil, true},
	{"SE", "section", kText, newspaper, true},
	{"SE", "chapter-number", kText, chapters, true},
	{"C1", "event-place", kText, conf, true},
	{"CY", "publisher-place", kText, nil, true},
	{"PB", "publisher", kText, nil, true},
	{"SN", "ISBN", kSerial, nil, true},
	{"SN", "ISSN", kSerial, nil, true},
	{"M3", "genre", kText, nil, true},
	{"DO", "DOI", kText, nil, true},
	{"UR", "URL", kText, nil, true},
	{"CN", "call-number", kText, nil, true},
	{"DB", "archive", kText, nil, true},
	{"AN", "archive_location", kText, nil, true},
	{"DP", "source", kText, nil, true},
	{"LA", "language", kLanguage, nil, true},
	{"KW", "keyword", kKeyword, nil, true},
	{"AB", "abstract", kText, nil, true},
	{"N2", "abstract", kText, nil, false},
	{"N1", "note", kNote, nil, true},
}

// A conference paper with C3 has its proceedings in C3 and the conference
// (event-title) in T2, as Zotero writes them; with T2 alone, T2 is the
// proceedings. Decode and Encode handle that pair themselves.

func (f field) applies(typ string) bool {
	if len(f.types) == 0 {
		return true
	}
	for _, t := range f.types {
		if t == typ {
			return true
		}
	}
	return false
}

// readRows returns the rows of a tag that apply to a CSL type, most
// specific first.
func readRows(tag, typ string) []field {
	var specific, general []field
	for _, f := range fields {
		if f.tag != tag || !f.applies(typ) {
			continue
		}
		if len(f.types) > 0 {
			specific = append(specific, f)
		} else {
			general = append(general, f)
		}
	}
	return append(specific, general...)
}

// writeTag returns the tag Encode writes variable v with for a CSL type.
func writeTag(v, typ string) (field, bool) {
	var general field
	found := false
	for _, f := range fields {
		if f.csl != v || !f.writes || !f.applies(typ) {
			continue
		}
		if len(f.types) > 0 {
			return f, true
		}
		if !found {
			general, found = f, true
		}
	}
	return general, found
}

// isTag reports whether s can be a RIS tag: a capital letter and a capital
// letter or digit.
func isTag(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] >= 'A' && s[1] <= 'Z' || s[1] >= '0' && s[1] <= '9')
}
