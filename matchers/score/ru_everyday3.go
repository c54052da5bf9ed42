package score

import "strings"

// Shapes of everyday Russian and Ukrainian customer talk read in the third
// Russian round: a customer leaving the brand told without a named rival
// ("ухожу от Дом.ру", "закрываю карту", "перестала ходить в Перекрёсток",
// "больше ни ногой").

// ruLeaveVerbs are the verbs of leaving a provider in the first person of
// the present or the future and in the infinitive after a plan: leaving
// itself, whoever the rival is.
var ruLeaveVerbs = wordSet(`
	ухожу уходим уйду уйдем уйти уходить
	отказываюсь отказываемся откажусь откажемся отказаться
	расторгаю расторгаем расторгну расторгнем расторгнуть
	сваливаю свалю свалить сбегаю сбегу сбежать
	відмовляюсь відмовлюся відмовлюсь відмовитися розриваю розірву`)

// ruMoveVerbs move from one provider to another: leaving when the move is
// away from someone ("переходим с Битрикс24 на amoCRM").
var ruMoveVerbs = wordSet(`
	перехожу переходим перейду перейдем перейти переходить
	переезжаю переезжаем переехать переношу перенесу
	переходжу переходимо перейду перейдемо перейти`)

// ruLeftVerbs are the past forms of leaving and moving: a switch already
// done, away from the brand ("ушла из Сбера") or told in a complaint.
var ruLeftVerbs = wordSet(`
	ушел ушла ушли перешел перешла перешли отказался отказалась отказались расторг расторгла расторгли
	сбежал сбежала сбежали свалил свалила свалили
	пішов пішла пішли перейшов перейшла перейшли відмовився відмовилась відмовилися`)

// ruToPreps name where a move goes: toward the brand it is no churn
// ("ухожу от Билайна к МТС" for МТС).
var ruToPreps = wordSet(`на в во к ко до`)

// ruOtherWords say "another" of a provider ("в другой банк", "оптику
// другого провайдера"), ruProviderStems what it is.
var ruOtherWords = wordSet(`другой другого другому другим другом другую другие других иной иного іншого іншому інший іншу інші`)

var ruProviderStems = []string{"банк", "оператор", "провайдер", "перевозчик", "авиакомпан", "магазин", "сервис", "страхов",
	"компани", "доставк", "маркетплейс", "приложени", "такси", "аптек", "супермаркет", "сет", "конкурент"}

// ruSeekVerbs look for or move to another provider.
var ruSeekVerbs = wordSet(`
	ищу ищем поищу поищем искать найду найдем выберу выберем подключаю подключу подключим подключаем
	перевожу переведу переводим переведем пойду пойдем иду идем закажу закажем возьму возьмем оформлю открою
	шукаю шукатиму знайду піду переведу`)

// ruFromPreps name where a move starts.
var ruFromPreps = wordSet(`с со от из від з із`)

// ruCloseVerbs close or delete what ties a customer to a provider; the
// past forms count only in a complaint ("Удалил BelkaCar, машины вечно
// грязные"), where they are not a reinstall or an errand.
var ruCloseVerbs = wordSet(`
	закрываю закрываем закрою закроем закрыть
	удаляю удаляем удалю удалим удалить сношу снесу снести
	закриваю закриваємо закрию закрити видаляю видалю видалити`)

// ruChangeVerbs change a provider named by its kind ("сменю оператора",
// "поменяю банк"), ruChangedStems.
var ruChangeVerbs = wordSet(`меняю сменю поменяю сменить поменять меняем сменим поменяем змінюю зміню змінити`)

var ruChangedStems = []string{"оператор", "провайдер", "банк", "страховщик", "перевозчик"}

// ruClosedVerbs are the past forms of ruCloseVerbs.
var ruClosedVerbs = wordSet(`
	закрыл закрыла закрыли удалил удалила удалили снес снесла снесли
	закрив закрила закрили видалив видалила видалили`)

// ruTieStems begin what ties a customer to a provider: an account, a
// card, a contract, an app, a subscription, a number.
var ruTieStems = []string{
	"счет", "счета", "карт", "кредитк", "дебетовк", "вклад", "договор", "аккаунт", "акаунт", "учетн",
	"приложени", "подписк", "симк", "сим-карт", "номер", "оператор", "провайдер", "банк",
	"рахун", "картк", "застосунок", "додаток", "підписк",
}

// ruVisitStems begin the verbs of being a customer after "перестал" or
// "больше не" ("перестала ходить в Перекрёсток", "больше не заказываю").
var ruVisitStems = []string{
	"ходит", "хожу", "ходим", "пользова", "пользую", "заказыва", "покупа", "летат", "летаю", "летаем",
	"брать", "беру", "берем", "обраща", "ездит", "езжу", "ездим", "звон", "заход", "бра",
}

// ruMoveAim reads where the move of the verb at token i goes, within four
// tokens of its clause: 1 away from the brand or a company named ("с",
// "от", "из" before it), -1 toward the brand, 0 neither named.
func (s *scratch) ruMoveAim(i int) int {
	toks := s.d.toks
	for k := i + 1; k+1 < len(toks) && k <= i+4; k++ {
		t := &toks[k]
		if t.kind == tokPunct && t.punct != '-' {
			return 0
		}
		if t.kind != tokWord {
			continue
		}
		if ruFromPreps[t.norm] && (s.brand[k+1] || toks[k+1].kind == tokMention) {
			return 1
		}
		if ruToPreps[t.norm] && s.brand[k+1] {
			return -1
		}
	}
	return 0
}

// ruLeavesOnly reports a verb of leaving at token i that says nothing of
// where to, or leaves someone or something ("ухожу от вас", "скоро
// откажусь", "откажусь от услуг"): not "ухожу в офлайн", "отказаться в
// пользу", "отказаться от возмещения".
func (s *scratch) ruLeavesOnly(i int) bool {
	toks := s.d.toks
	if i+1 >= len(toks) || toks[i+1].kind != tokWord {
		return true // the clause ends with it
	}
	next := toks[i+1].norm
	if !ruFromPreps[next] {
		return !ruToPreps[next] && next != "в" && !strings.HasPrefix(toks[i].norm, "отказ") && !strings.HasPrefix(toks[i].norm, "відмов")
	}
	if i+2 >= len(toks) {
		return false
	}
	n := &toks[i+2]
	return s.brand[i+2] || n.kind == tokMention || hasStem(n.norm, ruTieStems) || hasStem(n.norm, ruYouStems)
}

// ruYouStems begin the words of "you" and "your services" a customer
// leaves.
var ruYouStems = []string{"вас", "ваш", "услуг", "тебя", "твоих", "вашого", "ваших", "послуг"}

// ruMineBefore reports "я" or "мы" among the three words before token i.
func ruMineBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch toks[k].norm {
		case "я", "мы", "ми":
			return true
		}
	}
	return false
}

// The kinds of ruLeaveKinds: which of the word sets above a word is in.
const (
	rlLeave  uint8 = 1 << iota // ruLeaveVerbs
	rlMove                     // ruMoveVerbs
	rlLeft                     // ruLeftVerbs
	rlChange                   // ruChangeVerbs
	rlOther                    // ruOtherWords
	rlClose                    // ruCloseVerbs
	rlClosed                   // ruClosedVerbs
)

// ruLeaveKinds joins the word sets ruLeaving asks of every word, so that
// a word is looked up once, not once a set.
var ruLeaveKinds = func() map[string]uint8 {
	m := map[string]uint8{}
	for _, set := range []struct {
		words map[string]bool
		kind  uint8
	}{{ruLeaveVerbs, rlLeave}, {ruMoveVerbs, rlMove}, {ruLeftVerbs, rlLeft}, {ruChangeVerbs, rlChange},
		{ruOtherWords, rlOther}, {ruCloseVerbs, rlClose}, {ruClosedVerbs, rlClosed}} {
		for w := range set.words {
			m[w] |= set.kind
		}
	}
	return m
}()

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// ruLeaving reports a customer leaving the brand, by the shapes above:
// a verb of leaving; a move away from someone; closing or deleting an
// account, a card, an app or the brand itself (in the past only with
// complained); no longer being a customer ("перестала ходить", "больше
// не заказываю"); "ни ногой", "ноги моей не будет".
func (s *scratch) ruLeaving(complained bool) bool {
	toks := s.d.toks
	word := func(k int) string {
		if k >= 0 && k < len(toks) && toks[k].kind == tokWord {
			return toks[k].norm
		}
		return ""
	}
	// tie reports the brand or a tie to a provider within three words
	// after token i, in its clause
	tie := func(i int) bool {
		for k, n := i+1, 0; k < len(toks) && n < 3; k++ {
			t := &toks[k]
			if s.brand[k] || t.kind == tokMention {
				return true
			}
			if t.kind == tokPunct && t.punct != '-' && t.punct != '«' && t.punct != '"' {
				return false
			}
			if t.kind == tokWord {
				if hasStem(t.norm, ruTieStems) {
					return true
				}
				n++
			}
		}
		return false
	}
	for i := range toks {
		w := word(i)
		if w == "" {
			continue
		}
		k := ruLeaveKinds[w] // one lookup for the word sets above
		switch {
		case k&(rlLeave|rlMove|rlLeft) != 0:
			switch s.ruMoveAim(i) {
			case 1:
				return true
			case 0:
				if k&rlLeave != 0 && s.ruLeavesOnly(i) {
					return true
				}
			}
		case k&rlChange != 0 && hasStem(word(i+1), ruChangedStems):
			return true
		case k&rlOther != 0 && hasStem(word(i+1), ruProviderStems):
			for k := i - 1; k >= 0 && k >= i-4; k-- {
				if ruSeekVerbs[word(k)] {
					return true
				}
			}
		case k&rlClose != 0 && tie(i), k&rlClosed != 0 && complained && tie(i) && (ruMineBefore(toks, i) || i == 0 || isSentenceEnd(&toks[i-1])):
			return true
		case (strings.HasPrefix(w, "перестал") || strings.HasPrefix(w, "перестаю") || strings.HasPrefix(w, "перестала")) && hasStem(word(i+1), ruVisitStems):
			return true
		case w == "больше" && word(i+1) == "не" && hasStem(word(i+2), ruVisitStems) && !strings.HasSuffix(word(i+2), "ть"):
			return true
		case w == "ни" && word(i+1) == "ногой":
			return true
		case w == "ноги" && word(i+1) == "моей", w == "моей" && word(i+1) == "ноги":
			return true
		}
	}
	return false
}

// ruAskOpeners open a question for information at a sentence's start
// (after the brand's name or a name called): "как перенести …", "какой
// тариф брать", "можно ли …", Ukrainian "як", "чи".
var ruAskOpeners = wordSet(`
	как какой какая какое какие каким какую какого каких сколько где куда можно реально возможно
	як який яка яке які якого скільки де куди чи можна`)

// ruAskWho are the verbs of "кто знает", "кто брал", "кто ездил": asking
// those who tried ("Кто ездил на Ситидрайве в Питере, там можно …").
var ruAskWho = []string{"знает", "знал", "подскаж", "пользова", "брал", "ездил", "летал", "заказыва", "сталкива",
	"пробовал", "оформлял", "в курсе", "знає", "користува", "пробува", "замовля"}

// ruRhetoric are the words after which a question is an outburst: "как
// можно", "сколько можно", "как так", "кто так".
var ruRhetoric = wordSet(`можно так же`)

// ruAsksPlain reports a sentence that asks for information, with a single
// "?" or without one, in a text that is no retweet, reply to someone else
// or link: "кто" and a verb of ruAskWho ("кто ездил на …"), "вопрос к";
// in a sentence of no feeling, one opened by one of ruAskOpeners ("как"
// before an infinitive), holding the particle "ли" ("выгоднее ли это",
// "есть ли скидки") or ending in "или нет" ("пустят или нет"); and
// "почему" about the author's own case ("почему у меня заблокирована
// карта"). It ends in one "?" or in nothing (or a last dot). An outburst
// ("?!", "??", "!") and "разве", "неужели" are no
// questions.
func (s *scratch) ruAsksPlain() bool {
	toks, text := s.d.toks, s.d.text
	if s.replyOrRetweet() || len(toks) > 0 && toks[0].kind == tokMention && !s.brand[0] || strings.Contains(text, "http") {
		return false
	}
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && !isSentenceEnd(&toks[i]) {
			continue
		}
		from, to := start, i
		start = i + 1
		if i < len(toks) && toks[i].punct == '?' {
			if outburst(toks, i) || strings.HasPrefix(text[toks[i].end:], "?") || strings.HasSuffix(text[:toks[i].start], "?") {
				continue
			}
		} else if i < len(toks) && (toks[i].punct != '.' || strings.TrimSpace(text[toks[i].end:]) != "") {
			continue // a question ends in "?" or in nothing but a dot
		}
		if s.ruAsksIn(from, to) {
			return true
		}
	}
	return false
}

// ruInfinitive reports a word that looks like an infinitive.
func ruInfinitive(w string) bool {
	return strings.HasSuffix(w, "ть") || strings.HasSuffix(w, "ться") || strings.HasSuffix(w, "ти") || strings.HasSuffix(w, "тись")
}

// ruAsksIn reads one sentence, tokens from to to, for ruAsksPlain.
func (s *scratch) ruAsksIn(from, to int) bool {
	toks := s.d.toks
	word := func(k int) string {
		if k >= from && k < to && toks[k].kind == tokWord {
			return toks[k].norm
		}
		return ""
	}
	// the first word after names, @handles and a name called
	first := from
	for first < to && (s.brand[first] || toks[first].kind == tokMention || toks[first].kind == tokPunct) {
		first++
	}
	mine := false
	for k := from; k < to; k++ {
		w := word(k)
		switch {
		case w == "разве" || w == "неужели" || w == "неужто" || w == "доколе" || w == "спрашиваю" || w == "спрашивается":
			return false
		case ruMine(w):
			mine = true
		}
	}
	calm := true // no word of feeling in the sentence
	for _, h := range s.hits {
		if h.tok >= from && h.tok < to && (h.val >= askCalm || h.val <= -askCalm) {
			calm = false
		}
	}
	w0, w1 := word(first), word(first+1)
	if ruSomeone[w0] {
		w0 = "кто" // "хтось знає", "кто-нибудь брал" (ru_everyday4.go)
	}
	switch {
	case (w0 == "кто" || w0 == "хто") && (hasStem(w1, ruAskWho) || w1 == "в" && word(first+2) == "курсе"):
		return true
	case w0 == "вопрос" && (w1 == "к" || w1 == "" && first+1 < to):
		return true
	case (w0 == "почему" || w0 == "чому") && mine:
		return true
	case !calm:
		return false
	case (w0 == "как" || w0 == "як") && ruInfinitive(w1):
		return true
	case w0 == "до" && ruUntilWhen[w1]:
		return true // "до скольки работает доставка" (ru_everyday4.go)
	case (w0 == "можно" || w0 == "можна") && ruInfinitive(w1):
		return true
	case w0 != "как" && w0 != "як" && w0 != "можно" && w0 != "можна" && ruAskOpeners[w0] && !ruRhetoric[w1]:
		return true
	}
	for k := from + 1; k < to; k++ {
		if w := word(k); (w == "ли" || w == "чи") && word(k-1) != "" && word(k-1) != "то" && word(k-1) != "что" && word(k-1) != "видите" && word(k-1) != "знаете" {
			return true
		}
	}
	return to-2 > from && word(to-2) == "или" && word(to-1) == "нет" || word(to-2) == "чи" && word(to-1) == "ні"
}

// askCalm is the least weight of a word of feeling that makes a sentence
// more than a plain question for ruAsksIn.
const askCalm = 0.8

// fakeStems begin the words of a fake ("фейковые", "поддельный",
// "фальшивый", Ukrainian "фейкові", "підроблені").
var fakeStems = []string{"фейк", "поддел", "поддельн", "фальшив", "підроб", "липов"}

// ruQuotedBrand reports the brand's name in quotes within three tokens
// from token i ("«от Госуслуг»", "на «OLX Доставку»").
func (s *scratch) ruQuotedBrand(i int) bool {
	toks, text := s.d.toks, s.d.text
	for k := i; k < len(toks) && k < i+3; k++ {
		if !s.brand[k] {
			continue
		}
		before := strings.TrimRight(text[:toks[k].start], " ")
		return strings.HasSuffix(before, "«") || strings.HasSuffix(before, "\"") || strings.HasSuffix(before, "„")
	}
	return false
}

// ruElsewhereStems begin the nouns of everyday life that are no service:
// the day, the weather, the traffic, a film, one's work. A word of feeling
// attached to one ("Ненавижу понедельники", "Кошмарные пробки на
// Ленинградке", "ужасный фильм", "Жахливий день і злива") is aimed there,
// not at the brand the text goes on to name.
var ruElsewhereStems = []string{
	"понедельник", "погод", "дождь", "дождя", "дождем", "дожди", "ливень", "ливня", "ливни", "снег", "снегопад", "гололед", "жара", "жары", "мороз",
	"пробк", "фильм", "сериал", "кино", "книг", "спектакл", "матч", "начальник", "начальств", "коллег", "сосед",
	"бывш",
	"погода", "злива", "зливи", "зливу", "дощ", "сніг", "заторі", "затор", "серіал",
}

// ruTimeWords are the days and times of ruElsewhereStems, which a word
// of feeling must stand right beside ("Отвратительный день"): "третий
// день не работает" measures a complaint.
var ruTimeWords = wordSet(`день денек денечек утро вечер вечерок ночь ночка неделя неделька
	дні день ранок вечір ніч тиждень`)

// ruElsewhere damps the words of feeling of a Russian text that names the
// brand attached to a noun of ruElsewhereStems in a clause without the
// brand (a dash is no break: "Сериал — полное разочарование"). Texts with
// a link, a @handle or a #hashtag are left as they are.
func (s *scratch) ruElsewhere() {
	toks := s.d.toks
	if len(s.hits) == 0 || s.d.linkFirst || strings.Contains(s.d.text, "http") {
		return
	}
	for i := range toks {
		if toks[i].kind == tokMention || toks[i].hashtag {
			return // a tweet's talk: its feelings are too often its point
		}
	}
	for k := range s.hits {
		h := &s.hits[k]
		if h.val >= 0 || h.ph >= 0 || h.tags&(tFraud|tLegal|tChurn) != 0 {
			continue
		}
		if s.ruNearElsewhere(toks, h.tok) && !s.ruBrandInClause(h.tok) {
			h.val *= elsewhereDamp
		}
	}
}

// ruNearElsewhere reports a noun of ruElsewhereStems within two words of
// token i (one of ruTimeWords right beside it), with no clause break
// between them.
func (s *scratch) ruNearElsewhere(toks []token, i int) bool {
	for dir := -1; dir <= 1; dir += 2 {
		for k, n := i+dir, 0; k >= 0 && k < len(toks) && n < 2; k += dir {
			t := &toks[k]
			if t.kind == tokPunct {
				if t.punct == '-' {
					continue
				}
				break
			}
			if s.brand[k] {
				break
			}
			n++
			if t.kind == tokWord && (hasStem(t.norm, ruElsewhereStems) || n == 1 && ruTimeWords[t.norm]) {
				// "по понедельникам", "из-за пробок": when or why, not what
				return k == 0 || !ruPreps[toks[k-1].norm]
			}
		}
	}
	return false
}

// ruPreps are the prepositions that make a noun of ruElsewhereStems say
// when or why rather than what a word of feeling is about.
var ruPreps = wordSet(`по в во на из-за из за с со до после перед из-під через у`)

// elsewhereDamp is what a word of feeling aimed at the day, the weather
// or a film keeps toward the brand.
const elsewhereDamp = 0.1

// ruBrandInClause reports the brand's name in the clause of token i
// (between commas, dots and the like).
func (s *scratch) ruBrandInClause(i int) bool {
	toks := s.d.toks
	for dir := -1; dir <= 1; dir += 2 {
		for k := i; k >= 0 && k < len(toks); k += dir {
			if t := &toks[k]; t.kind == tokPunct && t.punct != '-' {
				break
			}
			if s.brand[k] {
				return true
			}
		}
	}
	return false
}

// scamStems begin the words of reaching people, of what a scam takes
// from them and of warnings: calls, messages, links, codes, "осторожно" ("звонят якобы от Сбера",
// "смс от имени банка", "просят код").
var scamStems = []string{"звон", "позвон", "обзванива", "пиш", "напис", "присыла", "прислал", "смс", "sms", "сообщени",
	"рассылк", "ссылк", "код", "мошен", "афер", "развод", "выманива", "карт", "cvv", "пароль",
	"прос", "данн", "перевест", "перевод", "телеграм", "whatsapp", "ватсап", "вайбер", "viber", "мессенджер",
	"осторожн", "внимательн", "бдительн", "обережн", "уваж", "предлага", "письм", "аккаунт", "учетн", "пенсионер",
	"дзвон", "пишуть", "надсила", "повідомлен", "посилан", "шахра"}

// ruScamContact reports a word of scamStems in the text.
func (s *scratch) ruScamContact() bool {
	for i := range s.d.toks {
		if t := &s.d.toks[i]; t.kind == tokWord && hasStem(t.norm, scamStems) {
			return true
		}
	}
	return false
}

// ruCalmAsk reports a question put in a person's own words (no link,
// @handle, #hashtag or "RT") with no "!", "??" or reproach (ruWhy) and
// little unfavourable in it, nothing told after its last "?"
// ("Как перенести остаток минут на следующий месяц в МТС", "Чи працює
// роумінг lifecell у Польщі без додаткової оплати?"): a question for
// information, no complaint, whatever the model reads in its words.
func (s *scratch) ruCalmAsk() bool {
	if s.d.excl > 0 || s.d.linkFirst || strings.Contains(s.d.text, "http") || strings.Contains(s.d.text, "??") {
		return false
	}
	for i := range s.d.toks {
		if t := &s.d.toks[i]; t.kind == tokMention || t.hashtag || t.kind == tokWord && (t.norm == "rt" || ruWhy[t.norm]) {
			return false
		}
	}
	if q := strings.LastIndexByte(s.d.text, '?'); q >= 0 && strings.TrimSpace(s.d.text[q+1:]) != "" {
		return false // "…где интернет-банк? От сайта аж дурно становится"
	}
	against := 0.0
	for _, h := range s.hits {
		if h.val < 0 {
			against -= h.val
		}
	}
	return against < calmAgainst
}

// ruWhy are the words of a question that reproaches ("почему у
// билайна", "какого хутора", "за какие такие грешки").
var ruWhy = wordSet(`почему зачем какого нафига нахрена чего такие чому навіщо`)

// calmAgainst is the unfavourable weight under which a question stays a
// plain one for ruCalmAsk.
const calmAgainst = 1.0
