package search

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/translit"
)

// TestRomanInFollowsTheSchemes: every romanisation that package translit
// gives of a Cyrillic text, and every prefix of it that ends a word or
// stops inside one, finds the text, for each scheme and both languages.
func TestRomanInFollowsTheSchemes(t *testing.T) {
	texts := []string{
		"Первый Президент Республики Казахстан Нурсултан Назарбаев",
		"Назарбаев дает «ядерный урок» Ахмадинежаду",
		"Жигалов", "Щёлково", "объединение", "Подъезд и съезд", "Ельцин", "Юрьев-Польский",
		"Қазақстан Республикасының сыртқы саясаты", "Өнер", "Әл-Фараби", "Ұлттық кітапхана", "Үкімет", "Һ",
		"Цирк цыган", "Эхо", "Ёлка", "ЖУК", "Шымкент", "Іле",
	}
	for _, text := range texts {
		f := foldAppend(nil, text)
		for _, sc := range schemes {
			for _, lang := range []string{"ru", "kk", ""} {
				rom := strings.TrimSuffix(fold(translit.Romanize(text, sc, lang)), " ")
				for end := 2; end <= len(rom); end++ {
					if end < len(rom) && rom[end-1]&0xC0 == 0x80 {
						continue // inside a UTF-8 sequence
					}
					p := rom[:end]
					if strings.TrimSpace(p) == "" {
						continue
					}
					if !romanIn(f, p) {
						t.Errorf("romanIn(%q, %q) = false; the %s (%s) romanisation %q starts with it", text, p, sc, lang, rom)
						break
					}
				}
			}
		}
	}
}

func TestRomanInRejects(t *testing.T) {
	tests := []struct{ text, needle string }{
		{"Жигалов", " sigalov"},
		{"Жигалов", " igalov"}, // not at a word start
		{"Назарбаев", " nazarbaeva"},
		{"Өнер", " onor"},
		{"Казахстан", " kazakstan x"},
	}
	for _, tt := range tests {
		if romanIn(foldAppend(nil, tt.text), tt.needle) {
			t.Errorf("romanIn(%q, %q) = true; want false", tt.text, tt.needle)
		}
	}
}
