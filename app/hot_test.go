package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestHotThreadEscalationRoutesOnTheMention: a mention stored by an
// earlier crawl and escalated when its thread heats up is routed on the
// same data as a new one — its text, its source's weight and tags — so a
// route that reads them sends the escalation where it belongs.
func TestHotThreadEscalationRoutesOnTheMention(t *testing.T) {
	h := newHarness(t)
	dir := filepath.Dir(h.path)
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s}
brands:
  - name: Acme Bank
    query: '"Акме Банк"'
sources:
  - name: Forum
    type: forum
    url: %s/viewtopic.php?t=7
    weight: 2
    tags: [vip_board]
    backfill: 0s
    selectors: {item: div.post, title: h3 a, text: div.content, author: .author .username, date: time@datetime, link: h3 a@href, replies: div.stat}
alerts:
  hot_thread: {min_growth: 3, min_negativity: 0.5}
  routes:
    - name: pr
      when: 'text matches "мошенн" && source.weight >= 2 && "vip_board" in tags'
      stdout: true
    - name: team
      when: 'true'
      stdout: true
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), h.site.srv.URL)
	if err := os.WriteFile(h.path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	h.site.addPost(post{"101", "Светлана", now.Add(-2 * time.Hour).Format(time.RFC3339),
		"Акме Банк списал деньги дважды, это мошенничество! Верните деньги, мошенники!"})
	d := h.daemon(t)
	ctx := context.Background()
	if err := d.RunOnce(ctx, time.Second); err != nil {
		t.Fatal(err)
	}
	ms := mentionsOf(t, d)
	if len(ms) != 1 || !ms[0].Backfill || ms[0].Sentiment != model.Negative {
		t.Fatalf("first crawl (a silent baseline): %+v", ms)
	}
	first := ms[0].ID

	// Four calm replies: the thread is heating up.
	for i := range 4 {
		h.site.addPost(post{fmt.Sprint(102 + i), "Пётр", now.Add(-time.Hour + time.Duration(i)*time.Minute).Format(time.RFC3339), "Понял, спасибо."})
	}
	if err := d.RunOnce(ctx, time.Second); err != nil {
		t.Fatal(err)
	}
	esc, err := d.Store().Mention(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if esc.Severity != model.SeverityCritical || !model.HasTag(esc.Tags, "hot_thread") || esc.Backfill {
		t.Fatalf("the first post was not escalated: %+v", esc)
	}
	ds, err := d.Store().Deliveries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var routes []string
	for _, dl := range ds {
		if dl.MentionID == first {
			routes = append(routes, dl.Route)
		}
	}
	if len(routes) != 1 || routes[0] != "pr" {
		t.Fatalf("the escalation went to routes %v, want [pr]", routes)
	}
}
