package charset

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

const russian = "@book{zhigalov1993,\n  author = {Жигалов, К. В.},\n  title = {Первый Президент Республики Казахстан},\n  address = {Алматы},\n}\n"

func encodeWith(t *testing.T, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	out, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %v: %v", cm, err)
	}
	return out
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"utf-8", []byte(russian), "UTF-8"},
		{"ascii", []byte("@book{a, title = {Plain}}\n"), "UTF-8"},
		{"utf-8 bom", append([]byte("\xEF\xBB\xBF"), russian...), "UTF-8"},
		{"windows-1251", encodeWith(t, charmap.Windows1251, russian), "windows-1251"},
		{"koi8-r", encodeWith(t, charmap.KOI8R, russian), "KOI8-R"},
		{"cp866", encodeWith(t, charmap.CodePage866, russian), "IBM866"},
		// Accented Latin letters read as Cyrillic letters in Windows-1251,
		// but they stand alone in words: not Cyrillic text.
		{"latin-1 is not guessed", encodeWith(t, charmap.ISO8859_1, "@book{a, author = {Müller, Jürgen and Gödel, Kurt}, title = {Café à la française}}\n"), "UTF-8"},
		{"one stray byte", []byte("@misc{a, title = {Caf\xe9}}\n"), "UTF-8"},
		{"declared", append([]byte("% This file was created with JabRef 2.10.\n% Encoding: Cp1251\n\n"), encodeWith(t, charmap.Windows1251, "@misc{a, title = {Ёж}}")...), "windows-1251"},
		{"declared but valid UTF-8", []byte("% Encoding: windows-1251\n@misc{a, title = {Ёж}}\n"), "UTF-8"},
		{"utf-16le bom", []byte("\xFF\xFEa\x00"), "UTF-16LE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.data); got.Encoding.String() != tt.want {
				t.Errorf("Detect(%q) = %v (%s); want %s", tt.data, got.Encoding, got.How, tt.want)
			}
		})
	}
}

// TestDecodeSameText: the legacy copies decode to the UTF-8 original, byte
// for byte.
func TestDecodeSameText(t *testing.T) {
	for _, cm := range []*charmap.Charmap{charmap.Windows1251, charmap.KOI8R, charmap.CodePage866} {
		data := encodeWith(t, cm, russian)
		got := Decode(data, Detect(data).Encoding)
		if string(got) != russian {
			t.Errorf("%v: Decode = %q; want %q", cm, got, russian)
		}
	}
}

// TestUndefinedByte: a byte the encoding does not define is never U+FFFD;
// it stays as it was and Scan reports it at its line and column.
func TestUndefinedByte(t *testing.T) {
	enc, _ := Lookup("cp1251")
	data := []byte("@misc{a,\n  title = {\xc0\x98b},\n}\n") // А, then 0x98 (undefined), b
	text := Decode(data, enc)
	if strings.Contains(string(text), "\uFFFD") {
		t.Fatalf("Decode made U+FFFD: %q", text)
	}
	probs := Scan(text, enc)
	if len(probs) != 1 || probs[0].Line != 2 || probs[0].Col != 13 || !strings.Contains(probs[0].What, "0x98") || !strings.Contains(probs[0].What, "windows-1251") {
		t.Errorf("Scan = %+v; want the byte 0x98 at 2:13, named as not windows-1251", probs)
	}
}

func TestScanAndFix(t *testing.T) {
	data := []byte("a\tb\r\nc\x15d\n\x00é\xffz")
	probs := Scan(data, UTF8)
	want := []struct {
		line, col int
		what      string
	}{{2, 2, "U+0015"}, {3, 1, "NUL"}, {3, 3, "0xFF"}}
	if len(probs) != len(want) {
		t.Fatalf("Scan = %+v; want %d problems", probs, len(want))
	}
	for i, w := range want {
		if p := probs[i]; p.Line != w.line || p.Col != w.col || !strings.Contains(p.What, w.what) {
			t.Errorf("problem %d = %+v; want %s at %d:%d", i, p, w.what, w.line, w.col)
		}
	}
	fixed, fprobs := Fix(data, UTF8)
	if string(fixed) != "a\tb\r\nc d\n é\uFFFDz" {
		t.Errorf("Fix = %q", fixed)
	}
	if len(fprobs) != 3 || len(Scan(fixed, UTF8)) != 0 {
		t.Errorf("Fix reported %d problems and left %v", len(fprobs), Scan(fixed, UTF8))
	}
	// Positions stay: what followed the problems is where it was.
	if p := Scan(append(fixed, 0x01), UTF8); p[0].Line != 3 || p[0].Col != 5 {
		t.Errorf("after Fix, the next position is %d:%d; want 3:5", p[0].Line, p[0].Col)
	}
}

func TestCheckString(t *testing.T) {
	for _, tt := range []struct {
		in    string
		ok    bool
		index int
	}{
		{"plain, with tab\tand\nnewline", true, 0},
		{"ab\x15", false, 2},
		{"Жи\x00", false, 2},
		{"\u0085next line", false, 0},
		{"bad \xff", false, 4},
	} {
		_, i, ok := CheckString(tt.in)
		if ok != tt.ok || (!ok && i != tt.index) {
			t.Errorf("CheckString(%q) = %d, %v; want %d, %v", tt.in, i, ok, tt.index, tt.ok)
		}
	}
}

func TestLookup(t *testing.T) {
	for name, want := range map[string]string{"cp1251": "windows-1251", "Windows_1251": "windows-1251", "KOI8R": "KOI8-R", "utf8": "UTF-8", "latin1": "ISO-8859-1", "866": "IBM866"} {
		if e, ok := Lookup(name); !ok || e.Name != want {
			t.Errorf("Lookup(%q) = %v, %v; want %s", name, e, ok, want)
		}
	}
	if _, ok := Lookup("ebcdic"); ok {
		t.Error("Lookup(ebcdic) found an encoding")
	}
}

func TestUTF16(t *testing.T) {
	le := []byte{0xFF, 0xFE, 0x16, 0x04, 'a', 0, 0x00, 0xD8, 'b', 0} // Ж a <lone surrogate> b
	got := Decode(le, Detect(le).Encoding)
	if string(got) != "Жa\xffb" {
		t.Errorf("Decode(UTF-16LE) = %q", got)
	}
	if p := Scan(got, Detect(le).Encoding); len(p) != 1 || p[0].Col != 3 {
		t.Errorf("Scan = %+v; want the lone surrogate at column 3", p)
	}
}
