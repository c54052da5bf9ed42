package score

import (
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestReview6ReliefNews checks that news taking a burden off customers
// ("cuts fees", "отменил комиссию", "сбой устранён") does not weigh as
// adverse for the default severity, while news of an adverse event
// (job cuts, cancelled flights, an outage) still does.
func TestReview6ReliefNews(t *testing.T) {
	e := newTestEngine(t)
	for _, c := range []struct {
		brand, text string
		want        string
	}{
		{"Quasar Bank", "Quasar Bank cuts fees", model.SeverityInfo},
		{"Quasar Bank", "Quasar Bank slashes overdraft charges", model.SeverityInfo},
		{"Квазар Банк", "Квазар Банк восстановил работу приложения после сбоя, сообщает РБК", model.SeverityInfo},
		{"Квазар Банк", "Сбой в приложении Квазар Банка устранён, сообщает РБК", model.SeverityInfo},
		{"Quasar Bank", "Quasar Bank cuts 500 jobs", model.SeverityWarning},
		{"Quasar Bank", "Quasar Bank accused of hiding fees from customers", model.SeverityWarning},
		{"Квазар Банк", "Квазар Банк сократил 500 сотрудников, сообщает РБК", model.SeverityWarning},
		{"Квазар Банк", "Сбой в приложении Квазар Банка, сообщает РБК", model.SeverityWarning},
		{"Квазар Банк", "Квазар Банк отменил рейсы из-за сбоя, сообщает РБК", model.SeverityWarning},
	} {
		r := e.Score(Input{Text: c.text, Brand: c.brand})
		if r.Severity != c.want {
			t.Errorf("%q: severity %s (sentiment %s), want %s", c.text, r.Severity, r.Sentiment, c.want)
		}
	}
}
