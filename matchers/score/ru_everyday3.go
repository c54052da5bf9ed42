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
var ruYouStems = []string{"вас", "ваш", "услуг", "тебя", "твоих", "вашого", "ваших", "вас", "послуг"}

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
		switch {
		case ruLeaveVerbs[w] || ruMoveVerbs[w] || ruLeftVerbs[w]:
			switch s.ruMoveAim(i) {
			case 1:
				return true
			case 0:
				if ruLeaveVerbs[w] && s.ruLeavesOnly(i) {
					return true
				}
			}
		case ruChangeVerbs[w] && hasStem(word(i+1), ruChangedStems):
			return true
		case ruOtherWords[w] && hasStem(word(i+1), ruProviderStems):
			for k := i - 1; k >= 0 && k >= i-4; k-- {
				if ruSeekVerbs[word(k)] {
					return true
				}
			}
		case ruCloseVerbs[w] && tie(i), ruClosedVerbs[w] && complained && tie(i) && (ruMineBefore(toks, i) || i == 0 || isSentenceEnd(&toks[i-1])):
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
