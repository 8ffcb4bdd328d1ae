package bibtex

import (
	"strings"
	"unicode/utf8"
)

// mathSymbols are the math-mode commands that stand for one character in
// titles: Greek letters and a few operators and relations ("$\beta$-quartz",
// "$\alpha$-helix", "$\mu$m", "$\pm$"), as biber's and Better BibTeX's
// LaTeX-to-Unicode maps give them.
var mathSymbols = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
	"varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
	"varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"pm": "±", "mp": "∓", "times": "×", "cdot": "·", "div": "÷", "leq": "≤", "le": "≤",
	"geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃",
	"equiv": "≡", "propto": "∝", "infty": "∞", "partial": "∂", "nabla": "∇",
	"rightarrow": "→", "to": "→", "leftarrow": "←", "leftrightarrow": "↔",
	"Rightarrow": "⇒", "Leftarrow": "⇐", "uparrow": "↑", "downarrow": "↓",
	"circ": "∘", "degree": "°", "prime": "′", "ell": "ℓ", "hbar": "ℏ", "AA": "Å",
	"in": "∈", "subset": "⊂", "cup": "∪", "cap": "∩", "emptyset": "∅",
	"langle": "⟨", "rangle": "⟩", "ldots": "…", "cdots": "⋯",
	",": "\u202F", ";": " ", ":": " ", "!": "", " ": " ",
}

var superscripts = map[rune]rune{
	'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	'+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', 'n': 'ⁿ', 'i': 'ⁱ',
}

var subscripts = map[rune]rune{
	'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
	'+': '₊', '-': '₋', '=': '₌', '(': '₍', ')': '₎',
}

// mathText returns the Unicode form of the math-mode text s (what is
// between $…$ or \(…\)), and whether it has one: s may hold letters,
// digits, simple operators and brackets, the commands of
// mathSymbols, \mathrm-like font commands around such text, and super-
// and subscripts of digits and signs. Anything else ("\frac{a}{b}",
// "x^{ab}") has no plain-text form: the caller keeps the LaTeX.
func mathText(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			j := i + 1
			if j >= len(s) {
				return "", false
			}
			if isLetter(s[j]) {
				for j < len(s) && isLetter(s[j]) {
					j++
				}
			} else {
				j++
			}
			name := s[i+1 : j]
			if sym, ok := mathSymbols[name]; ok {
				b.WriteString(sym)
				i = j
				continue
			}
			switch name {
			case "mathrm", "mathit", "mathbf", "mathsf", "text", "textrm", "textit", "mathnormal", "operatorname":
				arg, next := argument(s, j)
				inner, ok := mathText(arg)
				if !ok {
					return "", false
				}
				b.WriteString(inner)
				i = next
				continue
			}
			return "", false
		case c == '^' || c == '_':
			arg, next := argument(s, i+1)
			t, ok := scriptText(arg, c == '_')
			if !ok {
				return "", false
			}
			b.WriteString(t)
			i = next
		case c == '{' || c == '}':
			i++ // grouping only
		case isSpace(c):
			i++ // TeX ignores spaces in math; \, and \; are spaces
		case c == '$' || c == '&' || c == '#' || c == '%' || c == '~':
			return "", false
		default:
			r, w := utf8.DecodeRuneInString(s[i:])
			b.WriteRune(r)
			i += w
		}
	}
	return b.String(), true
}

// mathWritten are the characters an export writes as math, by the
// command of mathSymbols that gives each back: pdfLaTeX has no glyph for
// a Greek letter or most of these in text, and \ensuremath works in text
// and math alike.
var mathWritten = map[rune]string{}

func init() {
	for _, name := range []string{
		"alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
		"iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma",
		"tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
		"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
		"pm", "mp", "times", "div", "leq", "geq", "neq", "approx", "sim", "simeq", "equiv", "propto",
		"infty", "partial", "nabla", "rightarrow", "leftarrow", "leftrightarrow", "Rightarrow", "Leftarrow",
		"uparrow", "downarrow", "circ", "prime", "ell", "hbar", "in", "subset", "cup", "cap", "emptyset",
		"langle", "rangle", "cdots",
	} {
		r, _ := utf8.DecodeRuneInString(mathSymbols[name])
		mathWritten[r] = `\ensuremath{\` + name + `}`
	}
	for r, t := range superscripts {
		scriptWritten[t] = `\textsuperscript{` + string(r) + `}`
	}
	for r, t := range subscripts {
		scriptWritten[t] = `\textsubscript{` + string(r) + `}`
	}
}

// scriptWritten are the superscript and subscript characters an export
// writes as \textsuperscript and \textsubscript.
var scriptWritten = map[rune]string{}

// scriptText returns arg in the superscript (or subscript) characters, and
// whether each of its characters has one.
func scriptText(arg string, sub bool) (string, bool) {
	table := superscripts
	if sub {
		table = subscripts
	}
	var b strings.Builder
	for _, r := range arg {
		t, ok := table[r]
		if !ok {
			return "", false
		}
		b.WriteRune(t)
	}
	return b.String(), arg != ""
}
