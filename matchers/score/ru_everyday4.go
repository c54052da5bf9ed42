package score

import "github.com/mentionwatch/mentionwatch/internal/model"

// Fourth round of everyday Russian and Ukrainian (DATA.md, "Everyday
// Russian sentences, fourth round").

// ruComplaintTone makes a Russian complaint about the brand that the
// words left neutral unfavourable: a complaint told flatly ("Перекрёсток
// доставил заказ без половины позиций, а списал за всё", "Не буду больше
// продлевать ОСАГО, выплаты не дождёшься") is a customer's bad word about
// the brand though it carries no word of feeling. News, a text with a
// favourable word, praise, a question or a plan to buy, a reply, a feeling
// about the day or the weather (ruElsewhere), and a warning about someone posing as the brand are left alone.
func (e *Engine) ruComplaintTone(s *scratch, a *analysis, res *Result, tags tagSet, news bool) {
	if a.lang != "ru" || !a.about || news || s.posing || tags&tComplaint == 0 || tags&(tPraise|tQuestion|tPurchase) != 0 || res.Sentiment != model.Neutral {
		return
	}
	toks := s.d.toks
	if a.pos > 0 || s.d.quest > 0 || len(toks) > 0 && toks[0].kind == tokMention || s.replyOrRetweet() {
		return // something favourable, a question, a reply: not told flatly
	}
	for _, h := range s.hits {
		if h.val < 0 && s.ruNearElsewhere(toks, h.tok) && !s.ruBrandInClause(h.tok) {
			return // "Ужасный день, еду в …": the feeling is about the day (ruElsewhere)
		}
	}
	if res.Negativity < e.th.Negative {
		res.Negativity = e.th.Negative
	}
	res.Sentiment = model.Negative
}

// ruSomeone are the words of "someone" that open a question to whoever
// knows as "кто" does: "Хтось знає, чи …", "кто-нибудь брал …".
var ruSomeone = wordSet(`кто-нибудь кто-то кто-либо хтось хто-небудь хто-небудь`)

// ruUntilWhen are the words of "until what time" after "до": "до скольки
// работает", "до котрої години".
var ruUntilWhen = wordSet(`скольки скількох котрої которого`)
