package matchers

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/mentionwatch/mentionwatch/internal/testenv/brandgen"
)

// Deterministic generators of realistic brands and documents for the
// benchmarks and the concurrency test: mixed Russian and English, brand
// names inflected, hyphenated and written with apostrophe endings.

var (
	ruWords = strings.Fields(`клиент клиенты приложение сервис поддержка карта карту деньги счет перевод
		отделение офис сотрудник оператор кредит вклад ставка проценты комиссия платеж оплата заявка
		договор история опыт проблема вопрос ответ день неделя месяц год время город Москва Петербург
		работа новости рынок компания рост снижение акции отчет выручка прибыль запуск обновление
		версия функция ошибка сбой вход пароль телефон номер звонок чат письмо сайт страница отзыв
		жалоба претензия возврат доставка заказ товар цена скидка магазин покупка качество скорость
		очень быстро долго снова опять сегодня вчера наконец вообще просто совсем почти уже еще
		хороший плохой новый старый удобный странный медленный дорогой дешевый главный первый`)
	ruGlue = strings.Fields(`и в на что это как не но по из для от к у же так или если уже еще был была
		было были который только также когда чтобы мы вы он она они`)
	enWords = strings.Fields(`customer customers app service support card money account transfer branch office
		employee operator loan deposit rate interest fee payment order request contract story experience
		problem question answer day week month year time city London market company growth decline
		shares report revenue profit launch update version feature error outage login password phone
		number call chat email site page review complaint refund delivery product price discount store
		purchase quality speed very quickly slowly again today yesterday finally simply almost already
		good bad new old convenient strange slow expensive cheap main first users team teams platform
		channel workspace message messages integration release pricing plan`)
	enGlue = strings.Fields(`the and of to in is for on that with as by at it this from are be was were
		has have had an or not you your we our but will can its their they he she`)
	ruEnd = []string{"", "", "а", "у", "ом", "е", "ы", "ов"}
)

// genBrand is a generated brand with the names documents use for it.
type genBrand struct {
	Brand
	ru   bool
	head string
	tail string
}

func genBrandList(n int) []genBrand {
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	var out []genBrand
	if n > (len(brandgen.RuHeads)*len(brandgen.RuTails)+len(brandgen.EnHeads)*len(brandgen.EnTails))*3/4 {
		panic("genBrandList: not enough distinct names")
	}
	for len(out) < n {
		g := genBrand{ru: r.IntN(2) == 0}
		if g.ru {
			g.head, g.tail = brandgen.RuHeads[r.IntN(len(brandgen.RuHeads))], brandgen.RuTails[r.IntN(len(brandgen.RuTails))]
		} else {
			g.head, g.tail = brandgen.EnHeads[r.IntN(len(brandgen.EnHeads))], brandgen.EnTails[r.IntN(len(brandgen.EnTails))]
		}
		name := g.head + g.tail
		if seen[name] {
			continue
		}
		seen[name] = true
		g.Name = name
		two := g.head + " " + capitalize(g.tail)
		switch len(out) % 8 {
		case 0:
			g.Query = name
		case 1:
			g.Query = fmt.Sprintf(`"%s" OR %s -вакансия -job`, two, name)
		case 2:
			g.Query = fmt.Sprintf(`%s NEAR/5 (app OR приложение OR review OR отзыв)`, name)
		case 3:
			g.Query = fmt.Sprintf(`(%s OR "%s") -hiring -вакансии`, name, two)
			g.ExcludeSites = []string{strings.ToLower(g.head) + ".example"}
		case 4:
			g.Query = fmt.Sprintf(`title:%s OR (%s (жалоба OR complaint OR отзыв OR review))`, name, name)
		case 5:
			g.Query = fmt.Sprintf(`=%s`, name)
			g.Lang = []string{"ru", "en"}
		case 6:
			g.Query = fmt.Sprintf(`%s -site:%s.example -"%s store"`, name, strings.ToLower(g.head), strings.ToLower(name))
		case 7:
			g.Query = fmt.Sprintf(`("%s" | %s) (проблема OR problem OR сбой OR outage OR ошибка OR error)`, two, name)
		}
		out = append(out, g)
	}
	return out
}

func genBrands(n int) []Brand {
	gs := genBrandList(n)
	out := make([]Brand, len(gs))
	for i, g := range gs {
		out[i] = g.Brand
	}
	return out
}

// genDocs returns n documents of about 1–2 KB, half Russian, half
// English, a third of them mentioning one to three of the brands in
// inflected or variant spellings.
func genDocs(n int, brands []Brand) []Doc {
	gs := genBrandList(len(brands))
	r := rand.New(rand.NewPCG(3, 4))
	docs := make([]Doc, n)
	for i := range docs {
		ru := r.IntN(2) == 0
		words, glue := enWords, enGlue
		if ru {
			words, glue = ruWords, ruGlue
		}
		mention := func() string {
			g := gs[r.IntN(len(gs))]
			switch r.IntN(5) {
			case 0:
				return g.Name
			case 1:
				if g.ru {
					return g.Name + ruEnd[r.IntN(len(ruEnd))]
				}
				return g.Name + "'" + []string{"а", "у", "s", "ом"}[r.IntN(4)]
			case 2:
				return g.head + "-" + capitalize(g.tail)
			case 3:
				return g.head + " " + g.tail
			}
			return strings.ToUpper(g.Name)
		}
		sentence := func() string {
			k := 6 + r.IntN(12)
			ws := make([]string, k)
			for j := range ws {
				if j%3 == 1 {
					ws[j] = glue[r.IntN(len(glue))]
				} else {
					ws[j] = words[r.IntN(len(words))]
				}
			}
			if i%3 == 0 && r.IntN(4) == 0 {
				ws[r.IntN(k)] = mention()
			}
			return capitalize(strings.Join(ws, " ")) + []string{".", ".", ".", "!", "?"}[r.IntN(5)]
		}
		var title []string
		for j := 0; j < 5+r.IntN(6); j++ {
			title = append(title, words[r.IntN(len(words))])
		}
		if i%3 == 0 && r.IntN(2) == 0 {
			title[r.IntN(len(title))] = mention()
		}
		size := 1024 + r.IntN(1024)
		var b strings.Builder
		for b.Len() < size {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sentence())
		}
		docs[i] = Doc{
			Title: strings.Join(title, " "),
			Text:  b.String(),
			URL:   fmt.Sprintf("https://site%d.example/post/%d", r.IntN(50), i),
		}
	}
	return docs
}

func capitalize(s string) string {
	r := []rune(s)
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}
