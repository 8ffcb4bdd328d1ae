package sentencecase

// societies are learned societies and standards bodies whose acronym is
// followed by the name of one of their publications, products or
// events ("IEEE Computer", "IEEE Xplore", "ACM Queue"), a proper noun.
var societies = set(`IEEE ACM IFIP USENIX AAAI SIAM SPIE IET IEE ISO IEC W3C`)

// eventNouns name a meeting or a serial whose full name ("International
// Symposium on Wearable Computers", "ACM Transactions on Graphics") is a
// proper noun (APA 7, 6.14).
var eventNouns = set(`Symposium Conference Workshop Congress Colloquium Summit Transactions Journal`)

// eventJoins are the lower-case words inside an event's name: "on", "of"
// or "for" before its subject, and the small words of a subject ("Human
// Factors in Computing Systems").
var eventJoins = set(`on of for in and the`)

// institutionWords holds societies and eventNouns, for one lookup of
// each word.
var institutionWords = func() map[string]institution {
	m := map[string]institution{}
	for w := range societies {
		m[w] |= society
	}
	for w := range eventNouns {
		m[w] |= eventNoun
	}
	return m
}()

// institutionLengths has bit n of element c-'A' set when a word of
// institutionWords, all of them ASCII, starts with c and has n letters:
// a word of another length is none of them, without a lookup.
var institutionLengths = func() (f [26]uint64) {
	for w := range institutionWords {
		f[w[0]-'A'] |= 1 << len(w)
	}
	return f
}()

// institutionOf is institutionWords[string(w)], for w starting with a
// letter A to Z.
func institutionOf(w []rune) institution {
	if len(w) >= 64 || institutionLengths[w[0]-'A']&(1<<len(w)) == 0 {
		return 0
	}
	var buf [keyBuf]byte
	return institutionWords[string(appendRunes(buf[:0], w))]
}

type institution uint8

const (
	society institution = 1 << iota
	eventNoun
)

// isEventJoin is eventJoins[string(w)].
func isEventJoin(w []rune) bool {
	var buf [keyBuf]byte
	return eventJoins[string(appendRunes(buf[:0], w))]
}

// protectInstitutions keeps the names the title's structure
// shows: the word after a society's acronym, and the name of a meeting
// or a serial (capitalised words, then "Symposium", "Transactions" …,
// then "on", "of" or "for" and its capitalised subject).
func (t *text) protectInstitutions(toks []token) {
	// word returns the only word of token i when the token is that word
	// alone, with at most punctuation after it (closed tells which).
	word := func(i int) (p part, closed, ok bool) {
		if i < 0 || i >= len(toks) || len(toks[i].parts) != 1 {
			return part{}, false, false
		}
		p = toks[i].parts[0]
		if p.start != toks[i].start {
			return part{}, false, false
		}
		return p, p.end != toks[i].end, true
	}
	mark := func(p part) { t.keep(p.start, p.end) }
	nameLike := func(p part) bool {
		sh := t.shape(p)
		return sh == capital || sh == allCaps || sh == innerCaps
	}
	for i := range toks {
		p, closed, ok := word(i)
		// every society and event noun starts with a capital A to Z
		if !ok || t.runes[p.start] < 'A' || t.runes[p.start] > 'Z' {
			continue
		}
		kind := institutionOf(t.of(p))
		if kind&society != 0 && !closed {
			if q, _, ok := word(i + 1); ok && t.shape(q) == capital {
				mark(q)
			}
		}
		if kind&eventNoun == 0 || closed {
			continue
		}
		// the subject: "on" (or "of", "for"), then capitalised words,
		// with small words between them
		on, onClosed, ok := word(i + 1)
		if !ok || onClosed || !(runesEq(t.of(on), "on") || runesEq(t.of(on), "of") || runesEq(t.of(on), "for")) {
			continue
		}
		subject := t.subject[:0]
		last := 0 // subject[:last] ends with a capitalised word
		for k := i + 2; ; k++ {
			q, qClosed, ok := word(k)
			if !ok {
				break
			}
			qw := t.of(q)
			switch {
			case nameLike(q):
				subject = append(subject, q)
				last = len(subject)
			case isEventJoin(qw) && !qClosed:
				subject = append(subject, q)
			default:
				qClosed = true
			}
			if qClosed {
				break
			}
		}
		t.subject = subject
		if last == 0 {
			continue
		}
		mark(p)
		mark(on)
		for _, q := range subject[:last] {
			mark(q)
		}
		// the capitalised words before it: "International", "Annual ACM"
		for k := i - 1; ; k-- {
			q, qClosed, ok := word(k)
			if !ok || qClosed || !nameLike(q) || toks[k].sentence && isStopWordRunes(t.of(q)) {
				break
			}
			mark(q)
		}
	}
}
