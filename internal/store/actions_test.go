package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// TestActs: each action changes the mention as it says, is recorded with
// its author, and changes nothing when repeated.
func TestActs(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, path := open(t)
		ctx := context.Background()
		m := saveOne(t, s)
		at := t0.Add(14 * time.Minute)
		steps := []struct {
			a       Action
			changed bool
			check   func(model.Mention) bool
		}{
			{Action{Name: model.ActionAssign, Value: "anna", User: "boris"}, true, func(m model.Mention) bool { return m.Assignee == "anna" }},
			{Action{Name: model.ActionAssign, Value: "anna", User: "boris"}, false, func(m model.Mention) bool { return m.Assignee == "anna" }},
			{Action{Name: model.ActionHandled, User: "anna", At: at}, true, func(m model.Mention) bool {
				return m.Status == model.StatusHandled && m.HandledBy == "anna" && m.HandledAt.Equal(at)
			}},
			{Action{Name: model.ActionHandled, User: "boris"}, false, func(m model.Mention) bool { return m.HandledBy == "anna" }},
			{Action{Name: model.ActionReopen, User: "boris"}, true, func(m model.Mention) bool {
				return m.Status == model.StatusNew && m.HandledBy == "" && m.HandledAt.IsZero()
			}},
			{Action{Name: model.ActionSentiment, Value: "neutral", User: "anna"}, true, func(m model.Mention) bool {
				return m.Label == model.Neutral && m.Sentiment == model.Neutral
			}},
			{Action{Name: model.ActionFalsePositive, User: "anna"}, true, func(m model.Mention) bool { return m.Status == model.StatusFalsePositive }},
			{Action{Name: model.ActionNote, Value: "answered by phone", User: "anna"}, true, func(model.Mention) bool { return true }},
			{Action{Name: model.ActionMuteSource, User: "anna"}, true, func(model.Mention) bool { return true }},
			{Action{Name: model.ActionMuteSource, User: "anna"}, false, func(model.Mention) bool { return true }},
		}
		for i, st := range steps {
			got, err := s.Act(ctx, m.ID, st.a)
			if err != nil {
				t.Fatalf("step %d %s: %v", i, st.a.Name, err)
			}
			if got.Changed != st.changed || !st.check(got.Mention) {
				t.Fatalf("step %d %s: changed %v, mention %+v", i, st.a.Name, got.Changed, got.Mention)
			}
		}
		muted, err := s.MutedSources(ctx)
		if err != nil || muted["src"].By != "anna" {
			t.Fatalf("muted = %+v, %v", muted, err)
		}
		if got, err := s.Act(ctx, m.ID, Action{Name: model.ActionUnmuteSource, User: "anna"}); err != nil || !got.Changed {
			t.Fatalf("unmute: %+v %v", got, err)
		}
		hist, err := reopen(t, path).History(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, h := range hist {
			names = append(names, h.Action+":"+h.User)
		}
		want := "[assign:boris handled:anna reopen:boris sentiment:anna false_positive:anna note:anna mute_source:anna unmute_source:anna]"
		if got := fmt.Sprint(names); got != want {
			t.Fatalf("history = %s, want %s", got, want)
		}
		if !hist[1].At.Equal(at) {
			t.Fatalf("handled at %v, want %v", hist[1].At, at)
		}
		// Refused: unknown actions and values, unknown mentions.
		for _, a := range []Action{{Name: "delete"}, {Name: model.ActionSentiment, Value: "angry"}, {Name: model.ActionNote, Value: " "}} {
			if _, err := s.Act(ctx, m.ID, a); !errors.Is(err, ErrBadAction) {
				t.Errorf("%+v: err = %v, want ErrBadAction", a, err)
			}
		}
		if _, err := s.Act(ctx, 999, Action{Name: model.ActionHandled}); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown mention: %v", err)
		}
	})
}

// TestActAnswersAsStored: the mention an action returns is the one a
// later read gives, to the millisecond the store keeps: a time with
// nanoseconds does not come back finer than it is stored.
func TestActAnswersAsStored(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		m := saveOne(t, s)
		for _, at := range []time.Time{t0.Add(14*time.Minute + 123456789), t0.Add(15 * time.Minute)} {
			if _, err := s.Act(ctx, m.ID, Action{Name: model.ActionReopen, User: "anna"}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Act(ctx, m.ID, Action{Name: model.ActionHandled, User: "anna", At: at})
			if err != nil {
				t.Fatal(err)
			}
			read, err := s.Mention(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Mention.HandledAt.Equal(read.HandledAt) || !read.HandledAt.Equal(at.Truncate(time.Millisecond)) {
				t.Errorf("handled at %v: answered %v, read back %v", at, got.Mention.HandledAt, read.HandledAt)
			}
		}
	})
}

// TestActRecordsNoValueForActionsWithout: an action that takes no value
// is recorded with value "", whatever came with it; those that take one
// keep it.
func TestActRecordsNoValueForActionsWithout(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		m := saveOne(t, s)
		for _, a := range []Action{
			{Name: model.ActionHandled, Value: "anna"}, {Name: model.ActionReopen, Value: "x"},
			{Name: model.ActionFalsePositive, Value: "x"}, {Name: model.ActionMuteSource, Value: "another source"},
			{Name: model.ActionUnmuteSource, Value: "x"}, {Name: model.ActionAssign, Value: "anna"},
			{Name: model.ActionSentiment, Value: "neutral"}, {Name: model.ActionNote, Value: "called back"},
		} {
			a.User = "boris"
			if got, err := s.Act(ctx, m.ID, a); err != nil || !got.Changed {
				t.Fatalf("%s: %+v %v", a.Name, got, err)
			}
		}
		hist, err := s.History(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hist {
			got = append(got, h.Action+"="+h.Value)
		}
		want := "[handled= reopen= false_positive= mute_source= unmute_source= assign=anna sentiment=neutral note=called back]"
		if fmt.Sprint(got) != want {
			t.Errorf("history %v, want %s", got, want)
		}
		if muted, _ := s.MutedSources(ctx); len(muted) != 0 {
			t.Errorf("muted after the undo: %v", muted)
		}
	})
}

// TestActSentimentLabelInAnyCase: the sentiment action takes a label in
// any case, with spaces around, and records it as the label is written;
// anything else is refused.
func TestActSentimentLabelInAnyCase(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		m := saveOne(t, s)
		for _, c := range []struct{ value, want string }{
			{"Positive", model.Positive}, {" NEUTRAL ", model.Neutral}, {"negative", model.Negative},
		} {
			got, err := s.Act(ctx, m.ID, Action{Name: model.ActionSentiment, Value: c.value, User: "anna"})
			if err != nil || got.Mention.Label != c.want || got.Mention.Sentiment != c.want {
				t.Errorf("%q: %+v %v", c.value, got.Mention, err)
			}
		}
		for _, v := range []string{"", "angry", "негатив", "negative!"} {
			if _, err := s.Act(ctx, m.ID, Action{Name: model.ActionSentiment, Value: v, User: "anna"}); !errors.Is(err, ErrBadAction) {
				t.Errorf("%q: err = %v, want ErrBadAction", v, err)
			}
		}
		hist, err := s.History(ctx, m.ID)
		if err != nil || len(hist) != 3 || hist[0].Value != model.Positive || hist[1].Value != model.Neutral {
			t.Errorf("history %+v %v", hist, err)
		}
	})
}

// TestActNoteBounds: a note needs a text and takes at most MaxNote
// characters (Cyrillic counts by character, not byte).
func TestActNoteBounds(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		s, _ := open(t)
		ctx := context.Background()
		m := saveOne(t, s)
		for _, c := range []struct {
			note string
			ok   bool
		}{
			{"перезвонили", true},
			{strings.Repeat("ж", MaxNote), true},
			{strings.Repeat("ж", MaxNote+1), false},
			{strings.Repeat("x", 1<<20), false},
			{"", false},
			{" \n\t ", false},
		} {
			_, err := s.Act(ctx, m.ID, Action{Name: model.ActionNote, Value: c.note, User: "anna"})
			if c.ok != (err == nil) || (!c.ok && !errors.Is(err, ErrBadAction)) {
				t.Errorf("note of %d characters: err = %v", len([]rune(c.note)), err)
			}
		}
		hist, err := s.History(ctx, m.ID)
		if err != nil || len(hist) != 2 || len([]rune(hist[1].Value)) != MaxNote {
			t.Errorf("history: %d entries, %v", len(hist), err)
		}
	})
}

// TestActOnceAcrossDaemons: people on two daemons sharing one database
// close the same mention at once: one of them closes it, the others
// change nothing and learn who did; the history holds one entry, and a
// source muted from both is muted once.
func TestActOnceAcrossDaemons(t *testing.T) {
	eachBackend(t, func(t *testing.T) {
		a, path := open(t)
		b := reopen(t, path)
		ctx := context.Background()
		m := saveOne(t, a)
		for _, name := range []string{model.ActionHandled, model.ActionMuteSource} {
			type result struct {
				user  string
				acted Acted
				err   error
			}
			results := make(chan result, 8)
			var wg sync.WaitGroup
			for i := range 8 {
				st := []*Store{a, b}[i%2]
				user := fmt.Sprintf("user%d", i)
				wg.Add(1)
				go func() {
					defer wg.Done()
					acted, err := st.Act(ctx, m.ID, Action{Name: name, User: user, Via: "inbox"})
					results <- result{user, acted, err}
				}()
			}
			wg.Wait()
			close(results)
			var winners []string
			for r := range results {
				if r.err != nil {
					t.Fatalf("%s by %s: %v", name, r.user, r.err)
				}
				if r.acted.Changed {
					winners = append(winners, r.user)
				} else if name == model.ActionHandled && r.acted.Before.HandledBy == "" {
					t.Errorf("%s: unchanged, but the mention was not handled before: %+v", r.user, r.acted.Before)
				}
			}
			if len(winners) != 1 {
				t.Fatalf("%s: changed by %v, want one", name, winners)
			}
			if name == model.ActionHandled {
				got, err := b.Mention(ctx, m.ID)
				if err != nil || got.HandledBy != winners[0] || got.Status != model.StatusHandled {
					t.Errorf("mention %+v %v, want handled by %s", got, err, winners[0])
				}
			}
		}
		hist, err := a.History(ctx, m.ID)
		if err != nil || len(hist) != 2 {
			t.Errorf("history %+v %v, want one handled and one mute", hist, err)
		}
	})
}

// saveOne saves a crawl of the source "src" with one document, d1, and
// its mention of Acme, and returns the mention.
func saveOne(t *testing.T, s *Store) *model.Mention {
	t.Helper()
	m := mention("d1", "Acme")
	if _, err := s.SaveCrawl(context.Background(), &Crawl{State: SourceState{Name: "src"}, Docs: []model.Document{doc("d1", "")}, Mentions: []*model.Mention{m}}, nil); err != nil {
		t.Fatal(err)
	}
	return m
}
