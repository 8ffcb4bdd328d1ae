package styles

import (
	"github.com/cite-project/cite/internal/lazyregexp"
	"strings"
)

// localizedLayout matches a cs:layout with a locale attribute (the CSL-M
// localized layouts), its content, its end tag, and the indentation and
// line break around it. cs:layout elements do not nest.
var localizedLayout = lazyregexp.New(`(?s)[ \t]*<layout\s[^>]*\blocale\s*=\s*["'][^"']*["'][^>]*>.*?</layout>[ \t]*\r?\n?`)

// inlineLocale matches a cs:locale element of a style with its language.
var inlineLocale = lazyregexp.New(`(?s)[ \t]*<locale\s[^>]*\bxml:lang\s*=\s*["']([^"']*)["'][^>]*>.*?</locale>[ \t]*\r?\n?`)

// defaultLocale finds cs:style's default-locale attribute.
var defaultLocale = lazyregexp.New(`<style\s[^>]*\bdefault-locale\s*=\s*["']([^"']*)["']`)

// scriptOrder matches the engine's script-order attribute of cs:sort.
var scriptOrder = lazyregexp.New(`\s+script-order\s*=\s*("[^"]*"|'[^']*')`)

// Portable returns a copy of a style without the extensions that other
// CSL 1.0.2 processors mishandle:
//
//   - the localized layouts (cs:layout with a locale attribute, from
//     CSL-M), which pandoc's citeproc renders one after another instead
//     of choosing one;
//   - the style's cs:locale elements for languages other than its
//     default-locale, which only those layouts use and which pandoc
//     applies to every item ("p." in a Russian list);
//   - cs:sort's script-order attribute.
//
// What remains is each context's default layout, so every item gets the
// style's own language ("с.", "[и др.]" in the GOST styles) and lists
// are sorted by collation alone. The terms and variables the styles
// define themselves are kept: they are valid CSL. A style without these
// extensions comes back unchanged.
func Portable(style []byte) []byte {
	out := localizedLayout().ReplaceAll(style, nil)
	if m := defaultLocale().FindSubmatch(out); m != nil {
		base := langBase(string(m[1]))
		out = inlineLocale().ReplaceAllFunc(out, func(loc []byte) []byte {
			if langBase(string(inlineLocale().FindSubmatch(loc)[1])) == base {
				return loc
			}
			return nil
		})
	}
	return scriptOrder().ReplaceAll(out, nil)
}

func langBase(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	return base
}
