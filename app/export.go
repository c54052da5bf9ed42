package app

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/mentionwatch/mentionwatch/internal/store"
)

// exportBatch is how many mentions GET /api/mentions reads from the store
// and writes at a time.
var exportBatch = 500

// exportMentions writes the mentions f selects as JSON lines, a batch at
// a time: each batch is read from the store after the one before (by the
// cursor of its last mention, as the inbox's pages go), and before it is
// written the connection's write deadline is moved to the server's write
// timeout from now. A long export (limit=0, every mention) therefore
// completes however long it takes in all, while a client that stops
// reading is cut off one write timeout after it stalled. A store error
// after the first batch cuts the answer short (its status is sent).
func (in *inboxServer) exportMentions(w http.ResponseWriter, r *http.Request, f store.InboxFilter) {
	rc := http.NewResponseController(w)
	remaining := f.Limit // 0: all
	enc := json.NewEncoder(w)
	for first := true; ; first = false {
		page := f
		page.Limit = exportBatch
		if remaining > 0 && remaining < exportBatch {
			page.Limit = remaining
		}
		ms, err := in.d.store.InboxMentions(r.Context(), page)
		if err != nil {
			in.log.Error("inbox: listing mentions", "err", err)
			if first {
				jsonError(w, http.StatusInternalServerError, err.Error())
			}
			return
		}
		if first {
			w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
		}
		// Not every writer has a deadline (http.ErrNotSupported): the
		// server's write timeout then holds as it is.
		_ = rc.SetWriteDeadline(time.Now().Add(httpTimeouts.write))
		for _, m := range ms {
			if err := enc.Encode(m.View()); err != nil {
				in.log.Warn("inbox: export cut short: the client stopped reading", "err", err, "addr", clientAddr(r, in.cfg()))
				return
			}
		}
		if remaining > 0 {
			if remaining -= len(ms); remaining <= 0 {
				return
			}
		}
		if len(ms) < page.Limit {
			return
		}
		last := ms[len(ms)-1]
		cur := &store.Cursor{FoundAt: last.FoundAt, ID: last.ID}
		if f.After != nil {
			f.After = cur // oldest first: the next batch is newer
		} else {
			f.Before = cur
		}
		// A writer that cannot flush (a wrapper's) sends the batch with
		// the next ones; only a failed flush ends the export.
		if err := rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return
		}
	}
}
