package app

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// facetOption is one value of a filter with the number of mentions it
// would show.
type facetOption struct {
	Value, Label string
	Count        int
	Selected     bool
}

// facet is one filter control of the list.
type facet struct {
	Param, Label string
	Options      []facetOption
}

// facetLabels name the list's filter controls, in their order.
var facetLabels = []struct{ param, label string }{
	{"status", "Status"}, {"brand", "Brand"}, {"sentiment", "Sentiment"}, {"severity", "Severity"},
	{"tag", "Tag"}, {"source", "Source"}, {"source_type", "Source type"}, {"assignee", "Assignee"},
}

// periods are the list's period choices (since=).
var periods = []struct{ Value, Label string }{{"", "any time"}, {"24h", "24 hours"}, {"7d", "7 days"}, {"30d", "30 days"}}

type listData struct {
	Mentions []model.Mention
	Facets   []facet
	Q, Since string
	Periods  []facetOption
	Next     string // the next page's URL, "" at the end
	Top      string // the newest mention's cursor, for the poll
	Back     string // this page, for the forms to return to
	Users    []string
	Query    string // the filters as a query string, for the poll
}

func (in *inboxServer) listPage(w http.ResponseWriter, r *http.Request) {
	id := identOf(r.Context())
	q := r.URL.Query()
	f, err := in.queryFilter(r.Context(), q, id.name, false)
	if err != nil {
		filterFailed(w, err, false)
		return
	}
	ms, err := in.d.store.InboxMentions(r.Context(), f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	counts, err := in.d.store.InboxFacets(r.Context(), f)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	data := listData{Mentions: ms, Q: q.Get("q"), Since: q.Get("since"), Back: localPath(r.URL.RequestURI()),
		Users: userNames(in.cfg())}
	selected := map[string]string{"brand": f.Brand, "sentiment": f.Sentiment, "severity": f.Severity,
		"status": f.Status, "tag": f.Tag, "source": f.Source, "source_type": f.SourceType, "assignee": f.Assignee}
	if f.Unassigned {
		selected["assignee"] = "nobody"
	}
	for _, fl := range facetLabels {
		fc := facet{Param: fl.param, Label: fl.label}
		for v, n := range counts[fl.param] {
			label := strings.ReplaceAll(v, "_", " ")
			if fl.param == "assignee" && v == "" {
				v, label = "nobody", "nobody"
			}
			if v == "" {
				continue
			}
			fc.Options = append(fc.Options, facetOption{Value: v, Label: label, Count: n, Selected: selected[fl.param] == v})
		}
		if s := selected[fl.param]; s != "" && !slices.ContainsFunc(fc.Options, func(o facetOption) bool { return o.Value == s }) {
			fc.Options = append(fc.Options, facetOption{Value: s, Label: s, Selected: true})
		}
		sort.Slice(fc.Options, func(i, j int) bool {
			a, b := fc.Options[i], fc.Options[j]
			if a.Count != b.Count {
				return a.Count > b.Count
			}
			return a.Value < b.Value
		})
		data.Facets = append(data.Facets, fc)
	}
	for _, p := range periods {
		data.Periods = append(data.Periods, facetOption{Value: p.Value, Label: p.Label, Selected: p.Value == data.Since})
	}
	keep := url.Values{}
	for k, vs := range q {
		if k != "before" && k != "after" && k != "limit" && slices.Contains(append(slices.Clone(filterParams), inboxParams...), k) && first(vs) != "" {
			keep.Set(k, first(vs))
		}
	}
	data.Query = keep.Encode()
	if len(ms) > 0 {
		if f.Before == nil {
			data.Top = store.CursorOf(ms[0]).String()
		}
		if f.Limit > 0 && len(ms) == f.Limit {
			next := url.Values{}
			for k, vs := range keep {
				next[k] = vs
			}
			if l := q.Get("limit"); l != "" {
				next.Set("limit", l) // the next page as long as this one
			}
			next.Set("before", store.CursorOf(ms[len(ms)-1]).String())
			data.Next = "/?" + next.Encode()
		}
	}
	in.render(w, r, http.StatusOK, "list", "Mentions", data)
}

type mentionData struct {
	M          model.Mention
	Words      []string
	History    []model.ActionRecord
	ByAuthor   []model.Mention
	Deliveries []store.MentionDelivery
	Muted      bool
	Users      []string
	Back       string
}

func (in *inboxServer) mentionPage(w http.ResponseWriter, r *http.Request) {
	id, ok := in.mentionID(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	m, err := in.d.store.Mention(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		http.Error(w, "no such mention", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	d := mentionData{M: m, Words: markedWords(m), Users: userNames(in.cfg()), Back: fmt.Sprintf("/mentions/%d", id)}
	if d.History, err = in.d.store.History(ctx, id); err == nil {
		if d.ByAuthor, err = in.d.store.AuthorMentions(ctx, m.Author, id, 20); err == nil {
			if d.Deliveries, err = in.d.store.MentionDeliveries(ctx, id); err == nil {
				var muted map[string]store.MutedSource
				muted, err = in.d.store.MutedSources(ctx)
				_, d.Muted = muted[m.Source]
			}
		}
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	in.render(w, r, http.StatusOK, "mention", m.Title, d)
}

// markedWords are the words to mark in a mention's full text: those its
// snippet marks, and the brand query's matched terms.
func markedWords(m model.Mention) []string {
	var out []string
	for _, mk := range m.Snippet.Marks {
		if mk[0] >= 0 && mk[0] < mk[1] && mk[1] <= len(m.Snippet.Text) {
			out = append(out, m.Snippet.Text[mk[0]:mk[1]])
		}
	}
	out = append(out, m.Matched...)
	slices.Sort(out)
	return slices.Compact(out)
}

// bar is one day's column in the volume chart.
type bar struct {
	X, Y, H, NegY, NegH int
	Day                 string
	Count, Negative     int
}

type brandChart struct {
	Brand    string
	Bars     []bar
	Total    int
	Negative float64 // share
	Width    int
}

type sourceRow struct {
	Name, Type string
	State      store.SourceState
	Muted      bool
}

type overviewData struct {
	Response []store.ResponseGroup
	Waiting  []model.Mention
	Charts   []brandChart
	Sources  []sourceRow
	Pending  int
	Failed   []store.OutboxEntry
	Digests  []store.DigestRun // not sent: failed, or being retried
	Days     int
}

// overviewDays is how many days the volume chart shows.
const overviewDays = 14

func (in *inboxServer) overviewPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := in.d.opts.Clock.Now()
	c := in.d.pipeline.Compiled()
	loc := c.Loc
	if loc == nil {
		loc = time.Local
	}
	var d overviewData
	d.Days = overviewDays
	var err error
	fail := func(e error) { http.Error(w, e.Error(), http.StatusInternalServerError) }
	if d.Response, err = in.d.store.ResponseTimes(ctx, now.Add(-7*24*time.Hour), now.Add(time.Second)); err != nil {
		fail(err)
		return
	}
	if d.Waiting, err = in.d.store.Waiting(ctx, 10); err != nil {
		fail(err)
		return
	}
	today := time.Date(now.In(loc).Year(), now.In(loc).Month(), now.In(loc).Day(), 0, 0, 0, 0, loc)
	start := today.AddDate(0, 0, -(overviewDays - 1))
	vol, err := in.d.store.Volume(ctx, start, now.Add(time.Second), loc)
	if err != nil {
		fail(err)
		return
	}
	d.Charts = volumeCharts(vol, start, overviewDays)
	states, err := in.d.store.Sources(ctx)
	if err != nil {
		fail(err)
		return
	}
	muted, err := in.d.store.MutedSources(ctx)
	if err != nil {
		fail(err)
		return
	}
	for _, s := range c.Cfg.Sources {
		_, m := muted[s.Name]
		d.Sources = append(d.Sources, sourceRow{Name: s.Name, Type: s.Type, State: states[s.Name], Muted: m})
	}
	entries, err := in.d.store.OutboxEntries(ctx)
	if err != nil {
		fail(err)
		return
	}
	for _, e := range entries {
		if e.Status == store.OutboxFailed {
			d.Failed = append(d.Failed, e)
		} else {
			d.Pending++
		}
	}
	if d.Digests, err = in.d.store.UndeliveredDigestRuns(ctx); err != nil {
		fail(err)
		return
	}
	in.render(w, r, http.StatusOK, "overview", "Overview", d)
}

// volumeCharts lays out one small bar chart per brand: a bar per day, its
// negative part drawn apart.
func volumeCharts(vol []store.DayVolume, start time.Time, days int) []brandChart {
	const barW, gap, height = 14, 4, 60
	byBrand := map[string]map[string]store.DayVolume{}
	for _, v := range vol {
		if byBrand[v.Brand] == nil {
			byBrand[v.Brand] = map[string]store.DayVolume{}
		}
		byBrand[v.Brand][v.Day.Format("2006-01-02")] = v
	}
	var out []brandChart
	for _, brand := range slices.Sorted(func(yield func(string) bool) {
		for b := range byBrand {
			if !yield(b) {
				return
			}
		}
	}) {
		ch := brandChart{Brand: brand, Width: days * (barW + gap)}
		peak, neg := 1, 0
		for _, v := range byBrand[brand] {
			peak = max(peak, v.Count)
		}
		for i := range days {
			day := start.AddDate(0, 0, i).Format("2006-01-02")
			v := byBrand[brand][day]
			h := v.Count * height / peak
			nh := v.Negative * height / peak
			ch.Bars = append(ch.Bars, bar{X: i * (barW + gap), Y: height - h, H: h, NegY: height - nh, NegH: nh,
				Day: day, Count: v.Count, Negative: v.Negative})
			ch.Total += v.Count
			neg += v.Negative
		}
		if ch.Total > 0 {
			ch.Negative = float64(neg) / float64(ch.Total)
		}
		out = append(out, ch)
	}
	return out
}
