// Package csl is cite's Citation Style Language processor: a facade over
// the packages that parse styles (style) and locales (locale), hold input
// records (item), evaluate (eval) and render rich text (output). It
// implements CSL 1.0.2 (../shared/csl/spec/specification.rst) and is
// measured against the official test-suite by TestSuite; see
// testdata/NOTES.md for the fixtures that still fail.
//
// The engine does no I/O. Styles come in as bytes; locale files come from
// Options.Locales (by default the locales embedded in package styles); a
// dependent style's parent comes from Options.Parent. Rendering never
// fails on item data: problems are returned as warnings. Only a broken
// style or locale is an error, and such errors name the element, the
// attribute and the line.
//
// Typical use (items are []*item.Item, built by an adapter or read with
// item.DecodeJSON):
//
//	p, err := csl.New(styleXML, csl.Options{Locale: "ru-RU"})
//	if err != nil {
//		return err // a broken style or locale, naming element and line
//	}
//	entries, warnings := p.Bibliography(items)
//	for _, e := range entries {
//		fmt.Println(csl.Render(e, output.Text))
//	}
//
//	cite, warnings := p.Cite(items, []csl.CiteItem{{ID: "knuth1984", Locator: "12"}})
//	fmt.Println(csl.Render(cite, output.HTML))
//
//	// A whole document: clusters in order (positions, ibid,
//	// disambiguation) and the bibliography with its spacing options.
//	res := p.Process(items, clusters, true)
//	fmt.Print(csl.RenderBibliography(res, output.RTF))
//
// # Locale fallback
//
// Terms, date formats and options are looked up along a chain: the
// style's inline cs:locale for xx-YY, for xx, and without language; then
// the locale file for xx-YY, for xx's primary dialect, and en-US.
//
// # Extensions
//
// Genitive months. A locale cs:term may carry case="genitive"
// (<term name="month-05" case="genitive">мая</term>). When a date renders
// a day together with a month name, the engine prefers the genitive term,
// so the Russian locale prints "16 мая 1992" while a month-only date stays
// nominative ("май 1992"). Along the chain, a plain term of a more
// specific locale (say a style's inline override) still wins over a
// genitive term of a less specific one. The shipped ru-RU and kk-KZ
// locales use it; styles and locales without it behave as CSL 1.0.2.
//
// Localized layouts (CSL-M, as implemented by citeproc-js). cs:citation
// and cs:bibliography may contain several cs:layout elements; all but the
// last carry a locale attribute listing language tags ("ru uk"). For each
// item the first layout whose list matches the item's Language (exactly
// or by base language) is used, and the item is rendered with that
// language's locale chain, so a Russian entry prints "и др." and "с."
// while an English one prints "et al." and "p.". The layout without the
// attribute is the default.
//
// Script order. cs:sort may carry script-order="cyrillic latin": each sort
// key first compares the script of its first letter, in the listed order
// (other scripts after, equal among themselves), then the Unicode
// collation (golang.org/x/text/collate) of the key. Collation alone cannot
// reorder scripts. Without the attribute, styles whose locale is written
// in Cyrillic (ru, uk, be, bg, sr, mk, kk, ky, mn, tg) sort Cyrillic first,
// as CLDR collation for those languages (and citeproc-js) does; GOST
// bibliographies thus list Russian entries before foreign ones.
package csl
