// Package sentencecase converts English titles written in title case
// ("The Psychology of the Child") to the sentence case of APA 7 (6.17:
// "The psychology of the child"): only the first word of the title, the
// first word after a colon, an em dash or end punctuation, proper nouns
// and acronyms keep their capitals.
//
// It changes only what it can judge. A title that is already in sentence
// case (it has a lower-case word that title case would capitalise) keeps
// its words as written, so that a proper noun in it is never lowered.
// Words are kept as written when they are:
//
//   - inside a protected span: CSL-JSON's <span class="nocase">…</span>
//     (the form cite's model stores, for BibTeX's {…} and for TOML), or
//     the content of <sc>, <sup> and <sub>;
//   - acronyms and other words in capitals (NATO, DNA, 3D, II), or words
//     with a capital inside (iPhone, McDonald, ARToolKit);
//   - proper nouns the package knows (countries, peoples and languages,
//     months and days, continents and regions, common eponyms such as
//     Bayesian or Fourier, and a few names of places and products), or
//     words the caller names;
//   - "I", and a name after an honorific (Dr. House);
//   - words with a period inside (U.S., Node.js, Akorda.kz);
//   - the names of meetings and serials (International Symposium on
//     Wearable Computers, ACM Transactions on Graphics) and the word after
//     a society's acronym (IEEE Xplore, IEEE Computer);
//   - names the caller knows from the record's other text (Hints): Names
//     finds those an abstract introduces ("we developed Tiramisu, a
//     transit information system").
//
// Better BibTeX braces every word capitalised in the title Zotero holds
// and then title-cases the rest; so braces mark proper nouns only when
// that title was in sentence case, and protection that covers nearly
// every capitalised word is read as saying nothing (see
// blanketProtection). Protect carries protection recorded outside a
// title (the braces of its LaTeX) into it as nocase spans.
//
// Markup other than protection (<i>, <b>, other spans) is kept in place.
// The package knows nothing of languages: callers apply it to English
// titles only. It performs no I/O.
package sentencecase
