package score

// A verdict closing a text ("Acme is raising prices again, greedy as
// always", "… customers report. Useless", "Сбербанк объявил о повышении
// тарифов. Позор") is the author's own judgement of what the text tells:
// the news readings of the fifth rounds (enNewsWideOf, nonActionSpan,
// ruReported) leave such a text alone. A verdict is the text's last clause
// — after its last comma or sentence end — of at most verdictWords words,
// holding an unfavourable word that is no failure (no complaint tag: "awful",
// "useless", "позор", not "cancelled", "no signal") and no report verb
// ("…, users report no signal" is the news told) or word of a cause
// ("…, citing weak demand", "amid weak sales").

// verdictWords is the longest closing clause read as a verdict.
const verdictWords = 4

// verdictReport are the report verbs that make a closing clause the
// report's own attribution, and the words of a cause that make it the
// report's reason.
var verdictReport = wordSet(`report reports reported say says said citing amid after due over because despite following
	пишут пишет сообщает сообщают из-за после`)

// closingVerdict reports whether the text ends in a verdict (see the
// file's comment).
func closingVerdict(s *scratch) bool {
	toks := s.d.toks
	end := len(toks)
	for end > 0 && toks[end-1].kind != tokWord {
		end--
	}
	start, words := end, 0
	for start > 0 {
		t := &toks[start-1]
		if t.kind == tokPunct && t.punct != '-' {
			break
		}
		if t.kind == tokWord {
			if verdictReport[t.norm] {
				return false
			}
			words++
		}
		start--
	}
	if start == 0 || words == 0 || words > verdictWords {
		return false // one clause only, or a long one: the text's own
	}
	for _, h := range s.hits {
		if h.tok >= start && h.tok < end && h.val < 0 && h.tags&tComplaint == 0 {
			return true
		}
	}
	return false
}
