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

// protectInstitutions marks in keep the names the title's structure
// shows: the word after a society's acronym, and the name of a meeting
// or a serial (capitalised words, then "Symposium", "Transactions" …,
// then "on", "of" or "for" and its capitalised subject).
func (t *text) protectInstitutions(toks []token, keep []bool) {
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
	mark := func(p part) {
		for k := p.start; k < p.end; k++ {
			keep[k] = true
		}
	}
	nameLike := func(w string) bool {
		sh := shapeOf(w)
		return sh == capital || sh == allCaps || sh == innerCaps
	}
	for i := range toks {
		p, closed, ok := word(i)
		if !ok {
			continue
		}
		w := t.word(p)
		if societies[w] && !closed {
			if q, _, ok := word(i + 1); ok && shapeOf(t.word(q)) == capital {
				mark(q)
			}
		}
		if !eventNouns[w] || closed {
			continue
		}
		// the subject: "on" (or "of", "for"), then capitalised words,
		// with small words between them
		on, onClosed, ok := word(i + 1)
		if !ok || onClosed || !(t.word(on) == "on" || t.word(on) == "of" || t.word(on) == "for") {
			continue
		}
		var subject []part
		last := 0 // subject[:last] ends with a capitalised word
		for k := i + 2; ; k++ {
			q, qClosed, ok := word(k)
			if !ok {
				break
			}
			qw := t.word(q)
			switch {
			case nameLike(qw):
				subject = append(subject, q)
				last = len(subject)
			case eventJoins[qw] && !qClosed:
				subject = append(subject, q)
			default:
				qClosed = true
			}
			if qClosed {
				break
			}
		}
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
			if !ok || qClosed || !nameLike(t.word(q)) || toks[k].sentence && isStopWord(t.word(q)) {
				break
			}
			mark(q)
		}
	}
}
