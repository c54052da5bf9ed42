package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestReadsAnswerTheSame: the store's lookups not covered by the other
// tests give the same answers on both engines — tags, names, a mention's
// deliveries, thread roots, negative events and waves, daily volume,
// watermarks, score updates.
func TestReadsAnswerTheSame(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		st := openOutbox(t)
		ctx := context.Background()
		thread := "https://forum.example/t/1"
		mk := func(id, brand, sentiment string, tags []string, found time.Time) *model.Mention {
			m := mention(id, brand)
			m.Sentiment, m.Tags, m.FoundAt, m.ThreadURL, m.Author = sentiment, tags, found, thread, "anna"
			m.PublishedAt = found.Add(-time.Hour)
			return m
		}
		ms := []*model.Mention{
			mk("a", "Acme", model.Negative, []string{"complaint", "fraud"}, outboxT0.Add(-25*time.Hour)),
			mk("b", "Acme", model.Neutral, []string{"question"}, outboxT0.Add(-time.Hour)),
			mk("c", "Globex", model.Negative, nil, outboxT0),
		}
		c := &Crawl{State: SourceState{Name: "src"}, Mentions: ms}
		for _, m := range ms {
			c.Docs = append(c.Docs, doc(m.DocID, ""))
		}
		if _, err := st.SaveCrawl(ctx, c, func(ctx context.Context, tx *Tx, m *model.Mention) error {
			if m.DocID == "c" {
				return nil
			}
			d := delivery(m, "#a", FrequencyAsItHappens, m.FoundAt)
			d.ThreadURL, d.Followup = thread, m.DocID == "b"
			if others, err := ThreadAlerted(ctx, tx, m.Brand, thread, m.ID); err != nil {
				return err
			} else if m.DocID == "b" && (len(others) != 1 || others[0] != (ThreadTarget{Route: "r", Channel: "slack", Target: "#a"})) {
				t.Errorf("ThreadAlerted = %+v", others)
			}
			_, err := InsertDelivery(ctx, tx, d, m.FoundAt)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		a, b, cm := ms[0], ms[1], ms[2]

		if tags, err := st.MentionTags(ctx); err != nil || !slices.Equal(tags, []string{"complaint", "fraud", "question"}) {
			t.Errorf("MentionTags = %v, %v", tags, err)
		}
		if v, err := st.MentionBrands(ctx); err != nil || !slices.Equal(v, []string{"Acme", "Globex"}) {
			t.Errorf("MentionBrands = %v, %v", v, err)
		}
		if v, err := st.MentionSources(ctx); err != nil || !slices.Equal(v, []string{"src"}) {
			t.Errorf("MentionSources = %v, %v", v, err)
		}
		if v, err := st.MentionAssignees(ctx); err != nil || len(v) != 0 {
			t.Errorf("MentionAssignees = %v, %v", v, err)
		}
		if m, err := st.Mention(ctx, a.ID); err != nil || m.DocID != "a" || !slices.Equal(m.Tags, a.Tags) || m.Negativity != 0.8 {
			t.Errorf("Mention = %+v, %v", m, err)
		}
		if _, err := st.Mention(ctx, 999999); err != ErrNotFound {
			t.Errorf("Mention(unknown) = %v", err)
		}
		if by, err := st.MentionsByID(ctx, []int64{a.ID, cm.ID}); err != nil || len(by) != 2 || by[cm.ID].Brand != "Globex" {
			t.Errorf("MentionsByID = %v, %v", by, err)
		}
		if of, err := st.MentionsOfDocs(ctx, []string{"b", "c", "none"}); err != nil || len(of) != 2 || of["b"][0].ID != b.ID {
			t.Errorf("MentionsOfDocs = %v, %v", of, err)
		}
		if n, err := st.CountMentions(ctx, outboxT0.Add(-2*time.Hour)); err != nil || n != 2 {
			t.Errorf("CountMentions = %d, %v", n, err)
		}
		if am, err := st.AuthorMentions(ctx, "anna", a.ID, 10); err != nil || len(am) != 2 || am[0].ID != cm.ID {
			t.Errorf("AuthorMentions = %v, %v", am, err)
		}
		if f, err := st.FirstFound(ctx, "Acme"); err != nil || !f.Equal(a.FoundAt) {
			t.Errorf("FirstFound = %v, %v", f, err)
		}
		if id, err := st.LastMentionID(ctx); err != nil || id != cm.ID {
			t.Errorf("LastMentionID = %d, %v", id, err)
		}
		if brands, last, err := st.NewNegativeBrands(ctx, a.ID); err != nil || !slices.Equal(brands, []string{"Globex"}) || last != cm.ID {
			t.Errorf("NewNegativeBrands = %v %d, %v", brands, last, err)
		}
		if brands, err := st.NegativeBrands(ctx, outboxT0.Add(-48*time.Hour)); err != nil || !slices.Equal(brands, []string{"Acme", "Globex"}) {
			t.Errorf("NegativeBrands = %v, %v", brands, err)
		}
		if ev, err := st.NegativeEvents(ctx, "Acme", outboxT0.Add(-48*time.Hour)); err != nil || len(ev) != 1 ||
			ev[0].MentionID != a.ID || !ev[0].At.Equal(a.PublishedAt) {
			t.Errorf("NegativeEvents = %+v, %v", ev, err)
		}
		vol, err := st.Volume(ctx, outboxT0.Add(-48*time.Hour), outboxT0.Add(time.Minute), time.UTC)
		if err != nil || len(vol) != 3 || vol[0].Brand != "Acme" || vol[0].Count != 1 || vol[0].Negative != 1 ||
			vol[1].Count != 1 || vol[1].Negative != 0 || vol[2].Brand != "Globex" || vol[2].Negative != 1 {
			t.Errorf("Volume = %+v, %v", vol, err)
		}

		if _, err := st.BatchDeliveries(ctx, outboxT0); err != nil {
			t.Fatal(err)
		}
		if ds, err := st.MentionDeliveries(ctx, a.ID); err != nil || len(ds) != 1 || ds[0].Target != "#a" || ds[0].Status != OutboxQueued {
			t.Errorf("MentionDeliveries = %+v, %v", ds, err)
		}
		root, ok, err := st.ThreadRoot(ctx, "Acme", thread, "slack", "#a")
		if err != nil || !ok {
			t.Fatalf("ThreadRoot: %v %v", ok, err)
		}
		if pending, err := st.ThreadRootPending(ctx, "Acme", thread, "slack", "#a"); err != nil || pending {
			t.Errorf("ThreadRootPending = %v, %v", pending, err)
		}
		if err := st.DeferSend(ctx, root.ID, outboxT0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if sd, err := st.SendByID(ctx, root.ID); err != nil || !sd.NextAttempt.Equal(outboxT0.Add(time.Hour)) {
			t.Errorf("after DeferSend: %+v, %v", sd, err)
		}

		var w int64
		if err := st.Tx(ctx, func(tx *Tx) error {
			var err error
			w, _, err = InsertWave(ctx, tx, Wave{Brand: "Globex", StartedAt: outboxT0, Count: 3, Threshold: 2.5, Payload: `{"x":1}`})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if got, err := st.WaveByID(ctx, w); err != nil || got.Brand != "Globex" || got.Threshold != 2.5 || got.Payload != `{"x":1}` {
			t.Errorf("WaveByID = %+v, %v", got, err)
		}

		cm.Sentiment, cm.Severity, cm.Tags, cm.Replies = model.Positive, model.SeverityInfo, []string{"praise"}, 7
		if err := st.UpdateScores(ctx, cm, func(ctx context.Context, tx *Tx, m *model.Mention) error {
			_, err := InsertDelivery(ctx, tx, delivery(m, "#b", FrequencyAsItHappens, outboxT0), outboxT0)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if m, err := st.Mention(ctx, cm.ID); err != nil || m.Sentiment != model.Positive || m.Replies != 7 || !slices.Equal(m.Tags, []string{"praise"}) {
			t.Errorf("after UpdateScores: %+v, %v", m, err)
		}
		if ds, err := st.MentionDeliveries(ctx, cm.ID); err != nil || len(ds) != 1 || ds[0].Target != "#b" {
			t.Errorf("UpdateScores enqueued %+v, %v", ds, err)
		}
	})
}
