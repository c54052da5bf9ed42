package score

import "testing"

// riskShapeCases are TestIntentShapes cases of the fraud and legal-threat
// rules (intents_risk.go), both ways and in both languages; every sentence
// was written for the test (none is from the labelled sets).
var riskShapeCases = []struct {
	brand, lang, text string
	want, not         []string
}{
	// fraud: money taken without consent, said without a fraud word
	{"Квазар", "ru", "Квазар списал деньги с карты без моего ведома", []string{TagFraud}, nil},
	{"Квазар", "ru", "Квазар втихую подключил мне платную подписку", []string{TagFraud}, nil},
	{"Квазар", "ru", "Опять сняли деньги со счёта, хотя не имели права. Квазар, верните", []string{TagFraud}, nil},
	{"Квазар", "ru", "Квазар, откуда у меня услуги, которые я не заказывал?", []string{TagFraud}, nil},
	{"Квазар", "ru", "С моей карты Квазар пропали деньги", []string{TagFraud}, nil},
	{"Квазар", "ru", "Кассир Квазара присвоил деньги вкладчиков", []string{TagFraud}, []string{TagComplaint}},
	{"Квазар", "ru", "Квазар ворует деньги у клиентов", []string{TagFraud}, nil},
	{"Квазар", "ru", "Мошенники украли деньги со счёта в Квазаре", []string{TagFraud}, nil},
	{"Quasar", "en", "Three fraudulent charges on my Quasar card this week", []string{TagFraud}, nil},
	{"Квазар", "ru", "Звонили «из службы безопасности», представились сотрудниками Квазара, просили код из СМС, осторожно", []string{TagFraud}, []string{TagComplaint}},
	{"Квазар", "ru", "Мошенники звонят от имени Квазара", []string{TagFraud}, nil},
	{"Quasar", "en", "@Quasar a fake site is copying your login page, careful everyone", []string{TagFraud}, nil},
	{"Quasar", "en", "You charged me for a subscription I never ordered, Quasar", []string{TagFraud}, nil},
	{"Quasar", "en", "Quasar took $40 from my account without my permission", []string{TagFraud}, nil},
	{"Quasar", "en", "$300 disappeared from my Quasar account overnight", []string{TagFraud}, nil},
	// fraud words that are no fraud: robbery, data, a bargain, a negation; money taken with consent
	{"Квазар", "ru", "Из отделения Квазара украли банкомат", nil, []string{TagFraud}},
	{"Квазар", "ru", "Грабители ограбили отделение Квазара", nil, []string{TagFraud, TagLegalThreat}},
	{"Квазар", "ru", "У Квазара похитили данные клиентов", nil, []string{TagFraud}},
	{"Квазар", "ru", "Снял деньги с карты Квазар в банкомате за минуту", nil, []string{TagFraud}},
	{"Квазар", "ru", "Квазар не обманешь, они всё знают", nil, []string{TagFraud}},
	{"Квазар", "ru", "Грабительские тарифы у Квазара, уйду", nil, []string{TagFraud}},
	{"Quasar", "en", "$25 for a checked bag is a rip off, Quasar", nil, []string{TagFraud}},
	{"Квазар", "ru", "Поздравляю коллег от имени всего Квазара", nil, []string{TagFraud}},
	{"Quasar", "en", "What a steal, Quasar tickets to Boston for $49", nil, []string{TagFraud}},
	{"Quasar", "en", "Someone robbed the Quasar ATM on Fifth Street", nil, []string{TagFraud}},
	{"Quasar", "en", "Quasar charged me for the seat upgrade I asked for", nil, []string{TagFraud}},
	// legal threats with substance
	{"Квазар", "ru", "Квазар оштрафовали на 500 тысяч рублей за навязанную страховку", []string{TagLegalThreat}, nil},
	{"Квазар", "ru", "Квазар получил штраф за спам", []string{TagLegalThreat}, nil},
	{"Квазар", "ru", "У Квазара отзовут лицензию", []string{TagLegalThreat}, nil},
	{"Квазар", "ru", "Завтра несу претензию в Квазар, дальше будет иск", []string{TagLegalThreat}, nil},
	{"Квазар", "ru", "Известный актёр будет судиться с Квазаром из-за рекламы", []string{TagLegalThreat}, nil},
	{"Квазар", "ru", "Написала жалобу на Квазар в Роскомнадзор", []string{TagLegalThreat}, nil},
	{"Квазар", "ru", "ФАС возбудила дело против Квазара", []string{TagLegalThreat}, nil},
	{"Квазар", "ru", "Подала жалобу в ЦБ на Квазар", []string{TagLegalThreat}, nil},
	{"Квазар", "ru", "Клиенту отказали в иске к Квазару", []string{TagLegalThreat}, nil},
	{"Quasar", "en", "@Quasar I've filed a DOT complaint about the refund you refused", []string{TagLegalThreat}, nil},
	{"Quasar", "en", "Small claims papers go out Monday unless Quasar returns my deposit", []string{TagLegalThreat}, nil},
	{"Quasar", "en", "Quasar fined $2 million by the FAA over delays", []string{TagLegalThreat}, nil},
	{"Quasar", "en", "Quasar fined $2 million over hidden fees", []string{TagLegalThreat}, nil},
	{"Quasar", "en", "@Quasar no refund after 3 months, taking this to the BBB", []string{TagLegalThreat}, nil},
	{"Quasar", "en", "Sent my complaint about Quasar to the state attorney general today", []string{TagLegalThreat}, nil},
	{"Квазар", "ru", "Отправила письмо в Роспотребнадзор про навязанную Квазаром страховку", []string{TagLegalThreat}, nil},
	{"Quasar", "en", "I'm calling my lawyer about Quasar tomorrow", []string{TagLegalThreat}, nil},
	// regulators written out in full
	{"Quasar", "en", "Quasar froze my account, complaint filed with the Financial Conduct Authority", []string{TagLegalThreat}, nil},
	{"Quasar", "en", "The Financial Conduct Authority published its annual report; Quasar is mentioned once", nil, []string{TagLegalThreat}},
	{"Quasar", "en", "Quasar lost my bag twice, I filed a complaint with the Department of Transportation and the Better Business Bureau", []string{TagLegalThreat}, nil},
	// not legal: the brand as plaintiff or creditor, the police after
	// others, a lawyer in passing, a wish, the brand's own fines, a
	// routine check, a template
	{"Квазар", "ru", "Квазар подал в суд на бывшего заёмщика", nil, []string{TagLegalThreat}},
	{"Квазар", "ru", "Суд вернулся к иску Квазара к поставщику", nil, []string{TagLegalThreat}},
	{"Квазар", "ru", "Судебные приставы арестовали дом должника Квазара", nil, []string{TagLegalThreat}},
	{"Квазар", "ru", "Полиция задержала грабителей отделения Квазара", nil, []string{TagLegalThreat}},
	{"Квазар", "ru", "Суд продлил арест сотрудника Квазара, обвиняемого в растрате", []string{TagFraud}, []string{TagLegalThreat}},
	{"Квазар", "ru", "Квазар ищет юриста в отдел кредитования", nil, []string{TagLegalThreat}},
	{"Квазар", "ru", "Если б я мог, я бы подал в суд на Квазар", nil, []string{TagLegalThreat}},
	{"Квазар", "ru", "Квазар оштрафовал меня за просрочку на два дня", nil, []string{TagLegalThreat}},
	{"Квазар", "ru", "ЦБ проверит Квазар в плановом порядке", nil, []string{TagLegalThreat}},
	{"Квазар", "ru", "скачать образец претензии в Квазар http://example.com/blank", nil, []string{TagLegalThreat}},
	{"Quasar", "en", "Quasar sues a former supplier over unpaid invoices", nil, []string{TagLegalThreat}},
	{"Quasar", "en", "Police arrested the robbers who hit a Quasar branch", nil, []string{TagLegalThreat, TagFraud}},
	{"Quasar", "en", "I'll sue Quasar, I swear", nil, []string{TagLegalThreat}},
	{"Quasar", "en", "$400 for a change fee, Quasar? Highway robbery", nil, []string{TagFraud, TagLegalThreat}},
	{"Quasar", "en", "Quasar fined me $50 for a bag two pounds over", nil, []string{TagLegalThreat}},
	{"Quasar", "en", "Quasar is hiring a lawyer for its Denver office", nil, []string{TagLegalThreat}},
}

// TestRiskCues checks that the shipped cue file parses, that its pairs and
// triples are found side by side only, and that malformed files are
// refused with their line.
func TestRiskCues(t *testing.T) {
	rl, err := parseRiskCues(riskCueData)
	if err != nil {
		t.Fatal(err)
	}
	if f, _, _, _ := rl.get("списали"); f&rkTake == 0 {
		t.Errorf("списали: kinds %b, want take", f)
	}
	if _, l, _, _ := rl.get("оштрафовали"); l&lkFine == 0 {
		t.Errorf("оштрафовали: kinds %b, want fine", l)
	}
	if _, _, head, _ := rl.get("без"); !head {
		t.Error("без opens no pair")
	}
	var buf [96]byte
	if v := rl.pairKinds(buf[:], "ни", "за", "что"); v[0]&rkNocons == 0 {
		t.Errorf("ни за что: %v, want nocons", v)
	}
	if v := rl.pairKinds(buf[:], "за", "что"); v != [2]cueKind{} {
		t.Errorf("за что: %v, want nothing", v)
	}
	for _, bad := range []string{
		"take | взял\n",                            // no "legal:" part
		"nosuch | взял\nlegal:\n",                  // an unknown kind
		"take | a_b_c_d\nlegal:\n",                 // four words
		"take | взял*\nnocons | взял*_x\nlegal:\n", // a stem opening a pair
		"legal:\ntake | взял\n",                    // a fraud kind among the legal ones
	} {
		if _, err := parseRiskCues(bad); err == nil {
			t.Errorf("%q: parsed", bad)
		}
	}
}
