package app

import (
	"time"

	"github.com/mentionwatch/mentionwatch/internal/backoff"
	"github.com/mentionwatch/mentionwatch/internal/store"
)

const (
	// conflictRerun is how soon a crawl runs again after its transaction
	// lost to another daemon's more times than the store retries it
	// (store.IsConflict): between half of it and all of it, at random, so
	// that the daemons that collided do not collide again in step.
	conflictRerun = time.Second
	// storeErrorWait is how long a crawl that could not read or write the
	// store waits before running again, on any other error of the store
	// (the database unreachable, a full disk).
	storeErrorWait = time.Minute
)

// afterStoreError returns when a crawl that failed at now on the store
// with err runs again. A lost transaction wrote nothing and says nothing
// of the source: the crawl runs again within conflictRerun, and the
// source's failures are not counted. Other errors wait storeErrorWait.
func afterStoreError(now time.Time, err error) time.Time {
	if store.IsConflict(err) {
		return now.Add(backoff.Jittered(1, conflictRerun, conflictRerun, 0, nil))
	}
	return now.Add(storeErrorWait)
}
