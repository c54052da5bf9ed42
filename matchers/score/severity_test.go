package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestDefaultSeverity checks the built-in severity on labelled examples
// (issue 12, "Defaults that keep the PR channel silent"): with no rules,
// what a PR team must see at once is critical, a mild complaint on an
// ordinary forum a warning, and neutral news info.
func TestDefaultSeverity(t *testing.T) {
	e, err := New(config.Scoring{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	forum := model.Source{Name: "forum", Type: "forum", Weight: 1}
	news := model.Source{Name: "news", Type: "feed", Weight: 1.5}
	tests := []struct {
		name string
		in   Input
		want string
	}{
		{"fraud accusation", Input{Text: "Quasar Bank is a scam, they stole my savings", Brand: "Quasar Bank", Source: forum}, model.SeverityCritical},
		{"fraud accusation ru", Input{Text: "Квазар Банк — мошенники, списали деньги со вклада без моего согласия", Brand: "Квазар Банк", Source: forum}, model.SeverityCritical},
		{"phishing warning", Input{Text: "Осторожно: звонят мошенники от имени Квазар Банка и просят код из СМС", Brand: "Квазар Банк", Source: forum}, model.SeverityCritical},
		{"lawsuit", Input{Text: "Подаю иск в суд на Квазар Банк, деньги так и не вернули", Brand: "Квазар Банк", Source: forum}, model.SeverityCritical},
		{"regulator complaint", Input{Text: "Написала жалобу в ЦБ на Квазар Банк, третий месяц не возвращают деньги", Brand: "Квазар Банк", Source: forum}, model.SeverityCritical},
		{"small claims", Input{Text: "My lawyer is filing against Quasar Bank in small claims court on Monday", Brand: "Quasar Bank", Source: forum}, model.SeverityCritical},
		{"churn", Input{Text: "Ушёл из Квазар Банка в Сбер, больше не вернусь", Brand: "Квазар Банк", Source: forum}, model.SeverityCritical},
		{"churn en", Input{Text: "Closed my Quasar Bank account today, moving to a credit union", Brand: "Quasar Bank", Source: forum}, model.SeverityCritical},
		{"complaint headline, weighty source", Input{Title: "Приложение Квазар Банка не работает второй день", Text: "Клиенты жалуются на сбои при входе.", Brand: "Квазар Банк", Source: news}, model.SeverityCritical},
		{"complaint headline en", Input{Title: "Quasar Bank customers locked out of accounts for a second day", Text: "Customers report failed logins and blocked cards.", Brand: "Quasar Bank", Source: news}, model.SeverityCritical},
		{"accusation told as news, weighty source", Input{Title: "Quasar Bank accused of hiding fees from customers", Brand: "Quasar Bank", Source: news}, model.SeverityCritical},
		{"lockout told as news, title only", Input{Title: "Quasar Bank customers locked out of accounts for second day", Brand: "Quasar Bank", Source: news}, model.SeverityCritical},
		{"outage report with its source ru", Input{Title: "Сбой в приложении Квазар Банка: клиенты не могут оплатить покупки, сообщает РБК", Brand: "Квазар Банк", Source: news}, model.SeverityCritical},
		{"accusation told as news, forum", Input{Text: "Quasar Bank accused of hiding fees from customers", Brand: "Quasar Bank", Source: forum}, model.SeverityWarning},
		{"good news told as news", Input{Title: "Quasar Bank reports record quarterly profit", Brand: "Quasar Bank", Source: news}, model.SeverityInfo},
		{"announcement told as news ru", Input{Title: "Квазар Банк объявил о повышении ставок по вкладам", Brand: "Квазар Банк", Source: news}, model.SeverityInfo},
		{"mild complaint, forum", Input{Text: "Приложение Квазар Банка тормозит при входе", Brand: "Квазар Банк", Source: forum}, model.SeverityWarning},
		{"mild complaint en, forum", Input{Text: "The Quasar Bank app keeps crashing when I log in, annoying", Brand: "Quasar Bank", Source: forum}, model.SeverityWarning},
		{"complaint in the body of a weighty source", Input{Title: "Банки и клиенты", Text: "Приложение Квазар Банка тормозит при входе", Brand: "Квазар Банк", Source: news}, model.SeverityWarning},
		{"routine inspection", Input{Text: "ЦБ проверит Квазар Банк в плановом порядке", Brand: "Квазар Банк", Source: forum}, model.SeverityInfo},
		{"neutral news headline", Input{Title: "Квазар Банк открыл отделение в Казани", Text: "Новый офис работает с понедельника.", Brand: "Квазар Банк", Source: news}, model.SeverityInfo},
		{"neutral news en", Input{Title: "Quasar Bank opens a branch in Leeds", Text: "The branch opens on Monday.", Brand: "Quasar Bank", Source: news}, model.SeverityInfo},
		{"question", Input{Text: "Подскажите, сколько стоит обслуживание карты Квазар Банка", Brand: "Квазар Банк", Source: forum}, model.SeverityInfo},
		{"switching to the brand", Input{Text: "Перешёл в Квазар Банк, всё отлично", Brand: "Квазар Банк", Source: forum}, model.SeverityInfo},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Score(tc.in)
			if r.Severity != tc.want {
				t.Errorf("severity %s, want %s (sentiment %s, negativity %.2f, importance %.2f, tags %v)", r.Severity, tc.want, r.Sentiment, r.Negativity, r.Importance, r.Tags)
			}
		})
	}
}
