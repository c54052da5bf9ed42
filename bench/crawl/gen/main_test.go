package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/watcher/feed"
)

func TestGenerate(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if _, err := generate(dir, 3, 40, "http://127.0.0.1:18080", 0.5, 8, 7, now); err != nil {
		t.Fatal(err)
	}
	urls, err := os.ReadFile(filepath.Join(dir, "urls.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(urls)); len(got) != 3 || got[2] != "http://127.0.0.1:18080/feeds/0002.xml" {
		t.Errorf("urls.txt = %q", got)
	}
	var russian, brands int
	for i := 0; i < 3; i++ {
		name := filepath.Join(dir, "www", "feeds", "000"+string(rune('0'+i))+".xml")
		body, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs, err := feed.Parse(body, "application/rss+xml", "http://127.0.0.1:18080/feeds/x.xml", "gen")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(docs) != 40 {
			t.Fatalf("%s: %d items, want 40", name, len(docs))
		}
		for _, d := range docs {
			if strings.ContainsAny(d.Text, "абвгдежзийклмнопрстуфхцчшщыьэюя") {
				russian++
			}
			if strings.Contains(d.Title, "Acme") || strings.Contains(d.Title, "Акме") || strings.Contains(d.Title, "Globex") ||
				strings.Contains(d.Title, "Глобекс") || strings.Contains(d.Title, "Initech") || strings.Contains(d.Title, "Инитек") {
				brands++
			}
			if age := now.Sub(d.PublishedAt); d.PublishedAt.IsZero() || age < 0 || age > 5*24*time.Hour {
				t.Errorf("item date %s not within the last five days", d.PublishedAt)
			}
		}
	}
	if russian < 10 || russian > 90 {
		t.Errorf("%d of 120 items are Russian, want about a third", russian)
	}
	if brands < 30 || brands > 90 {
		t.Errorf("%d of 120 items mention a brand, want about half", brands)
	}
	cfg, err := config.Load(filepath.Join(dir, "bench.yaml"))
	if err != nil {
		t.Fatalf("bench.yaml: %v", err)
	}
	if len(cfg.Sources) != 3 || len(cfg.Brands) != 3 {
		t.Errorf("bench.yaml has %d sources and %d brands", len(cfg.Sources), len(cfg.Brands))
	}
	if h := cfg.HTTP; h.PerHost != 8 || h.Workers != 8 || h.MinDelay != 0 || !h.RobotsEnabled() {
		t.Errorf("bench.yaml http = %+v", h)
	}
	robots, err := os.ReadFile(filepath.Join(dir, "www", "robots.txt"))
	if err != nil || !strings.Contains(string(robots), "Allow: /") {
		t.Errorf("robots.txt = %q, %v", robots, err)
	}
}
