package score

import (
	"slices"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestNewsCleared: news that lifts a charge from the brand carries no
// fraud, legal threat, complaint or praise, and is no critical alert; a
// charge kept, a customer's dispute closed, a case won against the brand
// and a person's own account keep what they tell.
func TestNewsCleared(t *testing.T) {
	e := newTestEngine(t)
	risk := []string{"fraud", "legal_threat", "complaint", "praise"}
	for _, c := range []struct {
		brand, text string
		cleared     bool // no risk tag, no complaint or praise, not negative, not critical
		keep        string
	}{
		{"Quasar Bank", "Quasar Bank cleared of fraud charges", true, ""},
		{"Quasar Bank", "Regulator clears Quasar Bank of wrongdoing over mortgage sales", true, ""},
		{"Quasar Bank", "Court acquits Quasar Bank of money laundering charges", true, ""},
		{"Quasar Bank", "Regulator drops probe into Quasar Bank", true, ""},
		{"Quasar Bank", "Judge dismisses class action against Quasar Bank", true, ""},
		{"Quasar Bank", "FCA closes investigation into Quasar Bank with no action", true, ""},
		{"Quasar Bank", "Quasar Bank wins appeal in fraud case", true, ""},
		{"Quasar Bank", "Quasar Bank found not guilty of misleading customers", true, ""},
		{"Квазар Банк", "Суд оправдал Квазар Банк по делу о мошенничестве", true, ""},
		{"Квазар Банк", "С Квазар Банка сняли обвинения в отмывании денег", true, ""},
		{"Квазар Банк", "Прокуратура не выявила нарушений в работе Квазар Банка", true, ""},
		{"Квазар Банк", "ЦБ закрыл проверку Квазар Банка", true, ""},
		{"Квазар Банк", "Квазар Банк выиграл дело против бывшего клиента", true, ""},

		{"Quasar Bank", "Quasar Bank charged with fraud", false, "fraud"},
		{"Quasar Bank", "Quasar Bank not cleared of fraud charges", false, "fraud"},
		{"Quasar Bank", "Judge refuses to dismiss lawsuit against Quasar Bank", false, "legal_threat"},
		{"Quasar Bank", "Customers win lawsuit against Quasar Bank over hidden fees", false, "legal_threat"},
		{"Quasar Bank", "Quasar Bank was cleared of fraud, but they stole my savings", false, "fraud"},
		{"Quasar Bank", "Quasar Bank closed my account and dismissed my complaint, this is fraud", false, "complaint"},
		{"Квазар Банк", "Квазар Банк не оправдал ожиданий, деньги украли мошенники", false, "complaint"},
		{"Квазар Банк", "Суд отказался прекратить дело против Квазар Банка", false, "legal_threat"},
		{"Квазар Банк", "Возврат отклонили по результатам проверки, Квазар Банк просто издевается", false, "complaint"},
		{"Квазар Банк", "Продавец на Квазар Маркете прислал пустую коробку, а спор закрыли в его пользу", false, "complaint"},
	} {
		r := e.Score(Input{Text: c.text, Brand: c.brand})
		if c.cleared {
			for _, tag := range risk {
				if slices.Contains(r.Tags, tag) {
					t.Errorf("%q: tag %s, want none of %v", c.text, tag, risk)
				}
			}
			if r.Sentiment == model.Negative || r.Severity == model.SeverityCritical {
				t.Errorf("%q: %s, %s; want neither negative nor critical", c.text, r.Sentiment, r.Severity)
			}
			continue
		}
		if !slices.Contains(r.Tags, c.keep) {
			t.Errorf("%q: tags %v, want %s kept", c.text, r.Tags, c.keep)
		}
	}
}
