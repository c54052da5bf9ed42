package matchers

import "testing"

// TestDetectLangUnseen holds sentences written after the detector, in the
// languages a brand's filter names: the neighbours' Cyrillic languages
// (Kazakh and Belarusian written with і, which Ukrainian shares), Russian
// beside them, and the Latin-script languages beside English — English
// with a foreign word ("La La Land") stays English.
func TestDetectLangUnseen(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Монобанк заблокував мені картку без пояснень", "uk"},
		{"Чому ПриватБанк не відповідає вже третій день?", "uk"},
		{"Київстар знову без зв'язку, жахливо", "uk"},
		{"Дякую Новій Пошті за швидку доставку", "uk"},
		{"Не можу зайти в застосунок банку, що робити?", "uk"},
		{"Ощадбанк списав гроші двічі", "uk"},
		{"Беларусбанк зноў не працуе, вельмі дрэнна", "be"},
		{"Чаму А1 не адказвае на званкі?", "be"},
		{"Дзякуй за хуткую дастаўку", "be"},
		{"Kaspi қосымшасы жұмыс істемейді", "kk"},
		{"Банк картамды бұғаттап тастады, не істеу керек?", "kk"},
		{"Рахмет, қызмет өте жақсы болды", "kk"},
		{"Сбер опять заблокировал карту без объяснений", "ru"},
		{"Почему МТС не отвечает уже третий день?", "ru"},
		{"Спасибо Озону за быструю доставку", "ru"},
		{"НЕ МОГУ ЗАЙТИ В ПРИЛОЖЕНИЕ БАНКА", "ru"},
		{"Тинькофф, верните деньги!", "ru"},
		{"@tinkoff_bank где мой перевод?", "ru"},
		{"Die Telekom hat schon wieder keinen Empfang, unglaublich", "de"},
		{"Warum antwortet der Kundenservice von Vodafone nicht?", "de"},
		{"Ich habe meine Bestellung bei Zalando immer noch nicht erhalten", "de"},
		{"Mein Konto wurde gesperrt und keiner hilft mir", "de"},
		{"Orange ne répond toujours pas à mes appels", "fr"},
		{"Je n'ai toujours pas reçu ma commande, c'est inadmissible", "fr"},
		{"Merci pour la livraison rapide", "fr"},
		{"Movistar me ha cobrado dos veces este mes", "es"},
		{"¿Por qué no funciona la aplicación del banco?", "es"},
		{"Gracias por la rápida entrega", "es"},
		{"TIM non funziona da stamattina, vergogna", "it"},
		{"Perché la mia carta è stata bloccata?", "it"},
		{"Grazie per la consegna veloce", "it"},
		{"O Nubank bloqueou meu cartão sem motivo", "pt"},
		{"Por que o aplicativo não funciona hoje?", "pt"},
		{"Obrigado pela entrega rápida", "pt"},
		{"Allegro znowu nie działa, co za porażka", "pl"},
		{"Dlaczego bank zablokował moją kartę?", "pl"},
		{"Dziękuję za szybką dostawę", "pl"},
		{"Turkcell yine çekmiyor, rezalet", "tr"},
		{"Kartım neden bloke edildi?", "tr"},
		{"Hızlı teslimat için teşekkürler", "tr"},
		{"AT&T has been down since morning, can't work", "en"},
		{"Why is my card blocked again?", "en"},
		{"THANKS FOR NOTHING, COMCAST", "en"},
		{"Slack is down", "en"},
		{"my order never arrived lol", "en"},
		{"Lieferung kam nicht an", "de"},
		{"Привіт, підкажіть чи працює відділення у неділю", "uk"},
		{"Картка не працює вже тиждень", "uk"},
		{"Дякую, все вирішили", "uk"},
		{"ПриватБанк знову лежить", "uk"},
		{"Дзякуй, усё выправілі", "be"},
		{"Картка не працуе ўжо тыдзень", "be"},
		{"Рахмет, бәрі жақсы", "kk"},
		{"Карта істемейді бүгін", "kk"},
		{"Привет, подскажите работает ли отделение в воскресенье", "ru"},
		{"Карта не работает уже неделю", "ru"},
		{"Спасибо, всё решили", "ru"},
		{"La tarjeta no funciona desde ayer", "es"},
		{"La carta non funziona da ieri", "it"},
		{"La carte ne fonctionne plus depuis hier", "fr"},
		{"O cartão não funciona desde ontem", "pt"},
		{"La La Land was great", "en"},
		{"The app is down, la la la", "en"},
		{"Die Karte funktioniert seit gestern nicht", "de"},
		{"Нова Пошта загубила мою посилку, ніхто не відповідає", "uk"},
		{"Підкажіть, як відключити платну підписку?", "uk"},
		{"Дуже задоволена обслуговуванням, дякую!", "uk"},
		{"Я не магу ўвайсці ў дадатак банка", "be"},
		{"Дзякуй вам за дапамогу", "be"},
		{"Бүгін банк қосымшасы тағы істемей тұр", "kk"},
		{"Картадан ақша жоғалып кетті", "kk"},
		{"Қызмет көрсету өте нашар", "kk"},
		{"Не могу войти в приложение банка", "ru"},
		{"Спасибо вам за помощь", "ru"},
		{"Курьер Ozon опоздал на три часа, поддержка молчит", "ru"},
		{"Почему Kaspi не работает?", "ru"},
		{"Сервис Яндекс Go ужасный", "ru"},
		{"Kaspi app is not working today", "en"},
		{"I can't log in to the Monobank app", "en"},
		{"Thanks @Tinkoff for the quick response", "en"},
		{"Ich warte seit zwei Wochen auf mein Paket", "de"},
		{"Der Kundendienst ist eine Katastrophe", "de"},
		{"Je suis très déçu du service client", "fr"},
		{"Pourquoi ma carte est bloquée ?", "fr"},
		{"El servicio al cliente es un desastre", "es"},
		{"Aspetto il mio pacco da due settimane", "it"},
		{"Czekam na paczkę od dwóch tygodni", "pl"},
		{"Obsługa klienta jest fatalna", "pl"},
		{"İki haftadır siparişimi bekliyorum", "tr"},
		{"Müşteri hizmetleri berbat", "tr"},
	}
	for _, tc := range tests {
		if got := DetectLang(tc.text); got != tc.want {
			t.Errorf("DetectLang(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestDetectLangRussianKept: Russian words that a neighbour's common
// words resemble keep a Russian text Russian.
func TestDetectLangRussianKept(t *testing.T) {
	for _, text := range []string{
		"Купил зараз три карты",
		"Сбер опять не работает, зараз всё сломалось",
		"Почему Kaspi не работает?",
		"Мне ваш банк не нравится",
		"Спасибо, всё решили",
	} {
		if got := DetectLang(text); got != LangRU {
			t.Errorf("DetectLang(%q) = %q, want ru", text, got)
		}
	}
}
