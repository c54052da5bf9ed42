package score

import "testing"

// TestNewsNonAction checks that news of what a company has not yet said
// or decided is no complaint (news_nonaction.go), while a failure the
// brand owes someone, told with "still" or "до сих пор не", stays one.
// The sentences are written for the test; none is a line of a corpus.
func TestNewsNonAction(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		brand, text string
		complaint   bool
	}{
		// news: a company's communication or decision not yet made
		{"Drivo", "Drivo still has not announced prices", false},
		{"Acme", "Acme still hasn't commented on the layoffs", false},
		{"Acme", "Acme has yet to confirm the date of the launch", false},
		{"Acme", "Acme has not yet disclosed the terms of the deal", false},
		{"Comcast", "Comcast still has not responded to requests for comment", false},
		{"Сбер", "Сбер до сих пор не раскрыл условия", false},
		{"Компания", "Компания пока не объявила цены", false},
		{"МТС", "МТС так и не прокомментировала сбой", false},
		{"Сбербанк", "Сбербанк так и не принял решение по вкладам", false},
		{"Яндекс", "Яндекс пока не ответил на вопросы журналистов", false},
		// a failure someone lives through: still a complaint
		{"Comcast", "Comcast still hasn't fixed my internet", true},
		{"Acme", "Acme still hasn't fixed the outage", true},
		{"Parcelo", "Parcelo still hasn't responded to my email", true},
		{"Acme", "Acme still hasn't explained why they charged me twice", true},
		{"Parcelo", "Parcelo support still hasn't responded", true},
		{"Билайн", "Билайн так и не ответили на мою жалобу", true},
		{"Озон", "Озон до сих пор не вернули деньги", true},
		{"Сбер", "Сбер до сих пор не объяснил, почему списали мои деньги", true},
		{"Билайн", "Интернет третий день не работает, а Билайн до сих пор не сообщил, когда починят", true},
		{"Билайн", "Билайн так и не починил вышку в посёлке", true},
		// a communication verb whose object is what the brand owes a customer
		{"Skyway", "Skyway still has not confirmed the refund three weeks later", true},
		{"Аэрофлот", "Аэрофлот так и не подтвердил бронь", true},
		{"Сбер", "Сбер до сих пор не подтвердил перевод", true},
	} {
		if c.complaint {
			checkSentence(t, e, c.brand, c.text, "negative", []string{"complaint"}, nil)
		} else {
			checkSentence(t, e, c.brand, c.text, "neutral", nil, []string{"complaint", "praise"})
		}
	}
}
