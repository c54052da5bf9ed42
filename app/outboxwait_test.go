package app

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// waitOutboxEmpty kicks d's outbox worker until every delivery is
// recorded as sent, and fails the test when the outbox still holds some
// after patience; detail, when not nil, adds to the failure what the test
// saw (its output, its log).
func waitOutboxEmpty(ctx context.Context, t *testing.T, d *Daemon, detail func() string) {
	t.Helper()
	for end := time.Now().Add(patience); ; {
		entries, err := d.Store().OutboxEntries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) == 0 {
			return
		}
		if time.Now().After(end) {
			more := ""
			if detail != nil {
				more = "\n" + detail()
			}
			t.Fatalf("outbox not empty: %+v%s", entries, more)
		}
		d.kick()
		runtime.Gosched()
	}
}
