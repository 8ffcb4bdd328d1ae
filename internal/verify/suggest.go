package verify

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/lazyregexp"
	"github.com/cite-project/cite/internal/manuscript"
)

// CodeCitationSuggested is the finding code of a sentence that reads as a
// claim needing a source (an attribution, an appeal to consensus, a
// superlative, a round number) but cites none.
const CodeCitationSuggested = "citation-suggested"

// word wraps a pattern in letter boundaries that work for Cyrillic as
// well as Latin (Go's \b knows only ASCII): the phrase is group 1.
func word(pattern string) func() *regexp.Regexp {
	return lazyregexp.New(`(?:^|[^\p{L}\p{N}])(` + pattern + `)(?:$|[^\p{L}\p{N}])`)
}

// suggestion is one kind of wording that wants a source: re matches it
// in lower-case prose (in prose as written when cased is set), and only
// sentences with a word that opens with one of anchors (or, with digits
// set, a number) are searched.
type suggestion struct {
	kind    string
	re      func() *regexp.Regexp // compiled on first use
	anchors string
	cased   bool
	digits  bool
}

// suggestions are the wordings of claims that want a source, in English
// and Russian: attribution and reporting verbs, appeals to consensus,
// superlatives and "the first", number words and decades.
var suggestions = []suggestion{
	{kind: "attribution", re: word(`according to|argued|argues that|asserted|asserts|articulated|commented|claimed|claims that|stated that|states that|stated|reported|reports that|noted that|noted|notes that|observed that|emphasi[sz]ed|stressed|pointed out|maintained|contended|contends|suggested that|suggests that|shows that|showed that|showed|has shown|have shown|demonstrated|demonstrates|found that|concluded|acknowledged|recogni[sz]ed|declared|announced|proclaimed|warned|is (?:widely |commonly |generally )?(?:regarded|considered|seen|viewed) as`), anchors: `according argue asserted asserts articulated commented claim stated states report noted notes observed emphasi stressed pointed maintained contend suggest shows showed shown demonstrat found concluded acknowledged recogni declared announced proclaimed warned regarded considered seen viewed`},
	{kind: "attribution", re: word(`по мнению|по словам|по данным|согласно|как отмеча(?:ет|л|ют|ли)|отметил|утвержда(?:ет|л|ют|ли)|счита(?:ет|ют|л|ли|ется)|подчеркива(?:ет|л|ют)|подчеркнул|заяв(?:ил|ляет|лял|или)|сообща(?:ет|ют|л)|сообщил|доказа(?:л|но|ли)|показа(?:л|но|ли)|установ(?:ил|лено|или)|призна(?:но|ется|ют|л)|указыва(?:ет|л|ют)`), anchors: `мнению словам данным согласно отмеча отметил утвержда счита подчеркива подчеркн заяв сообща сообщ доказа показа установ призна указыва`},
	{kind: "consensus", re: word(`widely|well[- ]known|generally (?:accepted|agreed|believed|considered)|commonly (?:accepted|believed|held|known)|it is (?:often|frequently|commonly|generally|widely) \p{L}+|studies (?:show|have shown|suggest|indicate)|research (?:shows|has shown|suggests|indicates)|scholars|experts|researchers (?:agree|argue|believe)|many (?:authors|scholars|researchers|studies|observers|analysts)|most (?:scholars|experts|researchers|analysts)|it has been (?:argued|suggested|shown|noted|claimed)|there is (?:a )?(?:broad )?(?:consensus|agreement)`), anchors: `widely well generally commonly often frequently studies research scholars experts researchers many most there`},
	{kind: "consensus", re: word(`известно, что|как известно|общепризнан\p{L}*|широко (?:известно|признано|распространено)|принято считать|исследования показывают|многие (?:авторы|исследователи|ученые|учёные|эксперты)|ученые|учёные|эксперты|большинство (?:авторов|исследователей|ученых|учёных|экспертов)`), anchors: `известно общепризнан широко принято исследования многие ученые учёные эксперты большинство`},
	{kind: "superlative", re: word(`(?:one of )?the most (?:[\p{L}-]+)|the (?:largest|biggest|highest|lowest|greatest|oldest|earliest|best|worst|strongest|richest|poorest|smallest|fastest|main|foremost|only)|first(?: time| ever)?|mostly|the majority of|unprecedented`), anchors: `most largest biggest highest lowest greatest oldest earliest best worst strongest richest poorest smallest fastest main foremost only first mostly majority unprecedented`},
	{kind: "superlative", re: word(`сам(?:ый|ая|ое|ые|ого|ой|ых|ым|ыми|ому)|наиболее|крупнейш\p{L}*|важнейш\p{L}*|величайш\p{L}*|наибольш\p{L}*|наименьш\p{L}*|впервые|единственн\p{L}*`), anchors: `сам наиболее крупнейш важнейш величайш наибольш наименьш впервые единственн`},
	{kind: "document", re: lazyregexp.New(`(?:^|[^\p{L}\p{N}])((?:appeared|appears|is stated|are stated|is set out|are set out|is laid down|are laid down|is enshrined|are enshrined|is prescribed|are prescribed|is reflected|are reflected) in (?:the )?(?:[\p{L}'’-]+ ){0,4}(?:documents?|reports?|treaties|treaty|declarations?|charter|laws?|decrees?|constitution|concepts?|strateg(?:y|ies)|doctrines?|programmes?|programs?))(?:$|[^\p{L}\p{N}])`), anchors: `appear stated set laid enshrined prescribed reflected`},
	{kind: "document", re: lazyregexp.New(`(?:^|[^\p{L}\p{N}])((?:the )?(?:Treaty|Declaration|Charter|Convention|Decree|Resolution|Constitution|Covenant|Accord|Protocol|Concept|Doctrine) (?:of|on|for) (?:the )?\p{Lu}[\p{L}-]*|(?:Федеральн\p{L}+ закон|Закон (?:о|об|РФ|Российской|Республики)|Конституци\p{L}+|Указ\p{L}* (?:Президента|президента)|Постановлени\p{L}* (?:Правительства|правительства)|Договор\p{L}* о|Конвенци\p{L}* о|Деклараци\p{L}* о))(?:$|[^\p{L}\p{N}])`), anchors: `treaty declaration charter convention decree resolution constitution covenant accord protocol concept doctrine федеральн закон конституци указ постановлени договор конвенци деклараци`, cased: true},
	{kind: "number", re: word(`(?:1[0-9]|20)[0-9]0['’]?s|hundreds|thousands|millions|billions|dozens|tens of thousands|(?:a|one) (?:third|quarter|half) of|half of|(?:twice|three times|doubled|tripled|halved)|more than (?:a |one |two |three |four |five |ten |a few )?(?:dozen|hundred|thousand|million|billion|half)`), anchors: `hundreds thousands millions billions dozens tens third quarter half twice three doubled tripled halved more`, digits: true},
	{kind: "number", re: word(`(?:19|20)\d0-(?:е|х|ые|ых)|сотни|сотен|тысячи|тысяч|миллион\p{L}*|миллиард\p{L}*|десятки|более (?:двух|трех|трёх|четырех|четырёх|пяти|десяти|ста|двухсот|трехсот|трёхсот|тысячи|миллиона|половины)\p{L}*|половин\p{L}* |треть`), anchors: `сотни сотен тысяч миллион миллиард десятки более половин треть`, digits: true},
}

// notSuperlative are the words after "the most" or "first" that make it
// an adverb or an ordinal, not a claim: "contributes the most to", "first
// of all".
var notSuperlative = lazyregexp.New(`(?i)^(?:the most (?:to|of|in|on|at|for|with|and|or|than|from|is|are|was|were|be|it|its|this|that)|first(?: of all| and foremost)?,?)$`)

// selfReference are reporting verbs that point inside the text: "are
// stated in the following", "as noted above".
var selfReference = lazyregexp.New(`(?:stated|noted|shown|described|mentioned|discussed|demonstrated|показано|отмечено|указано) (?:in the following|below|above|earlier|later|ниже|выше)|as follows|(?:should|must|can|may|is to) be (?:noted|mentioned|stressed|emphasi[sz]ed|pointed out)(?: that)?|(?:worth|important) (?:noting|mentioning|to (?:note|point out|mention))(?: that)?|следует (?:отметить|подчеркнуть|указать)|необходимо (?:отметить|подчеркнуть)`)

// minSuggestWords is the least number of words a sentence needs for a
// suggestion: shorter ones are fragments and placeholders ("Впервые …").
const minSuggestWords = 4

// suggest returns the kind and the wording of the first phrase of prose
// that wants a source, or "".
func suggest(prose string) (kind, phrase string) {
	if words(prose) < minSuggestWords {
		return "", ""
	}
	lower := strings.ToLower(prose)
	triggered := triggers(lower)
	if triggered == 0 {
		return "", ""
	}
	if mayReferToText(lower) && selfReference().MatchString(lower) {
		lower = selfReference().ReplaceAllStringFunc(lower, func(s string) string { return strings.Repeat(" ", len(s)) })
	}
	for i, s := range suggestions {
		if triggered&(1<<i) == 0 {
			continue
		}
		text := lower
		if s.cased {
			text = prose
		}
		for _, m := range s.re().FindAllStringSubmatchIndex(text, -1) {
			p := strings.Join(strings.Fields(text[m[2]:m[3]]), " ")
			after := text[m[3]:]
			shown := p
			if len(lower) == len(prose) {
				shown = strings.Join(strings.Fields(prose[m[2]:m[3]]), " ") // as written
			}
			switch s.kind {
			case "superlative":
				if notSuperlative().MatchString(p) || firstAsOrdinal(lower, p) || technicalNoun().MatchString(after) || intensive(p, after) {
					continue
				}
			case "attribution":
				if participle(text[:m[2]], p, prose[min(len(prose), m[3]):]) {
					continue
				}
			}
			return s.kind, shown
		}
	}
	return "", ""
}

var (
	// technicalNoun follows a superlative that describes a quantity of a
	// method, not the world: "the highest probability", "the lowest cost".
	technicalNoun = lazyregexp.New(`(?i)^\s+(?:probability|probabilities|likelihood|value|values|score|scores|density|error|errors|variance|weight|weights|cost|loss|accuracy|precision|order|degree|frequency|rank|index|priority|resolution|dimension|entropy|energy)\b`)
	// passiveOrObject after a past-tense reporting verb makes it a report
	// ("demonstrated that", "articulated their awareness"); before a
	// noun it is an adjective ("demonstrated motions").
	reportObject = lazyregexp.New(`^\s+(?:(?i:that|the|a|an|its|their|his|her|our|this|these|how|whether|on|in|as|by|to)\b|\p{Lu})`)
	passiveAux   = lazyregexp.New(`(?i)(?:has|have|had|was|were|been|is|are|be|being|openly|widely|often|repeatedly|also|clearly)\s+$`)
	// adjectiveEnd ends a Russian adjective: "самый большой".
	adjectiveEnd = lazyregexp.New(`^\s+\p{L}+(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ей|ых|их|ым|им|ую|юю|ыми|ими|ому|ему)(?:[^\p{L}]|$)`)
)

// participle reports whether a past-tense reporting verb stands as an
// adjective ("demonstrated motions") rather than reporting something.
func participle(before, p, after string) bool {
	if !strings.HasSuffix(p, "ed") && p != "showed" {
		return false
	}
	return !reportObject().MatchString(after) && !passiveAux().MatchString(before)
}

// intensive reports whether a Russian "сам…" is the pronoun "itself"
// ("самой формулы"), not a superlative ("самый большой").
func intensive(p, after string) bool {
	if !strings.HasPrefix(strings.ToLower(p), "сам") {
		return false
	}
	return !adjectiveEnd().MatchString(after)
}

// mayReferToText reports whether lower holds a word selfReference opens
// with: the cheap test before it.
func mayReferToText(lower string) bool {
	for _, w := range []string{"stated", "noted", "shown", "described", "mentioned", "discussed", "demonstrated", "follows",
		"stressed", "emphasi", "pointed", "worth", "important", "показано", "отмечено", "указано", "следует", "необходимо"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// firstAsOrdinal reports whether "first" opens the sentence as an
// enumeration ("First, …", "First of all") or counts ("the first two").
func firstAsOrdinal(prose, p string) bool {
	if !strings.EqualFold(p, "first") {
		return false
	}
	t := strings.ToLower(strings.TrimSpace(prose))
	return strings.HasPrefix(t, "first,") || strings.HasPrefix(t, "first of") || strings.HasPrefix(t, "at first")
}

var (
	// standardName names a standard without its number: "согласно ГОСТ".
	standardName = word(`ГОСТ|ГОСТа|ГОСТу|GOST|СНиП|СанПиН`)
	// urlLike finds a URL or hyperlink command in the text of a sentence.
	urlLike = lazyregexp.New(`https?://|www\.|\\(?:url|href)\{|\]\(`)
	// nonClaimHeading names a section that states no claims: thanks,
	// funding, declarations.
	nonClaimHeading = lazyregexp.New(`(?i)^(?:\d+\.?\s*)?(?:acknowledg(?:e)?ments?|funding|financial support|author contributions?|conflicts? of interest|competing interests?|declarations?|data availability|благодарност\p{L}*|финансировани\p{L}*|конфликт интересов)\s*$`)
)

// maskParts blanks in b (a sentence's prose) the numbers that are not
// figures: designations of standards and numbers of parts, figures,
// tables, grants. It reports whether a designation names a source.
func maskParts(b []byte) (named bool) {
	named = (bytes.Contains(b, []byte("ГОСТ")) || bytes.Contains(b, []byte("GOST")) || bytes.Contains(b, []byte("СНиП")) || bytes.Contains(b, []byte("СанПиН"))) && standardName().Match(b)
	for i := 0; i < len(b); {
		if b[i] < '0' || b[i] > '9' {
			i++
			continue
		}
		// a number: digits with internal . : / - (2.105, 7.0.11-2011, 4.3.1)
		s, e := i, i
		for e < len(b) && (b[e] >= '0' && b[e] <= '9' || (b[e] == '.' || b[e] == ':' || b[e] == '/' || b[e] == '-') && e+1 < len(b) && b[e+1] >= '0' && b[e+1] <= '9') {
			e++
		}
		i = e
		if s > 0 && (isWordByte(b[s-1]) || b[s-1] == '(' && s > 1 && isWordByte(b[s-2])) {
			continue // "G20", "x2"
		}
		w, ws := wordBefore(b, s)
		switch {
		case w == "":
		case designations[w] || (w == "р" || w == "r" || w == "исо" || w == "iso" || w == "мэк" || w == "iec") && prefixedDesignation(b, ws):
			named = true
			blankBytes(b, ws, e)
		case partWords[w]:
			// "пункт 4.3.1", "Fig. 3", "grant 870142", and "FKZ 50 RA 1701"
			for e < len(b) {
				k := e
				for k < len(b) && (b[k] == ' ' || b[k] == ',') {
					k++
				}
				if k+3 <= len(b) && (string(b[k:k+3]) == "RA " || string(b[k:k+3]) == "и ") {
					k += 3
				} else if k+4 <= len(b) && string(b[k:k+4]) == "and " {
					k += 4
				}
				if k < len(b) && b[k] >= '0' && b[k] <= '9' && k > e {
					for k < len(b) && (b[k] >= '0' && b[k] <= '9' || b[k] == '.' && k+1 < len(b) && b[k+1] >= '0' && b[k+1] <= '9') {
						k++
					}
					e = k
					continue
				}
				break
			}
			blankBytes(b, ws, e)
			i = e
		}
	}
	return named
}

// designations are the words that open the identifier of a standard or a
// numbered public document ("ГОСТ 2.105", "ISO 690", "RFC 2119"): naming
// one names the source.
var designations = map[string]bool{
	"гост": true, "gost": true, "ост": true, "стб": true, "дсту": true, "снип": true, "санпин": true, "iso": true,
	"iec": true, "ieee": true, "ansi": true, "din": true, "bs": true, "en": true, "astm": true, "rfc": true,
}

// partWords name a part of a document, an illustration or an identifier:
// the number after one is no figure.
var partWords = map[string]bool{
	"пункт": true, "пункта": true, "пунктом": true, "пункте": true, "п.": true, "пп.": true, "раздел": true, "раздела": true,
	"разделе": true, "разд.": true, "глава": true, "главе": true, "главу": true, "главы": true, "гл.": true, "рисунок": true,
	"рисунка": true, "рисунке": true, "рисунки": true, "рис.": true, "таблица": true, "таблице": true, "таблицу": true,
	"таблицы": true, "табл.": true, "приложение": true, "приложения": true, "приложении": true, "прил.": true,
	"формула": true, "формуле": true, "формулу": true, "формулы": true, "уравнение": true, "уравнения": true,
	"section": true, "sections": true, "sec.": true, "chapter": true, "chapters": true, "ch.": true, "figure": true,
	"figures": true, "fig.": true, "figs.": true, "table": true, "tables": true, "tab.": true, "equation": true,
	"equations": true, "eq.": true, "eqs.": true, "appendix": true, "part": true, "item": true, "clause": true,
	"article": true, "art.": true, "§": true, "№": true, "no.": true, "nos.": true, "grant": true, "grants": true,
	"project": true, "contract": true, "award": true, "fkz": true, "vol.": true, "volume": true, "p.": true, "pp.": true,
	"с.": true, "т.": true, "version": true, "v.": true, "release": true, "step": true, "line": true, "lines": true,
}

// wordBefore returns the lower-cased word (with a trailing period, or a
// sign such as § or №) that ends just before offset s of b, past at most
// one space, and where it starts.
func wordBefore(b []byte, s int) (string, int) {
	e := s
	if e > 0 && (b[e-1] == ' ' || b[e-1] == '~') {
		e--
	} else if e >= 2 && b[e-2] == 0xc2 && b[e-1] == 0xa0 {
		e -= 2 // a no-break space
	}
	k := e
	if k > 0 && b[k-1] == '.' {
		k--
	}
	for k > 0 {
		r, size := utf8.DecodeLastRune(b[:k])
		if !unicode.IsLetter(r) && r != '§' && r != '№' {
			break
		}
		k -= size
		if r == '§' || r == '№' {
			break
		}
	}
	if k == e {
		return "", s
	}
	return strings.ToLower(string(b[k:e])), k
}

// prefixedDesignation reports whether the letter before a number at ws
// ("Р" in "ГОСТ Р 7.0.5") follows a designation word.
func prefixedDesignation(b []byte, ws int) bool {
	w, _ := wordBefore(b, ws)
	return designations[w]
}

func blankBytes(b []byte, s, e int) {
	for k := s; k < e; k++ {
		b[k] = ' '
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// inlineSource reports whether the sentence [s, e) of d names its source
// itself: a URL or hyperlink in its text.
func inlineSource(d *manuscript.Document, s, e int) bool {
	t := d.Text[s:e]
	return strings.Contains(t, "://") && urlLike().MatchString(t) || strings.Contains(t, "www.") || strings.Contains(t, `\url{`) || strings.Contains(t, `\href{`) || strings.Contains(t, "](")
}

// ownWorkHeading names a section that reports the author's own work,
// whose figures are results, not claims from elsewhere: the abstract,
// methods, data, results, discussion, conclusion.
var ownWorkHeading = lazyregexp.New(`(?i)^(?:[\dIVX]+\.?\s*)*(?:abstract|summary|methods?|methodology|materials and methods|data(?: and methods)?|study (?:area|sites?)|experiments?|experimental (?:setup|results|design)|implementation|results?(?: and discussion)?|evaluation|discussion|conclusions?|concluding remarks|future work|аннотация|реферат|резюме|материалы и методы|методы(?: исследования)?|методика|методология|результаты(?: и (?:их )?обсуждение)?|обсуждение(?: результатов)?|заключение|выводы|эксперимент\p{L}*|экспериментальная часть)\.?\s*$`)

// sectionKinds says, for each heading of d, whether the text under it
// (down to the next heading) is the author's own work (under an
// ownWorkHeading at any level above) or states no claims (right under a
// nonClaimHeading). It walks the headings once.
func sectionKinds(d *manuscript.Document) (own, noClaim []bool) {
	own, noClaim = make([]bool, len(d.Headings)), make([]bool, len(d.Headings))
	type open struct {
		level int
		own   bool
	}
	var chain []open
	for i, h := range d.Headings {
		for len(chain) > 0 && chain[len(chain)-1].level >= h.Level {
			chain = chain[:len(chain)-1]
		}
		title := strings.TrimSpace(h.Title)
		o := ownWorkHeading().MatchString(title) || len(chain) > 0 && chain[len(chain)-1].own
		chain = append(chain, open{h.Level, o})
		own[i] = o
		noClaim[i] = title != "" && nonClaimHeading().MatchString(title)
	}
	return own, noClaim
}

// headingAt returns the index of the last heading of d that starts at or
// before off, or -1.
func headingAt(d *manuscript.Document, off int) int {
	return sort.Search(len(d.Headings), func(i int) bool { return d.Headings[i].Start > off }) - 1
}

// ownWork reports whether offset off of manuscript dc lies in a section
// of the author's own work.
func (dc *doc) ownWork(off int) bool {
	dc.sections()
	k := headingAt(dc.d, off)
	return k >= 0 && dc.own[k]
}

// inNonClaimSection reports whether offset off of manuscript dc lies
// under a heading that names a section without claims (acknowledgements,
// funding).
func (dc *doc) inNonClaimSection(off int) bool {
	dc.sections()
	k := headingAt(dc.d, off)
	return k >= 0 && dc.noClaim[k]
}

// sections computes the kinds of the document's sections once.
func (dc *doc) sections() {
	if dc.own == nil {
		dc.own, dc.noClaim = sectionKinds(dc.d)
	}
}

// firstPerson finds the author speaking of their own work: "we", "our
// method", "this study", "the proposed", "мы", "в данной работе".
var firstPerson = lazyregexp.New(`(?i)(?:^|[^\p{L}])(?:we|us|our (?:methods?|models?|approach(?:es)?|results?|study|studies|analys[ie]s|data|experiments?|classifiers?|procedures?|cameras?|systems?|algorithms?|implementation|evaluation|work|findings|proposal|framework|tools?|library|software|package|code|survey|samples?|measurements?|simulations?)|this (?:study|paper|work|article|thesis|chapter)|the proposed|мы|нами|в (?:данной|этой|настоящей) (?:работе|статье|диссертации|главе)|предложенн\p{L}*|наш\p{L}* (?:метод\p{L}*|подход\p{L}*|модел\p{L}*|результат\p{L}*|исследовани\p{L}*|алгоритм\p{L}*|эксперимент\p{L}*))(?:$|[^\p{L}])`)

// enumerator is an inline list label, "1. an automated procedure … and 2. a
// camera model", "(i)", or a time of day, "6 a.m.": no figures.
var enumerator = lazyregexp.New(`(?:^|[\s(])(?:[1-9][.)]\s+\p{Ll}|\([1-9ivx]{1,4}\)\s|\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b))`)

// maskEnumerators blanks the digits of inline list labels and times.
func maskEnumerators(b []byte) {
	for _, loc := range enumerator().FindAllIndex(b, -1) {
		for k := loc[0]; k < loc[1]; k++ {
			if b[k] >= '0' && b[k] <= '9' {
				b[k] = ' '
			}
		}
	}
}

// hasDigit reports whether b holds an ASCII digit.
func hasDigit(b []byte) bool {
	for _, c := range b {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

// anchors maps the opening of a word (a word, or the stem of a Russian
// one) to the suggestions whose wordings it may begin.
var anchors = func() map[string]uint32 {
	m := map[string]uint32{}
	for i, s := range suggestions {
		for _, a := range strings.Fields(s.anchors) {
			m[a] |= 1 << i
		}
	}
	return m
}()

// digitSuggestions are the suggestions a number may begin ("the 1990s").
var digitSuggestions = func() uint32 {
	var bits uint32
	for i, s := range suggestions {
		if s.digits {
			bits |= 1 << i
		}
	}
	return bits
}()

// triggers returns the set of suggestions whose anchors open a word of
// lower (lower-case prose): the cheap test before the regular
// expressions.
func triggers(lower string) uint32 {
	var bits uint32
	for _, w := range strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if w[0] >= '0' && w[0] <= '9' {
			bits |= digitSuggestions
			continue
		}
		rs := []rune(w)
		for k := 3; k <= len(rs) && k <= 12; k++ {
			bits |= anchors[string(rs[:k])]
		}
	}
	return bits
}
