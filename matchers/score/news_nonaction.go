package score

import "strings"

// News of what a company has not yet said or decided ("Drivo still has
// not announced prices", "Acme still hasn't commented on the layoffs",
// "Сбер до сих пор не раскрыл условия", "Компания пока не объявила цены")
// is news, not a failure: nobody speaks in it and nothing the brand owes
// a customer is withheld. Only a verb of a company's communication or
// decision after "still not", "yet to", "not yet", "до сих пор не", "пока
// не", "так и не", "ещё не" counts, and only in a text with no first or
// second person, no "!" or "?", and no complaint beside it: "Comcast
// still hasn't fixed my internet", "still no refund", "они так и не
// ответили на мою жалобу", "до сих пор не вернули деньги" stay
// complaints. The clause's words keep no valence; in English the whole
// text reads as news (en_everyday.go), in Russian its other words keep
// their weight (DATA.md, "A convention left open"). Neither language
// gives it a complaint or praise.

// nonActionStemsEN begin the English verbs of a company's communication
// or decision.
var nonActionStemsEN = []string{"announc", "comment", "disclos", "confirm", "reveal", "publish",
	"explain", "clarif", "unveil", "decid", "detail"}

// nonActionStemsRU begin the Russian ones, every form.
var nonActionStemsRU = []string{"объяв", "прокомментир", "комментир", "раскры", "подтверд",
	"подтвержд", "сообщ", "опубликов", "публику", "объясн", "озвуч", "обнародов", "уточн",
	"анонсир", "заявил", "заявля", "огласи", "разъясн"}

// nonActionGapEN are the words allowed between the negation and the verb
// ("still has not yet publicly announced", "has yet to make a decision").
var nonActionGapEN = wordSet(`yet publicly officially formally been made make any a final clearly fully even`)

// nonActionGapRU are the Russian ones ("пока не стала комментировать",
// "так и не смог внятно объяснить").
var nonActionGapRU = wordSet(`стал стала стали стало смог смогла смогли смогло официально публично
	внятно никак ничего готов готова готовы решился решилась решились`)

// pressStems begin who asks a company for a statement: a response to
// them is a communication ("hasn't responded to requests for comment",
// "не ответил на вопросы журналистов").
var pressStems = []string{"press", "reporter", "journalist", "media", "inquir", "enquir", "request",
	"журналист", "сми", "запрос", "редакц", "пресс"}

// serviceStems begin what a company owes a customer: a verb of
// communication or decision whose object is one is a service withheld,
// not news ("still hasn't confirmed the refund", "так и не подтвердил
// бронь", "до сих пор не сообщили статус заказа").
var serviceStems = []string{"book", "reserv", "order", "refund", "payment", "transfer", "deliver",
	"claim", "ticket", "account", "parcel", "package", "shipment", "cancel", "compensat",
	"reimburs", "repair", "cheque",
	"возмещ", "ремонт", "брон", "заказ", "возврат", "перевод", "платеж", "платёж", "оплат", "доставк", "заявк",
	"счет", "счёт", "карт", "посылк", "билет", "отмен", "компенсац", "статус", "срок"}

// speakerWords are the first and second person of both languages: a
// text holding one is someone's account, not news.
var speakerWords = wordSet(`i me my mine myself i'm i've i'd i'll im ive we us our ours we're we've
	you your yours you're u ur
	я мне меня мной мой моя мое мои моего моей моему моих моим моими мою
	мы нас нам нами наш наша наше наши нашего нашей нашему нашу наших нашим
	ты тебя тебе тобой твой твоя твое твои вы вас вам вами ваш ваша ваше ваши вашего вашей вашу ваших`)

// nonActionVerb reports whether token j is a verb of communication or
// decision of lang, and returns the last token of what it governs that
// the reading covers.
func nonActionVerb(toks []token, sent []int32, j int, lang string) (bool, int) {
	in := func(k int) bool { return k < len(toks) && sent[k] == sent[j] && toks[k].kind == tokWord }
	for k := j + 1; k <= j+serviceReach && in(k); k++ {
		if hasStem(toks[k].norm, serviceStems) {
			return false, j
		}
	}
	return nonActionVerbOf(toks, sent, j, lang)
}

// serviceReach is how far after the verb its object is looked for: far
// enough for "hasn't replied to the request for a refund", "не ответил на
// запрос о возврате".
const serviceReach = 6

// nonActionVerbOf is nonActionVerb without the look at the verb's object.
func nonActionVerbOf(toks []token, sent []int32, j int, lang string) (bool, int) {
	w := toks[j].norm
	in := func(k int) bool { return k < len(toks) && sent[k] == sent[j] && toks[k].kind == tokWord }
	press := func() bool {
		for k := j + 1; k <= j+5 && in(k); k++ {
			if hasStem(toks[k].norm, pressStems) {
				return true
			}
		}
		return false
	}
	if lang == "en" {
		switch {
		case hasStem(w, nonActionStemsEN):
			return true, j
		case w == "decision" || w == "statement":
			return true, j // "made a decision", "issued a statement"
		case hasStem(w, []string{"respond", "repl"}) && press():
			return true, j
		}
		return false, j
	}
	switch {
	case hasStem(w, nonActionStemsRU):
		return true, j
	case strings.HasPrefix(w, "прин") && (in(j+1) && strings.HasPrefix(toks[j+1].norm, "решени") || in(j+2) && strings.HasPrefix(toks[j+2].norm, "решени")):
		return true, j + 1 // "так и не принял окончательного решения"
	case strings.HasPrefix(w, "ответ") && press():
		return true, j
	}
	return false, j
}

// nonActionFillRU are the words that may stand between a Russian marker
// and its "не".
var nonActionFillRU = []string{"ничего", "никак", "официально", "публично"}

// nonActionAt reports whether a marker of something not yet done ("still
// not", "yet to", "до сих пор не") opens at token i, and returns the
// token after the marker.
func nonActionAt(toks []token, i int, lang string) (bool, int) {
	w := strings.ReplaceAll(toks[i].norm, "’", "'")
	at := func(k int, s ...string) bool {
		if i+k >= len(toks) {
			return false
		}
		n := strings.ReplaceAll(toks[i+k].norm, "’", "'")
		for _, x := range s {
			if n == x {
				return true
			}
		}
		return false
	}
	if lang == "en" {
		switch w {
		case "still":
			switch {
			case at(1, "has", "have", "had", "does", "do", "did", "is", "are", "was", "were", "will") && at(2, "not"):
				return true, i + 3
			case at(1, "hasn't", "hasnt", "haven't", "havent", "hadn't", "hadnt", "doesn't", "doesnt", "didn't", "didnt", "not",
				"isn't", "isnt", "aren't", "arent", "wasn't", "wasnt", "won't", "wont"):
				// "still isn't commenting", "still won't comment"
				return true, i + 2
			}
		case "yet":
			if at(1, "to") {
				return true, i + 2 // "has yet to announce"
			}
		case "not", "hasn't", "hasnt", "haven't", "havent":
			if at(1, "yet") {
				return true, i + 2 // "has not yet announced"
			}
		}
		return false, i
	}
	k := 0 // the marker's length before its "не"
	switch {
	case w == "до" && at(1, "сих") && at(2, "пор"):
		k = 3
	case w == "так" && at(1, "и"):
		k = 2
	case w == "пока" && at(1, "что"):
		k = 2
	case w == "пока", w == "еще":
		k = 1
	default:
		return false, i
	}
	if at(k, nonActionFillRU...) {
		k++ // "пока ничего не объявила", "до сих пор официально не прокомментировал"
	}
	if at(k, "не") {
		return true, i + k + 1
	}
	return false, i
}

// nonActionSpan finds a report of a company's non-action (see the file's
// comment) in a text of lang, and returns its first and last tokens.
func nonActionSpan(s *scratch, lang string) (from, to int, ok bool) {
	if lang != "en" && lang != "ru" || s.d.excl > 0 || s.d.quest > 0 {
		return 0, 0, false
	}
	toks := s.d.toks
	for i := range toks {
		switch toks[i].kind {
		case tokWord:
			if speakerWords[strings.ReplaceAll(toks[i].norm, "’", "'")] {
				return 0, 0, false
			}
		case tokEmoticon, tokEmoji, tokMention:
			return 0, 0, false
		}
	}
	gap := nonActionGapRU
	if lang == "en" {
		gap = nonActionGapEN
	}
	from = -1
	for i := 0; i < len(toks) && from < 0; i++ {
		if toks[i].kind != tokWord {
			continue
		}
		found, j := nonActionAt(toks, i, lang)
		if !found {
			continue
		}
		for ; j < len(toks) && j <= i+8 && s.sent[j] == s.sent[i] && toks[j].kind == tokWord; j++ {
			if v, last := nonActionVerb(toks, s.sent, j, lang); v {
				from, to = i, last
				break
			}
			if !gap[toks[j].norm] {
				break
			}
		}
	}
	if from < 0 || closingVerdict(s) { // verdict_close.go
		return 0, 0, false
	}
	// what it governs, to the clause's end: "the layoffs", "условия";
	// a question it leaves open too ("сообщил, когда восстановят сервис")
	for to+1 < len(toks) && s.sent[to+1] == s.sent[from] {
		t := &toks[to+1]
		if t.kind == tokPunct && t.punct == ',' && to+2 < len(toks) && openQuestion[toks[to+2].norm] {
			to += 2
			continue
		}
		if t.kind == tokPunct {
			break
		}
		to++
	}
	for _, h := range s.hits {
		if (h.tok < from || h.tok > to) && h.val < 0 && h.tags&tComplaint != 0 {
			return 0, 0, false // a complaint beside it: "Интернет третий день не работает, а МТС …"
		}
	}
	return from, to, true
}

// openQuestion are the words of a question a company leaves open: "has
// not said when", "не объяснил, почему".
var openQuestion = wordSet(`when why how what whether if where когда почему как что сколько зачем где будет ли`)

// newsNonAction reads a report of a company's non-action: its clause's
// words keep no valence, and s.nonAction is set for the intents. In
// English it is news as a whole (enNewsOf).
func (s *scratch) newsNonAction(a *analysis) {
	s.nonAction = false
	if !a.about || a.addressed {
		return
	}
	from, to, ok := nonActionSpan(s, a.lang)
	if !ok {
		return
	}
	s.nonAction = true
	for k := range s.hits {
		if h := &s.hits[k]; h.tok >= from && h.tok <= to || a.lang == "en" {
			h.val = 0
			h.tags &^= tComplaint | tPraise
		}
	}
}
