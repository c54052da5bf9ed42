package score

import "testing"

// review5 are sentences written for the review of the fifth everyday
// rounds (DATA.md, "Review of the fifth everyday rounds"): each fix has
// sentences it must change and sentences it must leave as the rounds
// read them. None is a line of a corpus.
var review5 = []struct {
	name, brand, text string
	sentiment         string
	tags, no          []string
}{
	// a verdict closing the text is the author's own (verdict_close.go)
	{"progressive then verdict", "Acme", "Acme is cutting corners again, awful service", "negative", []string{"complaint"}, nil},
	{"progressive then verdict 2", "Acme", "Acme is raising prices again, greedy as always", "negative", []string{"complaint"}, nil},
	{"report then verdict", "Acme", "The Acme app crashed three times today, customers report. Useless", "negative", []string{"complaint"}, nil},
	{"non-action then verdict", "Acme", "Acme still hasn't commented on the layoffs, disgraceful", "negative", []string{"complaint"}, nil},
	{"ru announced then verdict", "Сбербанк", "Сбербанк объявил о повышении тарифов. Позор", "negative", nil, nil},
	{"ru announced then failure", "Сбербанк", "Сбербанк сообщил о сбоях, а деньги так и не вернули, позор", "negative", []string{"complaint"}, nil},
	{"ru non-action then verdict", "Сбер", "Сбер до сих пор не прокомментировал утечку, позор", "negative", []string{"complaint"}, nil},
	// news with a closing clause that is no verdict stays news
	{"citing a cause", "Lidl", "Lidl is pulling out of Malta, citing weak demand", "neutral", nil, []string{"complaint"}},
	{"failures told", "Skyway", "Skyway pilots strike on Monday, dozens of flights cancelled", "neutral", nil, []string{"complaint"}},
	{"source at the end", "Orbitel", "Orbitel mobile data down in the south, users report no service", "neutral", nil, []string{"complaint"}},
	{"ru repaired", "Сбербанк", "Сбербанк сообщил о сбое в приложении, который устранили за час", "neutral", nil, []string{"complaint"}},
	// a report's source opening the text tells the news itself
	{"source opening", "Acme", "Users say the Acme app keeps crashing", "negative", []string{"complaint"}, nil},
	{"source closing", "Acme", "The Acme app keeps crashing, users say", "neutral", nil, []string{"complaint"}},
	// non-action: what the brand owes someone, further from the verb
	{"request for a refund", "Acme", "Acme still hasn't replied to the request for a refund", "negative", []string{"complaint"}, nil},
	{"repair", "Acme", "Acme still hasn't confirmed the repair", "negative", []string{"complaint"}, nil},
	{"ru request for a refund", "Сбер", "Сбер до сих пор не ответил на запрос о возврате денег", "negative", []string{"complaint"}, nil},
	{"requests for comment", "Acme", "Acme still has not responded to requests for comment", "neutral", nil, []string{"complaint"}},
	{"ru journalists", "Сбер", "Сбер до сих пор не ответил на запросы журналистов", "neutral", nil, []string{"complaint"}},
	// non-action: the forms of "still not" the rounds missed
	{"still isn't", "Acme", "Acme still isn't commenting on the rumours", "neutral", nil, []string{"complaint"}},
	{"still won't", "Acme", "Acme still won't comment on the layoffs", "neutral", nil, []string{"complaint"}},
	{"curly apostrophe", "Acme", "Acme still hasn’t announced the prices", "neutral", nil, []string{"complaint"}},
	{"still won't fix", "Acme", "Acme still won't fix the outage", "negative", []string{"complaint"}, nil},
	// Russian markers with a word before their "не"
	{"ru nothing yet", "Сбер", "Сбер пока ничего не сообщил о сбое", "neutral", nil, []string{"complaint"}},
	{"ru not officially", "Сбер", "Сбер до сих пор официально не прокомментировал сбой", "neutral", nil, []string{"complaint"}},
	{"ru nothing returned", "Озон", "Озон до сих пор ничего не вернул покупателю", "negative", []string{"complaint"}, nil},
	// "were" is "we're" only where no subject stands before it
	{"staff were aware", "Acme", "Acme staff were aware of the fraud and did nothing", "negative", []string{"complaint"}, nil},
	{"were aware opening", "Acme", "Were aware of the outage at Acme, engineers are on it", "neutral", nil, []string{"complaint"}},
	// a company's statement beside a customer's voice is no statement
	{"quoted, then a verdict", "Acme", "Acme keeps saying we are aware of the issue. Three days without internet. Pathetic", "negative", []string{"complaint"}, nil},
	{"our internet", "Acme", "Acme says \"we are aware of the issue\" but our internet has been down for three days", "negative", []string{"complaint"}, nil},
	{"looking into cancelling", "Acme", "We're looking into cancelling Acme, constant outages", "negative", []string{"churn"}, nil},
	{"investigating switching", "Acme", "We are investigating switching from Acme, their service is awful", "negative", []string{"churn"}, nil},
	{"ru leaving", "МТС", "Мы работаем над тем, чтобы уйти от МТС, связь ужасная", "negative", []string{"churn"}, nil},
	{"ru staff without service", "МТС", "Наши сотрудники уже неделю без связи из-за МТС, кошмар", "negative", []string{"complaint"}, nil},
	{"statement", "Acme", "Acme: We are aware of the issue and our engineers are on it", "neutral", nil, []string{"complaint", "churn"}},
	{"ru statement", "МТС", "МТС: мы в курсе проблемы, наши специалисты уже работают", "neutral", nil, []string{"complaint", "churn"}},
	// leaving told plainly: what is no leaving
	{"leaving for a flight", "Skyway", "Leaving at 5 for my Skyway flight", "", nil, []string{"churn"}},
	{"leaving to catch", "Skyway", "Leaving now to catch the Skyway flight, so excited", "", nil, []string{"churn"}},
	{"bye crew", "Skyway", "Bye Skyway crew, thanks for a lovely flight", "", nil, []string{"churn"}},
	{"bye see you", "Orbitel", "Bye Orbitel, see you at the store tomorrow", "", nil, []string{"churn"}},
	{"app cache", "Parcelo", "Deleting the app cache fixed Parcelo for me", "", nil, []string{"churn"}},
	{"moving a desk", "Orbitel", "Moving my desk to London next week, Orbitel install booked", "", nil, []string{"churn"}},
	{"renewing a passport", "Quillo", "Not renewing the passport until Quillo sends the form", "", nil, []string{"churn"}},
	// and what is
	{"leaving for a rival", "Orbitel", "Orbitel again. Leaving at the end of the month for Telco", "", []string{"churn"}, nil},
	{"leaving now", "Orbitel", "Orbitel put the price up. Leaving now", "", []string{"churn"}, nil},
	{"bye brand", "Orbitel", "Goodbye Orbitel, hello Telco", "", []string{"churn"}, nil},
	{"deleted the brand's app", "Orbitel", "Deleted the Orbitel app", "", []string{"churn"}, nil},
	{"moving a salary", "Orbitel", "Moving my salary to Telco, Orbitel bank is useless", "", []string{"churn"}, nil},
	{"isnt worth renewing", "Orbitel", "Orbitel price hike, isnt worth renewing", "", []string{"churn"}, nil},
	{"not renewing a contract", "Orbitel", "Not renewing the contract with Orbitel", "", []string{"churn"}, nil},
}

// TestReview5 checks the fixes of the review of the fifth everyday
// rounds on sentences written for the test.
func TestReview5(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range review5 {
		t.Run(c.name, func(t *testing.T) {
			checkSentence(t, e, c.brand, c.text, c.sentiment, c.tags, c.no)
		})
	}
}

// TestReview5NonActionRU checks that a Russian marker of non-action with
// a word before its "не" ("пока ничего не", "до сих пор официально не")
// is read as news of non-action (news_nonaction.go), and that a service
// withheld after one is not.
func TestReview5NonActionRU(t *testing.T) {
	e := newTestEngine(t)
	var got bool
	e.featHook = func(s *scratch, _ signals) { got = s.nonAction }
	for text, want := range map[string]bool{
		"Сбер пока ничего не сообщил о сбое":                        true,
		"Сбер пока никак не прокомментировал утечку данных":         true,
		"Сбер до сих пор официально не прокомментировал сбой":       true,
		"Сбер до сих пор ничего не сообщил о возврате денег":        false,
		"Сбер пока не объявил цены":                                 true,
		"Сбер пока ничего не вернул, хотя обещал ещё в понедельник": false,
	} {
		got = false
		e.Score(Input{Text: text, Brand: "Сбер"})
		if got != want {
			t.Errorf("%q: news of non-action %v, want %v", text, got, want)
		}
	}
}
