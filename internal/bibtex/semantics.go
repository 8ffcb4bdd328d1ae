package bibtex

import (
	"fmt"
	"strings"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/lazyregexp"
)

// This file gives fields the meaning the exporters people use give them,
// beyond the one-to-one rows of the field table: biblatex's and
// biblatex-gost's keys in the type field (phdthesis, phdautoref with
// science and specialitycode), the entry types that imply a genre
// (@phdthesis, @mastersthesis), a URL written into note ("Режим доступа:
// …"), Better BibTeX's dates with a time, Russian dates written
// dd.mm.yyyy, and a manual whose organization is its author.

// CodeDerived is the code of the warning for a field whose value went
// into another variable (science into genre) and is kept in Extra too,
// so that export writes it back.
const CodeDerived = "derived-field"

// CodeKeptOriginal is the code of the warning for a value that was
// converted (a date with a time, a date written 19.01.2015) and whose
// original form is kept in Extra, from which export writes it back.
const CodeKeptOriginal = "kept-original"

// degree is the degree a thesis is written for.
type degree int

const (
	anyDegree       degree = iota
	candidateDegree        // кандидат наук (biblatex-gost's phdthesis, candthesis)
	doctorDegree           // доктор наук
	masterDegree
)

// typeKey is a localisation key that biblatex or biblatex-gost puts in the
// type field, and what it means.
type typeKey struct {
	key     string
	en      string // the genre in English, as APA 7 words it
	thesis  bool   // a dissertation (or its abstract, autoref)
	autoref bool   // an автореферат, the author's abstract of a dissertation
	degree  degree
	ru      string // the genre in Russian when it is not a dissertation
}

// typeKeys lists the keys; the first key of a meaning is the one export
// writes for it.
var typeKeys = []typeKey{
	{key: "phdthesis", en: "Doctoral dissertation", thesis: true, degree: candidateDegree},
	{key: "candthesis", en: "Candidate of Sciences dissertation", thesis: true, degree: candidateDegree},
	{key: "docthesis", en: "Doctor of Sciences dissertation", thesis: true, degree: doctorDegree},
	{key: "phdautoref", en: "Abstract of a Candidate of Sciences dissertation", thesis: true, autoref: true, degree: candidateDegree},
	{key: "candautoref", en: "Abstract of a Candidate of Sciences dissertation", thesis: true, autoref: true, degree: candidateDegree},
	{key: "docautoref", en: "Abstract of a Doctor of Sciences dissertation", thesis: true, autoref: true, degree: doctorDegree},
	{key: "mathesis", en: "Master's thesis", thesis: true, degree: masterDegree},
	{key: "techreport", en: "Technical report", ru: "технический отчет"},
	{key: "resreport", en: "Research report", ru: "отчет о научно-исследовательской работе"},
	// Patents, as biblatex's and biblatex-gost's localisation files word them.
	{key: "patent", en: "Patent", ru: "патент"},
	{key: "patentus", en: "U.S. patent", ru: "патент США"},
	{key: "patentde", en: "German patent", ru: "патент Германии"},
	{key: "patenteu", en: "European patent", ru: "патент Европы"},
	{key: "patentfr", en: "French patent", ru: "патент Франции"},
	{key: "patentuk", en: "British patent", ru: "патент Великобритании"},
	{key: "patreq", en: "Patent application", ru: "заявка на патент"},
	{key: "patrequs", en: "U.S. patent application", ru: "заявка на патент США"},
	{key: "patreqde", en: "German patent application", ru: "заявка на патент Германии"},
	{key: "patreqeu", en: "European patent application", ru: "заявка на патент Европы"},
	{key: "patreqfr", en: "French patent application", ru: "заявка на патент Франции"},
	{key: "patrequk", en: "British patent application", ru: "заявка на патент Великобритании"},
}

// countries are the keys biblatex and biblatex-gost write in a patent's
// location (countryru) for the country that granted it, and the names
// they stand for.
var countries = map[string][2]string{ // [English, Russian]
	"countryru": {"Russian Federation", "Российская Федерация"},
	"countryus": {"United States", "США"},
	"countryde": {"Germany", "Германия"},
	"countryeu": {"European Union", "Европейский союз"},
	"countryep": {"European Union", "Европейский союз"},
	"countryfr": {"France", "Франция"},
	"countryuk": {"United Kingdom", "Великобритания"},
}

// countryName returns the name a country key stands for in a language.
func countryName(key, lang string) (string, bool) {
	c, ok := countries[strings.ToLower(strings.TrimSpace(key))]
	if !ok {
		return "", false
	}
	if russianGenre(lang) {
		return c[1], true
	}
	return c[0], true
}

// country replaces a country key in publisher-place (location =
// {countryru}) by the country's name in the record's language, keeping the
// key in extra for the export.
func (d *decoder) country(e *bib.Entry, r *expEntry) {
	f, ok := r.get("location")
	if !ok {
		return
	}
	name, ok := countryName(f.raw, e.Get("language"))
	if !ok || e.Get("publisher-place") != strings.TrimSpace(f.raw) {
		return
	}
	e.Set("publisher-place", name)
	e.Extra["location"] = f.raw
	d.warn(f.pos, e.ID, "location", CodeKeptOriginal, fmt.Sprintf("field location %q is read as %q; the original is kept in extra", f.raw, name))
}

func lookupTypeKey(s string) (typeKey, bool) {
	for _, k := range typeKeys {
		if strings.EqualFold(k.key, strings.TrimSpace(s)) {
			return k, true
		}
	}
	return typeKey{}, false
}

// impliedKeys are the entry types that say what kind of thesis they are.
var impliedKeys = map[string]string{"phdthesis": "phdthesis", "mastersthesis": "mathesis"}

// sciences expands biblatex-gost's science field, abbreviated as GOST R
// 7.0.12 abbreviates it ("мед. наук"), to the words GOST R 7.0.100-2018
// writes in full ("медицинских наук").
var sciences = map[string]string{
	"физ.-мат.": "физико-математических", "хим.": "химических", "биол.": "биологических",
	"геол.-минерал.": "геолого-минералогических", "техн.": "технических", "с.-х.": "сельскохозяйственных",
	"ист.": "исторических", "экон.": "экономических", "филос.": "философских",
	"филол.": "филологических", "геогр.": "географических", "юрид.": "юридических",
	"пед.": "педагогических", "мед.": "медицинских", "фармацевт.": "фармацевтических",
	"ветеринар.": "ветеринарных", "вет.": "ветеринарных", "психол.": "психологических",
	"воен.": "военных", "социол.": "социологических", "полит.": "политических",
}

// scienceWords returns the branch of science as GOST writes it after the
// degree: "медицинских наук", "искусствоведения", or "наук" when none is
// given. An abbreviation cite does not know is kept as written.
func scienceWords(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "наук"
	}
	head, hasNauk := strings.CutSuffix(s, " наук")
	if full, ok := sciences[head]; ok {
		return full + " наук"
	}
	if !hasNauk && sciences[s] != "" {
		return sciences[s] + " наук"
	}
	return s
}

// russianGenre reports whether a language tag takes the Russian words.
func russianGenre(lang string) bool {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return primary == "ru" || primary == "kk" || primary == "be" || primary == "uk"
}

// genreText is the genre a type key stands for in a record's language: for
// a dissertation in Russian, GOST R 7.0.100-2018's other title information
// ("специальность 14.00.33 : автореферат диссертации на соискание ученой
// степени кандидата медицинских наук"), otherwise the English words APA 7
// uses ("Doctoral dissertation").
func genreText(k typeKey, lang, science, code string) string {
	if !russianGenre(lang) {
		return k.en
	}
	if !k.thesis {
		return k.ru
	}
	var b strings.Builder
	if code = strings.TrimSpace(code); code != "" {
		b.WriteString("специальность " + code + " : ")
	}
	if k.autoref {
		b.WriteString("автореферат диссертации")
	} else {
		b.WriteString("диссертация")
	}
	switch k.degree {
	case masterDegree:
		b.WriteString(" на соискание степени магистра")
		if science != "" {
			b.WriteString(" " + scienceWords(science))
		}
	case doctorDegree:
		b.WriteString(" на соискание ученой степени доктора " + scienceWords(science))
	default:
		b.WriteString(" на соискание ученой степени кандидата " + scienceWords(science))
	}
	return b.String()
}

// thesisFields are biblatex-gost's fields (and their newer names) that a
// dissertation's genre is made of.
var (
	scienceFields   = []string{"science", "major"}
	specialityField = []string{"specialitycode", "majorcode"}
)

func firstOf(r *expEntry, names []string) (expField, bool) {
	for _, n := range names {
		if f, ok := r.get(n); ok {
			return f, true
		}
	}
	return expField{}, false
}

// thesisKey returns the type key an entry's type field or entry type
// stands for, if any.
func thesisKey(r *expEntry) (typeKey, bool, bool) {
	if tf, ok := r.get("type"); ok {
		k, known := lookupTypeKey(decodeLaTeX(tf.raw).text)
		return k, known, true
	}
	if ik := impliedKeys[r.typ]; ik != "" {
		k, _ := lookupTypeKey(ik)
		return k, true, false
	}
	return typeKey{}, false, false
}

// derivedFields names the fields that genre writes into the genre (science
// and specialitycode of a dissertation), which the field loop keeps in
// Extra without a warning of its own.
func derivedFields(r *expEntry) map[string]bool {
	k, ok, _ := thesisKey(r)
	if !ok || !k.thesis {
		return nil
	}
	m := map[string]bool{}
	if f, ok := firstOf(r, scienceFields); ok {
		m[f.name] = true
	}
	if f, ok := firstOf(r, specialityField); ok {
		m[f.name] = true
	}
	return m
}

// genre sets the genre that a type key or the entry type means, once the
// fields are mapped: type = {phdautoref} with science and specialitycode
// becomes the Russian words GOST prints, @phdthesis becomes "Doctoral
// dissertation". A type that is not a key stays as written.
func (d *decoder) genre(e *bib.Entry, r *expEntry) {
	k, ok, hasType := thesisKey(r)
	if !ok {
		return
	}
	science, code := "", ""
	if f, ok := firstOf(r, scienceFields); ok && k.thesis {
		science = decodeLaTeX(f.raw).text
		d.warn(f.pos, e.ID, f.name, CodeDerived, fmt.Sprintf("field %s is written into genre; kept in extra so that export writes it back", f.name))
	}
	if f, ok := firstOf(r, specialityField); ok && k.thesis {
		code = decodeLaTeX(f.raw).text
		d.warn(f.pos, e.ID, f.name, CodeDerived, fmt.Sprintf("field %s is written into genre; kept in extra so that export writes it back", f.name))
	}
	e.Set("genre", genreText(k, e.Get("language"), science, code))
	if !hasType {
		e.SetPos("genre", r.pos)
	}
}

// genreKey returns what Encode writes for e's genre in entry type bt: the
// type key it came from (phdautoref), "" with skip set when the entry type
// says it already (@phdthesis and "Doctoral dissertation"), or the genre
// itself.
func genreKey(e *bib.Entry, bt string) (key string, skip bool) {
	g := e.Get("genre")
	science, code := firstExtra(e, scienceFields), firstExtra(e, specialityField)
	if ik := impliedKeys[bt]; ik != "" {
		if k, _ := lookupTypeKey(ik); genreText(k, e.Get("language"), science, code) == g {
			return "", true
		}
	}
	for _, k := range typeKeys {
		if genreText(k, e.Get("language"), science, code) == g {
			return k.key, false
		}
	}
	return "", false
}

func firstExtra(e *bib.Entry, names []string) string {
	for _, n := range names {
		if v, ok := e.Extra[n]; ok {
			return decodeLaTeX(v).text
		}
	}
	return ""
}

// accessNote matches a URL written into a note as GOST 7.1-2003 and
// biblatex-gost users write it, "Режим доступа: http://…" or "URL: …",
// and an access date after it, "(дата обращения: 19.01.2015)".
var (
	accessNote = lazyregexp.New(`(?i)(?:Режим\s+доступа\s*:\s*(?:URL\s*:\s*)?|\bURL\s*:\s*|Available\s+(?:at|from)\s*:?\s*)((?:https?|ftp)://[^\s<>"{}]+)`)
	accessDate = lazyregexp.New(`^\s*\(\s*(?:дата\s+обращения|accessed)\s*:?\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*\)`)
)

// noteURL moves a URL written into note or addendum to URL when the
// record has none, with the access date that follows it, and says so.
// What else the note says stays in it.
func (d *decoder) noteURL(e *bib.Entry, r *expEntry) {
	if e.Get("URL") != "" {
		return
	}
	for _, field := range []string{"note", "addendum"} {
		f, ok := r.get(field)
		if !ok {
			continue
		}
		text := decodeLaTeX(f.raw).text
		m := accessNote().FindStringSubmatchIndex(text)
		if m == nil {
			continue
		}
		u := strings.TrimRight(text[m[2]:m[3]], ".,;")
		rest, end := text[:m[0]], m[2]+len(u)
		after := text[end:]
		accessed := ""
		if dm := accessDate().FindStringSubmatch(after); dm != nil {
			if dt, err := bib.ParseDate(fmt.Sprintf("%s-%02s-%02s", dm[3], dm[2], dm[1])); err == nil {
				if _, has := e.Date("accessed"); !has {
					dt.Pos = f.pos
					e.SetDate("accessed", dt)
					e.SetPos("accessed", f.pos)
					accessed = " and the access date " + dt.String() + " to accessed"
					after = after[len(dm[0]):]
				}
			}
		}
		e.Set("URL", u)
		e.SetPos("URL", f.pos)
		remaining := strings.Trim(strings.TrimSpace(rest)+" "+strings.TrimSpace(after), " .,;–—-")
		if field == "note" {
			if _, kept := e.Extra["note"]; !kept {
				e.Set("note", remaining)
			}
		} else if remaining == "" {
			delete(e.Extra, field)
		} else {
			e.Extra[field] = remaining
		}
		d.warn(f.pos, e.ID, field, CodeMoved, fmt.Sprintf("the URL in %s is moved to URL%s, which the record did not have: %s", field, accessed, clip(u)))
		return
	}
}

// looseDate reads a date that is not EDTF but says one exactly: Better
// BibTeX's date with a time (2016-04-07T10:33, 2017-11-16T14:44:45Z) and
// the Russian day.month.year (19.01.2015). ok is false for anything else.
func looseDate(s string) (bib.Date, bool) {
	s = strings.TrimSpace(s)
	if m := dateTime().FindStringSubmatch(s); m != nil {
		d, err := bib.ParseDate(m[1])
		return d, err == nil
	}
	if m := dotted().FindStringSubmatch(s); m != nil {
		d, err := bib.ParseDate(fmt.Sprintf("%s-%02s-%02s", m[3], m[2], m[1]))
		return d, err == nil
	}
	return bib.Date{}, false
}

var (
	dateTime = lazyregexp.New(`^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?$`)
	dotted   = lazyregexp.New(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)
)

// manualAuthor makes a manual's organization its author when it has none,
// as APA 7 lists a manual by the body that issued it; it reports the move.
func (d *decoder) manualAuthor(r *expEntry) {
	if r.typ != "manual" {
		return
	}
	if _, ok := r.get("author"); ok {
		return
	}
	for i, f := range r.fields {
		if f.name == "organization" && strings.TrimSpace(f.raw) != "" {
			r.fields[i].name, r.fields[i].raw = "author", "{"+f.raw+"}"
			d.warn(f.pos, r.key, "organization", CodeMoved, "the manual has no author: its organization becomes the author (an institution)")
			return
		}
	}
}
