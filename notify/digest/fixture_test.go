package digest

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests use Europe/Moscow wherever they run

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// The fixture's period: the week before Monday 23 November 2026, 09:00
// Moscow time (ISO week 47).
var (
	moscow, _   = time.LoadLocation("Europe/Moscow")
	fixtureEnd  = time.Date(2026, 11, 23, 9, 0, 0, 0, moscow)
	fixtureWeek = 168 * time.Hour
)

// snip makes a snippet of text with every occurrence of words marked.
func snip(text string, words ...string) model.Snippet {
	s := model.Snippet{Text: text}
	for pos := 0; pos < len(text); {
		best, bestLen := -1, 0
		for _, w := range words {
			if i := strings.Index(text[pos:], w); i >= 0 && (best < 0 || i < best) {
				best, bestLen = i, len(w)
			}
		}
		if best < 0 {
			break
		}
		s.Marks = append(s.Marks, [2]int{pos + best, pos + best + bestLen})
		pos += best + bestLen
	}
	return s
}

// fixtureMention is one mention of the fixture, placed relative to the
// end of the period.
type fixtureMention struct {
	brand, source, sourceType string
	url, title, author        string
	text                      string
	marks                     []string
	before                    time.Duration // found this long before fixtureEnd
	lang, sentiment, severity string
	negativity, importance    float64
	tags                      []string
	status                    string
	backfill                  bool
}

var fixture = []fixtureMention{
	// Acme Bank, this week.
	{brand: "Acme Bank", source: "Banki forum", sourceType: model.SourceForum,
		url: "https://forum.banki.example/viewtopic.php?t=48213&p=1", title: "Акме Банк заблокировал карту и молчит третий день",
		author: "ivan_petrov", text: "…третий день не могу снять зарплату: Акме Банк заблокировал карту без объяснений, в поддержке отвечают шаблонами. Это похоже на обман…",
		marks: []string{"Акме Банк"}, before: 20 * time.Hour, lang: "ru", sentiment: model.Negative, severity: model.SeverityCritical,
		negativity: 0.91, importance: 0.74, tags: []string{"complaint", "fraud"}},
	{brand: "Acme Bank", source: "Finance Daily", sourceType: model.SourceFeed,
		url: "https://news.finance.example/2026/11/acme-bank-fined", title: "Acme Bank fined over misleading overdraft fees",
		author: "Jane Doe", text: "The regulator said Acme Bank charged customers overdraft fees they had not agreed to and ordered refunds.",
		marks: []string{"Acme Bank"}, before: 50 * time.Hour, lang: "en", sentiment: model.Negative, severity: model.SeverityCritical,
		negativity: 0.78, importance: 0.82, tags: []string{"news"}},
	{brand: "Acme Bank", source: "Banki forum", sourceType: model.SourceForum,
		url: "https://forum.banki.example/viewtopic.php?t=48190&p=7", title: "Re: Комиссия за перевод",
		author: "marina_k", text: "Акме банк снова поднял комиссию за переводы между своими счетами, это уже несерьёзно.",
		marks: []string{"Акме банк"}, before: 74 * time.Hour, lang: "ru", sentiment: model.Negative, severity: model.SeverityWarning,
		negativity: 0.66, importance: 0.41, tags: []string{"complaint"}},
	{brand: "Acme Bank", source: "Twitter search", sourceType: model.SourceFeed,
		url: "https://social.example/@night_owl/1093", title: "",
		author: "@night_owl", text: "app down again?? @acmebank I can't log in since this morning",
		marks: []string{"@acmebank"}, before: 99 * time.Hour, lang: "en", sentiment: model.Negative, severity: model.SeverityWarning,
		negativity: 0.64, importance: 0.35},
	{brand: "Acme Bank", source: "Finance Daily", sourceType: model.SourceFeed,
		url: "https://news.finance.example/2026/11/acme-bank-kazan", title: "Acme Bank opens its first branch in Kazan",
		author: "", text: "Acme Bank will open a branch in Kazan in December, its first outside Moscow, the bank said on Tuesday.",
		marks: []string{"Acme Bank"}, before: 120 * time.Hour, lang: "en", sentiment: model.Neutral, severity: model.SeverityWarning,
		negativity: 0.2, importance: 0.81, tags: []string{"news"}},
	{brand: "Acme Bank", source: "Loyal customer — Anna", sourceType: model.SourceProfile,
		url: "https://t.me/s/anna_channel/512", title: "",
		author: "Анна", text: "Полгода как перешла в Акме Банк — кэшбэк приходит вовремя, поддержка отвечает за минуту. Рекомендую!",
		marks: []string{"Акме Банк"}, before: 30 * time.Hour, lang: "ru", sentiment: model.Positive, severity: model.SeverityInfo,
		negativity: 0.05, importance: 0.45, tags: []string{"advocate"}},
	{brand: "Acme Bank", source: "Banki forum", sourceType: model.SourceForum,
		url: "https://forum.banki.example/viewtopic.php?t=48233&p=1", title: "Кредитка Акме Банка для фрилансера?",
		author: "dev_null", text: "Кто-нибудь оформлял кредитную карту Акме Банка без справки о доходах? Сколько стоит обслуживание?",
		marks: []string{"Акме Банка"}, before: 10 * time.Hour, lang: "ru", sentiment: model.Neutral, severity: model.SeverityInfo,
		negativity: 0.3, importance: 0.38, tags: []string{"question"}},
	{brand: "Acme Bank", source: "Banki forum", sourceType: model.SourceForum,
		url: "https://forum.banki.example/viewtopic.php?t=48102&p=3", title: "Re: Ипотека в 2026",
		author: "sergey77", text: "Мы брали ипотеку в Акме Банке, всё прошло спокойно, ставка как в рекламе.",
		marks: []string{"Акме Банке"}, before: 140 * time.Hour, lang: "ru", sentiment: model.Positive, severity: model.SeverityInfo,
		negativity: 0.1, importance: 0.3},
	{brand: "Acme Bank", source: "Finance Daily", sourceType: model.SourceFeed,
		url: "https://news.finance.example/2026/11/banks-for-freelancers", title: "Five banks for freelancers in 2026",
		author: "Tom Reed", text: "Acme Bank, Beta Pay and three others compared on fees, cash back and support for the self-employed.",
		marks: []string{"Acme Bank"}, before: 160 * time.Hour, lang: "en", sentiment: model.Neutral, severity: model.SeverityInfo,
		negativity: 0.25, importance: 0.3},
	{brand: "Acme Bank", source: "Google News — Acme", sourceType: model.SourceFeed,
		url: "https://news.example/acme-bank-app-update", title: "Acme Bank app adds Russian voice assistant",
		author: "", text: "The Acme Bank app now answers questions in Russian and English, the bank said.",
		marks: []string{"Acme Bank"}, before: 3 * time.Hour, lang: "en", sentiment: model.Neutral, severity: model.SeverityInfo,
		negativity: 0.2, importance: 0.34},
	{brand: "Acme Bank", source: "Google News — Acme", sourceType: model.SourceFeed,
		url: "https://news.example/acme-bank-q3", title: "Acme Bank reports higher third-quarter profit",
		author: "", text: "Acme Bank's net profit rose 12% in the third quarter on card fees.",
		marks: []string{"Acme Bank"}, before: 100 * time.Hour, lang: "en", sentiment: model.Neutral, severity: model.SeverityInfo,
		negativity: 0.15, importance: 0.3},
	{brand: "Acme Bank", source: "Google News — Acme", sourceType: model.SourceFeed,
		url: "https://news.example/acme-bank-sponsor", title: "Acme Bank to sponsor city marathon",
		author: "", text: "Acme Bank will sponsor the city marathon for the next three years.",
		marks: []string{"Acme Bank"}, before: 130 * time.Hour, lang: "en", sentiment: model.Neutral, severity: model.SeverityInfo,
		negativity: 0.1, importance: 0.2},
	{brand: "Acme Bank", source: "Google News — Acme", sourceType: model.SourceFeed,
		url: "https://news.example/acme-bank-rates", title: "Acme Bank keeps deposit rates unchanged",
		author: "", text: "Acme Bank left its deposit rates unchanged for November.",
		marks: []string{"Acme Bank"}, before: 150 * time.Hour, lang: "en", sentiment: model.Neutral, severity: model.SeverityInfo,
		negativity: 0.2, importance: 0.2},
	// Acme Bank, this week but stored by a source's first crawl: not news.
	{brand: "Acme Bank", source: "Old blog", sourceType: model.SourceFeed,
		url: "https://blog.example/2019/acme", title: "Why I left Acme Bank (2019)",
		text: "Acme Bank lost my transfer twice.", marks: []string{"Acme Bank"}, before: 5 * time.Hour,
		lang: "en", sentiment: model.Negative, severity: model.SeverityCritical, negativity: 0.8, importance: 0.6, backfill: true},
	// Acme Bank, the week before.
	{brand: "Acme Bank", source: "Banki forum", sourceType: model.SourceForum,
		url: "https://forum.banki.example/viewtopic.php?t=47990&p=2", title: "Re: Звонят «из Акме Банка»",
		author: "olga_s", text: "Мне тоже звонили мошенники, представлялись службой безопасности Акме Банка и просили код из СМС.",
		marks: []string{"Акме Банка"}, before: fixtureWeek + 40*time.Hour, lang: "ru", sentiment: model.Negative, severity: model.SeverityCritical,
		negativity: 0.88, importance: 0.7, tags: []string{"fraud"}},
	{brand: "Acme Bank", source: "Banki forum", sourceType: model.SourceForum,
		url: "https://forum.banki.example/viewtopic.php?t=47950&p=1", title: "Акме Банк списал деньги дважды",
		author: "pavel_m", text: "Акме Банк дважды списал оплату за подписку, деньги вернули через неделю.",
		marks: []string{"Акме Банк"}, before: fixtureWeek + 60*time.Hour, lang: "ru", sentiment: model.Negative, severity: model.SeverityCritical,
		negativity: 0.8, importance: 0.65, status: model.StatusHandled},
	{brand: "Acme Bank", source: "Finance Daily", sourceType: model.SourceFeed,
		url: "https://news.finance.example/2026/11/acme-bank-ceo", title: "Acme Bank names new chief executive",
		text: "Acme Bank appointed a new chief executive on Monday.", marks: []string{"Acme Bank"},
		before: fixtureWeek + 100*time.Hour, lang: "en", sentiment: model.Neutral, severity: model.SeverityInfo, negativity: 0.2, importance: 0.5},
	// Beta Pay, this week and the week before.
	{brand: "Beta Pay", source: "Banki forum", sourceType: model.SourceForum,
		url: "https://forum.banki.example/viewtopic.php?t=48250&p=4", title: "Re: Beta Pay не принимает карты",
		author: "kot_uchenyi", text: "Через Beta Pay опять не проходит оплата картами «Мир», пишет «ошибка сервера».",
		marks: []string{"Beta Pay"}, before: 26 * time.Hour, lang: "ru", sentiment: model.Negative, severity: model.SeverityWarning,
		negativity: 0.7, importance: 0.4, tags: []string{"complaint"}},
	{brand: "Beta Pay", source: "Google News — Beta", sourceType: model.SourceFeed,
		url: "https://news.example/beta-pay-launch", title: "Beta Pay launches QR payments in shops",
		text: "Beta Pay customers can now pay by QR code in 20,000 shops.", marks: []string{"Beta Pay"},
		before: 60 * time.Hour, lang: "en", sentiment: model.Positive, severity: model.SeverityInfo, negativity: 0.05, importance: 0.3},
	{brand: "Beta Pay", source: "Google News — Beta", sourceType: model.SourceFeed,
		url: "https://news.example/beta-pay-fees", title: "Beta Pay cuts merchant fees",
		text: "Beta Pay lowered its merchant fees to 1.2%.", marks: []string{"Beta Pay"},
		before: fixtureWeek + 10*time.Hour, lang: "en", sentiment: model.Neutral, severity: model.SeverityInfo, negativity: 0.2, importance: 0.3},
}

// openStore opens a fresh store in the test's temporary directory.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "mentionwatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// fill stores the fixture's mentions with found times relative to end, one
// crawl per source as the pipeline does.
func fill(t testing.TB, st *store.Store, fx []fixtureMention, end time.Time) {
	t.Helper()
	crawls := map[string]*store.Crawl{}
	var order []string
	for i, f := range fx {
		c := crawls[f.source]
		if c == nil {
			c = &store.Crawl{State: store.SourceState{Name: f.source, Type: f.sourceType, Crawled: true}}
			crawls[f.source] = c
			order = append(order, f.source)
		}
		id := fmt.Sprintf("url:%s#%d", f.url, i)
		found := end.Add(-f.before)
		c.Docs = append(c.Docs, model.Document{ID: id, URL: f.url, Title: f.title, Text: f.text, Author: f.author, Replies: -1})
		c.Mentions = append(c.Mentions, &model.Mention{
			DocID: id, Brand: f.brand, Source: f.source, SourceType: f.sourceType, URL: f.url, Title: f.title,
			Snippet: snip(f.text, f.marks...), Author: f.author, PublishedAt: found.Add(-7 * time.Minute), FoundAt: found,
			Lang: f.lang, Matched: []string{strings.ToLower(f.marks[0])}, Sentiment: f.sentiment,
			Negativity: f.negativity, Importance: f.importance, Severity: f.severity, Tags: f.tags,
			Status: f.status, Replies: -1, Backfill: f.backfill,
		})
	}
	for _, name := range order {
		if _, err := st.SaveCrawl(context.Background(), crawls[name], nil); err != nil {
			t.Fatal(err)
		}
	}
}

// fixtureConfig is the digest configuration the golden files use.
func fixtureConfig() config.Digest {
	return config.Digest{
		Schedule: "0 9 * * MON",
		Since:    config.Duration(fixtureWeek),
		TopN:     3,
		Email: &config.Email{
			From: "mentionwatch <mentionwatch@acme.example>",
			To:   []string{"pr@acme.example"},
		},
	}
}
