package add

import (
	"strings"
	"testing"

	"github.com/cite-project/cite/internal/bib"
)

func TestID(t *testing.T) {
	zh := bib.NewEntry("", "book")
	zh.Set("title", "Первый Президент Республики Казахстан Нурсултан Назарбаев")
	zh.Set("language", "ru")
	zh.AddName("author", bib.Name{Family: "Жигалов", Given: "К. В."})
	zh.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 1993}})
	kk := bib.NewEntry("", "webpage")
	kk.Set("title", "Қазақстан Республикасының сыртқы саясаты")
	kk.Set("language", "kk")
	kk.AddName("author", bib.Name{Literal: "Министерство иностранных дел"})
	en := bib.NewEntry("", "article-journal")
	en.Set("title", "The Structure of Ordinary Water")
	en.AddName("author", bib.Name{Family: "Frank", Given: "Henry S.", NonDroppingParticle: ""})
	en.SetDate("issued", bib.Date{Start: bib.DatePart{Year: 1970}})
	anon := bib.NewEntry("", "report")
	accent := bib.NewEntry("", "book")
	accent.Set("title", "À la recherche")
	accent.AddName("author", bib.Name{Family: "Özgür"})
	none := func(string) bool { return false }
	tests := []struct {
		e     *bib.Entry
		taken func(string) bool
		want  string
	}{
		{zh, none, "zhigalov1993pervyy"},
		{zh, func(s string) bool { return s == "zhigalov1993pervyy" || s == "zhigalov1993pervyy-2" }, "zhigalov1993pervyy-3"},
		{kk, none, "ministerstvoqazaqstan"},
		{en, none, "frank1970structure"},
		{anon, none, "report"},
		{accent, none, "ozgurrecherche"},
	}
	for _, tt := range tests {
		if got := ID(tt.e, tt.taken); got != tt.want {
			t.Errorf("ID(%s) = %q; want %q", tt.e.Get("title"), got, tt.want)
		}
	}
}

func TestTemplateReadsAsMissingFields(t *testing.T) {
	got, err := Template("book1", "book")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{`id = "book1"`, `type = "book"`, `title = ""`, `publisher = ""`, `publisher-place = ""`, `issued = ""`, "[[reference.author]]"} {
		if !strings.Contains(got, line) {
			t.Errorf("template lacks %s:\n%s", line, got)
		}
	}
	if _, err := Template("x", "journal"); err == nil {
		t.Error("Template of an unknown type succeeded")
	}
}

func TestExisting(t *testing.T) {
	lib := &bib.Library{}
	old := bib.NewEntry("kept", "book")
	old.Set("ISBN", "0-306-40615-2")
	old.Set("DOI", "https://doi.org/10.1234/ABC")
	lib.Entries = append(lib.Entries, old)
	for _, f := range [][2]string{{"ISBN", "978-0-306-40615-7"}, {"DOI", "10.1234/abc"}} {
		e := bib.NewEntry("", "book")
		e.Set(f[0], f[1])
		if o, _, ok := Existing(lib, e); !ok || o != old {
			t.Errorf("Existing with %s %s = %v; want kept", f[0], f[1], o)
		}
	}
	if _, _, ok := Existing(lib, bib.NewEntry("", "book")); ok {
		t.Error("Existing found a record without identifiers")
	}
}
