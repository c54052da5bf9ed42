package redact

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"
)

// nopHandler takes every record and does nothing, so that the benchmark
// measures the redacting handler alone.
type nopHandler struct{}

func (nopHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (nopHandler) Handle(context.Context, slog.Record) error { return nil }
func (h nopHandler) WithAttrs([]slog.Attr) slog.Handler      { return h }
func (h nopHandler) WithGroup(string) slog.Handler           { return h }

// BenchmarkHandler is the cost of a log line through the redacting handler
// and through none: a line that quotes no URL and no registered value (the
// common case) and one that quotes a URL with a token.
func BenchmarkHandler(b *testing.B) {
	Register("MW_BENCH_TOKEN", "bench-secret-value")
	errPlain := errors.New("connection refused")
	plain := func(log *slog.Logger) {
		log.Info("crawl done", "source", "acme-news", "items", 12, "took", 340*time.Millisecond, "err", errPlain)
	}
	withURL := func(log *slog.Logger) {
		log.Info("fetch failed", "source", "acme-news", "url", "https://x.example/feed?token=abc123", "status", 500)
	}
	for _, c := range []struct {
		name string
		log  *slog.Logger
		line func(*slog.Logger)
	}{
		{"bare/plain", slog.New(nopHandler{}), plain},
		{"redact/plain", slog.New(Handler(nopHandler{})), plain},
		{"bare/url", slog.New(nopHandler{}), withURL},
		{"redact/url", slog.New(Handler(nopHandler{})), withURL},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.line(c.log)
			}
		})
	}
}
