package score

import "strings"

// News is read for its attitude, not its effect, in English and in a
// Russian report that says it is one: "Quasar Bank accused of hiding fees
// from customers" or "Сбой в приложении Квазар Банка, сообщает РБК" are
// neutral, as a careful reader labels news (DATA.md, "A
// convention left open"). Their severity is another matter: a PR team
// wants an outage or an accusation in a weighty source's headline at
// once, as it gets a customer's complaint there. So the readings that make
// such news neutral note when they took the weight of an adverse event
// off the text, and defaultSeverity weighs that news as a negative
// mention, unless the news takes a burden off ("Quasar Bank cuts fees",
// "Квазар Банк отменил комиссию", "восстановил работу после сбоя":
// reliefNews). Sentiment, negativity and the intents are untouched.

// adverseNewsWeight is the least unfavourable valence, summed over the
// words a reading of news silenced, that makes the news adverse: one clear
// word of trouble ("outage", "locked out", "accused").
const adverseNewsWeight = -1.0

// noteAdverseNews records, before a reading of news silences the words of
// the text, whether they told of an adverse event.
func (s *scratch) noteAdverseNews() {
	var sum float64
	for _, h := range s.hits {
		if h.val < 0 {
			sum += h.val
		}
	}
	s.adverseNews = sum <= adverseNewsWeight
}

// reliefVerbs begin the verbs of news that takes a burden off customers:
// fees cut or scrapped, an outage ended or fixed, a charge dropped.
var reliefVerbs = []string{"cut", "slash", "scrap", "lower", "reduc", "waiv", "abolish", "drop",
	"ends", "ended", "fix", "restor", "resolv", "lift", "clear", "axe", "axes", "axed", "ditch",
	"снизил", "снижа", "снизит", "отмен", "устран", "восстанов", "возобнов", "убрал", "упраздн",
	"знизи", "скасув", "віднов", "усун"}

// reliefObjects begin the burdens a relief verb takes off: fees, charges,
// prices, penalties, an outage, a lawsuit, an accusation, limits.
var reliefObjects = []string{"fee", "charge", "price", "overdraft", "penalt", "fine", "tariff",
	"roaming", "outage", "disruption", "glitch", "lawsuit", "suit", "case", "claim", "ban", "limit",
	"restriction", "fraud", "wrongdoing", "allegation",
	"комисс", "плат", "штраф", "тариф", "цен", "сбо", "огранич", "лимит", "санкц", "иск",
	"работ", "доступ", "обвинен", "пен", "комісі", "збо"}

// reliefStops open the cause of what a relief verb did, which is no
// object of it.
var reliefStops = wordSet(`из-за из due because amid over after после через следствие`)

// reliefNews reports news that takes a burden off: a verb of reliefVerbs
// with one of reliefObjects among the three words after it ("cuts
// overdraft fees", "cleared of fraud", "отменил комиссию за переводы") or,
// for a participle told after its object, before it in its sentence
// ("Сбой в приложении устранён").
// "Cuts 500 jobs" or "отменил рейсы" take no burden off and stay adverse.
func (s *scratch) reliefNews() bool {
	toks := s.d.toks
	for i := range toks {
		if toks[i].kind != tokWord || !hasStem(toks[i].norm, reliefVerbs) || s.brand[i] {
			continue
		}
		if strings.HasPrefix(toks[i].norm, "устранен") || strings.HasPrefix(toks[i].norm, "восстановлен") {
			for j := i - 1; j >= 0 && j >= i-6 && s.sent[j] == s.sent[i]; j-- {
				if toks[j].kind == tokWord && hasStem(toks[j].norm, reliefObjects) {
					return true
				}
			}
		}
		for j := i + 1; j <= i+3 && j < len(toks); j++ {
			if toks[j].kind != tokWord {
				continue
			}
			if reliefStops[toks[j].norm] {
				break // a cause, not the object: "отменил рейсы из-за сбоя"
			}
			if hasStem(toks[j].norm, reliefObjects) {
				return true
			}
		}
	}
	return false
}
