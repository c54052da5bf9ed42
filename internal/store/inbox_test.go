package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// inboxFixture stores mentions, one a minute from t0, each with the given
// title, text, tags and found time.
func inboxFixture(t *testing.T, s *Store, rows ...model.Mention) []int64 {
	t.Helper()
	var docs []model.Document
	var ms []*model.Mention
	for i, r := range rows {
		m := mention(fmt.Sprintf("d%d", i), "Acme")
		m.Title, m.Text, m.Tags, m.Author = r.Title, r.Text, r.Tags, r.Author
		if r.Brand != "" {
			m.Brand = r.Brand
		}
		if r.Severity != "" {
			m.Severity = r.Severity
		}
		m.FoundAt = t0.Add(time.Duration(i) * time.Minute)
		if !r.FoundAt.IsZero() {
			m.FoundAt = r.FoundAt
		}
		docs, ms = append(docs, doc(m.DocID, "")), append(ms, m)
	}
	if _, err := s.SaveCrawl(context.Background(), &Crawl{State: SourceState{Name: "src"}, Docs: docs, Mentions: ms}, nil); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	return ids
}

func titles(ms []model.Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Title)
	}
	return out
}

// TestInboxSearchAndFilters: words are found in title or text in any
// case and word form, Cyrillic included; tags, assignees and source types
// filter; FTS syntax in the words is only words.
func TestInboxSearchAndFilters(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		ids := inboxFixture(t, s,
			model.Mention{Title: "Акме Банк заблокировал КАРТУ", Text: "снова", Tags: []string{"complaint"}},
			model.Mention{Title: "Refunds at Acme", Text: "They refunded me quickly", Tags: []string{"praise"}},
			model.Mention{Title: "Новый офис", Text: "Карты выдают быстро. Ёлка у входа.", Tags: []string{}},
		)
		if _, err := s.Act(ctx, ids[1], Action{Name: model.ActionAssign, Value: "anna", User: "boris"}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			f    InboxFilter
			want []string
		}{
			{InboxFilter{Words: []string{"карта"}}, []string{"Новый офис", "Акме Банк заблокировал КАРТУ"}},
			{InboxFilter{Words: []string{"КАРТ", "снова"}}, []string{"Акме Банк заблокировал КАРТУ"}},
			{InboxFilter{Words: []string{"refund"}}, []string{"Refunds at Acme"}},
			{InboxFilter{Words: []string{"елка"}}, []string{"Новый офис"}},
			{InboxFilter{Words: []string{`"NEAR OR*`, "-)"}}, nil},
			{InboxFilter{Tag: "praise"}, []string{"Refunds at Acme"}},
			{InboxFilter{Assignee: "anna"}, []string{"Refunds at Acme"}},
			{InboxFilter{Unassigned: true}, []string{"Новый офис", "Акме Банк заблокировал КАРТУ"}},
			{InboxFilter{SourceType: "forum"}, nil},
		} {
			got, err := s.InboxMentions(ctx, c.f)
			if err != nil {
				t.Errorf("%+v: %v", c.f, err)
				continue
			}
			if !slices.Equal(titles(got), c.want) {
				t.Errorf("%+v: got %q, want %q", c.f, titles(got), c.want)
			}
		}
		fc, err := s.InboxFacets(ctx, InboxFilter{Tag: "complaint"})
		if err != nil {
			t.Fatal(err)
		}
		// Tags are counted under the other filters only: all three tags' counts.
		if fc["tag"]["complaint"] != 1 || fc["tag"]["praise"] != 1 || fc["brand"]["Acme"] != 1 || fc["assignee"][""] != 1 {
			t.Errorf("facets: %v", fc)
		}
		// With words too (the tag count joins json_each, which has an id).
		fc, err = s.InboxFacets(ctx, InboxFilter{Tag: "complaint", Words: []string{"снова"}})
		if err != nil || fc["tag"]["complaint"] != 1 || fc["tag"]["praise"] != 0 {
			t.Errorf("facets with words: %v %v", fc, err)
		}
	})
}

// TestInboxCursorPaging: pages by cursor neither repeat nor skip a mention
// when new ones arrive between them; After lists the new ones.
func TestInboxCursorPaging(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		var rows []model.Mention
		for i := range 7 {
			// Two share a found time: the id breaks the tie.
			at := t0.Add(time.Duration(i/2) * time.Minute)
			rows = append(rows, model.Mention{Title: fmt.Sprint("m", i), FoundAt: at})
		}
		inboxFixture(t, s, rows...)
		var seen []string
		f := InboxFilter{MentionFilter: MentionFilter{Limit: 3}}
		first, err := s.InboxMentions(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		top := CursorOf(first[0])
		seen = append(seen, titles(first)...)
		// New mentions arrive between pages.
		var newer []*model.Mention
		for i := range 2 {
			m := mention(fmt.Sprint("new", i), "Acme")
			m.Title, m.FoundAt = fmt.Sprint("new", i), t0.Add(time.Hour+time.Duration(i)*time.Second)
			newer = append(newer, m)
		}
		if _, err := s.SaveCrawl(ctx, &Crawl{State: SourceState{Name: "src"}, Docs: []model.Document{doc("new0", ""), doc("new1", "")}, Mentions: newer}, nil); err != nil {
			t.Fatal(err)
		}
		for cur := CursorOf(first[len(first)-1]); ; {
			f.Before = &cur
			page, err := s.InboxMentions(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			seen = append(seen, titles(page)...)
			cur = CursorOf(page[len(page)-1])
		}
		if want := []string{"m6", "m5", "m4", "m3", "m2", "m1", "m0"}; !slices.Equal(seen, want) {
			t.Errorf("paged %q, want %q", seen, want)
		}
		f = InboxFilter{After: &top}
		got, err := s.InboxMentions(ctx, f)
		if err != nil || !slices.Equal(titles(got), []string{"new0", "new1"}) {
			t.Errorf("after the top: %q %v", titles(got), err)
		}
		c, err := ParseCursor(top.String())
		if err != nil || c != top {
			t.Errorf("cursor round trip: %v %v", c, err)
		}
		for _, bad := range []string{"", "1", "a,b", "1,2,3", "1, 2"} {
			if _, err := ParseCursor(bad); err == nil {
				t.Errorf("cursor %q accepted", bad)
			}
		}
	})
}

// TestResponseTimes: per brand and severity, the median and p90 of found
// to handled over the handled mentions of the period; false positives and
// mentions still new do not count.
func TestResponseTimes(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		var rows []model.Mention
		for range 10 {
			rows = append(rows, model.Mention{Title: "x", FoundAt: t0})
		}
		rows = append(rows, model.Mention{Title: "w", Severity: model.SeverityWarning, FoundAt: t0})
		ids := inboxFixture(t, s, rows...)
		for i := range 10 { // handled after 1..10 minutes
			if _, err := s.Act(ctx, ids[i], Action{Name: model.ActionHandled, User: "anna", At: t0.Add(time.Duration(i+1) * time.Minute)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Act(ctx, ids[10], Action{Name: model.ActionFalsePositive, User: "anna", At: t0.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		got, err := s.ResponseTimes(ctx, t0, t0.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		want := []ResponseGroup{{Brand: "Acme", Severity: "critical", Handled: 10, Median: 5 * time.Minute, P90: 9 * time.Minute}}
		if !slices.Equal(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
		if got, _ := s.ResponseTimes(ctx, t0.Add(time.Hour), t0.Add(2*time.Hour)); len(got) != 0 {
			t.Errorf("outside the period: %+v", got)
		}
		w, err := s.Waiting(ctx, 5)
		if err != nil || len(w) != 0 {
			t.Errorf("waiting: %d %v", len(w), err)
		}
	})
}
