package slack

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/clock"
	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

// fuzzActor is an Actor whose every mention exists and is new; it
// records the actions it is asked for.
type fuzzActor struct {
	mu    sync.Mutex
	acted []store.Action
	ids   []int64
}

func (a *fuzzActor) Mention(_ context.Context, id int64) (model.Mention, error) {
	return model.Mention{ID: id, Brand: "Acme", Status: model.StatusNew, FoundAt: t0}, nil
}

func (a *fuzzActor) Act(_ context.Context, id int64, act store.Action) (store.Acted, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.acted, a.ids = append(a.acted, act), append(a.ids, id)
	m := model.Mention{ID: id, Brand: "Acme", Status: model.StatusNew, FoundAt: t0}
	before := m
	switch act.Name {
	case model.ActionHandled:
		m.Status = model.StatusHandled
	case model.ActionFalsePositive:
		m.Status = model.StatusFalsePositive
	case model.ActionAssign:
		m.Assignee = act.Value
	}
	return store.Acted{Mention: m, Before: before, Changed: true}, nil
}

// FuzzInteraction parses interaction payloads as Slack sends them (the
// payload form field) and acts on them, against a Web API that answers
// every call with an error, so the click's own copy of the message is the
// one rewritten. Neither may panic; an action is taken only for one of
// our buttons, by a user, on the mention its value names.
func FuzzInteraction(f *testing.F) {
	for _, s := range []string{
		`{"type":"block_actions","user":{"id":"U1","username":"anna"},"container":{"channel_id":"C1","message_ts":"1700000000.000100"},"actions":[{"action_id":"handled","block_id":"mw_actions","value":"42","action_ts":"1700000001.1"}],"message":{"ts":"1700000000.000100","text":"t","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"x"}},{"type":"actions","block_id":"mw_actions","elements":[{"type":"button","action_id":"handled","value":"42","text":{"type":"plain_text","text":"ok"}}]}]}}`,
		`{"type":"block_actions","user":{"name":"boris"},"channel":{"id":"C1"},"message":{"ts":"1.2"},"actions":[{"action_id":"assign_me","value":" 7 "}]}`,
		`{"type":"block_actions","user":{"id":"U1"},"container":{"channel_id":"C1","message_ts":"1.2","thread_ts":"1.1"},"actions":[{"action_id":"mute_source","value":"-1"},null,{"action_id":"other","value":"3"}]}`,
		`{"type":"view_submission","user":{"id":"U1"}}`,
		`{"type":"block_actions","actions":{}}`,
	} {
		f.Add(s)
	}
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":false,"error":"channel_not_found"}`)
	}))
	f.Cleanup(api.Close)
	f.Fuzz(func(t *testing.T, payload string) {
		cb, err := parseInteraction([]byte(payload))
		if err != nil {
			return
		}
		actor := &fuzzActor{}
		in, err := NewInteractor(InteractConfig{Token: "xoxb-fuzz", APIURL: api.URL + "/", Actor: actor,
			HTTPClient: api.Client(), Clock: clock.NewFake(t0)})
		if err != nil {
			t.Fatal(err)
		}
		_ = in.Act(context.Background(), &cb)
		for i, act := range actor.acted {
			if act.User == "" || act.Via != "slack" || actor.ids[i] <= 0 {
				t.Fatalf("action %+v on mention %d", act, actor.ids[i])
			}
			found := false
			for _, a := range cb.ActionCallback.BlockActions {
				if a != nil && slices.Contains(Buttons, a.ActionID) && a.Value != "" {
					if id, err := strconv.ParseInt(strings.TrimSpace(a.Value), 10, 64); err == nil && id == actor.ids[i] {
						found = true
					}
				}
			}
			if !found {
				t.Fatalf("mention %d acted on, not named by a button of ours: %s", actor.ids[i], payload)
			}
		}
	})
}
