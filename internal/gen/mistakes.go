package gen

import (
	"fmt"
	"maps"
	"strings"

	"github.com/cite-project/cite/internal/bib"
)

// mistakes are the deliberate errors Library plants, one per chosen
// entry; each reports whether it applied to e.
var mistakes = []func(g *generator, e *bib.Entry) bool{
	func(g *generator, e *bib.Entry) bool { // bad ISBN check digit
		return g.mutate(e, "ISBN", func(s string) string { return s[:len(s)-1] + string('0'+(s[len(s)-1]-'0'+1)%10) })
	},
	func(g *generator, e *bib.Entry) bool { // bad ISSN check digit
		return g.mutate(e, "ISSN", func(s string) string {
			if s[len(s)-1] == 'X' {
				return s[:len(s)-1] + "0"
			}
			return s[:len(s)-1] + string('0'+(s[len(s)-1]-'0'+1)%10)
		})
	},
	func(g *generator, e *bib.Entry) bool { // initials run together
		ns := e.Names("author")
		if len(ns) == 0 || ns[0].Literal != "" {
			return false
		}
		ns[0].Given = strings.ReplaceAll(ns[0].Given, " ", "")
		return true
	},
	func(g *generator, e *bib.Entry) bool { // no given name
		ns := e.Names("author")
		if len(ns) == 0 || ns[0].Literal != "" {
			return false
		}
		ns[0].Given = ""
		return true
	},
	func(g *generator, e *bib.Entry) bool { // institution written as a person
		ns := e.Names("author")
		if len(ns) == 0 {
			return false
		}
		inst := pickOf(g, institutions)
		ns[0] = bib.Name{Family: inst.name, Pos: ns[0].Pos}
		return true
	},
	func(g *generator, e *bib.Entry) bool { // title in capitals
		return g.mutate(e, "title", strings.ToUpper)
	},
	func(g *generator, e *bib.Entry) bool { // stray spaces
		return g.mutate(e, "title", func(s string) string { return strings.Replace(s, " ", "  ", 1) + " " })
	},
	func(g *generator, e *bib.Entry) bool { // space before a comma
		return g.mutate(e, "title", func(s string) string { return strings.Replace(s, " ", " , ", 1) })
	},
	func(g *generator, e *bib.Entry) bool { // a Latin look-alike in a Cyrillic word
		return g.mutate(e, "title", func(s string) string { return strings.Replace(s, "а", "a", 1) })
	},
	func(g *generator, e *bib.Entry) bool { // years run together
		return g.mutate(e, "title", func(s string) string {
			s = strings.ReplaceAll(s, "2014–2020", "20142020")
			if !strings.Contains(s, "20142020") {
				s += " (20102020)"
			}
			return s
		})
	},
	func(g *generator, e *bib.Entry) bool { // no publisher
		if e.Get("publisher") == "" {
			return false
		}
		e.Set("publisher", "")
		return true
	},
	func(g *generator, e *bib.Entry) bool { // no title
		if e.Get("title") == "" {
			return false
		}
		e.Set("title", "")
		e.Set("title-translated", "")
		return true
	},
	func(g *generator, e *bib.Entry) bool { // URL without scheme and host, as copied from a printout
		return g.mutate(e, "URL", func(s string) string {
			_, rest, _ := strings.Cut(s, "://")
			_, path, _ := strings.Cut(rest, "/")
			return path
		})
	},
	func(g *generator, e *bib.Entry) bool { // DOI pasted as a link
		return g.mutate(e, "DOI", func(s string) string { return "https://doi.org/" + s })
	},
	func(g *generator, e *bib.Entry) bool { // label in page
		return g.mutate(e, "page", func(s string) string { return "С. " + s })
	},
	func(g *generator, e *bib.Entry) bool { // a thirteenth month
		d, ok := e.Date("issued")
		if !ok {
			return false
		}
		d.Start.Month, d.Start.Day = 13, 0
		e.SetDate("issued", d)
		return true
	},
	func(g *generator, e *bib.Entry) bool { // an access date far ahead
		d, ok := e.Date("accessed")
		if !ok {
			return false
		}
		d.Start = bib.DatePart{Year: 2099, Month: 1, Day: 1}
		e.SetDate("accessed", d)
		return true
	},
	func(g *generator, e *bib.Entry) bool { // not a BCP 47 tag
		return g.mutate(e, "language", func(s string) string { return map[string]string{"ru": "rus", "kk": "kaz", "en": "en_US"}[s] })
	},
	func(g *generator, e *bib.Entry) bool { // outlet spelled another way
		return g.mutate(e, "container-title", func(s string) string {
			if t := strings.ReplaceAll(s, "ё", "е"); t != s {
				return t
			}
			return strings.ToLower(s)
		})
	},
}

// mutate replaces field k of e with f(value) when e has it.
func (g *generator) mutate(e *bib.Entry, k string, f func(string) string) bool {
	v := e.Get(k)
	if v == "" {
		return false
	}
	nv := f(v)
	if nv == v || nv == "" {
		return false
	}
	e.Set(k, nv)
	return true
}

// mistake plants one mistake in e, trying kinds at random until one fits.
func (g *generator) mistake(e *bib.Entry) {
	for range 8 {
		if pickOf(g, mistakes)(g, e) {
			return
		}
	}
}

// duplicate appends a second record of an earlier entry: the kind of
// duplicate that merges of two bibliographies produce.
func (g *generator) duplicate(i int) {
	src := g.lib.Entries[g.pick(len(g.lib.Entries))]
	g.line++
	e := &bib.Entry{ID: fmt.Sprintf("%s-dup%d", src.ID, i), Type: src.Type, Pos: g.pos()}
	e.SetPos("id", g.pos())
	e.SetPos("type", g.pos())
	for k, v := range src.Fields() {
		e.Set(k, v)
		e.SetPos(k, g.pos())
	}
	for k, d := range src.AllDates() {
		g.date(e, k, d.Start)
	}
	for role, names := range src.AllNames() {
		for _, nm := range names {
			nm.Alt = maps.Clone(nm.Alt)
			g.name(e, role, nm)
		}
	}
	g.lib.Entries = append(g.lib.Entries, e)
}

var excerpts = []string{
	"The Republic must have a reasonable balance between Europe and Asia",
	"More than 460 nuclear explosions were carried out in Kazakhstan",
	"Kazakhstan chaired the OSCE in 2010",
	"signed more than 1,300 international and intergovernmental contracts",
	"denoting its multi-vector character",
	"the protection of national interests",
}

// claims adds n claims, each backed by a random entry; about one in
// twenty has a mistake (an unknown reference, or a quote without a page).
func (g *generator) claims(n int) {
	if len(g.lib.Entries) == 0 {
		return
	}
	file := "gen/claims.toml"
	line := 0
	for k := 0; k < n; k++ {
		e := g.lib.Entries[g.pick(len(g.lib.Entries))]
		line += 2
		c := &bib.Claim{
			ID: fmt.Sprintf("claim-%d", k+1), Kind: pickOf(g, bib.ClaimKinds), Excerpt: pickOf(g, excerpts),
			Statement: "A statement the manuscript makes.", Pos: bib.Pos{File: file, Line: line},
			FieldPos: map[string]bib.Pos{},
		}
		for _, f := range []string{"id", "statement", "kind", "excerpt", "sources"} {
			line++
			c.FieldPos[f] = bib.Pos{File: file, Line: line}
		}
		src := bib.Source{Ref: e.ID, Locator: fmt.Sprint(1 + g.pick(300)), Support: pickOf(g, bib.SupportKinds), Pos: c.FieldPos["sources"]}
		if g.chance(0.05) {
			switch g.pick(2) {
			case 0:
				src.Ref += "x"
			default:
				c.Kind, src.Locator = bib.ClaimQuote, ""
			}
		}
		c.Sources = []bib.Source{src}
		g.lib.Claims = append(g.lib.Claims, c)
	}
}
