package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/testkit"
)

// TestImportGOST imports the Russian thesis template's external.bib (its
// biblatex-gost entries use media, type = {phdautoref} with science and
// specialitycode, and a URL in note) and renders those entries in cite's
// GOST style. Each expected line was written by hand from GOST R
// 7.0.100-2018 (its examples of an автореферат and of an article in an
// electronic journal), keeping the data as the .bib gives it ("М.",
// "СПб.", abbreviated publishers).
func TestImportGOST(t *testing.T) {
	src := filepath.Join(testkit.ModuleRoot(t), "..", "shared", "corpus", "real", "russian-phd-template", "biblio", "external.bib")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("%s is absent; skipping", src)
	}
	lib := filepath.Join(t.TempDir(), "thesis.toml")
	if code, _, stderr := runCite(t, "", "import", src, "--into", lib); code != 0 {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	tests := []struct{ id, want string }{
		// Автореферат (7.0.100-2018, the example "… : специальность
		// 19.00.01 … : автореферат диссертации на соискание ученой степени
		// доктора психологических наук / …. – Москва, 2017. – 44 с. – Текст
		// : непосредственный."): the speciality and the kind of work as
		// other title information, the science written in full, the
		// extent, media = {text} as "Текст : непосредственный"; the author
		// after " / " as the title page names him, surname first and in full
		// (the form of the standard's dissertation example; see
		// internal/cite/testdata/types/gost.txt, belov2002).
		{"Sirotko2", "Сиротко, В. В. Медико-социальные аспекты городского травматизма в современных условиях : специальность 14.00.33 : автореферат диссертации на соискание ученой степени кандидата медицинских наук / Сиротко Владимир Викторович. – М., 2006. – 26 с. – Текст : непосредственный."},
		{"Lukina2", "Лукина, В. А. Творческая история «Записок охотника» И. С. Тургенева : специальность 10.01.01 : автореферат диссертации на соискание ученой степени кандидата филологических наук / Лукина Валентина Александровна. – СПб., 2006. – 26 с. – Текст : непосредственный."},
		// An article of an electronic journal (7.0.100-2018: "… / А. Грязев.
		// – Текст : электронный // Газета.ru. – 2018. – … – URL: …"): the
		// content type before " // ", the URL that the .bib had written into
		// note ("Режим доступа: http://…") as the URL note.
		{"Nasirova2", "Насырова, Г. А. Модели государственного регулирования страховой деятельности / Г. А. Насырова. – Текст : электронный // Вестник Финансовой академии. – 2003. – № 4. – URL: http://vestnik.fa.ru/4(28)2003/4.html."},
		// An electronic resource without a URL (a CD-ROM): media =
		// {eresource} makes it "Текст : электронный".
		{"Encyclopedia2", "Художественная энциклопедия зарубежного классического искусства. – М. : Большая Рос. энкцикл., 1996. – Текст : электронный."},
	}
	number := regexp.MustCompile(`^\d+\. `)
	for _, tt := range tests {
		code, stdout, stderr := runCite(t, "", "--library", lib, "format", "--style", "gost", tt.id)
		if code != 0 {
			t.Errorf("%s: format exit %d: %s", tt.id, code, stderr)
			continue
		}
		if got := number.ReplaceAllString(strings.TrimSpace(stdout), ""); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.id, got, tt.want)
		}
	}
}

// TestLibrary1296Check imports Better BibTeX's 3,725-entry library and
// checks it: 23 entries are skipped (their publisher's braces do not
// balance), and cite check raises no bad-doi for a valid DOI form (short
// DOIs, info:doi/) and no duplicate for papers that share a proceedings
// ISBN but have different DOIs.
func TestLibrary1296Check(t *testing.T) {
	src := filepath.Join(testkit.ModuleRoot(t), "..", "shared", "corpus", "real", "zotero-better-bibtex", "library-1296.bib")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("%s is absent; skipping", src)
	}
	lib := filepath.Join(t.TempDir(), "library.toml")
	code, _, stderr := runCite(t, "", "import", src, "--into", lib)
	if code != 1 || !strings.Contains(stderr, "imported 3702 references, skipped 23,") {
		t.Fatalf("import: exit %d\n%s", code, stderr)
	}
	if n := strings.Count(stderr, "[syntax]"); n != 23 {
		t.Errorf("%d syntax errors named; want 23", n)
	}
	_, stdout, _ := runCite(t, "", "--library", lib, "check", "--format", "json")
	var findings []diagnosticJSON
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		switch {
		case f.Code == "bad-doi" && (strings.Contains(f.Message, `"10/`) || strings.Contains(f.Message, "info:doi")):
			t.Errorf("bad-doi for a valid DOI form: %s", f.Message)
		case f.Code == "duplicate" && strings.Contains(f.Message, "same ISBN") && !strings.Contains(f.Message, "DOI") && !strings.Contains(f.Message, "title"):
			t.Errorf("duplicate by ISBN alone: %s: %s", f.Ref, f.Message)
		}
	}
}
