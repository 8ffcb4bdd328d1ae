package check

import "github.com/cite-project/cite/internal/bib"

// Rule describes one diagnostic code that Run can emit: its stable Code,
// its Severity ("error" or "warning") and a one-line Explanation for the
// README and `cite check --rules`.
type Rule struct {
	Code        string
	Severity    string
	Explanation string
}

// The codes Run emits. They are stable: scripts and editors match on them.
const (
	// Fields required or recommended per type and style (fields.go).
	CodeMissingField         = "missing-field"
	CodeRecommendedField     = "recommended-field"
	CodeUndated              = "undated"
	CodeProceedingsAsArticle = "proceedings-as-article"
	CodeIncompleteDate       = "incomplete-date"

	// Form of values (form.go).
	CodeBadURL               = "bad-url"
	CodeBadDOI               = "bad-doi"
	CodeDOIURL               = "doi-url"
	CodeShortDOI             = "short-doi"
	CodeBadISBN              = "bad-isbn"
	CodeISBNList             = "isbn-list"
	CodeBadISSN              = "bad-issn"
	CodeInvalidDate          = "invalid-date"
	CodeImplausibleYear      = "implausible-year"
	CodeRunTogetherYears     = "run-together-years"
	CodeDateRangeOrder       = "date-range-order"
	CodeFutureAccess         = "future-access"
	CodeAccessBeforeIssue    = "access-before-issue"
	CodeBadPage              = "bad-page"
	CodePagePrefix           = "page-prefix"
	CodePageAbbreviated      = "page-abbreviated"
	CodeLocatorAsPage        = "locator-as-page"
	CodeBadLanguage          = "bad-language"
	CodeUnknownLanguage      = "unknown-language"
	CodeNoncanonicalLanguage = "noncanonical-language"

	// Names (names.go).
	CodeEmptyName           = "empty-name"
	CodeEmptyFamily         = "empty-family"
	CodeMissingGiven        = "missing-given"
	CodeInitialsForm        = "initials-form"
	CodeInstitutionAsPerson = "institution-as-person"
	CodeNameSpacing         = "name-spacing"

	// Text hygiene (text.go).
	CodeAllCaps          = "all-caps"
	CodeWhitespace       = "whitespace"
	CodeSpaceBeforePunct = "space-before-punct"
	CodeMixedScript      = "mixed-script"
	CodeScriptMismatch   = "script-mismatch"

	// Consistency across the library (consistency.go).
	CodeNameVariant   = "name-variant"
	CodeOutletVariant = "outlet-variant"
	CodeDuplicate     = "duplicate"

	// Claims (claims.go).
	CodeClaimNoID           = "claim-no-id"
	CodeClaimDuplicateID    = "claim-duplicate-id"
	CodeClaimUnknownRef     = "claim-unknown-ref"
	CodeClaimNoSource       = "claim-no-source"
	CodeClaimBadKind        = "claim-bad-kind"
	CodeClaimBadSupport     = "claim-bad-support"
	CodeClaimEmptyExcerpt   = "claim-empty-excerpt"
	CodeClaimQuoteNoLocator = "claim-quote-no-locator"
	CodeClaimBadLabel       = "claim-bad-label"
)

const (
	sevError   = "error"
	sevWarning = "warning"
)

var rules = []Rule{
	{CodeMissingField, sevError, "a field the target style requires for the item type is missing; " +
		"all types: title; books: publisher (APA, GOST) and publisher-place (GOST); chapters: container-title, publisher, publisher-place (GOST); " +
		"journal articles: container-title and volume or issue; newspaper articles: container-title and issued; web pages: URL, and container-title (site name) for APA unless the author is an institution; " +
		"theses: genre and publisher (the university); reports: publisher or authority; legislation: number or authority; standards and patents: number; " +
		"GOST: URL and accessed (дата обращения) for every online resource, page for a printed part of a journal, newspaper or book; " +
		"APA: title-translated (an English translation) for a title that is not in English, when the library targets APA (--style apa or all, or cite.toml's styles)"},
	{CodeRecommendedField, sevWarning, "a field the target style prints when the work has it is missing; " +
		"author (or editor) except for works that lead with their title (laws, standards, unsigned entries, web pages with a site name), " +
		"editor and page for chapters, volume (APA), issue, page and DOI (APA) for journal articles, page for printed newspaper and magazine articles, " +
		"number-of-pages for books and theses (GOST), publisher for reference works, proceedings and datasets, version for software (APA), " +
		"language for a title in a non-Latin script, " +
		"and APA's title-translated for a title not in English when neither --style nor cite.toml names the styles"},
	{CodeProceedingsAsArticle, sevWarning, "a journal article without volume or issue whose container-title names conference proceedings (\"CHI '09: Proceedings of …\") is probably a conference paper: write type = \"paper-conference\"; it is checked as one"},
	{CodeUndated, sevWarning, "no issued date: APA 7 prints \"n.d.\" and GOST \"[б. г.]\"; add the date, or say \"undated\" in note"},
	{CodeIncompleteDate, sevWarning, "a newspaper article's issued date lacks the month or day that APA 7 and GOST print for it"},

	{CodeBadURL, sevError, "a URL needs a scheme (http, https or ftp), a host and no spaces"},
	{CodeBadDOI, sevError, "a DOI must read 10.NNNN/suffix (a registrant code of 4–9 digits, a slash and a suffix without spaces)"},
	{CodeDOIURL, sevWarning, "the DOI field holds a resolver URL or a \"doi:\" or \"info:doi/\" prefix; store the bare DOI (10.NNNN/…) and let the style add https://doi.org/"},
	{CodeShortDOI, sevWarning, "the DOI is a short DOI (10/abcd), which resolves but is not the DOI itself; write the full DOI, which https://doi.org/10/abcd leads to"},
	{CodeBadISBN, sevError, "an ISBN must have 10 or 13 digits (hyphens and spaces allowed) and a correct check digit (ISO 2108)"},
	{CodeISBNList, sevWarning, "the ISBN field holds two ISBNs (or more) run together with a space or nothing between them; separate them with \"; \", or keep the one of the edition cited"},
	{CodeBadISSN, sevError, "an ISSN must read NNNN-NNNC with a correct check digit C (ISO 3297)"},
	{CodeInvalidDate, sevError, "a date has a month outside 1–12 (or the seasons 21–24), a day that the month does not have, or a day without a month"},
	{CodeImplausibleYear, sevError, "a year lies more than one year after today"},
	{CodeRunTogetherYears, sevWarning, "an 8-digit number such as 20142020 in a date or a text field looks like a year range run together; write 2014–2020 (2014/2020 in a date)"},
	{CodeDateRangeOrder, sevError, "a date range ends before it starts"},
	{CodeFutureAccess, sevError, "an access date lies in the future"},
	{CodeAccessBeforeIssue, sevError, "an access date lies before the date the work was issued"},
	{CodeBadPage, sevError, "a page range ends before it starts"},
	{CodePageAbbreviated, sevWarning, "a page range shortens its end (321-28); APA 7 and GOST print both ends in full (321–328)"},
	{CodePagePrefix, sevWarning, "page includes a label such as \"С.\", \"p.\" or \"pp.\" that the style adds itself; keep only the numbers (an en dash in ranges is fine)"},
	{CodeLocatorAsPage, sevWarning, "a single page on a whole work (a book, a thesis, a report) is a cited page, not the work's extent: put it in the claim's locator, and the length in number-of-pages"},
	{CodeBadLanguage, sevError, "language is not a well-formed BCP 47 tag (e.g. ru, kk, en-US; hyphens, not underscores)"},
	{CodeUnknownLanguage, sevWarning, "language is a well-formed BCP 47 tag with a subtag that is not in the IANA registry"},
	{CodeNoncanonicalLanguage, sevWarning, "language uses a longer or deprecated code where BCP 47 has a canonical one (rus → ru, kaz → kk)"},

	{CodeEmptyName, sevError, "a name has no family, given or literal part"},
	{CodeEmptyFamily, sevError, "a person has a given name but no family name; write an institution as literal"},
	{CodeMissingGiven, sevWarning, "a person has no given name or initials; APA 7 and GOST print initials after the family name"},
	{CodeInitialsForm, sevWarning, "initials run together or lack periods (К.В., KV, K V); APA 7 and GOST write them with a period and a space: К. В."},
	{CodeInstitutionAsPerson, sevWarning, "an institution (Министерство…, Ministry…, University…) is written as family/given; write it as literal so that it is not inverted or abbreviated"},
	{CodeNameSpacing, sevWarning, "a name part has leading, trailing or doubled spaces or stray punctuation (a trailing comma or semicolon)"},

	{CodeAllCaps, sevWarning, "a title is in all capitals; store it as published in sentence or title case, keeping acronyms, since styles change case but cannot restore it"},
	{CodeWhitespace, sevWarning, "a text field has leading, trailing or doubled spaces, or a tab or line break"},
	{CodeSpaceBeforePunct, sevWarning, "a text field has a space before a comma or semicolon"},
	{CodeMixedScript, sevWarning, "a word mixes Latin and Cyrillic letters (a look-alike letter typed in the wrong layout), which breaks sorting and search"},

	{CodeScriptMismatch, sevWarning, "a title, or the name of a newspaper or journal, is written in another script than its language uses: romanised where GOST wants the original Cyrillic (keep the romanised form as a -translit field), or a language tag that does not match the title"},

	{CodeNameVariant, sevWarning, "one person is spelled differently in two entries (К.В. and К. В., capitals, ё and е; a family name one letter apart with the same given name; a full given name one letter apart), judged against the most common spelling"},
	{CodeOutletVariant, sevWarning, "one journal, newspaper, site or publisher is spelled differently in two entries (equal after case, punctuation and space normalisation, or one letter apart within a word), judged against the most common spelling"},
	{CodeDuplicate, sevWarning, "two entries probably describe one work: same DOI, ISBN or URL, or same title, year and first author; reported on the later one, with the `cite merge EARLIER LATER` command that merges them. A shared ISBN is not enough when the DOIs differ or the titles clearly do (papers of one proceedings volume)"},

	{CodeClaimNoID, sevError, "a claim has no id"},
	{CodeClaimDuplicateID, sevError, "two claims have the same id"},
	{CodeClaimUnknownRef, sevError, "a claim's source names a reference id that the library does not have"},
	{CodeClaimNoSource, sevError, "a claim that is not an evaluation has no sources"},
	{CodeClaimBadKind, sevError, "a claim's kind is missing or not one of quote, statistic, fact, attribution, evaluation"},
	{CodeClaimBadSupport, sevError, "a source's support is not one of direct, indirect, secondary"},
	{CodeClaimEmptyExcerpt, sevError, "a claim has no excerpt to find it in the manuscript"},
	{CodeClaimQuoteNoLocator, sevWarning, "a quote has no locator (page, paragraph) on any source; APA 7 and GOST give the page of a quotation"},
	{CodeClaimBadLabel, sevWarning, "a source's locator label is not a CSL locator term (page, chapter, paragraph, section, …)"},
}

var ruleSeverity = func() map[string]bib.Severity {
	m := make(map[string]bib.Severity, len(rules))
	for _, r := range rules {
		if r.Severity == sevError {
			m[r.Code] = bib.Error
		} else {
			m[r.Code] = bib.Warning
		}
	}
	return m
}()

// Rules returns every code Run can emit, with its severity and a one-line
// explanation, in the order the README lists them.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// severityOf returns the severity of code; an unknown code is an error, so
// that a rule missing from the table cannot hide.
func severityOf(code string) bib.Severity {
	if s, ok := ruleSeverity[code]; ok {
		return s
	}
	return bib.Error
}
