// Package stdout prints alerts as readable text blocks, in the manner of
// a Google Alerts e-mail: what the daemon does when no Slack is set up, so
// that the shipped rules.yaml works on a fresh machine.
package stdout

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// TopItems is how many mentions of a group are printed in full.
const TopItems = 10

// Notifier writes alerts to an io.Writer.
type Notifier struct {
	mu  sync.Mutex
	out io.Writer
}

var _ alert.Notifier = (*Notifier)(nil)

// New returns a notifier writing to out.
func New(out io.Writer) *Notifier { return &Notifier{out: out} }

// Notify prints msg. A write error is worth retrying.
func (n *Notifier) Notify(_ context.Context, msg *alert.Message) (bool, error) {
	text := Format(msg)
	n.mu.Lock()
	defer n.mu.Unlock()
	if _, err := io.WriteString(n.out, text); err != nil {
		return true, &alert.Error{Op: "stdout: write", Err: err}
	}
	return false, nil
}

// Format renders msg as a text block that ends with a blank line.
func Format(msg *alert.Message) string {
	var b strings.Builder
	target := ""
	if msg.Channel != alert.ChannelStdout && msg.Target != "" && !strings.Contains(msg.Target, ":") {
		target = " → " + msg.Target
	}
	switch msg.Kind {
	case alert.KindWave:
		w := msg.Wave
		if w == nil {
			w = &alert.Wave{Brand: msg.Brand}
		}
		fmt.Fprintf(&b, "=== 🌊 Negative wave: %s%s ===\n", msg.Brand, target)
		b.WriteString(alert.WaveSummary(w) + "\n")
		for _, t := range w.Threads {
			fmt.Fprintf(&b, "  • %s — %s (%s)\n    %s\n", alert.Truncate(t.Title, 120),
				alert.Plural(t.Count, "post", "posts"), t.Source, t.URL)
		}
	case alert.KindReminder:
		formatReminder(&b, msg, target)
	case alert.KindGroup, alert.KindFold:
		fmt.Fprintf(&b, "=== %s — %s, %s%s ===\n", msg.Brand, alert.Counts(msg.Items),
			alert.FormatPeriod(msg.Period, msg.Location), target)
		for i, it := range msg.Items {
			if i == TopItems {
				fmt.Fprintf(&b, "… and %d more\n", len(msg.Items)-TopItems)
				break
			}
			b.WriteString("\n")
			item(&b, it, msg)
		}
	default:
		sev := "info"
		if len(msg.Items) > 0 && msg.Items[0].Mention.Severity != "" {
			sev = msg.Items[0].Mention.Severity
		}
		head := alert.SeverityMarker(sev) + " " + msg.Brand + " · " + sev
		if msg.Followup {
			head = "↳ " + head + " · new post in a thread already alerted"
		}
		fmt.Fprintf(&b, "=== %s%s ===\n", head, target)
		for _, it := range msg.Items {
			item(&b, it, msg)
		}
	}
	b.WriteString("\n")
	return b.String()
}

func item(b *strings.Builder, it alert.Item, msg *alert.Message) {
	m := it.Mention
	title := alert.Title(m)
	b.WriteString(title + "\n")
	if m.URL != "" && m.URL != title { // an untitled post's title is its URL
		b.WriteString(m.URL + "\n")
	}
	if by := alert.Byline(m, msg.Location); by != "" {
		b.WriteString(by + "\n")
	}
	if s := snippet(m); s != "" {
		b.WriteString(s + "\n")
	}
	line := alert.Scores(m)
	if len(m.Tags) > 0 {
		line += " · tags: " + strings.Join(m.Tags, ", ")
	}
	b.WriteString(line + "\n")
	if why := alert.Why(it); why != "" {
		b.WriteString("why: " + why + "\n")
	}
}

func snippet(m model.Mention) string {
	s := m.Snippet.Markdown()
	return strings.Join(strings.Fields(s), " ")
}
