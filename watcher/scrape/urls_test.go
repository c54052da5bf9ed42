package scrape

import (
	"net/url"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/ident"
)

func TestExtractorURL(t *testing.T) {
	tests := []struct {
		preset, in, want string
	}{
		// Threads start at their last page.
		{"phpbb", "https://forum.example.org/viewtopic.php?f=3&t=4521", "https://forum.example.org/viewtopic.php?f=3&t=4521&start=99999999"},
		{"phpbb", "https://forum.example.org/viewtopic.php?t=4521&start=20&sid=0123456789abcdef0123456789abcdef", "https://forum.example.org/viewtopic.php?t=4521&start=99999999"},
		{"phpbb", "https://forum.example.org/viewtopic.php?p=88231#p88231", "https://forum.example.org/viewtopic.php?p=88231#p88231"},
		{"phpbb", "https://forum.example.org/viewforum.php?f=3", "https://forum.example.org/viewforum.php?f=3"},
		{"xenforo", "https://community.example.net/threads/acme-bank.1234/", "https://community.example.net/threads/acme-bank.1234/latest"},
		{"xenforo", "https://community.example.net/threads/acme-bank.1234/page-2#posts", "https://community.example.net/threads/acme-bank.1234/latest"},
		{"xenforo", "https://forums.lifev.net/index.php?threads/curiosity-trello-board.903/", "https://forums.lifev.net/index.php?threads/curiosity-trello-board.903/latest"},
		{"xenforo", "https://forums.lifev.net/index.php?forums/suggestions.20/", "https://forums.lifev.net/index.php?forums/suggestions.20/"},
		{"vbulletin", "https://boards.example.com/showthread.php?t=777", "https://boards.example.com/showthread.php?t=777&goto=lastpost"},
		{"vbulletin", "https://forums.somethingawful.com/showthread.php?threadid=3507451&pagenumber=5", "https://forums.somethingawful.com/showthread.php?threadid=3507451&goto=lastpost"},
		{"vbulletin", "https://boards.example.com/forumdisplay.php?f=4", "https://boards.example.com/forumdisplay.php?f=4"},
		{"smf", "https://smf.example.com/index.php?topic=45.0", "https://smf.example.com/index.php?topic=45.msg2147483647"},
		{"smf", "https://smf.example.com/index.php?board=2.0;topic=45.30", "https://smf.example.com/index.php?board=2.0;topic=45.msg2147483647"},
		{"smf", "https://smf.example.com/index.php/topic,45.0.html", "https://smf.example.com/index.php/topic,45.msg2147483647.html"},
		{"invision", "https://support.example.com/topic/3310-acme-bank-app/page/2/", "https://support.example.com/topic/3310-acme-bank-app/?do=getLastComment"},
		// Discourse through its JSON.
		{"discourse", "https://talk.example.dev/t/acme-bank-api-rate-limits/1187", "https://talk.example.dev/t/acme-bank-api-rate-limits/1187/last.json"},
		{"discourse", "https://talk.example.dev/t/acme-bank-api-rate-limits/1187/5", "https://talk.example.dev/t/acme-bank-api-rate-limits/1187/last.json"},
		{"discourse", "https://talk.example.dev/t/1187", "https://talk.example.dev/t/1187/last.json"},
		{"discourse", "https://example.org/forum/t/slug/9/", "https://example.org/forum/t/slug/9/last.json"},
		{"discourse", "https://talk.example.dev/", "https://talk.example.dev/latest.json"},
		{"discourse", "https://talk.example.dev/c/support/5", "https://talk.example.dev/c/support/5.json"},
		{"discourse", "https://talk.example.dev/latest", "https://talk.example.dev/latest.json"},
		{"discourse", "https://talk.example.dev/t/slug/9.rss", "https://talk.example.dev/t/slug/9.rss"},
		// Telegram channels through their web preview.
		{"telegram", "https://t.me/anna_channel", "https://t.me/s/anna_channel"},
		{"telegram", "https://t.me/anna_channel/123", "https://t.me/s/anna_channel"},
		{"telegram", "https://telegram.me/anna_channel", "https://t.me/s/anna_channel"},
		{"telegram", "https://t.me/s/anna_channel", "https://t.me/s/anna_channel"},
		{"telegram", "https://t.me/s/anna_channel?before=70989", "https://t.me/s/anna_channel?before=70989"},
		{"telegram", "https://t.me/+AbCdEf", "https://t.me/+AbCdEf"},
		// Reddit through its JSON.
		{"reddit", "https://old.reddit.com/r/personalfinance/comments/1bcd2ef/acme_bank/", "https://www.reddit.com/r/personalfinance/comments/1bcd2ef/acme_bank/.json?sort=new&limit=200&raw_json=1"},
		{"reddit", "https://www.reddit.com/r/personalfinance/comments/1bcd2ef/comment/kv3w1bb/?utm_source=share", "https://www.reddit.com/r/personalfinance/comments/1bcd2ef/.json?sort=new&limit=200&raw_json=1"},
		{"reddit", "https://reddit.com/r/banking", "https://www.reddit.com/r/banking/new/.json?limit=100&raw_json=1"},
		{"reddit", "https://www.reddit.com/user/frugal_fox/", "https://www.reddit.com/user/frugal_fox/.json?raw_json=1"},
		{"reddit", "https://www.reddit.com/r/banking/search?q=acme", "https://www.reddit.com/r/banking/search/.json?q=acme&sort=new&raw_json=1"},
		{"reddit", "https://www.reddit.com/r/banking/new/.json", "https://www.reddit.com/r/banking/new/.json"},
		// Bluesky through its RSS.
		{"bluesky", "https://bsky.app/profile/anna.example.social", "https://bsky.app/profile/anna.example.social/rss"},
		{"bluesky", "https://bsky.app/profile/anna.example.social/post/3kq2", "https://bsky.app/profile/anna.example.social/post/3kq2"},
		// Presets without a rewrite, and bad URLs, pass through.
		{"pikabu", "https://pikabu.ru/story/x_1", "https://pikabu.ru/story/x_1"},
		{"phpbb", "not a url", "not a url"},
	}
	for _, tt := range tests {
		ex, err := Compile(Spec{Type: "forum", Preset: tt.preset})
		if err != nil {
			t.Fatal(err)
		}
		if got := ex.URL(tt.in); got != tt.want {
			t.Errorf("%s: URL(%q) =\n %q, want\n %q", tt.preset, tt.in, got, tt.want)
		}
	}
}

// Explicit item selectors describe the page the user looked at: no
// rewrite.
func TestURLNoRewriteWithOwnItem(t *testing.T) {
	ex, err := Compile(Spec{Type: "forum", Preset: "phpbb", Selectors: config.Selectors{Item: "div.post"}})
	if err != nil {
		t.Fatal(err)
	}
	in := "https://forum.example.org/viewtopic.php?t=1"
	if got := ex.URL(in); got != in {
		t.Errorf("URL = %q, want %q", got, in)
	}
}

func TestThreadOf(t *testing.T) {
	tests := []struct {
		name string
		fn   func(*url.URL) string
		in   string
		want string
	}{
		{"phpbb", phpbbThread, "https://f.example/viewtopic.php?f=3&t=4521&start=10&sid=0123456789abcdef0123456789abcdef#p1", "https://f.example/viewtopic.php?t=4521"},
		{"phpbb post link", phpbbThread, "https://f.example/viewtopic.php?p=88231", ""},
		{"xenforo", xenforoThread, "https://x.example/threads/acme.1234/page-3#post-5", "https://x.example/threads/acme.1234/"},
		{"xenforo post", xenforoThread, "https://x.example/threads/acme.1234/post-56001", "https://x.example/threads/acme.1234/"},
		{"xenforo no slug", xenforoThread, "https://x.example/threads/1234/", "https://x.example/threads/1234/"},
		{"xenforo query", xenforoThread, "https://x.example/index.php?threads/acme.903/page-2", "https://x.example/index.php?threads/acme.903/"},
		{"vbulletin", vbThread, "https://v.example/showthread.php?t=777&page=2&s=8f14e45fceea167a5a36dedd4bea2543", "https://v.example/showthread.php?t=777"},
		{"sa", vbThread, "https://sa.example/showthread.php?threadid=3507451&userid=0&perpage=40&pagenumber=4", "https://sa.example/showthread.php?threadid=3507451"},
		{"vb friendly query", vbThread, "https://v.example/showthread.php?777-Acme-fees/page2", "https://v.example/showthread.php?777-Acme-fees"},
		{"vb friendly path", vbThread, "https://v.example/threads/777-acme-fees/page2", "https://v.example/threads/777-acme-fees"},
		{"vb post link", vbThread, "https://v.example/showthread.php?p=9012", ""},
		{"smf", smfThread, "https://s.example/index.php?topic=45.msg1203#msg1203", "https://s.example/index.php?topic=45.0"},
		{"smf path", smfThread, "https://s.example/index.php/topic,45.30.html", "https://s.example/index.php/topic,45.0.html"},
		{"invision", invisionThread, "https://i.example/topic/3310-acme/page/2/?do=findComment&comment=5", "https://i.example/topic/3310-acme/"},
		{"invision query", invisionThread, "https://i.example/index.php?/topic/3310-acme/page/2/", "https://i.example/index.php?/topic/3310-acme/"},
		{"reddit", redditThread, "https://old.reddit.com/r/x/comments/abc/slug/def/?context=3", "https://www.reddit.com/r/x/comments/abc/slug/"},
		{"reddit comment link", redditThread, "https://www.reddit.com/r/x/comments/abc/comment/def/", "https://www.reddit.com/r/x/comments/abc/"},
		{"pikabu", pikabuThread, "https://pikabu.ru/story/slug_6758662?cid=142946127", "https://pikabu.ru/story/slug_6758662"},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := tt.fn(u); got != tt.want {
			t.Errorf("%s: thread of %q = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestGenericThread(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://f.example/topic?id=5&page=3#c9", "https://f.example/topic?id=5"},
		{"https://f.example/threads/x.5/page-3", "https://f.example/threads/x.5/"},
		{"https://f.example/t/x/page/4/", "https://f.example/t/x/"},
		{"https://f.example/forum/t/1?start=40&utm_source=mail", "https://f.example/forum/t/1"},
		{"https://f.example/index.php?showtopic=5&st=20", "https://f.example/index.php?showtopic=5"},
		{"https://f.example/forum/?PAGEN_1=2&TID=5", "https://f.example/forum/?TID=5"},
		{"https://f.example/forum/5-acme-page2.html", "https://f.example/forum/5-acme.html"},
		{"https://f.example/archive/index.php/t-777-p-2.html", "https://f.example/archive/index.php/t-777.html"},
		{"https://f.example/acme-bank-t5-20.html", "https://f.example/acme-bank-t5.html"},
		{"https://f.example/t5-20.html", "https://f.example/t5.html"},
		{"https://f.example/topic?id=5&pg=3&pn=2&offset=40", "https://f.example/topic?id=5"},
		// Not page parts: a number in a name, a parameter that names a thread.
		{"https://f.example/iphone-15.html", "https://f.example/iphone-15.html"},
		{"https://f.example/news/budget2024-25.html", "https://f.example/news/budget2024-25.html"},
		{"https://f.example/forum/post12-3.html", "https://f.example/forum/post12-3.html"},
		{"https://f.example/forum/?PAGEN_X=2&TID=5", "https://f.example/forum/?PAGEN_X=2&TID=5"},
		{"https://f.example/viewtopic.php?t=5&p=12", "https://f.example/viewtopic.php?p=12&t=5"},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.in)
		if got := genericThread(u); got != tt.want {
			t.Errorf("genericThread(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	base, _ := url.Parse("https://f.example/forum/viewtopic.php?t=1&start=20")
	tests := []struct{ ref, want string }{
		{"./viewtopic.php?p=5&sid=0123456789abcdef0123456789abcdef#p5", "https://f.example/forum/viewtopic.php?p=5#p5"},
		{"/members/x.1/", "https://f.example/members/x.1/"},
		{"//cdn.example/x", "https://cdn.example/x"},
		{"javascript:void(0)", ""},
		{"#", ""},
		{"mailto:a@b.example", ""},
		{"", ""},
		{"index.php?PHPSESSID=abc&topic=1.0", "https://f.example/forum/index.php?topic=1.0"},
		{"index.php?topic=1.0;all", "https://f.example/forum/index.php?topic=1.0;all"},
	}
	for _, tt := range tests {
		if got := resolve(base, tt.ref); got != tt.want {
			t.Errorf("resolve(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
}

// SMF permalinks keep the identities they have always had: ";" read as
// "&", and two posts apart.
func TestForIdentity(t *testing.T) {
	a := forIdentity("https://f.example/index.php?topic=45.msg1;topicseen")
	b := forIdentity("https://f.example/index.php?topic=45.msg2;topicseen")
	if a == b || a != "https://f.example/index.php?topic=45.msg1&topicseen" {
		t.Errorf("forIdentity = %q, %q", a, b)
	}
	if got := ident.ForPost("s", a, "", ""); got != "url:https://f.example/index.php?topic=45.msg1&topicseen" {
		t.Errorf("identity = %q", got)
	}
}
