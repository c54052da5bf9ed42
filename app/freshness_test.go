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
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/testenv"
)

// histogram sums a histogram's count and sum over the label sets that
// have every label of want.
func histogram(t *testing.T, d *Daemon, name string, want map[string]string) (count uint64, sum float64, labels []string) {
	t.Helper()
	mfs, err := d.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metrics:
		for _, m := range mf.GetMetric() {
			got := map[string]string{}
			var ls []string
			for _, l := range m.GetLabel() {
				got[l.GetName()] = l.GetValue()
				ls = append(ls, l.GetName()+"="+l.GetValue())
			}
			for k, v := range want {
				if got[k] != v {
					continue metrics
				}
			}
			count += m.GetHistogram().GetSampleCount()
			sum += m.GetHistogram().GetSampleSum()
			labels = append(labels, strings.Join(ls, ","))
		}
	}
	return count, sum, labels
}

// TestFreshnessMetrics crawls a real feed and delivers to stdout with the
// fake clock, and reads both freshness histograms: published → found
// counts the dated new documents of later crawls (not the first crawl's),
// with their exact ages; found → sent counts every mention of the hourly
// group once it is delivered, with exact waits, by channel and severity.
func TestFreshnessMetrics(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clk := clock.NewFake(t0)
	var mu sync.Mutex
	var items []string
	add := func(guid, title string, published time.Time) {
		mu.Lock()
		defer mu.Unlock()
		items = append(items, item(guid, title, title, published))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>`+strings.Join(items, "")+`</channel></rss>`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, timeout: 5s}
brands: [{name: Acme, query: acme}]
sources: [{name: News, url: %q}]
alerts:
  time_zone: UTC
  routes: [{when: 'true', stdout: true, frequency: hourly}]
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), srv.URL+"/feed.xml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c, err := Load(path, log)
	if err != nil {
		t.Fatal(err)
	}
	out := &testenv.SyncBuffer{}
	d, err := New(context.Background(), c, Options{ConfigPath: path, Stdout: out, Log: log, Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	const found, sent = "mentionwatch_freshness_found_seconds", "mentionwatch_freshness_sent_seconds"

	// 09:00, the first crawl: one mention two hours old, alerted (within
	// backfill) but not timed — it says when the source was added.
	add("a", "Acme opens an office", t0.Add(-2*time.Hour))
	if err := d.RunOnce(ctx, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := histogram(t, d, found, nil); n != 0 {
		t.Errorf("first crawl timed %d documents, want none", n)
	}

	// 09:10: three new entries, published 5, 2 and 1 minutes before, two
	// of them mentions, and one undated.
	clk.Set(t0.Add(10 * time.Minute))
	add("b", "Acme raises fees", t0.Add(5*time.Minute))
	add("c", "Acme app is down", t0.Add(8*time.Minute))
	add("d", "Weather", t0.Add(9*time.Minute))
	mu.Lock()
	items = append(items, `<item><guid>e</guid><title>Undated</title><link>https://news.example/e</link></item>`)
	mu.Unlock()
	if err := d.RunOnce(ctx, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	n, sum, labels := histogram(t, d, found, map[string]string{"type": "feed"})
	if n != 3 || sum != 300+120+60 {
		t.Errorf("published → found: count %d sum %gs (%v), want 3 documents, 480s", n, sum, labels)
	}
	if n, _, _ := histogram(t, d, sent, nil); n != 0 || strings.Contains(out.String(), "===") {
		t.Errorf("the hourly group went out before its hour ended: %d timed\n%s", n, out.String())
	}

	// 10:10: the 09:00–10:00 group goes out with its three mentions, found
	// 70, 60 and 60 minutes before.
	clk.Set(t0.Add(70 * time.Minute))
	if err := d.RunOnce(ctx, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	n, sum, labels = histogram(t, d, sent, map[string]string{"channel": "stdout"})
	if n != 3 || sum != 4200+3600+3600 {
		t.Errorf("found → sent: count %d sum %gs (%v), want 3 mentions, 11400s", n, sum, labels)
	}
	for _, l := range labels {
		if !strings.Contains(l, "severity=") {
			t.Errorf("found → sent series without severity: %s", l)
		}
	}
	if n, _, _ := histogram(t, d, found, nil); n != 3 {
		t.Errorf("an unchanged feed timed documents again: %d", n)
	}
}
