package sentencecase

import (
	"strings"
	"testing"
)

// TestInstitutionOf: the length filter before the lookup of
// institutionWords answers as the lookup does, for its words, their
// neighbours in length and case, non-ASCII words of the same length and
// the words of the tricky titles.
func TestInstitutionOf(t *testing.T) {
	words := []string{"A", "IEE", "IEEEE", "Journals", "Journa", "JOURNAL", "Jоurnal", "Symposiumс", "Ärzte", "Zebra",
		"W3C", "W3", "Wörkshop", strings.Repeat("S", 63), strings.Repeat("S", 64), strings.Repeat("S", 200)}
	for w := range institutionWords {
		words = append(words, w, w+"s", w[:len(w)-1])
	}
	for _, title := range trickyTitles {
		words = append(words, strings.Fields(title)...)
	}
	for _, w := range words {
		rs := []rune(w)
		if len(rs) == 0 || rs[0] < 'A' || rs[0] > 'Z' {
			continue
		}
		if got, want := institutionOf(rs), institutionWords[w]; got != want {
			t.Errorf("institutionOf(%q) = %v; the lookup gives %v", w, got, want)
		}
	}
}

// TestStopWordFilter: the length filter before the lookup of stopWords
// answers as the lookup of the word in lower case does, for the stop
// words in every case, their neighbours in length, capitals whose lower
// case is ASCII (the Kelvin sign, İ), non-ASCII words and the words of the
// tricky titles.
func TestStopWordFilter(t *testing.T) {
	words := []string{"", "a", "A", "\u212a", "\u212aelvin", "İn", "İ", "ın", "Ön", "ö", "é.g", "e.g", "E.G", "i.e", "über",
		strings.Repeat("a", 63), strings.Repeat("a", 64), strings.Repeat("o", 100), "throughoutt", "Underneath", "UNDERNEATH"}
	for w := range stopWords {
		words = append(words, w, strings.ToUpper(w), w+"s", w[:len(w)-1], "\u212a"+w)
	}
	for _, title := range trickyTitles {
		words = append(words, strings.Fields(title)...)
	}
	for _, w := range words {
		if got, want := isStopWordRunes([]rune(w)), stopWords[strings.ToLower(w)]; got != want {
			t.Errorf("isStopWordRunes(%q) = %v; the lookup gives %v", w, got, want)
		}
	}
}
