package verify

import "testing"

func TestSuggest(t *testing.T) {
	tests := []struct{ in, kind, phrase string }{
		{"It is widely acknowledged that the steppe shaped the nation.", "attribution", "acknowledged"},
		{"Kazakhstan's leaders openly articulated their awareness of it.", "attribution", "articulated"},
		{"According to the minister, the talks failed badly.", "attribution", "According to"},
		{"Studies show that the effect is large here.", "consensus", "Studies show"},
		{"It became the most developed state in the region.", "superlative", "the most developed"},
		{"It was one of the most important steps taken.", "superlative", "one of the most important"},
		{"Hundreds of treaties were signed in those years.", "number", "Hundreds"},
		{"Trade grew sharply in the 1990s across the region.", "number", "1990s"},
		{"The landlocked factor appeared in the national security documents.", "document", "appeared in the national security documents"},
		{"По мнению автора, реформа была успешной вполне.", "attribution", "По мнению"},
		{"Как известно, степь велика и пустынна.", "consensus", "Как известно"},
		{"Это самый большой регион страны.", "superlative", "самый"},
		{"Более двухсот городов подписали договор.", "number", "Более двухсот"},
		// not claims
		{"It should be noted that this frames the text only.", "", ""},
		{"The component contributes the most to the density.", "", ""},
		{"The inputs have the highest probability in the model.", "", ""},
		{"We use GMR to represent demonstrated motions.", "", ""},
		{"First, we describe the method in detail.", "", ""},
		{"The objectives are stated in the following list.", "", ""},
		{"Следует отметить общую структуру самой работы здесь.", "", ""},
		{"Впервые …", "", ""},
	}
	for _, tt := range tests {
		kind, phrase := suggest(tt.in)
		if kind != tt.kind || phrase != tt.phrase {
			t.Errorf("suggest(%q) = %q, %q; want %q, %q", tt.in, kind, phrase, tt.kind, tt.phrase)
		}
	}
}

// TestMaskParts checks that designations and numbered parts are blanked,
// so that their numbers are not figures.
func TestMaskParts(t *testing.T) {
	tests := []struct {
		in, want string
		named    bool
	}{
		{"Согласно ГОСТ 2.105, пункт 4.3.1, он перед рисунком.", "Согласно               ,                 , он перед рисунком.", true},
		{"See section 2 and Fig. 3 and Table 4.", "See           and        and        .", false},
		{"a grant (BMWi, FKZ 50 RA 1701) and grant 870142", "a grant (BMWi,               ) and             ", false},
		{"знак номера: № 5, § 8;", "знак номера:      ,     ;", false},
		{"In 1991 it had 460 tests.", "In 1991 it had 460 tests.", false},
	}
	for _, tt := range tests {
		b := []byte(tt.in)
		named := maskParts(b)
		if string(b) != tt.want || named != tt.named {
			t.Errorf("maskParts(%q) = %q, %v; want %q, %v", tt.in, b, named, tt.want, tt.named)
		}
	}
}
