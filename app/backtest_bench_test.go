package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// Sentences of the generated documents, after bench/crawl/gen.
var (
	benchEN = []string{
		"the mobile app crashes every time a payment is confirmed",
		"transfers take three days instead of the promised few minutes",
		"the new tariff is cheaper than the old one and easier to understand",
		"support answered within five minutes and solved the problem",
		"the card was blocked without any explanation during a trip abroad",
		"the website was down for most of the morning",
		"nobody picks up the phone at the hotline after six in the evening",
		"the update finally fixed the login problems on older phones",
	}
	benchRU = []string{
		"мобильное приложение падает при каждом подтверждении платежа",
		"переводы идут три дня вместо обещанных нескольких минут",
		"новый тариф дешевле старого и понятнее",
		"служба поддержки ответила за пять минут и всё решила",
		"карту заблокировали без объяснений во время поездки за границу",
		"сайт не работал почти всё утро",
		"после шести вечера на горячей линии никто не берёт трубку",
		"обновление наконец исправило вход на старых телефонах",
	}
	benchNoiseEN = []string{"The local bakery", "The city council", "A football club", "The weather service"}
	benchNoiseRU = []string{"Местная пекарня", "Городская администрация", "Футбольный клуб", "Метеослужба"}
)

// benchBrand is a generated brand: a Latin name and its Cyrillic spelling.
type benchBrand struct{ en, ru string }

func benchBrands(n int) []benchBrand {
	lat := []string{"ka", "lo", "mi", "re", "su", "vo", "ze", "tra", "nex", "dor"}
	cyr := []string{"ка", "ло", "ми", "ре", "су", "во", "зе", "тра", "некс", "дор"}
	out := make([]benchBrand, n)
	for i := range out {
		a, b, c := i%10, (i/10)%10, (i*7+3)%10
		en, ru := lat[a]+lat[b]+lat[c], cyr[a]+cyr[b]+cyr[c]
		out[i] = benchBrand{strings.ToUpper(en[:1]) + en[1:] + "x", strings.ToUpper(string([]rune(ru)[:1])) + string([]rune(ru)[1:]) + "кс"}
	}
	return out
}

// benchConfig writes a config of 100 brands and 100 sources; narrow
// drops the bare name from every other brand's query.
func benchConfig(b *testing.B, dir, name, db string, brands []benchBrand, narrow bool) string {
	var s strings.Builder
	fmt.Fprintf(&s, "storage: {path: %q}\nbrands:\n", db)
	for i, br := range brands {
		q := fmt.Sprintf(`"%s Bank" OR %s OR "%s"`, br.en, br.en, br.ru)
		if narrow && i%2 == 0 {
			q = fmt.Sprintf(`"%s Bank" OR "%s"`, br.en, br.ru)
		}
		fmt.Fprintf(&s, "  - {name: %q, query: '%s'}\n", br.en, q)
	}
	s.WriteString("sources:\n")
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&s, "  - {name: feed-%02d, url: \"https://feed%02d.bench.example/rss\", weight: %.1f}\n", i, i, 0.5+float64(i%3)*0.5)
	}
	s.WriteString(`scoring:
  rules:
    - name: outage
      when: 'text matches "(?i)down|не работал"'
      tags: [outage]
alerts:
  routes:
    - {name: critical, when: 'severity == "critical"', stdout: true}
    - {name: negative, when: 'sentiment == "negative"', frequency: hourly, stdout: true}
`)
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(s.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchDoc makes one document: a title and two to four sentences, a
// third in Russian, a tenth naming a brand.
func benchDoc(rng *rand.Rand, brands []benchBrand, i int) model.Document {
	ru := rng.IntN(3) == 0
	sents, noise := benchEN, benchNoiseEN
	if ru {
		sents, noise = benchRU, benchNoiseRU
	}
	subject := noise[rng.IntN(len(noise))]
	if rng.IntN(10) == 0 {
		br := brands[rng.IntN(len(brands))]
		switch {
		case ru:
			subject = br.ru
		case rng.IntN(2) == 0:
			subject = br.en + " Bank"
		default:
			subject = br.en
		}
	}
	var t strings.Builder
	fmt.Fprintf(&t, "%s: %s.", subject, sents[rng.IntN(len(sents))])
	for k, n := 0, 1+rng.IntN(3); k < n; k++ {
		fmt.Fprintf(&t, " %s.", sents[rng.IntN(len(sents))])
	}
	return model.Document{ID: fmt.Sprintf("guid:bench:%d", i), URL: fmt.Sprintf("https://bench.example/p/%d", i),
		Title: subject + ": " + sents[rng.IntN(len(sents))], Text: t.String(), Author: fmt.Sprintf("author%d", rng.IntN(500)),
		Replies: -1}
}

// BenchmarkBacktest replays 100,000 stored documents (about 10% naming one
// of 100 brands; stored with their mentions, as crawls of 50 documents
// each over a month) through a config whose queries are narrower for half
// the brands. Run: go test -run '^$' -bench Backtest -benchtime 3x ./app/
func BenchmarkBacktest(b *testing.B) {
	const docs, perCrawl = 100_000, 50
	dir := b.TempDir()
	db := filepath.Join(dir, "bench.db")
	brands := benchBrands(100)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cur, err := Load(benchConfig(b, dir, "rules.yaml", db, brands, false), log)
	if err != nil {
		b.Fatal(err)
	}
	next, err := Load(benchConfig(b, dir, "new.yaml", db, brands, true), log)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	end := time.Now().Truncate(time.Minute)
	at := end.Add(-docs / perCrawl * time.Minute)
	st, err := store.Open(ctx, db, store.WithClock(func() time.Time { return at }))
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	j := newJudge(cur)
	mentions := 0
	for n := 0; n < docs; n += perCrawl {
		src := cur.Cfg.Sources[(n/perCrawl)%len(cur.Cfg.Sources)]
		c := &store.Crawl{State: store.SourceState{Name: src.Name, Type: src.Type, URL: src.URL, Crawled: true}, KeepText: true}
		for i := n; i < n+perCrawl; i++ {
			d := benchDoc(rng, brands, i)
			d.PublishedAt = at.Add(-time.Hour)
			c.Docs = append(c.Docs, d)
			_, ms := j.words(store.DocText{Document: d, Source: src.Name, SeenAt: at}, src)
			c.Mentions = append(c.Mentions, ms...)
		}
		mentions += len(c.Mentions)
		if _, err := st.SaveCrawl(ctx, c, nil); err != nil {
			b.Fatal(err)
		}
		at = at.Add(time.Minute)
	}
	st.Close()
	ro, err := store.OpenReadOnly(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer ro.Close()
	fi, _ := os.Stat(db)
	b.Logf("%d documents, %d mentions stored; database %.1f MiB", docs, mentions, float64(fi.Size())/(1<<20))

	b.ResetTimer()
	start := time.Now()
	var rep *BacktestReport
	for i := 0; i < b.N; i++ {
		if rep, err = Backtest(ctx, ro, cur, next, BacktestOptions{Since: 720 * time.Hour, Now: end}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(docs*b.N)/time.Since(start).Seconds(), "docs/s")
	if rep.Documents != docs {
		b.Fatalf("replayed %d documents of %d", rep.Documents, docs)
	}
	dropped := 0
	for _, bc := range rep.Brands {
		dropped += bc.Dropped
	}
	if dropped == 0 {
		b.Fatal("the narrower queries dropped nothing")
	}
}
