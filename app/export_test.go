package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// smallBufferListener gives every accepted connection a small send
// buffer, so that a client that reads slowly holds the server's writes
// back, as across a slow network.
type smallBufferListener struct{ net.Listener }

func (l smallBufferListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(64 << 10)
	}
	return c, err
}

// TestLongExportOutlivesTheWriteTimeout: GET /api/mentions?limit=0 to a
// client that reads steadily but slowly completes although it takes
// several times the server's write timeout; a client that stops reading
// is cut off.
func TestLongExportOutlivesTheWriteTimeout(t *testing.T) {
	e := newInboxEnv(t, "")
	const n = 1500
	text := strings.Repeat("Acme Bank kept my card for a week. ", 30)
	var docs []model.Document
	var ms []*model.Mention
	for i := range n {
		id := fmt.Sprintf("bulk:%d", i)
		docs = append(docs, model.Document{ID: id, URL: "https://forum.example/" + id, Replies: -1})
		ms = append(ms, &model.Mention{DocID: id, Brand: "Acme Bank", Source: "Forum", SourceType: model.SourceForum,
			URL: "https://forum.example/" + id, Title: id, Text: text, Snippet: model.Snippet{Text: text},
			Matched: []string{"acme bank"}, FoundAt: inboxT0.Add(-time.Duration(i) * time.Second),
			Sentiment: model.Negative, Severity: model.SeverityWarning, Status: model.StatusNew, Replies: -1})
	}
	crawl := &store.Crawl{State: store.SourceState{Name: "Forum", Crawled: true}, Docs: docs, Mentions: ms}
	if _, err := e.d.Store().SaveCrawl(context.Background(), crawl, nil); err != nil {
		t.Fatal(err)
	}
	const total = n + 4 // and the inbox's own four

	savedT, savedB := httpTimeouts, exportBatch
	httpTimeouts.write = 400 * time.Millisecond
	exportBatch = 100
	t.Cleanup(func() { httpTimeouts, exportBatch = savedT, savedB })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newHTTPServer(e.d.Handler())
	go func() { _ = srv.Serve(smallBufferListener{ln}) }()
	t.Cleanup(func() { _ = srv.Close() })
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetReadBuffer(64 << 10)
		}
		return c, err
	}}}
	get := func() *http.Response {
		t.Helper()
		res, err := client.Get("http://" + ln.Addr().String() + "/api/mentions?limit=0")
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d", res.StatusCode)
		}
		return res
	}

	// Slow and steady: 16 KiB every 10 ms.
	res := get()
	start := time.Now()
	lines, err := countLines(res.Body, 10*time.Millisecond)
	took := time.Since(start)
	res.Body.Close()
	if err != nil || lines != total {
		t.Errorf("slow reader: %d of %d mentions, err %v, after %v", lines, total, err, took.Round(time.Millisecond))
	}
	if took < 2*httpTimeouts.write {
		t.Logf("the export took only %v: the test proves little on this machine", took)
	}

	// Stalled: reads nothing for well past the write timeout.
	res = get()
	time.Sleep(4 * httpTimeouts.write)
	lines, err = countLines(res.Body, 0)
	res.Body.Close()
	if err == nil || lines >= total {
		t.Errorf("stalled reader: %d of %d mentions, err %v; want it cut off", lines, total, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(e.logs.String(), "export cut short") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(e.logs.String(), "export cut short") {
		t.Error("the cut export was not logged")
	}
}

// countLines reads r to its end, pausing after every 16 KiB, and counts
// its lines.
func countLines(r io.Reader, pause time.Duration) (int, error) {
	buf := make([]byte, 4<<10)
	lines, since := 0, 0
	for {
		k, err := r.Read(buf)
		lines += strings.Count(string(buf[:k]), "\n")
		if errors.Is(err, io.EOF) {
			return lines, nil
		}
		if err != nil {
			return lines, err
		}
		if since += k; pause > 0 && since >= 16<<10 {
			time.Sleep(pause)
			since = 0
		}
	}
}

// TestExportBatchesListTheSame: read a batch at a time, the API lists the
// same mentions in the same order as read at once: every one, a limit,
// a next page (before=) and those found since (after=, oldest first).
func TestExportBatchesListTheSame(t *testing.T) {
	e := newInboxEnv(t, "")
	saved := exportBatch
	t.Cleanup(func() { exportBatch = saved })
	newest := e.mention(t, "card")
	cur := store.Cursor{FoundAt: newest.FoundAt, ID: newest.ID}.String()
	oldest := e.mention(t, "xss")
	since := store.Cursor{FoundAt: oldest.FoundAt, ID: oldest.ID}.String()
	for _, q := range []string{"limit=0", "limit=3", "limit=1", "limit=0&before=" + cur, "limit=2&before=" + cur,
		"limit=0&after=" + since, "limit=2&after=" + since, "limit=0&brand=nobody-at-all", "limit=0&status=handled"} {
		exportBatch = 500
		whole := e.do(t, nil, "GET", "/api/mentions?"+q, nil, nil)
		for _, b := range []int{1, 2, 3} {
			exportBatch = b
			got := e.do(t, nil, "GET", "/api/mentions?"+q, nil, nil)
			if got.code != whole.code || got.body != whole.body {
				t.Errorf("%s in batches of %d:\n got %d %s\nwant %d %s", q, b, got.code, got.body, whole.code, whole.body)
			}
		}
		if q == "limit=0" && strings.Count(whole.body, "\n") != 4 {
			t.Errorf("limit=0: %d mentions, want 4", strings.Count(whole.body, "\n"))
		}
	}
}

// plainWriter is a ResponseWriter that can neither flush nor set a write
// deadline, as a middleware's wrapper may be.
type plainWriter struct{ http.ResponseWriter }

// TestExportWithoutFlush: behind a writer that cannot flush, the export
// still lists every mention, a batch at a time.
func TestExportWithoutFlush(t *testing.T) {
	e := newInboxEnv(t, "")
	saved := exportBatch
	t.Cleanup(func() { exportBatch = saved })
	whole := e.do(t, nil, "GET", "/api/mentions?limit=0", nil, nil)
	if strings.Count(whole.body, "\n") != 4 {
		t.Fatalf("%d mentions, want 4", strings.Count(whole.body, "\n"))
	}
	exportBatch = 1
	h := e.d.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(plainWriter{w}, r)
	}))
	t.Cleanup(srv.Close)
	res, err := http.Get(srv.URL + "/api/mentions?limit=0")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if string(b) != whole.body {
		t.Errorf("behind a writer that cannot flush:\n got %s\nwant %s", b, whole.body)
	}
}

// TestAPIListsEveryMentionUnlessLimited: GET /api/mentions with no limit
// lists every mention the filters select, as `mentionwatch mentions`
// does; limit= cuts it; the inbox page still shows a page of 50.
func TestAPIListsEveryMentionUnlessLimited(t *testing.T) {
	e := newInboxEnv(t, "")
	const n = 70
	var docs []model.Document
	var ms []*model.Mention
	for i := range n {
		id := fmt.Sprintf("many:%d", i)
		docs = append(docs, model.Document{ID: id, URL: "https://forum.example/" + id, Replies: -1})
		ms = append(ms, &model.Mention{DocID: id, Brand: "Acme Bank", Source: "Bulk", SourceType: model.SourceForum,
			URL: "https://forum.example/" + id, Title: id, Text: "Acme Bank again", Snippet: model.Snippet{Text: "Acme Bank again"},
			Matched: []string{"acme bank"}, FoundAt: inboxT0.Add(-time.Duration(i) * time.Second),
			Sentiment: model.Negative, Severity: model.SeverityWarning, Status: model.StatusNew, Replies: -1})
	}
	crawl := &store.Crawl{State: store.SourceState{Name: "Bulk", Crawled: true}, Docs: docs, Mentions: ms}
	if _, err := e.d.Store().SaveCrawl(context.Background(), crawl, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"", n + 4}, // and the inbox's own four
		{"?source=Bulk", n},
		{"?limit=10", 10},
		{"?limit=0", n + 4},
	} {
		got := e.do(t, nil, "GET", "/api/mentions"+tc.query, nil, nil)
		if got.code != http.StatusOK || strings.Count(got.body, "\n") != tc.want {
			t.Errorf("GET /api/mentions%s: %d, %d mentions, want %d", tc.query, got.code, strings.Count(got.body, "\n"), tc.want)
		}
	}
	page := e.do(t, nil, "GET", "/?source=Bulk", nil, nil)
	if c := strings.Count(page.body, "https://forum.example/many:"); c == 0 || c > 2*pageSize {
		t.Errorf("the inbox page links %d of the %d mentions, want a page", c, n)
	}
}
