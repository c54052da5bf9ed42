package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// corpusSources serves every feed of the shared corpus over loopback and
// returns one source per feed, as rules.yaml lines.
func corpusSources(t *testing.T) string {
	t.Helper()
	dir := testenv.Corpus(t, "feeds")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		b, err := os.ReadFile(filepath.Join(dir, filepath.Base(name)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		// No charset: the feed's own declaration (or its bytes) says it.
		ct := "application/xml"
		if strings.HasSuffix(name, ".json") {
			ct = "application/feed+json"
		}
		w.Header().Set("Content-Type", ct)
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	var b strings.Builder
	for _, f := range files {
		if f.IsDir() || strings.HasSuffix(f.Name(), ".md") {
			continue
		}
		// A long backfill window: the corpus is years old, and every
		// mention should be alerted so that routes have work.
		fmt.Fprintf(&b, "  - {name: %q, url: %q, backfill: 200000h}\n", f.Name(), srv.URL+"/"+f.Name())
	}
	return b.String()
}

// The running config: four brands, two routes.
const runningBrands = `
brands:
  - name: Google
    query: google
  - name: Amazon
    query: amazon
  - name: Ruby
    query: ruby
  - name: Twitter
    query: twitter
alerts:
  routes:
    - name: critical
      when: 'severity == "critical"'
      stdout: true
    - name: everything
      when: 'true'
      frequency: hourly
      stdout: true
`

// The config under test: Google narrower, Amazon wider, Twitter gone,
// Facebook new, a scoring rule that tags Rails, other routes.
const nextBrands = `
brands:
  - name: Google
    query: google -docs -reader
  - name: Amazon
    query: amazon OR aws
  - name: Ruby
    query: ruby
  - name: Facebook
    query: facebook
scoring:
  rules:
    - name: rails
      when: 'text matches "(?i)\\brails\\b" || title matches "(?i)\\brails\\b"'
      tags: [rails]
alerts:
  routes:
    - name: critical
      when: 'severity == "critical"'
      stdout: true
    - name: negative
      when: 'sentiment == "negative"'
      frequency: daily
      stdout: true
    - name: rails
      when: '"rails" in tags'
      stdout: true
`

func writeRules(t *testing.T, dir, name, db, sources, rest string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	cfg := fmt.Sprintf("storage: {path: %q}\nhttp: {min_delay: 0s, timeout: 5s, robots: false}\nsources:\n%s%s", db, sources, rest)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// crawled runs one pass of the real daemon over cfgPath at now and
// returns its compiled config and what it printed.
func crawled(t *testing.T, cfgPath string, now time.Time) (*Compiled, string) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c, err := Load(cfgPath, log)
	if err != nil {
		t.Fatal(err)
	}
	out := &testenv.SyncBuffer{}
	d, err := New(context.Background(), c, Options{ConfigPath: cfgPath, Stdout: out, Log: log, Clock: clock.NewFake(now)})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	failedSources(t, d, context.Background()) // the corpus holds broken feeds
	return c, out.String()
}

type key struct{ url, brand string }

func storedMentions(t *testing.T, path string) map[key]model.Mention {
	t.Helper()
	st, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ms, err := st.Mentions(context.Background(), store.MentionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[key]model.Mention{}
	for _, m := range ms {
		out[key{m.URL + "#" + m.DocID, m.Brand}] = m
	}
	return out
}

// rowCounts counts the rows of every table of the database.
func rowCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	st, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.DB().Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string]int{}
	for _, tb := range tables {
		var n int
		if err := st.DB().QueryRow(`SELECT COUNT(*) FROM "` + tb + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}

type backtestRun struct {
	rep     *BacktestReport
	changes map[string][]BacktestChange
}

func runBacktest(t *testing.T, db string, cur, next *Compiled, now time.Time) backtestRun {
	t.Helper()
	st, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := backtestRun{changes: map[string][]BacktestChange{}}
	r.rep, err = Backtest(context.Background(), st, cur, next, BacktestOptions{Since: 720 * time.Hour, Now: now,
		OnChange: func(c BacktestChange) error {
			r.changes[c.Change] = append(r.changes[c.Change], c)
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func sortedKeys(ks []key) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.brand + " " + k.url
	}
	sort.Strings(out)
	return out
}

// TestBacktestCorpus crawls the shared corpus of real feeds with the
// running config, and, separately, with the config under test into a
// second store: the backtest of the first store against the config under
// test must find exactly the mentions the second crawl stored — the same
// added and dropped sets, the same re-scored mentions, the same alerts per
// route as the second crawl queued — and write and send nothing.
func TestBacktestCorpus(t *testing.T) {
	dir := t.TempDir()
	sources := corpusSources(t)
	now := time.Date(2026, 11, 20, 10, 30, 0, 0, time.UTC)
	dbA, dbB := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	pathA := writeRules(t, dir, "rules.yaml", dbA, sources, runningBrands)
	pathB := writeRules(t, dir, "new.yaml", dbB, sources, nextBrands)
	cur, _ := crawled(t, pathA, now)
	next, _ := crawled(t, pathB, now)
	a, b := storedMentions(t, dbA), storedMentions(t, dbB)
	if len(a) < 50 {
		t.Fatalf("the corpus crawl stored only %d mentions", len(a))
	}

	// People reviewed some mentions in the inbox.
	stA, err := store.Open(context.Background(), dbA)
	if err != nil {
		t.Fatal(err)
	}
	var twitter, ruby, googleKept []model.Mention
	for k, m := range a {
		switch _, inB := b[k]; {
		case m.Brand == "Twitter":
			twitter = append(twitter, m)
		case m.Brand == "Ruby" && inB:
			ruby = append(ruby, m)
		case m.Brand == "Google" && inB:
			googleKept = append(googleKept, m)
		}
	}
	for _, s := range [][]model.Mention{twitter, ruby, googleKept} {
		slices.SortFunc(s, func(x, y model.Mention) int { return int(x.ID - y.ID) })
	}
	if len(twitter) < 3 || len(ruby) < 2 || len(googleKept) < 1 {
		t.Fatalf("corpus too small: %d Twitter, %d Ruby, %d Google mentions", len(twitter), len(ruby), len(googleKept))
	}
	act := func(m model.Mention, name, value string) {
		t.Helper()
		if _, err := stA.Act(context.Background(), m.ID, store.Action{Name: name, Value: value, User: "anna", Via: "inbox", At: now}); err != nil {
			t.Fatal(err)
		}
	}
	act(twitter[0], model.ActionFalsePositive, "")
	act(twitter[1], model.ActionFalsePositive, "")
	act(twitter[2], model.ActionHandled, "")
	act(googleKept[0], model.ActionFalsePositive, "") // kept: not removed
	act(ruby[0], model.ActionSentiment, model.Negative)
	act(ruby[1], model.ActionHandled, "")
	stA.Close()

	before := rowCounts(t, dbA)
	run := runBacktest(t, dbA, cur, next, now.Add(time.Minute))
	if after := rowCounts(t, dbA); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the backtest wrote to the store:\nbefore %v\nafter  %v", before, after)
	}

	var wantAdded, wantDropped, wantRescored []key
	for k := range b {
		if _, ok := a[k]; !ok {
			wantAdded = append(wantAdded, k)
		}
	}
	for k, m := range a {
		n, ok := b[k]
		if !ok {
			wantDropped = append(wantDropped, k)
			continue
		}
		// The labelled Ruby mention is left out on both sides (below).
		if rescored(&m, &n) && m.ID != ruby[0].ID {
			wantRescored = append(wantRescored, k)
		}
	}
	got := func(kind string) []key {
		var out []key
		for _, c := range run.changes[kind] {
			out = append(out, key{c.URL, c.Brand})
		}
		return out
	}
	strip := func(ks []key) []key {
		out := make([]key, len(ks))
		for i, k := range ks {
			out[i] = key{k.url[:strings.LastIndex(k.url, "#")], k.brand}
		}
		return out
	}
	for _, c := range []struct {
		kind      string
		want, got []key
	}{
		{ChangeAdded, strip(wantAdded), got(ChangeAdded)},
		{ChangeDropped, strip(wantDropped), got(ChangeDropped)},
	} {
		if w, g := sortedKeys(c.want), sortedKeys(c.got); !slices.Equal(w, g) {
			t.Errorf("%s: want %d\n%s\ngot %d\n%s", c.kind, len(w), strings.Join(w, "\n"), len(g), strings.Join(g, "\n"))
		}
		if len(c.want) == 0 {
			t.Errorf("%s: the configs should differ here", c.kind)
		}
	}
	// The labelled Ruby mention's stored sentiment is the label, which the
	// second crawl does not have: it is left out of the comparison.
	gotRescored := got(ChangeRescored)
	for _, c := range run.changes[ChangeRescored] {
		if c.MentionID == ruby[0].ID {
			gotRescored = slices.DeleteFunc(gotRescored, func(k key) bool { return k.url == c.URL && k.brand == c.Brand })
		}
	}
	if w, g := sortedKeys(strip(wantRescored)), sortedKeys(gotRescored); !slices.Equal(w, g) || len(w) == 0 {
		t.Errorf("rescored: want %d\n%s\ngot %d\n%s", len(w), strings.Join(w, "\n"), len(g), strings.Join(g, "\n"))
	}
	for _, c := range run.changes[ChangeRescored] {
		if c.Before == nil || c.After == nil || !slices.Contains(c.After.Tags, "rails") || slices.Contains(c.Before.Tags, "rails") {
			t.Errorf("rescored %s %s: before %+v after %+v", c.Brand, c.URL, c.Before, c.After)
		}
	}
	for _, c := range run.changes[ChangeDropped] {
		if c.Before == nil || c.After != nil || c.MentionID == 0 {
			t.Errorf("dropped %s %s: %+v", c.Brand, c.URL, c)
		}
	}
	for _, c := range run.changes[ChangeAdded] {
		if c.Before != nil || c.After == nil {
			t.Errorf("added %s %s: %+v", c.Brand, c.URL, c)
		}
	}

	t.Logf("%d documents; brands %+v; routes %+v (running: %+v); corrections %+v; rescored %d",
		run.rep.Documents, run.rep.Brands, run.rep.Routes, run.rep.RoutesBefore, run.rep.Corrections, len(run.changes[ChangeRescored]))
	// Per brand.
	counts := map[string]BrandChanges{}
	for _, bc := range run.rep.Brands {
		counts[bc.Brand] = bc
	}
	brandTwitter := 0
	for _, m := range a {
		if m.Brand == "Twitter" {
			brandTwitter++
		}
	}
	if tw := counts["Twitter"]; tw.Dropped != brandTwitter || tw.Kept != 0 || tw.Added != 0 {
		t.Errorf("Twitter is gone from the new config: %+v, want %d dropped", tw, brandTwitter)
	}
	if fb := counts["Facebook"]; fb.Added == 0 || fb.Dropped != 0 {
		t.Errorf("Facebook is new: %+v", fb)
	}
	if run.rep.Brands[0].Brand != "Google" || run.rep.Brands[len(run.rep.Brands)-1].Brand != "Twitter" {
		t.Errorf("brand order: %+v", run.rep.Brands)
	}

	// The alerts each route would have sent are what the second crawl
	// queued, route by route.
	queued := routeDeliveries(t, dbB)
	for _, r := range run.rep.Routes {
		if r.Alerts != queued[r.Route] {
			t.Errorf("route %s: %d alerts, the real crawl queued %d", r.Route, r.Alerts, queued[r.Route])
		}
	}
	if len(run.rep.Routes) != 3 || run.rep.Routes[1].Frequency != "daily" || run.rep.Routes[2].Alerts == 0 {
		t.Errorf("routes: %+v", run.rep.Routes)
	}
	// The daily route groups a brand's mentions of the day: one message
	// per brand with negative mentions.
	negBrands := map[string]bool{}
	for _, m := range b {
		if m.Sentiment == model.Negative {
			negBrands[m.Brand] = true
		}
	}
	if r := run.rep.Routes[1]; r.Messages != len(negBrands) {
		t.Errorf("daily route: %d messages, want one per brand with negative mentions (%d)", r.Messages, len(negBrands))
	}
	queuedA := routeDeliveries(t, dbA)
	for _, r := range run.rep.RoutesBefore {
		if r.Alerts != queuedA[r.Route] {
			t.Errorf("running route %s: %d alerts, the crawl queued %d", r.Route, r.Alerts, queuedA[r.Route])
		}
	}

	// Corrections.
	co := run.rep.Corrections
	want := Corrections{Reviewed: 6, FalsePositives: 3, FalsePositivesRemoved: 2, Confirmed: 3, ConfirmedLost: 1, Labelled: 1,
		LabelAgreesBefore: btoi(ruby[0].Sentiment == model.Negative), LabelAgreesAfter: btoi(b[keyOf(ruby[0])].Sentiment == model.Negative)}
	if co != want {
		t.Errorf("corrections = %+v, want %+v", co, want)
	}
	if run.rep.NotReplayed.Mentions != 0 || run.rep.NotReplayed.Documents != 0 {
		t.Errorf("not replayed: %+v", run.rep.NotReplayed)
	}
	if run.rep.Documents != rowCounts(t, dbA)["documents"] {
		t.Errorf("replayed %d documents of %d", run.rep.Documents, rowCounts(t, dbA)["documents"])
	}

	// The running config replayed over its own store changes nothing:
	// the replay judges as the crawl did.
	same := runBacktest(t, dbA, cur, cur, now.Add(time.Minute))
	if n := len(same.changes[ChangeAdded]) + len(same.changes[ChangeDropped]) + len(same.changes[ChangeRescored]); n != 0 {
		t.Errorf("replaying the running config changes %d outcomes: %+v", n, same.changes)
	}
	if fmt.Sprint(same.rep.Routes) != fmt.Sprint(same.rep.RoutesBefore) {
		t.Errorf("same config, other alerts: %+v vs %+v", same.rep.Routes, same.rep.RoutesBefore)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func keyOf(m model.Mention) key { return key{m.URL + "#" + m.DocID, m.Brand} }

// routeDeliveries counts the outbox's mention deliveries by route.
func routeDeliveries(t *testing.T, db string) map[string]int {
	t.Helper()
	st, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.DB().Query(`SELECT route, COUNT(*) FROM deliveries WHERE kind = 'mention' GROUP BY route`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var r string
		var n int
		if err := rows.Scan(&r, &n); err != nil {
			t.Fatal(err)
		}
		out[r] = n
	}
	return out
}

// TestBacktestThreadReplies: a forum post found through its thread, not
// its words, is replayed — kept when the thread still mentions the brand
// under the new config, dropped with the post that named the brand when
// the new query no longer finds it.
func TestBacktestThreadReplies(t *testing.T) {
	h := newHarness(t)
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	clk := clock.NewFake(now)
	h.clock = clk
	h.site.setFeed(
		item("1", "Акме Банк заблокировал карту", "Акме Банк заблокировал карту без объяснений.", now.Add(-time.Hour)),
		item("2", "Acme Bank opens a new office", "Acme Bank opened its new office in Riga today.", now.Add(-2*time.Hour)),
	)
	h.site.addPost(post{"101", "Светлана", now.Add(-time.Hour).Format(time.RFC3339), "Акме Банк списал деньги дважды!"})
	h.site.addPost(post{"102", "Пётр", now.Add(-30 * time.Minute).Format(time.RFC3339), "У меня то же самое было."})
	d := h.daemon(t)
	wantFailed(t, d, context.Background(), "Broken")
	clk.Advance(10 * time.Minute)
	h.site.addPost(post{"103", "Анна", clk.Now().Format(time.RFC3339), "Пишите жалобу, мне помогло."})
	wantFailed(t, d, context.Background(), "Broken")
	db := d.Store().Path()
	d.Close()

	cur, err := Load(h.path, h.log)
	if err != nil {
		t.Fatal(err)
	}
	same := runBacktest(t, db, cur, cur, clk.Now())
	if n := len(same.changes[ChangeAdded]) + len(same.changes[ChangeDropped]) + len(same.changes[ChangeRescored]); n != 0 {
		t.Errorf("same config: %d changes: %+v", n, same.changes)
	}
	if tr := same.rep.ThreadReplies; tr.Before != 1 || tr.After != 1 {
		t.Errorf("thread replies: %+v, want 1 stored and 1 replayed", tr)
	}

	// English only: the Russian entry, the Russian post and the reply in
	// its thread are dropped; post 102 stays no mention.
	cfg, err := os.ReadFile(h.path)
	if err != nil {
		t.Fatal(err)
	}
	nextPath := filepath.Join(filepath.Dir(h.path), "new.yaml")
	english := strings.Replace(string(cfg), `query: '"Acme Bank" OR "Акме Банк" OR acmebank'`, `query: '"Acme Bank"'`, 1)
	if err := os.WriteFile(nextPath, []byte(english), 0o600); err != nil {
		t.Fatal(err)
	}
	next, err := Load(nextPath, h.log)
	if err != nil {
		t.Fatal(err)
	}
	run := runBacktest(t, db, cur, next, clk.Now())
	var dropped []string
	for _, c := range run.changes[ChangeDropped] {
		dropped = append(dropped, c.URL[strings.LastIndexAny(c.URL, "/#")+1:])
	}
	sort.Strings(dropped)
	if want := []string{"1", "p101", "p103"}; !slices.Equal(dropped, want) {
		t.Errorf("dropped %q, want %q", dropped, want)
	}
	if len(run.changes[ChangeAdded])+len(run.changes[ChangeRescored]) != 0 {
		t.Errorf("unexpected changes: %+v", run.changes)
	}
	if tr := run.rep.ThreadReplies; tr.Before != 1 || tr.After != 0 {
		t.Errorf("thread replies: %+v", tr)
	}
}
