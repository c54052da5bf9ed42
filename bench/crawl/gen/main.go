// Command gen writes the crawl benchmark's data set: N RSS 2.0 feeds of
// M items each (English and Russian text, some of it mentioning the
// benchmark's brands), a robots.txt that allows everything, the list of
// feed URLs, and a rules.yaml with one source per feed.
package main

import (
	"flag"
	"fmt"
	"html"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

var (
	englishOpeners = []string{
		"Customers say", "A reader writes that", "According to the support forum,", "Our correspondent reports that",
		"Several users complained that", "In a long thread, people agree that", "The weekly review notes that",
		"An analyst points out that", "One shopper explained that", "The community manager admitted that",
	}
	englishBodies = []string{
		"the mobile app crashes every time a payment is confirmed",
		"transfers take three days instead of the promised few minutes",
		"the new tariff is cheaper than the old one and easier to understand",
		"support answered within five minutes and solved the problem",
		"the card was blocked without any explanation during a trip abroad",
		"the website was down for most of the morning",
		"cashback arrives on time and the statements are clear",
		"nobody picks up the phone at the hotline after six in the evening",
		"the branch on the main street has the longest queues in town",
		"the update finally fixed the login problems on older phones",
	}
	russianOpeners = []string{
		"Клиенты пишут, что", "Читатель сообщает, что", "На форуме обсуждают, что", "Наш корреспондент пишет, что",
		"Несколько пользователей пожаловались, что", "В длинной ветке люди сходятся во мнении, что",
		"В еженедельном обзоре отмечается, что", "Аналитик обращает внимание, что", "Покупательница рассказала, что",
	}
	russianBodies = []string{
		"мобильное приложение падает при каждом подтверждении платежа",
		"переводы идут три дня вместо обещанных нескольких минут",
		"новый тариф дешевле старого и понятнее",
		"служба поддержки ответила за пять минут и всё решила",
		"карту заблокировали без объяснений во время поездки за границу",
		"сайт не работал почти всё утро",
		"кэшбэк приходит вовремя, а выписки понятные",
		"после шести вечера на горячей линии никто не берёт трубку",
		"в отделении на главной улице самые длинные очереди в городе",
		"обновление наконец исправило вход на старых телефонах",
	}
	englishBrands = []string{"Acme Bank", "AcmeBank", "Globex", "Initech"}
	russianBrands = []string{"Акме Банк", "Акме Банка", "Акме Банком", "Глобекс", "Инитеком"}
	englishNoise  = []string{"the local bakery", "the city council", "a football club", "the weather service", "a new café"}
	russianNoise  = []string{"местная пекарня", "городская администрация", "футбольный клуб", "метеослужба", "новое кафе"}
)

func main() {
	dir := flag.String("dir", "", "output directory (required)")
	feeds := flag.Int("feeds", 2000, "number of feeds")
	items := flag.Int("items", 50, "items per feed")
	base := flag.String("base", "http://127.0.0.1:18080", "URL the feeds are served from")
	mention := flag.Float64("mention", 0.1, "share of items that mention a brand")
	workers := flag.Int("workers", 16, "http.workers and http.per_host in rules.yaml")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *dir == "" {
		log.Fatal("gen: -dir is required")
	}
	n, err := generate(*dir, *feeds, *items, *base, *mention, *workers, *seed, time.Now())
	must(err)
	log.Printf("gen: %d feeds of %d items, %.1f MiB, in %s", *feeds, *items, float64(n)/(1<<20), filepath.Join(*dir, "www"))
}

// generate writes the data set into dir and returns the feeds' total size.
func generate(dir string, feeds, items int, base string, mention float64, workers int, seed uint64, now time.Time) (int64, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	now = now.UTC().Truncate(time.Minute)
	www := filepath.Join(dir, "www")
	if err := os.MkdirAll(filepath.Join(www, "feeds"), 0o755); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(www, "robots.txt"), []byte("User-agent: *\nAllow: /\n"), 0o644); err != nil {
		return 0, err
	}
	var urls strings.Builder
	var total int64
	for f := 0; f < feeds; f++ {
		name := fmt.Sprintf("feeds/%04d.xml", f)
		body := renderFeed(rng, f, items, mention, now)
		total += int64(len(body))
		if err := os.WriteFile(filepath.Join(www, name), body, 0o644); err != nil {
			return 0, err
		}
		fmt.Fprintf(&urls, "%s/%s\n", base, name)
	}
	if err := os.WriteFile(filepath.Join(dir, "urls.txt"), []byte(urls.String()), 0o644); err != nil {
		return 0, err
	}
	return total, writeRules(filepath.Join(dir, "bench.yaml"), dir, base, feeds, workers)
}

// renderFeed renders one RSS 2.0 feed. Item dates spread over the last five
// days, so some are inside the default 72h backfill window and alert.
func renderFeed(rng *rand.Rand, n, items int, mention float64, now time.Time) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Bench feed %d</title>
<link>https://site%d.bench.example/</link>
<description>Generated for the mentionwatch crawl benchmark</description>
`, n, n)
	for i := 0; i < items; i++ {
		russian := rng.IntN(3) == 0
		title, text := item(rng, russian, rng.Float64() < mention)
		at := now.Add(-time.Duration(rng.IntN(5*24*60)) * time.Minute)
		link := fmt.Sprintf("https://site%d.bench.example/posts/%d", n, i)
		fmt.Fprintf(&b, `<item>
<title>%s</title>
<link>%s</link>
<guid isPermaLink="true">%s</guid>
<pubDate>%s</pubDate>
<dc:creator>author%d</dc:creator>
<description><![CDATA[%s]]></description>
</item>
`, html.EscapeString(title), link, link, at.Format(time.RFC1123Z), rng.IntN(500), text)
	}
	b.WriteString("</channel>\n</rss>\n")
	return []byte(b.String())
}

// item makes a title and an HTML body of two to four paragraphs.
func item(rng *rand.Rand, russian, brand bool) (string, string) {
	openers, bodies, brands, noise := englishOpeners, englishBodies, englishBrands, englishNoise
	if russian {
		openers, bodies, brands, noise = russianOpeners, russianBodies, russianBrands, russianNoise
	}
	subject := noise[rng.IntN(len(noise))]
	if brand {
		subject = brands[rng.IntN(len(brands))]
	}
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	title := fmt.Sprintf("%s: %s", subject, pick(bodies))
	var p strings.Builder
	for k, n := 0, 2+rng.IntN(3); k < n; k++ {
		s := fmt.Sprintf("%s %s", pick(openers), pick(bodies))
		if k == 0 {
			s = fmt.Sprintf("%s, %s %s", subject, pick(openers), pick(bodies))
		}
		fmt.Fprintf(&p, "<p>%s. %s %s.</p>\n", html.EscapeString(s), html.EscapeString(pick(openers)), html.EscapeString(pick(bodies)))
	}
	return title, p.String()
}

func writeRules(path, dir, base string, feeds, workers int) error {
	var b strings.Builder
	fmt.Fprintf(&b, `# Generated by bench/crawl/gen for the crawl benchmark.
version: 1
storage:
  path: %s
log:
  level: warn
http:
  user_agent: "mentionwatch-bench/1"
  timeout: 30s
  max_body: 5MiB
  # All %d feeds live on one loopback host: per-host limits and the
  # minimum delay would turn the benchmark into a politeness test, so the
  # host may take as many requests as the global pool sends, with no delay.
  workers: %d
  per_host: %d
  min_delay: 0s
  robots: true   # the server's robots.txt allows everything
# The benchmark measures the crawl (fetch, parse, match, score, store);
# delivering thousands of alerts is the notify benchmarks' subject
# (go test -bench . ./notify/), so no route is configured.
alerts:
  routes: []
brands:
  - name: Acme Bank
    query: '("Acme Bank" OR acmebank OR "Акме Банк") -вакансия -job'
  - name: Globex
    query: 'globex OR глобекс'
  - name: Initech
    query: 'initech OR инитек'
sources:
`, filepath.Join(dir, "bench.db"), feeds, workers, workers)
	for f := 0; f < feeds; f++ {
		fmt.Fprintf(&b, "  - {name: feed-%04d, type: feed, url: \"%s/feeds/%04d.xml\", schedule: \"@every 1h\"}\n", f, base, f)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func must(err error) {
	if err != nil {
		log.Fatal("gen: ", err)
	}
}
