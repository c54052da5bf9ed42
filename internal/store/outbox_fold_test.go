package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// stormMentions stores n mentions of brand, each with an as-it-happens
// delivery to #a due at due; the first crit of them are critical.
func stormMentions(t *testing.T, st *Store, seq *int, brand string, n, crit int, due time.Time) []*model.Mention {
	t.Helper()
	return stormMentionsTo(t, st, seq, brand, "#a", n, crit, due)
}

// stormMentionsTo is stormMentions with deliveries to target.
func stormMentionsTo(t *testing.T, st *Store, seq *int, brand, target string, n, crit int, due time.Time) []*model.Mention {
	t.Helper()
	c := &Crawl{State: SourceState{Name: "src"}}
	for i := 0; i < n; i++ {
		*seq++
		u := fmt.Sprintf("https://x.example/storm/%d", *seq)
		m := &model.Mention{DocID: "url:" + u, Brand: brand, Source: "src", SourceType: "feed", URL: u,
			FoundAt: due, Sentiment: model.Negative, Severity: model.SeverityWarning}
		if i < crit {
			m.Severity = model.SeverityCritical
		}
		c.Docs = append(c.Docs, model.Document{ID: "url:" + u, URL: u})
		c.Mentions = append(c.Mentions, m)
	}
	stored, err := st.SaveCrawl(context.Background(), c, func(ctx context.Context, tx *Tx, m *model.Mention) error {
		d := delivery(m, target, FrequencyAsItHappens, due)
		d.Severity = m.Severity
		_, err := InsertDelivery(ctx, tx, d, due)
		return err
	})
	if err != nil || len(stored) != n {
		t.Fatalf("stored %d of %d: %v", len(stored), n, err)
	}
	return stored
}

// sendsByKind counts the sends of brand by kind, and the deliveries of
// each fold.
func sendsByKind(t *testing.T, st *Store, brand string) (map[string]int, []int) {
	t.Helper()
	ctx := context.Background()
	ss, err := st.Sends(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	var folds []int
	for _, s := range ss {
		if s.Brand != brand {
			continue
		}
		kinds[s.Kind]++
		if s.Kind == SendFold {
			ds, err := st.SendDeliveries(ctx, s.ID)
			if err != nil {
				t.Fatal(err)
			}
			folds = append(folds, len(ds))
		}
	}
	return kinds, folds
}

// TestStormFolds: beyond burst single alerts for one target, the rest
// fold into one send per brand; critical ones take the single places
// first and make the fold critical; alerts arriving while the fold is
// pending join it, those after it was sent go into the next fold while
// the storm lasts (BurstWindow), and once it is calm alerts go one by one
// again. Another brand's alerts to the same target, beyond the burst,
// fold into a send of their own.
func TestStormFolds(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		seq := 0
		now := outboxT0
		stormMentions(t, st, &seq, "Acme", 25, 0, now)
		// The critical ones come last in the crawl.
		crit := stormMentions(t, st, &seq, "Acme", 12, 12, now)
		stormMentions(t, st, &seq, "Other", 3, 0, now)
		n, err := st.BatchDeliveriesBurst(ctx, now, 10)
		if err != nil {
			t.Fatal(err)
		}
		kinds, folds := sendsByKind(t, st, "Acme")
		if n != 12 || kinds[SendMention] != 10 || kinds[SendFold] != 1 || len(folds) != 1 || folds[0] != 27 {
			t.Fatalf("created %d sends; Acme: %v, folds %v; want 10 single, one fold of 27, a fold of 3 for Other", n, kinds, folds)
		}
		if k, f := sendsByKind(t, st, "Other"); k[SendMention] != 0 || k[SendFold] != 1 || len(f) != 1 || f[0] != 3 {
			t.Errorf("Other: %v, folds %v; want one fold of 3", k, f)
		}
		ss, _ := st.Sends(ctx)
		critIDs := map[int64]bool{}
		for _, m := range crit {
			critIDs[m.ID] = true
		}
		var fold Send
		for _, s := range ss {
			ds, _ := st.SendDeliveries(ctx, s.ID)
			switch {
			case s.Kind == SendFold && s.Brand == "Acme":
				fold = s
			case s.Kind == SendFold:
			case s.Brand == "Acme" && (len(ds) != 1 || !critIDs[ds[0].MentionID] || s.Urgency != UrgencyCritical):
				t.Errorf("single send %d: %+v, urgency %d; want one of the critical mentions", s.ID, ds, s.Urgency)
			}
		}
		if fold.Urgency != UrgencyCritical {
			t.Errorf("fold urgency %d: it holds 2 critical mentions", fold.Urgency)
		}

		// While the fold is pending (rate limited: refused for certain),
		// new alerts join it.
		if err := st.MarkSendRetry(ctx, fold.ID, now.Add(time.Second), "429", false); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Second)
		stormMentions(t, st, &seq, "Acme", 5, 0, now)
		if n, _ := st.BatchDeliveriesBurst(ctx, now, 10); n != 0 {
			t.Errorf("%d new sends while the fold is pending", n)
		}
		if _, folds := sendsByKind(t, st, "Acme"); len(folds) != 1 || folds[0] != 32 {
			t.Errorf("folds %v, want one of 32", folds)
		}

		// Sent: the storm goes on into the next fold.
		for _, s := range ss {
			if err := st.MarkSendSent(ctx, s.ID, "C1", "1", now); err != nil {
				t.Fatal(err)
			}
		}
		now = now.Add(time.Minute)
		stormMentions(t, st, &seq, "Acme", 4, 0, now)
		st.BatchDeliveriesBurst(ctx, now, 10)
		if kinds, folds := sendsByKind(t, st, "Acme"); kinds[SendMention] != 10 || len(folds) != 2 || folds[1] != 4 {
			t.Errorf("storm goes on: %v, folds %v; want a second fold of 4", kinds, folds)
		}

		// Calm for BurstWindow: one by one again.
		ss, _ = st.Sends(ctx)
		for _, s := range ss {
			st.MarkSendSent(ctx, s.ID, "C1", "1", now)
		}
		now = now.Add(BurstWindow)
		stormMentions(t, st, &seq, "Acme", 3, 0, now)
		st.BatchDeliveriesBurst(ctx, now, 10)
		if kinds, folds := sendsByKind(t, st, "Acme"); kinds[SendMention] != 13 || len(folds) != 2 {
			t.Errorf("after the storm: %v, folds %v; want 3 more singles", kinds, folds)
		}
	})
}

// TestStormCountsTheTarget: alerts.burst counts the as-it-happens
// alerts waiting for one target (a Slack channel), whatever their brand:
// beyond it, each brand's further alerts fold into one send per brand.
// Each target counts on its own, and the singles a target got in the last
// BurstWindow count too.
func TestStormCountsTheTarget(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		seq := 0
		now := outboxT0
		stormMentionsTo(t, st, &seq, "Acme", "#a", 6, 0, now)
		stormMentionsTo(t, st, &seq, "Beta", "#a", 6, 0, now)
		stormMentionsTo(t, st, &seq, "Gamma", "#a", 3, 0, now)
		stormMentionsTo(t, st, &seq, "Acme", "#b", 12, 0, now)
		n, err := st.BatchDeliveriesBurst(ctx, now, 10)
		if err != nil {
			t.Fatal(err)
		}
		if n != 23 { // #a: 10 singles, folds for Beta and Gamma; #b: 10 singles and a fold
			t.Errorf("created %d sends, want 23", n)
		}
		for _, tc := range []struct {
			brand   string
			singles int
			folds   []int
		}{
			{"Acme", 16, []int{2}}, // all 6 on #a; 10 of 12 on #b
			{"Beta", 4, []int{2}},
			{"Gamma", 0, []int{3}},
		} {
			kinds, folds := sendsByKind(t, st, tc.brand)
			if kinds[SendMention] != tc.singles || fmt.Sprint(folds) != fmt.Sprint(tc.folds) {
				t.Errorf("%s: %v, folds %v; want %d singles, folds %v", tc.brand, kinds, folds, tc.singles, tc.folds)
			}
		}

		// Everything sent; a minute later one more alert to #a, which had
		// ten singles in the last BurstWindow, folds — and one to a calm
		// target goes on its own.
		ss, _ := st.Sends(ctx)
		for _, s := range ss {
			if err := st.MarkSendSent(ctx, s.ID, "C1", "1", now); err != nil {
				t.Fatal(err)
			}
		}
		now = now.Add(time.Minute)
		stormMentionsTo(t, st, &seq, "Delta", "#a", 1, 0, now)
		stormMentionsTo(t, st, &seq, "Delta", "#c", 1, 0, now)
		if _, err := st.BatchDeliveriesBurst(ctx, now, 10); err != nil {
			t.Fatal(err)
		}
		if kinds, folds := sendsByKind(t, st, "Delta"); kinds[SendMention] != 1 || fmt.Sprint(folds) != "[1]" {
			t.Errorf("Delta: %v, folds %v; want one single (#c) and a fold of one (#a)", kinds, folds)
		}
	})
}

// TestBurstZeroNeverFolds: alerts.burst 0 sends every alert on its own.
func TestBurstZeroNeverFolds(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		seq := 0
		stormMentions(t, st, &seq, "Acme", 40, 0, outboxT0)
		if n, err := st.BatchDeliveriesBurst(context.Background(), outboxT0, 0); err != nil || n != 40 {
			t.Fatalf("%d sends, %v; want 40", n, err)
		}
		if kinds, _ := sendsByKind(t, st, "Acme"); kinds[SendFold] != 0 {
			t.Errorf("%v", kinds)
		}
	})
}

// TestFoldMax: a storm larger than FoldMax goes on in a new fold.
func TestFoldMax(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		seq := 0
		stormMentions(t, st, &seq, "Acme", FoldMax+15, 0, outboxT0)
		st.BatchDeliveriesBurst(context.Background(), outboxT0, 10)
		if kinds, folds := sendsByKind(t, st, "Acme"); kinds[SendMention] != 10 || len(folds) != 2 || folds[0] != FoldMax || folds[1] != 5 {
			t.Errorf("%v, folds %v", kinds, folds)
		}
	})
}

// TestDueSendsByUrgency: a wave first, then critical sends, then the
// rest, oldest first within each, page by page.
func TestDueSendsByUrgency(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		seq := 0
		stormMentions(t, st, &seq, "Acme", 3, 0, outboxT0)
		stormMentions(t, st, &seq, "Acme", 2, 2, outboxT0)
		err := st.Tx(ctx, func(tx *Tx) error {
			id, _, err := InsertWave(ctx, tx, Wave{Brand: "Acme", StartedAt: outboxT0, Count: 5, Threshold: 5, Payload: "{}"})
			if err != nil {
				return err
			}
			_, err = InsertDelivery(ctx, tx, NewDelivery{Key: "w", WaveID: id, Kind: DeliveryWave, Route: "r",
				Channel: "slack", Target: "#a", Brand: "Acme", Frequency: FrequencyAsItHappens,
				Severity: model.SeverityCritical, DueAt: outboxT0}, outboxT0)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.BatchDeliveries(ctx, outboxT0); err != nil {
			t.Fatal(err)
		}
		var got []string
		var after SendCursor
		for {
			page, err := st.DueSends(ctx, outboxT0, after, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			for _, s := range page {
				got = append(got, fmt.Sprintf("%s%d/%d", s.Kind, s.Urgency, s.ID))
				after = s.After()
			}
		}
		if want := "wave0/6 mention1/4 mention1/5 mention2/1 mention2/2 mention2/3"; strings.Join(got, " ") != want {
			t.Errorf("order %s\nwant  %s", strings.Join(got, " "), want)
		}
	})
}

// TestStormLookupsUseIndexes: the due-send and storm lookups run on every
// pass of the outbox; none may scan the sends or mentions tables.
func TestStormLookupsUseIndexes(t *testing.T) {
	st := openOutbox(t)
	for _, c := range []struct{ query, index string }{
		{dueSendsSQL, "SEARCH sends USING INDEX sends_urgent"},
		{recentSinglesSQL, "USING INDEX sends_recent"},
		{waitingSinglesSQL, "USING INDEX sends_target"},
		{openFoldSQL, "USING INDEX sends_target"},
		{newNegativeSQL, "SEARCH mentions USING INTEGER PRIMARY KEY"},
	} {
		rows, err := st.DB().Query(`EXPLAIN QUERY PLAN `+c.query, 1, 2, 3, 4)
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		joined := strings.Join(plan, "; ")
		if !strings.Contains(joined, c.index) || strings.Contains(joined, "SCAN sends") || strings.Contains(joined, "SCAN mentions") {
			t.Errorf("%s\nplan: %s\nwant %s", c.query, joined, c.index)
		}
	}
}

// TestFollowupNotBeforeItsRoot: a critical follow-up is not sent ahead of
// the thread's first alert it replies to (it would only wait for it);
// once that alert is sent, a critical follow-up is critical again. Within
// a storm's batch a follow-up keeps its place after the first alert.
func TestFollowupNotBeforeItsRoot(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		thread := "https://x.example/t/1"
		seq := 0
		enqueue := func(severity string, followup bool) {
			t.Helper()
			ms := stormMentions(t, st, &seq, "Acme", 1, 0, outboxT0)
			err := st.Tx(ctx, func(tx *Tx) error {
				d := delivery(ms[0], "#t", FrequencyAsItHappens, outboxT0)
				d.Severity, d.Followup, d.ThreadURL = severity, followup, thread
				_, err := InsertDelivery(ctx, tx, d, outboxT0)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		enqueue(model.SeverityInfo, false)
		enqueue(model.SeverityCritical, true)
		if _, err := st.BatchDeliveriesBurst(ctx, outboxT0, 10); err != nil {
			t.Fatal(err)
		}
		due, _ := st.DueSends(ctx, outboxT0, SendCursor{}, 10)
		var got []string
		for _, s := range due {
			if s.Target != "#t" {
				continue
			}
			ds, _ := st.SendDeliveries(ctx, s.ID)
			got = append(got, fmt.Sprintf("%s/%d", ds[0].Severity, s.Urgency))
			if err := st.MarkSendSent(ctx, s.ID, "C1", "1", outboxT0); err != nil {
				t.Fatal(err)
			}
		}
		if strings.Join(got, " ") != "info/2 critical/2" {
			t.Errorf("order %v, want the first alert, then its critical follow-up", got)
		}
		enqueue(model.SeverityCritical, true)
		st.BatchDeliveriesBurst(ctx, outboxT0, 10)
		due, _ = st.DueSends(ctx, outboxT0, SendCursor{}, 10)
		if len(due) == 0 || due[0].Target != "#t" || due[0].Urgency != UrgencyCritical {
			t.Errorf("a critical follow-up of a sent alert is not sent first: %+v", due)
		}
	})
}

// TestBurstMigrationKeepsRecentSends: migration 17 re-keys sends_recent
// on a database that already has sends: the singles a target got under
// schema 16 still count against its burst, whatever their brand, and the
// index no longer names the brand.
func TestBurstMigrationKeepsRecentSends(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		ctx := context.Background()
		loc := newLocation(t, "mw.db")
		old := migrations
		migrations = migrations[:16]
		st, err := Open(ctx, loc, WithClock(func() time.Time { return outboxT0 }))
		migrations = old
		if err != nil {
			t.Fatal(err)
		}
		seq := 0
		stormMentionsTo(t, st, &seq, "Acme", "#a", 10, 0, outboxT0)
		if _, err := st.BatchDeliveriesBurst(ctx, outboxT0, 10); err != nil {
			t.Fatal(err)
		}
		st.Close()

		later := outboxT0.Add(time.Minute)
		st, err = Open(ctx, loc, WithClock(func() time.Time { return later }))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		var cols string
		q := `SELECT group_concat(name, ',') FROM pragma_index_info('sends_recent')`
		if onPostgres(t) {
			q = `SELECT indexdef FROM pg_indexes WHERE indexname = 'sends_recent'`
		}
		if err := st.db.QueryRowContext(ctx, q).Scan(&cols); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(cols, "brand") || !strings.Contains(cols, "created_at") {
			t.Errorf("sends_recent after the migration: %s", cols)
		}
		stormMentionsTo(t, st, &seq, "Beta", "#a", 2, 0, later)
		if _, err := st.BatchDeliveriesBurst(ctx, later, 10); err != nil {
			t.Fatal(err)
		}
		if kinds, folds := sendsByKind(t, st, "Beta"); kinds[SendMention] != 0 || fmt.Sprint(folds) != "[2]" {
			t.Errorf("Beta after Acme's 10 singles under schema 16: %v, folds %v; want one fold of 2", kinds, folds)
		}
		if kinds, _ := sendsByKind(t, st, "Acme"); kinds[SendMention] != 10 {
			t.Errorf("Acme's sends after the migration: %v, want its 10 singles", kinds)
		}
	})
}
