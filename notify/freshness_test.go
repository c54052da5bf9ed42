package notify

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// TestFreshnessSentKinds: single, grouped and folded alerts time each of
// their mentions by channel and severity; reminders and waves are not
// first alerts and are not timed.
func TestFreshnessSentKinds(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	msg := &alert.Message{Items: []alert.Item{
		{Mention: model.Mention{Severity: "critical", FoundAt: at.Add(-30 * time.Second)}},
		{Mention: model.Mention{Severity: "info", FoundAt: at.Add(-time.Hour)}},
	}}
	for _, kind := range []string{store.SendMention, store.SendGroup, store.SendFold, store.SendReminder, store.SendWave} {
		m.observeSent(store.Send{Kind: kind, Channel: "slack"}, msg, at)
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var c uint64
	var sum float64
	series := 0
	for _, mf := range mfs {
		if mf.GetName() != "mentionwatch_freshness_sent_seconds" {
			continue
		}
		for _, x := range mf.GetMetric() {
			series++
			for _, l := range x.GetLabel() {
				if l.GetName() == "severity" && l.GetValue() == "critical" {
					c, sum = x.GetHistogram().GetSampleCount(), x.GetHistogram().GetSampleSum()
				}
			}
		}
	}
	if series != 2 {
		t.Errorf("%d series, want 2 (slack critical, slack info)", series)
	}
	if c != 3 || sum != 90 {
		t.Errorf("critical: %d observations summing to %gs, want 3 (mention, group, fold) and 90s", c, sum)
	}
}
