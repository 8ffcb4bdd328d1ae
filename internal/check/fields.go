package check

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/lazyregexp"
)

// level says how strongly a style asks for a field.
type level uint8

const (
	optional level = iota
	recommended
	required
)

// need is one line of a requirement table: one of fields must be present
// (the first names the diagnostic), at level apa for APA 7 and level gost
// for GOST R 7.0.100-2018. what is the noun phrase a message uses for it;
// context, when set, replaces the default "for <a type>".
type need struct {
	fields    []string
	apa, gost level
	what      string
	context   string
}

// profile is the requirement table of one CSL item type.
type profile struct {
	noun string // "a book"
	// titleLeads marks types whose references start with the title, so
	// that no author is expected (laws, standards, unsigned entries).
	titleLeads bool
	// dated marks types that need their issued date (newspapers) rather
	// than tolerating "n.d.".
	dated bool
	needs []need
}

func want(fields string, apa, gost level, what string) need {
	return need{fields: strings.Split(fields, "|"), apa: apa, gost: gost, what: what}
}

var (
	bookNeeds = []need{
		want("publisher", required, required, "the publisher"),
		want("publisher-place", optional, required, "the place of publication"),
		want("number-of-pages", optional, recommended, "the number of pages"),
	}
	chapterNeeds = []need{
		want("container-title", required, required, "the title of the book it appears in"),
		want("editor", recommended, recommended, "the editors of the book"),
		want("page", recommended, recommended, "the page range"),
		want("publisher", required, required, "the publisher of the book"),
		want("publisher-place", optional, required, "the place of publication"),
	}
	// Books: GOST R 7.0.100-2018 gives place, publisher and date in the
	// publication area; APA 7 (10.2) gives the publisher only, having
	// dropped the place in the 7th edition.
	profiles = map[string]profile{
		"book":       {noun: "a book", needs: bookNeeds},
		"classic":    {noun: "a classic work", needs: bookNeeds},
		"pamphlet":   {noun: "a pamphlet", needs: bookNeeds},
		"collection": {noun: "an edited book", needs: append([]need{want("editor|author", recommended, recommended, "the editors")}, bookNeeds...)},
		"chapter":    {noun: "a chapter", needs: chapterNeeds},
		"entry":      {noun: "an entry in a reference work", titleLeads: true, needs: []need{want("container-title", required, required, "the title of the reference work"), want("publisher", recommended, recommended, "the publisher")}},
		"entry-dictionary": {noun: "a dictionary entry", titleLeads: true, needs: []need{
			want("container-title", required, required, "the dictionary's title"), want("publisher", recommended, recommended, "the publisher")}},
		"entry-encyclopedia": {noun: "an encyclopedia entry", titleLeads: true, needs: []need{
			want("container-title", required, required, "the encyclopedia's title"), want("publisher", recommended, recommended, "the publisher")}},
		"paper-conference": {noun: "a conference paper", needs: []need{
			want("container-title", required, required, "the title of the proceedings"),
			want("page", recommended, recommended, "the page range"),
			want("publisher", recommended, recommended, "the publisher of the proceedings"),
			want("publisher-place", optional, recommended, "the place of publication")}},
		// APA 7 (10.1): Journal, volume(issue), pages, DOI. GOST: "// Журнал. – 2016. – Т. 3, № 2. – С. 5–10."
		"article-journal": {noun: "a journal article", needs: []need{
			want("container-title", required, required, "the journal's name"),
			want("volume|issue", required, required, "the volume or the issue number"),
			want("volume", recommended, optional, "the volume"),
			want("issue", recommended, recommended, "the issue number"),
			want("page", recommended, recommended, "the page range"),
			{fields: []string{"DOI"}, apa: recommended, what: "the DOI", context: "for a journal article that has one"}}},
		"article-magazine": {noun: "a magazine article", needs: []need{
			want("container-title", required, required, "the magazine's name"),
			want("issue", recommended, recommended, "the issue number"),
			want("page", recommended, recommended, "the page range")}},
		// APA 7 (10.1): (Year, Month Day); GOST: "// Газета. – 1992. – 16 мая. – С. 1."
		"article-newspaper": {noun: "a newspaper article", dated: true, needs: []need{
			want("container-title", required, required, "the newspaper's name"),
			want("issued", required, required, "the date of the issue"),
			want("page", recommended, recommended, "the page")}},
		"article": {noun: "an article", needs: []need{want("container-title", recommended, recommended, "the name of the periodical")}},
		// APA 7 (10.16): Site Name and URL; GOST: URL and access date.
		"webpage":     {noun: "a web page", needs: []need{want("URL", required, required, "the URL")}},
		"post":        {noun: "a post", needs: []need{want("URL", required, required, "the URL"), want("container-title", recommended, optional, "the name of the platform")}},
		"post-weblog": {noun: "a blog post", needs: []need{want("URL", required, required, "the URL"), want("container-title", recommended, recommended, "the blog's name")}},
		// APA 7 (10.6): [Doctoral dissertation, University]; GOST: "дис. … канд. ист. наук / Университет. – Алматы, 2010."
		"thesis": {noun: "a thesis", needs: []need{
			want("genre", required, required, `the kind of thesis ("Doctoral dissertation", "дис. … канд. ист. наук")`),
			want("publisher", required, required, "the university"),
			want("publisher-place", optional, required, "the place"),
			want("number-of-pages", optional, recommended, "the number of pages")}},
		"report": {noun: "a report", needs: []need{
			want("publisher|authority", required, required, "the publishing body"),
			want("publisher-place", optional, required, "the place of publication")}},
		"legislation": {noun: "a law", titleLeads: true, needs: []need{want("number|authority", required, required, "the number or the enacting authority")}},
		"bill":        {noun: "a bill", titleLeads: true, needs: []need{want("number|authority", required, required, "the number or the legislative body")}},
		"regulation":  {noun: "a regulation", titleLeads: true, needs: []need{want("number|authority", required, required, "the number or the issuing authority")}},
		"treaty":      {noun: "a treaty", titleLeads: true},
		"legal_case":  {noun: "a legal case", titleLeads: true, needs: []need{want("authority", recommended, recommended, "the court")}},
		"standard": {noun: "a standard", titleLeads: true, needs: []need{
			want("number", required, required, "the designation (ГОСТ Р 7.0.100–2018, ISO 690:2021)"),
			want("publisher|authority", recommended, recommended, "the issuing body")}},
		"patent": {noun: "a patent", needs: []need{
			want("number", required, required, "the patent number"),
			want("authority", recommended, recommended, "the issuing office")}},
		"dataset": {noun: "a dataset", needs: []need{
			want("publisher", recommended, recommended, "the publisher or repository"),
			want("DOI|URL", recommended, recommended, "the DOI or URL")}},
		"software": {noun: "software", needs: []need{
			want("publisher", recommended, optional, "the publisher"),
			want("version", recommended, optional, "the version"),
			want("URL|DOI", recommended, recommended, "the URL or DOI")}},
		"review":                 {noun: "a review", needs: []need{want("container-title", required, required, "the periodical's name")}},
		"review-book":            {noun: "a book review", needs: []need{want("container-title", required, required, "the periodical's name"), want("reviewed-title", recommended, optional, "the title of the reviewed book")}},
		"periodical":             {noun: "a periodical", titleLeads: true, needs: []need{want("publisher", recommended, recommended, "the publisher")}},
		"motion_picture":         {noun: "a film", needs: []need{want("publisher", recommended, recommended, "the production company")}},
		"document":               {noun: "a document"},
		"manuscript":             {noun: "a manuscript"},
		"speech":                 {noun: "a speech"},
		"interview":              {noun: "an interview"},
		"personal_communication": {noun: "a personal communication"},
	}
)

// TemplateFields returns the fields a new record of type typ should have
// for the target styles (APA 7 and GOST R 7.0.100-2018), from the same
// requirement tables as the missing-field and recommended-field rules:
// the title, the author unless the type leads with its title, every field
// either style requires or recommends for the type (the first of
// alternatives such as publisher|authority), the issued date, and, for
// online types, URL and accessed. cite add --type writes them as a
// template to fill in.
func TemplateFields(typ string) []string {
	var out []string
	add := func(f string) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	p, known := profiles[typ]
	add("title")
	if !p.titleLeads && typ != "collection" {
		add("author")
	}
	if known {
		for _, nd := range p.needs {
			if nd.apa != optional || nd.gost != optional {
				add(nd.fields[0])
			}
		}
	}
	if printedParts[typ] {
		add("page")
	}
	if webTypes[typ] {
		add("URL")
		add("accessed")
		if typ == "webpage" {
			add("container-title")
		}
	}
	add("issued")
	return bib.SortVariables(out)
}

// genericNoun names types without a profile.
func nounFor(typ string) string {
	if p, ok := profiles[typ]; ok {
		return p.noun
	}
	switch typ {
	case "":
		return "an entry without a type"
	case "event":
		return "an event"
	case "figure":
		return "a figure"
	case "graphic":
		return "a graphic"
	case "hearing":
		return "a hearing"
	case "map":
		return "a map"
	case "musical_score":
		return "a musical score"
	case "performance":
		return "a performance"
	case "song":
		return "a recording"
	case "broadcast":
		return "a broadcast"
	}
	return "a " + strings.ReplaceAll(typ, "_", " ")
}

// printedParts are types that are part of a larger printed work; GOST
// R 7.0.100-2018 gives their place in it (pages) unless they are online.
var printedParts = map[string]bool{
	"chapter": true, "article-journal": true, "article-magazine": true, "article-newspaper": true,
	"paper-conference": true, "entry": true, "entry-dictionary": true, "entry-encyclopedia": true,
}

// webTypes are the CSL types that are online by nature.
var webTypes = map[string]bool{"webpage": true, "post": true, "post-weblog": true}

// The needs that fields adds to a type's profile, made once rather than
// for every entry.
var (
	titleNeed              = want("title", required, required, "the title")
	communicationTitleNeed = want("title", recommended, recommended, "a description of the communication")
	authorNeed             = want("author", recommended, recommended, "the author")
	siteNameNeed           = need{fields: []string{"container-title"}, apa: required, what: "the site name",
		context: "for a web page whose author is not the site's own institution"}
	onlineURLNeed      = need{fields: []string{"URL"}, gost: required, what: "the URL", context: "for an online resource"}
	onlineAccessedNeed = need{fields: []string{"accessed"}, gost: required, what: "the access date (дата обращения)", context: "for an online resource"}
	printedPagesNeed   = need{fields: []string{"page"}, gost: required, what: "the pages", context: "for a printed part of a larger work"}
	// translationNeed is required by APA, or recommended with
	// Options.TranslationWarning.
	translationNeed = need{fields: []string{"title-translated"}, apa: required,
		what: "an English translation of the title, printed in brackets after it", context: "for a work not in English"}
	languageNeed = need{fields: []string{"language"}, apa: recommended, gost: recommended,
		what: "the language of the work", context: "for a title in a non-Latin script"}
)

// fields reports required and recommended fields that e lacks.
func (c *checker) fields(e *bib.Entry) {
	p, known := profiles[e.Type]
	if !known {
		p = profile{noun: nounFor(e.Type)}
	}
	needs := c.needs[:0]
	defer func() { c.needs = needs[:0] }()
	if e.Type == "personal_communication" {
		needs = append(needs, communicationTitleNeed)
	} else {
		needs = append(needs, titleNeed)
	}
	if !p.titleLeads && !(webTypes[e.Type] && (has(e, "container-title") || has(e, "publisher"))) {
		if e.Type != "collection" {
			needs = append(needs, authorNeed)
		}
	}
	online := isOnline(e)
	for _, nd := range p.needs {
		// An online newspaper or magazine article has no pages.
		if online && nd.fields[0] == "page" && (e.Type == "article-newspaper" || e.Type == "article-magazine") {
			continue
		}
		needs = append(needs, nd)
	}
	if e.Type == "webpage" && !hasLiteralAuthor(e) {
		// APA 7 (10.16): the site name is omitted only when the author is the site.
		needs = append(needs, siteNameNeed)
	}
	if online {
		needs = append(needs, onlineURLNeed, onlineAccessedNeed)
	} else if printedParts[e.Type] {
		needs = append(needs, printedPagesNeed)
	}
	if has(e, "title") && nonEnglish(e) {
		nd := translationNeed
		if c.translationWarning {
			nd.apa = recommended
		}
		needs = append(needs, nd)
	}
	if !has(e, "language") && hasNonLatin(e.Get("title")) {
		needs = append(needs, languageNeed)
	}
	c.reportNeeds(e, p.noun, needs)

	if !p.dated {
		c.undated(e)
	}
	if e.Type == "article-newspaper" {
		c.incompleteDate(e)
	}
}

// lacksRequired reports whether e lacks a field that a style c checks
// requires: whether fields would report it with CodeMissingField. It asks
// only what decides that, cheapest first: the needs of e's type that a
// checked style requires (found once per type, see requiredOf), and the
// few needs fields adds, each only where a checked style requires it
// (APA's site name and translation, GOST's online data and pages); the
// needs that are only ever recommended (author, language) are never
// looked at.
func (c *checker) lacksRequired(e *bib.Entry) bool {
	req := c.requiredOf(e.Type)
	if e.Type != "personal_communication" && !has(e, "title") {
		return true // titleNeed: required by both styles
	}
	online, knownOnline := false, false
	isOn := func() bool {
		if !knownOnline {
			online, knownOnline = isOnline(e), true
		}
		return online
	}
	for _, nd := range req.needs {
		if nd.fields[0] == "page" && (e.Type == "article-newspaper" || e.Type == "article-magazine") && isOn() {
			continue // an online newspaper or magazine article has no pages
		}
		if !hasAny(e, nd.fields) {
			return true
		}
	}
	if c.apa && e.Type == "webpage" && !has(e, "container-title") && !hasLiteralAuthor(e) {
		return true // siteNameNeed
	}
	if c.gost {
		if isOn() {
			if !has(e, "URL") || !has(e, "accessed") {
				return true // onlineURLNeed, onlineAccessedNeed
			}
		} else if printedParts[e.Type] && !has(e, "page") {
			return true // printedPagesNeed
		}
	}
	// translationNeed, required by APA unless it is only a warning.
	return c.apa && !c.translationWarning && !has(e, "title-translated") && has(e, "title") && nonEnglish(e)
}

// typeRequirements is what lacksRequired needs of a type's profile: its
// needs that a style the checker checks requires.
type typeRequirements struct {
	needs []need
}

// requiredOf returns the requirements of typ for c's styles, found once
// per type and checker.
func (c *checker) requiredOf(typ string) *typeRequirements {
	if r, ok := c.required[typ]; ok {
		return r
	}
	r := &typeRequirements{}
	for _, nd := range profiles[typ].needs {
		if c.apa && nd.apa == required || c.gost && nd.gost == required {
			r.needs = append(r.needs, nd)
		}
	}
	if c.required == nil {
		c.required = map[string]*typeRequirements{}
	}
	c.required[typ] = r
	return r
}

// mergedNeed is an unsatisfied need with the strongest level per style
// of all needs for the same field.
type mergedNeed struct {
	need
	apa, gost level
}

// reportNeeds merges the unsatisfied needs by field (the strongest level
// per style wins) and reports each field once.
func (c *checker) reportNeeds(e *bib.Entry, noun string, needs []need) {
	merged := c.merged[:0]
	defer func() { c.merged = merged[:0] }()
	for _, nd := range needs {
		apa, gost := nd.apa, nd.gost
		if !c.apa {
			apa = optional
		}
		if !c.gost {
			gost = optional
		}
		if apa == optional && gost == optional || hasAny(e, nd.fields) {
			continue
		}
		i := slices.IndexFunc(merged, func(m mergedNeed) bool { return m.fields[0] == nd.fields[0] })
		if i < 0 {
			merged = append(merged, mergedNeed{need: nd, apa: apa, gost: gost})
			continue
		}
		a := &merged[i]
		if max(apa, gost) > max(a.apa, a.gost) {
			a.need = nd
		}
		a.apa, a.gost = max(a.apa, apa), max(a.gost, gost)
	}
	for _, a := range merged {
		context := a.context
		if context == "" {
			context = "for " + noun
		}
		missing := strings.Join(a.fields, " and ")
		var code, msg string
		if a.apa == required || a.gost == required {
			code = CodeMissingField
			who, plural := styleNames(a.apa == required, a.gost == required)
			msg = fmt.Sprintf("missing %s; %s %s %s %s", missing, who, verb("requires", "require", plural), a.what, context)
			if others, _ := styleNames(a.apa == recommended, a.gost == recommended); others != "" {
				msg += " (" + others + " recommends it)"
			}
		} else {
			code = CodeRecommendedField
			who, plural := styleNames(a.apa == recommended, a.gost == recommended)
			msg = fmt.Sprintf("missing %s; %s %s %s %s", missing, who, verb("recommends", "recommend", plural), a.what, context)
		}
		c.report(e, a.fields[0], code, msg+": "+addHint(e, a.fields))
	}
}

func verb(singular, plural string, isPlural bool) string {
	if isPlural {
		return plural
	}
	return singular
}

// addHint returns the TOML a user would add: `add publisher = "..."`.
func addHint(e *bib.Entry, fields []string) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = fieldHint(e, f)
	}
	return "add " + strings.Join(parts, " or ")
}

func fieldHint(e *bib.Entry, f string) string {
	switch f {
	case "URL":
		return `URL = "https://..."`
	case "DOI":
		return `DOI = "10.NNNN/..."`
	case "accessed":
		return `accessed = "YYYY-MM-DD" (the day you consulted it)`
	case "language":
		if hasScript(e.Get("title"), unicode.Cyrillic) {
			return `language = "ru" (or "kk", …)`
		}
		return `language = "..." (a BCP 47 tag)`
	}
	switch bib.VariableKind(f) {
	case bib.NameList:
		return f + ` = [{ family = "...", given = "..." }] (or { literal = "..." } for an institution)`
	case bib.DateKind:
		return f + ` = "YYYY-MM-DD"`
	}
	return f + ` = "..."`
}

// undated reports an entry with no issued date, unless note says the
// work is undated.
func (c *checker) undated(e *bib.Entry) {
	if has(e, "issued") {
		return
	}
	if _, written := e.KeyPos("issued"); written {
		return // the date is there but could not be read: the loader said so (bad-date)
	}
	note := strings.ToLower(e.Get("note"))
	for _, w := range []string{"undated", "n.d.", "no date", "б. г.", "б.г.", "без даты", "без года"} {
		if strings.Contains(note, w) {
			return
		}
	}
	var how []string
	if c.apa {
		how = append(how, apaName+` prints "n.d."`)
	}
	if c.gost {
		how = append(how, gostName+` "[б. г.]"`)
	}
	c.report(e, "issued", CodeUndated, fmt.Sprintf(`missing issued; %s for an undated work: add issued = "YYYY-MM-DD" if the date is known, or say "undated" in note`,
		strings.Join(how, " and ")))
}

// incompleteDate reports a newspaper article dated by year or month only.
func (c *checker) incompleteDate(e *bib.Entry) {
	d, ok := e.Date("issued")
	if !ok || d.Literal != "" || d.Start.Year == 0 || d.Start.Day != 0 {
		return
	}
	who, plural := styleNames(c.apa, c.gost)
	c.report(e, "issued", CodeIncompleteDate, fmt.Sprintf(`issued gives only %s; %s %s the full date of a newspaper issue: write issued = "%04d-MM-DD"`,
		d.String(), who, verb("prints", "print", plural), d.Start.Year))
}

// has reports whether field f of e holds a value: a non-blank string, a
// non-empty name list or a non-zero date.
func has(e *bib.Entry, f string) bool {
	if v := e.Get(f); v != "" {
		return !isBlank(v)
	}
	if d, ok := e.Date(f); ok {
		return !d.IsZero()
	}
	for _, nm := range e.Names(f) {
		if !nm.IsEmpty() {
			return true
		}
	}
	return false
}

func hasAny(e *bib.Entry, fields []string) bool {
	for _, f := range fields {
		if has(e, f) {
			return true
		}
	}
	return false
}

func hasLiteralAuthor(e *bib.Entry) bool {
	for _, nm := range e.Names("author") {
		if nm.IsLiteral() {
			return true
		}
	}
	return false
}

// isOnline reports whether e is an online resource in the sense of GOST
// R 7.0.100-2018 ("ресурс удалённого доступа"): it has a URL, is a web
// type, or its medium says so.
func isOnline(e *bib.Entry) bool {
	if has(e, "URL") || webTypes[e.Type] {
		return true
	}
	m := strings.ToLower(e.Get("medium"))
	for _, w := range []string{"online", "электрон", "internet", "интернет", "web"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}

// nonEnglish reports whether e's title is not in English: its language
// tag is not en, or, without a tag, the title uses a non-Latin script.
func nonEnglish(e *bib.Entry) bool {
	lang := strings.TrimSpace(e.Get("language"))
	if lang != "" {
		base := strings.ToLower(lang)
		if i := strings.IndexAny(base, "-_"); i >= 0 {
			base = base[:i]
		}
		if base != "und" && base != "mul" {
			return base != "en" && base != "eng"
		}
	}
	return hasNonLatin(e.Get("title"))
}

// hasNonLatin reports whether s has a letter outside the Latin script.
func hasNonLatin(s string) bool {
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

func hasScript(s string, t *unicode.RangeTable) bool {
	for _, r := range s {
		if r >= 0x80 && unicode.Is(t, r) {
			return true
		}
	}
	return false
}

// proceedingsName matches the name of conference proceedings: "Proceedings
// of …", "… Conference …", "CHI '08: …", "… Extended Abstracts …".
var proceedingsName = lazyregexp.New(`(?i)\b(proceedings?|proc\.|conference|symposium|workshop|extended abstracts|colloquium|congress)\b|^[A-Z][A-Za-z]+ ?'\d\d\b`)

// proceedingsAsArticle returns the entry whose requirements fields checks:
// a journal article without volume or issue whose container is a
// conference's proceedings (reference managers such as Papers export
// conference papers as @article with journal = {CHI '09: Proceedings of
// …}) is reported once, with the fix, and checked as the conference paper
// it is, instead of drowning its author in missing volumes and issues. A
// journal named "Proceedings of …" (PNAS) has volumes and is left alone.
func (c *checker) proceedingsAsArticle(e *bib.Entry) *bib.Entry {
	if e.Type != "article-journal" || has(e, "volume") || has(e, "issue") || !proceedingsName().MatchString(e.Get("container-title")) {
		return e
	}
	if !c.missingOnly {
		c.report(e, "type", CodeProceedingsAsArticle, fmt.Sprintf(`%q is the name of conference proceedings, and the article has no volume or issue: it is probably a conference paper; write type = "paper-conference" (it is checked as one)`, clipText(e.Get("container-title"))))
	}
	p := *e
	p.Type = "paper-conference"
	return &p
}

func clipText(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
