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
// auxiliaries, pronouns and determiners whose capital inside a sentence
// marks a headline ("like", a preposition too, is left out: it is a verb
// and a sentiment word as well).
var functionWords = map[string]bool{
	"a": true, "about": true, "above": true, "across": true, "after": true, "against": true, "along": true,
	"am": true, "among": true, "an": true, "and": true, "are": true, "around": true, "at": true, "be": true,
	"because": true, "been": true, "before": true, "behind": true, "being": true, "below": true,
	"beneath": true, "beside": true, "besides": true, "between": true, "beyond": true, "by": true,
	"despite": true, "did": true, "do": true, "does": true, "down": true, "during": true, "except": true,
	"for": true, "from": true, "had": true, "has": true, "have": true, "he": true, "her": true, "his": true,
	"if": true, "in": true, "inside": true, "into": true, "is": true, "it": true, "its": true, "my": true,
	"near": true, "nor": true, "of": true, "off": true, "on": true, "onto": true, "or": true, "our": true,
	"out": true, "outside": true, "over": true, "past": true, "she": true, "since": true, "so": true,
	"than": true, "that": true, "the": true, "their": true, "them": true, "these": true, "they": true,
	"this": true, "those": true, "through": true, "throughout": true, "till": true, "to": true, "toward": true,
	"towards": true, "under": true, "until": true, "up": true, "upon": true, "us": true, "via": true,
	"was": true, "we": true, "were": true, "with": true, "within": true, "without": true, "yet": true,
	"you": true, "your": true,
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
