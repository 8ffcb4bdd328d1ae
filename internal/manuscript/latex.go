package manuscript

import (
	"strings"
)

// latexArgs says, for the commands whose arguments are not all prose, what
// each argument is: 'o' an optional argument (masked), 'm' a mandatory one
// that is not prose (masked), 'p' prose, 'h' a heading's title, 'q' a
// quotation, 'c' a caption (prose in a paragraph of its own), 'd' a
// command being defined (\name or {\name}).
var latexArgs = map[string]string{
	"label": "m", "ref": "m", "cref": "m", "Cref": "m", "autoref": "m", "eqref": "m", "pageref": "m", "nameref": "m",
	"vref": "m", "cpageref": "m", "Cpageref": "m", "labelcref": "m", "crefrange": "mm", "Crefrange": "mm", "subref": "m",
	"hyperref": "o", "url": "m", "nolinkurl": "m", "path": "m", "href": "mp", "hyperlink": "mp", "hypertarget": "mp",
	"usepackage": "om", "RequirePackage": "om", "documentclass": "om", "usetikzlibrary": "m", "usepgfplotslibrary": "m",
	"bibliographystyle": "m", "addbibresource": "om", "input": "m", "include": "m", "includeonly": "m", "subfile": "m",
	"includegraphics": "om", "graphicspath": "m", "lstinputlisting": "om", "inputminted": "omm", "includepdf": "om",
	"newcommand": "doom", "renewcommand": "doom", "providecommand": "doom", "DeclareRobustCommand": "doom",
	"NewDocumentCommand": "dmm", "RenewDocumentCommand": "dmm", "ProvideDocumentCommand": "dmm", "DeclareDocumentCommand": "dmm",
	"newenvironment": "moomm", "renewenvironment": "moomm", "NewDocumentEnvironment": "mmmm",
	"newcounter": "mo", "setcounter": "mm", "addtocounter": "mm", "stepcounter": "m", "refstepcounter": "m",
	"value": "m", "arabic": "m", "roman": "m", "Roman": "m", "alph": "m", "Alph": "m", "fnsymbol": "m", "total": "m",
	"setlength": "mm", "addtolength": "mm", "settowidth": "mm", "newlength": "m", "vspace": "m", "hspace": "m",
	"addvspace": "m", "enlargethispage": "m", "addcontentsline": "mmm", "addtocontents": "mm", "formbytotal": "mmmmm",
	"nomenclature": "omm", "index": "m", "glossary": "m", "gls": "m", "Gls": "m", "glspl": "m", "acrshort": "m",
	"acrlong": "m", "acrfull": "m", "ac": "m", "acs": "m", "acl": "m", "acf": "m", "newacronym": "ommm",
	"newglossaryentry": "mm", "color": "om", "textcolor": "omp", "colorbox": "omp", "pagecolor": "om",
	"definecolor": "mmm", "hypersetup": "m", "pagestyle": "m", "thispagestyle": "m", "pagenumbering": "m",
	"numberwithin": "mm", "counterwithin": "mm", "counterwithout": "mm", "captionsetup": "om", "geometry": "m",
	"newtheorem": "momo", "theoremstyle": "m", "DeclareMathOperator": "mm", "lstset": "m", "setminted": "om",
	"fontsize": "mm", "selectlanguage": "m", "foreignlanguage": "mp", "setmainfont": "om", "setsansfont": "om",
	"setmonofont": "om", "newfontfamily": "mom", "setdefaultlanguage": "om", "setotherlanguage": "om",
	"multicolumn": "mmp", "multirow": "omp", "cline": "m", "rule": "omm", "raisebox": "moop", "resizebox": "mmp",
	"scalebox": "mop", "parbox": "oomp", "makebox": "oop", "framebox": "oop", "ifdefmacro": "m", "ifnumequal": "mm",
	"ifnumgreater": "mm", "ifnumless": "mm", "ifstrequal": "mm", "ifdef": "m", "ifundef": "m", "ifthenelse": "m",
	"IfFileExists": "m", "ExecuteBibliographyOptions": "om", "DeclareFieldFormat": "omm", "AtBeginDocument": "m",
	"AtEndDocument": "m", "AtBeginBibliography": "m", "defbibheading": "mom", "defbibnote": "mm", "bibitem": "om",
	"printbibliography": "o", "bibliography": "m", "item": "o", "chapter": "oh", "section": "oh", "subsection": "oh",
	"subsubsection": "oh", "paragraph": "oh", "subparagraph": "oh", "part": "oh", "addchap": "oh", "addsec": "oh",
	"minisec": "h", "caption": "oc", "enquote": "q", "textquote": "ooq", "foreignquote": "mq", "hyphenquote": "mq",
	"blockquote": "ooq", "foreignblockquote": "mooq", "texorpdfstring": "pm", "markboth": "mm", "markright": "m",
	"titleformat": "momm", "renewrobustcmd": "dm", "robustify": "m", "patchcmd": "mmmmm", "apptocmd": "mmmm",
	"pretocmd": "mmmm", "setkeys": "mm", "SetWatermarkText": "m", "tikz": "om", "tikzset": "m", "pgfplotsset": "m",
	"sisetup": "m", "SI": "omm", "si": "om", "num": "om", "qty": "omm", "unit": "om", "ang": "om",
	"verbatiminput": "m", "newpage": "", "clearpage": "", "maketitle": "", "tableofcontents": "",
	"title": "op", "author": "op", "date": "op", "thanks": "p", "keywords": "p", "textsuperscript": "p",
	"texttt": "m", "code": "m", "lstinline": "m", "mintinline": "mm", "file": "m", "pkg": "m", "cs": "m",
	"cmd": "m", "env": "m", "option": "m", "package": "m", "cls": "m", "meta": "m", "marg": "m", "oarg": "m",
}

// headingLevels ranks the sectioning commands.
var headingLevels = map[string]int{
	"part": 0, "chapter": 1, "addchap": 1, "section": 2, "addsec": 2, "subsection": 3, "subsubsection": 4,
	"paragraph": 5, "subparagraph": 6, "minisec": 6,
}

// latexEnvs says what an environment holds: 'm' maths, 'v' verbatim text
// (read up to \end{name} without looking inside), 'x' markup to mask whole
// (tables, pictures), 'q' a block quotation, 'b' the bibliography, and
// for the others the arguments of \begin{name} (as latexArgs writes
// them) after an 'a'.
var latexEnvs = map[string]string{
	"equation": "m", "equation*": "m", "align": "m", "align*": "m", "alignat": "m", "alignat*": "m", "gather": "m",
	"gather*": "m", "multline": "m", "multline*": "m", "flalign": "m", "flalign*": "m", "eqnarray": "m", "eqnarray*": "m",
	"math": "m", "displaymath": "m", "dmath": "m", "dmath*": "m", "dgroup": "m", "dgroup*": "m", "IEEEeqnarray": "m",
	"verbatim": "v", "verbatim*": "v", "Verbatim": "v", "BVerbatim": "v", "LVerbatim": "v", "lstlisting": "v",
	"minted": "v", "comment": "v", "filecontents": "v", "filecontents*": "v", "alltt": "v", "code": "v", "spverbatim": "v",
	"tabular": "x", "tabular*": "x", "tabularx": "x", "tabulary": "x", "longtable": "x", "longtable*": "x", "tabu": "x",
	"longtabu": "x", "supertabular": "x", "xtabular": "x", "array": "x", "tikzpicture": "x", "pgfpicture": "x",
	"picture": "x", "forest": "x", "circuitikz": "x", "axis": "x", "algorithmic": "x", "algorithmic*": "x",
	"tblr": "x", "longtblr": "x", "NiceTabular": "x", "pspicture": "x",
	"quote": "q", "quotation": "q", "verse": "q", "displayquote": "aoo", "foreigndisplayquote": "amoo",
	"thebibliography": "b",
	"figure":          "ao", "figure*": "ao", "table": "ao", "table*": "ao", "minipage": "aooom", "multicols": "amo",
	"multicols*": "amo", "wrapfigure": "aomom", "wraptable": "aomom", "subfigure": "aom", "subtable": "aom",
	"adjustbox": "am", "tcolorbox": "ao", "otherlanguage": "am", "otherlanguage*": "am", "itemize": "ao",
	"enumerate": "ao", "description": "ao", "list": "amm", "theorem": "ao", "lemma": "ao", "proof": "ao",
	"definition": "ao", "abstract": "a", "center": "a", "flushleft": "a", "flushright": "a", "document": "a",
	"frame": "aoo", "columns": "ao", "column": "aom", "block": "am", "refsection": "ao", "refsegment": "ao",
	"subequations": "a", "landscape": "a", "appendices": "a", "titlepage": "a",
}

// frameKind is what an open brace group of a LaTeX document is.
type frameKind int

const (
	prosGroup    frameKind = iota // prose: only the braces are markup
	maskGroup                     // not prose
	headingGroup                  // a heading's title
	quoteGroup                    // \enquote{…}
	captionGroup                  // \caption{…}
)

type frame struct {
	kind  frameKind
	start int    // the command's backslash, or the brace
	brace int    // the "{"
	rest  string // the arguments the command takes after this one
}

// latex scans a LaTeX document or chapter file: the preamble, % comments,
// maths ($…$, \(…\), \[…\], maths environments), verbatim and listings,
// tables and pictures, commands and their non-prose arguments (labels,
// references, paths, counters, definitions, key=value options), babel
// shorthands ("--- "< ">), quotation marks (“…”, <<…>>, \enquote),
// sectioning commands (\section*{…} included), citation commands,
// \nocite, thebibliography with its \bibitem entries, and
// \printbibliography or \bibliography{…} placeholders.
func (s *scan) latex() {
	s.forms = forms{numeric: true, authorDate: true, superscript: true}
	t := s.text
	i, end := 0, len(t)
	if k := strings.Index(t, `\begin{document}`); k >= 0 {
		i = k + len(`\begin{document}`)
		s.blank(0, i, FrontMatter)
	}
	if k := strings.Index(t[i:], `\end{document}`); k >= 0 {
		end = i + k
		s.blank(end, len(t), Markup)
	}
	var (
		stack    []frame
		masking  int    // maskGroups open
		pending  string // the arguments the last command still takes
		pendAt   int    // its backslash
		pendCmd  string
		quotes   []int // the \begin of open quotation environments
		bib      = -1  // the \begin of thebibliography
		dollar   finder
		dollars  = finder{pat: "$$"}
		parenEnd = finder{pat: `\)`}
		brackEnd = finder{pat: `\]`}
	)
	dollar.pat = "$"
	endEntry := func(at int) {
		if s.refList != nil && bib >= 0 {
			if n := len(s.refList.Entries); n > 0 {
				e := &s.refList.Entries[n-1]
				_, e.End = s.trimMask(e.Start, at)
			}
		}
	}
	for i < end {
		c := t[i]
		if masking > 0 {
			switch c {
			case '\\':
				s.hide(i, min(i+2, end))
				i += 2
				continue
			case '%':
				e := lineEnd(t, i, end)
				s.blank(i, e, Comment)
				i = e
				continue
			case '{':
				stack = append(stack, frame{kind: maskGroup, brace: i})
				masking++
			case '}':
				if n := len(stack); n > 0 {
					f := stack[n-1]
					stack = stack[:n-1]
					masking--
					s.hide(i, i+1)
					i++
					if masking == 0 {
						s.blank(f.brace, i, Markup)
						i = s.nextArg(t, i, end, &pending, pendAt, pendCmd, &stack, &masking)
					}
					continue
				}
			}
			s.hide(i, i+1)
			i++
			continue
		}
		// Arguments still expected by the last command.
		if pending != "" {
			if k := s.nextArg(t, i, end, &pending, pendAt, pendCmd, &stack, &masking); k != i {
				i = k
				continue
			}
		}
		switch c {
		case '%':
			e := lineEnd(t, i, end)
			s.blank(i, e, Comment)
			i = e
		case '\\':
			i = s.latexCommand(t, i, end, &stack, &masking, &pending, &pendAt, &pendCmd, &quotes, &bib, endEntry, &parenEnd, &brackEnd)
		case '{':
			s.hide(i, i+1)
			kind := prosGroup
			if looksLikeMarkup(t, i, end) {
				kind = maskGroup
				masking++
			}
			stack = append(stack, frame{kind: kind, start: i, brace: i})
			i++
		case '}':
			s.hide(i, i+1)
			if n := len(stack); n > 0 {
				f := stack[n-1]
				stack = stack[:n-1]
				switch f.kind {
				case headingGroup:
					k := len(s.headings) - 1
					s.headings[k].End = i + 1
					s.headings[k].Title = s.titleText(f.brace+1, i)
					s.cut(i + 1)
				case quoteGroup:
					s.mask[i] = 2
				case captionGroup:
					s.cut(i + 1)
				}
				if f.rest != "" {
					pending, pendAt = f.rest, f.start
				}
			}
			i++
		case '$':
			if i+1 < end && t[i+1] == '$' {
				if k := dollars.at(t, i+2); k >= 0 && k < end {
					s.blank(i, k+2, Math)
					i = k + 2
					continue
				}
				s.hide(i, i+2)
				i += 2
				continue
			}
			k := i + 1
			for {
				k = dollar.at(t, k)
				if k < 0 || k >= end || t[k-1] != '\\' {
					break
				}
				k++
			}
			if k > 0 && k < end && !strings.Contains(t[i:k], "\n\n") {
				s.blank(i, k+1, Math)
				i = k + 1
				continue
			}
			s.hide(i, i+1)
			i++
		case '~', '&', '#', '^', '_':
			s.hide(i, i+1)
			i++
		case '"':
			s.hide(i, i+1)
			if i+1 < end {
				switch t[i+1] {
				case '<':
					s.mask[i] = 1
					s.hide(i+1, i+2)
					i++
				case '>':
					s.mask[i+1] = 2
					i++
				case '\'', '`', '~', '=', '|', '"':
					s.hide(i+1, i+2)
					i++
				}
			}
			i++
		case '`':
			s.hide(i, i+1)
			if i+1 < end && t[i+1] == '`' {
				// `` opens, but closes a German ,,…`` after a word
				if i > 0 && !isSpaceByte(t[i-1]) && t[i-1] != '(' && t[i-1] != '~' {
					s.mask[i+1] = 2
				} else {
					s.mask[i] = 1
					s.hide(i+1, i+2)
				}
				i++
			}
			i++
		case ',':
			if i+1 < end && t[i+1] == ',' {
				s.mask[i] = 1
				s.hide(i+1, i+2)
				i += 2
				continue
			}
			i++
		case '\'':
			if i+1 < end && t[i+1] == '\'' {
				s.hide(i, i+1)
				s.mask[i+1] = 2
				i += 2
				continue
			}
			i++
		case '<', '>':
			if i+1 < end && t[i+1] == c {
				s.hide(i, i+2)
				if c == '<' {
					s.mask[i] = 1
				} else {
					s.mask[i+1] = 2
				}
				i += 2
				continue
			}
			i++
		default:
			i++
		}
	}
	if bib >= 0 && s.refList != nil {
		endEntry(end)
		s.refList.End = end
	}
	for k := range s.headings {
		if s.headings[k].End == 0 {
			s.headings[k].End = s.headings[k].Start
		}
	}
}

// lineEnd returns the offset of the line break ending the line of t[i].
func lineEnd(t string, i, end int) int {
	if k := strings.IndexByte(t[i:end], '\n'); k >= 0 {
		return i + k
	}
	return end
}

// looksLikeMarkup reports whether the brace group opened at t[i] holds
// markup rather than prose: key=value options, a dimension, a path or a
// label ("width=0.5\textwidth", "20pt", "fig:knuth"). It looks at most
// 300 bytes ahead.
func looksLikeMarkup(t string, i, end int) bool {
	depth := 0
	spaces := 0
	markup := false
	for j := i + 1; j < end && j-i < maxMarkerLen; j++ {
		switch c := t[j]; {
		case c == '{':
			depth++
		case c == '}':
			if depth == 0 {
				return markup && spaces < 3
			}
			depth--
		case c == ' ' || c == '\n':
			spaces++
		case c == '=' || c >= '0' && c <= '9' || c == ':' || c == '/' || c == '@':
			markup = true
		case c == '.' && j+1 < end && t[j+1] == ' ':
			return false
		}
	}
	return false
}

// nextArg consumes what comes at t[i] for the arguments pending after a
// command: an optional argument, a mandatory one (opening its group), or,
// when something else comes, nothing more. It returns where scanning goes
// on.
func (s *scan) nextArg(t string, i, end int, pending *string, pendAt int, cmd string, stack *[]frame, masking *int) int {
	for *pending != "" {
		j := i
		for j < end && (t[j] == ' ' || t[j] == '\t' || t[j] == '\n' && !(j+1 < end && t[j+1] == '\n')) {
			j++
		}
		spec := (*pending)[0]
		if j >= end {
			*pending = ""
			return i
		}
		if spec == 'o' {
			if t[j] == '[' {
				if k := latexGroupEnd(t, j, end, '[', ']', 4096); k > 0 {
					s.blank(j, k+1, Markup)
					*pending = (*pending)[1:]
					i = k + 1
					continue
				}
			}
			*pending = (*pending)[1:]
			continue
		}
		if spec == 'd' {
			*pending = (*pending)[1:]
			if t[j] == '\\' {
				e := commandName(t, j, end)
				if e == j+1 {
					e = min(j+2, end)
				}
				s.blank(j, e, Markup)
				i = e
				continue
			}
			spec = 'm'
			*pending = "m" + *pending
		}
		if t[j] != '{' {
			*pending = ""
			return i
		}
		*pending = (*pending)[1:]
		s.hide(i, j+1)
		f := frame{kind: prosGroup, start: pendAt, brace: j}
		switch spec {
		case 'm':
			f.kind = maskGroup
			*masking++
		case 'h':
			f.kind = headingGroup
		case 'q':
			s.mask[pendAt] = 1
			f.kind = quoteGroup
		case 'c':
			f.kind = captionGroup
		}
		if f.kind != maskGroup {
			// the arguments after a prose group wait for its end
			f.rest, *pending = *pending, ""
		}
		*stack = append(*stack, f)
		return j + 1
	}
	return i
}

// latexCommand handles the command or control symbol at t[i] == '\\' and
// returns where scanning goes on.
func (s *scan) latexCommand(t string, i, end int, stack *[]frame, masking *int, pending *string, pendAt *int, pendCmd *string,
	quotes *[]int, bib *int, endEntry func(int), parenEnd, brackEnd *finder) int {
	if i+1 >= end {
		s.hide(i, i+1)
		return i + 1
	}
	n := t[i+1]
	if !(n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z') {
		switch n {
		case '(', '[':
			f := parenEnd
			if n == '[' {
				f = brackEnd
			}
			if k := f.at(t, i+2); k >= 0 && k < end {
				s.blank(i, k+2, Math)
				return k + 2
			}
			s.hide(i, i+2)
			return i + 2
		case '%', '&', '$', '#', '_':
			s.hide(i, i+1)
			return i + 2
		case '\\':
			s.hide(i, i+2)
			k := i + 2
			if k < end && t[k] == '*' {
				s.hide(k, k+1)
				k++
			}
			if k < end && t[k] == '[' {
				if e := latexGroupEnd(t, k, end, '[', ']', maxMarkerLen); e > 0 {
					s.blank(k, e+1, Markup)
					k = e + 1
				}
			}
			return k
		}
		s.hide(i, i+2)
		return i + 2
	}
	e := commandName(t, i, end)
	name := t[i+1 : e]
	switch name {
	case "S", "P":
		// \S and \P are § and ¶, two bytes each, as the commands are
		sign := "§"
		if name == "P" {
			sign = "¶"
		}
		copy(s.mask[i:e], sign)
		return e
	case "ldots", "dots", "textellipsis":
		s.hide(i, e)
		copy(s.mask[i:e], "…")
		return e
	}
	star := e < end && t[e] == '*'
	ne := e
	if star {
		ne++
	}
	switch {
	case isCiteCommand(name):
		if m, ok := parseLaTeXCite(t, i, end); ok {
			s.markers = append(s.markers, m)
			return m.End
		}
		s.blank(i, ne, Markup)
		return ne
	case name == "nocite":
		k := ne
		for k < end && t[k] == ' ' {
			k++
		}
		if k < end && t[k] == '{' {
			if c := keysEnd(t, k, end); c > 0 {
				s.nocite = append(s.nocite, latexNocite(t, i, k, c))
				s.blank(i, c+1, Markup)
				return c + 1
			}
		}
		s.blank(i, ne, Markup)
		return ne
	case name == "verb" || name == "lstinline" || name == "mintinline":
		k := ne
		if name != "verb" {
			for k < end && t[k] == '[' {
				if c := latexGroupEnd(t, k, end, '[', ']', maxMarkerLen); c > 0 {
					k = c + 1
				} else {
					break
				}
			}
			if name == "mintinline" && k < end && t[k] == '{' {
				if c := strings.IndexByte(t[k:min(end, k+64)], '}'); c > 0 {
					k += c + 1
				}
			}
		}
		if k < end {
			delim := t[k]
			if delim == '{' {
				delim = '}'
			}
			if c := strings.IndexByte(t[k+1:lineEnd(t, k, end)], delim); c >= 0 {
				s.blank(i, k+1+c+1, Code)
				return k + 1 + c + 1
			}
		}
		s.blank(i, ne, Code)
		return ne
	case name == "def" || name == "gdef" || name == "edef" || name == "xdef":
		// \def\name#1#2{body}: the name and parameters, then the body
		k := ne
		if k < end && t[k] == '\\' {
			k = commandName(t, k, end)
		}
		for k < end && t[k] != '{' && t[k] != '\n' && k-ne < 64 {
			k++
		}
		s.blank(i, k, Markup)
		if k < end && t[k] == '{' {
			*pending, *pendAt, *pendCmd = "m", i, name
		}
		return k
	case name == "begin" || name == "end":
		return s.latexEnv(t, i, e, end, name == "begin", stack, masking, pending, pendAt, pendCmd, quotes, bib, endEntry)
	case name == "ifnum" || name == "ifdim" || name == "ifcase" || name == "ifx" || name == "if" || name == "ifodd":
		// the condition: "\ifnum \value{x}>0", up to the number after the relation
		k := ne
		le := lineEnd(t, k, end)
		stop := min(le, k+200)
		rel := strings.IndexAny(t[k:stop], "<=>")
		if rel >= 0 && name != "ifcase" && name != "ifodd" {
			k += rel + 1
			for k < stop && t[k] == ' ' {
				k++
			}
			for k < stop && (t[k] >= '0' && t[k] <= '9' || t[k] == '-') {
				k++
			}
		} else {
			k = ne
			for k < stop && t[k] != '\\' && t[k] != '%' {
				k++
			}
		}
		s.blank(i, k, Markup)
		return k
	case name == "par" || name == "appendix" || name == "item" || name == "bibitem" || name == "caption":
		s.cut(i)
		if name == "item" || name == "bibitem" {
			s.items = append(s.items, i)
		}
	}
	if lvl, ok := headingLevels[name]; ok {
		s.cut(i)
		s.headings = append(s.headings, Heading{Span: Span{i, 0}, Level: lvl})
	}
	switch name {
	case "printbibliography", "bibliography", "printbibheading", "bibliographyunit":
		k := ne
		for k < end && (t[k] == '[' || t[k] == '{') {
			c := -1
			if t[k] == '[' {
				c = latexGroupEnd(t, k, end, '[', ']', 4096)
			} else if b := strings.IndexByte(t[k:min(end, k+4096)], '}'); b > 0 {
				c = k + b
			}
			if c < 0 {
				break
			}
			k = c + 1
		}
		s.placeholders = append(s.placeholders, Placeholder{Span{i, k}, LaTeXCommand})
		s.cut(i)
		s.cut(k)
		s.blank(i, k, Markup)
		return k
	case "bibitem":
		if *bib >= 0 && s.refList != nil {
			endEntry(i)
			k := ne
			label, key := "", ""
			if k < end && t[k] == '[' {
				if c := latexGroupEnd(t, k, end, '[', ']', maxMarkerLen); c > 0 {
					label = strings.TrimSpace(t[k+1 : c])
					k = c + 1
				}
			}
			for k < end && t[k] == ' ' {
				k++
			}
			if k < end && t[k] == '{' {
				if c := keysEnd(t, k, end); c > 0 {
					key = strings.TrimSpace(t[k+1 : c])
					k = c + 1
				}
			}
			s.blank(i, k, Markup)
			s.refList.Entries = append(s.refList.Entries, ReferenceEntry{Span: Span{i, k}, Number: len(s.refList.Entries) + 1, Key: key, Label: label})
			return k
		}
	}
	s.blank(i, ne, Markup)
	if spec, ok := latexArgs[name]; ok && spec != "" {
		*pending, *pendAt, *pendCmd = spec, i, name
	}
	return ne
}

// latexEnv handles \begin{name} or \end{name} at t[i]; e is after the
// command's name.
func (s *scan) latexEnv(t string, i, e, end int, begin bool, stack *[]frame, masking *int, pending *string, pendAt *int, pendCmd *string,
	quotes *[]int, bib *int, endEntry func(int)) int {
	k := e
	for k < end && t[k] == ' ' {
		k++
	}
	if k >= end || t[k] != '{' {
		s.blank(i, e, Markup)
		return e
	}
	c := strings.IndexByte(t[k:min(end, k+64)], '}')
	if c < 0 {
		s.blank(i, e, Markup)
		return e
	}
	name := strings.TrimSpace(t[k+1 : k+c])
	after := k + c + 1
	kind := latexEnvs[name]
	if kind != "q" && !strings.Contains(name, "quote") {
		// a block quotation stays in its paragraph, so that the marker
		// after \end{quote} cites it
		s.cut(i)
		s.cut(after)
	}
	if !begin {
		s.blank(i, after, Markup)
		switch {
		case kind == "q" || strings.HasPrefix(kind, "a") && strings.Contains(name, "quote"):
			if n := len(*quotes); n > 0 {
				s.quotes = append(s.quotes, Quote{Span: Span{(*quotes)[n-1], after}, Closed: true})
				*quotes = (*quotes)[:n-1]
			}
		case kind == "b" && *bib >= 0:
			endEntry(i)
			if s.refList != nil {
				s.refList.End = after
			}
			*bib = -1
		}
		return after
	}
	switch kind {
	case "m", "v", "x":
		closer := `\end{` + name + `}`
		region := Markup
		switch kind {
		case "m":
			region = Math
		case "v":
			region = Code
			if name == "comment" {
				region = Comment
			}
		}
		stop := endOfEnv(t, after, end, name, kind != "v")
		if stop < 0 {
			s.blank(i, after, region)
			return after
		}
		s.blank(i, stop+len(closer), region)
		s.cut(stop + len(closer))
		return stop + len(closer)
	case "q":
		s.blank(i, after, Markup)
		*quotes = append(*quotes, i)
		return after
	case "b":
		s.blank(i, after, Markup)
		*bib = i
		s.refList = &ReferenceList{Span: Span{i, end}, Numbered: true}
		*pending, *pendAt, *pendCmd = "m", i, name
		return after
	}
	s.blank(i, after, Markup)
	if name == "abstract" {
		// the abstract is a section of its own, titled by the class
		s.headings = append(s.headings, Heading{Span: Span{i, after}, Level: headingLevels["section"], Title: "Abstract"})
	}
	if strings.Contains(name, "quote") {
		*quotes = append(*quotes, i)
	}
	if strings.HasPrefix(kind, "a") && len(kind) > 1 {
		*pending, *pendAt, *pendCmd = kind[1:], i, name
	}
	return after
}

// endOfEnv returns the offset of the \end{name} that closes the
// environment whose body starts at t[from], counting nested ones when
// nested is set; -1 when it does not close.
func endOfEnv(t string, from, end int, name string, nested bool) int {
	open, closer := `\begin{`+name+`}`, `\end{`+name+`}`
	depth := 0
	for p := from; p < end; {
		k := strings.Index(t[p:end], closer)
		if k < 0 {
			return -1
		}
		if nested {
			depth += strings.Count(t[p:p+k], open)
		}
		if depth == 0 {
			return p + k
		}
		depth--
		p += k + len(closer)
	}
	return -1
}
