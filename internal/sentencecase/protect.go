package sentencecase

import "strings"

const (
	nocaseOpen  = `<span class="nocase">`
	nocaseClose = `</span>`
)

// Protect returns title with the words for which protected returns true
// wrapped in <span class="nocase">, the protection markup of CSL-JSON
// rich text that Convert honours. protected is called once for each word
// of the title in order (n counts from 0); a word is a run of letters and
// digits, so that "Crowd-Sourcing" is two words. Neighbouring protected
// words joined only by spaces or hyphens share one span, as they would
// share braces ("{Optical Tracking}"). Callers use it to carry protection
// recorded outside the title, such as the braces of its original LaTeX,
// into the title itself.
func Protect(title string, protected func(n int, word string) bool) string {
	t := parse(title)
	mark := make([]bool, len(t.runes))
	n, last := 0, -1
	for _, tok := range t.tokens() {
		for _, p := range tok.parts {
			if !protected(n, t.word(p)) {
				n++
				last = -1
				continue
			}
			n++
			from := p.start
			if last > 0 && mark[last-1] && strings.Trim(string(t.runes[last:p.start]), " -") == "" {
				from = last
			}
			for k := from; k < p.end; k++ {
				mark[k] = !t.prot[k]
			}
			last = p.end
		}
	}
	var b strings.Builder
	open := false
	tags := t.tags
	for i, r := range t.runes {
		if len(tags) > 0 && tags[0].at == i {
			if open {
				b.WriteString(nocaseClose)
				open = false
			}
			for len(tags) > 0 && tags[0].at == i {
				b.WriteString(tags[0].tag)
				tags = tags[1:]
			}
		}
		if mark[i] != open {
			if open {
				b.WriteString(nocaseClose)
			} else {
				b.WriteString(nocaseOpen)
			}
			open = mark[i]
		}
		b.WriteRune(r)
	}
	if open {
		b.WriteString(nocaseClose)
	}
	for _, tag := range tags {
		b.WriteString(tag.tag)
	}
	t.release()
	return b.String()
}
