package csl

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/cite-project/cite/internal/csl/eval"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/locale"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/csl/style"
	"github.com/cite-project/cite/styles"
)

// Options configures a Processor. The zero value uses the style's default
// locale and the locales embedded in package styles.
type Options struct {
	// Locale forces a locale tag ("ru-RU"), overriding the style's
	// default-locale.
	Locale string
	// Locales returns the XML of the locale file for a tag ("en-US",
	// "ru-RU"). Nil means styles.Locale.
	Locales func(tag string) ([]byte, bool)
	// Parent returns the XML of the independent parent of a dependent
	// style, given the parent's URI (the href of its independent-parent
	// link). Nil means dependent styles are rejected.
	Parent func(uri string) ([]byte, error)
	// EmptyEntry, when set, is printed for a bibliography entry or a
	// citation with no printed form; by default such entries are dropped
	// (with a warning). citeproc-js prints
	// "[CSL STYLE ERROR: reference with no printed form.]".
	EmptyEntry string
	// NarrowSpaces makes rendered text use a narrow no-break space (U+202F)
	// before ":", ";", "?", "!" and "»" and after "«", as citeproc-js does
	// ("Текст : электронный" then never breaks before the colon). Off by
	// default, so that plain-text output keeps ordinary spaces.
	NarrowSpaces bool
	// EvalBudget is the CSL evaluation budget: how many element
	// evaluations one rendering of one item may take before rendering
	// stops with a *BudgetError (Result.Err). Zero means
	// DefaultEvalBudget, far above what real styles need; it bounds the
	// work a hostile style (macros fanning out) can cause.
	EvalBudget int
}

// DefaultEvalBudget is the evaluation budget used when
// Options.EvalBudget is zero.
const DefaultEvalBudget = eval.DefaultBudget

// BudgetError reports a rendering stopped by the evaluation budget,
// naming the item, the macro and the limit.
type BudgetError = eval.BudgetError

// ErrDependent is returned for a dependent style when Options.Parent is
// nil.
var ErrDependent = errors.New("csl: dependent style needs a parent resolver")

// Processor renders citations and bibliographies with one style. It is
// safe for concurrent use.
type Processor struct {
	style  *style.Style
	engine *eval.Engine
	lang   string

	locales func(string) ([]byte, bool)
	mu      sync.Mutex
	parsed  map[string]*locale.Locale
	errs    []string
}

// CiteItem is one cite in a citation cluster: the item's ID, an optional
// locator with its label (page, chapter, section, ...; "" means page),
// a prefix and suffix, and whether to suppress the author or print only
// the author.
type CiteItem = eval.CiteItem

// Position is a cite's position; see CiteItem.Position.
type Position = eval.Position

// Positions a cite may be forced to.
const (
	PositionAuto            = eval.PositionAuto
	PositionFirst           = eval.PositionFirst
	PositionSubsequent      = eval.PositionSubsequent
	PositionIbid            = eval.PositionIbid
	PositionIbidWithLocator = eval.PositionIbidWithLocator
)

// Cluster is one citation made of several cites, with its note number
// (0 for in-text styles).
type Cluster = eval.Cluster

// New parses styleXML and prepares a processor. Only a broken style, a
// broken locale, or an unresolvable dependent style is an error.
func New(styleXML []byte, opts Options) (*Processor, error) {
	st, err := style.Parse(styleXML)
	if err != nil {
		return nil, err
	}
	if st.IsDependent() {
		if opts.Parent == nil {
			return nil, ErrDependent
		}
		data, err := opts.Parent(st.Info.Parent)
		if err != nil {
			return nil, fmt.Errorf("csl: resolve parent %s: %w", st.Info.Parent, err)
		}
		parent, err := style.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("csl: parent %s: %w", st.Info.Parent, err)
		}
		if parent.IsDependent() {
			return nil, fmt.Errorf("csl: parent %s is itself dependent", st.Info.Parent)
		}
		if st.DefaultLocale != "" {
			parent.DefaultLocale = st.DefaultLocale
		}
		st = parent
	}
	p := &Processor{style: st, locales: opts.Locales, parsed: map[string]*locale.Locale{}}
	if p.locales == nil {
		p.locales = styles.Locale
	}
	lang := opts.Locale
	if lang == "" {
		lang = st.DefaultLocale
	}
	if lang == "" {
		lang = "en-US"
	}
	p.lang = lang
	chain, err := p.chain(lang)
	if err != nil {
		return nil, err
	}
	p.engine = eval.New(st, eval.Config{Locale: chain, Lang: lang, EmptyEntry: opts.EmptyEntry, NarrowSpaces: opts.NarrowSpaces, Budget: opts.EvalBudget, LocaleFor: func(tag string) locale.Chain {
		ch, err := p.chain(tag)
		if err != nil {
			return nil
		}
		return ch
	}})
	return p, nil
}

// Lang returns the locale tag the processor renders in.
func (p *Processor) Lang() string { return p.lang }

// Style returns the parsed style.
func (p *Processor) Style() *style.Style { return p.style }

// primaryDialects maps bare languages to their primary dialect (as the
// official locales.json does).
var primaryDialects = map[string]string{
	"af": "af-ZA", "ar": "ar", "bg": "bg-BG", "ca": "ca-AD", "cs": "cs-CZ", "cy": "cy-GB", "da": "da-DK",
	"de": "de-DE", "el": "el-GR", "en": "en-US", "es": "es-ES", "et": "et-EE", "eu": "eu", "fa": "fa-IR",
	"fi": "fi-FI", "fr": "fr-FR", "he": "he-IL", "hr": "hr-HR", "hu": "hu-HU", "id": "id-ID", "is": "is-IS",
	"it": "it-IT", "ja": "ja-JP", "kk": "kk-KZ", "km": "km-KH", "ko": "ko-KR", "la": "la", "lt": "lt-LT",
	"lv": "lv-LV", "mn": "mn-MN", "nb": "nb-NO", "nl": "nl-NL", "nn": "nn-NO", "pl": "pl-PL", "pt": "pt-PT",
	"ro": "ro-RO", "ru": "ru-RU", "sk": "sk-SK", "sl": "sl-SI", "sr": "sr-RS", "sv": "sv-SE", "th": "th-TH",
	"tr": "tr-TR", "uk": "uk-UA", "vi": "vi-VN", "zh": "zh-CN",
}

// chain builds the locale fallback chain for tag (CSL 1.0.2, "Locale
// Fallback"): the style's inline locales for xx-YY, xx and no language,
// then the locale file for xx-YY, for xx's primary dialect, and en-US.
func (p *Processor) chain(tag string) (locale.Chain, error) {
	base, _, _ := strings.Cut(tag, "-")
	var ch locale.Chain
	add := func(want string) {
		for _, l := range p.style.Locales {
			if strings.EqualFold(l.Lang, want) {
				ch = append(ch, l)
			}
		}
	}
	add(tag)
	if base != tag {
		add(base)
	}
	add("")
	ch = dedupe(ch)
	files := []string{tag}
	if pd, ok := primaryDialects[strings.ToLower(base)]; ok && pd != tag {
		files = append(files, pd)
	}
	files = append(files, "en-US")
	seen := map[string]bool{}
	for _, f := range files {
		if seen[f] {
			continue
		}
		seen[f] = true
		l, err := p.localeFile(f)
		if err != nil {
			return nil, err
		}
		if l != nil {
			ch = append(ch, l)
		}
	}
	return ch, nil
}

func dedupe(ch locale.Chain) locale.Chain {
	seen := map[*locale.Locale]bool{}
	var out locale.Chain
	for _, l := range ch {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

func (p *Processor) localeFile(tag string) (*locale.Locale, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if l, ok := p.parsed[tag]; ok {
		return l, nil
	}
	data, ok := p.locales(tag)
	if !ok {
		p.parsed[tag] = nil
		return nil, nil
	}
	l, err := locale.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("csl: locale %s: %w", tag, err)
	}
	p.parsed[tag] = l
	return l, nil
}

// Bibliography renders the bibliography of items (all of them, sorted by
// the style) and returns one rich-text entry per item, with warnings.
func (p *Processor) Bibliography(items []*item.Item) ([]*output.Node, []string) {
	res := p.engine.Process(eval.Request{Items: items, Bibliography: true})
	return res.Entries, withErr(res)
}

// withErr returns the warnings of res, with its error last.
func withErr(res Result) []string {
	if res.Err != nil {
		return append(res.Warnings, res.Err.Error())
	}
	return res.Warnings
}

// Cite renders one in-text citation (or note) of the cited items.
func (p *Processor) Cite(items []*item.Item, cluster []CiteItem) (*output.Node, []string) {
	res := p.engine.Process(eval.Request{Items: items, Clusters: []eval.Cluster{{Items: cluster, NoteIndex: 1}}})
	if len(res.Clusters) == 0 {
		return nil, withErr(res)
	}
	return res.Clusters[0], withErr(res)
}

// Result is the output of Process.
type Result = eval.Result

// Process renders a document at once: every cluster in order (so that
// positions such as ibid and disambiguation see all cites) and, when
// bibliography is true, the bibliography.
func (p *Processor) Process(items []*item.Item, clusters []Cluster, bibliography bool) Result {
	return p.engine.Process(eval.Request{Items: items, Clusters: clusters, Bibliography: bibliography})
}

// Document is a citing document edited one cluster at a time; see
// NewDocument.
type Document = eval.Document

// Update reports a cluster of a Document whose rendering changed.
type Update = eval.Update

// NewDocument starts an empty document over items, for editors that
// insert, edit and remove citation clusters one at a time: each change
// returns the clusters whose rendering changed (the new or edited one,
// those whose text changed, and those whose registry state changed, as
// citeproc-js's processCitationCluster reports them; Update.TextChanged
// tells them apart). Only cited items are registered. Clusters are named
// by Cluster.ID.
//
//	doc := p.NewDocument(items)
//	ups, _ := doc.Insert(0, csl.Cluster{ID: "c1", NoteIndex: 1, Items: []csl.CiteItem{{ID: "doe2000"}}})
//	for _, u := range ups {
//		fmt.Println(u.Index, csl.Render(u.Node, output.Text))
//	}
func (p *Processor) NewDocument(items []*item.Item) *Document { return p.engine.NewDocument(items) }

// EachEntry renders the bibliography of items (all of them, sorted by
// the style), passing each entry to emit as soon as it is rendered, in
// order, with its item's ID. The node is only valid during the call: its
// memory is reused for the next entry, so that a bibliography of any size
// is never held in memory at once; render it there (Render). EachEntry
// returns the warnings and the layout options, and stops at the first
// error emit returns; Result.Err reports a style over the evaluation
// budget.
func (p *Processor) EachEntry(items []*item.Item, emit func(id string, n *output.Node) error) (Result, error) {
	return p.engine.ProcessEach(eval.Request{Items: items, Bibliography: true}, emit)
}

// EachEntryText is EachEntry with each entry rendered in format f
// (Render) by the goroutine that rendered it, so that a large
// bibliography is also written out on all processors. emit gets the
// entry as text, in order.
func (p *Processor) EachEntryText(items []*item.Item, f output.Format, emit func(id, entry string) error) (Result, error) {
	return p.engine.ProcessEachText(eval.Request{Items: items, Bibliography: true},
		func(n *output.Node) string { return output.Render(n, f) },
		func(id string, _ *output.Node, s string) error { return emit(id, s) })
}

// Render renders a rich-text node in format f (text, html, markdown, rtf).
func Render(n *output.Node, f output.Format) string { return output.Render(n, f) }

// ProcessCited is Process restricted to the cited items: only items that
// appear in clusters are registered and listed in the bibliography.
func (p *Processor) ProcessCited(items []*item.Item, clusters []Cluster, bibliography bool) Result {
	return p.engine.Process(eval.Request{Items: items, Clusters: clusters, Bibliography: bibliography, Uncited: []string{}})
}
