package slack

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

// sampleFold is a storm of 40 mentions of Acme Bank: 3 critical, the
// rest warnings, one with a title that tries to be markup.
func sampleFold(inbox string) *alert.Message {
	msg := &alert.Message{
		Key: "a1b2c3d4e5f60708-4", ID: 4, Kind: alert.KindFold, Channel: alert.ChannelSlack,
		Target: "#mentions", Route: "everything", Brand: "Acme Bank", Frequency: "as_it_happens",
		Location: sampleSingle().Location, InboxURL: inbox,
	}
	for i := range 40 {
		m := sampleMention(int64(200 + i))
		m.Severity, m.Negativity = model.SeverityWarning, 0.6+float64(i%10)/100
		m.URL = "https://forum.example/viewtopic.php?t=100&p=" + string(rune('a'+i%26))
		if i < 3 {
			m.Severity = model.SeverityCritical
		}
		if i == 1 {
			m.Title = "<!channel> *bold* <https://evil.example|click>"
		}
		msg.Items = append(msg.Items, alert.Item{Mention: m})
	}
	alert.SortItems(msg.Items)
	return msg
}

// TestRenderFold: a storm shows its count, the worst few (critical
// first), "and N more" and the inbox link; crawled text stays text; the
// metadata lists every mention of it.
func TestRenderFold(t *testing.T) {
	inbox := "https://mentions.acme.example/?brand=Acme+Bank&since=2026-11-20T10%3A01%3A02Z"
	msg := sampleFold(inbox)
	got := marshal(t, Render(msg), "  ")
	path := filepath.Join("testdata", "storm_fold.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("payload differs from %s (go test -update rewrites it):\n%s", path, got)
	}
	s := string(marshal(t, Render(msg), ""))
	for _, w := range []string{
		"⚡ Acme Bank — 40 more mentions as they happen",
		"40 mentions · 40 negative · 3 critical",
		"… and 35 more mentions",
		`https://mentions.acme.example/?brand=Acme+Bank\u0026amp;since=2026-11-20T10%3A01%3A02Z|Open all 40 mentions in the inbox`,
		`&lt;!channel&gt; *bold* &lt;https://evil.example|click&gt;`,
	} {
		if !strings.Contains(s, w) {
			t.Errorf("fold lacks %s:\n%s", w, s)
		}
	}
	if n := strings.Count(s, "🔴 *"); n != 3 {
		t.Errorf("%d critical mentions shown, want the 3 first", n)
	}
	if strings.Contains(s, "<!channel>") {
		t.Error("a crawled title became markup")
	}
	if ids := mentionIDs(msg); len(ids) != 40 {
		t.Errorf("metadata lists %d mentions, want 40", len(ids))
	}
	// Without server.base_url: no link.
	if s := string(marshal(t, Render(sampleFold("")), "")); strings.Contains(s, "inbox") {
		t.Errorf("a link without base_url:\n%s", s)
	}
}
