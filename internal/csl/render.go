package csl

import (
	"fmt"
	"strings"

	"github.com/cite-project/cite/internal/csl/output"
)

// RenderBibliography renders a whole bibliography in format f, applying
// the style's bibliography options (CSL 1.0.2, "Whitespace"):
//
//   - text: one entry per line (entry-spacing adds blank lines);
//   - markdown: entries separated by blank lines;
//   - html: a csl-bib-body div of csl-entry divs, with hanging-indent,
//     line-spacing and entry-spacing as inline CSS;
//   - rtf: a complete RTF document, one paragraph per entry, with a
//     hanging indent when the style asks for one.
func RenderBibliography(res Result, f output.Format) string {
	var b strings.Builder
	bf := res.Format
	switch f {
	case output.HTML:
		var style []string
		if bf.HangingIndent {
			style = append(style, "padding-left: 2em", "text-indent: -2em")
		}
		if bf.LineSpacing > 1 {
			style = append(style, fmt.Sprintf("line-height: %d", bf.LineSpacing))
		}
		b.WriteString(`<div class="csl-bib-body"`)
		if len(style) > 0 {
			fmt.Fprintf(&b, ` style="%s;"`, strings.Join(style, "; "))
		}
		b.WriteString(">\n")
		for _, e := range res.Entries {
			b.WriteString(`  <div class="csl-entry"`)
			if bf.EntrySpacing > 1 {
				fmt.Fprintf(&b, ` style="margin-bottom: %dem;"`, bf.EntrySpacing-1)
			}
			fmt.Fprintf(&b, ">%s</div>\n", output.Render(e, output.HTML))
		}
		b.WriteString("</div>\n")
	case output.RTF:
		b.WriteString("{\\rtf1\\ansi\\deff0\n")
		indent := ""
		if bf.HangingIndent {
			indent = "\\li720\\fi-720"
		}
		spacing := ""
		if bf.LineSpacing > 1 {
			spacing = fmt.Sprintf("\\sl%d\\slmult1", 240*bf.LineSpacing)
		}
		for _, e := range res.Entries {
			fmt.Fprintf(&b, "{\\pard%s%s %s\\par}\n", indent, spacing, output.Render(e, output.RTF))
		}
		b.WriteString("}\n")
	default:
		sep := "\n"
		if f == output.Markdown || bf.EntrySpacing > 1 {
			sep = "\n\n"
		}
		for i, e := range res.Entries {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(strings.ReplaceAll(output.Render(e, f), "\n", " "))
		}
		if len(res.Entries) > 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}
