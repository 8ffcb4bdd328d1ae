package manuscript

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is the markup a manuscript is written in.
type Format int

// The formats Parse reads.
const (
	Text     Format = iota // plain text: paragraphs separated by blank lines
	Markdown               // CommonMark and pandoc Markdown, with YAML front matter
	LaTeX                  // LaTeX, a whole document or a chapter file
	HTML                   // HTML, a page or a fragment
)

// String returns the format's name as --from takes it.
func (f Format) String() string {
	switch f {
	case Markdown:
		return "markdown"
	case LaTeX:
		return "latex"
	case HTML:
		return "html"
	}
	return "text"
}

// Formats lists the names ParseFormat accepts, one per format.
func Formats() []string { return []string{"text", "markdown", "latex", "html"} }

// ParseFormat returns the format a --from value names: "text" (or
// "plain", "txt"), "markdown" ("md", "pandoc", "commonmark", "gfm"),
// "latex" ("tex") or "html" ("htm").
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "text", "plain", "txt":
		return Text, nil
	case "markdown", "md", "pandoc", "commonmark", "gfm":
		return Markdown, nil
	case "latex", "tex":
		return LaTeX, nil
	case "html", "htm", "xhtml":
		return HTML, nil
	}
	return Text, fmt.Errorf("unknown manuscript format %q: use one of %s", s, strings.Join(Formats(), ", "))
}

// Detect returns the format a file name's extension implies: .md,
// .markdown, .rmd, .qmd and .pandoc are Markdown; .tex, .ltx and .latex
// are LaTeX; .html, .htm and .xhtml are HTML; anything else is Text.
func Detect(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".rmd", ".qmd", ".pandoc":
		return Markdown
	case ".tex", ".ltx", ".latex":
		return LaTeX
	case ".html", ".htm", ".xhtml":
		return HTML
	}
	return Text
}
