package app

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/redact"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/matchers"
)

// Changes a backtest reports for a document and brand.
const (
	ChangeAdded    = "added"    // the new config finds a mention the store does not have
	ChangeDropped  = "dropped"  // a stored mention the new config would not find
	ChangeRescored = "rescored" // kept, with another sentiment, severity or tags
)

// BacktestOptions configure a backtest.
type BacktestOptions struct {
	// Since is the period replayed: documents stored within it.
	Since time.Duration
	// Now ends the period (default time.Now).
	Now time.Time
	// Workers judge documents in parallel (default GOMAXPROCS).
	Workers int
	// OnChange, when set, is told of every document and brand whose
	// outcome changes, in the order the documents were stored. An error
	// stops the backtest.
	OnChange func(BacktestChange) error
}

// Scores are a mention's scoring fields.
type Scores struct {
	Lang       string   `json:"lang"`
	Sentiment  string   `json:"sentiment"`
	Negativity float64  `json:"negativity"`
	Importance float64  `json:"importance"`
	Severity   string   `json:"severity"`
	Tags       []string `json:"tags"`
}

func scoresOf(m *model.Mention) *Scores {
	if m == nil {
		return nil
	}
	tags := m.Tags
	if tags == nil {
		tags = []string{}
	}
	return &Scores{Lang: m.Lang, Sentiment: m.Sentiment, Negativity: m.Negativity, Importance: m.Importance,
		Severity: m.Severity, Tags: tags}
}

// BacktestChange is one document whose outcome for one brand changes.
type BacktestChange struct {
	URL    string `json:"url"`
	Title  string `json:"title"`
	Brand  string `json:"brand"`
	Change string `json:"change"`
	// Before is the stored mention's scores (null when added), After the
	// new config's (null when dropped).
	Before *Scores `json:"before"`
	After  *Scores `json:"after"`
	// MentionID, Status and Label are the stored mention's, when there is
	// one: what people made of it in the inbox.
	MentionID int64  `json:"mention_id,omitempty"`
	Status    string `json:"status,omitempty"`
	Label     string `json:"label,omitempty"`
}

// BrandChanges counts one brand's outcomes. Kept includes Rescored.
type BrandChanges struct {
	Brand    string `json:"brand"`
	Kept     int    `json:"kept"`
	Added    int    `json:"added"`
	Dropped  int    `json:"dropped"`
	Rescored int    `json:"rescored"`
}

// RouteAlerts is what one route sends over the period: Alerts mentions,
// in Messages messages (an hourly or daily route groups a brand's
// mentions of a period into one message per destination).
type RouteAlerts struct {
	Route     string `json:"route"`
	Frequency string `json:"frequency"`
	Alerts    int    `json:"alerts"`
	Messages  int    `json:"messages"`
}

// Corrections measure the new config against what people said in the
// inbox about the stored mentions of the period.
type Corrections struct {
	// Reviewed mentions were handled, marked false positive or given a
	// sentiment label.
	Reviewed int `json:"reviewed"`
	// FalsePositives were marked so; the new config no longer finds
	// FalsePositivesRemoved of them.
	FalsePositives        int `json:"false_positives"`
	FalsePositivesRemoved int `json:"false_positives_removed"`
	// Confirmed mentions were handled or labelled and not marked false
	// positive; the new config loses ConfirmedLost of them.
	Confirmed     int `json:"confirmed"`
	ConfirmedLost int `json:"confirmed_lost"`
	// Labelled are the labelled mentions the new config keeps; the
	// sentiment the running config gives agrees with the label for
	// LabelAgreesBefore of them, the new config's for LabelAgreesAfter.
	Labelled          int `json:"labelled"`
	LabelAgreesBefore int `json:"label_agrees_before"`
	LabelAgreesAfter  int `json:"label_agrees_after"`
}

// NotReplayed is what the backtest could not judge.
type NotReplayed struct {
	// Mentions found in the period whose document's text is not kept
	// (stored before texts were kept, or beyond storage.keep_text).
	Mentions int `json:"mentions"`
	// Documents of sources the running config no longer has.
	Documents int      `json:"documents"`
	Sources   []string `json:"sources,omitempty"`
}

// BacktestReport is the summary of a backtest.
type BacktestReport struct {
	Since     time.Time `json:"since"`
	Until     time.Time `json:"until"`
	Documents int       `json:"documents"`
	// Brands are the new config's brands in its order, then brands only
	// stored mentions have.
	Brands []BrandChanges `json:"brands"`
	// Routes is what the new config's routes would have sent;
	// RoutesBefore what the running config's routes send of the stored
	// mentions, judged the same way.
	Routes       []RouteAlerts `json:"routes"`
	RoutesBefore []RouteAlerts `json:"routes_before"`
	Corrections  Corrections   `json:"corrections"`
	// ThreadReplies counts mentions found through their thread rather than
	// their words (tag thread_reply), stored and replayed.
	ThreadReplies struct {
		Before int `json:"before"`
		After  int `json:"after"`
	} `json:"thread_replies"`
	NotReplayed NotReplayed `json:"not_replayed"`
}

// replayBatch is how many documents are judged in parallel at a time.
const replayBatch = 512

// Backtest replays the documents stored over the period through next's
// brands, scoring and routes, with the sources of cur (the running
// config), and reports what would change against the stored mentions. It
// only reads st, and sends nothing.
//
// Each document is judged as its crawl judged it: by the time it was
// stored (freshness, alert periods), with its thread's growth at that
// crawl, as part of its source's first crawl or not (old entries of a
// first crawl are not alerted), and — for a post in a forum thread — with
// the brands the thread mentioned before its crawl under the new config,
// so that replies found through their thread are replayed too. Alerts are
// counted per route; follow-ups in threads already alerted, waves and the
// escalation of hot threads found later are not.
func Backtest(ctx context.Context, st *store.Store, cur, next *Compiled, opts BacktestOptions) (*BacktestReport, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	since := opts.Now.Add(-opts.Since)
	muted, err := st.MutedSources(ctx)
	if err != nil {
		return nil, err
	}
	r := &replay{
		ctx: ctx, st: st, cur: cur, next: next, opts: opts, since: since, muted: muted,
		rep:     &BacktestReport{Since: since, Until: opts.Now},
		brands:  map[string]*BrandChanges{},
		threads: map[string]map[string]bool{},
		pending: map[string][]string{},
		groups:  map[string]bool{},
		after:   newRouteTally(next),
		before:  newRouteTally(cur),
		skipped: map[string]bool{},
	}
	for _, b := range next.Cfg.Brands {
		r.brand(b.Name)
	}
	for i := 0; i < opts.Workers; i++ {
		r.judges = append(r.judges, newJudge(next))
	}
	r.reducer, r.curJudge = newJudge(next), newJudge(cur)

	var batch []store.DocText
	err = st.DocTexts(ctx, since, func(dt store.DocText) error {
		batch = append(batch, dt)
		if len(batch) < replayBatch {
			return nil
		}
		err := r.batch(batch)
		batch = batch[:0]
		return err
	})
	if err == nil && len(batch) > 0 {
		err = r.batch(batch)
	}
	if err != nil {
		return nil, err
	}
	total, err := st.CountMentions(ctx, since)
	if err != nil {
		return nil, err
	}
	r.rep.NotReplayed.Mentions = max(0, total-r.storedSince)
	for s := range r.skipped {
		r.rep.NotReplayed.Sources = append(r.rep.NotReplayed.Sources, s)
	}
	sort.Strings(r.rep.NotReplayed.Sources)
	for _, b := range r.order {
		r.rep.Brands = append(r.rep.Brands, *r.brands[b])
	}
	r.rep.Routes, r.rep.RoutesBefore = r.after.report(), r.before.report()
	return r.rep, nil
}

// replay is one backtest in progress.
type replay struct {
	ctx         context.Context
	st          *store.Store
	cur, next   *Compiled
	opts        BacktestOptions
	since       time.Time
	muted       map[string]store.MutedSource
	rep         *BacktestReport
	brands      map[string]*BrandChanges // by lower-cased name
	order       []string
	judges      []*judge
	reducer     *judge // scores thread replies of the new config
	curJudge    *judge // scores with the running config
	storedSince int    // stored mentions of replayed documents found in the period
	skipped     map[string]bool

	// threads holds, by thread URL, the brands the thread mentions under
	// the new config so far; pending those of the crawl being replayed,
	// which its own posts do not see (a crawl reads the thread's brands
	// before storing).
	threads map[string]map[string]bool
	pending map[string][]string
	group   string
	groups  map[string]bool // threads whose stored mentions before the period were read
	after   *routeTally
	before  *routeTally
}

// judge matches and scores documents with one config, by a clock it sets
// to each document's time. One goroutine uses it at a time.
type judge struct {
	c   Compiled
	now time.Time
	p   pipeline
}

func newJudge(c *Compiled) *judge {
	j := &judge{c: *c}
	// The config compiled without problems once, so it does again.
	sc, err := newScorer(c.Cfg, func() time.Time { return j.now }, c.log)
	if err == nil {
		j.c.Scorer = sc
	}
	return j
}

// judged is what the new config makes of one document by its words.
type judged struct {
	doc      store.DocText
	src      config.Source
	lang     string
	known    bool // its source is in the running config
	mentions []*model.Mention
}

// words matches d and builds the mentions of the brands src watches, as
// pipeline.process does.
func (j *judge) words(d store.DocText, src config.Source) (string, []*model.Mention) {
	j.now = d.SeenAt
	allowed := brandFilter(&j.c, src)
	res := j.c.Matcher.Match(matchers.Doc{Title: d.Title, Text: d.Text, URL: d.URL})
	var out []*model.Mention
	for _, m := range res.Matches {
		if allowed(m.Brand) {
			out = append(out, j.p.mention(&j.c, src, d.Document, res.Lang, m.Brand, m.Matched, m.Snippet, d.Growth, nil, d.SeenAt))
		}
	}
	return res.Lang, out
}

// batch judges docs in parallel, then folds them into the report in the
// order they were stored.
func (r *replay) batch(docs []store.DocText) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	out := make([]judged, len(docs))
	var wg sync.WaitGroup
	per := (len(docs) + len(r.judges) - 1) / len(r.judges)
	for w, j := range r.judges {
		lo, hi := w*per, min((w+1)*per, len(docs))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				d := docs[i]
				src, ok := r.cur.Source(d.Source)
				out[i] = judged{doc: d, src: src, known: ok}
				if ok {
					out[i].lang, out[i].mentions = j.words(d, src)
				}
			}
		}()
	}
	wg.Wait()

	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	stored, err := r.st.MentionsOfDocs(r.ctx, ids)
	if err != nil {
		return err
	}
	for i := range out {
		if err := r.fold(&out[i], stored[out[i].doc.ID]); err != nil {
			return err
		}
	}
	return nil
}

// fold adds the thread replies of one judged document, compares its
// mentions with the stored ones and counts what each side alerts.
func (r *replay) fold(j *judged, stored []model.Mention) error {
	d := j.doc
	for i := range stored {
		if !stored[i].FoundAt.Before(r.since) {
			r.storedSince++
		}
	}
	if !j.known {
		r.rep.NotReplayed.Documents++
		r.skipped[d.Source] = true
		return nil
	}
	r.rep.Documents++
	if g := d.Source + "\x00" + d.SeenAt.String(); g != r.group {
		// A new crawl: the previous one's mentions are now in its threads.
		r.group = g
		for u, bs := range r.pending {
			for _, b := range bs {
				r.threadBrands(u)[b] = true
			}
		}
		clear(r.pending)
	}
	after := j.mentions
	if d.ThreadURL != "" {
		if err := r.seedThread(d.ThreadURL); err != nil {
			return err
		}
		matched := map[string]bool{}
		for _, m := range after {
			matched[m.Brand] = true
		}
		allowed := brandFilter(&r.reducer.c, j.src)
		var brands []string
		for b := range r.threads[d.ThreadURL] {
			brands = append(brands, b)
		}
		sort.Strings(brands)
		r.reducer.now = d.SeenAt
		for _, b := range brands {
			if matched[b] || !allowed(b) {
				continue
			}
			after = append(after, r.reducer.p.mention(&r.reducer.c, j.src, d.Document, j.lang, b, nil, leadSnippet(d.Document),
				d.Growth, []string{"thread_reply"}, d.SeenAt))
		}
		for _, m := range after {
			r.pending[d.ThreadURL] = append(r.pending[d.ThreadURL], m.Brand)
		}
	}
	window := j.src.BackfillWindow()
	backfill := func(m *model.Mention) bool {
		return d.Baseline && (m.PublishedAt.IsZero() || d.SeenAt.Sub(m.PublishedAt) > window)
	}
	_, muted := r.muted[d.Source]

	byBrand := map[string]*model.Mention{}
	for _, m := range after {
		byBrand[strings.ToLower(m.Brand)] = m
		if model.HasTag(m.Tags, "thread_reply") {
			r.rep.ThreadReplies.After++
		}
		if !muted && !backfill(m) {
			r.after.add(m, d.SeenAt)
		}
	}
	for i := range stored {
		b := &stored[i]
		b.Text, b.Growth, b.SourceWeight, b.SourceTags = d.Text, d.Growth, j.src.Weight, j.src.Tags
		if b.Label != "" {
			// The label replaced the stored sentiment: what the running
			// config said is its own judgement of the document.
			b.Sentiment = r.curSentiment(j, b)
		}
		if model.HasTag(b.Tags, "thread_reply") {
			r.rep.ThreadReplies.Before++
		}
		if !muted && !b.Backfill {
			r.before.add(b, d.SeenAt)
		}
		key := strings.ToLower(b.Brand)
		a := byBrand[key]
		delete(byBrand, key)
		if err := r.compare(d, b, a); err != nil {
			return err
		}
	}
	for _, m := range after {
		if byBrand[strings.ToLower(m.Brand)] == m {
			if err := r.compare(d, nil, m); err != nil {
				return err
			}
		}
	}
	return nil
}

// curSentiment is the sentiment the running config gives b's document.
func (r *replay) curSentiment(j *judged, b *model.Mention) string {
	cj := r.curJudge
	cj.now = j.doc.SeenAt
	var extra []string
	if model.HasTag(b.Tags, "thread_reply") {
		extra = []string{"thread_reply"}
	}
	m := cj.p.mention(&cj.c, j.src, j.doc.Document, b.Lang, b.Brand, b.Matched, b.Snippet, j.doc.Growth, extra, j.doc.SeenAt)
	return m.Sentiment
}

// seedThread reads, the first time a thread is met, the brands its
// mentions found before the period name: they are not replayed, and count
// as they are.
func (r *replay) seedThread(u string) error {
	if r.groups[u] {
		return nil
	}
	r.groups[u] = true
	ms, err := r.st.Mentions(r.ctx, store.MentionFilter{ThreadURL: u, Until: r.since})
	if err != nil {
		return err
	}
	for _, m := range ms {
		r.threadBrands(u)[m.Brand] = true
	}
	return nil
}

func (r *replay) threadBrands(u string) map[string]bool {
	t := r.threads[u]
	if t == nil {
		t = map[string]bool{}
		r.threads[u] = t
	}
	return t
}

// brand returns the counts of a brand, adding it in order.
func (r *replay) brand(name string) *BrandChanges {
	k := strings.ToLower(name)
	if b := r.brands[k]; b != nil {
		return b
	}
	b := &BrandChanges{Brand: name}
	r.brands[k] = b
	r.order = append(r.order, k)
	return b
}

// compare counts one document and brand: b stored (nil: none), a found by
// the new config (nil: none).
func (r *replay) compare(d store.DocText, b, a *model.Mention) error {
	// A document stored before links lost their credentials may hold its
	// page's key.
	c := BacktestChange{URL: redact.WithoutCredentials(d.URL), Title: d.Title}
	switch {
	case b == nil:
		c.Brand, c.Change = a.Brand, ChangeAdded
		r.brand(a.Brand).Added++
	case a == nil:
		c.Brand, c.Change = b.Brand, ChangeDropped
		r.brand(b.Brand).Dropped++
	default:
		c.Brand = a.Brand
		r.brand(a.Brand).Kept++
		if rescored(b, a) {
			c.Change = ChangeRescored
			r.brand(a.Brand).Rescored++
		}
	}
	if b != nil {
		c.MentionID, c.Status, c.Label = b.ID, b.Status, b.Label
		r.correct(b, a)
	}
	if c.Change == "" || r.opts.OnChange == nil {
		return nil
	}
	c.Before, c.After = scoresOf(b), scoresOf(a)
	return r.opts.OnChange(c)
}

// correct counts a stored mention that people reviewed.
func (r *replay) correct(b, a *model.Mention) {
	fp := b.Status == model.StatusFalsePositive
	confirmed := !fp && (b.Status == model.StatusHandled || b.Label != "")
	if !fp && !confirmed {
		return
	}
	co := &r.rep.Corrections
	co.Reviewed++
	if fp {
		co.FalsePositives++
		if a == nil {
			co.FalsePositivesRemoved++
		}
		return
	}
	co.Confirmed++
	if a == nil {
		co.ConfirmedLost++
		return
	}
	if b.Label != "" {
		co.Labelled++
		if b.Sentiment == b.Label {
			co.LabelAgreesBefore++
		}
		if a.Sentiment == b.Label {
			co.LabelAgreesAfter++
		}
	}
}

// rescored reports whether the sentiment, severity or tags differ.
func rescored(b, a *model.Mention) bool {
	if b.Sentiment != a.Sentiment || b.Severity != a.Severity {
		return true
	}
	bt, at := slices.Clone(b.Tags), slices.Clone(a.Tags)
	slices.Sort(bt)
	slices.Sort(at)
	return !slices.Equal(slices.Compact(bt), slices.Compact(at))
}

// routeTally counts what a config's routes would send.
type routeTally struct {
	c      *Compiled
	alerts map[string]int
	msgs   map[string]int
	groups map[string]bool
}

func newRouteTally(c *Compiled) *routeTally {
	return &routeTally{c: c, alerts: map[string]int{}, msgs: map[string]int{}, groups: map[string]bool{}}
}

// add counts the deliveries of m found at at.
func (t *routeTally) add(m *model.Mention, at time.Time) {
	for _, p := range t.c.Router.Plan(m, at) {
		t.alerts[p.Route]++
		for _, tg := range p.Targets {
			if p.Period.IsZero() {
				t.msgs[p.Route]++
				continue
			}
			k := p.Route + "\x00" + tg.Channel + "\x00" + tg.Target + "\x00" + strings.ToLower(m.Brand) + "\x00" + p.Period.String()
			if !t.groups[k] {
				t.groups[k] = true
				t.msgs[p.Route]++
			}
		}
	}
}

// report lists every route of the config, in order.
func (t *routeTally) report() []RouteAlerts {
	out := []RouteAlerts{}
	seen := map[string]bool{}
	for i, rc := range t.c.Cfg.Alerts.Routes {
		name := rc.Name
		if name == "" {
			name = fmt.Sprintf("route %d", i+1)
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		freq := rc.Frequency
		if freq == "" {
			freq = config.FrequencyAsItHappens
		}
		out = append(out, RouteAlerts{Route: name, Frequency: freq, Alerts: t.alerts[name], Messages: t.msgs[name]})
	}
	return out
}
