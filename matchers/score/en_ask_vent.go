package score

// ventWords in a question mark it as a customer venting, not asking:
// "is Acme's service always this bad?", "does Acme ever answer, or are
// they just useless?", "why is it so slow?".
var ventWords = map[string]bool{
	"always": true, "ever": true, "so": true, "such": true, "just": true, "even": true,
	"seriously": true, "really": true, "honestly": true,
}

// ventQuestion reports whether the unfavourable word at token i, in a
// question, is vented rather than asked about: its sentence holds a word
// of ventWords before it, it follows "this" or "that" ("this
// incompetent"), or the question opens as enAskRhetoric's do. Such a word
// keeps its weight: enAskDamp (0) would make "Is Acme's service always
// this terrible?" neutral.
func ventQuestion(s *scratch, i int) bool {
	toks := s.d.toks
	if i <= 0 || i >= len(toks) {
		return false
	}
	if p := toks[i-1].norm; p == "this" || p == "that" {
		return true
	}
	first := -1
	for k := i - 1; k >= 0 && s.sent[k] == s.sent[i]; k-- {
		if toks[k].kind != tokWord {
			continue
		}
		if ventWords[toks[k].norm] {
			return true
		}
		if !s.brand[k] {
			first = k
		}
	}
	return first >= 0 && enAskRhetoric(toks, first)
}
