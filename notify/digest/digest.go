// Package digest builds the periodic e-mail digest of mentions — per
// brand: counts against the previous period, negative share, volume per
// day, the top negative mentions, then the important ones, then the rest
// grouped by source type, and critical mentions still unhandled from
// earlier — renders it as plain text and HTML, and sends it on its
// schedule exactly once per period (Runner).
package digest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// Digest is the digest of one period [Start, End).
type Digest struct {
	// ID identifies the period: the end in UTC, "20261123T060000Z".
	ID         string
	Start, End time.Time // in Location
	Location   *time.Location
	// Year and Week are the ISO week of the middle of the period: a
	// weekly digest sent on Monday morning is about the week before.
	Year, Week int
	// Prefix starts the subject: "mentionwatch", or digest.email.subject.
	Prefix string
	Brands []Brand
}

// Brand is one brand's part of the digest.
type Brand struct {
	Name string
	// Total and Negative count the period's mentions; PrevTotal and
	// PrevNegative the previous period of the same length.
	Total, Negative         int
	PrevTotal, PrevNegative int
	// Days is the volume per calendar day (in the digest's location) of
	// every day the period touches, oldest first.
	Days []Day
	// Sections list the period's mentions, each mention in one section:
	// negative first, then important, then the rest by source type.
	// Sections with no mentions are left out.
	Sections []Section
	// Response is how fast the brand's mentions handled in the period were
	// answered (found to handled), per severity, most severe first.
	Response []store.ResponseGroup
	// CarriedOver lists critical mentions from before the period that are
	// still new (not handled).
	CarriedOver Section
}

// Day is the volume of one calendar day.
type Day struct {
	Date            time.Time // midnight, in the digest's location
	Total, Negative int
}

// Section kinds, besides source types ("feed", "forum", "profile", …).
const (
	KindNegative    = "negative"
	KindImportant   = "important"
	KindCarriedOver = "carried_over"
)

// Section is a group of mentions: the first TopN of them, and how many
// there are in all.
type Section struct {
	Kind     string
	Title    string
	Total    int
	Mentions []model.Mention
}

// More is how many mentions of the section are not listed.
func (s Section) More() int { return s.Total - len(s.Mentions) }

// NegativeShare is the share of negative mentions in [0,1] (0 when there
// are none).
func (b Brand) NegativeShare() float64 {
	if b.Total == 0 {
		return 0
	}
	return float64(b.Negative) / float64(b.Total)
}

// DefaultPrefix starts every subject unless digest.email.subject is set.
const DefaultPrefix = "mentionwatch"

// Build collects the digest of the period [until-since, until) from the
// store. brands are the configured brand names in config order; when
// cfg.Brands is set, the digest covers those instead, in that order. A
// since of 0 uses cfg.Since. Days are calendar days in loc (UTC when nil).
//
// Each brand's mentions of the period are split, each into one section:
// negative (sentiment negative; most severe, then most negative first),
// important (other mentions of severity warning or critical; most
// important first), then the rest by source type (feeds, forums,
// profiles; most important, then newest first). Each section lists
// cfg.TopN mentions and counts the others. Mentions stored by a source's
// first crawl (backfill) are left out: they were never news.
func Build(ctx context.Context, st *store.Store, brands []string, cfg config.Digest, until time.Time, since time.Duration, loc *time.Location) (*Digest, error) {
	if loc == nil {
		loc = time.UTC
	}
	if since <= 0 {
		since = cfg.Since.D()
	}
	if since <= 0 {
		since = config.DefaultDigestSince
	}
	top := cfg.TopN
	if top <= 0 {
		top = config.DefaultDigestTop
	}
	end := until.In(loc)
	start := end.Add(-since)
	d := &Digest{
		ID:       end.UTC().Format("20060102T150405Z"),
		Start:    start,
		End:      end,
		Location: loc,
		Prefix:   DefaultPrefix,
	}
	d.Year, d.Week = start.Add(since / 2).ISOWeek()
	if cfg.Email != nil && strings.TrimSpace(cfg.Email.Subject) != "" {
		d.Prefix = strings.TrimSpace(cfg.Email.Subject)
	}
	for _, name := range digestBrands(brands, cfg.Brands) {
		b, err := buildBrand(ctx, st, name, start, end, top)
		if err != nil {
			return nil, err
		}
		d.Brands = append(d.Brands, b)
	}
	return d, nil
}

// digestBrands returns the brands to cover: only, when set, spelt as in
// all where they match it; otherwise all. Duplicates are dropped.
func digestBrands(all, only []string) []string {
	names := all
	if len(only) > 0 {
		names = make([]string, 0, len(only))
		for _, o := range only {
			name := o
			for _, a := range all {
				if strings.EqualFold(a, o) {
					name = a
					break
				}
			}
			names = append(names, name)
		}
	}
	var out []string
	for _, n := range names {
		if !slices.ContainsFunc(out, func(x string) bool { return strings.EqualFold(x, n) }) {
			out = append(out, n)
		}
	}
	return out
}

// public gives each of ms its links as they may be sent
// (model.Mention.Public): mentions stored before links lost their
// credentials may hold a page's ?key=….
func public(ms []model.Mention) {
	for i := range ms {
		ms[i] = ms[i].Public()
	}
}

func buildBrand(ctx context.Context, st *store.Store, name string, start, end time.Time, top int) (Brand, error) {
	b := Brand{Name: name}
	// Mentions marked false positives are not about the brand: left out.
	ms, err := st.Mentions(ctx, store.MentionFilter{Brand: name, Since: start, Until: end,
		ExcludeStatus: model.StatusFalsePositive, ExcludeBackfill: true})
	if err != nil {
		return b, fmt.Errorf("digest: %s: %w", name, err)
	}
	public(ms)
	prevStart := start.Add(-end.Sub(start))
	if b.PrevTotal, b.PrevNegative, err = st.MentionCounts(ctx, name, prevStart, start); err != nil {
		return b, fmt.Errorf("digest: %s: %w", name, err)
	}
	b.Total = len(ms)
	b.Days = days(start, end)
	for _, m := range ms {
		neg := m.Sentiment == model.Negative
		if neg {
			b.Negative++
		}
		day := m.FoundAt.In(start.Location())
		date := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, start.Location())
		if i, ok := slices.BinarySearchFunc(b.Days, date, func(d Day, t time.Time) int { return d.Date.Compare(t) }); ok {
			b.Days[i].Total++
			if neg {
				b.Days[i].Negative++
			}
		}
	}
	b.Sections = sections(ms, top)

	carried, err := st.Mentions(ctx, store.MentionFilter{Brand: name, Until: start, Status: model.StatusNew,
		Severity: model.SeverityCritical, ExcludeBackfill: true, Limit: top})
	if err != nil {
		return b, fmt.Errorf("digest: %s: carried over: %w", name, err)
	}
	public(carried)
	n, err := st.UnhandledCount(ctx, name, model.SeverityCritical, start)
	if err != nil {
		return b, fmt.Errorf("digest: %s: carried over: %w", name, err)
	}
	b.CarriedOver = Section{Kind: KindCarriedOver, Title: "Still unhandled from earlier", Total: n, Mentions: carried}
	rt, err := st.ResponseTimes(ctx, start, end)
	if err != nil {
		return b, fmt.Errorf("digest: %s: response times: %w", name, err)
	}
	for _, g := range rt {
		if g.Brand == name {
			b.Response = append(b.Response, g)
		}
	}
	return b, nil
}

// days returns one zero Day per calendar day that [start, end) touches.
func days(start, end time.Time) []Day {
	loc := start.Location()
	last := end.Add(-time.Nanosecond)
	var out []Day
	for i := 0; ; i++ {
		d := time.Date(start.Year(), start.Month(), start.Day()+i, 0, 0, 0, 0, loc)
		if d.After(last) || i > 400 {
			return out
		}
		out = append(out, Day{Date: d})
	}
}

// sourceOrder is the order of the by-source-type sections; other types
// follow alphabetically.
var sourceOrder = []string{model.SourceFeed, model.SourceForum, model.SourceProfile}

var sourceTitles = map[string]string{
	model.SourceFeed:    "News and feeds",
	model.SourceForum:   "Forums",
	model.SourceProfile: "Profiles",
}

// sections splits the period's mentions into sections, each listing the
// first top mentions.
func sections(ms []model.Mention, top int) []Section {
	var neg, imp []model.Mention
	bySource := map[string][]model.Mention{}
	for _, m := range ms {
		switch {
		case m.Sentiment == model.Negative:
			neg = append(neg, m)
		case model.SeverityRank(m.Severity) >= model.SeverityRank(model.SeverityWarning):
			imp = append(imp, m)
		default:
			bySource[m.SourceType] = append(bySource[m.SourceType], m)
		}
	}
	slices.SortStableFunc(neg, func(a, b model.Mention) int {
		return cmp.Or(
			cmp.Compare(model.SeverityRank(b.Severity), model.SeverityRank(a.Severity)),
			cmp.Compare(b.Negativity, a.Negativity),
			cmp.Compare(b.Importance, a.Importance),
			newestFirst(a, b))
	})
	byImportance := func(a, b model.Mention) int {
		return cmp.Or(
			cmp.Compare(model.SeverityRank(b.Severity), model.SeverityRank(a.Severity)),
			cmp.Compare(b.Importance, a.Importance),
			newestFirst(a, b))
	}
	slices.SortStableFunc(imp, byImportance)

	var out []Section
	add := func(kind, title string, list []model.Mention) {
		if len(list) == 0 {
			return
		}
		out = append(out, Section{Kind: kind, Title: title, Total: len(list), Mentions: list[:min(top, len(list))]})
	}
	add(KindNegative, "Negative", neg)
	add(KindImportant, "Important", imp)
	types := make([]string, 0, len(bySource))
	for t := range bySource {
		types = append(types, t)
	}
	slices.SortFunc(types, func(a, b string) int {
		ia, ib := slices.Index(sourceOrder, a), slices.Index(sourceOrder, b)
		if ia < 0 {
			ia = len(sourceOrder)
		}
		if ib < 0 {
			ib = len(sourceOrder)
		}
		return cmp.Or(cmp.Compare(ia, ib), strings.Compare(a, b))
	})
	for _, t := range types {
		list := bySource[t]
		slices.SortStableFunc(list, func(a, b model.Mention) int {
			return cmp.Or(cmp.Compare(b.Importance, a.Importance), newestFirst(a, b))
		})
		title, ok := sourceTitles[t]
		if !ok {
			title = "Other sources"
			if t != "" {
				title = "Source type: " + t
			}
		}
		add(t, title, list)
	}
	return out
}

func newestFirst(a, b model.Mention) int {
	return cmp.Or(b.FoundAt.Compare(a.FoundAt), cmp.Compare(b.ID, a.ID))
}
