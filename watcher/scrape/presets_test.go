package scrape

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// fixtureNow is "now" for the hand-written pages: 13 March 2024, 12:00 UTC.
var fixtureNow = time.Date(2024, 3, 13, 12, 0, 0, 0, time.UTC)

func extractFile(t *testing.T, spec Spec, path, contentType, pageURL string, now time.Time) *Page {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := Compile(spec)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ex.Extract(body, contentType, pageURL, now)
	if err != nil {
		t.Fatalf("Extract(%s): %v", path, err)
	}
	return p
}

// want is the expected value of some fields of a document; empty fields
// and Replies -2 are not checked.
type want struct {
	ID, URL, Title, Author, Thread string
	TextHas, TextLacks             []string
	Date                           time.Time
	Replies                        int
}

func checkDoc(t *testing.T, i int, d model.Document, w want) {
	t.Helper()
	if w.ID != "" && d.ID != w.ID {
		t.Errorf("doc %d: ID = %q, want %q", i, d.ID, w.ID)
	}
	if w.URL != "" && d.URL != w.URL {
		t.Errorf("doc %d: URL = %q, want %q", i, d.URL, w.URL)
	}
	if w.Title != "" && d.Title != w.Title {
		t.Errorf("doc %d: Title = %q, want %q", i, d.Title, w.Title)
	}
	if w.Author != "" && d.Author != w.Author {
		t.Errorf("doc %d: Author = %q, want %q", i, d.Author, w.Author)
	}
	if w.Thread != "" && d.ThreadURL != w.Thread {
		t.Errorf("doc %d: ThreadURL = %q, want %q", i, d.ThreadURL, w.Thread)
	}
	if !w.Date.IsZero() && !d.PublishedAt.Equal(w.Date) {
		t.Errorf("doc %d: PublishedAt = %v, want %v", i, d.PublishedAt, w.Date)
	}
	if w.Replies != -2 && d.Replies != w.Replies {
		t.Errorf("doc %d: Replies = %d, want %d", i, d.Replies, w.Replies)
	}
	for _, s := range w.TextHas {
		if !strings.Contains(d.Text, s) {
			t.Errorf("doc %d: Text %q lacks %q", i, d.Text, s)
		}
	}
	for _, s := range w.TextLacks {
		if strings.Contains(d.Text, s) {
			t.Errorf("doc %d: Text %q contains %q", i, d.Text, s)
		}
	}
	if d.ID == "" {
		t.Errorf("doc %d: no ID", i)
	}
}

func TestPresetFixtures(t *testing.T) {
	utc := time.UTC
	tests := []struct {
		name        string
		spec        Spec
		file, ct    string
		page        string
		count       int
		next        string
		docs        map[int]want
		allReplies  int // -2: not checked
		allThread   string
		uniqueTexts bool // no post's text holds another's
	}{
		{
			name: "phpBB 3.3 thread, last page", spec: Spec{Type: "forum", Preset: "phpbb", Source: "money"},
			file: "phpbb33_thread.html", ct: "text/html; charset=UTF-8",
			page:  "https://forum.example.org/viewtopic.php?t=4521&start=99999999",
			count: 3, next: "https://forum.example.org/viewtopic.php?t=4521",
			allReplies: 11, allThread: "https://forum.example.org/viewtopic.php?t=4521",
			docs: map[int]want{
				0: {ID: "url:https://forum.example.org/viewtopic.php?p=88231#p88231", Title: "Re: Acme Bank card blocked abroad",
					Author: "traveller_kate", Date: time.Date(2024, 3, 12, 8, 15, 0, 0, utc), Replies: -2,
					TextHas:   []string{"> old_sailor wrote:", "Did you call them", "I did, twice.", "\nNot impressed with Acme Bank this time."},
					TextLacks: []string{"always travelling light", "Quote", "script"}},
				1: {Author: "old_sailor", TextHas: []string{"Forty minutes", "\nopen Support\nchoose Cards"}, Replies: -2},
				2: {Author: "newbie2024", TextHas: []string{"Same here last summer & nobody warned me. :("}, Replies: -2},
			},
		},
		{
			name: "phpBB 3.3 topic list", spec: Spec{Type: "forum", Preset: "phpbb"},
			file: "phpbb33_forum.html", ct: "text/html",
			page:  "https://forum.example.org/viewforum.php?f=3",
			count: 3, next: "https://forum.example.org/viewforum.php?f=3&start=25", allReplies: -2,
			docs: map[int]want{
				0: {Title: "Read this before posting", Author: "admin", Replies: 0, Thread: "https://forum.example.org/viewtopic.php?t=4000"},
				1: {ID: "url:https://forum.example.org/viewtopic.php?t=4521", Title: "Acme Bank card blocked abroad", Author: "old_sailor",
					Replies: 11, Thread: "https://forum.example.org/viewtopic.php?t=4521", Date: time.Date(2024, 3, 11, 18, 40, 0, 0, utc)},
				2: {Title: "Which bank has the best savings rate?", Replies: 1},
			},
		},
		{
			name: "phpBB 3.0 Russian thread in windows-1251", spec: Spec{Type: "forum", Preset: "phpbb"},
			file: "phpbb30_cp1251_thread.html", ct: "text/html",
			page:  "http://bankforum.example.ru/viewtopic.php?f=3&t=100&start=99999999",
			count: 3, allReplies: 2, allThread: "http://bankforum.example.ru/viewtopic.php?t=100", uniqueTexts: true,
			docs: map[int]want{
				0: {ID: "url:http://bankforum.example.ru/viewtopic.php?t=100#p501", Title: "Акме Банк списал деньги дважды", Author: "Светлана",
					Date: time.Date(2024, 3, 12, 10, 15, 0, 0, utc), Replies: -2,
					TextHas: []string{"картой Акме Банка", "\nВ поддержке ответили"}},
				1: {Author: "Пётр", Date: time.Date(2024, 3, 12, 11, 2, 0, 0, utc), Replies: -2,
					TextHas: []string{"> Светлана писал(а): В поддержке", "\nТридцать дней"}},
				2: {Date: time.Date(2024, 3, 13, 9, 30, 0, 0, utc), Replies: -2, TextHas: []string{"деньги уже вернули — быстрее"}},
			},
		},
		{
			name: "XenForo 2 thread, last page", spec: Spec{Type: "forum", Preset: "xenforo"},
			file: "xenforo2_thread.html", ct: "text/html",
			page:  "https://community.example.net/threads/acme-bank-app-update-broke-login.1234/page-3",
			count: 2, next: "https://community.example.net/threads/acme-bank-app-update-broke-login.1234/page-2",
			allReplies: 41, allThread: "https://community.example.net/threads/acme-bank-app-update-broke-login.1234/",
			docs: map[int]want{
				0: {ID: "url:https://community.example.net/threads/acme-bank-app-update-broke-login.1234/post-56001",
					Title: "Acme Bank app update broke login", Author: "dmitry_k", Replies: -2,
					Date:      time.Date(2024, 3, 12, 17, 5, 10, 0, utc),
					TextHas:   []string{"Updated this morning"},
					TextLacks: []string{"Last edited", "Like", "Reply"}},
				1: {Author: "mira", Replies: -2,
					TextHas:   []string{"> dmitry_k said: Updated this morning", "\nAcme Bank support told me to reinstall the app. That fixed it for me :)", "\nVersion 5.2.1"},
					TextLacks: []string{"Click to expand"}},
			},
		},
		{
			name: "vBulletin 4 thread, last page", spec: Spec{Type: "forum", Preset: "vbulletin"},
			file: "vbulletin4_thread.html", ct: "text/html; charset=ISO-8859-1",
			page:  "https://boards.example.com/showthread.php?t=777&page=2",
			count: 2, next: "https://boards.example.com/showthread.php?t=777",
			allReplies: 11, allThread: "https://boards.example.com/showthread.php?t=777",
			docs: map[int]want{
				0: {URL: "https://boards.example.com/showthread.php?p=9011&t=777#post9011", Title: "Fees again", Author: "greg_h",
					Date: time.Date(2024, 3, 11, 21, 40, 0, 0, utc), Replies: -2,
					TextHas: []string{"3 to 5 a month", "\nIs anyone else seeing this with Acme Bank?"}},
				1: {Title: "Acme Bank monthly fees went up", Author: "anna.s", Date: time.Date(2024, 3, 13, 10, 15, 0, 0, utc), Replies: -2,
					TextHas: []string{"> Originally Posted by greg_h The account fee", "\nThey sent it by e-mail"}},
			},
		},
		{
			name: "vBulletin 3 Russian thread in windows-1251", spec: Spec{Type: "forum", Preset: "vbulletin"},
			file: "vbulletin3_cp1251_thread.html", ct: "text/html",
			page:  "http://finforum.example.ru/showthread.php?t=2345&page=3",
			count: 2, next: "http://finforum.example.ru/showthread.php?t=2345&page=2",
			allReplies: 22, allThread: "http://finforum.example.ru/showthread.php?t=2345", uniqueTexts: true,
			docs: map[int]want{
				0: {ID: "url:http://finforum.example.ru/showthread.php?t=2345#post40112", Title: "Акме Банк: вклад закрыли без предупреждения",
					Author: "Марина К.", Date: time.Date(2024, 3, 11, 18, 20, 0, 0, utc), Replies: -2,
					TextHas: []string{"Мне закрыли вклад в Акме Банке"}},
				1: {Title: "Re: вклад закрыли", Author: "Модератор_Олег", Date: time.Date(2024, 3, 12, 21, 47, 0, 0, utc), Replies: -2,
					TextHas: []string{"> Цитата: Сообщение от Марина К. проценты за последний месяц не начислили", "\nНапишите жалобу"}},
			},
		},
		{
			name: "vBulletin 4 topic list", spec: Spec{Type: "forum", Preset: "vbulletin"},
			file: "vbulletin4_forum.html", ct: "text/html",
			page:  "https://boards.example.com/forumdisplay.php?f=4",
			count: 2, next: "https://boards.example.com/forumdisplay.php?f=4&page=2", allReplies: -2,
			docs: map[int]want{
				0: {ID: "url:https://boards.example.com/showthread.php?t=777", Title: "Acme Bank monthly fees went up", Author: "greg_h",
					Date: time.Date(2024, 3, 2, 8, 5, 0, 0, utc), Replies: 11, Thread: "https://boards.example.com/showthread.php?t=777"},
				1: {Title: "Best card for travel?", Author: "kim88", Date: time.Date(2024, 3, 12, 19, 30, 0, 0, utc), Replies: 0},
			},
		},
		{
			name: "SMF 2.0 thread", spec: Spec{Type: "forum", Preset: "smf"},
			file: "smf20_thread.html", ct: "text/html",
			page:  "https://smf.example.com/index.php?topic=45.msg2147483647",
			count: 2, allReplies: 16, allThread: "https://smf.example.com/index.php?topic=45.0",
			docs: map[int]want{
				0: {URL: "https://smf.example.com/index.php?topic=45.msg1203#msg1203", Title: "Re: Acme Bank mortgage rates", Author: "Oleg",
					Date: time.Date(2024, 3, 12, 10, 15, 32, 0, utc), Replies: -2,
					TextHas:   []string{"> Quote from: Irina", "> They lowered the rate", "\nOnly for new contracts"},
					TextLacks: []string{"Saving for a house"}},
				1: {Author: "Irina", Date: time.Date(2024, 3, 13, 9, 5, 11, 0, utc), Replies: -2},
			},
		},
		{
			name: "Invision 4 topic", spec: Spec{Type: "forum", Preset: "invision"},
			file: "invision4_topic.html", ct: "text/html",
			page:  "https://support.example.com/topic/3310-acme-bank-app-crashes-on-android-14/page/2/",
			count: 2, next: "https://support.example.com/topic/3310-acme-bank-app-crashes-on-android-14/#comments",
			allReplies: -1, allThread: "https://support.example.com/topic/3310-acme-bank-app-crashes-on-android-14/",
			docs: map[int]want{
				0: {Title: "Acme Bank app crashes on Android 14", Author: "lena_p", Date: time.Date(2024, 3, 12, 10, 15, 0, 0, utc), Replies: -2,
					URL: "https://support.example.com/topic/3310-acme-bank-app-crashes-on-android-14/?comment=20455&do=findComment"},
				1: {Author: "Acme Support", Replies: -2, TextHas: []string{"> lena_p said:", "\nThanks for the report."}},
			},
		},
		{
			name: "Discourse topic JSON", spec: Spec{Type: "forum", Preset: "discourse"},
			file: "discourse_topic_last.json", ct: "application/json; charset=utf-8",
			page:  "https://talk.example.dev/t/acme-bank-api-rate-limits/1187/last.json",
			count: 2, next: "https://talk.example.dev/t/acme-bank-api-rate-limits/1187/7.json",
			allReplies: 23, allThread: "https://talk.example.dev/t/acme-bank-api-rate-limits/1187",
			docs: map[int]want{
				0: {ID: "url:https://talk.example.dev/t/acme-bank-api-rate-limits/1187/22", Title: "Acme Bank API rate limits", Author: "nikolai",
					Date: time.Date(2024, 3, 12, 9, 20, 41, 112e6, utc), Replies: -2,
					TextHas: []string{"> olga: Does the Acme Bank API", "\nIt is 20 now"}},
				1: {Author: "olga", TextHas: []string{"Confirmed on my side :+1:"}, Replies: -2},
			},
		},
		{
			name: "Discourse topic list JSON", spec: Spec{Type: "forum", Preset: "discourse"},
			file: "discourse_latest.json", ct: "application/json",
			page:  "https://talk.example.dev/latest.json",
			count: 2, next: "https://talk.example.dev/latest.json?no_definitions=true&page=1", allReplies: -2,
			docs: map[int]want{
				0: {Title: "Acme Bank API rate limits", Author: "olga", Replies: 23, Thread: "https://talk.example.dev/t/acme-bank-api-rate-limits/1187"},
				1: {Title: "Webhooks arrive twice", Author: "nikolai", Replies: 0, TextHas: []string{"delivered twice …"}},
			},
		},
		{
			name: "Reddit thread JSON", spec: Spec{Type: "forum", Preset: "reddit"},
			file: "reddit_thread.json", ct: "application/json; charset=UTF-8",
			page:  "https://www.reddit.com/r/personalfinance/comments/1bcd2ef/acme_bank_charged_a_foreign_transaction_fee/.json?sort=new&limit=200&raw_json=1",
			count: 3, allReplies: 3, allThread: "https://www.reddit.com/r/personalfinance/comments/1bcd2ef/acme_bank_charged_a_foreign_transaction_fee/",
			docs: map[int]want{
				0: {Title: "Acme Bank charged a foreign transaction fee", Author: "frugal_fox", Date: time.Unix(1710237300, 0), Replies: -2,
					TextHas: []string{"supposed to have none."}},
				1: {Author: "card_nerd", Replies: -2, TextHas: []string{"> supposed to have none\nCheck whether"},
					URL: "https://www.reddit.com/r/personalfinance/comments/1bcd2ef/acme_bank_charged_a_foreign_transaction_fee/kv3w1bb/"},
				2: {Author: "frugal_fox", Replies: -2, TextHas: []string{"Thanks, I will call them."}},
			},
		},
		{
			name: "Reddit listing JSON", spec: Spec{Type: "forum", Preset: "reddit"},
			file: "reddit_listing.json", ct: "application/json",
			page:  "https://www.reddit.com/r/banking/new/.json?limit=100&raw_json=1",
			count: 2, next: "https://www.reddit.com/r/banking/new/.json?limit=100&raw_json=1&after=t3_1bcc111", allReplies: -2,
			docs: map[int]want{
				0: {Title: "Acme Bank raises savings rate to 4.1%", Replies: 8, Thread: "https://www.reddit.com/r/banking/comments/1bcd999/acme_bank_raises_savings_rate_to_41/"},
				1: {Title: "App down?", Replies: 0, TextHas: []string{"locked out of the app"}},
			},
		},
		{
			name: "Bluesky profile RSS", spec: Spec{Type: "profile", Preset: "bluesky"},
			file: "bluesky_profile.rss", ct: "application/rss+xml; charset=utf-8",
			page:  "https://bsky.app/profile/anna.example.social/rss",
			count: 2, allReplies: -1, allThread: "-",
			docs: map[int]want{
				0: {ID: "url:https://bsky.app/profile/anna.example.social/post/3kq2abcdxyz2a", Author: "anna.example.social",
					Date: time.Date(2024, 3, 12, 9, 31, 0, 0, utc), Replies: -2, TextHas: []string{"Switched my salary account to Acme Bank"}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := extractFile(t, tt.spec, filepath.Join("testdata", tt.file), tt.ct, tt.page, fixtureNow)
			if len(p.Docs) != tt.count {
				for i, d := range p.Docs {
					t.Logf("doc %d: %+v", i, d)
				}
				t.Fatalf("%d documents, want %d", len(p.Docs), tt.count)
			}
			if p.Next != tt.next {
				t.Errorf("Next = %q, want %q", p.Next, tt.next)
			}
			if tt.uniqueTexts {
				noNestedText(t, p.Docs)
			}
			ids := map[string]bool{}
			for i, d := range p.Docs {
				if ids[d.ID] {
					t.Errorf("doc %d: duplicate ID %q", i, d.ID)
				}
				ids[d.ID] = true
				if tt.allReplies != -2 && d.Replies != tt.allReplies {
					t.Errorf("doc %d: Replies = %d, want %d", i, d.Replies, tt.allReplies)
				}
				switch tt.allThread {
				case "":
				case "-":
					if d.ThreadURL != "" {
						t.Errorf("doc %d: ThreadURL = %q, want none", i, d.ThreadURL)
					}
				default:
					if d.ThreadURL != tt.allThread {
						t.Errorf("doc %d: ThreadURL = %q, want %q", i, d.ThreadURL, tt.allThread)
					}
				}
				if w, ok := tt.docs[i]; ok {
					checkDoc(t, i, d, w)
				}
			}
		})
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
