package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// InboxValues are the inbox's filters as the user wrote them:
// FilterValues plus tag, assignee, source type, words and a cursor.
type InboxValues struct {
	FilterValues
	Tag        string
	Assignee   string // a user name, "me" (Me) or "nobody"
	SourceType string
	Q          string // words in title or text
	Before     string // a cursor: the next page
	After      string // a cursor: what arrived since
	Me         string // who "me" is
}

// inboxParams are the parameters the inbox and /api/mentions take beside
// filterParams.
var inboxParams = []string{"tag", "assignee", "source_type", "q", "before", "after"}

// InboxFilter checks the inbox's filters and turns them into the store's,
// as MentionFilter does: tags and assignees are resolved among the known
// ones in any case, a source type must be one, an unknown value is a
// *FilterError.
func InboxFilter(ctx context.Context, c *Compiled, st *store.Store, v InboxValues, users []string, now time.Time) (store.InboxFilter, error) {
	mf, err := MentionFilter(ctx, c, st, v.FilterValues, now)
	if err != nil {
		return store.InboxFilter{}, err
	}
	f := store.InboxFilter{MentionFilter: mf, Words: strings.Fields(v.Q)}
	if f.SourceType, err = oneOfFold("source_type", v.SourceType, config.SourceTypes); err != nil {
		return f, err
	}
	if t := strings.TrimSpace(v.Tag); t != "" {
		var known []string
		for _, r := range c.Cfg.Scoring.Rules {
			known = append(known, r.Tags...)
		}
		for _, s := range c.Cfg.Sources {
			known = append(known, s.Tags...)
		}
		if f.Tag, err = resolveStored(ctx, "tag", t, known, st.MentionTags); err != nil {
			return f, err
		}
	}
	switch a := strings.TrimSpace(v.Assignee); {
	case a == "":
	case strings.EqualFold(a, "nobody"):
		f.Unassigned = true
	case strings.EqualFold(a, "me") && v.Me != "":
		f.Assignee = v.Me
	default:
		if f.Assignee, err = resolveStored(ctx, "assignee", a, users, st.MentionAssignees); err != nil {
			return f, err
		}
	}
	for _, p := range []struct {
		name, v string
		dst     **store.Cursor
	}{{"before", v.Before, &f.Before}, {"after", v.After, &f.After}} {
		if p.v == "" {
			continue
		}
		cur, err := store.ParseCursor(p.v)
		if err != nil {
			return f, &FilterError{Param: p.name, Value: p.v, Err: err}
		}
		*p.dst = &cur
	}
	if f.Before != nil && f.After != nil {
		return f, &FilterError{Param: "after", Value: v.After, Err: errors.New("not with before")}
	}
	return f, nil
}

// userNames are the configured users' names.
func userNames(s config.Server) []string {
	var out []string
	for _, u := range s.Users {
		out = append(out, u.Name)
	}
	return out
}

// queryFilter reads the inbox's filters from a URL query. With strict
// set, as for /api/mentions, a parameter that is not a filter, or one
// given twice, is an error too; the page leaves other parameters alone.
func (in *inboxServer) queryFilter(ctx context.Context, q map[string][]string, me string, strict bool) (store.InboxFilter, error) {
	all := append(slices.Clone(filterParams), inboxParams...)
	if strict {
		for _, k := range slices.Sorted(maps.Keys(q)) {
			if !slices.Contains(all, k) {
				return store.InboxFilter{}, &FilterError{Param: k, Value: first(q[k]),
					Err: fmt.Errorf("unknown parameter; the filters are %s", strings.Join(all, ", "))}
			}
			if len(q[k]) > 1 {
				return store.InboxFilter{}, &FilterError{Param: k, Value: first(q[k]), Err: errors.New("given more than once")}
			}
		}
	}
	get := func(k string) string { return first(q[k]) }
	v := InboxValues{
		FilterValues: FilterValues{Brand: get("brand"), Sentiment: get("sentiment"), Severity: get("severity"),
			Status: get("status"), Source: get("source"), Since: get("since"), Limit: get("limit")},
		Tag: get("tag"), Assignee: get("assignee"), SourceType: get("source_type"), Q: get("q"),
		Before: get("before"), After: get("after"), Me: me,
	}
	f, err := InboxFilter(ctx, in.d.pipeline.Compiled(), in.d.store, v, userNames(in.cfg()), in.d.opts.Clock.Now())
	if err == nil && v.Limit == "" && !strict {
		// The page shows a page; the API, as `mentionwatch mentions`,
		// lists every mention the filters select unless limit= says.
		f.Limit = pageSize
	}
	return f, err
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}
