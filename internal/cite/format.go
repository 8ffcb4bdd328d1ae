package cite

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cite-project/cite/internal/bib"
	"github.com/cite-project/cite/internal/csl"
	"github.com/cite-project/cite/internal/csl/item"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/memtune"
	"github.com/cite-project/cite/internal/translit"
)

// Options configures a Formatter. The zero value renders plain text in
// the style's own locale with the default romanisation.
type Options struct {
	// Format is the output format; "" means output.Text.
	Format output.Format
	// Locale forces the locale of the list ("ru-RU"); items with a
	// localized layout of their own language still use it.
	Locale string
	// Scheme is the romanisation for names and titles that have no
	// romanised form in the record; zero means DefaultScheme.
	Scheme translit.Scheme
	// TitleCase chooses between sentence case and titles as recorded;
	// the default is the style's (sentence case for cite's APA style).
	TitleCase TitleCase
	// EvalBudget is the CSL evaluation budget per item (see
	// csl.Options.EvalBudget); zero means csl.DefaultEvalBudget.
	EvalBudget int
}

// Formatter renders a library's entries with one style.
type Formatter struct {
	style *Style
	kind  Kind
	proc  *csl.Processor
	opts  Options
}

// New parses st and returns a Formatter for it. Only a broken style or
// locale is an error.
func New(st *Style, opts Options) (*Formatter, error) {
	if opts.Format == "" {
		opts.Format = output.Text
	}
	p, err := csl.New(st.XML, csl.Options{Locale: opts.Locale, Parent: st.Parent, EvalBudget: opts.EvalBudget})
	if err != nil {
		return nil, fmt.Errorf("style %s: %w", st.Name, err)
	}
	return &Formatter{style: st, kind: kindOfID(p.Style().Info.ID), proc: p, opts: opts}, nil
}

// Kind returns the preparation the Formatter applies.
func (f *Formatter) Kind() Kind { return f.kind }

// prep returns the preparation of the items for the style.
func (f *Formatter) prep() Prep {
	var p Prep
	switch f.kind {
	case APA:
		p = Prep{Romanize: true, Scheme: f.opts.Scheme, Translate: true, OpenAsUndated: true}
	case GOST:
		p = Prep{Heading: true}
	}
	p.SentenceCase = f.sentenceCase()
	return p
}

// sentenceCase reports whether titles are put in sentence case: by
// default with cite's APA style only.
func (f *Formatter) sentenceCase() bool {
	switch f.opts.TitleCase {
	case TitleCaseSentence:
		return true
	case TitleCaseAsIs:
		return false
	}
	return f.kind == APA
}

// Result is a rendered bibliography.
type Result struct {
	// Entries holds the rendered entries in the style's order, and IDs
	// the id of each.
	Entries []string
	IDs     []string
	// Format is the format of Entries.
	Format output.Format
	// Warnings holds what the engine noticed (missing data, unknown
	// terms); rendering went on regardless.
	Warnings []string
}

// String returns the entries as one document (see Document).
func (r *Result) String() string {
	return Document(r.Format, Section{Entries: r.Entries})
}

// Section is a titled list of rendered entries in a document.
type Section struct {
	// Title, when set, heads the list ("References").
	Title   string
	Entries []string
}

// Document joins sections of entries rendered in format f: in text, one
// entry a line and a blank line before a titled section; in HTML, a
// csl-bib-body div per section under an h2; in Markdown, one paragraph
// per entry under a "##" heading; in RTF, one document with a paragraph
// per entry and a bold paragraph per title. It is what a DocumentWriter
// writes.
func Document(f output.Format, sections ...Section) string {
	var b strings.Builder
	d := NewDocumentWriter(&b, f)
	for _, sec := range sections {
		d.Section(sec.Title)
		for _, e := range sec.Entries {
			d.Entry(e)
		}
	}
	d.Close()
	return b.String()
}

// A DocumentWriter writes a document of rendered entries (see Document)
// section by section and entry by entry, so that a large bibliography is
// written as it is rendered rather than held whole. Errors of the
// underlying writer are kept and returned by Close.
type DocumentWriter struct {
	w        *bufio.Writer
	f        output.Format
	sections int  // sections begun
	entries  int  // entries of the current section
	open     bool // a section's HTML div is open
	err      error
}

// NewDocumentWriter returns a DocumentWriter writing format f to w.
func NewDocumentWriter(w io.Writer, f output.Format) *DocumentWriter {
	d := &DocumentWriter{w: bufio.NewWriterSize(w, 64<<10), f: f}
	if f == output.RTF {
		d.put("{\\rtf1\\ansi\\deff0\n")
	}
	return d
}

func (d *DocumentWriter) put(parts ...string) {
	for _, s := range parts {
		if d.err == nil {
			_, d.err = d.w.WriteString(s)
		}
	}
}

// Section begins a section, headed by title unless it is "".
func (d *DocumentWriter) Section(title string) {
	d.endSection()
	d.sections++
	d.entries = 0
	switch d.f {
	case output.HTML:
		if title != "" {
			d.put("<h2>" + output.Render(output.Str(title), output.HTML) + "</h2>\n")
		}
		d.put("<div class=\"csl-bib-body\">\n")
		d.open = true
	case output.Markdown:
		if d.sections > 1 {
			d.put("\n")
		}
		if title != "" {
			d.put("## " + output.Render(output.Str(title), output.Markdown) + "\n\n")
		}
	case output.RTF:
		if title != "" {
			d.put("{\\pard\\b " + output.Render(output.Str(title), output.RTF) + "\\par}\n")
		}
	default:
		if d.sections > 1 {
			d.put("\n")
		}
		if title != "" {
			d.put(title + "\n\n")
		}
	}
}

// Entry writes one rendered entry into the current section (an untitled
// one is begun if none was).
func (d *DocumentWriter) Entry(e string) {
	if d.sections == 0 {
		d.Section("")
	}
	// Each piece is written as it is: joining them would copy every
	// entry once more.
	switch d.f {
	case output.HTML:
		d.put("  <div class=\"csl-entry\">", e, "</div>\n")
	case output.Markdown:
		if d.entries > 0 {
			d.put("\n")
		}
		d.put(e, "\n")
	case output.RTF:
		d.put("{\\pard ", e, "\\par}\n")
	default:
		d.put(e, "\n")
	}
	d.entries++
}

func (d *DocumentWriter) endSection() {
	if d.open {
		d.put("</div>\n")
		d.open = false
	}
}

// Close ends the document and flushes it; it returns the first error of
// the underlying writer.
func (d *DocumentWriter) Close() error {
	d.endSection()
	if d.f == output.RTF {
		d.put("}\n")
	}
	if d.err == nil {
		d.err = d.w.Flush()
	}
	return d.err
}

// Bibliography renders the entries of lib, in the style's order. With
// ids, only those entries are printed, but numbers and disambiguation
// are those of the whole library, so "[2]" stays the second entry. An id
// that is not in lib is an error.
func (f *Formatter) Bibliography(lib *bib.Library, ids []string) (*Result, error) {
	return f.bibliography(lib, ids, f.prep())
}

// EachEntry is Bibliography handing each rendered entry to emit as soon
// as it is rendered, in the style's order, instead of holding them: the
// Result it returns has IDs and Warnings but no Entries. An error of emit
// stops the rendering and is returned.
func (f *Formatter) EachEntry(lib *bib.Library, ids []string, emit func(id, entry string) error) (*Result, error) {
	return f.each(lib, ids, f.prep(), emit, false)
}

// EachEntryOnce is EachEntry for the library's last use: each entry's
// slot in lib.Entries is cleared once its item is prepared, so that a
// large library's records and the engine's items are never all held at
// once (the items keep what they render, in copies of their own: not
// even the library's strings stay). lib must not be used afterwards.
func (f *Formatter) EachEntryOnce(lib *bib.Library, ids []string, emit func(id, entry string) error) (*Result, error) {
	return f.each(lib, ids, f.prep(), emit, true)
}

// References renders the romanised "References" list that some journals
// ask for next to the list in the original script: names and titles
// romanised (with the record's "-translit" forms, or Options.Scheme),
// the English translation of each title in brackets, and every item in
// English, so that a style with an English layout (cite's GOST styles)
// prints English terms. With cite's APA style it is the same as
// Bibliography, which is romanised already.
func (f *Formatter) References(lib *bib.Library, ids []string) (*Result, error) {
	return f.bibliography(lib, ids, f.referencesPrep())
}

// EachReference is References handing each entry to emit as EachEntry does.
func (f *Formatter) EachReference(lib *bib.Library, ids []string, emit func(id, entry string) error) (*Result, error) {
	return f.each(lib, ids, f.referencesPrep(), emit, false)
}

func (f *Formatter) referencesPrep() Prep {
	if f.kind == APA {
		return f.prep()
	}
	return Prep{Romanize: true, Scheme: f.opts.Scheme, Translate: true, Heading: f.kind == GOST, Language: "en"}
}

func (f *Formatter) bibliography(lib *bib.Library, ids []string, p Prep) (*Result, error) {
	var entries []string
	res, err := f.each(lib, ids, p, func(_, e string) error {
		entries = append(entries, e)
		return nil
	}, false)
	if err != nil {
		return nil, err
	}
	res.Entries = entries
	return res, nil
}

func (f *Formatter) each(lib *bib.Library, ids []string, p Prep, emit func(id, entry string) error, release bool) (*Result, error) {
	want, err := selectIDs(lib, ids)
	if err != nil {
		return nil, err
	}
	items := f.items(lib, p, release)
	if release {
		memtune.Released() // the library's records are garbage now
	}
	out := &Result{Format: f.opts.Format}
	// Each entry is rendered to text as the engine produces it, so that
	// the node trees of a large bibliography are never held at once.
	var res csl.Result
	var emitErr error
	if want == nil {
		// Every entry is printed: the engine renders them to text too,
		// on all processors.
		res, emitErr = f.proc.EachEntryText(items, f.opts.Format, func(id, s string) error {
			out.IDs = append(out.IDs, id)
			return emit(id, strings.TrimSpace(s))
		})
	} else {
		res, emitErr = f.proc.EachEntry(items, func(id string, n *output.Node) error {
			if want[id] {
				out.IDs = append(out.IDs, id)
				return emit(id, strings.TrimSpace(csl.Render(n, f.opts.Format)))
			}
			return nil
		})
	}
	if res.Err != nil {
		return nil, fmt.Errorf("style %s: %w", f.style.Name, res.Err)
	}
	if emitErr != nil {
		return nil, emitErr
	}
	out.Warnings = res.Warnings
	return out, nil
}

// items prepares every entry of lib, in library order. A large library
// is prepared by one worker per CPU, each taking a contiguous run of
// entries: Prepare reads its entry and writes only its own item. With
// release, each entry's slot is cleared once its item is made, and the
// items copy the strings they keep (see ownStrings), which would keep
// the library's memory otherwise.
func (f *Formatter) items(lib *bib.Library, p Prep, release bool) []*item.Item {
	items := make([]*item.Item, len(lib.Entries))
	const chunk = 1024
	workers := min(runtime.GOMAXPROCS(0), (len(items)+chunk-1)/chunk)
	if workers <= 1 {
		sc := scratch{own: release}
		for i, e := range lib.Entries {
			items[i] = prepare(e, p, &sc)
			if release {
				lib.Entries[i] = nil
			}
		}
		return items
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := scratch{own: release}
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(items) {
					return
				}
				for i := lo; i < min(lo+chunk, len(items)); i++ {
					items[i] = prepare(lib.Entries[i], p, &sc)
					if release {
						lib.Entries[i] = nil
					}
				}
			}
		}()
	}
	wg.Wait()
	return items
}

// selectIDs returns the set of ids, or nil for all; an unknown id is an
// error naming it.
func selectIDs(lib *bib.Library, ids []string) (map[string]bool, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	want := map[string]bool{}
	var missing []string
	for _, id := range ids {
		e, ok := lib.Resolve(id) // a merged entry's former id selects it
		if !ok {
			missing = append(missing, id)
			continue
		}
		want[strings.Clone(e.ID)] = true // not lib's memory (see EachEntryOnce)
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, &UnknownIDError{IDs: missing}
	}
	return want, nil
}

// UnknownIDError reports ids that are not in the library.
type UnknownIDError struct{ IDs []string }

// Error names the missing ids.
func (e *UnknownIDError) Error() string {
	if len(e.IDs) == 1 {
		return fmt.Sprintf("no reference with id %q in the library", e.IDs[0])
	}
	return fmt.Sprintf("no references with ids %s in the library", strings.Join(quoteAll(e.IDs), ", "))
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// Ref is one cite of an in-text citation: an entry and an optional
// locator. Label is the CSL locator term ("page" when empty: "p. 9",
// "с. 9"; "chapter", "section", "paragraph", …).
type Ref struct {
	ID      string
	Locator string
	Label   string
	// Prefix and Suffix are printed before and after the cite ("see ",
	// ", emphasis added").
	Prefix, Suffix string
	// SuppressAuthor leaves the author out ("(2012)" after a sentence
	// that names them); AuthorOnly prints only the author, for a
	// citation written into the sentence ("Smith (2012)").
	SuppressAuthor, AuthorOnly bool
}

// ParseRef reads "ID" or "ID@LOCATOR" ("zhigalov1993@9"). A locator may
// start with a label and a colon: "zhigalov1993@chapter:3".
func ParseRef(s string) (Ref, error) {
	id, loc, _ := strings.Cut(strings.TrimSpace(s), "@")
	id = strings.TrimSpace(id)
	if id == "" {
		return Ref{}, fmt.Errorf("cite %q has no id (write ID or ID@LOCATOR)", s)
	}
	r := Ref{ID: id, Locator: strings.TrimSpace(loc)}
	if label, rest, ok := strings.Cut(r.Locator, ":"); ok && isLabel(label) {
		r.Label, r.Locator = label, strings.TrimSpace(rest)
	}
	return r, nil
}

// locatorLabels are the CSL 1.0.2 locator terms.
var locatorLabels = []string{"act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation",
	"equation", "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph", "part", "rule", "scene",
	"section", "sub-verbo", "supplement", "table", "timestamp", "title-locator", "verse", "volume"}

func isLabel(s string) bool {
	for _, l := range locatorLabels {
		if s == l {
			return true
		}
	}
	return false
}

// Cite renders one in-text citation of refs (one cluster). Numbers are
// library positions: every entry is registered, in library order,
// before the citation. An id that is not in lib is an error.
func (f *Formatter) Cite(lib *bib.Library, refs []Ref) (string, []string, error) {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	if _, err := selectIDs(lib, ids); err != nil {
		return "", nil, err
	}
	items := f.items(lib, f.prep(), false)
	// The engine numbers items in the order of first citation; a first
	// cluster citing the whole library in order makes that the library
	// order (the facade does not expose registration order otherwise).
	prime := csl.Cluster{NoteIndex: 1}
	for _, it := range items {
		prime.Items = append(prime.Items, csl.CiteItem{ID: it.ID})
	}
	cl := csl.Cluster{NoteIndex: 2}
	for _, r := range refs {
		cl.Items = append(cl.Items, csl.CiteItem{ID: r.ID, Locator: r.Locator, Label: r.Label})
	}
	res := f.proc.Process(items, []csl.Cluster{prime, cl}, false)
	if res.Err != nil {
		return "", res.Warnings, fmt.Errorf("style %s: %w", f.style.Name, res.Err)
	}
	if len(res.Clusters) < 2 || res.Clusters[1] == nil {
		return "", res.Warnings, nil
	}
	return strings.TrimSpace(csl.Render(res.Clusters[1], f.opts.Format)), res.Warnings, nil
}
