// Package styles embeds the CSL locale files (and, later, the CSL styles)
// that cite ships, written by the project.
package styles

import (
	"embed"
	"sort"
	"strings"
)

//go:embed locales/*.xml
var localeFS embed.FS

// Locale returns the XML of the embedded locale file for tag ("en-US",
// "ru-RU", "kk-KZ"); a bare language ("ru") finds its dialect.
func Locale(tag string) ([]byte, bool) {
	if data, err := localeFS.ReadFile("locales/locales-" + tag + ".xml"); err == nil {
		return data, true
	}
	base, _, _ := strings.Cut(tag, "-")
	for _, t := range LocaleTags() {
		if strings.EqualFold(t, tag) || (base == tag && strings.HasPrefix(strings.ToLower(t), strings.ToLower(base)+"-")) {
			data, err := localeFS.ReadFile("locales/locales-" + t + ".xml")
			return data, err == nil
		}
	}
	return nil, false
}

// LocaleTags returns the tags of the embedded locales, sorted.
func LocaleTags() []string {
	entries, err := localeFS.ReadDir("locales")
	if err != nil {
		return nil
	}
	var tags []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, "locales-") && strings.HasSuffix(name, ".xml") {
			tags = append(tags, strings.TrimSuffix(strings.TrimPrefix(name, "locales-"), ".xml"))
		}
	}
	sort.Strings(tags)
	return tags
}
