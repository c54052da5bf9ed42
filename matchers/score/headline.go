package score

// Headline style. English marks names with capitals ("the Super Eagles",
// "at Best Buy"), and inName reads a capitalised word beside another as
// a word of a name, not an opinion. A headline capitalises every word
// ("Pogoplug Cloud Launches With 5 GB Of Free Storage"), so there capitals
// say nothing about names, and the words keep their valence. What gives a
// headline away is a function word written with a capital inside a
// sentence: names keep those small ("Bank of America", "Council of
// Canadians"). Words that are also names or months ("May", "Can", "Will")
// are not counted.

// functionWords are the English articles, prepositions, conjunctions,
// auxiliaries and determiners whose capital inside a sentence marks a
// headline.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "in": true, "on": true, "at": true, "for": true,
	"with": true, "by": true, "from": true, "into": true, "over": true, "under": true, "about": true, "as": true,
	"and": true, "or": true, "is": true, "are": true, "was": true, "were": true, "be": true, "been": true,
	"not": true, "your": true, "our": true, "their": true, "its": true, "this": true, "that": true, "up": true,
	"out": true, "off": true, "has": true, "have": true,
}

// headline reports whether the text is written in headline style: a
// function word with a capital follows a word, a handle or a number (not
// punctuation, which may open a sentence or a quotation). It looks once
// per text, on the first word a name would silence.
func (w *wordPass) headline() bool {
	if w.headlined == 0 {
		w.headlined = 1
		toks := w.toks
		for i := 1; i < len(toks); i++ {
			t := &toks[i]
			if t.kind != tokWord || !t.title || !functionWords[t.norm] {
				continue
			}
			if p := toks[i-1].kind; p == tokWord || p == tokMention || p == tokNumber {
				w.headlined = 2
				break
			}
		}
	}
	return w.headlined == 2
}
