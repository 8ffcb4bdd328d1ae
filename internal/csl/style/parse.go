package style

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cite-project/cite/internal/csl/locale"
	"github.com/cite-project/cite/internal/csl/vars"
	"github.com/cite-project/cite/internal/csl/xmltree"
)

// Error is an element or attribute of a style that breaks the CSL schema
// (or cite's limits), with its line.
type Error = xmltree.Error

func errAt(el *xmltree.Element, attr, format string, args ...any) *Error {
	return &Error{Line: el.Line, Element: el.Name, Attribute: attr, Msg: fmt.Sprintf(format, args...)}
}

// MaxMacroDepth bounds macro call chains; longer chains (and cycles) are
// rejected at parse time.
const MaxMacroDepth = 64

// Parse reads a CSL style.
func Parse(data []byte) (*Style, error) {
	root, err := xmltree.Parse(data)
	if err != nil {
		return nil, xmltree.InDoc(err, "style")
	}
	if root.Name != "style" {
		return nil, xmltree.InDoc(errAt(root, "", "root element must be cs:style"), "style")
	}
	p := &parser{}
	s, err := p.style(root)
	if s != nil {
		s.Texts = p.texts
	}
	return s, xmltree.InDoc(err, "style")
}

// parser holds parsing state: the number of cs:text elements seen.
type parser struct {
	texts int
	// typeBits numbers the item types of type tests (Style.TypeBit).
	typeBits map[string]uint64
}

// typeBit returns the bit of item type t, numbering t if new; 0 once 64
// types have bits.
func (p *parser) typeBit(t string) uint64 {
	if b, ok := p.typeBits[t]; ok {
		return b
	}
	if len(p.typeBits) == 64 {
		return 0
	}
	if p.typeBits == nil {
		p.typeBits = map[string]uint64{}
	}
	b := uint64(1) << len(p.typeBits)
	p.typeBits[t] = b
	return b
}

// typeMask sets the Types and TypesExact of a type test.
func (p *parser) typeMask(cond *Condition) {
	cond.TypesExact = len(cond.Values) > 0
	for _, t := range cond.Values {
		b := p.typeBit(t)
		if b == 0 || cond.Types&b != 0 {
			cond.TypesExact = false
		}
		cond.Types |= b
	}
}

var styleAttrs = map[string]bool{"class": true, "version": true, "default-locale": true, "xmlns": true, "lang": true}

func (p *parser) style(root *xmltree.Element) (*Style, error) {
	s := &Style{
		Class:         root.Get("class"),
		Version:       root.Get("version"),
		DefaultLocale: root.Get("default-locale"),
		Options:       map[string]string{},
		Macros:        map[string]*Macro{},
	}
	for _, a := range root.Attrs {
		if !styleAttrs[a.Name.Local] && a.Name.Space != "xmlns" {
			s.Options[a.Name.Local] = a.Value
		}
	}
	for _, c := range root.Children {
		switch c.Name {
		case "info":
			s.Info.ID = strings.TrimSpace(textOf(c.Child("id")))
			s.Info.Title = strings.TrimSpace(textOf(c.Child("title")))
			for _, l := range c.Children {
				if l.Name == "link" && l.Get("rel") == "independent-parent" {
					s.Info.Parent = l.Get("href")
				}
			}
		case "locale":
			l, err := locale.FromElement(c)
			if err != nil {
				return nil, fmt.Errorf("style: %w", err)
			}
			s.Locales = append(s.Locales, l)
		case "macro":
			name := c.Get("name")
			if name == "" {
				return nil, errAt(c, "name", "missing")
			}
			kids, err := p.children(c)
			if err != nil {
				return nil, err
			}
			s.Macros[name] = &Macro{Name: name, Children: kids, Line: c.Line}
		case "citation", "bibliography":
			ctx, err := p.context(c)
			if err != nil {
				return nil, err
			}
			if c.Name == "citation" {
				s.Citation = ctx
			} else {
				s.Bibliography = ctx
			}
		}
	}
	if s.Info.Parent == "" && s.Citation == nil {
		return nil, errAt(root, "", "independent style has no cs:citation")
	}
	if err := checkMacros(s); err != nil {
		return nil, err
	}
	s.typeBits = p.typeBits
	return s, nil
}

func textOf(e *xmltree.Element) string {
	if e == nil {
		return ""
	}
	return e.Text
}

func (p *parser) context(c *xmltree.Element) (*Context, error) {
	ctx := &Context{Options: map[string]string{}}
	for _, a := range c.Attrs {
		ctx.Options[a.Name.Local] = a.Value
	}
	var def *Layout
	for _, k := range c.Children {
		switch k.Name {
		case "sort":
			srt, err := p.sort(k)
			if err != nil {
				return nil, err
			}
			ctx.Sort = srt
		case "layout":
			kids, err := p.children(k)
			if err != nil {
				return nil, err
			}
			l := &Layout{Formatting: locale.ParseFormatting(k), Delimiter: k.Get("delimiter"), Children: kids, Line: k.Line}
			if loc := k.Get("locale"); loc != "" {
				l.Locale = strings.Fields(loc)
				ctx.Layouts = append(ctx.Layouts, l)
			} else if def == nil {
				def = l
			}
		}
	}
	if def == nil {
		if len(ctx.Layouts) == 0 {
			return nil, errAt(c, "", "missing cs:layout")
		}
		def = ctx.Layouts[len(ctx.Layouts)-1]
	} else {
		ctx.Layouts = append(ctx.Layouts, def)
	}
	return ctx, nil
}

func (p *parser) sort(k *xmltree.Element) (*Sort, error) {
	s := &Sort{ScriptOrder: strings.Fields(k.Get("script-order"))}
	for _, key := range k.Children {
		if key.Name != "key" {
			continue
		}
		sk := &SortKey{Variable: key.Get("variable"), Macro: key.Get("macro"),
			Descending: key.Get("sort") == "descending", Line: key.Line, NameOptions: map[string]string{}}
		if sk.Variable == "" && sk.Macro == "" {
			return nil, errAt(key, "variable", "cs:key needs a variable or a macro")
		}
		for _, a := range []string{"names-min", "names-use-first", "names-use-last"} {
			if v, ok := key.Attr(a); ok {
				sk.NameOptions[strings.Replace(a, "names", "et-al", 1)] = v
			}
		}
		s.Keys = append(s.Keys, sk)
	}
	return s, nil
}

func (p *parser) children(parent *xmltree.Element) ([]Element, error) {
	var out []Element
	for _, c := range parent.Children {
		e, err := p.element(c)
		if err != nil {
			return nil, err
		}
		if e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

func (p *parser) element(c *xmltree.Element) (Element, error) {
	f := locale.ParseFormatting(c)
	switch c.Name {
	case "text":
		t := &Text{Formatting: f, Variable: c.Get("variable"), Form: c.Get("form"), Macro: c.Get("macro"),
			Term: c.Get("term"), Plural: c.Get("plural") == "true", Line: c.Line, ID: p.texts}
		p.texts++
		if t.Variable != "" {
			t.ShortVariable = t.Variable + "-short"
		}
		t.Value, t.HasValue = c.Attr("value")
		if t.Variable == "" && t.Macro == "" && t.Term == "" && !t.HasValue {
			return nil, errAt(c, "", "needs one of variable, macro, term or value")
		}
		return t, nil
	case "number":
		if c.Get("variable") == "" {
			return nil, errAt(c, "variable", "missing")
		}
		return &Number{Formatting: f, Variable: c.Get("variable"), Form: c.Get("form"), Line: c.Line}, nil
	case "label":
		return p.label(c), nil
	case "date":
		d := &Date{Formatting: f, Variable: c.Get("variable"), Form: c.Get("form"), DateParts: c.Get("date-parts"),
			Delimiter: c.Get("delimiter"), Line: c.Line}
		if d.Variable == "" {
			return nil, errAt(c, "variable", "missing")
		}
		if d.Form != "" && d.Form != "text" && d.Form != "numeric" {
			return nil, errAt(c, "form", "must be text or numeric, not %q", d.Form)
		}
		if d.DateParts == "" {
			d.DateParts = "year-month-day"
		}
		for _, dp := range c.Children {
			if dp.Name != "date-part" {
				continue
			}
			part, err := locale.ParseDatePart(dp)
			if err != nil {
				return nil, fmt.Errorf("style: %w", err)
			}
			if _, ok := dp.Attr("range-delimiter"); !ok {
				part.RangeDelimiter = ""
			}
			d.Parts = append(d.Parts, part)
		}
		return d, nil
	case "names":
		return p.names(c, f)
	case "group":
		kids, err := p.children(c)
		if err != nil {
			return nil, err
		}
		return &Group{Formatting: f, Delimiter: c.Get("delimiter"), Children: kids, Line: c.Line}, nil
	case "choose":
		return p.choose(c)
	}
	return nil, errAt(c, "", "unknown rendering element")
}

func (p *parser) label(c *xmltree.Element) *Label {
	l := &Label{Formatting: locale.ParseFormatting(c), Variable: c.Get("variable"), Form: c.Get("form"), Plural: c.Get("plural"), Line: c.Line}
	if l.Form == "" {
		l.Form = "long"
	}
	if l.Plural == "" {
		l.Plural = "contextual"
	}
	return l
}

func (p *parser) names(c *xmltree.Element, f Formatting) (Element, error) {
	n := &Names{Formatting: f, Variables: strings.Fields(c.Get("variable")), Line: c.Line}
	n.Delimiter, n.HasDelim = c.Attr("delimiter")
	for _, k := range c.Children {
		switch k.Name {
		case "name":
			nm := &Name{Formatting: locale.ParseFormatting(k), Options: map[string]string{}, Line: k.Line}
			for _, a := range k.Attrs {
				nm.Options[a.Name.Local] = a.Value
			}
			for _, np := range k.Children {
				if np.Name != "name-part" {
					continue
				}
				pf := locale.ParseFormatting(np)
				switch np.Get("name") {
				case "given":
					nm.Given = &pf
				case "family":
					nm.Family = &pf
				default:
					return nil, errAt(np, "name", "must be given or family")
				}
			}
			n.Name = nm
		case "et-al":
			n.EtAl = &EtAl{Formatting: locale.ParseFormatting(k), Term: k.Get("term")}
			if n.EtAl.Term == "" {
				n.EtAl.Term = "et-al"
			}
		case "label":
			n.Label = p.label(k)
			n.LabelFirst = n.Name == nil
		case "substitute":
			n.HasSubstitute = true
			kids, err := p.children(k)
			if err != nil {
				return nil, err
			}
			n.Substitute = kids
		}
	}
	if len(n.Variables) == 0 && !n.HasSubstitute {
		return nil, errAt(c, "variable", "missing")
	}
	return n, nil
}

var conditionAttrs = []string{"disambiguate", "is-numeric", "is-uncertain-date", "locator", "position", "type", "variable"}

func (p *parser) choose(c *xmltree.Element) (Element, error) {
	ch := &Choose{Line: c.Line}
	for i, b := range c.Children {
		switch b.Name {
		case "if", "else-if", "else":
		default:
			return nil, errAt(b, "", "unexpected element in cs:choose")
		}
		if (b.Name == "if") != (i == 0) {
			return nil, errAt(b, "", "cs:choose must start with one cs:if")
		}
		br := &Branch{Match: b.Get("match")}
		if br.Match == "" {
			br.Match = "all"
		}
		br.MatchAny, br.MatchNone = br.Match == "any", br.Match == "none"
		if b.Name != "else" {
			for _, a := range conditionAttrs {
				if v, ok := b.Attr(a); ok {
					cond := Condition{Kind: a, Values: strings.Fields(v), Op: condOps[a]}
					switch cond.Op {
					case CondType:
						p.typeMask(&cond)
					case CondDisambiguate:
						br.Incremental = true
					}
					if cond.Op == CondVariable || cond.Op == CondIsNumeric {
						cond.VarKinds = make([]vars.Kind, len(cond.Values))
						for i, name := range cond.Values {
							cond.VarKinds[i] = vars.Of(name)
						}
					}
					br.Conditions = append(br.Conditions, cond)
				}
			}
			if len(br.Conditions) == 0 {
				return nil, errAt(b, "", "no condition")
			}
		}
		kids, err := p.children(b)
		if err != nil {
			return nil, err
		}
		br.Children = kids
		ch.Branches = append(ch.Branches, br)
	}
	return ch, nil
}

// checkMacros rejects calls to undefined macros, recursive macros and
// macro chains deeper than MaxMacroDepth.
func checkMacros(s *Style) error {
	calls := map[string][]*Text{}
	var collect func(owner string, els []Element)
	collect = func(owner string, els []Element) {
		for _, e := range els {
			switch e := e.(type) {
			case *Text:
				if e.Macro != "" {
					calls[owner] = append(calls[owner], e)
				}
			case *Group:
				collect(owner, e.Children)
			case *Choose:
				for _, b := range e.Branches {
					collect(owner, b.Children)
				}
			case *Names:
				collect(owner, e.Substitute)
			}
		}
	}
	names := make([]string, 0, len(s.Macros))
	for name, m := range s.Macros {
		names = append(names, name)
		collect(name, m.Children)
	}
	sort.Strings(names)
	for _, ctx := range []*Context{s.Citation, s.Bibliography} {
		if ctx == nil {
			continue
		}
		for _, l := range ctx.Layouts {
			collect("", l.Children)
		}
		if ctx.Sort != nil {
			for _, k := range ctx.Sort.Keys {
				if k.Macro != "" {
					k.MacroDef = s.Macros[k.Macro]
				}
				if k.Macro != "" && k.MacroDef == nil {
					return &Error{Line: k.Line, Element: "key", Attribute: "macro", Msg: fmt.Sprintf("undefined macro %q", k.Macro)}
				}
			}
		}
	}
	for _, list := range calls {
		for _, t := range list {
			if t.MacroDef = s.Macros[t.Macro]; t.MacroDef == nil {
				return &Error{Line: t.Line, Element: "text", Attribute: "macro", Msg: fmt.Sprintf("undefined macro %q", t.Macro)}
			}
		}
	}
	// Depth-first search for cycles and overlong chains.
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	depth := map[string]int{}
	var visit func(name string, path []string) error
	visit = func(name string, path []string) error {
		switch color[name] {
		case grey:
			return &Error{Line: s.Macros[name].Line, Element: "macro", Attribute: "name",
				Msg: fmt.Sprintf("macro %q is recursive (%s)", name, strings.Join(append(path, name), " → "))}
		case black:
			return nil
		}
		color[name] = grey
		d := 1
		for _, t := range calls[name] {
			if err := visit(t.Macro, append(path, name)); err != nil {
				return err
			}
			if depth[t.Macro]+1 > d {
				d = depth[t.Macro] + 1
			}
		}
		if d > MaxMacroDepth {
			return &Error{Line: s.Macros[name].Line, Element: "macro", Attribute: "name",
				Msg: fmt.Sprintf("macro %q nests macros %d deep (limit %d)", name, d, MaxMacroDepth)}
		}
		depth[name] = d
		color[name] = black
		return nil
	}
	for _, name := range names {
		if err := visit(name, nil); err != nil {
			return err
		}
	}
	return nil
}
