package score

import "strings"

// eventNew is what a company's news of activity counts when its sentence
// says the event is new, a first or a growth by a multiple ("запустил
// новую версию сайта", "первым подключил", "вдвое увеличил"), beside the
// plain event ("открыл офис"), which keeps the lexicon's rating. The
// lexicon rates every event of activity alike (launches, openings,
// updates, growth), so they all sat at one net valence, just at the
// positive threshold, and a small move of that threshold turned all of
// them neutral at once; novelty and size are what the sentence itself
// says of how much the event means to a reader.
const eventNew = 1.25

// eventStems begin the words of a company's activity in the news, as the
// lexicon's business-news section rates them.
var eventStems = []string{
	"запуст", "запуск", "обнов", "модерниз", "открыл", "открыт", "увелич", "возрос", "вырос",
	"нарастил", "нарастит", "расшир", "внедр",
}

// novelty are the words that say an event is new or a first (word forms:
// "нов…" begins city names and "новости" too).
var novelty = map[string]bool{
	"новый": true, "новая": true, "новое": true, "новые": true, "нового": true, "новой": true,
	"новую": true, "новым": true, "новыми": true, "новых": true, "новом": true, "новому": true,
	"первый": true, "первая": true, "первое": true, "первые": true, "первого": true, "первой": true,
	"первую": true, "первым": true, "первыми": true, "первых": true, "впервые": true,
	"обновленная": true, "обновленную": true, "обновленный": true, "обновленное": true, "обновленные": true,
}

// multiples are the words of growth by a multiple.
var multiples = map[string]bool{
	"вдвое": true, "втрое": true, "вчетверо": true, "впятеро": true, "вдесятеро": true,
	"удвоил": true, "удвоила": true, "удвоили": true, "удвоит": true, "удваивает": true,
	"утроил": true, "утроила": true, "утроили": true, "утроит": true,
}

// countWords are the numerals of "в два раза", "в три раза".
var countWords = map[string]bool{
	"два": true, "две": true, "три": true, "четыре": true, "пять": true, "десять": true, "сто": true,
}

// hasStem reports whether w begins with one of stems.
func hasStem(w string, stems []string) bool {
	for _, p := range stems {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// ruEvents raises the favourable words of activity in a Russian text
// whose sentence calls the event new, a first or a multiple (eventNew).
func (s *scratch) ruEvents() {
	toks := s.d.toks
	for k := range s.hits {
		h := &s.hits[k]
		if h.ph >= 0 || h.val <= 0 || toks[h.tok].kind != tokWord || !hasStem(toks[h.tok].norm, eventStems) {
			continue
		}
		if s.eventNews(h.tok) {
			h.val *= eventNew
		}
	}
}

// eventNews reports whether the sentence of the event word at i calls it
// new, a first or a growth by a multiple.
func (s *scratch) eventNews(i int) bool {
	toks := s.d.toks
	sent := s.sent[i]
	for j := i - 1; j >= 0 && s.sent[j] == sent; j-- {
		if s.marksEvent(j) {
			return true
		}
	}
	for j := i + 1; j < len(toks) && s.sent[j] == sent; j++ {
		if s.marksEvent(j) {
			return true
		}
	}
	return false
}

// marksEvent reports whether the token at j says an event is new, a
// first or a multiple ("новую", "первым", "вдвое", "в два раза").
func (s *scratch) marksEvent(j int) bool {
	t := &s.d.toks[j]
	if t.kind != tokWord || t.hashtag {
		return false
	}
	w := t.norm
	if multiples[w] || novelty[w] || strings.HasPrefix(w, "уникальн") || strings.HasPrefix(w, "новинк") {
		return true
	}
	if w == "раза" || w == "раз" {
		// "в два раза", "в три раза"
		return j >= 2 && s.d.toks[j-2].norm == "в" && countWords[s.d.toks[j-1].norm]
	}
	return false
}
