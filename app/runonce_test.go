package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
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
// it; every source must be crawled.
func onePass(t *testing.T, path string, log *slog.Logger, after func(*Daemon)) {
	t.Helper()
	if failed := onePassFailing(t, path, log, after); len(failed) > 0 {
		t.Fatalf("sources failed: %q", failed)
	}
}

// onePassFailing is onePass for a config with sources that fail on
// purpose: it returns the names of the sources that failed, sorted.
func onePassFailing(t *testing.T, path string, log *slog.Logger, after func(*Daemon)) []string {
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
	failed := failedSources(t, d, context.Background())
	after(d)
	return failed
}

// failedSources runs one pass of d and returns the names of the sources
// that failed, sorted; any other error fails the test.
func failedSources(t *testing.T, d *Daemon, ctx context.Context) []string {
	t.Helper()
	err := d.RunOnce(ctx, 5*time.Second)
	if err == nil {
		return nil
	}
	var sf *SourcesFailedError
	if !errors.As(err, &sf) || err != error(sf) { // not only sources failed
		t.Fatal(err)
	}
	return slices.Sorted(maps.Keys(sf.Errs))
}

// wantFailed runs one pass of d, whose config has sources that fail on
// purpose, and fails the test unless exactly the named ones failed.
func wantFailed(t *testing.T, d *Daemon, ctx context.Context, names ...string) {
	t.Helper()
	if got := failedSources(t, d, ctx); !slices.Equal(got, names) {
		t.Fatalf("failed sources %q, want %q", got, names)
	}
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
