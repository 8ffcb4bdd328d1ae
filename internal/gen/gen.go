// Package gen generates reproducible bibliographic libraries for
// benchmarks and tests: realistic entries of the common CSL types with
// Russian, Kazakh and English data (original titles with romanised and
// translated forms, Cyrillic and Latin names, ISBNs, ISSNs, DOIs and URLs
// with valid check digits), positions in files, claims, and a small share
// of deliberate mistakes of the kinds package check reports.
//
// The same n and seed always give the same library. The package does no
// I/O; to get TOML, save the library with package store.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/cite-project/cite/internal/bib"
)

// EntriesPerFile is how many entries Library places in each file name.
const EntriesPerFile = 1000

// ErrorRate is the share of entries that get one deliberate mistake.
const ErrorRate = 0.12

// Library returns a library of n entries generated from seed, and about
// one claim for every ten entries. Entries are spread over files named
// gen/refs-000.toml, gen/refs-001.toml, … of EntriesPerFile entries each,
// with a line for every key as store would write them.
func Library(n int, seed int64) *bib.Library {
	g := &generator{
		r:   rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		lib: &bib.Library{Entries: make([]*bib.Entry, 0, n)},
	}
	for i := 0; i < n; i++ {
		if i%EntriesPerFile == 0 {
			g.file = fmt.Sprintf("gen/refs-%03d.toml", i/EntriesPerFile)
			g.lib.Files = append(g.lib.Files, g.file)
			g.line = 0
		}
		g.entry(i)
	}
	g.claims(n / 10)
	return g.lib
}

type generator struct {
	r    *rand.Rand
	lib  *bib.Library
	file string
	line int
}

// types and their weights in a typical humanities library.
var types = []struct {
	typ    string
	weight int
}{
	{"article-journal", 30}, {"book", 18}, {"chapter", 10}, {"article-newspaper", 12}, {"webpage", 12},
	{"thesis", 5}, {"report", 4}, {"legislation", 3}, {"paper-conference", 4}, {"document", 2},
}

func (g *generator) pick(n int) int { return g.r.IntN(n) }

func pickOf[T any](g *generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *generator) pos() bib.Pos {
	g.line++
	return bib.Pos{File: g.file, Line: g.line}
}

func (g *generator) set(e *bib.Entry, k, v string) {
	if v == "" {
		return
	}
	e.Set(k, v)
	e.SetPos(k, g.pos())
}

func (g *generator) date(e *bib.Entry, k string, p bib.DatePart) {
	d := bib.Date{Start: p, Pos: g.pos()}
	e.SetDate(k, d)
	e.SetPos(k, d.Pos)
}

func (g *generator) name(e *bib.Entry, role string, nm bib.Name) {
	g.line++ // [[reference.author]]
	nm.Pos = bib.Pos{File: g.file, Line: g.line}
	if _, ok := e.KeyPos(role); !ok {
		e.SetPos(role, nm.Pos)
	}
	g.line += 1 + len(nm.Alt)
	if nm.Given != "" {
		g.line++
	}
	e.AddName(role, nm)
}

func (g *generator) entry(i int) {
	w := g.pick(100)
	typ := types[0].typ
	for _, t := range types {
		if w < t.weight {
			typ = t.typ
			break
		}
		w -= t.weight
	}
	lang := "en"
	switch x := g.pick(100); {
	case x < 45:
		lang = "ru"
	case x < 65:
		lang = "kk"
	}
	year := 1991 + g.pick(34)
	g.line++ // blank line
	e := &bib.Entry{Type: typ, Pos: g.pos()}
	e.SetPos("id", g.pos())
	e.SetPos("type", g.pos())
	g.set(e, "language", lang)
	title, translated := g.title(lang, typ == "thesis")
	g.set(e, "title", title)
	g.set(e, "title-translated", translated)

	switch typ {
	case "article-journal":
		j := g.outletFor(journals, lang)
		g.authors(e, lang, 1+g.pick(3))
		g.set(e, "container-title", j.name)
		g.set(e, "container-title-translit", j.translit)
		g.set(e, "volume", fmt.Sprint(1+(year-1985)))
		g.set(e, "issue", fmt.Sprint(1+g.pick(4)))
		first := 5 + g.pick(200)
		g.set(e, "page", fmt.Sprintf("%d–%d", first, first+5+g.pick(20)))
		g.set(e, "ISSN", issn(j.issn))
		if lang == "en" || g.chance(0.3) {
			g.set(e, "DOI", fmt.Sprintf("10.%d/%s%d.%d", 1080+g.pick(20), j.issn, year, 100000+i))
		}
		g.date(e, "issued", bib.DatePart{Year: year, Month: 1 + g.pick(12)})
	case "book", "thesis", "report":
		p := pickOf(g, publishers)
		if typ == "thesis" {
			u := pickOf(g, universities)
			g.authors(e, lang, 1)
			g.set(e, "genre", genres[lang])
			p.name, p.place = u.name, u.place
		} else if typ == "report" && g.chance(0.6) {
			inst := pickOf(g, institutions)
			g.name(e, "author", bib.Name{Literal: inst.name, Alt: alt("literal-translated", inst.translated)})
			p.name = inst.name
			g.set(e, "number", fmt.Sprint(1+g.pick(300)))
		} else {
			g.authors(e, lang, 1+g.pick(2))
		}
		g.set(e, "publisher", p.name)
		g.set(e, "publisher-place", p.place)
		g.set(e, "number-of-pages", fmt.Sprint(80+g.pick(500)))
		if typ == "book" {
			g.set(e, "ISBN", g.isbn(lang))
		}
		g.date(e, "issued", bib.DatePart{Year: year})
	case "chapter", "paper-conference":
		p := pickOf(g, publishers)
		g.authors(e, lang, 1+g.pick(2))
		if typ == "chapter" {
			g.name(e, "editor", g.person(lang))
			book, _ := g.title(lang, false)
			g.set(e, "container-title", book)
		} else {
			g.set(e, "container-title", fmt.Sprintf("Proceedings of the %d International Conference on Central Asian Studies", year))
		}
		first := 1 + g.pick(300)
		g.set(e, "page", fmt.Sprintf("%d–%d", first, first+10+g.pick(30)))
		g.set(e, "publisher", p.name)
		g.set(e, "publisher-place", p.place)
		g.date(e, "issued", bib.DatePart{Year: year})
	case "article-newspaper":
		np := g.outletFor(newspapers, lang)
		g.authors(e, lang, 1)
		g.set(e, "container-title", np.name)
		g.set(e, "container-title-translit", np.translit)
		day := bib.DatePart{Year: year, Month: 1 + g.pick(12), Day: 1 + g.pick(28)}
		if g.chance(0.5) {
			g.set(e, "URL", fmt.Sprintf("https://%s/%s/%d", np.host, slug(translated, title), 100000+i))
			g.date(e, "issued", day)
			g.date(e, "accessed", later(day, g.pick(400)))
		} else {
			g.set(e, "page", fmt.Sprint(1+g.pick(16)))
			g.date(e, "issued", day)
		}
	case "webpage", "document":
		s := g.outletFor(sites, lang)
		if g.chance(0.5) {
			inst := pickOf(g, institutions)
			g.name(e, "author", bib.Name{Literal: inst.name, Alt: alt("literal-translated", inst.translated)})
		} else {
			g.set(e, "container-title", s.name)
		}
		day := bib.DatePart{Year: year, Month: 1 + g.pick(12), Day: 1 + g.pick(28)}
		g.set(e, "URL", fmt.Sprintf("https://%s/%s/%d", s.host, slug(translated, title), 2000000+i))
		g.date(e, "issued", day)
		g.date(e, "accessed", later(day, g.pick(800)))
	case "legislation":
		g.set(e, "number", fmt.Sprintf("%d-%s", 1+g.pick(600), pickOf(g, []string{"I", "II", "III", "IV", "V", "VI", "VII"})))
		g.set(e, "authority", "Парламент Республики Казахстан")
		g.date(e, "issued", bib.DatePart{Year: year, Month: 1 + g.pick(12), Day: 1 + g.pick(28)})
	}
	e.ID = g.id(e, year, i)
	if g.chance(ErrorRate) {
		g.mistake(e)
	}
	g.lib.Entries = append(g.lib.Entries, e)
	if g.chance(0.01) && i > 10 {
		g.duplicate(i)
	}
}

// id builds a citation key: first author's romanised family, year, serial.
func (g *generator) id(e *bib.Entry, year, i int) string {
	key := "anon"
	if ns := e.Names("author"); len(ns) > 0 {
		switch {
		case ns[0].Alt["family-translit"] != "":
			key = ns[0].Alt["family-translit"]
		case ns[0].Literal != "":
			key = "inst"
		default:
			key = ns[0].Family
		}
	}
	return fmt.Sprintf("%s%d-%d", strings.ToLower(key), year, i)
}

// title returns a title in lang and, for a title not in English, its
// translation.
func (g *generator) title(lang string, thesis bool) (string, string) {
	t := pickOf(g, enTopics) + " " + pickOf(g, enSubjects) + " " + pickOf(g, enPeriods)
	en := t + pickOf(g, enCases)
	switch lang {
	case "ru":
		return pickOf(g, ruTopics) + " " + pickOf(g, ruSubjects) + " " + pickOf(g, ruPeriods) + pickOf(g, ruCases), t
	case "kk":
		return pickOf(g, kkSubjects) + " " + strings.ToLower(pickOf(g, kkTopics)) + " " + pickOf(g, kkPeriods) + pickOf(g, kkCases), t
	}
	return en, ""
}

func (g *generator) authors(e *bib.Entry, lang string, n int) {
	for k := 0; k < n; k++ {
		g.name(e, "author", g.person(lang))
	}
}

// person returns a person named as lang's publications name them, with
// the romanised family name for Cyrillic names.
func (g *generator) person(lang string) bib.Name {
	switch lang {
	case "ru", "kk":
		pool := ruFamilies
		if lang == "kk" || g.chance(0.2) {
			pool = kkFamilies
		}
		p := pickOf(g, pool)
		fam, tr := p.family, p.translit
		if g.chance(0.3) && strings.HasSuffix(fam, "ов") || strings.HasSuffix(fam, "ев") && g.chance(0.3) {
			fam, tr = fam+"а", tr+"a"
		}
		given := pickOf(g, cyrInitials) + " " + pickOf(g, cyrInitials)
		return bib.Name{Family: fam, Given: given, Alt: alt("family-translit", tr)}
	}
	given := pickOf(g, latInitials)
	if g.chance(0.3) {
		given = pickOf(g, enGiven)
	} else if g.chance(0.5) {
		given += " " + pickOf(g, latInitials)
	}
	return bib.Name{Family: pickOf(g, enFamilies), Given: given}
}

func alt(k, v string) map[string]string {
	if v == "" {
		return nil
	}
	return map[string]string{k: v}
}

// outletFor picks an outlet in lang, or for Kazakh, where a pool has
// none, one in Russian (the other language of Kazakhstan's press).
func (g *generator) outletFor(pool []outlet, lang string) outlet {
	for _, l := range []string{lang, "ru"} {
		var in []outlet
		for _, o := range pool {
			if o.lang == l {
				in = append(in, o)
			}
		}
		if len(in) > 0 {
			return pickOf(g, in)
		}
	}
	return pickOf(g, pool)
}

// isbn returns a valid ISBN-13 with a registration group for lang
// (601 Kazakhstan, 5 Russia, 0/1 English).
func (g *generator) isbn(lang string) string {
	group := map[string]string{"ru": "5", "kk": "601"}[lang]
	if group == "" {
		group = pickOf(g, []string{"0", "1"})
	}
	body := "978" + group
	for len(body) < 12 {
		body += fmt.Sprint(g.pick(10))
	}
	sum := 0
	for i := 0; i < 12; i++ {
		d := int(body[i] - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	check := (10 - sum%10) % 10
	g4 := 3 + len(group)
	return fmt.Sprintf("%s-%s-%s-%s-%d", body[:3], group, body[g4:g4+4], body[g4+4:12], check)
}

// issn returns base (seven digits) with its ISO 3297 check digit.
func issn(base string) string {
	if len(base) != 7 {
		return ""
	}
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(base[i]-'0') * (8 - i)
	}
	c := (11 - sum%11) % 11
	check := fmt.Sprint(c)
	if c == 10 {
		check = "X"
	}
	return base[:4] + "-" + base[4:] + check
}

// slug makes a URL path segment from the first title that is in Latin.
func slug(titles ...string) string {
	for _, t := range titles {
		if t == "" || strings.IndexFunc(t, func(r rune) bool { return r > 0x7f }) >= 0 {
			continue
		}
		var b strings.Builder
		for _, r := range strings.ToLower(t) {
			switch {
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				b.WriteRune(r)
			case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
				b.WriteByte('-')
			}
			if b.Len() > 60 {
				break
			}
		}
		return strings.Trim(b.String(), "-")
	}
	return "page"
}

// later returns the day d plus days, in a simplified 28-day month.
func later(d bib.DatePart, days int) bib.DatePart {
	d.Day += days
	for d.Day > 28 {
		d.Day -= 28
		d.Month++
		if d.Month > 12 {
			d.Month = 1
			d.Year++
		}
	}
	if d.Year > 2025 {
		d = bib.DatePart{Year: 2025, Month: 6, Day: 1}
	}
	return d
}
