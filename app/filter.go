package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// Sentiments, Statuses are the values the sentiment and status filters
// take (SPEC.md, Mention JSON); the severities are config.Severities.
var (
	Sentiments = []string{model.Negative, model.Neutral, model.Positive}
	Statuses   = []string{model.StatusNew, model.StatusHandled, model.StatusFalsePositive}
)

// filterParams are the filters a mention listing takes, by the names of
// the inbox's query parameters (the command line's flags add "--").
var filterParams = []string{"brand", "sentiment", "severity", "status", "source", "since", "limit"}

// FilterValues are a mention listing's filters as the user wrote them;
// empty ones do not filter.
type FilterValues struct {
	Brand, Sentiment, Severity, Status, Source string
	Since                                      string // a duration back from now (24h, 7d) or an RFC 3339 time
	Limit                                      string // a whole number, 0 for all
}

// FilterError is a filter value that names nothing: an unknown brand or
// source, a sentiment that is not one, a duration or number that does not
// parse.
type FilterError struct {
	Param   string   // the filter, as in FilterParams
	Value   string   // as given
	Allowed []string // the values it takes, when they are a fixed few
	Err     error    // why; a *NameError for brands and sources
}

// Error is the message with the parameter's name in front.
func (e *FilterError) Error() string { return e.Param + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *FilterError) Unwrap() error { return e.Err }

// Message is the message without the parameter's name, for callers who
// name it their own way (a flag's "--brand").
func (e *FilterError) Message() string { return e.Err.Error() }

// MentionFilter checks the filters given and turns them into the store's
// filter. Brand and source names are resolved against the config's names
// and, for brands and sources since removed from it, those the store
// holds — without regard to case, in any script — and then filtered on
// exactly. Fixed values (sentiment, severity, status) are taken in any
// case. A value that names nothing is a *FilterError; other errors are
// the store's. Since counts back from now.
func MentionFilter(ctx context.Context, c *Compiled, st *store.Store, v FilterValues, now time.Time) (store.MentionFilter, error) {
	var f store.MentionFilter
	var err error
	if f.Sentiment, err = oneOfFold("sentiment", v.Sentiment, Sentiments); err != nil {
		return f, err
	}
	if f.Severity, err = oneOfFold("severity", v.Severity, config.Severities); err != nil {
		return f, err
	}
	if f.Status, err = oneOfFold("status", v.Status, Statuses); err != nil {
		return f, err
	}
	since := strings.TrimSpace(v.Since)
	if i := strings.LastIndexByte(since, ' '); i > 0 && strings.Contains(since[:i], "T") {
		// An RFC 3339 time with a "+" offset written into a URL
		// unescaped, as a query reads it: "…T12:00:00 03:00".
		since = since[:i] + "+" + since[i+1:]
	}
	if at, err := time.Parse(time.RFC3339, since); err == nil {
		// An RFC 3339 time (the links of folded alerts give one) is taken as is.
		f.Since, since = at, ""
	}
	if s := since; s != "" {
		d, err := config.ParseDuration(s)
		if err == nil && d < 0 {
			err = errors.New("must not be negative")
		}
		if err != nil {
			return f, &FilterError{Param: "since", Value: v.Since, Err: fmt.Errorf("bad duration %q (use e.g. 30m, 24h, 7d): %w", v.Since, err)}
		}
		f.Since = now.Add(-d)
	}
	if s := strings.TrimSpace(v.Limit); s != "" {
		n, err := strconv.Atoi(s)
		if errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(s, "-") {
			return f, &FilterError{Param: "limit", Value: v.Limit, Err: fmt.Errorf("%q is too large; 0 lists all mentions", v.Limit)}
		}
		if err != nil || n < 0 {
			return f, &FilterError{Param: "limit", Value: v.Limit, Err: fmt.Errorf("%q is not a whole number of mentions (0 for all)", v.Limit)}
		}
		f.Limit = n
	}
	if v.Brand != "" {
		if f.Brand, err = resolveStored(ctx, "brand", v.Brand, c.BrandNames(), st.MentionBrands); err != nil {
			return f, err
		}
	}
	if v.Source != "" {
		var names []string
		for _, s := range c.Cfg.Sources {
			names = append(names, s.Name)
		}
		more := func(ctx context.Context) ([]string, error) {
			states, err := st.Sources(ctx)
			if err != nil {
				return nil, err
			}
			stored, err := st.MentionSources(ctx)
			if err != nil {
				return nil, err
			}
			return append(slices.Sorted(maps.Keys(states)), stored...), nil
		}
		if f.Source, err = resolveStored(ctx, "source", v.Source, names, more); err != nil {
			return f, err
		}
	}
	return f, nil
}

// resolveStored resolves a name against the config's names and, when it
// is not one of them exactly, also against the names the store holds.
func resolveStored(ctx context.Context, param, given string, configured []string, stored func(context.Context) ([]string, error)) (string, error) {
	if slices.Contains(configured, given) {
		return given, nil
	}
	more, err := stored(ctx)
	if err != nil {
		return "", err
	}
	name, err := ResolveName(param, given, configured, more)
	if err != nil {
		return "", &FilterError{Param: param, Value: given, Err: err}
	}
	return name, nil
}

// oneOfFold returns the value of allowed that v is, in any case; "" for "".
func oneOfFold(param, v string, allowed []string) (string, error) {
	s := strings.TrimSpace(v)
	if s == "" {
		return "", nil
	}
	for _, a := range allowed {
		if strings.EqualFold(s, a) {
			return a, nil
		}
	}
	return "", &FilterError{Param: param, Value: v, Allowed: allowed,
		Err: fmt.Errorf("unknown value %q; use %s", v, orList(allowed))}
}
