package digest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/mentionwatch/mentionwatch/notify/email"
)

// classified is an error that says whether it is temporary, as
// *email.Error does.
type classified bool

func (c classified) Error() string   { return fmt.Sprintf("temporary=%v", bool(c)) }
func (c classified) Temporary() bool { return bool(c) }

// TestPermanent: only an error that says it is not temporary (a 5xx
// reply) stops the retries; a temporary one, an unclassified one (a
// store error) and a cancelled context go on being retried.
func TestPermanent(t *testing.T) {
	var _ interface{ Temporary() bool } = (*email.Error)(nil)
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{classified(false), true},
		{fmt.Errorf("digest: send: %w", classified(false)), true},
		{classified(true), false},
		{fmt.Errorf("digest: send: %w", classified(true)), false},
		{errors.New("store: database is locked"), false},
		{context.Canceled, false},
	} {
		if got := permanent(tc.err); got != tc.want {
			t.Errorf("permanent(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
