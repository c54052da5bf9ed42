package app

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// servePage serves page as UTF-8 HTML at path ("" for every path), and
// 404 elsewhere, until the test ends.
func servePage(t *testing.T, path string, page []byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if path != "" && r.URL.Path != path {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// runOnce loads the config at path, runs one pass of a daemon built
// from it (`run --once`), and returns every mention stored. The daemon is
// closed before it returns, so the next pass reads the same store anew.
func runOnce(t *testing.T, path string) []model.Mention {
	t.Helper()
	var ms []model.Mention
	onePass(t, path, slog.New(slog.NewTextHandler(io.Discard, nil)), func(d *Daemon) { ms = mentionsOf(t, d) })
	return ms
}

// onePass loads the config at path, runs one pass of a daemon built from
// it (`run --once`) logging to log, hands the daemon to after, and closes
// it.
func onePass(t *testing.T, path string, log *slog.Logger, after func(*Daemon)) {
	t.Helper()
	c, err := Load(path, log)
	if err != nil {
		t.Fatal(err)
	}
	d, err := New(context.Background(), c, Options{ConfigPath: path, Stdout: io.Discard, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.RunOnce(context.Background(), time.Second); err != nil {
		t.Fatal(err)
	}
	after(d)
}

// previewOf loads the config at path and returns what `preview` shows of
// its source name.
func previewOf(t *testing.T, path, name string) []PreviewDoc {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c, err := Load(path, log)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := Preview(context.Background(), c, name, log)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}
