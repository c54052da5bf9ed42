package matchers

import (
	"strings"
	"unicode/utf8"
)

// Warnings returns, for every brand whose query parses, what in it can
// never match as written (see QueryWarnings), with Brand set to the
// brand's index. A configuration with warnings still compiles.
func Warnings(brands []Brand) []*QueryError {
	var out []*QueryError
	for i, b := range brands {
		for _, w := range QueryWarnings(b.Query) {
			w.Brand = i
			out = append(out, w)
		}
	}
	return out
}

// QueryWarnings returns what in query q can never match text written as
// the query writes it, because the document tokenizer splits it in a way
// the query cannot reproduce: a word that is only punctuation (a lone
// "&"), a joining symbol before a word (.NET is "net"), a name of more
// words joined by symbols than the matcher follows, and a word too long
// to be looked up. Each is a
// *QueryError with Brand -1 and the column. A query that does not parse
// has none: ParseQuery reports it.
func QueryWarnings(q string) []*QueryError {
	var dropped []lexeme
	lx, err := lex(q, &dropped)
	if err != nil {
		return nil
	}
	if _, err := ParseQuery(q); err != nil {
		return nil
	}
	var out []*QueryError
	add := func(col int, format string, args ...any) {
		out = append(out, &QueryError{Brand: -1, Col: col, Msg: sprintf(format, args...)})
	}
	for _, d := range dropped {
		msg := "%q on its own matches nothing"
		switch {
		case strings.ContainsAny(d.text, "&+"):
			msg += `: a name with it is one word (AT&T) or a phrase in quotes ("Procter & Gamble")`
		case d.text == "-":
			msg += ": to exclude a word, write it right after the dash (-word)"
		}
		add(d.col, msg, d.text)
	}
	for _, l := range lx {
		switch l.kind {
		case lexWord:
			punctWarnings(l.text, l.col, add)
		case lexPhrase:
			punctWarnings(l.text, l.col+1, add)
		}
	}
	sortWarnings(out)
	return out
}

// punctWarnings reports the punctuation in a query word or phrase that
// the tokenizer splits on in a way the query cannot reproduce; col is
// the column of text's first rune.
func punctWarnings(text string, col int, add func(col int, format string, args ...any)) {
	var z tokenizer
	z.add(text)
	colAt := func(off int) int { return col + utf8.RuneCountInString(text[:off]) }
	if len(z.toks) == 0 {
		return
	}
	if lead := text[:z.toks[0].start]; strings.ContainsAny(lead, "&./+") {
		sym := strings.TrimSpace(strings.TrimLeft(lead, `"«“„'([{@#$`))
		if sym != "" {
			add(colAt(0), "%q: %q before %q is not part of the word; the query looks for %q",
				strings.TrimSpace(text), sym, text[z.toks[0].start:z.toks[0].end], string(z.norm(0)))
		}
	}
	for k := range z.toks {
		if t := &z.toks[k]; t.flags&tLong != 0 {
			add(colAt(int(t.start)), "a word of more than %d letters never matches", maxWordRunes)
		}
	}
	parts, chain := 1, 0
	for k := 1; k < len(z.toks); k++ {
		t := &z.toks[k]
		if symbolJoin(t.punct & joinMask) {
			parts++
			if parts == maxChain+1 {
				add(colAt(int(z.toks[chain].start)), "%d or more words joined by punctuation: a name of more than %d never matches",
					maxChain+1, maxChain)
			}
			continue
		}
		parts, chain = 1, k
	}
}

// sortWarnings orders warnings by column (insertion sort: they are few).
func sortWarnings(ws []*QueryError) {
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && ws[j].Col < ws[j-1].Col; j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
}
