package render

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/cite-project/cite/internal/cite"
	"github.com/cite-project/cite/internal/csl/output"
	"github.com/cite-project/cite/internal/manuscript"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// headings are the titles of a bibliography by language: APA 7 (2.12)
// "References"; GOST R 7.0.11-2011 (5.6.2), for theses, "Список
// литературы".
var headings = map[string]string{
	"en": "References", "ru": "Список литературы", "kk": "Пайдаланылған әдебиеттер тізімі",
	"uk": "Список літератури", "de": "Literatur", "fr": "Références", "es": "Referencias",
	"it": "Bibliografia", "pt": "Referências", "pl": "Bibliografia", "nl": "Literatuur",
}

// notesHeadings are the titles of the notes of a plain-text document.
var notesHeadings = map[string]string{"en": "Notes", "ru": "Примечания", "kk": "Ескертпелер", "de": "Anmerkungen", "fr": "Notes"}

func byLang(m map[string]string, lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if s, ok := m[base]; ok {
		return s
	}
	return m["en"]
}

// bibliographyPieces puts the bibliography where the manuscript asks: at
// its placeholder (the manuscript's own reference list, if any, is then
// removed), in place of its own reference list (keeping the list's
// heading, or adding one), or at the end under a heading in the style's
// language.
func (j *job) bibliographyPieces(r *cite.Rendered) []piece {
	if len(r.Entries) == 0 {
		return nil
	}
	var out []piece
	own := j.doc.References
	var ownEntries *manuscript.Span
	if own != nil && len(own.Entries) > 0 {
		ownEntries = &manuscript.Span{Start: own.Entries[0].Start, End: own.Entries[len(own.Entries)-1].End}
	}
	if len(j.doc.Placeholders) > 0 {
		ph := j.doc.Placeholders[0]
		out = append(out, piece{start: ph.Start, end: ph.End, content: j.bibBlock(r, "", ph.Kind), block: true})
		if ownEntries != nil && (ownEntries.End <= ph.Start || ownEntries.Start >= ph.End) {
			out = append(out, piece{start: own.Start, end: ownEntries.End, block: true})
		}
		return out
	}
	if ownEntries != nil {
		title := ""
		start := lineStart(j.doc.Text, ownEntries.Start)
		if own.Heading == "" {
			title = byLang(headings, j.f.Lang())
		}
		return []piece{{start: start, end: ownEntries.End, content: j.bibBlock(r, title, -1), block: true}}
	}
	if own != nil && own.Heading != "" {
		// An empty section "# References" at which pandoc would put the
		// list: the list goes under it.
		at := own.End
		return []piece{{start: at, end: at, content: "\n" + j.bibBlock(r, "", -1), block: true}}
	}
	at := j.endOfBody()
	return []piece{{start: at, end: at, content: j.bibBlock(r, byLang(headings, j.f.Lang()), -1), block: true}}
}

// endOfBody is where appended blocks go: before </body> in HTML, at the
// end otherwise.
func (j *job) endOfBody() int {
	if j.doc.Format == manuscript.HTML {
		if i := strings.LastIndex(lowerASCII(j.doc.Text), "</body>"); i >= 0 {
			return i
		}
	}
	return len(j.doc.Text)
}

func (j *job) notesAt() int { return j.endOfBody() }

// headingLevel is the level of the document's top section headings, for
// an added heading ("# References" beside "# Summary").
func (j *job) headingLevel() int {
	if j.to == output.HTML && j.doc.Format == manuscript.Text {
		return 2 // the page's title is the first line, in a paragraph
	}
	level := 0
	for _, h := range j.doc.Headings {
		if h.Level > 0 && (level == 0 || h.Level < level) {
			level = h.Level
		}
	}
	if level == 0 {
		level = 1
		if j.to == output.HTML {
			level = 2
		}
	}
	return level
}

// bibBlock renders the bibliography in the output format, with title as
// its heading when set; kind is the placeholder it fills (-1 for none).
func (j *job) bibBlock(r *cite.Rendered, title string, kind manuscript.PlaceholderKind) string {
	var b strings.Builder
	level := j.headingLevel()
	switch j.to {
	case output.HTML:
		if title != "" {
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", level, html.EscapeString(title), level)
		}
		if kind == manuscript.HTMLDiv || kind == manuscript.PandocDiv {
			b.WriteString("<div id=\"refs\">\n" + r.Bibliography(output.HTML) + "</div>\n")
		} else {
			b.WriteString(r.Bibliography(output.HTML))
		}
	case output.Markdown:
		if title != "" {
			b.WriteString(strings.Repeat("#", level) + " " + output.Render(output.Str(title), output.Markdown) + "\n\n")
		}
		if kind == manuscript.PandocDiv {
			b.WriteString("::: {#refs}\n")
		}
		for i, e := range r.Entries {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(strings.ReplaceAll(j.f.Render(e), "\n", " ") + "\n")
		}
		if kind == manuscript.PandocDiv {
			b.WriteString(":::\n")
		}
	default:
		if title != "" {
			b.WriteString(title + "\n\n")
		}
		for _, e := range r.Entries {
			b.WriteString(strings.ReplaceAll(j.f.Render(e), "\n", " ") + "\n")
		}
	}
	return b.String()
}

// noteRef is the reference to note n in the running text.
func (j *job) noteRef(n int) string {
	switch j.to {
	case output.HTML:
		return fmt.Sprintf(`<sup class="footnote-ref"><a href="#cite-fn%d" id="cite-fnref%d">%d</a></sup>`, n, n, n)
	case output.Markdown:
		return fmt.Sprintf("[^cite-%d]", n)
	}
	return superscript(n)
}

// notesBlock renders the notes of a note style: Markdown footnote
// definitions, an HTML footnotes section, or in text a numbered list
// under "Notes".
func (j *job) notesBlock() string {
	var b strings.Builder
	switch j.to {
	case output.HTML:
		b.WriteString("<section class=\"footnotes\">\n<hr>\n<ol>\n")
		for i, n := range j.notes {
			fmt.Fprintf(&b, "<li id=\"cite-fn%d\">%s <a href=\"#cite-fnref%d\">↩</a></li>\n", i+1, n, i+1)
		}
		b.WriteString("</ol>\n</section>\n")
	case output.Markdown:
		for i, n := range j.notes {
			fmt.Fprintf(&b, "[^cite-%d]: %s\n", i+1, n)
		}
	default:
		b.WriteString(byLang(notesHeadings, j.f.Lang()) + "\n\n")
		for i, n := range j.notes {
			fmt.Fprintf(&b, "%d. %s\n", i+1, n)
		}
	}
	return b.String()
}

var superDigits = []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")

func superscript(n int) string {
	var b strings.Builder
	for _, d := range strconv.Itoa(n) {
		b.WriteRune(superDigits[d-'0'])
	}
	return b.String()
}

// assemble writes the output: the source with the pieces in place. When
// a text document becomes HTML, the source is escaped and its
// paragraphs wrapped in <p> around the pieces, which are HTML already.
func (j *job) assemble(pieces []piece) string {
	if j.to == output.HTML && j.doc.Format != manuscript.HTML {
		return j.toHTML(pieces)
	}
	var b strings.Builder
	b.Grow(len(j.doc.Text) + len(pieces)*32)
	at := 0
	text := j.doc.Text
	for _, p := range pieces {
		if p.start < at {
			continue // overlapping (should not happen): keep the first
		}
		b.WriteString(text[at:p.start])
		if p.block && p.start == p.end && p.start == len(text) {
			// Appended at the end: a blank line before the block.
			cur := b.String()
			switch {
			case cur == "":
			case strings.HasSuffix(cur, "\n\n"):
			case strings.HasSuffix(cur, "\n"):
				b.WriteString("\n")
			default:
				b.WriteString("\n\n")
			}
		}
		content := p.content
		if p.block && p.end > p.start && text[p.end-1] != '\n' {
			// The span ends before its line break: the source's
			// break follows the block.
			content = strings.TrimSuffix(content, "\n")
		}
		b.WriteString(content)
		at = p.end
	}
	b.WriteString(text[at:])
	return b.String()
}

// toHTML converts a text document to a standalone HTML page: every
// source byte escaped, blank-line-separated paragraphs as <p>, and the
// pieces (citations, bibliography, notes) as rendered.
func (j *job) toHTML(pieces []piece) string {
	const open, closeMark = "\uE000", "\uE001"
	if j.doc.Format == manuscript.Markdown {
		// The YAML front matter is metadata, not text of the page.
		for _, r := range j.doc.Regions {
			if r.Kind == manuscript.FrontMatter && r.Start == 0 {
				pieces = append([]piece{{start: r.Start, end: r.End, block: true}}, pieces...)
				break
			}
		}
	}
	var src strings.Builder
	at := 0
	text := j.doc.Text
	for i, p := range pieces {
		if p.start < at {
			continue
		}
		src.WriteString(text[at:p.start])
		mark := open + strconv.Itoa(i) + closeMark
		if p.block {
			mark = "\n\n" + mark + "\n\n"
		}
		src.WriteString(mark)
		at = p.end
	}
	src.WriteString(text[at:])
	var b strings.Builder
	title := ""
	if len(j.doc.Headings) > 0 {
		title = j.doc.Headings[0].Title
	}
	b.WriteString("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + html.EscapeString(title) + "</title>\n</head>\n<body>\n")
	if j.doc.Format == manuscript.Markdown {
		var body strings.Builder
		if err := markdown.Convert([]byte(src.String()), &body); err != nil {
			body.Reset()
			body.WriteString("<pre>" + html.EscapeString(src.String()) + "</pre>\n")
		}
		// A block piece stands alone in its paragraph.
		out := body.String()
		for i, p := range pieces {
			if p.block {
				out = strings.Replace(out, "<p>"+open+strconv.Itoa(i)+closeMark+"</p>\n", p.content, 1)
			}
		}
		b.WriteString(out)
	} else {
		for _, para := range splitParagraphs(src.String()) {
			if i, ok := wholeMark(para, open, closeMark); ok {
				b.WriteString(pieces[i].content)
				continue
			}
			b.WriteString("<p>" + html.EscapeString(para) + "</p>\n")
		}
	}
	b.WriteString("</body>\n</html>\n")
	out := b.String()
	// Put the inline pieces in place of their marks (escaping left the
	// private-use marks alone).
	var o strings.Builder
	for {
		i := strings.Index(out, open)
		if i < 0 {
			o.WriteString(out)
			break
		}
		k := strings.Index(out[i:], closeMark)
		n, err := strconv.Atoi(out[i+len(open) : i+k])
		if k < 0 || err != nil {
			o.WriteString(out)
			break
		}
		o.WriteString(out[:i])
		o.WriteString(pieces[n].content)
		out = out[i+k+len(closeMark):]
	}
	return o.String()
}

// markdown converts Markdown to HTML for --to html: CommonMark with
// GitHub's tables, strikethrough and footnotes. Raw HTML in the source is
// kept, as pandoc keeps it.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// splitParagraphs splits text at blank lines, trimming each paragraph.
func splitParagraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func wholeMark(s, open, closeMark string) (int, bool) {
	if !strings.HasPrefix(s, open) || !strings.HasSuffix(s, closeMark) {
		return 0, false
	}
	n, err := strconv.Atoi(s[len(open) : len(s)-len(closeMark)])
	return n, err == nil
}

// lineStart moves off back to the start of its line when only spaces and
// tabs precede it there ("  1. Entry" starts at the line).
func lineStart(text string, off int) int {
	i := off
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	if i == 0 || text[i-1] == '\n' {
		return i
	}
	return off
}

// lowerASCII lower-cases the ASCII letters of s and nothing else, so that
// offsets into the result are offsets into s (strings.ToLower changes the
// length of İ, of the Kelvin sign and of invalid UTF-8).
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
