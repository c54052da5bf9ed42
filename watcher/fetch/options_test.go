package fetch

import (
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
)

func TestOptionsFrom(t *testing.T) {
	no := false
	h := config.HTTP{
		UserAgent:      "ua",
		Timeout:        config.Duration(20 * time.Second),
		ConnectTimeout: config.Duration(5 * time.Second),
		MaxBody:        5 << 20,
		PerHost:        3,
		MinDelay:       config.Duration(2 * time.Second),
		Workers:        7,
		MaxRedirects:   4,
		Robots:         &no,
	}
	o := OptionsFrom(h)
	want := Options{UserAgent: "ua", Timeout: 20 * time.Second, ConnectTimeout: 5 * time.Second, MaxBody: 5 << 20,
		PerHost: 3, MinDelay: 2 * time.Second, Workers: 7, MaxRedirects: 4, Robots: false}
	if o.UserAgent != want.UserAgent || o.Timeout != want.Timeout || o.ConnectTimeout != want.ConnectTimeout ||
		o.MaxBody != want.MaxBody || o.PerHost != want.PerHost || o.MinDelay != want.MinDelay ||
		o.Workers != want.Workers || o.MaxRedirects != want.MaxRedirects || o.Robots != want.Robots {
		t.Errorf("OptionsFrom = %+v, want %+v", o, want)
	}
	h.Robots = nil
	h.MaxRedirects = 0
	o = OptionsFrom(h)
	if !o.Robots {
		t.Errorf("robots should default to on")
	}
	if o.MaxRedirects >= 0 {
		t.Errorf("max_redirects: 0 should follow no redirects, got %d", o.MaxRedirects)
	}
}

func TestNewDefaults(t *testing.T) {
	f := New(Options{})
	o := f.o
	if o.UserAgent != config.DefaultUserAgent || o.Timeout != config.DefaultTimeout || o.MaxBody != config.DefaultMaxBody ||
		o.PerHost != config.DefaultPerHost || o.Workers != config.DefaultWorkers || o.MaxRedirects != config.DefaultMaxRedirects ||
		o.Logger == nil || o.Now == nil || cap(f.workers) != config.DefaultWorkers {
		t.Errorf("defaults not applied: %+v", o)
	}
}
