package scrape

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// corpusNow is "now" for the shared corpus pages.
var corpusNow = time.Date(2026, 1, 27, 14, 30, 0, 0, time.UTC)

// The corpus pages, read with their presets. Counts are those SOURCE.md
// verified: one document per post that has text of its own.
func TestCorpusPresets(t *testing.T) {
	forums := testenv.Corpus(t, "forums")
	profiles := filepath.Join(filepath.Dir(forums), "profiles")
	utc := time.UTC
	tests := []struct {
		name, dir, file string
		spec            Spec
		ct, page        string
		count           int
		next            string
		docs            map[int]want
		check           func(t *testing.T, docs []model.Document)
	}{
		{
			name: "telegram channel preview", dir: forums, file: "any2feed__telegram_preview_full.html",
			spec: Spec{Type: "profile", Preset: "telegram"}, ct: "text/html; charset=utf-8", page: "https://t.me/s/topwar_official",
			count: 12, next: "https://t.me/s/topwar_official?before=70989",
			docs: map[int]want{
				0: {ID: "url:https://t.me/topwar_official/70989", Author: "Военное обозрение", Date: time.Date(2023, 2, 28, 7, 47, 53, 0, utc),
					Replies: -1, TextHas: []string{"В Санкт-Петербурге в небо над городом подняли истребители", "сообщает Baza.\nСудя по сервису Flightradar"}},
				11: {URL: "https://t.me/topwar_official/71008", Replies: -1},
			},
			check: func(t *testing.T, docs []model.Document) {
				for i, d := range docs {
					if d.Author != "Военное обозрение" || d.PublishedAt.IsZero() || !strings.HasPrefix(d.URL, "https://t.me/topwar_official/") || d.ThreadURL != "" {
						t.Errorf("doc %d: %+v", i, d)
					}
				}
			},
		},
		{
			name: "SA thread (windows-1252, no charset declared)", dir: forums, file: "awful_sa__showthread.html",
			spec: Spec{Type: "forum", Preset: "vbulletin"}, ct: "text/html",
			page:  "https://forums.somethingawful.com/showthread.php?threadid=3507451&userid=0&perpage=40&pagenumber=5",
			count: 40, next: "https://forums.somethingawful.com/showthread.php?threadid=3507451&userid=0&perpage=40&pagenumber=4",
			docs: map[int]want{
				0: {ID: "url:https://forums.somethingawful.com/showthread.php?threadid=3507451#post407741839", Author: "Majuju",
					Title: "Canadian Politics Thread: Revenge of Trudeaumania: Brawl Me, Maybe", Date: time.Date(2012, 9, 20, 11, 16, 0, 0, utc),
					Thread: "https://forums.somethingawful.com/showthread.php?threadid=3507451", Replies: 199,
					TextHas:   []string{"> MikeSevigny posted: BC's most evil premier", "\nHey, now, there's a lot of room for debate"},
					TextLacks: []string{"AAAAAAA", "Profile", "Alert Moderators"}},
			},
			check: func(t *testing.T, docs []model.Document) {
				found := false
				for _, d := range docs {
					if strings.Contains(d.Text, "\ufffd") {
						t.Errorf("undecoded bytes in %q", d.Text)
					}
					if strings.Contains(d.Text, "Resounding win for Québec students") {
						found = true
					}
				}
				if !found {
					t.Error("no post decodes windows-1252 \"Québec\"")
				}
			},
		},
		{
			name: "SA thread, FYAD markup", dir: forums, file: "awful_sa__showthread-fyad.html",
			spec: Spec{Type: "forum", Preset: "vbulletin"}, ct: "text/html",
			page: "https://forums.somethingawful.com/showthread.php?threadid=3589200&pagenumber=2",
			// 10 posts; four hold only an image or only a quote.
			count: 6, next: "https://forums.somethingawful.com/showthread.php?threadid=3589200&userid=0&perpage=40&pagenumber=1",
			docs: map[int]want{
				0: {Author: "Chill Callahan", Date: time.Date(2013, 11, 27, 23, 10, 0, 0, utc), Replies: -1,
					TextHas: []string{"I was being trolled?"}, TextLacks: []string{"Chill Callahan"}},
			},
		},
		{
			name: "SA single post view", dir: forums, file: "awful_sa__showpost.html",
			spec: Spec{Type: "forum", Preset: "vbulletin"}, ct: "text/html",
			page: "https://forums.somethingawful.com/showpost.php?postid=428957756", count: 1,
			docs: map[int]want{0: {Author: "The Dave", Date: time.Date(2014, 4, 29, 17, 2, 0, 0, utc), Replies: -1}},
		},
		{
			name: "SA topic list", dir: forums, file: "awful_sa__forumdisplay.html",
			spec: Spec{Type: "forum", Preset: "vbulletin"}, ct: "text/html",
			page: "https://forums.somethingawful.com/forumdisplay.php?forumid=46",
			// 41 rows; the announcement row has no thread title.
			count: 40, next: "https://forums.somethingawful.com/forumdisplay.php?forumid=46&daysprune=30&perpage=40&posticon=0&sortorder=desc&sortfield=lastpost&pagenumber=2",
			docs: map[int]want{
				0: {ID: "url:https://forums.somethingawful.com/showthread.php?threadid=3332697", Title: "The Improved Rules of Debate and Discussion - New Update",
					Author: "tonelok", Replies: 11, Date: time.Date(2012, 2, 25, 19, 42, 0, 0, utc),
					Thread: "https://forums.somethingawful.com/showthread.php?threadid=3332697"},
			},
			check: everyField,
		},
		{
			name: "SA sub-forum topic list", dir: forums, file: "awful_sa__showthread-asktell.html",
			spec: Spec{Type: "forum", Preset: "vbulletin"}, ct: "text/html",
			page: "https://forums.somethingawful.com/forumdisplay.php?forumid=158", count: 45,
			next:  "https://forums.somethingawful.com/forumdisplay.php?forumid=158&daysprune=30&perpage=45&posticon=0&sortorder=desc&sortfield=lastpost&pagenumber=2",
			check: everyField,
		},
		{
			name: "XenForo 2 topic list", dir: forums, file: "lifev_xenforo__forum_view.html",
			spec: Spec{Type: "forum", Preset: "xenforo"}, ct: "text/html",
			page: "https://forums.lifev.net/index.php?forums/suggestions.20/", count: 24,
			next: "https://forums.lifev.net/index.php?forums/suggestions.20/page-2",
			docs: map[int]want{
				1: {URL: "https://forums.lifev.net/index.php?threads/curiosity-trello-board.903/", Title: "Curiosity Trello Board", Author: "127.0.0.1",
					Date: time.Date(2021, 1, 31, 1, 53, 16, 0, utc), Replies: 0, Thread: "https://forums.lifev.net/index.php?threads/curiosity-trello-board.903/"},
			},
			check: func(t *testing.T, docs []model.Document) {
				rowFields(t, docs, 23) // a moved thread shows "–"
				if _, off := docs[0].PublishedAt.Zone(); off != 3600 {
					t.Errorf("date %v: the +0100 offset is lost", docs[0].PublishedAt)
				}
			},
		},
		{
			name: "Pikabu story (meta charset lies)", dir: forums, file: "metascraper__pikabu_story.html",
			spec: Spec{Type: "forum", Preset: "pikabu", Source: "pikabu"}, ct: "text/html; charset=windows-1251",
			page: "https://pikabu.ru/story/7_interesnyikh_nablyudeniy_o_pervoy_matritse_6758662",
			// The story and its 40 comments.
			count: 41,
			docs: map[int]want{
				0: {Title: "7 интересных наблюдений о первой Матрице", Author: "odno.kino", Date: time.Date(2019, 6, 13, 17, 20, 47, 0, utc),
					URL: "https://pikabu.ru/story/7_interesnyikh_nablyudeniy_o_pervoy_matritse_6758662", Replies: -1, TextHas: []string{"Пересматривал тут на днях трилогию"}},
				1: {ID: "url:https://pikabu.ru/story/7_interesnyikh_nablyudeniy_o_pervoy_matritse_6758662?cid=142946127", Author: "AmberQ",
					Date: time.Date(2019, 6, 13, 21, 24, 58, 0, utc), Replies: -1, TextHas: []string{"Кстати, все упоминают Зион"}},
			},
			check: func(t *testing.T, docs []model.Document) {
				noNestedText(t, docs)
				strike := false
				for _, d := range docs {
					if strings.ContainsRune(d.Title, '\u2060') || !utf8.ValidString(d.Text) || strings.Contains(d.Text, "\ufffd") {
						t.Errorf("bad characters in %q / %q", d.Title, d.Text)
					}
					if strings.ContainsRune(d.Text, '\u0336') {
						strike = true
					}
					if d.ThreadURL != "https://pikabu.ru/story/7_interesnyikh_nablyudeniy_o_pervoy_matritse_6758662" {
						t.Errorf("ThreadURL = %q", d.ThreadURL)
					}
				}
				if !strike {
					t.Error("combining strike-through characters lost")
				}
			},
		},
		{
			name: "legacy Twitter status page", dir: forums, file: "postlight__twitter.com.html",
			spec: Spec{Type: "profile", Preset: "twitter"}, ct: "text/html",
			page: "https://twitter.com/KingBeyonceStan/status/745276948213968896", count: 12,
			docs: map[int]want{
				1: {URL: "https://twitter.com/KingBeyonceStan/status/745276948213968896", Author: "@KingBeyonceStan",
					Date: time.Unix(1466522845, 0), Replies: -2, TextHas: []string{"Now before you write me off as bias"}},
				// The hidden media link is not glued to the last word.
				3: {Replies: -2, TextHas: []string{"she doesn't have the range"}, TextLacks: []string{"pic.twitter.com", "rangepic"}},
			},
		},
		{
			name: "new Reddit thread, authors only as avatar links", dir: forums, file: "postlight__www.reddit.com--title-only.html",
			spec: Spec{Type: "forum", Preset: "reddit"}, ct: "text/html",
			page: "https://www.reddit.com/r/AskReddit/comments/axtih6/what_is_the_most_worth_it_item_you_have_ever/",
			// 15 comments, 3 deleted.
			count: 12,
			check: func(t *testing.T, docs []model.Document) {
				authors := 0
				for _, d := range docs {
					if d.Author != "" {
						authors++
					}
					if d.Title != `What is the most "worth it" item you have ever purchased?` {
						t.Errorf("Title = %q", d.Title)
					}
				}
				if authors < 9 {
					t.Errorf("%d comments with an author, want at least 9 (from the avatar links)", authors)
				}
			},
		},
		{
			name: "new Reddit thread", dir: forums, file: "postlight__www.reddit.com.html",
			spec: Spec{Type: "forum", Preset: "reddit"}, ct: "text/html",
			page: "https://www.reddit.com/r/Showerthoughts/comments/awx46q/vanilla_becoming_the_default_flavour_of_ice_cream/",
			// 197 comments, 24 deleted or collapsed.
			count: 173,
			docs: map[int]want{
				0: {URL: "https://www.reddit.com/r/Showerthoughts/comments/awx46q/comment/ehq47gs/?context=3", Author: "LorenzoPg",
					Date: corpusNow.AddDate(-4, 0, 0), Replies: 2800, Thread: "https://www.reddit.com/r/Showerthoughts/comments/awx46q/vanilla_becoming_the_default_flavour_of_ice_cream/",
					TextHas: []string{"Fun fact: Vanilla (the real stuff) has a similar price to silver."}},
			},
		},
		{
			name: "Bluesky profile (rendered DOM)", dir: profiles, file: "metascraper__bluesky_profile.html",
			spec: Spec{Type: "profile", Preset: "bluesky"}, ct: "text/html",
			page: "https://bsky.app/profile/stephenking.bsky.social", count: 28,
			docs: map[int]want{
				0: {URL: "https://bsky.app/profile/stephenking.bsky.social/post/3mddvy5bv6k27", Author: "stephenking.bsky.social",
					Date: time.Date(2026, 1, 26, 19, 50, 0, 0, utc), Replies: 124, Thread: "https://bsky.app/profile/stephenking.bsky.social/post/3mddvy5bv6k27",
					TextHas: []string{"The rightwing response"}},
			},
			check: func(t *testing.T, docs []model.Document) {
				for i, d := range docs {
					if d.PublishedAt.IsZero() || d.Author == "" || !strings.Contains(d.URL, "/post/") {
						t.Errorf("doc %d: %+v", i, d)
					}
				}
			},
		},
		{
			name: "X profile (rendered DOM)", dir: profiles, file: "metascraper__x_profile.html",
			spec: Spec{Type: "profile", Preset: "x"}, ct: "text/html",
			page: "https://x.com/Kikobeats", count: 3,
			docs: map[int]want{
				0: {URL: "https://x.com/Kikobeats/status/1759241476758733209", Author: "@Kikobeats", Date: time.Date(2024, 2, 18, 15, 40, 27, 0, utc),
					Replies: 10, TextHas: []string{"Making some @microlinkhq t-shirts, oversized style. Ping me if you want one!"}},
				1: {Date: time.Date(2025, 11, 9, 13, 11, 55, 0, utc), Replies: 785},
			},
		},
		{
			name: "Telegram channel card has no posts", dir: profiles, file: "metascraper__telegram_channel.html",
			spec: Spec{Type: "profile", Preset: "telegram"}, ct: "text/html", page: "https://t.me/unlimitedhangout", count: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := extractFile(t, tt.spec, filepath.Join(tt.dir, tt.file), tt.ct, tt.page, corpusNow)
			if len(p.Docs) != tt.count {
				t.Fatalf("%d documents, want %d", len(p.Docs), tt.count)
			}
			if p.Next != tt.next {
				t.Errorf("Next = %q, want %q", p.Next, tt.next)
			}
			ids := map[string]bool{}
			for i, d := range p.Docs {
				if ids[d.ID] {
					t.Errorf("doc %d: duplicate ID %q", i, d.ID)
				}
				ids[d.ID] = true
				if w, ok := tt.docs[i]; ok {
					checkDoc(t, i, d, w)
				}
			}
			if tt.check != nil {
				tt.check(t, p.Docs)
			}
		})
	}
}

// everyField checks topic-list rows: each has a title, author, date,
// reply count and thread link.
func everyField(t *testing.T, docs []model.Document) {
	t.Helper()
	rowFields(t, docs, len(docs))
}

// rowFields checks topic-list rows: each has a title, author, date and
// thread link, and withReplies of them a reply count.
func rowFields(t *testing.T, docs []model.Document, withReplies int) {
	t.Helper()
	n := 0
	for i, d := range docs {
		if d.Title == "" || d.Author == "" || d.PublishedAt.IsZero() || d.ThreadURL == "" || d.ThreadURL != d.URL {
			t.Errorf("row %d incomplete: %+v", i, d)
		}
		if d.Replies >= 0 {
			n++
		}
	}
	if n != withReplies {
		t.Errorf("%d rows with a reply count, want %d", n, withReplies)
	}
}

// noNestedText checks that no post's text contains another post's (child
// comments live inside their parent's element).
func noNestedText(t *testing.T, docs []model.Document) {
	t.Helper()
	for i, a := range docs {
		for j, b := range docs {
			if i != j && len(b.Text) > 40 && strings.Contains(a.Text, b.Text) {
				t.Errorf("doc %d contains the text of doc %d: %q", i, j, b.Text)
			}
		}
	}
}

// Pikabu's story list layout (feeds, communities, tag pages) against the
// story cards of the corpus page: the story itself and 20 related ones.
func TestCorpusPikabuStoryCards(t *testing.T) {
	forums := testenv.Corpus(t, "forums")
	ex := mustCompile(t, Spec{Type: "forum", Preset: "pikabu"})
	var list *layout
	for _, l := range ex.layouts {
		if l.kind == kList {
			list = l
		}
	}
	cards := &Extractor{spec: ex.spec, preset: ex.preset, layouts: []*layout{list}}
	body := readFile(t, filepath.Join(forums, "metascraper__pikabu_story.html"))
	p, err := cards.Extract(body, "text/html", "https://pikabu.ru/story/7_interesnyikh_nablyudeniy_o_pervoy_matritse_6758662", corpusNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Docs) != 21 {
		t.Fatalf("%d story cards, want 21", len(p.Docs))
	}
	for i, d := range p.Docs[1:] {
		if d.Title == "" || d.Author == "" || d.PublishedAt.IsZero() || !strings.HasPrefix(d.URL, "https://pikabu.ru/story/") || d.ThreadURL != d.URL || d.Replies < 0 {
			t.Errorf("card %d: %+v", i+1, d)
		}
	}
}
