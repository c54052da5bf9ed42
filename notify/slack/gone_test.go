package slack

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/mentionwatch/mentionwatch/internal/model"
	"github.com/mentionwatch/mentionwatch/internal/store"
	"github.com/mentionwatch/mentionwatch/notify/internal/slackfake"
)

// deleteMention removes mention id from the store, as a retention run or
// a hand-made cleanup does.
func (e *clickEnv) deleteMention(id int64) {
	e.t.Helper()
	if _, err := e.st.DB().ExecContext(e.ctx, `DELETE FROM mentions WHERE id = ?`, id); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.st.Mention(e.ctx, id); err != store.ErrNotFound {
		e.t.Fatalf("mention %d still there: %v", id, err)
	}
}

// vanishingActor finds the mention but loses it before acting: it was
// deleted between the read and the action.
type vanishingActor struct{ Actor }

func (vanishingActor) Act(context.Context, int64, store.Action) (store.Acted, error) {
	return store.Acted{}, store.ErrNotFound
}

// TestClickOnDeletedMention: a click on the alert of a mention no longer
// stored is answered 200 (over HTTP; acknowledged over Socket Mode),
// changes nothing, and the message says the mention is no longer stored,
// without buttons, its content and metadata kept. A click on another
// mention's alert still acts.
func TestClickOnDeletedMention(t *testing.T) {
	for _, tc := range []struct {
		name, way, button string
		race              bool // deleted between the read and the action
	}{
		{"handled over http", "http", ButtonHandled, false},
		{"not about us over http", "http", ButtonFalsePositive, false},
		{"mute over socket mode", "socket", ButtonMuteSource, false},
		{"assign over socket mode", "socket", ButtonAssignMe, false},
		{"deleted while acting", "http", ButtonHandled, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newClickEnv(t, 2)
			click := e.clickHTTP
			if tc.way == "socket" {
				e.startSocket()
				click = e.clickSocket
			}
			gone, kept := e.ids[0], e.ids[1]
			if tc.race {
				e.in.cfg.Actor = vanishingActor{e.st}
			} else {
				e.deleteMention(gone)
			}
			before := e.posts[gone]
			click(gone, tc.button, "anna")
			ups := e.srv.UpdatesOf(before.Channel, before.TS)
			if len(ups) != 1 {
				t.Fatalf("%d chat.update calls, want 1", len(ups))
			}
			s := summarize(t, ups[0].Blocks)
			if len(s.status) != 1 || s.status[0] != goneLine || len(s.buttons) != 0 {
				t.Errorf("status %q, buttons %v; want %q and none", s.status, s.buttons, goneLine)
			}
			if s.all[0]["type"] != "header" || !strings.Contains(string(ups[0].Blocks), "Акме Банк списал деньги дважды") {
				t.Errorf("message lost its content: %s", ups[0].Blocks)
			}
			now, _ := e.srv.Message(before.Channel, before.TS)
			if fmt.Sprint(now.Metadata.EventPayload["mention_ids"]) != fmt.Sprintf("[%d]", gone) {
				t.Errorf("metadata %+v", now.Metadata)
			}
			if muted, err := e.st.MutedSources(e.ctx); err != nil || len(muted) != 0 {
				t.Errorf("muted sources %+v, %v", muted, err)
			}
			if !strings.Contains(e.log.String(), "no longer stored") {
				t.Errorf("log:\n%s", e.log.String())
			}
			if tc.race {
				return
			}
			// The other alert's buttons still act.
			other := e.posts[kept]
			click(kept, ButtonHandled, "anna")
			if m := e.mention(kept); m.Status != model.StatusHandled {
				t.Errorf("other mention %+v", m)
			}
			if ups := e.srv.UpdatesOf(other.Channel, other.TS); len(ups) != 1 ||
				!strings.Contains(texts(ups[0].Blocks), "Handled by @anna") {
				t.Errorf("other alert's updates %+v", ups)
			}
		})
	}
}

// TestClickOnDeletedMentionSlackDown: when chat.update fails, the click
// on a deleted mention is still answered 200 and the failure is logged;
// nothing panics.
func TestClickOnDeletedMentionSlackDown(t *testing.T) {
	e := newClickEnv(t, 1)
	id := e.ids[0]
	e.deleteMention(id)
	e.srv.SetBefore(func(w http.ResponseWriter, r *http.Request, method string) bool {
		if method != "chat.update" {
			return false
		}
		w.WriteHeader(http.StatusInternalServerError)
		return true
	})
	body := slackfake.InteractionBody(e.payload(id, ButtonHandled, "anna", nil))
	if code := e.post(slackfake.InteractionRequest(e.hs.URL, signingSecret, e.clk.Now(), body)); code != http.StatusOK {
		t.Errorf("click answered %d, want 200", code)
	}
	if log := e.log.String(); !strings.Contains(log, "no longer stored") || !strings.Contains(log, "a button click failed") {
		t.Errorf("log:\n%s", log)
	}
}
