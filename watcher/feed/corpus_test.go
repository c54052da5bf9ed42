package feed

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// corpusCase is the expected outcome of one file of the shared corpus:
// its entry count and the first entry's title (a prefix of at most 40
// characters), canonical link and date ("" when the entry has none) — or
// the error it must fail with.
type corpusCase struct {
	file  string
	base  string // the feed's URL; default https://feeds.example/<file>
	n     int
	title string
	url   string
	date  string
	err   string
	code  bool // entries quote HTML as code samples, so tags in text are content
}

var corpusCases = []corpusCase{
	{file: "chardet__cp1251__aif.ru.health.xml", n: 17, title: "Как пережить новогоднюю ночь", url: "http://www.aif.ru/online/health/592/11_01", date: ""},
	{file: "chardet__cp1251__anthropology.ru.xml", n: 20, title: "Шестая буддологическая конференция: тези", url: "http://anthropology.ru/ru/texts/gathered/buddha06/index.html", date: "2004-12-13T00:00:00Z"},
	{file: "chardet__cp1251__blog.mlmaster.com.xml", n: 10, title: "С НГ!", url: "http://blog.mlmaster.com/?p=296", date: "2005-12-28T08:53:15Z"},
	{file: "chardet__cp1251__forum.template-toolkit.ru.1.xml", n: 20, title: "Template::Plugin::XML::RSS", url: "http://forum.template-toolkit.ru/view_topic/topic_id-120.html?rss", date: "2005-12-07T11:19:46Z", code: true},
	{file: "chardet__cp1251__janulalife.blogspot.com.xml", n: 7, title: "Первый снег... в этом году", url: "http://janulalife.blogspot.com/2005/11/blog-post_20.html", date: "2005-11-20T16:50:00Z"},
	{file: "chardet__cp1251__kapranoff.ru.xml", n: 15, title: "пулюм-пулюм", url: "http://kapranoff.ru/archives/003663.html", date: "2003-12-18T14:40:29Z"},
	{file: "chardet__cp1251__money.rin.ru.xml", n: 15, title: "СИТЕС не утвердила квоты на экспорт черн", url: "http://money.rin.ru/content/news/?from=rss&id=106325", date: ""},
	{file: "chardet__cp1251__newsru.com.xml", n: 30, title: "В Турции психически нездоровый мужчина в", url: "http://www.newsru.com/world/03jan2006/ankara.html", date: "2006-01-03T16:57:00Z"},
	{file: "chardet__koi8r__aug32.hole.ru.xml", n: 1, title: "18.01.06", url: "http://aug32.hole.ru/afisha.htm", date: ""},
	{file: "chardet__koi8r__intertat.ru.xml", n: 30, title: "В этом году в Чистополе выпустят 10-милл", url: "http://intertat.ru/index.php?id=80180", date: "2006-01-03T11:55:30Z"},
	{file: "chardet__koi8r__koi.kinder.ru.xml", n: 35, title: "Детский журнал \"Клёпа\"", url: "http://www.kinder.ru/redir.asp?id=845", date: "2005-03-04T12:21:02Z"},
	{file: "chardet__koi8r__susu.ac.ru.xml", n: 10, title: "Награждены победители конкурса сайтов", url: "http://susu.ac.ru/ru/news/1329", date: "2005-12-28T19:00:00Z"},
	{file: "chardet__utf8__anitabee.blogspot.com.xml", n: 9, title: "X ammmmmms", url: "http://anitabee.blogspot.com/2006/01/x-ammmmmms.html", date: "2006-01-03T13:02:00Z"},
	{file: "chardet__utf8__linuxbox.hu.xml", n: 15, title: "Hogyan fordíthatunk arhitektúra optimali", url: "http://linuxbox.hu/apt-build", date: "2006-01-03T21:53:41Z"},
	{file: "feedjira__AmazonWebServicesBlog.xml", n: 10, title: "AWS Job: Architect & Designer Position i", url: "http://aws.typepad.com/aws/2009/01/aws-job-architect-designer-position-in-turkey.html", date: "2009-01-16T18:21:00Z"},
	{file: "feedjira__FeedBurnerXHTML.xml", n: 10, title: "Stock Watch: April's Finest", url: "http://www.rotoauthority.com/2014/04/stock-watch-aprils-finest.html", date: "2014-04-30T13:00:00Z"},
	{file: "feedjira__GoogleDocsList.xml", n: 2, title: "2010 Income Tax Policy", url: "https://docs.google.com/Doc?docid=12345&hl=en", date: "2009-07-22T19:02:57Z"},
	{file: "feedjira__HuffPostCanada.xml", n: 2, title: "Winnipeg High School Orders Custom Hijab", url: "http://www.huffingtonpost.ca/2017/10/17/winnipeg-high-school-orders-custom-hijabs-for-muslim-athletes_a_23246627/", date: "2017-10-17T22:17:00Z"},
	{file: "feedjira__ITunesWithSpacesInAttributes.xml", n: 3, title: "Shake Shake Shake Your Spices", url: "http://example.com/podcasts/archive/aae20050615.m4a", date: "2005-06-15T19:00:00Z"},
	{file: "feedjira__InvalidDateFormat.xml", n: 2, title: "Item 0 with an invalid date", url: "http://example.com/item0", date: "2017-10-16T15:10:00Z"},
	{file: "feedjira__PaulDixExplainsNothing.xml", n: 5, title: "Making a Ruby C library even faster", url: "http://www.pauldix.net/2009/01/making-a-ruby-c-library-even-faster.html", date: "2009-01-22T15:50:22Z"},
	{file: "feedjira__RSSWithComments.xml", n: 30, title: "AWS Lambda Function URLs: Built-In HTTPS", url: "https://aws.amazon.com/blogs/aws/announcing-aws-lambda-function-urls-built-in-https-endpoints-for-single-function-microservices/", date: "2022-04-06T21:07:47Z"},
	{file: "feedjira__SamRuby.xml", base: "http://intertwingly.net/blog/index.atom", n: 20, title: "Plex", url: "http://intertwingly.net/blog/2013/01/30/Plex", date: "2013-01-30T18:12:03Z"},
	{file: "feedjira__TechCrunch.xml", n: 20, title: "Angie’s List Sets Price Range IPO At $11", url: "http://techcrunch.com/2011/11/02/angies-list-prices-ipo-at-11-to-13-per-share-valued-at-over-600m/", date: "2011-11-02T17:25:27Z"},
	{file: "feedjira__TenderLovemaking.xml", n: 10, title: "Nokogiri’s Slop Feature", url: "http://tenderlovemaking.com/2008/12/04/nokogiris-slop-feature/", date: "2008-12-04T17:17:49Z", code: true},
	{file: "feedjira__TypePadNews.xml", n: 10, title: "Spotlight: Friday Favorites!", url: "http://everything.typepad.com/blog/2013/02/spotlight-friday-favorites.html", date: "2013-02-22T17:47:09Z"},
	{file: "feedjira__google_alerts_atom.xml", n: 20, title: "Report offers Prediction of Automotive S", url: "https://www.aglobalmarketresearch.com/report-offers-prediction-of-automotive-slack-market-by-top-key-players-like-haldex-meritor-bendix-mei-wabco-accuride-stemco-tbk-febi-aydinsan/", date: "2019-07-10T11:53:37Z"},
	{file: "feedjira__json_feed.json", n: 20, title: "James Dempsey and the Breakpoints Benefi", url: "http://inessential.com/2017/06/02/james_dempsey_and_the_breakpoints_benefi", date: "2017-06-03T05:05:47Z"},
	{file: "feedjira__json_feed_with_escaped_uris.json", n: 30, title: "New Font", url: "https://lukedorny.com/updates/new-font", date: "2025-01-06T01:40:00Z"},
	{file: "feedjira__youtube_atom.xml", n: 15, title: "The Google app: Questions Title", url: "http://www.youtube.com/watch?v=5shykyfmb28", date: "2015-05-04T00:01:27Z"},
	{file: "feedparser__encoding_bozo_linenoise.xml", n: 1, title: "", url: "", date: ""},
	{file: "feedparser__encoding_utf-16le-bom.xml", n: 0},
	{file: "feedparser__encoding_utf-8-bom.xml", n: 0},
	{file: "feedparser__illformed_aaa_illformed.xml", err: "feed: malformed feed, no entry could be read: XML syntax error on line 6: unexpected EOF"},
	{file: "feedparser__illformed_chardet_koi8r.xml", n: 1, title: "Как пережить новогоднюю ночь", url: "", date: ""},
	{file: "feedparser__illformed_http_high_bit_date.xml", n: 0},
	{file: "feedparser__illformed_rss_incomplete_cdata.xml", err: "feed: malformed feed, no entry could be read: XML syntax error on line 13: invalid <![ sequence"},
	{file: "feedparser__illformed_rss_item_link_corrupted_ampersands.xml", n: 1, title: "", url: "http://link/get?a=1&b=2", date: ""},
	{file: "feedparser__illformed_undeclared_namespace.xml", n: 0},
	{file: "feedparser__json_example.json", n: 2, title: "post 2", url: "https://example.org/second-item", date: ""},
	{file: "feedparser__wellformed_atom10_relative_uri.xml", n: 0},
	{file: "feedparser__wellformed_sanitize_item_description_crazy.xml", n: 1, title: "", url: "", date: ""},
	{file: "feedparser__wellformed_sanitize_large_atom_feed_that_needs_css_sanitisation.xml", n: 15, title: "Невидимая броня для Вашего Nokia 5800", url: "http://touchnokia.ru/2009/09/nevidimaja-bronja-dlja-vashego-nokia-5800.html", date: "2009-09-09T14:19:45Z"},
	{file: "gofeed__invalid.json", err: "feed: invalid JSON Feed: unexpected end of JSON input"},
	{file: "gofeed__rss_feed_bom.xml", n: 0},
	{file: "gofeed__rss_feed_leading_spaces.xml", n: 0},
	{file: "gofeed__version_json_11.json", n: 1, title: "title", url: "https://sample-json-feed.com/id", date: "2019-10-12T07:20:50Z"},
	{file: "rssparser__content-encoded.rss", n: 7, title: "THE CREATIVE FORAGER", url: "https://medium.com/invironment/the-creative-forager-125af37d838f?source=rss----d12c403d4976--food", date: "2018-04-09T18:55:38Z"},
	{file: "rssparser__craigslist.rss", n: 25, title: "Bright, Spacious Beautiful Victorian (oa", url: "http://sfbay.craigslist.org/eby/apa/6186664607.html", date: "2017-06-21T17:33:10Z"},
	{file: "rssparser__customfields.rss", n: 15, title: "ISUZU launches the ‘mu-X’ premium full-s", url: "http://www.varthabharati.in/article/english/74450", date: "2017-05-19T15:35:02Z"},
	{file: "rssparser__encoding.rss", n: 40, title: "Mãe de utente é a nova presidente da Rar", url: "https://www.jn.pt/nacional/interior/sonia-laig-e-a-nova-presidente-da-rarissimas-9021600.html", date: "2018-01-03T13:47:00Z"},
	{file: "rssparser__feedburner.atom", n: 25, title: "AdWords and DFP Java client library will", url: "http://googleadsdeveloper.blogspot.com/2016/06/adwords-and-dfp-java-client-library.html", date: "2016-06-03T14:38:00Z", code: true},
	{file: "rssparser__guardian.rss", n: 55, title: "Trump State of the Union address promise", url: "https://www.theguardian.com/us-news/2018/jan/31/donald-trump-state-of-the-union-address-unity-discord", date: "2018-01-31T07:26:05Z"},
	{file: "rssparser__gulp-atom.atom", base: "https://github.com/gulpjs/gulp/releases.atom", n: 10, title: "v3.9.0", url: "https://github.com/gulpjs/gulp/releases/tag/v3.9.0", date: "2015-06-01T21:49:41Z"},
	{file: "rssparser__heise.atom", n: 15, title: "Java-Anwendungsserver: Red Hat gibt Wild", url: "http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html", date: "2016-02-01T16:22:00Z"},
	{file: "rssparser__heraldsun.rss", n: 2, title: "The First Item", url: "http://www.oreilly.com/example/001.html", date: ""},
	{file: "rssparser__incomplete-fields.atom", n: 0},
	{file: "rssparser__missing-fields.atom", n: 0},
	{file: "rssparser__reddit-home.rss", n: 24, title: "How the British as seen by Americans and", url: "https://www.reddit.com/r/funny/comments/42tizy/how_the_british_as_seen_by_americans_and_europeans/", date: "2016-01-26T20:31:34Z"},
	{file: "rssparser__reddit.rss", n: 24, title: "The water is too deep, so he improvises", url: "https://www.reddit.com/r/funny/comments/3skxqc/the_water_is_too_deep_so_he_improvises/", date: "2015-11-12T21:16:39Z"},
	{file: "rssparser__unrecognized.rss", err: "feed: not a feed: the server sent an HTML page"},
	{file: "rssparser__uolNoticias.rss", n: 15, title: "Ibope: Bolsonaro perde de Haddad, Ciro e", url: "https://noticias.uol.com.br/politica/eleicoes/2018/noticias/2018/09/24/ibope-bolsonaro-perde-de-haddad-ciro-e-alckmin-em-simulacoes-de-2-turno.htm", date: "2018-09-24T22:42:40Z"},
}

// markup finds HTML tags or entities left in extracted text.
var markup = regexp.MustCompile(`<(p|br|div|b|a|img|script|span)[\s>/]|</[a-z]+>|&(amp|lt|gt|quot|nbsp|#[0-9]+);`)

func TestCorpus(t *testing.T) {
	dir := testenv.Corpus(t, "feeds")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]corpusCase{}
	for _, c := range corpusCases {
		cases[c.file] = c
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			c, ok := cases[name]
			if !ok {
				t.Fatalf("no expected outcome for %s: add it to corpusCases", name)
			}
			delete(cases, name)
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			base := c.base
			if base == "" {
				base = "https://feeds.example/" + name
			}
			docs, err := Parse(body, "", base, name)
			if c.err != "" {
				if err == nil || err.Error() != c.err {
					t.Fatalf("error = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(docs) != c.n {
				t.Fatalf("got %d entries, want %d", len(docs), c.n)
			}
			ids := map[string]bool{}
			for i, d := range docs {
				if d.ID == "" || ids[d.ID] {
					t.Errorf("entry %d: empty or repeated ID %q", i, d.ID)
				}
				ids[d.ID] = true
				for field, s := range map[string]string{"title": d.Title, "text": d.Text, "author": d.Author} {
					if !utf8.ValidString(s) {
						t.Errorf("entry %d: %s is not valid UTF-8", i, field)
					}
					if m := markup.FindString(s); m != "" && (!c.code || m[0] == '&') {
						t.Errorf("entry %d: %s keeps markup %q: %.120q", i, field, m, s)
					}
					if s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
						t.Errorf("entry %d: %s has uncollapsed white space: %.120q", i, field, s)
					}
				}
				if strings.Contains(d.Title, "\n") {
					t.Errorf("entry %d: title has a line break", i)
				}
				if d.URL != "" && !strings.HasPrefix(d.URL, "http://") && !strings.HasPrefix(d.URL, "https://") {
					t.Errorf("entry %d: link %q is not absolute", i, d.URL)
				}
				if strings.Contains(d.URL, "google.com/url") {
					t.Errorf("entry %d: Google redirect not unwrapped: %s", i, d.URL)
				}
			}
			if c.n == 0 {
				return
			}
			d := docs[0]
			if !strings.HasPrefix(d.Title, c.title) {
				t.Errorf("title = %q, want prefix %q", d.Title, c.title)
			}
			if d.URL != c.url {
				t.Errorf("link = %q, want %q", d.URL, c.url)
			}
			got := ""
			if !d.PublishedAt.IsZero() {
				got = d.PublishedAt.Format(time.RFC3339)
			}
			if got != c.date {
				t.Errorf("date = %q, want %q", got, c.date)
			}
		})
	}
	for name := range cases {
		t.Errorf("corpus file %s is missing", name)
	}
}

// TestCorpusDetails checks what the table cannot say in one line.
func TestCorpusDetails(t *testing.T) {
	dir := testenv.Corpus(t, "feeds")
	parse := func(t *testing.T, name string) []string {
		t.Helper()
		body, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		docs, err := Parse(body, "", "https://feeds.example/"+name, name)
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, d := range docs {
			all = append(all, d.Title+"\n"+d.Text+"\n"+d.Author)
		}
		return all
	}
	has := func(t *testing.T, all []string, want string) {
		t.Helper()
		for _, s := range all {
			if strings.Contains(s, want) {
				return
			}
		}
		t.Errorf("no entry contains %q", want)
	}
	t.Run("google alerts double escaping", func(t *testing.T) {
		all := parse(t, "feedjira__google_alerts_atom.xml")
		has(t, all, "much of the news coverage centered on the Company's decision to go public via ...")
		has(t, all, "strategists, marketers and senior ...")
	})
	t.Run("script and handlers stripped", func(t *testing.T) {
		for _, s := range parse(t, "feedparser__wellformed_sanitize_item_description_crazy.xml") {
			if strings.Contains(s, "alert(") || strings.Contains(s, "onmouseover") {
				t.Errorf("script text kept: %q", s)
			}
		}
	})
	t.Run("invalid bytes replaced", func(t *testing.T) {
		has(t, parse(t, "feedparser__encoding_bozo_linenoise.xml"), "’<>”\uFFFD")
	})
	t.Run("paragraphs kept", func(t *testing.T) {
		has(t, parse(t, "chardet__koi8r__koi.kinder.ru.xml"), "Вышел февральский номер \"Клёпы\".\nЮные читатели")
	})
	t.Run("dc:creator with e-mail", func(t *testing.T) {
		has(t, parse(t, "chardet__cp1251__forum.template-toolkit.ru.1.xml"), "\nddv <authors@template-toolkit.ru>")
	})
}
