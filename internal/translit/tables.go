package translit

// The tables map a lowercase Cyrillic letter to its lowercase romanisation.
// Capital letters are looked up through their lowercase form and the result
// is capitalised by Romanize. Context rules (BGN/PCGN е and ё, GOST ц and і)
// are applied in code, not here; the entries below are the context-free
// values. Combining marks are written as escapes so that every code point
// can be checked against the published table.

// bgnRussian is the BGN/PCGN 1947 system for Russian, as published by PCGN
// ("Romanization of Russian, BGN/PCGN 1947 System", checked June 2019). The
// document writes ъ as ” (U+201D) and ь as ’ (U+2019). е and ё are "ye" and
// "yë" in the contexts of Note 1 and 2; see Romanize.
var bgnRussian = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "ë",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "\u201d", 'ы': "y", 'ь': "\u2019", 'э': "e", 'ю': "yu", 'я': "ya",
}

// bgnKazakh is the BGN/PCGN 1979 system for Kazakh, as published by PCGN
// ("Romanization of Kazakh, BGN/PCGN 1979 System", checked 2019) and listed
// in the UNGEGN Working Group on Romanization Systems report on Kazakh
// (version 4.0, March 2016). It has no context rules: е is always e.
var bgnKazakh = map[rune]string{
	'а': "a", 'ә': "ä", 'б': "b", 'в': "v", 'г': "g", 'ғ': "gh", 'д': "d",
	'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z", 'и': "ī", 'й': "y", 'к': "k",
	'қ': "q", 'л': "l", 'м': "m", 'н': "n", 'ң': "ng", 'о': "o", 'ө': "ö",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "ū", 'ұ': "u", 'ү': "ü",
	'ф': "f", 'х': "kh", 'һ': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'щ': "shch", 'ъ': "\u201d", 'ы': "y", 'і': "i", 'ь': "\u2019", 'э': "ė",
	'ю': "yu", 'я': "ya",
}

// iso9 is ISO 9:1995 Table 1 (Slavic letters) and, for the Kazakh letters,
// the single table of the standard; GOST 7.79-2000 System A (Tables 1 and 2)
// is the same. Every value is distinct, which is what makes Deromanize
// possible.
var iso9 = map[rune]string{
	// Russian.
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "ë",
	'ж': "ž", 'з': "z", 'и': "i", 'й': "j", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "h", 'ц': "c", 'ч': "č", 'ш': "š", 'щ': "ŝ",
	'ъ': "\u02ba", 'ы': "y", 'ь': "\u02b9", 'э': "è", 'ю': "û", 'я': "â",
	// Other Slavic alphabets.
	'ґ': "g\u0300", 'є': "ê", 'і': "ì", 'ї': "ï", 'ў': "ŭ",
	'ђ': "đ", 'ѓ': "ǵ", 'ѕ': "ẑ", 'ј': "ǰ", 'љ': "l\u0302", 'њ': "n\u0302",
	'ћ': "ć", 'ќ': "ḱ", 'џ': "d\u0302",
	// Letters of the pre-1918 Russian and Old Bulgarian orthographies.
	'ѣ': "ě", 'ѫ': "ǎ", 'ѳ': "f\u0300", 'ѵ': "ỳ",
	// Kazakh.
	'ә': "a\u030b", 'ғ': "ġ", 'қ': "ķ", 'ң': "ņ", 'ө': "ô", 'ұ': "u\u0307",
	'ү': "ù", 'һ': "ḥ",
}

// gostB is GOST 7.79-2000 System B, Table 4, as used for Russian, with the
// pre-1918 letters the table gives for Old Russian. ц is "cz" here and "c"
// before i, e, y, j; і is "i" here and "i`" before a consonant; see Romanize.
var gostB = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "j", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "x", 'ц': "cz", 'ч': "ch", 'ш': "sh", 'щ': "shh",
	'ъ': "``", 'ы': "y`", 'ь': "`", 'э': "e`", 'ю': "yu", 'я': "ya",
	'і': "i", 'ѣ': "ye", 'ѳ': "fh", 'ѵ': "yh",
}

// lc is the ALA-LC romanization table for Russian (2012), with the pre-1918
// letters it lists, and for the Kazakh letters the ALA-LC values for Kazakh
// in Cyrillic (LC's ScriptShifter table kazakh_cyrillic, based on the table
// for non-Slavic languages in Cyrillic script). U+0361 is the ligature tie.
var lc = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "ë",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "ĭ", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "t\u0361s", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "\u02ba", 'ы': "y", 'ь': "\u02b9", 'э': "ė", 'ю': "i\u0361u",
	'я': "i\u0361a",
	'і': "ī", 'ѣ': "i\u0361e", 'ѳ': "ḟ", 'ѵ': "ẏ",
	'ә': "ă", 'ғ': "gh", 'қ': "q", 'ң': "n\u0361g", 'ө': "ȯ", 'ұ': "ū",
	'ү': "u\u0307", 'һ': "ḣ",
}

// lcASCII is lc without ligature ties and diacritics.
var lcASCII = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "\"", 'ы': "y", 'ь': "'", 'э': "e", 'ю': "iu", 'я': "ia",
	'і': "i", 'ѣ': "ie", 'ѳ': "f", 'ѵ': "y",
	'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "o", 'ұ': "u",
	'ү': "u", 'һ': "h",
}

// kazakhLetters are the nine letters of the Kazakh alphabet that Russian
// does not have.
var kazakhLetters = map[rune]bool{
	'ә': true, 'ғ': true, 'қ': true, 'ң': true, 'ө': true, 'ұ': true,
	'ү': true, 'һ': true, 'і': true,
}

// bgnVowels are the letters after which BGN/PCGN writes е as "ye" and ё as
// "yë" (Russian system, Notes 1 and 2): the vowels and й, ъ, ь.
var bgnVowels = map[rune]bool{
	'а': true, 'е': true, 'ё': true, 'и': true, 'о': true, 'у': true,
	'ы': true, 'э': true, 'ю': true, 'я': true, 'й': true, 'ъ': true,
	'ь': true,
}

// russianConsonants are the consonant letters of Russian, for the GOST
// System B rule on і.
var russianConsonants = map[rune]bool{
	'б': true, 'в': true, 'г': true, 'д': true, 'ж': true, 'з': true,
	'й': true, 'к': true, 'л': true, 'м': true, 'н': true, 'п': true,
	'р': true, 'с': true, 'т': true, 'ф': true, 'х': true, 'ц': true,
	'ч': true, 'ш': true, 'щ': true,
}

// composed maps a Cyrillic base letter followed by a combining mark to the
// precomposed letter, for text in decomposed form (NFD), where й is
// и + U+0306 and ё is е + U+0308.
var composed = map[[2]rune]rune{
	{'и', '\u0306'}: 'й', {'И', '\u0306'}: 'Й',
	{'е', '\u0308'}: 'ё', {'Е', '\u0308'}: 'Ё',
	{'у', '\u0306'}: 'ў', {'У', '\u0306'}: 'Ў',
	{'і', '\u0308'}: 'ї', {'І', '\u0308'}: 'Ї',
}
