package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/translit"
)

// cyrFirst and cyrLast bound the Cyrillic letters that romanOptions covers
// (the Cyrillic and Cyrillic Supplement blocks).
const cyrFirst, cyrLast = 0x400, 0x52f

// romanOptions holds, for each lowercase Cyrillic letter, its folded
// romanisations in every scheme of schemes, for Russian and for Kazakh, in
// every context the schemes' rules distinguish (word start, after a vowel,
// after a consonant, before i or a). A romanisation with punctuation
// (GOST B's y` for ы, the signs ’ and “) is there as folded, with a word
// break, and without it, as many writers leave the marks out; so the signs
// also have "". It is built from package
// translit itself, so the search follows exactly the published tables
// that formatting uses.
var romanOptions = sync.OnceValue(func() [][]string {
	opts := make([][]string, cyrLast-cyrFirst+1)
	befores := []string{"", "а", "б"}
	afters := []string{"", "и", "а", "б"}
	for r := rune(cyrFirst); r <= cyrLast; r++ {
		if !unicode.IsLetter(r) || !unicode.IsLower(r) {
			continue
		}
		var list []string
		add := func(o string) {
			for _, x := range list {
				if x == o {
					return
				}
			}
			list = append(list, o)
		}
		for _, sc := range schemes {
			for _, lang := range []string{"ru", "kk"} {
				for _, b := range befores {
					for _, a := range afters {
						full := translit.Romanize(b+string(r)+a, sc, lang)
						rb, ra := translit.Romanize(b, sc, lang), translit.Romanize(a, sc, lang)
						if !strings.HasPrefix(full, rb) || !strings.HasSuffix(full, ra) || len(full) < len(rb)+len(ra) {
							continue
						}
						// Punctuation in a romanisation (GOST B's y` and ``, BGN's
						// ’) folds to a word break; writers also leave it out.
						o := string(foldCore(nil, full[len(rb):len(full)-len(ra)], false))
						add(o)
						add(strings.ReplaceAll(o, " ", ""))
					}
				}
			}
		}
		opts[r-cyrFirst] = list
	}
	// fold writes ё as е, so е stands for both.
	for _, o := range opts['ё'-cyrFirst] {
		e := opts['е'-cyrFirst]
		if !contains(e, o) {
			opts['е'-cyrFirst] = append(e, o)
		}
	}
	return opts
})

// romanIn reports whether the folded Latin needle p (" word…") starts a
// word of the folded Cyrillic text f when each Cyrillic letter of f is
// read as any of its romanisations. It works on f directly, so nothing is
// romanised or allocated; a needle that ends inside a letter's
// romanisation (zh for ж, "Nazarbay" for Назарбаев) still matches.
func romanIn(f []byte, p string) bool {
	for i := 0; i < len(f); i++ {
		if f[i] == ' ' && romanAt(f, i, p, 0) {
			return true
		}
	}
	return false
}

func romanAt(f []byte, i int, p string, j int) bool {
	for {
		if j == len(p) {
			return true
		}
		if i >= len(f) {
			return false
		}
		r, size := utf8.DecodeRune(f[i:])
		if r >= cyrFirst && r <= cyrLast && romanOptions()[r-cyrFirst] != nil {
			for _, o := range romanOptions()[r-cyrFirst] {
				rest := p[j:]
				switch {
				case strings.HasPrefix(rest, o):
					if romanAt(f, i+size, p, j+len(o)) {
						return true
					}
				case strings.HasPrefix(o, rest):
					return true // the needle ends inside this letter
				}
			}
			return false
		}
		if len(p)-j < size || string(f[i:i+size]) != p[j:j+size] {
			return false
		}
		i += size
		j += size
	}
}
