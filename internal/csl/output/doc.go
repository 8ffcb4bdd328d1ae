// Package output holds the format-neutral rich-text tree produced by the
// CSL evaluator and the renderers that turn it into plain text, HTML,
// Markdown or RTF. It depends on the standard library only.
package output
