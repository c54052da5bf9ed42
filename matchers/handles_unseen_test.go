package matchers

import "testing"

// TestHandlesUnseen holds handles and hashtags tried after the handle
// rule was written, both sides: a brand's handle with "_", digits,
// capitals or a suffix (@ozon_ru, @AeroflotHelp, @MegaFon_Help), a
// hashtag in either script (#ЯндексПочта, #Аэрофлот), a Cyrillic brand's
// Latin handle (@mts_ru, @sberbank); not a handle that only contains the
// name (@notozon, #антиаэрофлот, @amtsgericht, @attila_the_hun).
func TestHandlesUnseen(t *testing.T) {
	tests := []struct {
		query, text string
		want        bool
	}{
		{"Ozon", "@ozon_ru где мой заказ?", true},
		{"Ozon", "@OzonRu верните деньги", true},
		{"Ozon", "@ozonru_help помогите", true},
		{"Ozon", "#OzonFail опять", true},
		{"Ozon", "#озон? нет, #Ozonдоставка", true},
		{"Ozon", "@notozon hi", false},
		{"Ozon.ru", "@ozon_ru где мой заказ?", true},
		{"Ozon.ru", "@OZON_RU верните деньги", true},
		{"Аэрофлот OR Aeroflot", "@AeroflotHelp lost my bag", true},
		{"Аэрофлот OR Aeroflot", "@aeroflot_russian рейс задержан", true},
		{"Аэрофлот OR Aeroflot", "#Аэрофлот задержал рейс", true},
		{"Аэрофлот OR Aeroflot", "#АэрофлотПозор", true},
		{"Аэрофлот OR Aeroflot", "@Aeroflot_official", true},
		{"Аэрофлот OR Aeroflot", "@superaeroflot fan", false},
		{"Аэрофлот OR Aeroflot", "#антиаэрофлот", false},
		{"Яндекс", "#ЯндексПочта не работает", true},
		{"Яндекс", "#яндекспочта не работает", true},
		{"Яндекс", "@yandex да", true},
		{"Яндекс", "#ЯндексТакси водитель хам", true},
		{"Яндекс", "@Yandex_Support", true},
		{"Slack", "@SlackHQ is down again", true},
		{"Slack", "@slackhq is down", true},
		{"Slack", "#slackdown today", true},
		{"Slack", "#SlackOutage", true},
		{"Slack", "@cutmeslack", false},
		{"МТС", "@mts_ru нет связи", true},
		{"МТС", "#МТС нет связи", true},
		{"МТС", "@MTS_RU нет связи", true},
		{"МТС", "у МТС нет связи", true},
		{"МТС", "в МТСе? у МТСа опять сбой", true},
		{"МТС", "@amtsgericht", false},
		{"МТС", "ВМТС заявление", false},
		{"МТС", "#семтс", false},
		{"Сбер", "в Сбере опять очередь", true},
		{"Сбер", "@sberbank не работает", true},
		{"Сбер", "#СберОнлайн завис", true},
		{"Сбер", "Сберу пора починить приложение", true},
		{"Тинькофф", "Тинькоффу позвонил", true},
		{"Тинькофф", "@tinkoffbank help", true},
		{"Тинькофф", "@Тинькофф_Помощь", true},
		{"Мегафон OR Megafon", "@MegaFon_Help нет сети", true},
		{"Мегафон OR Megafon", "#МегаФонТВ не показывает", true},
		{"Мегафон OR Megafon", "@megafonru", true},
		{"Мегафон OR Megafon", "@notmegafon", false},
		{"Мегафон OR Megafon", "#БойкотМегафон", true},
		{"Мегафон OR Megafon", "@help_megafon", true},
		{"Wildberries OR Вайлдберриз", "@wildberries_ru заказ потерян", true},
		{"Wildberries OR Вайлдберриз", "#Wildberries", true},
		{"Wildberries OR Вайлдберриз", "#вайлдберриз", true},
		{"Билайн OR Beeline", "@Beeline_RUS нет интернета", true},
		{"Билайн OR Beeline", "#БилайнПозор", true},
		{"AT&T", "@ATT my service is down", true},
		{"AT&T", "@ATTHelp no bars", true},
		{"AT&T", "@attila_the_hun", false},
		{"AT&T", "@attention", false},
		{"Booking.com", "@bookingcom refund?", true},
		{"Booking.com", "@booking_com refund?", true},
		{"Booking.com", "@bookingagent", false},
		{"T-Mobile", "@TMobile my bill is wrong", true},
		{"T-Mobile", "@TMobileHelp", true},
		{"T-Mobile", "#TMobileOutage", true},
	}
	for _, tc := range tests {
		m, err := Compile([]Brand{{Name: "b", Query: tc.query}})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(m.Match(Doc{Text: tc.text}).Matches) > 0; got != tc.want {
			t.Errorf("%s in %q: matched %v, want %v", tc.query, tc.text, got, tc.want)
		}
	}
}
