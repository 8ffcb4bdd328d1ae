package eval

import (
	"bytes"
	"sort"
	"strings"
	"unicode"

	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/style"
)

// sortValue is one key of one item.
type sortValue struct {
	s      string
	key    []byte // collation key of s
	script int    // rank of the script of s's first letter
	empty  bool
}

// sortKeys computes an item's sort keys (CSL 1.0.2, "Sorting").
func (r *run) sortKeys(it *item.Item, s *style.Sort, bib bool, cite *citeState) []sortValue {
	out := make([]sortValue, 0, len(s.Keys))
	for _, k := range s.Keys {
		c, _ := r.newCtx(it, bib)
		c.sorting = true
		c.cite = cite
		var v string
		switch {
		case k.Macro != "":
			c.sortNameOpts = k.NameOptions
			m := r.e.st.Macros[k.Macro]
			if m != nil {
				if n := c.renderAll(m.Children, ""); n != nil {
					v = n.Plain()
				}
			}
		case item.IsNameVar(k.Variable):
			c.sortNameOpts = k.NameOptions
			o := c.nameOptions(nil)
			var keys []string
			for _, n := range it.Names[k.Variable] {
				keys = append(keys, sortKeyForName(n, o))
			}
			v = strings.Join(keys, "\x01")
		case item.IsDateVar(k.Variable):
			if d, ok := it.Date(k.Variable); ok {
				v = dateSortKey(d, "", false)
			}
		case k.Variable == "citation-number":
			v = padNumbers(c.lookupVar("citation-number"))
		default:
			v = c.lookupVar(k.Variable)
			if isNumeric(v) {
				v = padNumbers(v)
			} else {
				v = parseRich(v, nil).Plain()
			}
		}
		v = strings.Join(strings.Fields(strings.Map(dropPunct, v)), " ")
		sv := sortValue{s: v, empty: v == ""}
		if !sv.empty {
			sv.script = r.scriptRank(s, v)
			r.collBuf.Reset()
			sv.key = append([]byte(nil), r.coll.KeyFromString(&r.collBuf, v)...)
		}
		out = append(out, sv)
	}
	return out
}

// less compares two key lists: -1, 0 or 1. Empty values sort last in
// both directions.
func (r *run) less(a, b []sortValue, s *style.Sort) int {
	for i, k := range s.Keys {
		if i >= len(a) || i >= len(b) {
			break
		}
		x, y := a[i], b[i]
		switch {
		case x.empty && y.empty:
			continue
		case x.empty:
			return 1
		case y.empty:
			return -1
		}
		cmp := x.script - y.script
		if cmp == 0 {
			cmp = bytes.Compare(x.key, y.key)
		}
		if cmp == 0 {
			cmp = strings.Compare(x.s, y.s)
			if strings.EqualFold(x.s, y.s) {
				cmp = 0
			}
		}
		if cmp == 0 {
			continue
		}
		if k.Descending {
			cmp = -cmp
		}
		return cmp
	}
	return 0
}

// scriptOf classifies the first letter of s: "cyrillic", "latin" or "".
func scriptOf(s string) string {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return "cyrillic"
		case unicode.Is(unicode.Latin, r):
			return "latin"
		case unicode.Is(unicode.Greek, r):
			return "greek"
		}
		return ""
	}
	return ""
}

// sortCites sorts the cites of a cluster by the citation sort.
func (r *run) sortCites(cites []*citeState) {
	cs := r.e.st.Citation
	if cs == nil || cs.Sort == nil || len(cs.Sort.Keys) == 0 || len(cites) < 2 {
		return
	}
	keys := map[*citeState][]sortValue{}
	for _, ci := range cites {
		keys[ci] = r.sortKeys(r.byID[ci.ID], cs.Sort, false, nil)
	}
	sort.SliceStable(cites, func(i, j int) bool { return r.less(keys[cites[i]], keys[cites[j]], cs.Sort) < 0 })
}

// dropPunct turns punctuation in sort keys into spaces: citeproc-js
// ignores quotation marks, brackets and commas when sorting, and a particle
// such as d’ sorts as a separate word.
func dropPunct(r rune) rune {
	if unicode.IsPunct(r) && r != '-' {
		return ' '
	}
	return r
}

// cyrillicFirst lists languages whose collation (CLDR) puts the Cyrillic
// script before Latin.
var cyrillicFirst = map[string]bool{"ru": true, "uk": true, "be": true, "bg": true, "sr": true, "mk": true,
	"kk": true, "ky": true, "mn": true, "tg": true}

// scriptRank returns the rank of the script of v's first letter in the
// sort's script order (scripts not listed rank last, equal).
func (r *run) scriptRank(s *style.Sort, v string) int {
	order := r.scriptOrder(s)
	if len(order) == 0 {
		return 0
	}
	sc := scriptOf(v)
	for i, o := range order {
		if strings.EqualFold(o, sc) {
			return i
		}
	}
	return len(order)
}

// scriptOrder returns the scripts to sort first: the sort's script-order
// extension, or, for a Cyrillic-script locale, Cyrillic (as CLDR collation
// and citeproc-js do; x/text/collate does not reorder scripts).
func (r *run) scriptOrder(s *style.Sort) []string {
	if len(s.ScriptOrder) > 0 {
		return s.ScriptOrder
	}
	base, _, _ := strings.Cut(strings.ToLower(r.e.lang), "-")
	if cyrillicFirst[base] {
		return []string{"cyrillic"}
	}
	return nil
}
