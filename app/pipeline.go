package app

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/backoff"
	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/config"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/redact"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/matchers"
	"github.com/mentionwatch/mentionwatch/matchers/score"
	"github.com/mentionwatch/mentionwatch/watcher"
	"github.com/mentionwatch/mentionwatch/watcher/feed"
	"github.com/mentionwatch/mentionwatch/watcher/fetch"
)

// pipeline crawls a source end to end: fetch, extract, keep only new
// documents, match, score, and store the mentions with their deliveries in
// one transaction. It implements watcher.Crawler.
type pipeline struct {
	compiled atomic.Pointer[Compiled]
	fetcher  atomic.Pointer[fetch.Fetcher]
	store    *store.Store
	clock    clock.Clock
	log      *slog.Logger
	metrics  *metrics
	// kick is called after mentions are stored, so that as-it-happens
	// alerts go out at once.
	kick func()
	// after, when set, is told of every finished crawl.
	after func(source string, err error)
	// discovered, when set, is told of every feed body a crawl fetched
	// (WebSub discovery, push.go).
	discovered func(ctx context.Context, src config.Source, res *fetch.Response)
	// pollNext, when set, may put a successful crawl's next run later
	// (a source pushed to is polled less often, push.go).
	pollNext func(src config.Source, now, next time.Time) time.Time
	// sourceLocks holds a *sync.Mutex per source: a crawl and a push of
	// one source never run together.
	sourceLocks sync.Map
	// fleet, when set, makes Crawl claim each source's lease first
	// (fleet.go), so that daemons sharing the database crawl a due source
	// once.
	fleet *fleetCrawl
}

// newPipeline returns a pipeline over the given parts.
func newPipeline(c *Compiled, f *fetch.Fetcher, st *store.Store, clk clock.Clock, m *metrics, kick func(), log *slog.Logger) *pipeline {
	p := &pipeline{store: st, clock: clk, log: log, metrics: m, kick: kick}
	p.compiled.Store(c)
	p.fetcher.Store(f)
	return p
}

// swap installs a new config (on reload); crawls in flight finish with the
// old one.
func (p *pipeline) swap(c *Compiled, f *fetch.Fetcher) {
	p.compiled.Store(c)
	if f != nil {
		p.fetcher.Store(f)
	}
}

// Compiled returns the config in use.
func (p *pipeline) Compiled() *Compiled { return p.compiled.Load() }

// Crawl implements watcher.Crawler: one crawl of src. It returns when the
// source should run next — its schedule after a success, a backoff after a
// failure — and has stored that in the source's state.
func (p *pipeline) Crawl(ctx context.Context, src config.Source) (next time.Time, err error) {
	unlock := p.lockSource(src.Name)
	defer unlock()
	if p.fleet != nil {
		return p.leasedCrawl(ctx, src)
	}
	if p.after != nil {
		defer func() { p.after(src.Name, err) }()
	}
	return p.crawl(ctx, src, nil)
}

// crawl crawls src; with a lease, its outcome is saved only while the
// lease holds, and releases it.
func (p *pipeline) crawl(ctx context.Context, src config.Source, lease *store.Lease) (time.Time, error) {
	c := p.compiled.Load()
	log := p.log.With("source", src.Name)
	start := p.clock.Now()
	st, err := p.store.Source(ctx, src.Name)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return afterStoreError(start, err), err
	}
	if st.URL != "" && st.URL != src.URL {
		// A new address is a new source: forget validators and baseline.
		st = store.SourceState{Name: src.Name, ItemsSeen: st.ItemsSeen}
	}
	st.Name, st.Type, st.URL = src.Name, src.Type, src.URL

	docs, dropped, res, err := p.fetchDocs(ctx, c, p.fetcher.Load(), src, st)
	now := p.clock.Now()
	st.LastFetchAt = now
	sched, _ := config.SourceSchedule(src)
	if err != nil {
		if ctx.Err() != nil {
			// Shutting down: leave the state as it was; the crawl runs
			// again at the next start.
			return time.Time{}, ctx.Err()
		}
		st.Failures++
		st.LastStatus = "error"
		var fe *fetch.Error
		retryAfter := time.Duration(0)
		if errors.As(err, &fe) {
			if fe.StatusCode != 0 {
				st.LastStatus = strconv.Itoa(fe.StatusCode)
			}
			retryAfter = fe.RetryAfter
		}
		st.LastError = redact.Text(err.Error()) // shown by the sources command and the inbox
		// Every failure backs off alike, from retry.initial doubling to
		// retry.max: a permanent one (404, robots.txt, too large) is as
		// often a passing mistake on the site or in rules.yaml, and the
		// few tries before the ceiling cost a request each.
		b := c.Cfg.HTTP.Retry
		st.NextRunAt = now.Add(backoff.Jittered(st.Failures, b.Initial.D(), b.Max.D(), retryAfter, nil))
		if src.IsAdaptive() {
			st.NextRunAt = adaptRetry(src, st, now)
		}
		p.metrics.crawl(src, "error", st)
		if serr := p.store.SaveSourceLeased(context.WithoutCancel(ctx), st, lease); serr != nil {
			log.Error("saving source state", "err", serr)
		}
		return st.NextRunAt, err
	}
	st.Failures, st.LastError = 0, ""
	st.LastSuccessAt = now
	st.Dropped = dropped
	st.NextRunAt = sched.Next(now)
	if src.IsAdaptive() {
		st = p.adapt(ctx, src, st, docs, now)
	}
	if p.pollNext != nil {
		st.NextRunAt = p.pollNext(src, now, st.NextRunAt)
	}
	if res != nil {
		st.LastStatus = strconv.Itoa(res.StatusCode)
		if res.NotModified {
			st.LastStatus = "304"
		} else {
			st.ETag, st.LastModified, st.FinalURL = res.ETag, res.LastModified, res.URL
		}
	}
	if res != nil && res.NotModified {
		p.metrics.crawl(src, "not_modified", st)
		if err := p.store.SaveSourceLeased(ctx, st, lease); err != nil {
			return st.NextRunAt, err
		}
		return st.NextRunAt, nil
	}
	p.metrics.fetched(src, len(docs), dropped)
	if p.discovered != nil && src.Type == model.SourceFeed && res != nil {
		p.discovered(ctx, src, res)
	}
	stored, err := p.process(ctx, c, src, st, docs, now, lease, false)
	if err != nil {
		if store.IsConflict(err) {
			log.Warn("crawl lost to a concurrent transaction; it runs again shortly", "err", err)
		} else {
			log.Error("storing crawl", "err", err)
		}
		return afterStoreError(p.clock.Now(), err), err
	}
	p.metrics.crawl(src, "ok", st)
	if len(stored) > 0 {
		log.Info("new mentions", "count", len(stored), "documents", len(docs))
		if p.kick != nil {
			p.kick()
		}
	}
	return st.NextRunAt, nil
}

// fetchDocs fetches the source (following pages for forums) and extracts
// its documents. dropped counts the oldest posts left out of pages that
// held more than one page yields; res is the first page's response.
// Its error does not name the source: the crawl's log line, the sources
// list and run --once's warning each name it beside the error, which is
// stored as the source's last error.
func (p *pipeline) fetchDocs(ctx context.Context, c *Compiled, f *fetch.Fetcher, src config.Source, st store.SourceState) (docs []model.Document, dropped int, res *fetch.Response, err error) {
	req := fetch.Request{URL: src.URL, ETag: st.ETag, LastModified: st.LastModified, Header: headers(src)}
	if src.Type == model.SourceFeed {
		res, err := f.Fetch(ctx, req)
		if err != nil {
			return nil, 0, nil, err
		}
		if res.NotModified {
			return nil, 0, res, nil
		}
		docs, err := feed.Parse(res.Body, res.ContentType, res.URL, src.Name)
		if err != nil {
			return nil, 0, res, err
		}
		watcher.ClearImplausibleDates(docs, p.clock.Now(), p.log, src.Name)
		return docs, 0, res, nil
	}
	ex := c.Extractors[src.Name]
	if ex == nil {
		return nil, 0, nil, errors.New("no extractor compiled")
	}
	req.URL = ex.URL(src.URL)
	if ex.MaxPages() > 1 {
		// The first page is where the crawl starts, not all it reads: a
		// thread paged oldest first keeps its first page while new posts
		// land on the next. A 304 would give no body, so no next link,
		// and end the crawl there; fetch it whole.
		req.ETag, req.LastModified = "", ""
	}
	var first *fetch.Response
	seenPages := map[string]bool{}
	for page := 0; page < max(1, src.MaxPages) && req.URL != ""; page++ {
		if seenPages[req.URL] {
			break
		}
		seenPages[req.URL] = true
		res, err := f.Fetch(ctx, req)
		if err != nil {
			if first != nil {
				// Later pages failing do not lose the first ones.
				p.log.Warn("fetching next page", "source", src.Name, "url", req.URL, "err", err)
				break
			}
			return nil, 0, nil, err
		}
		if first == nil {
			first = res
			if res.NotModified {
				return nil, 0, res, nil
			}
		}
		pg, err := ex.Extract(res.Body, res.ContentType, res.URL, p.clock.Now())
		if err != nil {
			if first == res {
				return nil, 0, res, err
			}
			p.log.Warn("reading next page", "source", src.Name, "url", req.URL, "err", err)
			break
		}
		if pg.Dropped > 0 {
			p.log.Warn("page cut: the oldest posts left unread", "source", src.Name, "url", res.URL,
				"read", len(pg.Docs), "dropped", pg.Dropped)
			dropped += pg.Dropped
		}
		docs = append(docs, pg.Docs...)
		req = fetch.Request{URL: pg.Next, Header: headers(src)}
	}
	// Each page's posts are distinct; across pages, two posts that share
	// an identity (one author, one minute, no permalink) must stay two.
	docs = ex.Distinct(docs)
	watcher.ClearImplausibleDates(docs, p.clock.Now(), p.log, src.Name)
	return docs, dropped, first, nil
}

func headers(src config.Source) map[string][]string {
	if len(src.Headers) == 0 {
		return nil
	}
	h := map[string][]string{}
	for k, v := range src.Headers {
		h[k] = []string{v}
	}
	return h
}

// process turns the extracted documents into stored mentions. pushed says
// the documents came by push: the source's shared next run is left as it
// was when the lease is released.
func (p *pipeline) process(ctx context.Context, c *Compiled, src config.Source, st store.SourceState, docs []model.Document, now time.Time, lease *store.Lease, pushed bool) ([]*model.Mention, error) {
	docs, legacy := publicLinks(docs)
	fresh, err := p.store.Unseen(ctx, docs)
	if err != nil {
		return nil, err
	}
	// Threads: reply counts now against the last crawl's.
	var threadURLs []string
	obs := map[string]int{}
	for _, d := range docs {
		if d.ThreadURL == "" {
			continue
		}
		if _, ok := obs[d.ThreadURL]; !ok {
			threadURLs = append(threadURLs, d.ThreadURL)
			obs[d.ThreadURL] = -1
		}
		obs[d.ThreadURL] = max(obs[d.ThreadURL], d.Replies)
	}
	var known map[string]store.Thread
	var storedBrands map[string][]string
	if len(threadURLs) > 0 {
		asked := withLegacy(threadURLs, legacy)
		if known, err = p.store.Threads(ctx, asked); err != nil {
			return nil, err
		}
		if storedBrands, err = p.store.ThreadBrands(ctx, asked); err != nil {
			return nil, err
		}
	}
	growth := func(u string) int {
		t, ok := known[u]
		if !ok {
			if t, ok = known[legacy[u]]; !ok {
				return 0
			}
		}
		return store.ReplyGrowth(t.Replies, obs[u])
	}
	threadBrands := func(u string) []string { return mergeTags(storedBrands[u], storedBrands[legacy[u]]) }

	allowed := brandFilter(c, src)
	baseline := !st.Crawled
	window := src.BackfillWindow()
	var mentions []*model.Mention
	for _, d := range fresh {
		res := c.Matcher.Match(matchers.Doc{Title: d.Title, Text: d.Text, URL: d.URL})
		matched := map[string]bool{}
		for _, m := range res.Matches {
			if !allowed(m.Brand) {
				continue
			}
			matched[m.Brand] = true
			mentions = append(mentions, p.mention(c, src, d, res.Lang, m.Brand, m.Matched, m.Snippet, growth(d.ThreadURL), nil, now))
		}
		// A new post in a thread that already mentions a brand belongs
		// to that conversation even when it does not name the brand.
		for _, b := range threadBrands(d.ThreadURL) {
			if matched[b] || !allowed(b) {
				continue
			}
			sn := leadSnippet(d)
			mentions = append(mentions, p.mention(c, src, d, res.Lang, b, nil, sn, growth(d.ThreadURL), []string{"thread_reply"}, now))
		}
	}
	for _, m := range mentions {
		if baseline && (m.PublishedAt.IsZero() || now.Sub(m.PublishedAt) > window) {
			m.Backfill = true
		}
	}
	oldestFirst(mentions, now)
	crawl := &store.Crawl{State: st, Docs: fresh, Lease: lease, KeepNextRun: pushed}
	crawl.Mentions = mentions
	for _, u := range threadURLs {
		crawl.Threads = append(crawl.Threads, store.ThreadObservation{URL: u, Replies: obs[u]})
	}
	crawl.State.Crawled = true
	if crawl.KeepText, crawl.Baseline = c.Cfg.Storage.KeepText > 0, baseline; crawl.KeepText && len(threadURLs) > 0 {
		crawl.Growth = make(map[string]int, len(threadURLs))
		for _, u := range threadURLs {
			crawl.Growth[u] = growth(u)
		}
	}
	muted, err := p.store.MutedSources(ctx)
	if err != nil {
		return nil, err
	}
	var enqueue store.EnqueueBatchFunc = c.Router.EnqueueBatch
	if _, ok := muted[src.Name]; ok {
		enqueue = nil // stored for the inbox, alerted nowhere
	}
	stored, err := p.store.SaveCrawlBatch(ctx, crawl, enqueue)
	if err != nil {
		return nil, err
	}
	p.metrics.found(src.Type, fresh, baseline, now)
	for _, m := range stored {
		p.metrics.mention(m)
	}
	if enqueue == nil {
		return stored, nil
	}
	if esc, err := p.escalateHotThreads(ctx, c, threadURLs, legacy, growth); err != nil {
		p.log.Error("escalating hot threads", "source", src.Name, "err", err)
	} else {
		stored = append(stored, esc...)
	}
	return stored, nil
}

// brandFilter restricts a source to its listed brands, if any.
func brandFilter(c *Compiled, src config.Source) func(string) bool {
	if len(src.Brands) == 0 {
		return func(string) bool { return true }
	}
	ok := map[int]bool{}
	for _, b := range src.Brands {
		ok[c.brandIndex(b)] = true
	}
	return func(b string) bool { return ok[c.brandIndex(b)] }
}

// mention builds and scores one mention of brand in d.
func (p *pipeline) mention(c *Compiled, src config.Source, d model.Document, lang, brand string, matched []string, sn model.Snippet, growth int, extraTags []string, now time.Time) *model.Mention {
	if matched == nil {
		matched = []string{}
	}
	tags := append(append([]string{}, src.Tags...), extraTags...)
	r := c.Scorer.Score(score.Input{
		Text: d.Text, Title: d.Title, URL: d.URL, Author: d.Author, Lang: lang, Brand: brand, Matched: matched,
		Source:  model.Source{Name: src.Name, Type: src.Type, Weight: src.Weight, Tags: src.Tags},
		Tags:    tags,
		Replies: d.Replies, Growth: growth, PublishedAt: d.PublishedAt,
	})
	return &model.Mention{
		DocID: d.ID, Brand: brand, Source: src.Name, SourceType: src.Type, URL: d.URL, Title: d.Title,
		Snippet: sn, Author: d.Author, PublishedAt: d.PublishedAt, FoundAt: now, Lang: r.Lang,
		Matched: matched, Sentiment: r.Sentiment, Negativity: r.Negativity, Importance: r.Importance,
		Severity: r.Severity, Tags: mergeTags(tags, r.Tags), Rules: r.Rules, Status: model.StatusNew,
		ThreadURL: d.ThreadURL, Replies: d.Replies,
		Text: d.Text, SourceWeight: src.Weight, SourceTags: src.Tags, Growth: growth,
	}
}

func mergeTags(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	seen := map[string]bool{}
	for _, t := range append(append([]string{}, a...), b...) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// leadSnippet is the opening of a document, for a mention found through
// its thread rather than its words.
func leadSnippet(d model.Document) model.Snippet {
	t := d.Text
	if t == "" {
		t = d.Title
	}
	const n = 200
	r := []rune(t)
	if len(r) <= n {
		return model.Snippet{Text: t}
	}
	cut := n
	for i := n; i > n/2; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return model.Snippet{Text: string(r[:cut]) + "…"}
}

// oldestFirst puts one crawl's mentions in the order they were written,
// a post without a date last (as if written now), keeping the page's order
// among equals. They share their found time, so the order they are stored
// in (their ids) is what "newest first" shows, in the inbox and in
// `mentions --limit N`; most feeds list their newest entry first, which
// stored as read would show a crawl's oldest post first. Alerts go out in
// this order too: a thread's first post before its replies.
func oldestFirst(ms []*model.Mention, now time.Time) {
	at := func(m *model.Mention) time.Time {
		if m.PublishedAt.IsZero() || m.PublishedAt.After(now) {
			return now
		}
		return m.PublishedAt
	}
	slices.SortStableFunc(ms, func(a, b *model.Mention) int { return at(a).Compare(at(b)) })
}
