package score

// salesShapeCases are TestIntentShapes cases of purchase intent and churn
// on sentences written for the test (none is from the labelled sets), in
// both languages, each kind with cases that must not be tagged: a plan to
// buy is a lead and a purchase made is not; a move to the brand is a lead
// and a move to another company is churn; a move to a new plan, a trip
// or a minus balance is neither; a link title is nobody's plan.
var salesShapeCases = []struct {
	brand, lang, text string
	want, not         []string
}{
	// Russian purchase intent: plans, looking around, a move to the brand
	{"Квазар", "ru", "Хочу подключить безлимит в Квазаре", []string{TagPurchaseIntent}, nil},
	{"Квазар", "ru", "Думаю перейти на Квазар с сохранением номера", []string{TagPurchaseIntent}, []string{TagChurn}},
	{"Квазар", "ru", "Перейду на #Квазар, надоели обрывы у Зенита", []string{TagPurchaseIntent}, []string{TagChurn}},
	// a move from another company to the brand is no churn, though the
	// churn phrase "ухожу от BRAND" spans it across its gap
	{"Квазар", "ru", "Ухожу от Зенита к Квазару", []string{TagPurchaseIntent}, []string{TagChurn}},
	{"Квазар", "ru", "Ухожу от Квазара к Зениту", []string{TagChurn}, nil},
	{"Квазар", "ru", "Откажусь от услуг Квазара", []string{TagChurn}, nil},
	{"Квазар", "ru", "Присматриваюсь к тарифам Квазара для планшета", []string{TagPurchaseIntent}, nil},
	{"Квазар", "ru", "Какую карту лучше оформить в Квазаре?", []string{TagPurchaseIntent}, nil},
	{"Квазар", "ru", "Перехожу на новый тариф Квазара, там дешевле", []string{TagPurchaseIntent}, []string{TagChurn}},
	// not purchase intent: done already, a link title
	{"Квазар", "ru", "Подключил безлимит в Квазаре, доволен", nil, []string{TagPurchaseIntent}},
	{"Квазар", "ru", "http://example.com/k Хочу взять кредит в банке Квазар", nil, []string{TagPurchaseIntent}},
	// Russian churn: moving to another company, considering it, leaving
	{"Квазар", "ru", "Перейду на #Зенит, Квазар совсем охренел", []string{TagChurn}, []string{TagPurchaseIntent}},
	{"Квазар", "ru", "Всю семью переходим к Зениту, Квазар задолбал обрывами", []string{TagChurn}, nil},
	{"Квазар", "ru", "Думаю о смене оператора, Квазар достал", []string{TagChurn}, nil},
	{"Квазар", "ru", "Хочу перейти на Зенит, Квазар достал", []string{TagChurn}, []string{TagPurchaseIntent}},
	{"Квазар", "ru", "Свалю-ка я с Квазара на Зенит с сохранением номера", []string{TagChurn}, nil},
	{"Квазар", "ru", "Придётся банк менять, Квазар опять заблокировал карту", []string{TagChurn}, nil},
	{"Квазар", "ru", "Квазар, уйду от вас, если не почините интернет", []string{TagChurn}, nil},
	{"Квазар", "ru", "Уже неделю как перешла к другому оператору, Квазар", []string{TagChurn}, nil},
	{"Квазар", "ru", "Прощай Квазар, больше не вернусь", []string{TagChurn}, nil},
	{"Квазар", "ru", "На Квазар больше никогда не пойду", []string{TagChurn}, nil},
	// not churn: a minus balance, a new plan, money moved, advice
	{"Квазар", "ru", "Квазар, я опять ушёл в минус из-за вашей абонентки", nil, []string{TagChurn}},
	{"Квазар", "ru", "Квазар перевёл деньги на Яндекс только к вечеру", nil, []string{TagChurn}},
	{"Квазар", "ru", "Ухожу в отпуск, Квазар, не скучайте", nil, []string{TagChurn}},
	// English purchase intent
	{"Quasar", "en", "@Quasar trying to book a flight to Denver for March, any deals?", []string{TagPurchaseIntent}, nil},
	{"Quasar", "en", "@Quasar is it possible to purchase an upgrade to first class?", []string{TagPurchaseIntent}, nil},
	{"Quasar", "en", "thinking about getting the Quasar card, is the sign-up bonus back?", []string{TagPurchaseIntent}, nil},
	{"Quasar", "en", "@Quasar how much is a checked bag on the Denver flight?", []string{TagPurchaseIntent}, nil},
	// not purchase intent: a wait, a purchase made, advice
	{"Quasar", "en", "@Quasar any idea how much longer we wait at the gate?", nil, []string{TagPurchaseIntent}},
	{"Quasar", "en", "just booked my Quasar flight to Denver, so excited", nil, []string{TagPurchaseIntent}},
	{"Quasar", "en", "try to buy the Quasar one, the battery is better", nil, []string{TagPurchaseIntent}},
	// English churn
	{"Quasar", "en", "@Quasar I'll never fly your airline again", []string{TagChurn}, nil},
	{"Quasar", "en", "@Quasar you screwed me over for the last time, switching to @Zenith", []string{TagChurn}, nil},
	{"Quasar", "en", "@Quasar learned my lesson. Flying Zenith from now on", []string{TagChurn}, nil},
	{"Quasar", "en", "@Quasar about to book on a different airline", []string{TagChurn}, nil},
	{"Quasar", "en", "Quasar lost my bag again, switching to @Zenith next month", []string{TagChurn}, nil},
	{"Quasar", "en", "done waiting, going with #Zenith this time", []string{TagChurn}, nil},
	{"Quasar", "en", "@Quasar I won't be using Quasar again", []string{TagChurn}, nil},
	// not churn: a seat switched, a trip, another airline in passing
	{"Quasar", "en", "@Quasar thanks for switching my seat to the aisle", nil, []string{TagChurn}},
	{"Quasar", "en", "@Quasar switching to the family plan was easy", nil, []string{TagChurn}},
	{"Quasar", "en", "@Quasar we are going to Boston with the kids tomorrow", nil, []string{TagChurn}},
	{"Quasar", "en", "@Quasar the captain asked if we were ready to go flying", nil, []string{TagChurn}},
	{"Quasar", "en", "@Quasar whenever I use any other airline I'm delayed, you are the best", nil, []string{TagChurn}},
	{"Quasar", "en", "switched to Quasar last year and never looked back", nil, []string{TagChurn, TagPurchaseIntent}},
}
