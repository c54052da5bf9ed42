package app

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSourceTimeZoneReadsBoardDates: a forum source's time_zone is the
// zone its dates without one are read in; without it, the daemon's.
func TestSourceTimeZoneReadsBoardDates(t *testing.T) {
	page := []byte(`<html><body>
<div class="post"><a class="t" href="/p/1">Acme one</a><span class="d">12.03.2024 10:15</span><div class="c">Acme is fine</div></div>
</body></html>`)
	srv := servePage(t, "", page)
	tests := []struct {
		zone string
		want time.Time
	}{
		{"time_zone: Europe/Moscow", time.Date(2024, 3, 12, 7, 15, 0, 0, time.UTC)},
		{"time_zone: America/New_York", time.Date(2024, 3, 12, 14, 15, 0, 0, time.UTC)}, // EDT from 10 March
		{"", time.Date(2024, 3, 12, 10, 15, 0, 0, time.Local)},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "rules.yaml")
			cfg := fmt.Sprintf(`
storage: {path: %q}
http: {min_delay: 0s, robots: false}
brands: [{name: Acme, query: acme}]
sources:
  - name: Board
    type: forum
    url: %s/t
    %s
    selectors: {item: div.post, title: a.t, link: a.t@href, text: div.c, date: span.d}
alerts: {routes: []}
server: {listen: ""}
`, filepath.Join(dir, "mw.db"), srv.URL, tt.zone)
			if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
				t.Fatal(err)
			}
			docs := previewOf(t, path, "Board")
			if len(docs) != 1 {
				t.Fatalf("%d documents, want 1", len(docs))
			}
			if got := docs[0].PublishedAt; !got.Equal(tt.want) {
				t.Errorf("published %v, want %v", got.UTC(), tt.want.UTC())
			}
		})
	}
}
