package charset

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/lazyregexp"
	"golang.org/x/text/encoding/charmap"
)

// Encoding is a character encoding cite can read. The zero value is UTF-8.
type Encoding struct {
	// Name is the encoding's preferred name: "UTF-8", "windows-1251",
	// "KOI8-R", …
	Name  string
	cm    *charmap.Charmap
	utf16 int // 0: not UTF-16; 1: little endian; 2: big endian
}

// UTF8 is the encoding every library file is written in.
var UTF8 = Encoding{Name: "UTF-8"}

// IsUTF8 reports whether e is UTF-8.
func (e Encoding) IsUTF8() bool { return e.cm == nil && e.utf16 == 0 }

// String returns e.Name, or "UTF-8" for the zero value.
func (e Encoding) String() string {
	if e.Name == "" {
		return "UTF-8"
	}
	return e.Name
}

// encodings lists what Lookup finds, each with the names people write for
// it; the first name is the one Encoding.Name holds.
var encodings = []struct {
	names []string
	cm    *charmap.Charmap
	utf16 int
}{
	{[]string{"UTF-8", "utf8"}, nil, 0},
	{[]string{"UTF-16LE", "utf16le", "utf-16", "utf16", "unicode"}, nil, 1},
	{[]string{"UTF-16BE", "utf16be"}, nil, 2},
	{[]string{"windows-1251", "cp1251", "win1251", "1251", "win-1251", "ansi-1251"}, charmap.Windows1251, 0},
	{[]string{"KOI8-R", "koi8r", "koi8"}, charmap.KOI8R, 0},
	{[]string{"KOI8-U", "koi8u"}, charmap.KOI8U, 0},
	{[]string{"IBM866", "cp866", "866", "dos-866", "ibm-866", "alt"}, charmap.CodePage866, 0},
	{[]string{"ISO-8859-5", "iso88595", "latin-cyrillic"}, charmap.ISO8859_5, 0},
	{[]string{"x-mac-cyrillic", "mac-cyrillic", "maccyrillic", "macintosh-cyrillic"}, charmap.MacintoshCyrillic, 0},
	{[]string{"ISO-8859-1", "latin1", "latin-1", "iso88591", "l1"}, charmap.ISO8859_1, 0},
	{[]string{"windows-1252", "cp1252", "win1252", "1252", "ansi"}, charmap.Windows1252, 0},
	{[]string{"ISO-8859-15", "latin9", "latin-9", "iso885915"}, charmap.ISO8859_15, 0},
	{[]string{"ISO-8859-2", "latin2", "latin-2", "iso88592"}, charmap.ISO8859_2, 0},
	{[]string{"windows-1250", "cp1250", "win1250", "1250"}, charmap.Windows1250, 0},
	{[]string{"macintosh", "mac-roman", "macroman"}, charmap.Macintosh, 0},
}

// Names lists the preferred name of every encoding Lookup knows, for help
// texts and error messages.
func Names() []string {
	out := make([]string, len(encodings))
	for i, e := range encodings {
		out[i] = e.names[0]
	}
	return out
}

func fold(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer("-", "", "_", "", " ", "").Replace(s)
}

// Lookup returns the encoding a name stands for: "utf-8", "cp1251",
// "windows-1251", "koi8-r", "cp866", "latin1", … (case, hyphens and
// underscores do not matter), and whether there is one.
func Lookup(name string) (Encoding, bool) {
	f := fold(name)
	for _, e := range encodings {
		for _, n := range e.names {
			if fold(n) == f {
				return Encoding{Name: e.names[0], cm: e.cm, utf16: e.utf16}, true
			}
		}
	}
	return Encoding{}, false
}

// Detection is what Detect found: the encoding, and how it was chosen,
// for the summary of an import ("valid UTF-8", "declared on line 2", …).
type Detection struct {
	Encoding Encoding
	How      string
}

var declaration = lazyregexp.New(`(?im)^[ \t]*%+[ \t]*(?:!TeX[ \t]+)?encoding[ \t]*[:=][ \t]*([A-Za-z0-9_.-]+)`)

// Detect names the encoding of data: a byte-order mark; else valid UTF-8;
// else a declaration in the first lines ("% Encoding: windows-1251", as
// JabRef writes it, or "% !TeX encoding = cp1251"); else, when the bytes
// above 0x7F read as Russian or Kazakh text in Windows-1251, KOI8-R or
// CP866, that encoding. Otherwise it is UTF-8 with invalid bytes, which
// Scan reports, and How says so.
func Detect(data []byte) Detection {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return Detection{UTF8, "UTF-8 byte-order mark"}
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		e, _ := Lookup("utf-16le")
		return Detection{e, "UTF-16 byte-order mark"}
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		e, _ := Lookup("utf-16be")
		return Detection{e, "UTF-16 byte-order mark"}
	}
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	declared, declName := Encoding{}, ""
	if m := declaration().FindSubmatch(head); m != nil {
		if e, ok := Lookup(string(m[1])); ok {
			declared, declName = e, string(m[1])
		}
	}
	if utf8.Valid(data) {
		if declName != "" && !declared.IsUTF8() && hasMultibyte(data) {
			return Detection{UTF8, fmt.Sprintf("valid UTF-8, although the file declares %q", declName)}
		}
		if declName != "" && !declared.IsUTF8() {
			// Pure ASCII: every ASCII-compatible encoding reads it alike.
			return Detection{declared, fmt.Sprintf("declared in the file (%q)", declName)}
		}
		return Detection{UTF8, "valid UTF-8"}
	}
	if declName != "" {
		return Detection{declared, fmt.Sprintf("declared in the file (%q)", declName)}
	}
	valid, invalid := countUTF8(data)
	if valid <= invalid {
		if e, ok := guessCyrillic(data); ok {
			return Detection{e, "Cyrillic text in " + e.Name + ", detected from its letters"}
		}
	}
	return Detection{UTF8, "some bytes are not valid UTF-8"}
}

func hasMultibyte(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return true
		}
	}
	return false
}

// countUTF8 counts valid multi-byte sequences and invalid bytes.
func countUTF8(data []byte) (valid, invalid int) {
	for i := 0; i < len(data); {
		if data[i] < 0x80 {
			i++
			continue
		}
		r, w := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && w <= 1 {
			invalid++
		} else {
			valid++
		}
		i += w
	}
	return valid, invalid
}

// russianFrequency is how often each lower-case letter occurs in Russian
// text, in hundredths of a percent; guessCyrillic scores a candidate
// encoding by the letters its reading of the file gives.
var russianFrequency = map[rune]int{
	'о': 1097, 'е': 845, 'а': 801, 'и': 735, 'н': 670, 'т': 626, 'с': 547, 'р': 473,
	'в': 454, 'л': 440, 'к': 349, 'м': 321, 'д': 298, 'п': 281, 'у': 262, 'я': 201,
	'ы': 190, 'ь': 174, 'г': 170, 'з': 165, 'б': 159, 'ч': 144, 'й': 121, 'х': 97,
	'ж': 94, 'ш': 73, 'ю': 64, 'ц': 48, 'щ': 36, 'э': 32, 'ф': 26, 'ъ': 4, 'ё': 4,
	'і': 40, 'ү': 20, 'ұ': 20, 'қ': 30, 'ғ': 20, 'ң': 20, 'ә': 30, 'ө': 20, 'һ': 2,
}

// cyrillicCandidates are the legacy encodings Detect considers.
var cyrillicCandidates = []string{"windows-1251", "KOI8-R", "IBM866"}

// guessCyrillic decodes the bytes above 0x7F with each candidate and
// scores the result: lower-case letters by their frequency in Russian,
// capitals at a tenth of that, anything else as a penalty. The best
// candidate wins when nearly all of its characters are letters. Cyrillic
// text is told from accented Latin text (café, Müller, whose letters read
// as Cyrillic letters too) by its runs: in Cyrillic words most bytes above
// 0x7F stand next to another one, in Latin words they stand alone.
func guessCyrillic(data []byte) (Encoding, bool) {
	high, inRun := 0, 0
	for i, b := range data {
		if b < 0x80 {
			continue
		}
		high++
		if (i > 0 && data[i-1] >= 0x80) || (i+1 < len(data) && data[i+1] >= 0x80) {
			inRun++
		}
	}
	if high < 4 || inRun*10 < high*6 {
		return Encoding{}, false
	}
	best, bestScore := Encoding{}, 0
	for _, name := range cyrillicCandidates {
		e, _ := Lookup(name)
		score, letters, high := 0, 0, 0
		for _, b := range data {
			if b < 0x80 {
				continue
			}
			high++
			r := e.cm.DecodeByte(b)
			lower := toLowerCyrillic(r)
			switch f, ok := russianFrequency[lower]; {
			case !ok:
				score -= 300
			case lower == r:
				score += f
				letters++
			default:
				score += f / 10
				letters++
			}
		}
		if high == 0 || letters*10 < high*9 {
			continue
		}
		if score > bestScore {
			best, bestScore = e, score
		}
	}
	return best, bestScore > 0
}

func toLowerCyrillic(r rune) rune {
	switch {
	case r >= 'А' && r <= 'Я':
		return r + ('а' - 'А')
	case r == 'Ё':
		return 'ё'
	case r >= 0x400 && r <= 0x4FF && r%2 == 0 && r >= 0x460:
		return r + 1 // the paired letters of the extended block (Қ→қ, …)
	case r == 'І':
		return 'і'
	}
	return r
}

// Decode converts data from encoding e to UTF-8 and drops a byte-order
// mark. A byte that e does not define (0x98 in Windows-1251, say) and a
// lone UTF-16 surrogate are copied through as bytes that are not valid
// UTF-8, never turned into U+FFFD, so that Scan reports them at their line
// and column. Line and column numbers are the same in data and in the
// result.
func Decode(data []byte, e Encoding) []byte {
	switch {
	case e.IsUTF8():
		return bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	case e.utf16 != 0:
		return decodeUTF16(data, e.utf16 == 2)
	}
	out := make([]byte, 0, len(data)+len(data)/2)
	for _, b := range data {
		if b < 0x80 {
			out = append(out, b)
			continue
		}
		r := e.cm.DecodeByte(b)
		if r == utf8.RuneError {
			out = append(out, b)
			continue
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

func decodeUTF16(data []byte, bigEndian bool) []byte {
	if len(data) >= 2 && ((bigEndian && data[0] == 0xFE && data[1] == 0xFF) || (!bigEndian && data[0] == 0xFF && data[1] == 0xFE)) {
		data = data[2:]
	}
	units := make([]uint16, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		if bigEndian {
			units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			units = append(units, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	out := make([]byte, 0, len(units))
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case utf16.IsSurrogate(rune(u)) && i+1 < len(units) && u < 0xDC00 && units[i+1] >= 0xDC00 && units[i+1] <= 0xDFFF:
			out = utf8.AppendRune(out, utf16.DecodeRune(rune(u), rune(units[i+1])))
			i++
		case utf16.IsSurrogate(rune(u)):
			out = append(out, 0xFF) // invalid in UTF-8: Scan reports it
		default:
			out = utf8.AppendRune(out, rune(u))
		}
	}
	if len(data)%2 == 1 {
		out = append(out, 0xFF)
	}
	return out
}

// ToUTF8 detects the encoding of data (see Detect) and decodes it (see
// Decode).
func ToUTF8(data []byte) ([]byte, Detection) {
	det := Detect(data)
	return Decode(data, det.Encoding), det
}
