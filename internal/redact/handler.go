package redact

import (
	"context"
	"log/slog"
)

// Handler wraps h so that every record's message and attribute values
// pass through Text before h sees them: a URL or an error quoting one is
// logged with its secrets redacted, whatever logged it. A record with
// nothing to redact goes to h as it is.
func Handler(h slog.Handler) slog.Handler {
	if _, ok := h.(*handler); ok {
		return h
	}
	return &handler{h: h}
}

type handler struct{ h slog.Handler }

func (r *handler) Enabled(ctx context.Context, l slog.Level) bool { return r.h.Enabled(ctx, l) }

func (r *handler) Handle(ctx context.Context, rec slog.Record) error {
	msg, dirty := changed(rec.Message)
	var buf [8]slog.Attr
	as := buf[:0]
	rec.Attrs(func(a slog.Attr) bool {
		red, ch := attr(a)
		dirty = dirty || ch
		as = append(as, red)
		return true
	})
	if !dirty {
		return r.h.Handle(ctx, rec)
	}
	out := slog.NewRecord(rec.Time, rec.Level, msg, rec.PC)
	out.AddAttrs(as...)
	return r.h.Handle(ctx, out)
}

func (r *handler) WithAttrs(as []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(as))
	for i, a := range as {
		red[i], _ = attr(a)
	}
	return &handler{h: r.h.WithAttrs(red)}
}

func (r *handler) WithGroup(name string) slog.Handler { return &handler{h: r.h.WithGroup(name)} }

// attr redacts one attribute's value: strings, errors and anything else
// that prints as text; groups attribute by attribute. It reports whether
// anything was redacted.
func attr(a slog.Attr) (slog.Attr, bool) {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		if red, ok := changed(v.String()); ok {
			return slog.String(a.Key, red), true
		}
	case slog.KindGroup:
		g := v.Group()
		var red []slog.Attr // nil until an attribute changes
		for i, x := range g {
			rx, ch := attr(x)
			if ch && red == nil {
				red = append(make([]slog.Attr, 0, len(g)), g[:i]...)
			}
			if red != nil {
				red = append(red, rx)
			}
		}
		if red != nil {
			return slog.Attr{Key: a.Key, Value: slog.GroupValue(red...)}, true
		}
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			if red, ok := changed(x.Error()); ok {
				return slog.Any(a.Key, &redacted{msg: red, err: x}), true
			}
		case interface{ String() string }:
			if red, ok := changed(x.String()); ok {
				return slog.String(a.Key, red), true
			}
		}
	}
	return slog.Attr{Key: a.Key, Value: v}, false
}

// changed returns s redacted by Text and whether that changed it.
func changed(s string) (string, bool) {
	red := Text(s)
	return red, red != s
}
