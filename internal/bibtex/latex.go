package bibtex

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file converts field text between LaTeX, as BibTeX and biber read it,
// and Unicode, as cite stores it.
//
// The conversion is exact in both directions for what it knows: accents
// and special letters, escaped specials, dashes and quotes written as
// ligatures, non-breaking and control spaces, and braces that protect
// capitals. Everything else (math, formatting commands such as \emph,
// commands it does not know) is converted on a best-effort basis and
// reported as lossy, so that Decode can keep the original LaTeX verbatim.
// For every string s without control characters,
// decodeLaTeX(encodeLaTeX(s, d, p)).text == s: this is what makes
// TOML → BibTeX → TOML round trips exact.

// latexText is decoded field text.
type latexText struct {
	text string
	// prot[i] reports whether rune i of text was inside braces that
	// protect it from case changes ({DNA}), as opposed to braces around a
	// special character ({\'e}) or a command's argument.
	prot []bool
	// group[i] numbers the outermost protective group rune i is in (0: none),
	// so that {A}{B} are two groups.
	group []int
	// lossy lists what the conversion could not represent exactly, such as
	// `\emph` or `math`; empty when the text round-trips.
	lossy []string
}

// accents maps accent commands to combining marks.
var accents = map[string]rune{
	"'": '\u0301', "`": '\u0300', "^": '\u0302', "\"": '\u0308', "~": '\u0303',
	"=": '\u0304', ".": '\u0307', "u": '\u0306', "v": '\u030C', "H": '\u030B',
	"c": '\u0327', "d": '\u0323', "b": '\u0331', "r": '\u030A', "k": '\u0328',
	"t": '\u0361',
}

// spacingAccents is what an accent with an empty argument prints.
var spacingAccents = map[string]string{
	"^": "^", "~": "~", "'": "´", "`": "`", "\"": "¨", "=": "¯", ".": "˙",
	"u": "˘", "v": "ˇ", "H": "˝", "c": "¸",
}

// letters are commands for letters without an accent form.
var letters = map[string]string{
	"i": "ı", "j": "ȷ", "o": "ø", "O": "Ø", "ss": "ß", "ae": "æ", "AE": "Æ",
	"oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "l": "ł", "L": "Ł",
	"dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "dj": "đ", "DJ": "Đ",
	"ng": "ŋ", "NG": "Ŋ",
}

// symbols are argument-less commands that stand for one character.
var symbols = map[string]string{
	"textbackslash": `\`, "textasciitilde": "~", "textasciicircum": "^",
	"textunderscore": "_", "textbraceleft": "{", "textbraceright": "}",
	"textbar": "|", "textless": "<", "textgreater": ">",
	"textendash": "–", "textemdash": "—",
	"textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
	"guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»",
	"guilsinglleft": "‹", "guilsinglright": "›", "quotedblbase": "„", "quotesinglbase": "‚",
	"textellipsis": "…", "dots": "…", "ldots": "…",
	"S": "§", "P": "¶", "textsection": "§", "textparagraph": "¶",
	"copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™",
	"pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€",
	"textdegree": "°", "textbullet": "•", "textperiodcentered": "·",
	"textdagger": "†", "dag": "†", "textdaggerdbl": "‡", "ddag": "‡",
	"textexclamdown": "¡", "textquestiondown": "¿",
	"textordfeminine": "ª", "textordmasculine": "º",
	"slash": "/", "hyphen": "-", "newline": "\n", "par": "\n\n",
}

// logos print their name as a typeset logo; the text is the name, the
// typesetting is lost.
var logos = map[string]string{
	"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2e", "BibTeX": "BibTeX",
	"XeTeX": "XeTeX", "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX",
	"ConTeXt": "ConTeXt", "AmS": "AMS", "MF": "Metafont", "MP": "MetaPost",
}

// controlSymbols are one-character commands such as \&.
var controlSymbols = map[byte]string{
	'&': "&", '%': "%", '$': "$", '#': "#", '_': "_", '{': "{", '}': "}",
	' ': " ", ',': "\u202F", '-': "\u00AD",
}

// argCommands print their (last) argument with formatting that the cite
// model cannot hold; the number is how many arguments they take.
var argCommands = map[string]int{
	"emph": 1, "textit": 1, "textbf": 1, "textsc": 1, "texttt": 1, "textsf": 1,
	"textrm": 1, "textup": 1, "textsl": 1, "textmd": 1, "textnormal": 1,
	"mbox": 1, "hbox": 1, "fbox": 1, "underline": 1, "uppercase": 1, "lowercase": 1,
	"MakeUppercase": 1, "MakeLowercase": 1, "textsuperscript": 1, "textsubscript": 1,
	"NoCaseChange": 1, "nocap": 1, "autocap": 1, "mkbibemph": 1, "mkbibitalic": 1,
	"mkbibbold": 1, "foreignlanguage": 2, "href": 2, "textenglish": 1, "textrussian": 1,
}

// silentCommands print nothing (sort-key tricks of BibTeX files).
var silentCommands = map[string]int{"noopsort": 1, "noop": 1, "sortname": 1}

// verbatimArgCommands take an argument that is not LaTeX.
var verbatimArgCommands = map[string]bool{"url": true, "path": true, "nolinkurl": true}

// maxDepth bounds the nesting of groups and accents that is decoded; text
// nested deeper is kept as written (and reported as lossy), so that
// adversarial input cannot make decoding quadratic.
const maxDepth = 64

type latexDecoder struct {
	depth int
	out   []rune
	prot  []bool
	group []int
	raw   []bool // out[i] is white space from the source, which may collapse
	lossy []string
	// cur is the protective group being decoded; groups counts them.
	cur, groups int
}

// decodeLaTeX converts a field value (after @string expansion) to Unicode.
func decodeLaTeX(s string) latexText { return decodeDepth(s, 0) }

func decodeDepth(s string, depth int) latexText {
	d := &latexDecoder{depth: depth}
	d.decode(s, false)
	// White space from the source collapses: a run becomes one space, or a
	// paragraph break if it holds a blank line; runs at either end go.
	var text []rune
	var prot []bool
	var group []int
	for i := 0; i < len(d.out); {
		if !d.raw[i] {
			text = append(text, d.out[i])
			prot = append(prot, d.prot[i])
			group = append(group, d.group[i])
			i++
			continue
		}
		j, par := i, false
		for j < len(d.out) && d.raw[j] {
			par = par || d.out[j] == '\n'
			j++
		}
		if len(text) > 0 && j < len(d.out) {
			sep := " "
			if par {
				sep = "\n\n"
			}
			g := 0
			if d.group[i] == d.group[j-1] {
				g = d.group[i]
			}
			for _, r := range sep {
				text = append(text, r)
				prot = append(prot, d.prot[i] && d.prot[j-1])
				group = append(group, g)
			}
		}
		i = j
	}
	return latexText{text: string(text), prot: prot, group: group, lossy: d.lossy}
}

func (d *latexDecoder) emit(s string, prot, raw bool) {
	g := 0
	if prot {
		g = d.cur
	}
	for _, r := range s {
		d.out = append(d.out, r)
		d.prot = append(d.prot, prot)
		d.group = append(d.group, g)
		d.raw = append(d.raw, raw)
	}
}

func (d *latexDecoder) loss(what string) {
	for _, l := range d.lossy {
		if l == what {
			return
		}
	}
	d.lossy = append(d.lossy, what)
}

// math decodes the inline math at s[i] ("$…$" or "\\(…\\)") and returns
// the index after it. Math with a plain-text form ("$\\beta$", "$H_2O$",
// see mathText) becomes that text, protected from case changes as BibTeX
// protects math; other math is kept as written. Either way the conversion
// is reported as lossy, so that the original LaTeX is kept.
func (d *latexDecoder) math(s string, i int, prot bool) int {
	open, closing := 1, "$"
	if s[i] == '\\' {
		open, closing = 2, `\)`
	}
	end, next, closed := len(s), len(s), false
	if j := strings.Index(s[i+open:], closing); j >= 0 {
		end, closed = i+open+j, true
		next = end + len(closing)
	}
	d.loss("math")
	if t, ok := mathText(s[i+open : end]); ok && t != "" && closed {
		if prot {
			d.emit(t, true, false)
		} else { // a protective group of its own, as braces would make
			d.outerGroup(func() { d.emit(t, true, false) })
		}
	} else {
		d.emit(s[i:next], prot, false)
	}
	return next
}

// outerGroup runs f inside a new outermost protective group, numbered
// after the ones before it.
func (d *latexDecoder) outerGroup(f func()) {
	d.groups++
	saved := d.cur
	d.cur = d.groups
	f()
	d.cur = saved
}

// braceGroup returns the content of the group that starts at s[i] == '{' and
// the index after its closing brace. An unclosed group runs to the end of
// s; closed reports whether it was closed.
func braceGroup(s string, i int) (content string, next int, closed bool) {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return s[i+1 : j], j + 1, true
			}
		}
	}
	return s[i+1:], len(s), false
}

// decode appends the decoded form of s. prot says whether s is inside
// protective braces: a group that does not start with a command protects
// its content; one that does ({\'e}) is a special character.
func (d *latexDecoder) decode(s string, prot bool) {
	if d.depth > maxDepth {
		d.loss("nesting deeper than 64 levels")
		d.emit(s, prot, false)
		return
	}
	d.depth++
	defer func() { d.depth-- }()
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{':
			content, next, closed := braceGroup(s, i)
			if !closed {
				d.loss("unbalanced braces")
			}
			special := strings.HasPrefix(content, `\`)
			if !prot && !special {
				d.outerGroup(func() { d.decode(content, true) })
			} else {
				d.decode(content, prot || !special)
			}
			i = next
		case c == '}':
			d.loss("unbalanced braces")
			i++
		case c == '\\' && strings.HasPrefix(s[i:], `\(`):
			i = d.math(s, i, prot)
		case c == '\\':
			i = d.command(s, i, prot)
		case c == '$':
			i = d.math(s, i, prot)
		case c == '~':
			d.emit("\u00A0", prot, false)
			i++
		case c == '-':
			j := i
			for j < len(s) && s[j] == '-' {
				j++
			}
			switch n := j - i; {
			case n == 2:
				d.emit("–", prot, false)
			case n == 3:
				d.emit("—", prot, false)
			default:
				d.emit(s[i:j], prot, false)
			}
			i = j
		case c == '`' && strings.HasPrefix(s[i:], "``"):
			d.emit("“", prot, false)
			i += 2
		case c == '\'' && strings.HasPrefix(s[i:], "''"):
			d.emit("”", prot, false)
			i += 2
		case isSpace(c):
			j := i
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			if strings.Count(s[i:j], "\n") >= 2 {
				d.emit("\n", prot, true)
				d.emit("\n", prot, true)
			} else {
				d.emit(" ", prot, true)
			}
			i = j
		default:
			r, w := utf8.DecodeRuneInString(s[i:])
			d.emit(string(r), prot, false)
			i += w
		}
	}
}

// command decodes the command at s[i] == '\\' and returns the index after it.
func (d *latexDecoder) command(s string, i int, prot bool) int {
	if i+1 >= len(s) {
		d.loss(`trailing \`)
		return len(s)
	}
	j := i + 1
	var name string
	if isLetter(s[j]) {
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		name = s[i+1 : j]
		// TeX skips the spaces after a control word.
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
			j++
		}
	} else {
		_, w := utf8.DecodeRuneInString(s[j:])
		name = s[j : j+w]
		j += w
	}
	if mark, ok := accents[name]; ok {
		arg, next := argument(s, j)
		inner := decodeDepth(arg, d.depth+1)
		d.lossy = append(d.lossy, inner.lossy...)
		if inner.text == "" {
			if sp, ok := spacingAccents[name]; ok {
				d.emit(sp, prot, false)
			} else {
				d.loss(`\` + name + "{}")
			}
			return next
		}
		r, w := utf8.DecodeRuneInString(inner.text)
		switch r { // \'\i is í
		case 'ı':
			r = 'i'
		case 'ȷ':
			r = 'j'
		}
		d.emit(norm.NFC.String(string(r)+string(mark)+inner.text[w:]), prot, false)
		return next
	}
	if l, ok := letters[name]; ok {
		d.emit(l, prot, false)
		return skipEmptyGroup(s, j)
	}
	switch name { // what an export writes for math and script characters
	case "ensuremath", "textsuperscript", "textsubscript":
		arg, next := argument(s, j)
		var t string
		var ok bool
		if name == "ensuremath" {
			t, ok = mathText(arg)
		} else {
			t, ok = scriptText(arg, name == "textsubscript")
		}
		if ok && t != "" {
			d.emit(t, prot, false)
			return next
		}
	}
	if sym, ok := symbols[name]; ok {
		d.emit(sym, prot, false)
		return skipEmptyGroup(s, j)
	}
	if logo, ok := logos[name]; ok {
		d.loss(`\` + name)
		d.emit(logo, prot, false)
		return skipEmptyGroup(s, j)
	}
	if len(name) == 1 {
		if sym, ok := controlSymbols[name[0]]; ok {
			d.emit(sym, prot, false)
			return j
		}
		switch name {
		case `\`:
			d.loss(`\\`)
			d.emit("\n", prot, false)
		default:
			d.loss(`\` + name)
		}
		return j
	}
	if verbatimArgCommands[name] {
		arg, next := argument(s, j)
		d.loss(`\` + name)
		d.emit(arg, prot, false)
		return next
	}
	if n, ok := silentCommands[name]; ok {
		d.loss(`\` + name)
		for k := 0; k < n; k++ {
			_, j = argument(s, j)
		}
		return j
	}
	n, known := argCommands[name]
	d.loss(`\` + name)
	if !known {
		// An unknown command: drop its name and keep the text of the
		// groups that follow it, which are most likely its arguments.
		for j < len(s) && s[j] == '{' {
			arg, next, _ := braceGroup(s, j)
			d.decode(arg, prot)
			j = next
		}
		return j
	}
	for k := 0; k < n; k++ {
		arg, next := argument(s, j)
		if k == n-1 {
			d.decode(arg, prot)
		}
		j = next
	}
	return j
}

// argument reads a command argument at s[j]: a group, a command or one
// character. White space before it is skipped.
func argument(s string, j int) (string, int) {
	for j < len(s) && isSpace(s[j]) {
		j++
	}
	if j >= len(s) {
		return "", j
	}
	switch s[j] {
	case '{':
		content, next, _ := braceGroup(s, j)
		return content, next
	case '\\':
		k := j + 1
		if k < len(s) && isLetter(s[k]) {
			for k < len(s) && isLetter(s[k]) {
				k++
			}
		} else if k < len(s) {
			_, w := utf8.DecodeRuneInString(s[k:])
			k += w
		}
		return s[j:k], k
	}
	_, w := utf8.DecodeRuneInString(s[j:])
	return s[j : j+w], j + w
}

func skipEmptyGroup(s string, j int) int {
	if strings.HasPrefix(s[j:], "{}") {
		return j + 2
	}
	return j
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// Encoding.

var (
	reverseLetters = map[rune]string{}
	reverseAccents = map[rune]string{}
	// reverseSymbols are the characters that the BibTeX dialect writes as
	// commands; the BibLaTeX dialect writes them as UTF-8.
	reverseSymbols = map[rune]string{
		'“': "``", '”': "''", '‘': `\textquoteleft{}`, '’': `\textquoteright{}`,
		'…': `\dots{}`, '§': `\S{}`, '¶': `\P{}`, '£': `\pounds{}`, '€': `\texteuro{}`,
		'©': `\textcopyright{}`, '®': `\textregistered{}`, '™': `\texttrademark{}`,
		'°': `\textdegree{}`, '¡': `\textexclamdown{}`, '¿': `\textquestiondown{}`,
	}
	// specials are written the same way in both dialects.
	specials = map[rune]string{
		'\\': `\textbackslash{}`, '{': `\textbraceleft{}`, '}': `\textbraceright{}`,
		'$': `\$`, '&': `\&`, '%': `\%`, '#': `\#`, '_': `\_`, '^': `\^{}`,
		'~': `\textasciitilde{}`, '\u00A0': "~", '–': "--", '—': "---",
		'\u202F': `\,`, '\u00AD': `\-`,
	}
)

func init() {
	for name, l := range letters {
		r, _ := utf8.DecodeRuneInString(l)
		reverseLetters[r] = `{\` + name + `}`
	}
	for name, m := range accents {
		reverseAccents[m] = name
	}
}

// latexWriter builds LaTeX text, separating chunks that would otherwise
// join into a ligature ("-" "-" → "--").
type latexWriter struct{ b strings.Builder }

func (w *latexWriter) put(chunk string) {
	if chunk == "" {
		return
	}
	s := w.b.String()
	if len(s) > 0 {
		last, first := s[len(s)-1], chunk[0]
		if (last == '-' && first == '-') || (last == '`' && first == '`') || (last == '\'' && first == '\'') {
			w.b.WriteString("{}")
		}
	}
	w.b.WriteString(chunk)
}

// encodeLaTeX writes s as field text for dialect d. With protect set (for
// titles), capitals that a style must not lower-case are put in braces
// (see protection). It fails only on control characters, which a .bib
// file cannot hold.
func encodeLaTeX(s string, d Dialect, protect bool) (string, error) {
	runes := []rune(s)
	// kind[i] says which brace group rune i belongs in: 0 none, 1 the
	// automatic protection, 1+n the n-th nocase span (each its own group).
	var kind []int
	if protect {
		var span []int
		runes, span = splitNocase(s)
		prot := protection(runes)
		kind = make([]int, len(runes))
		for i := range runes {
			switch {
			case span[i] != 0:
				kind[i] = 1 + span[i]
			case prot[i]:
				kind[i] = 1
			}
		}
	}
	w := &latexWriter{}
	open := 0
	for i := 0; i < len(runes); {
		r := runes[i]
		if protect && kind[i] != open {
			if open != 0 {
				w.b.WriteString("}")
			}
			if kind[i] != 0 {
				w.b.WriteString("{")
			}
			open = kind[i]
		}
		if unicode.IsSpace(r) && r != '\u00A0' && r != '\u202F' {
			j := i
			for j < len(runes) && unicode.IsSpace(runes[j]) && runes[j] != '\u00A0' && runes[j] != '\u202F' && (!protect || kind[j] == kind[i]) {
				j++
			}
			if j-i == 1 && r == ' ' && i > 0 && j < len(runes) {
				w.put(" ")
				i = j
				continue
			}
			for k := i; k < j; k++ {
				switch runes[k] {
				case ' ':
					w.put(`\ `)
				case '\n':
					if k+1 < j && runes[k+1] == '\n' {
						w.put(`\par{}`)
						k++
					} else {
						w.put(`\newline{}`)
					}
				default:
					return "", fmt.Errorf("contains the control character %U, which a .bib file cannot hold", runes[k])
				}
			}
			i = j
			continue
		}
		if r < 0x20 || r == 0x7f {
			return "", fmt.Errorf("contains the control character %U, which a .bib file cannot hold", r)
		}
		w.put(encodeRune(r, d))
		i++
	}
	if open != 0 {
		w.b.WriteString("}")
	}
	return w.b.String(), nil
}

// encodeRune writes one character.
func encodeRune(r rune, d Dialect) string {
	if s, ok := specials[r]; ok {
		return s
	}
	if s, ok := mathWritten[r]; ok {
		return s
	}
	if s, ok := scriptWritten[r]; ok {
		return s
	}
	if r < 0x80 || d != BibTeX {
		return string(r)
	}
	if s, ok := reverseSymbols[r]; ok {
		return s
	}
	if s, ok := reverseLetters[r]; ok {
		return s
	}
	// An accented Latin letter: decompose and write each mark as a
	// command, innermost first: ǘ → {\'{\"{u}}}.
	dec := []rune(norm.NFD.String(string(r)))
	if len(dec) < 2 || dec[0] >= 0x80 {
		return string(r)
	}
	inner := string(dec[0])
	for _, m := range dec[1:] {
		name, ok := reverseAccents[m]
		if !ok {
			return string(r)
		}
		inner = `\` + name + "{" + inner + "}"
	}
	if norm.NFC.String(string(dec)) != string(r) {
		return string(r) // a compatibility character such as Å (U+212B)
	}
	return "{" + inner + "}"
}

// protection decides which characters of a title to protect from case
// changes, as BibTeX styles lower-case titles and biblatex may convert them
// to sentence case:
//
//   - a title with no lower-case letter is protected as a whole;
//   - a word with a capital after its first letter (an acronym such as
//     DNA or OSCE, or a name such as McCarthy) is protected;
//   - in a title written in sentence case, a capitalised word other than the
//     first word of the title or of a subtitle is a proper noun and is
//     protected ("Kazakhstan plays key role in {Russian}, {Turkish} …").
//
// Protection covers a word from its first to its last letter or digit.
func protection(runes []rune) []bool {
	prot := make([]bool, len(runes))
	hasLower, first, last := false, -1, -1
	for i, r := range runes {
		if unicode.IsLower(r) {
			hasLower = true
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return prot
	}
	if !hasLower {
		if countLetters(runes) >= 2 {
			for i := first; i <= last; i++ {
				prot[i] = true
			}
		}
		return prot
	}
	words := splitWords(runes)
	sentence := sentenceCase(runes, words)
	for _, wd := range words {
		if wd.start < 0 {
			continue
		}
		span := runes[wd.start : wd.end+1]
		acronym := false
		seenLetter := false
		for _, r := range span {
			if unicode.IsLetter(r) {
				if seenLetter && unicode.IsUpper(r) {
					acronym = true
				}
				seenLetter = true
			}
		}
		if acronym || (sentence && !wd.first && unicode.IsUpper(firstLetter(span))) {
			for i := wd.start; i <= wd.end; i++ {
				prot[i] = true
			}
		}
	}
	return prot
}

type word struct {
	start, end int  // first and last letter or digit; start < 0 if none
	first      bool // first word of the title or of a subtitle
	letters    int
}

func splitWords(runes []rune) []word {
	var words []word
	startOfSentence := true
	for i := 0; i < len(runes); {
		if unicode.IsSpace(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && !unicode.IsSpace(runes[j]) {
			j++
		}
		wd := word{start: -1, end: -1, first: startOfSentence}
		for k := i; k < j; k++ {
			if unicode.IsLetter(runes[k]) || unicode.IsDigit(runes[k]) {
				if wd.start < 0 {
					wd.start = k
				}
				wd.end = k
			}
			if unicode.IsLetter(runes[k]) {
				wd.letters++
			}
		}
		if wd.start >= 0 {
			startOfSentence = false
		}
		tail := strings.TrimRight(string(runes[i:j]), "\"'”’»)]")
		if strings.HasSuffix(tail, ":") || strings.HasSuffix(tail, ".") || strings.HasSuffix(tail, "?") || strings.HasSuffix(tail, "!") {
			startOfSentence = wd.letters > 1 || strings.HasSuffix(tail, ":")
		}
		words = append(words, wd)
		i = j
	}
	return words
}

// sentenceCase reports whether more of the title's longer words (four
// letters or more, not first in a sentence) start in lower case than in
// upper case.
func sentenceCase(runes []rune, words []word) bool {
	lower, upper := 0, 0
	for _, wd := range words {
		if wd.start < 0 || wd.first || wd.letters < 4 {
			continue
		}
		switch r := firstLetter(runes[wd.start : wd.end+1]); {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return lower > upper
}

func firstLetter(rs []rune) rune {
	for _, r := range rs {
		if unicode.IsLetter(r) {
			return r
		}
	}
	return 0
}

func countLetters(rs []rune) int {
	n := 0
	for _, r := range rs {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// The CSL-JSON convention for case protection in rich text, which the
// model keeps and the CSL engine honours.
const (
	nocaseOpen  = `<span class="nocase">`
	nocaseClose = `</span>`
)

// titleText returns the text of a decoded title with case protection kept
// as <span class="nocase">…</span>: each outermost brace group ({{IKEA}},
// {Optical Tracking}) that protects a letter the export would not protect
// by itself (see protection) becomes one span; groups the export would
// write anyway ({DNA}) become plain text.
func titleText(t latexText) string {
	runes := []rune(t.text)
	want := protection(runes)
	need := map[int]bool{}
	for i, r := range runes {
		if g := t.group[i]; g != 0 && (unicode.IsUpper(r) || unicode.IsLower(r)) && !want[i] {
			need[g] = true
		}
	}
	if len(need) == 0 {
		return t.text
	}
	var b strings.Builder
	open := 0
	for i, r := range runes {
		g := t.group[i]
		if !need[g] {
			g = 0
		}
		if g != open {
			if open != 0 {
				b.WriteString(nocaseClose)
			}
			if g != 0 {
				b.WriteString(nocaseOpen)
			}
			open = g
		}
		b.WriteRune(r)
	}
	if open != 0 {
		b.WriteString(nocaseClose)
	}
	return b.String()
}

// splitNocase reads <span class="nocase"> spans (not nested; anything else
// is text) and returns the text without them and, for each rune, the
// number of the span it is in (0: none).
func splitNocase(s string) ([]rune, []int) {
	var text []rune
	var span []int
	n, in := 0, 0
	for len(s) > 0 {
		switch {
		case in == 0 && strings.HasPrefix(s, nocaseOpen) && strings.Contains(s[len(nocaseOpen):], nocaseClose):
			n++
			in = n
			s = s[len(nocaseOpen):]
		case in != 0 && strings.HasPrefix(s, nocaseClose):
			in = 0
			s = s[len(nocaseClose):]
		default:
			r, w := utf8.DecodeRuneInString(s)
			text = append(text, r)
			span = append(span, in)
			s = s[w:]
		}
	}
	return text, span
}

// plainTitle returns a title without its nocase spans.
func plainTitle(s string) string {
	if !strings.Contains(s, nocaseOpen) {
		return s
	}
	text, _ := splitNocase(s)
	return string(text)
}

// EscapeLaTeX writes plain text as LaTeX text for a UTF-8 document (a
// .bbl file, say), with the characters of the BibLaTeX dialect's field
// encoder: the specials & % $ # _ { } ~ ^ \ escaped, dashes as -- and
// ---, a no-break space as ~, a narrow no-break space as \, and a line
// break as \newline; other characters stay UTF-8 and spaces stay
// spaces. Control characters are an error.
func EscapeLaTeX(s string) (string, error) {
	w := &latexWriter{}
	for _, r := range s {
		switch {
		case r == '\n':
			w.put(`\newline{}`)
		case r == ' ' || r == '\t':
			w.b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
			return "", fmt.Errorf("contains the control character %U", r)
		default:
			w.put(encodeRune(r, BibLaTeX))
		}
	}
	return w.b.String(), nil
}

// BraceGroup returns the content of the brace group that starts at
// s[i] == '{' and the index after its closing brace, counting nested
// braces; closed is false when the group runs to the end of s unclosed.
func BraceGroup(s string, i int) (content string, next int, closed bool) { return braceGroup(s, i) }

// decodeText is the text a field of kind k decodes to: for titles with
// their case protection as nocase spans.
func decodeText(raw string, k kind) string {
	t := decodeLaTeX(raw)
	if k == kTitle {
		return titleText(t)
	}
	return t.text
}
