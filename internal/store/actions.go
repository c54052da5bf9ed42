package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mentionwatch/mentionwatch/internal/model"
)

// ErrBadAction is an action the store does not know, or a value it does
// not take; the error wrapping it says which.
var ErrBadAction = errors.New("bad action")

// MaxNote is the longest note, in characters, that a mention's history
// takes: every read of the mention carries its notes.
const MaxNote = 10000

// Action is what a person does to a mention.
type Action struct {
	Name  string // one of model.Action…
	Value string
	User  string
	Via   string // "inbox", "api", "slack"
	At    time.Time
}

// Acted is the outcome of an action.
type Acted struct {
	Mention model.Mention
	// Changed is false when the action changed nothing: handled twice,
	// assigned to whom it was already assigned. Nothing is recorded then,
	// and Before says who did it first.
	Changed bool
	// Before is the mention as it was.
	Before model.Mention
}

// Act applies a to the mention id and records it in the mention's
// history, in one transaction. It returns ErrNotFound for an unknown
// mention and an error wrapping ErrBadAction for an unknown action or a
// value it does not take.
func (s *Store) Act(ctx context.Context, id int64, a Action) (Acted, error) {
	if a.At.IsZero() {
		a.At = s.now()
	}
	a.At = a.At.Truncate(time.Millisecond) // as stored: the answer is what a read gives
	a.User = strings.TrimSpace(a.User)
	if !TakesValue(a.Name) {
		a.Value = "" // what the history records: the action took none
	}
	if a.Name == model.ActionSentiment {
		a.Value = strings.ToLower(strings.TrimSpace(a.Value)) // a label, in any case
	}
	var out Acted
	err := s.Tx(ctx, func(tx *Tx) error {
		m, err := scanMention(tx.QueryRowContext(ctx, `SELECT `+mentionCols+` FROM mentions WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: mention %d: %w", id, err)
		}
		out = Acted{Mention: m, Before: m}
		changed, err := apply(ctx, tx, &out.Mention, a)
		if err != nil || !changed {
			return err
		}
		out.Changed = true
		n := &out.Mention
		if _, err := tx.ExecContext(ctx, `UPDATE mentions SET status = ?, assignee = ?, handled_by = ?,
			handled_at = ?, label = ?, sentiment = ? WHERE id = ?`,
			n.Status, n.Assignee, n.HandledBy, toMillis(n.HandledAt), n.Label, n.Sentiment, id); err != nil {
			return fmt.Errorf("store: update mention %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mention_actions (mention_id, at, "user", action, value, via)
			VALUES (?, ?, ?, ?, ?, ?)`, id, a.At.UnixMilli(), a.User, a.Name, a.Value, a.Via); err != nil {
			return fmt.Errorf("store: record action: %w", err)
		}
		return nil
	})
	return out, err
}

// apply changes m as a says, inside tx; false when nothing changes.
func apply(ctx context.Context, tx *Tx, m *model.Mention, a Action) (bool, error) {
	closeAs := func(status string) bool {
		if m.Status == status {
			return false
		}
		m.Status, m.HandledBy, m.HandledAt = status, a.User, a.At
		return true
	}
	switch a.Name {
	case model.ActionHandled:
		return closeAs(model.StatusHandled), nil
	case model.ActionFalsePositive:
		return closeAs(model.StatusFalsePositive), nil
	case model.ActionReopen:
		if m.Status == model.StatusNew {
			return false, nil
		}
		m.Status, m.HandledBy, m.HandledAt = model.StatusNew, "", time.Time{}
		return true, nil
	case model.ActionAssign:
		v := strings.TrimSpace(a.Value)
		if m.Assignee == v {
			return false, nil
		}
		m.Assignee = v
		return true, nil
	case model.ActionSentiment:
		switch a.Value {
		case model.Negative, model.Neutral, model.Positive:
		default:
			return false, fmt.Errorf("%w: sentiment takes negative, neutral or positive (got %q)", ErrBadAction, a.Value)
		}
		if m.Label == a.Value {
			return false, nil
		}
		m.Label, m.Sentiment = a.Value, a.Value
		return true, nil
	case model.ActionNote:
		if strings.TrimSpace(a.Value) == "" {
			return false, fmt.Errorf("%w: a note needs a text", ErrBadAction)
		}
		if n := utf8.RuneCountInString(a.Value); n > MaxNote {
			return false, fmt.Errorf("%w: a note is at most %d characters (got %d)", ErrBadAction, MaxNote, n)
		}
		return true, nil
	case model.ActionMuteSource:
		res, err := tx.ExecContext(ctx, `INSERT INTO muted_sources (source, muted_by, muted_at) VALUES (?, ?, ?)
			ON CONFLICT(source) DO NOTHING`, m.Source, a.User, a.At.UnixMilli())
		if err != nil {
			return false, fmt.Errorf("store: mute source: %w", err)
		}
		n, _ := res.RowsAffected()
		return n > 0, nil
	case model.ActionUnmuteSource:
		res, err := tx.ExecContext(ctx, `DELETE FROM muted_sources WHERE source = ?`, m.Source)
		if err != nil {
			return false, fmt.Errorf("store: unmute source: %w", err)
		}
		n, _ := res.RowsAffected()
		return n > 0, nil
	}
	return false, fmt.Errorf("%w: unknown action %q (known: %s)", ErrBadAction, a.Name, strings.Join(Actions(), ", "))
}

// TakesValue reports whether the action named takes a value: assign (a
// user name), sentiment (a label) and note (a text). Act ignores the
// value of the others, and records none.
func TakesValue(action string) bool {
	switch action {
	case model.ActionAssign, model.ActionSentiment, model.ActionNote:
		return true
	}
	return false
}

// Actions lists the action names Act takes.
func Actions() []string {
	return []string{model.ActionHandled, model.ActionReopen, model.ActionFalsePositive, model.ActionAssign,
		model.ActionSentiment, model.ActionNote, model.ActionMuteSource, model.ActionUnmuteSource}
}

// History returns a mention's actions, oldest first.
func (s *Store) History(ctx context.Context, id int64) ([]model.ActionRecord, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT at, "user", action, value, via FROM mention_actions
		WHERE mention_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	defer rows.Close()
	out := []model.ActionRecord{}
	for rows.Next() {
		var r model.ActionRecord
		var at int64
		if err := rows.Scan(&at, &r.User, &r.Action, &r.Value, &r.Via); err != nil {
			return nil, fmt.Errorf("store: history: %w", err)
		}
		r.At = time.UnixMilli(at).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// MutedSource is a source whose mentions are stored but not alerted.
type MutedSource struct {
	Source string
	By     string
	At     time.Time
}

// MutedSources returns the muted sources by name.
func (s *Store) MutedSources(ctx context.Context) (map[string]MutedSource, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT source, muted_by, muted_at FROM muted_sources`)
	if err != nil {
		return nil, fmt.Errorf("store: muted sources: %w", err)
	}
	defer rows.Close()
	out := map[string]MutedSource{}
	for rows.Next() {
		var m MutedSource
		var at int64
		if err := rows.Scan(&m.Source, &m.By, &at); err != nil {
			return nil, fmt.Errorf("store: muted sources: %w", err)
		}
		m.At = time.UnixMilli(at).UTC()
		out[m.Source] = m
	}
	return out, rows.Err()
}
