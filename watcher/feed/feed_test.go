package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseFixture(t *testing.T, name, contentType, base string) []model.Document {
	t.Helper()
	docs, err := Parse(readFixture(t, name), contentType, base, "test source")
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return docs
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestParseFixtures(t *testing.T) {
	russianItems := []model.Document{
		{
			URL:         "https://reviews.example.ru/reviews/101",
			Title:       "Акме Банк снова задерживает переводы",
			Text:        "Перевод завис на три дня.\nСлужба поддержки «разбирается», а деньги так и не пришли.",
			Author:      "Ирина К.",
			PublishedAt: date("2026-02-03T07:15:00Z"),
			Replies:     12,
		},
		{
			URL:         "https://reviews.example.ru/reviews/102",
			Title:       "Спасибо за быстрый ответ",
			Text:        "Оператор перезвонил через пять минут и всё решил. Клиент'ы довольны !",
			PublishedAt: date("2026-02-02T00:00:00Z"),
			Replies:     -1,
		},
		{
			Title:       "Вопрос про вклады",
			Text:        "Какая ставка по вкладу «Надёжный»?",
			PublishedAt: time.Unix(1770000000, 0).UTC(),
			Replies:     -1,
		},
	}
	koi8Items := append([]model.Document(nil), russianItems...)
	koi8Items[2].Text = strings.NewReplacer("«", `"`, "»", `"`).Replace(koi8Items[2].Text) // KOI8-R has no «»; the fixture uses "

	tests := []struct {
		file, contentType, base string
		want                    []model.Document
	}{
		{"cp1251.rss", "application/rss+xml", "https://reviews.example.ru/feed.rss", russianItems},
		{"cp1251.rss", "text/xml; charset=utf-8", "https://reviews.example.ru/feed.rss", russianItems}, // the header lies
		{"koi8r-undeclared.rss", "", "https://reviews.example.ru/feed.rss", koi8Items},
		{"atom.xml", "application/atom+xml", "https://blog.example.org/feed.atom", []model.Document{
			{
				URL:         "https://blog.example.org/news/2026/01/new-app.html",
				Title:       "Acme & Partners launch a new app",
				Text:        "The app is out today.\nComplaints about the old one were many.",
				Author:      "Dana Reyes",
				PublishedAt: date("2026-01-20T08:00:00Z"),
				Replies:     -1,
			},
			{
				URL:         "https://other.example.com/posts/second",
				Title:       "Second post",
				Text:        "A summary with\nodd spacing.",
				Author:      "editor@blog.example.org",
				PublishedAt: date("2026-01-22T08:30:00Z"),
				Replies:     -1,
			},
		}},
		{"feed.json", "application/feed+json", "https://status.example.com/feed.json", []model.Document{
			{
				URL:         "https://status.example.com/incidents/7",
				Title:       "Login errors for some customers",
				Text:        "Some customers could not log in.\nStarted 09:12\nFixed 09:40",
				Author:      "Status bot",
				PublishedAt: date("2026-03-01T09:40:00Z"),
				Replies:     -1,
			},
			{
				Text:        "Payments are slow right now. We are on it.",
				PublishedAt: date("2026-03-02T11:00:00Z"),
				Replies:     -1,
			},
		}},
		{"truncated.rss", "", "https://forum.example.net/feed", []model.Document{
			{URL: "https://forum.example.net/t/1", Title: "First thread", Text: "Everything works.", Replies: -1},
			{URL: "https://forum.example.net/t/2", Title: "Second thread", Text: "Works for me too.", Replies: -1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.contentType, func(t *testing.T) {
			docs := parseFixture(t, tt.file, tt.contentType, tt.base)
			if len(docs) != len(tt.want) {
				t.Fatalf("got %d documents, want %d: %+v", len(docs), len(tt.want), docs)
			}
			for i, want := range tt.want {
				got := docs[i]
				if got.ID == "" {
					t.Errorf("doc %d has no ID", i)
				}
				got.ID = ""
				if !got.PublishedAt.Equal(want.PublishedAt) {
					t.Errorf("doc %d date = %s, want %s", i, got.PublishedAt, want.PublishedAt)
				}
				got.PublishedAt, want.PublishedAt = time.Time{}, time.Time{}
				if got != want {
					t.Errorf("doc %d:\n got %+v\nwant %+v", i, got, want)
				}
			}
		})
	}
}

func TestIdentity(t *testing.T) {
	docs := parseFixture(t, "guids.rss", "", "https://careless.example/feed")
	if len(docs) != 5 {
		t.Fatalf("got %d documents", len(docs))
	}
	want := []string{
		"url:https://careless.example/a", // shared GUID ignored: the link identifies
		"url:https://careless.example/b",
		"hash:", // shared link and empty GUID: the content identifies
		"hash:",
		"hash:",
	}
	seen := map[string]bool{}
	for i, d := range docs {
		if !strings.HasPrefix(d.ID, want[i]) {
			t.Errorf("doc %d (%s) ID = %s, want prefix %s", i, d.Title, d.ID, want[i])
		}
		if seen[d.ID] {
			t.Errorf("doc %d repeats ID %s", i, d.ID)
		}
		seen[d.ID] = true
	}

	// The same entries fetched again — GUIDs now missing, order changed —
	// keep the identities that do not depend on the GUID.
	again := strings.ReplaceAll(string(readFixture(t, "guids.rss")), "<guid>same</guid>", "")
	docs2, err := Parse([]byte(again), "", "https://careless.example/feed", "test source")
	if err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		if docs[i].ID != docs2[i].ID {
			t.Errorf("doc %d identity changed when the shared GUID went away: %s → %s", i, docs[i].ID, docs2[i].ID)
		}
	}

	// GUIDs are scoped to the source: the same feed under another source
	// name gives other GUID identities.
	a := parseFixture(t, "cp1251.rss", "", "https://reviews.example.ru/feed.rss")
	b, err := Parse(readFixture(t, "cp1251.rss"), "", "https://reviews.example.ru/feed.rss", "another source")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a[0].ID, "guid:") || a[0].ID == b[0].ID {
		t.Errorf("GUID identities: %s and %s", a[0].ID, b[0].ID)
	}
	// Parsing is deterministic.
	c := parseFixture(t, "cp1251.rss", "", "https://reviews.example.ru/feed.rss")
	for i := range a {
		if a[i].ID != c[i].ID {
			t.Errorf("doc %d identity differs between two parses", i)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want string
	}{
		{"empty", nil, `feed: empty body`},
		{"blank", []byte(" \n\t"), `feed: empty body`},
		{"html page", readFixture(t, "page.html"), `feed: not a feed: the server sent an HTML page`},
		{"bare html", []byte("<html><body>hi</body></html>"), "the server sent an HTML page"},
		{"other xml", []byte(`<?xml version="1.0"?><sitemap><url/></sitemap>`), "not a feed: root element is <sitemap>"},
		{"plain text", []byte("Service Unavailable"), "not a feed: no RSS, Atom or JSON Feed found"},
		{"broken json", []byte(`{"version": "https://jsonfeed.org/version/1", "items": [`), "invalid JSON Feed"},
		{"broken before any entry", []byte(`<rss><channel><title>x</title></chan`), "malformed feed, no entry could be read: XML syntax error on line 1: unexpected EOF"},
		{"cut inside the first entry", []byte(`<rss version="2.0"><channel><title>x</title><item><title>Acme Bank`), "malformed feed, no entry could be read"},
		{"garbage inside root", []byte("<rss><<<<>>>>&&&&</rss>"), "malformed feed, no entry could be read"},
		{"well-formed and empty", []byte(`<rss version="2.0"><channel><title>x</title></channel></rss>`), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := Parse(tt.body, "", "https://feeds.example/x", "src")
			if tt.want == "" { // tolerated: no entries, no error
				if err != nil || len(docs) != 0 {
					t.Errorf("got %d docs, err %v; want none and no error", len(docs), err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, %d docs", len(docs))
			}
			// The source is named by whoever shows the error (the
			// sources list, a log line), so the error itself does not.
			if !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "src") {
				t.Errorf("error %q should contain %q and not name the source", err, tt.want)
			}
		})
	}
}

// Read is the parse the scraper shares: the feed-level fields and the
// entry helpers, with the same repairs and errors as Parse.
func TestRead(t *testing.T) {
	body := []byte(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>@anna - Anna</title>` +
		`<link>https://forum.example/t/1</link>` +
		`<item><title>&lt;b&gt;Acme&lt;/b&gt; news</title><description><![CDATA[<p>one</p><p>Company&amp;#39;s</p>]]></description>` +
		`<author>anna@example.org</author></item>` +
		`<item><title>cut off`)
	f, err := Read(body, "")
	if err != nil {
		t.Fatal(err)
	}
	if f.Link != "https://forum.example/t/1" || f.Title != "@anna - Anna" || len(f.Items) != 1 {
		t.Fatalf("feed = %q %q, %d items", f.Link, f.Title, len(f.Items))
	}
	it := f.Items[0]
	if got := EntryTitle(it); got != "Acme news" {
		t.Errorf("EntryTitle = %q", got)
	}
	if got := EntryText(it); got != "one\nCompany's" {
		t.Errorf("EntryText = %q", got)
	}
	if got := EntryAuthor(it); got != "anna@example.org" {
		t.Errorf("EntryAuthor = %q", got)
	}
	if _, err := Read([]byte("<html><body>hi</body></html>"), ""); err == nil || err.Error() != "not a feed: the server sent an HTML page" {
		t.Errorf("Read(HTML) error = %v", err)
	}
}
