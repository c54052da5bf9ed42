package notify

import (
	"bytes"
	"context"
	"github.com/mentionwatch/mentionwatch/internal/clock"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestShippedRulesYAML: the rules.yaml shipped with the project builds a
// router and notifiers, and without SLACK_WEBHOOK_URL its alerts print
// to stdout.
func TestShippedRulesYAML(t *testing.T) {
	t.Setenv("SLACK_WEBHOOK_URL", "")
	cfg, err := config.Load("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewFake(t0)
	r, err := NewRouter(cfg.Alerts, RouterOptions{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	ns, err := NewNotifiers(cfg.Alerts, &out, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t, clk)
	crit := newMention("Т-Банк", "Т-Банк заблокировал карту")
	crit.Severity, crit.Sentiment = model.SeverityCritical, model.Negative
	save(t, st, r, clk, crit, newMention("Т-Банк", "Т-Банк открыл офис"))
	w := NewWorker(st, ns, WorkerOptions{Clock: clk, Router: r, Backoff: cfg.Alerts.Retry})
	if left, err := w.Flush(context.Background()); err != nil || left.Total() != 0 {
		t.Fatalf("Flush = %d, %v", left, err)
	}
	// The hourly group goes once its hour has ended.
	clk.Advance(time.Hour)
	if left, err := w.Flush(context.Background()); err != nil || left.Total() != 0 {
		t.Fatalf("Flush after the hour = %d, %v", left, err)
	}
	s := out.String()
	if !strings.Contains(s, "Т-Банк · critical → #pr-alerts") || !strings.Contains(s, "Т-Банк — 1 mention") {
		t.Errorf("stdout:\n%s", s)
	}
}
