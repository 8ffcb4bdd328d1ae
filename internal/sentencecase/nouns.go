package sentencecase

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/cite-project/cite/internal/runes"
)

// stopWords are the words that title case leaves in lower case (articles,
// conjunctions, prepositions of any length, "to", "as", "vs."): a title
// with one of them in lower case may still be in title case.
var stopWords = set(`a an the and but or nor for so yet as at by in of off on per to up via vs
	about above across after against along amid among around before behind below beneath beside besides
	between beyond despite down during except from inside into like near onto out outside over past
	since than through throughout till toward towards under underneath unlike until upon versus with
	within without de la le du des von van der den di da del et al e.g i.e etc`)

// honorifics precede a name, whose capital is kept.
var honorifics = set(`Dr Mr Mrs Ms Mx Prof St Sr Jr Sir Dame Lord Lady Saint Mt Fr Rev Gen Col Capt Pres`)

// properNouns are the capitalised words kept in a title-case title:
// countries, peoples, languages and regions, months (not May) and days,
// religions and periods, eponyms of science, and names of places and
// products common in titles. A possessive ("Darwin's") matches its noun.
var properNouns = set(`
	January February March April June July August September October November December
	Monday Tuesday Wednesday Thursday Friday Saturday Sunday
	Africa African Asia Asian Europe European Eurasia Eurasian America American Americas Australia Australian
	Antarctica Antarctic Arctic Atlantic Pacific Mediterranean Baltic Caspian Caucasus Caucasian Balkan Balkans
	Scandinavia Scandinavian Siberia Siberian Nordic Arab Arabic Arabian Latin Latino Latina Hispanic Anglo Saxon
	Afghanistan Afghan Albania Albanian Algeria Algerian Andorra Angola Angolan Argentina Argentine Argentinian
	Armenia Armenian Austria Austrian Azerbaijan Azerbaijani Bahamas Bahrain Bangladesh Bangladeshi Barbados
	Belarus Belarusian Belgium Belgian Belize Benin Bhutan Bolivia Bolivian Bosnia Bosnian Botswana Brazil Brazilian
	Brunei Bulgaria Bulgarian Burma Burmese Burundi Cambodia Cambodian Cameroon Canada Canadian Chad Chile Chilean
	China Chinese Colombia Colombian Congo Congolese Croatia Croatian Cuba Cuban Cyprus Cypriot Czech Czechia
	Denmark Danish Djibouti Dominica Dominican Ecuador Egypt Egyptian Eritrea Estonia Estonian Eswatini Ethiopia
	Ethiopian Fiji Finland Finnish France French Gabon Gambia Georgia Georgian Germany German Ghana Ghanaian
	Greece Greek Grenada Guatemala Guinea Guyana Haiti Haitian Honduras Hungary Hungarian Iceland Icelandic
	India Indian Indonesia Indonesian Iran Iranian Iraq Iraqi Ireland Irish Israel Israeli Italy Italian Jamaica
	Jamaican Japan Japanese Jordan Jordanian Kazakhstan Kazakh Kazakhstani Kenya Kenyan Kiribati Korea Korean
	Kosovo Kuwait Kuwaiti Kyrgyzstan Kyrgyz Laos Lao Latvia Latvian Lebanon Lebanese Lesotho Liberia Libya Libyan
	Liechtenstein Lithuania Lithuanian Luxembourg Madagascar Malawi Malaysia Malaysian Maldives Mali Malta Maltese
	Mauritania Mauritius Mexico Mexican Micronesia Moldova Moldovan Monaco Mongolia Mongolian Montenegro Morocco
	Moroccan Mozambique Myanmar Namibia Nauru Nepal Nepalese Nepali Netherlands Dutch Nicaragua Niger Nigeria
	Nigerian Norway Norwegian Oman Pakistan Pakistani Palau Palestine Palestinian Panama Paraguay Peru Peruvian
	Philippines Filipino Poland Polish Portugal Portuguese Qatar Romania Romanian Russia Russian Rwanda Samoa
	Senegal Serbia Serbian Seychelles Singapore Slovakia Slovak Slovenia Slovenian Somalia Somali Spain Spanish
	Sudan Sudanese Suriname Sweden Swedish Switzerland Swiss Syria Syrian Taiwan Taiwanese Tajikistan Tajik
	Tanzania Thailand Thai Togo Tonga Tunisia Tunisian Turkey Turkish Turkmenistan Turkmen Tuvalu Uganda Ugandan
	Ukraine Ukrainian Uruguay Uzbekistan Uzbek Vanuatu Vatican Venezuela Venezuelan Vietnam Vietnamese Yemen
	Zambia Zimbabwe Britain British English England Scotland Scottish Wales Welsh Soviet USSR Tatar Bashkir
	Chechen Uyghur Persian Hebrew Yiddish Sanskrit Hindi Urdu Bengali Tamil Swahili Esperanto Catalan Basque
	Flemish Frisian Gaelic Tibetan Cantonese Mandarin Manchu Mongol Ottoman Byzantine Roman Romans Greeks
	Christian Christianity Christians Catholic Catholicism Protestant Anglican Lutheran Islam Islamic Muslim Muslims
	Jewish Jews Judaism Buddhist Buddhism Hindu Hinduism Confucian Confucianism Bible Biblical Quran Koran Torah
	God Renaissance Victorian Elizabethan Edwardian Baroque
	Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois Indiana
	Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana
	Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming
	London Paris Moscow Berlin Rome Vienna Prague Warsaw Madrid Lisbon Athens Istanbul Ankara Tehran Beijing Tokyo
	Seoul Delhi Mumbai Shanghai Astana Almaty Tashkent Bishkek Kyiv Kiev Minsk Riga Tallinn Vilnius Helsinki
	Stockholm Oslo Copenhagen Amsterdam Brussels Geneva Zurich Munich Hamburg Chicago Boston Toronto Montreal
	Vancouver Sydney Melbourne Cairo Jerusalem Baghdad Kabul Petersburg Leningrad Stalingrad Oxford Cambridge
	Harvard Yale Princeton Stanford Berkeley MIT Hollywood Manhattan Brooklyn Himalaya Himalayan Alps
	Alpine Amazon Sahara Nile Danube Volga Ural Urals Baikal Aral Ganges Mississippi Thames
	Bayes Bayesian Gauss Gaussian Markov Markovian Euclid Euclidean Boolean Newton Newtonian Fourier Hilbert
	Riemann Riemannian Lagrange Lagrangian Hamilton Hamiltonian Laplace Laplacian Poisson Bernoulli Dirichlet
	Kalman Turing Darwin Darwinian Freud Freudian Marx Marxist Marxism Kant Kantian Hegel Hegelian Cartesian
	Descartes Einstein Helmholtz Doppler Parkinson Alzheimer Hodgkin Nash Pareto Gibbs Boltzmann Maxwell
	Maxwellian Schrödinger Planck Bose Fermi Dirac Heisenberg Hopf Banach Sobolev Lebesgue Cauchy Euler Eulerian
	Jacobi Jacobian Hessian Kolmogorov Wiener Lyapunov Nyquist Shannon Huffman Dijkstra Levenshtein Hough Viterbi
	Voronoi Delaunay Bézier Bezier Petri Gödel Hebb Hebbian Pavlov Pavlovian Piaget Piagetian Vygotsky Likert
	Cronbach Pearson Spearman Wilcoxon Kaplan Weibull Monte Carlo Hausdorff Lipschitz Hölder Fréchet Galois
	Abelian Noether Noetherian Wittgenstein Aristotle Aristotelian Plato Platonic Socrates Socratic Shakespeare
	Shakespearean Homer Homeric Dante Goethe Tolstoy Dostoevsky Pushkin Chekhov Lenin Leninist Stalin Stalinist
	Gorbachev Putin Nazarbayev Napoleon Napoleonic Machiavelli Hobbes Locke Rousseau Nietzsche Heidegger Husserl
	Chomsky Saussure Weber Weberian Durkheim Foucault Habermas Keynes Keynesian Hayek Schumpeter Hume Humean
	Bluetooth Wi-Fi WiFi Android Linux Unix Java Python Perl Haskell Fortran Pascal Lisp Prolog Scala Kotlin
	Rust Matlab MATLAB Google Facebook Twitter Wikipedia YouTube Microsoft Kinect Arduino Raspberry
	Minecraft Thingiverse Instagram WhatsApp LinkedIn Zotero GitHub Skype Firefox
	Lego LEGO Xbox PlayStation Nintendo Wii Tinder Uber Airbnb Reddit Pinterest Flickr Spotify Netflix Siri Alexa
	Cortana Oculus Fitbit
	OpenStreetMap Hadoop Bitcoin Ethereum Ebola Zika Covid
	`)

// phrases are two-word proper nouns whose words alone are common:
// "United States", "New York".
var phrases = set(`United+States United+Kingdom United+Nations United+Arab New+York New+Zealand New+Jersey
	New+Mexico New+England New+Delhi New+Guinea New+Orleans South+Africa South+Korea South+Sudan North+Korea
	North+America South+America Latin+America Central+America North+Carolina South+Carolina North+Dakota
	South+Dakota West+Virginia Rhode+Island New+Hampshire Middle+East Far+East Near+East Soviet+Union
	European+Union Cold+War World+War Central+Asia East+Asia Southeast+Asia South+Asia Hong+Kong Sri+Lanka
	Saudi+Arabia Costa+Rica Puerto+Rico El+Salvador Monte+Carlo Los+Angeles San+Francisco San+Diego Las+Vegas
	Silk+Road Great+Britain Supreme+Court White+House Wall+Street Silicon+Valley Raspberry+Pi Second+Life
	Google+Glass Apple+Watch Mechanical+Turk Red+Cross Red+Army Third+Reich Great+Depression Holy+See
	Ivory+Coast Cape+Town Tel+Aviv Kuala+Lumpur Buenos+Aires Rio+Janeiro Sao+Paulo São+Paulo`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func isStopWord(w string) bool { return stopWords[strings.ToLower(w)] }

// The …Runes forms look words up from their runes: they spell the word
// into a buffer on the stack, which a map reads without making a string.

// keyBuf is the room on the stack for a word looked up; a longer word
// (none is in the lists) spills to the heap.
const keyBuf = 64

// appendRunes appends the UTF-8 of rs to b, as string(rs) would spell it.
func appendRunes(b []byte, rs []rune) []byte {
	for _, r := range rs {
		b = utf8.AppendRune(b, r)
	}
	return b
}

// appendLower appends the UTF-8 of rs in lower case to b, as
// strings.ToLower(string(rs)) would spell it.
func appendLower(b []byte, rs []rune) []byte {
	for _, r := range rs {
		b = utf8.AppendRune(b, runes.ToLower(r))
	}
	return b
}

// stopWordLengths has bit n of element c-'a' set when a stop word, all
// of them ASCII and in lower case, starts with c and has n characters: a
// word of another length is none of them, without a lookup (a match's
// runes lower to one byte each, so its length in runes is the key's).
var stopWordLengths = func() (f [26]uint64) {
	for w := range stopWords {
		f[w[0]-'a'] |= 1 << len(w)
	}
	return f
}()

// isStopWordRunes is isStopWord(string(w)).
func isStopWordRunes(w []rune) bool {
	if len(w) == 0 || len(w) >= 64 {
		return false // longer than any stop word
	}
	if c := runes.ToLower(w[0]); c < 'a' || c > 'z' || stopWordLengths[c-'a']&(1<<len(w)) == 0 {
		return false
	}
	var buf [keyBuf]byte
	return stopWords[string(appendLower(buf[:0], w))]
}

// isHonorificRunes reports whether w is an honorific.
func isHonorificRunes(w []rune) bool {
	var buf [keyBuf]byte
	return honorifics[string(appendRunes(buf[:0], w))]
}

// isProperNounRunes reports whether w, or w without a possessive ending,
// is a known proper noun.
func isProperNounRunes(w []rune) bool {
	var buf [keyBuf]byte
	b := appendRunes(buf[:0], w)
	if properNouns[string(b)] {
		return true
	}
	for _, s := range possessives {
		if bytes.HasSuffix(b, s) && properNouns[string(b[:len(b)-len(s)])] {
			return true
		}
	}
	return false
}

// isPhraseRunes reports whether a and b are one of phrases.
func isPhraseRunes(a, b []rune) bool {
	var buf [2 * keyBuf]byte
	k := append(appendRunes(buf[:0], a), '+')
	return phrases[string(appendRunes(k, b))]
}

// possessives are the endings isProperNounRunes takes off.
var possessives = [][]byte{[]byte("'s"), []byte("’s"), []byte("'"), []byte("’")}
