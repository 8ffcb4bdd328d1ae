package verify

import (
	"regexp"
	"strings"

	"github.com/cite-project/cite/internal/manuscript"
)

// CodeCitationSuggested is the finding code of a sentence that reads as a
// claim needing a source (an attribution, an appeal to consensus, a
// superlative, a round number) but cites none.
const CodeCitationSuggested = "citation-suggested"

// word wraps a pattern in letter boundaries that work for Cyrillic as
// well as Latin (Go's \b knows only ASCII): the phrase is group 1.
func word(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}])(` + pattern + `)(?:$|[^\p{L}\p{N}])`)
}

// suggestion is one kind of wording that wants a source.
type suggestion struct {
	kind string
	re   *regexp.Regexp
}

// suggestions are the wordings of claims that want a source, in English
// and Russian: attribution and reporting verbs, appeals to consensus,
// superlatives and "the first", number words and decades.
var suggestions = []suggestion{
	{"attribution", word(`according to|argued|argues that|asserted|asserts|articulated|commented|claimed|claims that|stated that|states that|stated|reported|reports that|noted that|noted|notes that|observed that|emphasi[sz]ed|stressed|pointed out|maintained|contended|contends|suggested that|suggests that|shows that|showed that|showed|has shown|have shown|demonstrated|demonstrates|found that|concluded|acknowledged|recogni[sz]ed|declared|announced|proclaimed|warned|is (?:widely |commonly |generally )?(?:regarded|considered|seen|viewed) as`)},
	{"attribution", word(`по мнению|по словам|по данным|согласно|как отмеча(?:ет|л|ют|ли)|отметил|утвержда(?:ет|л|ют|ли)|счита(?:ет|ют|л|ли|ется)|подчеркива(?:ет|л|ют)|подчеркнул|заяв(?:ил|ляет|лял|или)|сообща(?:ет|ют|л)|сообщил|доказа(?:л|но|ли)|показа(?:л|но|ли)|установ(?:ил|лено|или)|призна(?:но|ется|ют|л)|указыва(?:ет|л|ют)`)},
	{"consensus", word(`widely|well[- ]known|generally (?:accepted|agreed|believed|considered)|commonly (?:accepted|believed|held|known)|it is (?:often|frequently|commonly|generally|widely) \p{L}+|studies (?:show|have shown|suggest|indicate)|research (?:shows|has shown|suggests|indicates)|scholars|experts|researchers (?:agree|argue|believe)|many (?:authors|scholars|researchers|studies|observers|analysts)|most (?:scholars|experts|researchers|analysts)|it has been (?:argued|suggested|shown|noted|claimed)|there is (?:a )?(?:broad )?(?:consensus|agreement)`)},
	{"consensus", word(`известно, что|как известно|общепризнан\p{L}*|широко (?:известно|признано|распространено)|принято считать|исследования показывают|многие (?:авторы|исследователи|ученые|учёные|эксперты)|ученые|учёные|эксперты|большинство (?:авторов|исследователей|ученых|учёных|экспертов)`)},
	{"superlative", word(`(?:one of )?the most (?:[\p{L}-]+)|the (?:largest|biggest|highest|lowest|greatest|oldest|earliest|best|worst|strongest|richest|poorest|smallest|fastest|main|foremost|only)|first(?: time| ever)?|mostly|the majority of|unprecedented`)},
	{"superlative", word(`сам(?:ый|ая|ое|ые|ого|ой|ых|ым|ыми|ому)|наиболее|крупнейш\p{L}*|важнейш\p{L}*|величайш\p{L}*|наибольш\p{L}*|наименьш\p{L}*|впервые|единственн\p{L}*`)},
	{"document", regexp.MustCompile(`(?:^|[^\p{L}\p{N}])((?:appeared|appears|is stated|are stated|is set out|are set out|is laid down|are laid down|is enshrined|are enshrined|is prescribed|are prescribed|is reflected|are reflected) in (?:the )?(?:[\p{L}'’-]+ ){0,4}(?:documents?|reports?|treaties|treaty|declarations?|charter|laws?|decrees?|constitution|concepts?|strateg(?:y|ies)|doctrines?|programmes?|programs?))(?:$|[^\p{L}\p{N}])`)},
	{"document", regexp.MustCompile(`(?:^|[^\p{L}\p{N}])((?:the )?(?:Treaty|Declaration|Charter|Convention|Decree|Resolution|Constitution|Covenant|Accord|Protocol|Concept|Doctrine) (?:of|on|for) (?:the )?\p{Lu}[\p{L}-]*|(?:Федеральн\p{L}+ закон|Закон (?:о|об|РФ|Российской|Республики)|Конституци\p{L}+|Указ\p{L}* (?:Президента|президента)|Постановлени\p{L}* (?:Правительства|правительства)|Договор\p{L}* о|Конвенци\p{L}* о|Деклараци\p{L}* о))(?:$|[^\p{L}\p{N}])`)},
	{"number", word(`(?:1[0-9]|20)[0-9]0['’]?s|hundreds|thousands|millions|billions|dozens|tens of thousands|(?:a|one) (?:third|quarter|half) of|half of|(?:twice|three times|doubled|tripled|halved)|more than (?:a |one |two |three |four |five |ten |a few )?(?:dozen|hundred|thousand|million|billion|half)`)},
	{"number", word(`(?:19|20)\d0-(?:е|х|ые|ых)|сотни|сотен|тысячи|тысяч|миллион\p{L}*|миллиард\p{L}*|десятки|более (?:двух|трех|трёх|четырех|четырёх|пяти|десяти|ста|двухсот|трехсот|трёхсот|тысячи|миллиона|половины)\p{L}*|половин\p{L}* |треть`)},
}

// notSuperlative are the words after "the most" or "first" that make it
// an adverb or an ordinal, not a claim: "contributes the most to", "first
// of all".
var notSuperlative = regexp.MustCompile(`(?i)^(?:the most (?:to|of|in|on|at|for|with|and|or|than|from|is|are|was|were|be|it|its|this|that)|first(?: of all| and foremost)?,?)$`)

// selfReference are reporting verbs that point inside the text: "are
// stated in the following", "as noted above".
var selfReference = regexp.MustCompile(`(?i)(?:stated|noted|shown|described|mentioned|discussed|demonstrated|показано|отмечено|указано) (?:in the following|below|above|earlier|later|ниже|выше)|as follows|(?:should|must|can|may|is to) be (?:noted|mentioned|stressed|emphasi[sz]ed|pointed out)(?: that)?|(?:worth|important) (?:noting|mentioning|to (?:note|point out|mention))(?: that)?|следует (?:отметить|подчеркнуть|указать)|необходимо (?:отметить|подчеркнуть)`)

// minSuggestWords is the least number of words a sentence needs for a
// suggestion: shorter ones are fragments and placeholders ("Впервые …").
const minSuggestWords = 4

// suggest returns the kind and the wording of the first phrase of prose
// that wants a source, or "".
func suggest(prose string) (kind, phrase string) {
	if words(prose) < minSuggestWords {
		return "", ""
	}
	if selfReference.MatchString(prose) {
		prose = selfReference.ReplaceAllString(prose, " ")
	}
	for _, s := range suggestions {
		for _, m := range s.re.FindAllStringSubmatchIndex(prose, -1) {
			p := strings.Join(strings.Fields(prose[m[2]:m[3]]), " ")
			after := prose[m[3]:]
			switch s.kind {
			case "superlative":
				if notSuperlative.MatchString(p) || firstAsOrdinal(prose, p) || technicalNoun.MatchString(after) || intensive(p, after) {
					continue
				}
			case "attribution":
				if participle(prose[:m[2]], p, after) {
					continue
				}
			}
			return s.kind, p
		}
	}
	return "", ""
}

var (
	// technicalNoun follows a superlative that describes a quantity of a
	// method, not the world: "the highest probability", "the lowest cost".
	technicalNoun = regexp.MustCompile(`(?i)^\s+(?:probability|probabilities|likelihood|value|values|score|scores|density|error|errors|variance|weight|weights|cost|loss|accuracy|precision|order|degree|frequency|rank|index|priority|resolution|dimension|entropy|energy)\b`)
	// passiveOrObject after a past-tense reporting verb makes it a report
	// ("demonstrated that", "articulated their awareness"); before a
	// noun it is an adjective ("demonstrated motions").
	reportObject = regexp.MustCompile(`^\s+(?:(?i:that|the|a|an|its|their|his|her|our|this|these|how|whether|on|in|as|by|to)\b|\p{Lu})`)
	passiveAux   = regexp.MustCompile(`(?i)(?:has|have|had|was|were|been|is|are|be|being|openly|widely|often|repeatedly|also|clearly)\s+$`)
	// adjectiveEnd ends a Russian adjective: "самый большой".
	adjectiveEnd = regexp.MustCompile(`^\s+\p{L}+(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ей|ых|их|ым|им|ую|юю|ыми|ими|ому|ему)(?:[^\p{L}]|$)`)
)

// participle reports whether a past-tense reporting verb stands as an
// adjective ("demonstrated motions") rather than reporting something.
func participle(before, p, after string) bool {
	if !strings.HasSuffix(p, "ed") && p != "showed" {
		return false
	}
	return !reportObject.MatchString(after) && !passiveAux.MatchString(before)
}

// intensive reports whether a Russian "сам…" is the pronoun "itself"
// ("самой формулы"), not a superlative ("самый большой").
func intensive(p, after string) bool {
	if !strings.HasPrefix(strings.ToLower(p), "сам") {
		return false
	}
	return !adjectiveEnd.MatchString(after)
}

// firstAsOrdinal reports whether "first" opens the sentence as an
// enumeration ("First, …", "First of all") or counts ("the first two").
func firstAsOrdinal(prose, p string) bool {
	if !strings.EqualFold(p, "first") {
		return false
	}
	t := strings.TrimSpace(prose)
	return strings.HasPrefix(t, "First,") || strings.HasPrefix(t, "First of") || strings.HasPrefix(strings.ToLower(t), "at first")
}

var (
	// designation is the identifier of a standard or a numbered public
	// document: "ГОСТ Р 7.0.11-2011", "ГОСТ 2.105", "ISO 690:2010",
	// "RFC 2119". Naming one names the source.
	designation = word(`(?:ГОСТ|GOST|ОСТ|СТБ|ДСТУ|СНиП|СанПиН|ISO|IEC|IEEE|ANSI|DIN|BS|EN|ASTM|RFC)(?:[ \x{a0}]?(?:Р|R|ИСО|ISO|IEC|МЭК))?[ \x{a0}~]?\d+(?:[.:/-]\d+)*`)
	// partNumber is a number that names a part of a document or an
	// identifier, not a figure: "пункт 4.3.1", "section 2", "Fig. 3",
	// "Table 2", "№ 5", "§ 8", "grant 870142", "FKZ 50 RA 1701".
	partNumber = word(`(?:пункт|пункта|пунктом|п\.|пп\.|раздел|раздела|разделе|разд\.|глав[аеуы]|гл\.|рисун(?:ок|ка|ке|ки)|рис\.|таблиц[аеуы]|табл\.|приложени[еяи]|прил\.|формул[аеуы]|уравнени[еяи]|section|sections|sec\.|chapter|chapters|ch\.|figure|figures|fig\.|figs\.|table|tables|tab\.|equation|equations|eq\.|eqs\.|appendix|part|item|clause|article|art\.|§|№|no\.|nos\.|grant|grants|project|contract|award|agreement no\.|fkz|vol\.|volume|p\.|pp\.|с\.|т\.|version|v\.|release)[ \x{a0}]?(?:\(?[A-Za-zА-Яа-я]?\d+(?:[.,:/–-]\d+)*[a-z]?\)?(?:,? ?(?:and|и|–|-) ?\d+(?:\.\d+)*)?)(?: RA \d+)?`)
	// standardName names a standard without its number: "согласно ГОСТ".
	standardName = word(`ГОСТ|ГОСТа|ГОСТу|GOST|СНиП|СанПиН`)
	// urlLike finds a URL or hyperlink command in the text of a sentence.
	urlLike = regexp.MustCompile(`https?://|www\.|\\(?:url|href)\{|\]\(`)
	// nonClaimHeading names a section that states no claims: thanks,
	// funding, declarations.
	nonClaimHeading = regexp.MustCompile(`(?i)^(?:\d+\.?\s*)?(?:acknowledg(?:e)?ments?|funding|financial support|author contributions?|conflicts? of interest|competing interests?|declarations?|data availability|благодарност\p{L}*|финансировани\p{L}*|конфликт интересов)\s*$`)
)

// maskParts blanks in b (a sentence's prose) the numbers that are not
// figures: designations of standards and numbers of parts, figures,
// tables, grants. It reports whether a designation names a source.
func maskParts(b []byte) (named bool) {
	named = standardName.Match(b) || designation.Match(b)
	for _, loc := range designation.FindAllSubmatchIndex(b, -1) {
		for k := loc[2]; k < loc[3]; k++ {
			b[k] = ' '
		}
	}
	for _, loc := range partNumber.FindAllSubmatchIndex(b, -1) {
		for k := loc[2]; k < loc[3]; k++ {
			b[k] = ' '
		}
	}
	return named
}

// inlineSource reports whether the sentence [s, e) of d names its source
// itself: a URL or hyperlink in its text.
func inlineSource(d *manuscript.Document, s, e int) bool {
	return urlLike.MatchString(d.Text[s:e])
}

// inNonClaimSection reports whether offset off lies under a heading that
// names a section without claims (acknowledgements, funding).
func inNonClaimSection(d *manuscript.Document, off int) bool {
	title := ""
	for _, h := range d.Headings {
		if h.Start > off {
			break
		}
		title = h.Title
	}
	return title != "" && nonClaimHeading.MatchString(title)
}
