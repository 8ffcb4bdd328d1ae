package check

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

func TestFixInitials(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"К.В.", "К. В.", true},
		{"Б.К.", "Б. К.", true},
		{"К. В.", "К. В.", false},
		{"К.", "К.", false},
		{"K", "K.", true},
		{"K V", "K. V.", true},
		{"KV", "K. V.", true},
		{"КВ", "К. В.", true},
		{"К.В", "К. В.", true},
		{"Zh.V.", "Zh. V.", true},
		{"Yu. A.", "Yu. A.", false},
		{"J.-P.", "J.-P.", false},
		{"Nursultan", "Nursultan", false},
		{"Nursultan A.", "Nursultan A.", false},
		{"Li", "Li", false},
		{"Ә.Б.", "Ә. Б.", true},
		{"ИВАН", "ИВАН", false},
	}
	for _, tt := range tests {
		got, ok := fixInitials(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("fixInitials(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLooksInstitutional(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Министерство иностранных дел Республики Казахстан", true},
		{"Ministry of Foreign Affairs", true},
		{"Әл-Фараби атындағы ҚазҰУ университеті", true},
		{"Сыртқы істер министрлігі", true},
		{"World Bank", true},
		{"Institute of World Economy", true},
		{"Назарбаев", false},
		{"Советов", false},
		{"Smith", false},
		{"Banks", false},
	}
	for _, tt := range tests {
		if got := looksInstitutional(tt.in); got != tt.want {
			t.Errorf("looksInstitutional(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestNameRules(t *testing.T) {
	runCases(t, []ruleCase{
		{name: "initials run together", e: with(book, "author", "Жигалов|К.В."), code: CodeInitialsForm, field: "author",
			msg: `author "Жигалов, К.В." has the initials "К.В."; APA 7 and GOST R 7.0.100-2018 write initials with a period and a space: write given = "К. В."`},
		{name: "initials as capitals, gost", e: with(book, "author", "Smith|KV"), style: "gost", code: CodeInitialsForm, field: "author",
			msg: `GOST R 7.0.100-2018 writes initials with a period and a space: write given = "K. V."`},
		{name: "good initials", e: book, code: CodeInitialsForm, absent: true},
		{name: "full given name", e: with(book, "author", "Назарбаев|Нурсултан Абишевич"), code: CodeInitialsForm, absent: true},
		{name: "no given name", e: with(book, "author", "Konyrova|"), code: CodeMissingGiven, field: "author",
			msg: `author "Konyrova" has no given name or initials; APA 7 and GOST R 7.0.100-2018 print the initials after the family name: add given = "..."`},
		{name: "literal needs no given name", e: webpage, code: CodeMissingGiven, absent: true},
		{name: "given without family", e: with(book, "author", "|К. В."), code: CodeEmptyFamily, field: "author", msg: `has the given name "К. В." but no family name`},
		{name: "empty name", e: with(book, "author", "|"), code: CodeEmptyName, field: "author", msg: "author 1 is empty"},
		{name: "ministry as a person", e: with(webpage, "author", "Министерство иностранных дел|Республики Казахстан"), code: CodeInstitutionAsPerson, field: "author",
			msg: `write it as { literal = "Министерство иностранных дел Республики Казахстан" }`},
		{name: "ministry as a person is not also missing a given name", e: with(webpage, "author", "Ministry of Foreign Affairs|"), code: CodeMissingGiven, absent: true},
		{name: "university as a person", e: with(report, "author", "Nazarbayev University|"), code: CodeInstitutionAsPerson, field: "author"},
		{name: "trailing comma", e: with(newspaper, "author", "Konyrova ,|A."), code: CodeNameSpacing, field: "author",
			msg: `family "Konyrova ," has a trailing comma: write family = "Konyrova"`},
		{name: "trailing space", e: with(newspaper, "author", "Konyrova |A."), code: CodeNameSpacing, field: "author", msg: `has a trailing space: write family = "Konyrova"`},
		{name: "doubled space in a literal", e: with(webpage, "author", "=Ministry of  Foreign Affairs"), code: CodeNameSpacing, field: "author", msg: "has doubled spaces"},
		{name: "mixed script in a family name", e: with(book, "author", "Жигалoв|К. В."), code: CodeMixedScript, field: "author",
			msg: `family has the word "Жигалoв", which mixes Cyrillic and Latin letters (Latin "o"): retype them in Cyrillic`},
	})
}

func TestNameAlternatives(t *testing.T) {
	e := clone(book)
	e.SetNames("author", append([]bib.Name(nil), e.Names("author")...))
	nm := e.Names("author")[0]
	nm.Alt = map[string]string{"family-translit": "Ivanov "}
	e.Names("author")[0] = nm
	runCases(t, []ruleCase{
		{name: "stray space in a romanised form", e: e, code: CodeNameSpacing, field: "author", msg: `family-translit "Ivanov " has a trailing space`},
	})
}

// TestLooksInstitutionalStems compares looksInstitutional, which looks up
// the stems by their first two bytes, with a plain search of every stem,
// on words that start like the stems, Cyrillic and Kazakh letters, upper
// case, and letters whose lower case is shorter than they are.
func TestLooksInstitutionalStems(t *testing.T) {
	plain := func(s string) bool {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !isLetter(r) }) {
			if len(w) < 3 {
				continue
			}
			lw := strings.ToLower(w)
			if institutionWords[lw] {
				return true
			}
			for _, stem := range institutionStems {
				if strings.HasPrefix(lw, stem) {
					return true
				}
			}
		}
		return false
	}
	inputs := []string{"", "Ив", "Иванов", "Министерство иностранных дел", "МИНИСТЕРСТВО", "Министр", "Universität Wien",
		"University", "Universe", "Institute", "Instinct", "Әкімдігі", "әкім", "Agency", "Agenda", "K\u212a\u212a", "\u212a", "İnstitut",
		"Комитет", "Комитетов", "Ком", "Bureau", "Bur", "office", "OFFICE", "Officer", "фонд", "Фонды", "Banks", "Bank", "ministry-of-x",
		"Ассоциация", "ассоц", "Академия наук", "Academy", "academic", "Council", "Counsel", "Nations", "Жигалов", "Zhigalov"}
	for _, stem := range institutionStems {
		inputs = append(inputs, stem, strings.ToUpper(stem), stem[:len(stem)-1], "x"+stem)
	}
	for _, in := range inputs {
		if got, want := looksInstitutional(in), plain(in); got != want {
			t.Errorf("looksInstitutional(%q) = %v; want %v", in, got, want)
		}
	}
}
