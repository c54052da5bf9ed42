package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/app"
)

// TestRules: the generated rules.yaml loads and compiles (every query
// parses) with the sources and brands asked for, the planted brands
// first, the queries in all their shapes.
func TestRules(t *testing.T) {
	dir := t.TempDir()
	var urls []string
	for i := 0; i < 30; i++ {
		urls = append(urls, fmt.Sprintf("http://127.0.0.1:18090/feeds/%04d.xml", i))
	}
	brands := genBrands(200)
	path := filepath.Join(dir, "rules.yaml")
	if err := os.WriteFile(path, []byte(rules(urls[:20], brands, filepath.Join(dir, "bench.db"), 8, "", "@every 1m")), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := app.Load(path, nil)
	if err != nil {
		t.Fatalf("rules.yaml: %v", err)
	}
	if len(c.Cfg.Sources) != 20 || len(c.Cfg.Brands) != 200 {
		t.Fatalf("%d sources and %d brands, want 20 and 200", len(c.Cfg.Sources), len(c.Cfg.Brands))
	}
	if c.Cfg.Brands[0].Name != "Acme Bank" || c.Cfg.Sources[19].URL != urls[19] || c.Cfg.Sources[0].Schedule != "@every 1m" {
		t.Errorf("brand 0 = %q, source 19 = %q, schedule %q", c.Cfg.Brands[0].Name, c.Cfg.Sources[19].URL, c.Cfg.Sources[0].Schedule)
	}
	var ru, near, phrase, excl int
	for _, b := range c.Cfg.Brands {
		q := b.Query
		if strings.ContainsAny(q, "абвгдежзийклмнопрстуфхцчшщыьэюя") {
			ru++
		}
		if strings.Contains(q, "NEAR/") {
			near++
		}
		if strings.Contains(q, `"`) {
			phrase++
		}
		if strings.Contains(q, " -") {
			excl++
		}
	}
	if ru < 50 || near < 20 || phrase < 50 || excl < 50 {
		t.Errorf("query mix: %d with Russian, %d NEAR, %d phrases, %d exclusions of 200", ru, near, phrase, excl)
	}
}
