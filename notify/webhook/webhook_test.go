package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/notify/alert"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

type received struct {
	header http.Header
	body   []byte
}

type receiver struct {
	*httptest.Server
	mu   sync.Mutex
	got  []received
	fail func(w http.ResponseWriter) bool
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rc.fail != nil && rc.fail(w) {
			return
		}
		b, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		rc.got = append(rc.got, received{r.Header.Clone(), b})
		rc.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) all() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

func sampleMention() model.Mention {
	text := "Третий день не могу вывести деньги: Акме Банк заблокировал карту."
	i := strings.Index(text, "Акме Банк")
	return model.Mention{ID: 42, Brand: "Acme Bank", Source: "Banki forum", SourceType: "forum",
		URL: "https://forum.example/viewtopic.php?t=100&p=7", Title: "Акме Банк заблокировал карту",
		Snippet: model.Snippet{Text: text, Marks: [][2]int{{i, i + len("Акме Банк")}}}, Author: "ivan_p",
		PublishedAt: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), FoundAt: time.Date(2026, 11, 20, 10, 1, 2, 0, time.UTC),
		Lang: "ru", Matched: []string{"акме банк"}, Sentiment: model.Negative, Negativity: 0.83, Importance: 0.61,
		Severity: model.SeverityCritical, Tags: []string{"complaint", "fraud"}, Status: model.StatusNew,
		ThreadURL: "https://forum.example/viewtopic.php?t=100", Replies: 12,
		Rules: []model.FiredRule{{Name: "fraud accusation", Effect: "negativity +0.3"}}}
}

func samples() map[string]*alert.Message {
	m := sampleMention()
	other := sampleMention()
	other.ID, other.Title, other.Severity, other.Sentiment, other.Negativity = 43, "Acme Bank raises deposit rates", "info", "positive", 0.1
	other.Snippet, other.Tags, other.Rules, other.PublishedAt, other.ThreadURL, other.Replies = model.Snippet{Text: "Acme Bank raises deposit rates."}, nil, nil, time.Time{}, "", -1
	return map[string]*alert.Message{
		"mention": {Key: "a1b2c3d4e5f60708-1", Kind: alert.KindMention, Target: alert.DefaultTarget, Route: "critical",
			Brand: "Acme Bank", Frequency: "as_it_happens", Items: []alert.Item{{Mention: m, Why: `route "critical" (severity == "critical")`}}},
		"group": {Key: "a1b2c3d4e5f60708-2", Kind: alert.KindGroup, Target: alert.DefaultTarget, Route: "everything",
			Brand: "Acme Bank", Frequency: "hourly",
			Period: alert.Period{Start: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC)},
			Items:  []alert.Item{{Mention: m}, {Mention: other}}},
		"wave": {Key: "a1b2c3d4e5f60708-3", Kind: alert.KindWave, Target: alert.DefaultTarget, Route: "critical", Brand: "Acme Bank",
			Frequency: "as_it_happens", Wave: &alert.Wave{Brand: "Acme Bank", Count: 23,
				WindowStart: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), WindowEnd: time.Date(2026, 11, 20, 11, 0, 0, 0, time.UTC),
				Mean: 1.2, StdDev: 0.8, Threshold: 5, Threads: []alert.WaveThread{{URL: "https://forum.example/viewtopic.php?t=100",
					Title: "Акме Банк заблокировал карту", Source: "Banki forum", Count: 14, Negativity: 0.9}},
				MentionIDs: []int64{4101, 4102, 4107}}},
		"reminder": {Key: "a1b2c3d4e5f60708-4", Kind: alert.KindReminder, Target: alert.DefaultTarget, Route: "critical",
			Brand: "Acme Bank", Frequency: "as_it_happens", Items: []alert.Item{{Mention: m,
				Why: "still new 30 min after it was found (alerts.sla.critical); escalated (alerts.escalate_to)"}},
			Reminder: &alert.Reminder{After: 31 * time.Minute, SLA: 30 * time.Minute, Escalation: true}},
	}
}

// pretty encodes v indented, without escaping <>&, in field order.
func pretty(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPayloadGolden posts each event and compares the body with
// testdata; SCHEMA.md must show the same examples.
func TestPayloadGolden(t *testing.T) {
	schema, err := os.ReadFile("SCHEMA.md")
	if err != nil {
		t.Fatal(err)
	}
	for name, msg := range samples() {
		t.Run(name, func(t *testing.T) {
			rc := newReceiver(t)
			n := New(Config{URL: rc.URL + "/hook?token=SECRETQUERY", Headers: map[string]string{"Authorization": "Bearer SECRETHEADER"},
				HTTPClient: rc.Client()})
			if retry, err := n.Notify(context.Background(), msg); err != nil {
				t.Fatalf("Notify: %v %v", retry, err)
			}
			got := rc.all()
			if len(got) != 1 {
				t.Fatalf("%d requests", len(got))
			}
			h := got[0].header
			if h.Get("Idempotency-Key") != msg.Key || h.Get("Content-Type") != "application/json" ||
				h.Get("Authorization") != "Bearer SECRETHEADER" || h.Get("X-Mentionwatch-Event") != name {
				t.Errorf("headers %v", h)
			}
			body := pretty(t, NewPayload(msg))
			var onWire, shown any
			if err := json.Unmarshal(got[0].body, &onWire); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(body, &shown); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(onWire, shown) {
				t.Errorf("posted body differs from NewPayload:\n%s", got[0].body)
			}
			path := filepath.Join("testdata", name+".json")
			if *update {
				os.MkdirAll("testdata", 0o755)
				if err := os.WriteFile(path, body, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(body, want) {
				t.Errorf("body differs from %s:\n%s", path, body)
			}
			if !bytes.Contains(schema, want) {
				t.Errorf("SCHEMA.md does not show the %s example of %s", name, path)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	answer := func(status int, retryAfter, body string) func(w http.ResponseWriter) bool {
		return func(w http.ResponseWriter) bool {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(status)
			io.WriteString(w, body)
			return true
		}
	}
	for _, tc := range []struct {
		name       string
		fail       func(w http.ResponseWriter) bool
		retry      bool
		retryAfter time.Duration
		contains   string
	}{
		{"404", answer(404, "", "no such hook"), false, 0, "HTTP 404: no such hook"},
		{"401 echoing the secret", answer(401, "", "bad token SECRETHEADER"), false, 0, "HTTP 401: bad token [redacted]"},
		{"500", answer(500, "", "<html>boom</html>"), true, 0, "HTTP 500"},
		{"503 retry-after", answer(503, "120", ""), true, 2 * time.Minute, "HTTP 503"},
		{"429", answer(429, "3", "slow down"), true, 3 * time.Second, "HTTP 429"},
		{"408", answer(408, "", ""), true, 0, "HTTP 408"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rc := newReceiver(t)
			rc.fail = tc.fail
			n := New(Config{URL: rc.URL + "/hook/SECRETPATH", Headers: map[string]string{"Authorization": "Bearer SECRETHEADER"}, HTTPClient: rc.Client()})
			retry, err := n.Notify(context.Background(), samples()["mention"])
			if err == nil {
				t.Fatal("no error")
			}
			if retry != tc.retry || alert.RetryAfter(err) != tc.retryAfter {
				t.Errorf("retry %v after %v, want %v after %v (%v)", retry, alert.RetryAfter(err), tc.retry, tc.retryAfter, err)
			}
			if !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("error %q lacks %q", err, tc.contains)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("secret leaked: %v", err)
			}
		})
	}
}

func TestRouteURLs(t *testing.T) {
	a, b := newReceiver(t), newReceiver(t)
	n := New(Config{URL: a.URL, RouteURLs: []string{b.URL + "/x?k=SECRET"}, HTTPClient: a.Client()})
	msg := samples()["mention"]
	msg.Target = URLKey(b.URL + "/x?k=SECRET")
	if _, err := n.Notify(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	if len(a.all()) != 0 || len(b.all()) != 1 {
		t.Errorf("default got %d, route got %d", len(a.all()), len(b.all()))
	}
	msg.Target = URLKey("https://gone.example/")
	if retry, err := n.Notify(context.Background(), msg); err == nil || retry {
		t.Errorf("unknown key: %v %v", retry, err)
	}
}
