package verify

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/lazyregexp"
	"github.com/cite-project/cite/internal/manuscript"
)

// minQuoteWords is the least number of words a passage in quotation marks
// needs to count as a quotation; shorter ones are names, terms or scare
// quotes.
const minQuoteWords = 4

// quotations reports the quotations of manuscript di without a marker
// (citation-needed) and those whose markers give no page or paragraph
// (quote-without-locator). A passage in quotation marks that is the title
// of a reference in the library is a title, not a quotation.
func (r *Result) quotations(di int) {
	dc := r.docs[di]
	d := dc.d
	for _, q := range d.Quotes {
		if q.Words < minQuoteWords || r.isTitle(d.ProseText(q.Start, q.End)) {
			continue
		}
		if r.namedSource(d, q.Start, q.End) {
			continue // "Согласно ГОСТ 7.0.11-2011 «…»", a linked title: the source is named
		}
		claim := r.claimAt(di, q.Start, q.End)
		unclosed := ""
		if !q.Closed {
			open, _ := utf8.DecodeRuneInString(d.Text[q.Start:q.End])
			line, _ := d.Position(q.Start)
			unclosed = fmt.Sprintf("; the quotation opened with %c at line %d is never closed", open, line)
		}
		dc.checkable[q.Paragraph]++
		if len(q.Markers) == 0 {
			r.add(Finding{Code: CodeCitationNeeded, Claim: claim, kind: bib.ClaimQuote,
				Message: "a quotation with no citation marker: cite its source, with the page or paragraph" + unclosed}, di, q.Start, q.End, bib.Pos{})
			continue
		}
		var first *Cite
		pinned := false
		for _, k := range q.Markers {
			m := r.marker(dc, k)
			for ci := range m.Cites {
				c := &m.Cites[ci]
				if first == nil {
					first = c
				}
				pinned = pinned || c.Pinpoint()
			}
		}
		if pinned {
			continue
		}
		m := *r.marker(dc, q.Markers[0])
		msg := fmt.Sprintf("the quotation cited as %s gives no page or paragraph", r.markerList(dc, q.Markers))
		if first.Locator != "" {
			msg = fmt.Sprintf("the quotation cited as %s gives a %s, not a page or paragraph", r.markerList(dc, q.Markers), first.Label)
		}
		msg += r.locatorHint(m, first, claim) + unclosed
		r.add(Finding{Code: CodeQuoteWithoutLocator, Claim: claim, Ref: first.Ref, Message: msg, kind: bib.ClaimQuote}, di, q.Start, q.End, bib.Pos{})
	}
}

// locatorHint suggests how to write the marker with the page a claim
// records, or asks for one.
func (r *Result) locatorHint(m Marker, c *Cite, claim string) string {
	locator, label := "", ""
	for i, cr := range r.Claims {
		if cr.ID != claim || claim == "" {
			continue
		}
		for _, s := range r.claimList[i].Sources {
			if s.Ref == c.Ref && s.Locator != "" {
				locator, label = s.Locator, s.Label
			}
		}
	}
	e, _ := r.lib.Resolve(c.Ref)
	if locator == "" {
		if e != nil && (e.Type == "webpage" || e.Type == "post-weblog" || e.Get("URL") != "" && e.Get("page") == "") {
			return ": add the page, or the paragraph number of this online text (APA 7 §8.28)"
		}
		return ": add the page (APA 7 §8.25; GOST R 7.0.5-2008, 7.2)"
	}
	return fmt.Sprintf(": claim %s records %s %s, so write %s", claim, labelOr(label), locator, withLocator(m, c, e, label, locator))
}

func labelOr(label string) string {
	if label == "" {
		return "page"
	}
	return label
}

// withLocator writes marker m's cite c again with a locator, in m's form.
func withLocator(m Marker, c *Cite, e *bib.Entry, label, locator string) string {
	abbr := "p."
	if label == "paragraph" {
		abbr = "para."
	} else if e != nil && (e.Get("language") == "ru" || e.Get("language") == "kk") && m.numeric() {
		abbr = "с."
	}
	switch m.form {
	case manuscript.PandocMarker:
		return fmt.Sprintf("[@%s, %s %s]", c.Key, abbr, locator)
	case manuscript.LaTeXMarker:
		return fmt.Sprintf(`\cite[%s~%s]{%s}`, abbr, locator, c.Key)
	case manuscript.AuthorDateMarker:
		return fmt.Sprintf("(%s, %s, %s %s)", c.Author, c.Year, abbr, locator)
	}
	return fmt.Sprintf("[%s, %s %s]", c.Key, abbr, locator)
}

// isTitle reports whether the quoted passage s is the title of a reference.
func (r *Result) isTitle(s string) bool {
	if r.titles == nil {
		r.titles = map[string]bool{}
		for _, e := range r.lib.Entries {
			for _, f := range []string{"title", "title-translit", "title-translated", "container-title", "container-title-translated"} {
				if v := e.Get(f); v != "" {
					r.titles[strings.Trim(normalise(v, nil).str, " .")] = true
				}
			}
		}
	}
	return r.titles[strings.Trim(normalise(s, nil).str, " .")]
}

const months = `january|february|march|april|may|june|july|august|september|october|november|december|` +
	`jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|` +
	`январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]`

var (
	// date is a date written with a month name: "December the 2, 1991",
	// "28 June 2016", "April, 1995", "16 мая 1992 года".
	date = lazyregexp.New(`(?i)(?:\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:` + months + `)\.?,?\s+\d{4}|\b(?:` + months + `)\.?,?\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}|\b(?:` + months + `)\.?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b)`)
	// figure is a number in running text: "460", "1,300", "1994–2002", "70%".
	figure = lazyregexp.New(`\d+(?:[.,]\d+)*(?:\s?[–—-]\s?\d+(?:[.,]\d+)*)?(?:\s?%)?`)
	// year is a four-digit year.
	year = lazyregexp.New(`\b(1[0-9]{3}|20[0-9]{2})\b`)
	// listNumber is the number of a numbered list item at a line's start.
	listNumber = lazyregexp.New(`(?m)^\s*\d{1,2}[.)]\s`)
)

// inWord reports whether the number at b[s:e] is glued to a letter.
func inWord(b []byte, s, e int) bool {
	if s > 0 {
		if r, _ := utf8.DecodeLastRune(b[:s]); unicode.IsLetter(r) || r == '-' && s > 1 && unicode.IsLetter(rune(b[s-2])) {
			return true
		}
	}
	if e < len(b) {
		if r, _ := utf8.DecodeRune(b[e:]); unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// statements reports the sentences of manuscript di that state figures
// or dates but carry no marker (citation-needed). Figures inside
// quotations are left to the quotation's own check; headings and the
// reference list are not statements.
func (r *Result) statements(di int) {
	dc := r.docs[di]
	d := dc.d
	prose := d.Prose()
	for _, s := range d.Sentences {
		if len(d.MarkersIn(s.Start, s.End)) > 0 {
			continue
		}
		masked := []byte(prose[s.Start:s.End])
		for _, qi := range d.QuotesIn(s.Start, s.End) {
			q := d.Quotes[qi]
			if q.Words >= minQuoteWords || r.isTitle(d.ProseText(q.Start, q.End)) {
				for k := max(q.Start, s.Start); k < min(q.End, s.End); k++ {
					masked[k-s.Start] = ' '
				}
			}
		}
		if hasDigit(masked) {
			for _, loc := range listNumber().FindAllIndex(masked, -1) {
				for k := loc[0]; k < loc[1]; k++ {
					masked[k] = ' '
				}
			}
		}
		if dc.inNonClaimSection(s.Start) || dc.ownWork(s.Start) {
			continue // thanks, or the author's own methods and results
		}
		if firstPerson().Match(masked) {
			continue // "we set the number of hidden dimensions to 5"
		}
		if digits := hasDigit(masked); digits {
			maskEnumerators(masked)
		}
		if named := maskParts(masked); named || inlineSource(d, s.Start, s.End) {
			continue // "according to ГОСТ 8.417, section 8", a link: the source is named
		}
		var figures, dates []string
		digits := hasDigit(masked)
		for _, loc := range dateMatches(masked, digits) {
			dates = append(dates, string(masked[loc[0]:loc[1]]))
			for k := loc[0]; k < loc[1]; k++ {
				masked[k] = ' '
			}
		}
		for _, loc := range figureMatches(masked, digits) {
			if inWord(masked, loc[0], loc[1]) {
				continue // "21st", "G20", "COVID-19": names and ordinals, not figures
			}
			tok := strings.TrimRight(string(masked[loc[0]:loc[1]]), " .,")
			if year().MatchString(tok) {
				dates = append(dates, tok)
			} else {
				figures = append(figures, tok)
			}
		}
		hint := r.paragraphHint(dc, s.Paragraph)
		if len(figures)+len(dates) == 0 {
			if kind, phrase := suggest(string(masked)); kind != "" {
				dc.checkable[s.Paragraph]++
				msg := fmt.Sprintf("the sentence reads as a claim that wants a source (%s: “%s”) but cites none", suggestionNames[kind], phrase) + hint
				r.add(Finding{Code: CodeCitationSuggested, Claim: r.claimAt(di, s.Start, s.End), Message: msg, kind: suggestionKinds[kind]}, di, s.Start, s.End, bib.Pos{})
			}
			continue
		}
		dc.checkable[s.Paragraph]++
		var what []string
		if len(figures) > 0 {
			what = append(what, "figures ("+strings.Join(figures, ", ")+")")
		}
		if len(dates) > 0 {
			what = append(what, "dates ("+strings.Join(dates, ", ")+")")
		}
		msg := "the sentence states " + strings.Join(what, " and ") + " but cites no source" + hint
		kind := bib.ClaimFact
		if len(figures) > 0 {
			kind = bib.ClaimStatistic
		}
		r.add(Finding{Code: CodeCitationNeeded, Claim: r.claimAt(di, s.Start, s.End), Message: msg, kind: kind}, di, s.Start, s.End, bib.Pos{})
	}
}

// suggestionKinds guess the kind of claim each kind of suggestion makes.
var suggestionKinds = map[string]string{
	"attribution": bib.ClaimAttribution,
	"consensus":   bib.ClaimAttribution,
	"superlative": bib.ClaimFact,
	"number":      bib.ClaimStatistic,
	"document":    bib.ClaimFact,
}

// suggestionNames say what each kind of suggestion is, for messages.
var suggestionNames = map[string]string{
	"attribution": "attribution",
	"consensus":   "appeal to consensus",
	"superlative": "superlative",
	"number":      "quantity in words",
	"document":    "a document named but not cited",
}

// namedSource reports whether the sentences around [s, e) name their
// source without a marker (a standard's designation, a link), or stand
// in a section without claims.
func (r *Result) namedSource(d *manuscript.Document, s, e int) bool {
	if r.docOf(d).inNonClaimSection(s) {
		return true
	}
	dc := r.docOf(d)
	for _, si := range d.SentencesIn(s, e) {
		named, seen := dc.named[si]
		if !seen {
			st := d.Sentences[si]
			named = inlineSource(d, st.Start, st.End) || maskParts([]byte(d.Prose()[st.Start:st.End]))
			if dc.named == nil {
				dc.named = map[int]bool{}
			}
			dc.named[si] = named
		}
		if named {
			return true
		}
	}
	return inlineSource(d, s, e)
}

// docOf returns the doc of the document d.
func (r *Result) docOf(d *manuscript.Document) *doc {
	for _, dc := range r.docs {
		if dc.d == d {
			return dc
		}
	}
	return &doc{d: d} // not one of Run's: nothing to cache in
}

// figureMatches returns the figures of b, none when it has no digit.
func figureMatches(b []byte, digits bool) [][]int {
	if !digits {
		return nil
	}
	return figure().FindAllIndex(b, -1)
}

// monthWords are the English month names and abbreviations, and
// monthStems the openings of the Russian ones: a sentence with neither
// has no date to look for.
var (
	monthWords = map[string]bool{
		"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
		"august": true, "september": true, "october": true, "november": true, "december": true, "jan": true,
		"feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
		"oct": true, "nov": true, "dec": true,
	}
	monthStems = []string{"январ", "феврал", "март", "апрел", "мая", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"}
)

// dateMatches returns the dates written with a month name in b, none when
// b has no digit or no month name.
func dateMatches(b []byte, digits bool) [][]int {
	if !digits {
		return nil
	}
	month := false
	for _, w := range strings.FieldsFunc(strings.ToLower(string(b)), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if monthWords[w] {
			month = true
			break
		}
		for _, st := range monthStems {
			if strings.HasPrefix(w, st) {
				month = true
				break
			}
		}
		if month {
			break
		}
	}
	if !month {
		return nil
	}
	return date().FindAllIndex(b, -1)
}

// paragraphHint says which markers paragraph pi of dc cites, for the
// findings about its sentences; made once per paragraph.
func (r *Result) paragraphHint(dc *doc, pi int) string {
	if dc.hints == nil {
		dc.hints = map[int]string{}
	}
	if h, ok := dc.hints[pi]; ok {
		return h
	}
	p := dc.d.Paragraphs[pi]
	h := ""
	if para := dc.d.MarkersIn(p.Start, p.End); len(para) > 0 {
		h = "; its paragraph cites " + r.markerList(dc, para) + " in another sentence: if that source backs this one, cite it here too"
	}
	dc.hints[pi] = h
	return h
}
